/**
 * Every current model as a target: the catalog's list is the vendor's
 * (openai's own `ImageModel` type), each target follows its own param policy,
 * advice names the targets that can serve what the current one cannot, and a
 * gateway without a known spelling of the target is reported, never guessed.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openaiPrices, OptionError, resolveOptions, retiredModels, targetModels } from '../src/catalog/index.js';
import type { Finding } from '../src/plan/finding.js';
import type { Report } from '../src/report/model.js';
import { planWithEstree, planWithTsMorph } from './support/plan.js';
import { runCli } from './support/run-cli.js';

const sdk = (body: string) => `import OpenAI from 'openai';\nconst client = new OpenAI();\n${body}\n`;

function plan(code: string, target?: string): { findings: readonly Finding[]; output: string } {
  const options = target ? { target } : {};
  const ts = planWithTsMorph(code, options);
  const es = planWithEstree(code, options);
  // both adapters agree, whatever the target
  expect(es.findings.map((f) => [f.rule, f.fix, f.severity, f.range])).toEqual(ts.findings.map((f) => [f.rule, f.fix, f.severity, f.range]));
  expect(es.output).toBe(ts.output);
  return ts;
}

/** The ids of openai's `ImageModel` union, read from the installed package's types. */
function vendorImageModels(): string[] {
  const dts = readFileSync(path.resolve(import.meta.dirname, '../node_modules/openai/resources/images.d.ts'), 'utf8');
  const union = /export type ImageModel = ([^;]+);/.exec(dts)![1];
  return [...union.matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

describe('targets', () => {
  it("the catalog's targets are exactly the current ids of openai's ImageModel type", () => {
    const retired = new Set(retiredModels.flatMap((m) => [m.id, ...m.aliases]));
    const current = vendorImageModels().filter((id) => !retired.has(id));
    expect(targetModels.map((t) => t.id).sort()).toEqual(current.sort());
  });

  it.each(targetModels.map((t) => t.id))('--target %s is accepted', (id) => {
    expect(resolveOptions({ target: id }).target).toBe(id);
  });

  it.each(['gpt-image-2.7-nova', 'gpt-image-1', 'dall-e-3', 'openai/gpt-image-2'])('--target %s is refused, naming the catalog', (id) => {
    expect(() => resolveOptions({ target: id })).toThrow(OptionError);
    expect(() => resolveOptions({ target: id })).toThrow(/gpt-image-2\.6-flare.*gpt-image-migrate models/);
  });

  it.each(targetModels.map((t) => t.id))('an SDK call moves to %s by its own spelling', (id) => {
    const { output } = plan(sdk(`await client.images.generate({ model: 'gpt-image-1', prompt: 'a cat' });`), id);
    expect(output).toBe(sdk(`await client.images.generate({ model: '${id}', prompt: 'a cat' });`));
  });
});

describe('param policy per target', () => {
  const edit = sdk(`await client.images.edit({ model: 'gpt-image-1', image, prompt, input_fidelity: 'high' });`);

  it('input_fidelity: removed for gpt-image-2 (the vendor says omit), reported for targets the vendor says nothing of', () => {
    expect(plan(edit).output).toBe(sdk(`await client.images.edit({ model: 'gpt-image-2', image, prompt });`));
    for (const target of ['gpt-image-2.5-flare', 'gpt-image-2.6-sunburst']) {
      const { findings, output } = plan(edit, target);
      expect(output).toBe(sdk(`await client.images.edit({ model: '${target}', image, prompt, input_fidelity: 'high' });`));
      const param = findings.find((f) => f.role === 'param')!;
      expect(param.fix).toBe('manual');
      expect(param.message).toContain('https://');
    }
  });

  const transparent = sdk(`await client.images.generate({ model: 'gpt-image-1', prompt, background: 'transparent', output_format: 'png' });`);

  it("background 'transparent' on gpt-image-2 names the targets that support it and what --target would do", () => {
    const { findings } = plan(transparent);
    const background = findings.find((f) => f.role === 'param')!;
    expect(background.fix).toBe('manual');
    const supporting = targetModels.filter((t) => t.transparentBackground === 'yes' && t.snapshotOf === null).map((t) => t.id);
    expect(supporting.length).toBeGreaterThan(0);
    for (const id of supporting) expect(background.message).toContain(id);
    expect(background.message).toContain(`--target ${supporting[0]}`);
  });

  it("background 'transparent' needs nothing on a target that supports it", () => {
    const { findings, output } = plan(transparent, 'gpt-image-2.5-sunburst');
    expect(findings.filter((f) => f.role === 'param')).toEqual([]);
    expect(output).toContain("model: 'gpt-image-2.5-sunburst'");
  });

  it("quality 'xhigh' on a current call is an error on gpt-image-2, naming the 2.5 models; fine on gpt-image-2.5", () => {
    const code = sdk(`await client.images.generate({ model: 'gpt-image-2', prompt, quality: 'xhigh' });`);
    const [finding] = plan(code).findings;
    expect(finding).toMatchObject({ rule: 'valid-params', fix: 'manual', severity: 'error', edits: [] });
    expect(finding.message).toMatch(/gpt-image-2\.5-flare or gpt-image-2\.5-sunburst support quality 'xhigh'/);
    expect(plan(sdk(`await client.images.generate({ model: 'gpt-image-2.5-flare', prompt, quality: 'xhigh' });`)).findings).toEqual([]);
  });

  it("complexity is reported on models without it and accepted on 2.6", () => {
    expect(plan(sdk(`await client.images.generate({ model: 'gpt-image-2.5-flare', prompt, complexity: 'high' });`)).findings.map((f) => f.fix)).toEqual(['manual']);
    expect(plan(sdk(`await client.images.generate({ model: 'gpt-image-2.6-flare', prompt, complexity: 'high' });`)).findings).toEqual([]);
  });

  it('a custom size: valid on gpt-image-2 and 2.5, reported (kept) on 2.6 whose types list only the standard sizes', () => {
    const code = sdk(`const result = await client.images.generate({ model: 'dall-e-3', prompt, size: '1792x1024' });\nsave(result.data[0].b64_json);`);
    expect(plan(code).findings.filter((f) => f.role === 'param')).toEqual([]);
    expect(plan(code, 'gpt-image-2.5-flare').findings.filter((f) => f.role === 'param')).toEqual([]);
    const { findings, output } = plan(code, 'gpt-image-2.6-flare');
    expect(findings.filter((f) => f.role === 'param').map((f) => f.fix)).toEqual(['manual']);
    expect(output).toContain("size: '1792x1024'");
  });

  it("gpt-image-1-mini gets quality 'low' only for gpt-image-2, whose advice it is", () => {
    const code = sdk(`await client.images.generate({ model: 'gpt-image-1-mini', prompt });`);
    expect(plan(code).output).toContain("quality: 'low'");
    const other = plan(code, 'gpt-image-2.6-flare');
    expect(other.output).toBe(sdk(`await client.images.generate({ model: 'gpt-image-2.6-flare', prompt });`));
    expect(other.findings.find((f) => f.role === 'param')).toMatchObject({ severity: 'info', fix: 'manual' });
  });
});

describe('gateway spellings', () => {
  const replicate = `import Replicate from 'replicate';\nconst replicate = new Replicate();\nawait replicate.run('openai/gpt-image-1', { input: { prompt, response_format: 'url' } });\n`;
  const fal = `import { fal } from '@fal-ai/client';\nawait fal.subscribe('fal-ai/gpt-image-1/edit-image', { input: { prompt } });\n`;

  it('Replicate: the known spelling of gpt-image-2 is written; another target is reported, id and params kept', () => {
    expect(plan(replicate).output).toContain("'openai/gpt-image-2'");
    const { findings, output } = plan(replicate, 'gpt-image-2.5-flare');
    expect(output).toBe(replicate);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'no-retired-model', fix: 'manual', edits: [] });
    expect(findings[0].suggestion).toBeUndefined();
    expect(findings[0].message).toMatch(/no spelling of 'gpt-image-2\.5-flare' on Replicate.*--target gpt-image-2/);
  });

  it("fal: the endpoint moves for gpt-image-2 only", () => {
    expect(plan(fal).output).toContain("'openai/gpt-image-2/edit'");
    const { findings, output } = plan(fal, 'gpt-image-2.6-flare');
    expect(output).toBe(fal);
    expect(findings.map((f) => f.fix)).toEqual(['manual']);
  });

  it("even gpt-image-2's pinned snapshot has no known gateway spelling", () => {
    expect(plan(replicate, 'gpt-image-2-2026-04-21').output).toBe(replicate);
  });
});

describe('fix --target gpt-image-2.6-flare on the fixture repositories', () => {
  const fixturesDir = path.resolve(import.meta.dirname, '../fixtures');
  const fixtures = readdirSync(fixturesDir).filter((name) => existsSync(path.join(fixturesDir, name, 'before')));
  const TARGET = 'gpt-image-2.6-flare';

  it.each(fixtures)('%s: every edit type-checks against the real openai types, and only known spellings are written', async (name) => {
    const before = path.join(fixturesDir, name, 'before');
    const { code, stdout } = await runCli(['audit', before, '--format', 'json', '--now', '2026-12-02', '--fail-on', 'none', '--verify', '--target', TARGET]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.target).toBe(TARGET);
    if (report.summary.byFix.auto > 0) {
      // --verify type-checks before/ with fix's edits against this package's node_modules (openai, ai)
      expect(report.verification?.rolledBack).toEqual([]);
      expect(report.verification?.unchecked).toEqual([]);
    }
    for (const finding of report.findings.filter((f) => f.fix === 'auto' && f.rule === 'no-retired-model')) {
      // a model id is written only as the target itself: no gateway prefix is guessed
      for (const edit of finding.edits) {
        const written = /['"]/.test(edit.text) ? [...edit.text.matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1]) : [edit.text];
        expect(written).toEqual([TARGET]);
      }
    }
  });
});

describe('costs follow the target', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gim-target-cost-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'images.ts'), sdk(`export const run = () => client.images.generate({ model: 'gpt-image-1', prompt, size: '1024x1024', quality: 'high' });`));

  async function after(target: string) {
    const { stdout } = await runCli(['audit', dir, '--now', '2026-12-02', '--format', 'json', '--fail-on', 'none', '--target', target]);
    const report = JSON.parse(stdout) as Report & { cost: { callSites: { after: { model: string; perImage: number | null; table: string | null; unpriced: string | null } }[] } };
    expect(report.cost.callSites).toHaveLength(1);
    return report.cost.callSites[0].after;
  }

  it("gpt-image-2 is priced by its own table; a target without a public price says so instead of borrowing one", async () => {
    const priced = await after('gpt-image-2');
    const table = openaiPrices.find((t) => t.model === 'gpt-image-2')!;
    expect(priced).toMatchObject({ model: 'gpt-image-2', table: 'gpt-image-2', perImage: table.prices.square.high });
    for (const target of ['gpt-image-2.5-sunburst', 'gpt-image-2.6-flare']) {
      const unpriced = await after(target);
      expect(unpriced).toMatchObject({ model: target, perImage: null, table: null });
      expect(unpriced.unpriced).toMatch(/no public price is known for this target yet: give one with --prices/);
    }
  });
});
