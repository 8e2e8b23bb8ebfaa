/**
 * What a file's plan looks up beyond the file: constants imported through
 * relative paths, re-export barrels, CommonJS, `export default` and
 * workspace packages of a monorepo; and the nearest package.json. Each case
 * writes a small tree to disk and plans one file of it, through the
 * ts-morph path, the ESTree path (the ESLint rule's) and oxc (the CLI's),
 * which must agree; oxc's plan reads the imported modules with oxc too (a
 * fresh lookup, so nothing is served from TypeScript's parse of them).
 */
import { parseForESLint } from '@typescript-eslint/parser';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../src/catalog/index.js';
import { applyPlan, fileContext, planTree } from '../src/engine.js';
import { FileSystemProject, useModuleParser } from '../src/project/lookup.js';
import { fromEstree, type EstreeNode } from '../src/syntax/from-estree.js';
import { parseJs, parseJsModule } from '../src/syntax/oxc-parser.js';
import { TsMorphTransform } from '../transforms/ts-morph.js';
import { comparable } from './support/plan.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'gim-project-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const options = resolveOptions({ now: '2026-11-21' });
const transform = new TsMorphTransform();

function tree(name: string, files: Record<string, string>): string {
  const root = path.join(scratch, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
    // what oxc's plan reads of this module is oxc's own tree: the lookup's fallback to TypeScript (for modules oxc rejects) is not taken
    if (/\.[cm]?[jt]sx?$/.test(file)) expect(parseJsModule(file, text), file).not.toBeNull();
  }
  return root;
}

function plan(root: string, file: string, text: string) {
  const absolute = path.join(root, file);
  const viaTs = transform.run(file, text, options, absolute);
  const { ast, visitorKeys } = parseForESLint(text, { range: true, loc: true, ecmaFeatures: { jsx: file.endsWith('x') } });
  const estree = planTree(fromEstree(ast as unknown as EstreeNode, visitorKeys as Record<string, string[]>), text, options, fileContext(absolute));
  expect(comparable(estree)).toEqual(comparable(viaTs.findings));
  expect(applyPlan(text, estree)).toBe(viaTs.output);
  useModuleParser('oxc');
  try {
    const viaOxc = planTree(parseJs(file, text), text, options, { fileName: absolute, project: new FileSystemProject() });
    expect(viaOxc).toEqual(viaTs.findings);
  } finally {
    useModuleParser('typescript');
  }
  return viaTs;
}

/** A Unifically task whose model is `local`, imported by `clause` from @acme/config. */
const TASK = (clause: string, local: string) =>
  `import ${clause} from '@acme/config';\nawait fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify({ model: ${local}, input: { prompt, quality: 'high', size: '1024x1024' } }) });\n`;

describe('cross-file constants', () => {
  it('a workspace package (pnpm-workspace.yaml) through a re-export barrel: the quality mapping follows the imported model', () => {
    const root = tree('pnpm', {
      'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n  - 'apps/*'\n",
      'package.json': '{ "name": "acme", "private": true }\n',
      'packages/config/package.json': '{ "name": "@acme/config", "main": "dist/index.js", "types": "dist/index.d.ts" }\n',
      'packages/config/src/index.ts': "export * from './models';\n",
      'packages/config/src/models.ts': "export const UNIFICALLY_IMAGE_MODEL = 'openai/gpt-image-1';\n",
    });
    const text = TASK('{ UNIFICALLY_IMAGE_MODEL }', 'UNIFICALLY_IMAGE_MODEL');
    const { findings, output } = plan(root, 'apps/worker/src/job.ts', text);
    expect(findings.map((f) => `${f.rule} ${f.fix} ${f.surface}`)).toEqual(['no-legacy-quality auto unifically', 'valid-params auto unifically']);
    expect(output).toContain(`input: { prompt, resolution: '4k', aspect_ratio: '1:1' }`);
  });

  it('npm workspaces ("workspaces" in package.json), a renamed import and a default export', () => {
    const root = tree('npm', {
      'package.json': '{ "name": "acme", "workspaces": ["packages/*"] }\n',
      'packages/config/package.json': '{ "name": "@acme/config", "exports": { ".": { "types": "./src/index.ts", "default": "./dist/index.js" } } }\n',
      'packages/config/src/index.ts': "const model = 'openai/gpt-image-1';\nexport { model as TASK_MODEL };\nexport default model;\n",
    });
    for (const clause of ['{ TASK_MODEL as M }', 'M']) {
      const { findings } = plan(root, 'apps/job.ts', TASK(clause, 'M'));
      expect(findings.map((f) => f.rule)).toEqual(['no-legacy-quality', 'valid-params']);
    }
  });

  it('CommonJS: module.exports objects and exports.X, through require', () => {
    const root = tree('cjs', {
      'config.js': "module.exports = { IMAGE: { MODEL: 'openai/gpt-image-1' } };\nexports.OTHER = 'x';\n",
    });
    const text = "const config = require('./config');\nconst { IMAGE } = require('./config');\nawait fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify({ model: config.IMAGE.MODEL, input: { prompt, quality: 'low' } }) });\nawait fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify({ model: IMAGE.MODEL, input: { prompt, quality: 'medium' } }) });\n";
    const { output } = plan(root, 'worker.js', text);
    expect(output).toContain("input: { prompt, resolution: '1k' }");
    expect(output).toContain("input: { prompt, resolution: '2k' }");
  });

  it('an imported URL decides the surface: the module that holds only the URL is read too', () => {
    const root = tree('imported-url', { 'config/urls.ts': "export const TASKS_URL = 'https://api.unifically.com/v1/tasks';\n" });
    // the model names no gateway: only the URL, from the other module, says this is Unifically
    const text = "import { TASKS_URL } from './config/urls';\nawait fetch(TASKS_URL, { method: 'POST', body: JSON.stringify({ model: 'gpt-image-1', input: { prompt, quality: 'high', size: '1024x1024' } }) });\n";
    const { findings, output } = plan(root, 'job.ts', text);
    expect(findings.every((f) => f.surface === 'unifically')).toBe(true);
    expect(output).toContain(`input: { prompt, resolution: '4k', aspect_ratio: '1:1' }`);
  });

  it('a file whose only signals are a URL and an imported model is still planned (the prefilter knows hosts)', () => {
    const root = tree('url-only', { 'models.ts': "export const IMAGE = 'gpt-image-1';\n" });
    const text = "import { IMAGE } from './models';\nawait fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ model: IMAGE, prompt, response_format: 'url' }) });\n";
    const { findings, output } = plan(root, 'send.ts', text);
    expect(findings.map((f) => `${f.rule} ${f.fix}`)).toEqual(['valid-params auto']);
    expect(output).not.toContain('response_format');
  });

  it("a user's wrapper with an imported model is planned too (the prefilter knows the user's surfaces)", () => {
    const root = tree('user-wrapper', { 'models.ts': "export const M = 'openai/gpt-image-1';\n" });
    const text = "import { M } from './models';\nexport const a = renderImage({ model: M, input: { prompt, quality: 'low' } });\n";
    const userOptions = resolveOptions({ now: '2026-11-21', surfaces: [{ name: 'gw', family: 'resolution-tier', wrappers: ['renderImage'] }] });
    const result = transform.run('render.ts', text, userOptions, path.join(root, 'render.ts'));
    expect(result.findings.map((f) => `${f.rule} ${f.surface}`)).toEqual(['no-legacy-quality user:gw']);
    expect(result.output).toContain("resolution: '1k'");
  });

  it('an import that cannot be resolved leaves the model unknown: nothing is guessed', () => {
    const root = tree('unresolved', {});
    const { findings } = plan(root, 'job.ts', TASK('{ MISSING }', 'MISSING'));
    expect(findings).toEqual([]);
  });

  it('the nearest package.json decides: experimental_generateImage with ai 7 is reported, with ai 6 it is not', () => {
    const root = tree('ai-versions', {
      'new/package.json': '{ "dependencies": { "ai": "^7.0.0" } }\n',
      'old/package.json': '{ "dependencies": { "ai": "^6.2.0" } }\n',
    });
    const text = "import { experimental_generateImage } from 'ai';\nexport const g = experimental_generateImage;\n";
    expect(plan(root, 'new/src/a.ts', text).findings.map((f) => `${f.rule} ${f.role}`)).toEqual(['valid-params dependency']);
    expect(plan(root, 'old/src/a.ts', text).findings).toEqual([]);
  });

  it('custom sizes with openai below 6.37.0 are reported (they do not type-check)', () => {
    const root = tree('openai-old', { 'package.json': '{ "dependencies": { "openai": "^6.10.0" } }\n' });
    const text = "import OpenAI from 'openai';\nconst client = new OpenAI();\nawait client.images.generate({ model: 'gpt-image-2', prompt, size: '2048x1152' });\n";
    const { findings } = plan(root, 'a.ts', text);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('openai ^6.10.0')]);
  });
});

describe('configuration and prose files', () => {
  // one file alone never shows who reads a setting: each is reported with a suggestion, and the
  // repository pass (test/repository.test.ts) turns the ones code sends to a known provider into edits
  const cases: [string, string, string[], string][] = [
    ['.env.production', 'IMAGE_MODEL="gpt-image-1"\nOTHER=gpt-image-1,dall-e-3\n', ['manual', 'manual', 'manual'], 'IMAGE_MODEL="gpt-image-1"\nOTHER=gpt-image-1,dall-e-3\n'],
    ['ci.yml', 'env:\n  IMAGE_MODEL: gpt-image-1 # old\n  MODELS: [gpt-image-1]\n', ['manual', 'manual'], 'env:\n  IMAGE_MODEL: gpt-image-1 # old\n  MODELS: [gpt-image-1]\n'],
    ['worker.Dockerfile', 'FROM node:20\nENV IMAGE_MODEL=gpt-image-1\nARG FALLBACK dall-e-3\n', ['manual', 'manual'], 'FROM node:20\nENV IMAGE_MODEL=gpt-image-1\nARG FALLBACK dall-e-3\n'],
    ['smoke.sh', '#!/bin/sh\nMODEL="gpt-image-1"\ncurl -d "{\\"model\\":\\"gpt-image-1\\"}" $URL\n', ['manual', 'manual'], '#!/bin/sh\nMODEL="gpt-image-1"\ncurl -d "{\\"model\\":\\"gpt-image-1\\"}" $URL\n'],
    ['settings.toml', '[images]\nmodel = "gpt-image-1-mini"\n', ['manual'], '[images]\nmodel = "gpt-image-1-mini"\n'],
    ['app.json', '{\n  "image": { "model": "gpt-image-1" },\n  "allowed": ["dall-e-3"]\n}\n', ['manual', 'manual'], '{\n  "image": { "model": "gpt-image-1" },\n  "allowed": ["dall-e-3"]\n}\n'],
    ['local.settings.json', '{ "Values": { "AZURE_IMAGE_DEPLOYMENT": "gpt-image-1" } }\n', ['manual'], '{ "Values": { "AZURE_IMAGE_DEPLOYMENT": "gpt-image-1" } }\n'],
    ['generate.py', 'client.images.generate(model="gpt-image-1", prompt=p)\n', ['manual'], 'client.images.generate(model="gpt-image-1", prompt=p)\n'],
    ['docs/guide.mdx', 'We moved off `gpt-image-1` (not gpt-image-1.5 yet).\nThe flag gpt-image-1.restyle stays. So does gpt-image-1.\n', ['manual', 'manual', 'manual'], 'We moved off `gpt-image-1` (not gpt-image-1.5 yet).\nThe flag gpt-image-1.restyle stays. So does gpt-image-1.\n'],
  ];
  it('an environment setting waits for its readers; a setting the tool cannot follow only suggests', () => {
    const [env] = transform.run('.env', 'IMAGE_MODEL=gpt-image-1\n', options).findings;
    expect(env.bindings).toEqual([{ key: 'env:IMAGE_MODEL', role: 'pending' }]);
    expect(env.suggestion?.edits).toEqual([{ start: 12, end: 23, text: 'gpt-image-2' }]);
    const [json] = transform.run('app.json', '{ "image": { "model": "gpt-image-1" } }\n', options).findings;
    expect(json.bindings).toBeUndefined();
    expect(json.message).toMatch(/a setting this tool cannot follow to a request/);
    const [azure] = transform.run('.env', 'AZURE_OPENAI_IMAGE_DEPLOYMENT=gpt-image-1\n', options).findings;
    expect([azure.role, azure.bindings]).toEqual(['deployment', [{ key: 'env:AZURE_OPENAI_IMAGE_DEPLOYMENT', role: 'blocks' }]]);
  });
  it.each(cases)('%s', (file, text, fixes, output) => {
    const result = transform.run(file, text, options);
    expect(result.findings.map((f) => f.fix)).toEqual(fixes);
    expect(result.output).toBe(output);
    expect(transform.run(file, result.output, options).output).toBe(result.output);
  });

  it('package.json: @ai-sdk/openai below 3.0.54 is reported at its line', () => {
    const text = '{\n  "dependencies": {\n    "@ai-sdk/openai": "^3.0.10",\n    "ai": "^6.0.0"\n  }\n}\n';
    const { findings, output } = transform.run('package.json', text, options);
    expect(findings.map((f) => [f.rule, f.fix, text.slice(0, f.range[0]).split('\n').length])).toEqual([['valid-params', 'manual', 3]]);
    expect(output).toBe(text);
    expect(transform.run('package.json', text.replace('^3.0.10', '^3.0.54'), options).findings).toEqual([]);
  });
});

describe('import closure (what a test pins)', () => {
  it('follows relative imports and requires through shared modules and a cycle, never into node_modules or a .d.ts', () => {
    const root = tree('closure', {
      'package.json': '{ "name": "closure" }\n',
      'src/a.test.ts': "import { b } from './b';\nimport x from 'dep';\n",
      'src/d.test.ts': "const { c } = require('./c');\nimport type { T } from './types';\n",
      'src/b.ts': "export { c } from './c';\nexport const b = 1;\n",
      'src/c.ts': "import { b } from './b';\nexport const c = import('./e');\n",
      'src/e.ts': 'export default 1;\n',
      'src/types.d.ts': 'export type T = 1;\n',
      'node_modules/dep/package.json': '{ "name": "dep", "main": "index.js" }\n',
      'node_modules/dep/index.js': "module.exports = require('./more');\n",
    });
    const project = new FileSystemProject();
    const closure = (file: string) => project.importClosure(path.join(root, file)).map((f) => path.relative(root, f)).sort();
    expect(closure('src/a.test.ts')).toEqual(['src/b.ts', 'src/c.ts', 'src/e.ts']);
    // the modules a.test.ts read are read again from the cache: the same answer for another test through them
    expect(closure('src/d.test.ts')).toEqual(['src/b.ts', 'src/c.ts', 'src/e.ts']);
    expect(closure('src/b.ts')).toEqual(['src/c.ts', 'src/e.ts']);
  });
});
