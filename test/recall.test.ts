/**
 * Nothing missed: every line that names a retired id, in code, config, docs or
 * a URL, is fixed or reported with its role; and what is only reported stays
 * byte for byte (precision first). Each case runs through both adapters.
 */
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../src/catalog/index.js';
import { planNonCode } from '../src/engine.js';
import { comparable, planWithEstree, planWithTsMorph } from './support/plan.js';

/** `role fix severity surface` of each finding, and the fixed text, through both adapters (which must agree). */
function plan(code: string, file = 'input.ts') {
  const viaTs = planWithTsMorph(code, { now: '2026-12-02' }, file);
  if (/\.[cm]?[jt]sx?$/.test(file)) {
    const viaEstree = planWithEstree(code, { now: '2026-12-02' }, false, file);
    expect(comparable(viaEstree.findings)).toEqual(comparable(viaTs.findings));
    expect(viaEstree.output).toBe(viaTs.output);
  }
  return { findings: viaTs.findings.map((f) => `${f.role} ${f.fix} ${f.severity} ${f.surface}`), messages: viaTs.findings.map((f) => f.message), output: viaTs.output };
}

describe('a model in a provider REST URL', () => {
  it("fal's REST endpoint, sent by fetch (directly or through a constant), moves to fal's gpt-image-2 endpoint", () => {
    const direct = `await fetch('https://fal.run/fal-ai/gpt-image-1/text-to-image', { method: 'POST', body: JSON.stringify({ prompt, image_size: 'square' }) });\n`;
    expect(plan(direct)).toMatchObject({ findings: ['api-argument auto error fal'], output: direct.replace('fal-ai/gpt-image-1/text-to-image', 'openai/gpt-image-2') });
    const viaConst = `const FAL_URL = 'https://fal.run/fal-ai/gpt-image-1/edit-image';\nexport const edit = (body: string) => fetch(FAL_URL, { method: 'POST', body });\n`;
    expect(plan(viaConst)).toMatchObject({ findings: ['api-argument auto error fal'], output: viaConst.replace('fal-ai/gpt-image-1/edit-image', 'openai/gpt-image-2/edit') });
  });

  it("fal's endpoints of gpt-image-1.5 and gpt-image-1-mini move to its gpt-image-2 endpoints; a BYOK endpoint, with no known gpt-image-2 spelling, is reported (round 4: boards, qcut, pivotpyramid)", () => {
    const code = `import { fal } from '@fal-ai/client';\nexport const a = (prompt: string) => fal.subscribe('fal-ai/gpt-image-1.5', { input: { prompt } });\nexport const b = (prompt: string, image_urls: string[]) => fal.subscribe('fal-ai/gpt-image-1-mini/edit', { input: { prompt, image_urls } });\nexport const c = (prompt: string, key: string) => fal.subscribe('fal-ai/gpt-image-1/text-to-image/byok', { input: { prompt, openai_api_key: key } });\n`;
    const result = plan(code);
    expect(result.findings).toEqual(['api-argument auto error fal', 'api-argument auto error fal', 'api-argument manual error fal']);
    expect(result.messages[2]).toMatch(/knows no spelling of 'gpt-image-2' on fal/);
    expect(result.output).toBe(code.replace("'fal-ai/gpt-image-1.5'", "'openai/gpt-image-2'").replace("'fal-ai/gpt-image-1-mini/edit'", "'openai/gpt-image-2/edit'"));
  });

  it("fal's queue is reported: its status and result URLs carry the old namespace too", () => {
    const code = `const submit = await fetch('https://queue.fal.run/fal-ai/gpt-image-1/text-to-image', { method: 'POST', body });\nconst status = await fetch(\`https://queue.fal.run/fal-ai/gpt-image-1/requests/\${id}/status\`);\n`;
    const result = plan(code);
    expect(result.findings).toEqual(['api-argument manual error fal']);
    expect(result.messages[0]).toMatch(/status and result URLs/);
    expect(result.output).toBe(code);
  });

  it("Replicate's model predictions URL is fixed; with a background the target treats differently, reported", () => {
    const code = `await fetch('https://api.replicate.com/v1/models/openai/gpt-image-1/predictions', { method: 'POST', body: JSON.stringify({ input: { prompt } }) });\n`;
    expect(plan(code)).toMatchObject({ findings: ['api-argument auto error replicate'], output: code.replace('openai/gpt-image-1/', 'openai/gpt-image-2/') });
    const transparent = code.replace('{ prompt }', "{ prompt, background: 'transparent' }");
    expect(plan(transparent)).toMatchObject({ findings: ['api-argument manual error replicate'], output: transparent });
  });

  it('a provider URL no call sends (a link, a constant nobody fetches) is reported, not rewritten', () => {
    const code = `export const docs = 'https://fal.run/fal-ai/gpt-image-1/text-to-image';\n`;
    expect(plan(code)).toEqual({ findings: ['api-argument manual error fal'], messages: [expect.stringMatching(/no call in this file/)], output: code });
  });

  it('another path that merely contains an id is not one', () => {
    const code = `await fetch('https://example.com/v1/gpt-image-1/status');\nconst file = 'assets/gpt-image-1/cat.png';\n`;
    expect(plan(code).findings).toEqual([]);
  });
});

describe('endpoint paths in documentation', () => {
  it('an Azure deployment path, a fal URL and a Replicate URL in prose are info, never rewritten', () => {
    const doc = 'POST `/openai/deployments/gpt-image-1/images/generations?api-version=2025-04-01-preview`.\nOr https://fal.run/fal-ai/gpt-image-1/text-to-image. Or https://api.replicate.com/v1/models/openai/gpt-image-1.5/predictions\n';
    const result = plan(doc, 'docs/azure.md');
    expect(result.findings).toEqual(['doc manual info docs', 'doc manual info docs', 'doc manual info docs']);
    expect(result.messages[0]).toMatch(/Azure deployment in an endpoint path/);
    expect(result.output).toBe(doc);
  });
});

describe('configuration files', () => {
  it('a comment naming an id is info; the setting beside it keeps its own decision', () => {
    const env = '# gpt-image-1 until the switch\nIMAGE_MODEL=gpt-image-1 # old\n';
    expect(plan(env, '.env').findings).toEqual(['config manual info config', 'config manual error config']);
    const compose = 'services:\n  app:\n    environment:\n      # was dall-e-3\n      - IMAGE_MODEL=${IMAGE_MODEL:-gpt-image-1}\n';
    expect(plan(compose, 'docker-compose.yml').findings).toEqual(['config manual info config', 'config manual error config']);
  });

  it("Bicep, where an azd template deploys the image model, is read: its ids are Azure deployments, reported (a comment's, info), never rewritten", () => {
    const bicep = "// image model: gpt-image-1 until the switch\n@allowed(['gpt-image-1', 'dall-e-3'])\nparam imageModelName string = 'gpt-image-1'\nresource img 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {\n  properties: { model: { format: 'OpenAI', name: imageModelName, version: '2025-04-15' } }\n}\n";
    const result = plan(bicep, 'infra/main.bicep');
    expect(result.findings).toEqual(['doc manual info azure', 'deployment manual error azure', 'deployment manual error azure', 'deployment manual error azure']);
    expect(result.messages[1]).toMatch(/infrastructure code \(Bicep\).*deploy gpt-image-2 with its own model version/);
    expect(result.output).toBe(bicep);
    expect(plan("using './main.bicep'\nparam imageModelName = 'dall-e-3'\n", 'infra/main.bicepparam').findings).toEqual(['deployment manual error azure']);
  });

  it('with --azure-deployment-map, an .env deployment setting is renamed to the deployment the map names, and its message says so', () => {
    const env = 'AZURE_OPENAI_IMAGE_DEPLOYMENT=gpt-image-1\n';
    const mapped = planWithTsMorph(env, { now: '2026-12-02', azureDeploymentMap: 'gpt-image-1=img2-deploy' }, '.env');
    expect(mapped.output).toBe('AZURE_OPENAI_IMAGE_DEPLOYMENT=img2-deploy\n');
    expect(mapped.findings.map((f) => f.message)).toEqual([expect.stringMatching(/Rewrites it to the deployment 'img2-deploy'\.$/)]);
  });

  it('an Azure deployment setting named after a retired model is reported with the Azure guidance', () => {
    const env = 'AZURE_OPENAI_IMAGE_DEPLOYMENT=gpt-image-1-deployment\nAZURE_OPENAI_API_KEY=abc\n';
    const result = plan(env, '.env');
    expect(result.findings).toEqual(['deployment manual warning azure']);
    expect(result.messages[0]).toMatch(/create a gpt-image-2 deployment and point AZURE_OPENAI_IMAGE_DEPLOYMENT at it/);
    expect(result.output).toBe(env);
  });
});

describe('declaration files', () => {
  it('a hand-written .d.ts is read like code; one the compiler emitted is passed over with its reason', async () => {
    const { cleanTempDirs, cli, tempDir, writeFiles } = await import('./support/cli.js');
    try {
      const dir = tempDir();
      writeFiles(dir, {
        'src/env.d.ts': "declare module 'image-config' {\n  export type ImageModel = 'gpt-image-1' | 'dall-e-3';\n}\n",
        'lib/mapped.d.ts': "export declare const model: 'gpt-image-1';\n//# sourceMappingURL=mapped.d.ts.map\n",
        'lib/gen.d.ts': "export declare function gen(model: 'dall-e-3'): void;\n",
        'lib/gen.js': 'exports.gen = () => {};\n',
      });
      const report = JSON.parse((await cli(dir, 'audit', '--format', 'json', '--fail-on', 'none')).stdout) as {
        findings: { file: string; role: string; fix: string }[];
        skipped: { file: string; message: string }[];
      };
      expect(report.findings.map((f) => [f.file, f.role, f.fix])).toEqual([
        ['src/env.d.ts', 'type', 'manual'],
        ['src/env.d.ts', 'type', 'manual'],
      ]);
      expect(report.skipped).toEqual([
        { file: 'lib/gen.d.ts', message: expect.stringMatching(/generated declaration file \(beside gen\.js\)/) },
        { file: 'lib/mapped.d.ts', message: expect.stringMatching(/generated declaration file \(it names its source map\)/) },
      ]);
    } finally {
      cleanTempDirs();
    }
  });
});

describe('code samples in documentation', () => {
  const doc = [
    '# Image tool',
    '',
    '```ts',
    "import { openai } from '@ai-sdk/openai';",
    'export const tool = openai.tools.imageGeneration({ partialImages: 3 });',
    '```',
    '',
    '~~~js title="gen.js"',
    "import OpenAI from 'openai';",
    'const client = new OpenAI();',
    "const result = await client.images.generate({ model: 'dall-e-3', prompt: 'a cat', quality: 'hd' });",
    'save(result.data[0].b64_json);',
    '~~~',
    '',
    '```ts',
    "client.images.generate({ model: 'gpt-image-1', ... })",
    '```',
    '',
    '```python',
    'client.images.generate(model="gpt-image-1.5")',
    '```',
    '',
  ].join('\n');

  it('a JS/TS sample is planned as code and reported as info, with the change as a suggestion; nothing is rewritten', () => {
    const viaTs = planWithTsMorph(doc, { now: '2026-12-02' }, 'README.md');
    expect(viaTs.output).toBe(doc);
    expect(viaTs.findings.map((f) => `${f.role} ${f.fix} ${f.severity} ${f.surface}`)).toEqual([
      // the tool relies on the retired default model: no id on the line, still reported
      'api-argument manual info vercel-ai',
      'api-argument manual info openai',
      'param manual info openai',
      // a fragment that does not parse, and a Python block: their mentions, as prose
      'doc manual info docs',
      'doc manual info docs',
    ]);
    const [tool, model, quality] = viaTs.findings;
    expect(tool!.message).toMatch(/^In a code sample of this document: .*names no model/);
    const apply = (f: typeof tool) => f!.suggestion!.edits.reduce((text, e) => text.slice(0, e.start) + e.text + text.slice(e.end), doc);
    expect(apply(tool)).toContain("openai.tools.imageGeneration({ model: 'gpt-image-2', partialImages: 3 })");
    expect(apply(model)).toContain("model: 'gpt-image-2', prompt");
    expect(apply(quality)).toContain("quality: 'high' }");
  });

  it("a block is planned after the imports of the document's earlier blocks, as a tutorial reads (aicouncil's lessons)", () => {
    const lesson = [
      '```ts',
      "import OpenAI from 'openai';",
      '```',
      '',
      '```ts',
      'const client = new OpenAI();',
      "const img = await client.images.generate({ model: 'gpt-image-1', prompt: 'a fox' });",
      'save(img.data[0].b64_json);',
      '```',
      '',
    ].join('\n');
    const viaTs = planWithTsMorph(lesson, { now: '2026-12-02' }, 'lesson.md');
    expect(viaTs.output).toBe(lesson);
    // the model of a traced OpenAI request: the suggestion is the fix the code would get
    expect(viaTs.findings.map((f) => `${f.role} ${f.fix} ${f.severity} ${f.surface} line ${lesson.slice(0, f.range[0]).split('\n').length}`)).toEqual(['api-argument manual info openai line 7']);
    expect(viaTs.findings[0]!.message).not.toMatch(/not traced|no import/);
    expect(viaTs.findings[0]!.suggestion!.edits.map((e) => lesson.slice(e.start, e.end))).toEqual(['gpt-image-1']);
  });

  it('a document without samples that call an image API stays prose only', () => {
    const prose = 'We moved from gpt-image-1.\n\n```ts\nconst x = 1;\n```\n';
    expect(planWithTsMorph(prose, { now: '2026-12-02' }, 'docs/notes.md').findings.map((f) => f.role)).toEqual(['doc']);
  });
});

describe('configuration and data files: a sentence that names an id is a mention, a value is a setting', () => {
  const findings = (file: string, text: string) => (planNonCode(file, text, resolveOptions({ now: '2026-12-02' })) ?? []).map((f) => [text.slice(f.range[0], f.range[1]), f.role, f.severity]);

  it("a YAML description and text extracted into JSON are info; a list or a setting's value stays an error", () => {
    expect(findings('registry.yaml', 'description: This cookbook shows gpt-image-1.5 edits with masks.\nmodels: [gpt-image-1, dall-e-3]\nmodel: gpt-image-1\n')).toEqual([
      ['gpt-image-1.5', 'doc', 'info'],
      ['gpt-image-1', 'config', 'error'],
      ['dall-e-3', 'config', 'error'],
      ['gpt-image-1', 'config', 'error'],
    ]);
    expect(findings('pages.json', '{"pages": [{"text": "The model gpt-image-1 was used for every figure."}]}\n')).toEqual([['gpt-image-1', 'doc', 'info']]);
  });

  it("a YAML block scalar is text, and a reno release note is history: their ids are info (haystack's releasenotes/notes)", () => {
    const note = 'upgrade:\n  - |\n    The image generator now defaults to ``gpt-image-2`` (previously ``dall-e-3``).\nmodel: gpt-image-1\n';
    expect(findings('config/notes.yaml', note)).toEqual([
      ['dall-e-3', 'doc', 'info'],
      ['gpt-image-1', 'config', 'error'],
    ]);
    expect(findings('releasenotes/notes/image-default-3f2a.yaml', note).map(([, role, severity]) => `${role} ${severity}`)).toEqual(['doc info', 'doc info']);
  });

  it('a key of a JSON or YAML data file (a price table) is a data key, a warning, as in code (openlit, genaiscript)', () => {
    expect(findings('assets/pricing.json', '{"images": {"dall-e-3": {"standard": 0.04, "hd": 0.08}}, "model": "gpt-image-1"}\n')).toEqual([
      ['dall-e-3', 'data-key', 'warning'],
      ['gpt-image-1', 'config', 'error'],
    ]);
    expect(findings('prices.yaml', 'images:\n  gpt-image-1.5:\n    low: 0.009\n')).toEqual([['gpt-image-1.5', 'data-key', 'warning']]);
  });

  it("a regex's escaped dot keeps the id whole: gpt-image-1\\.5 in a pattern is not 'gpt-image-1' (phoenix's cost manifest)", () => {
    expect(findings('manifest.json', '{"name_pattern": "gpt-image-1\\\\.5"}\n')).toEqual([]);
  });
});
