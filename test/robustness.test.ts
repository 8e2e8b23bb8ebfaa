/**
 * Input that a real repository can hold and that must not break the run: it
 * gets a one-line message naming the file, the other files are processed,
 * and the exit code says "some files could not be processed" (2), never
 * "internal error" (4).
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../rules/index.js';
import { resolveOptions } from '../src/catalog/index.js';
import { surfaces } from '../src/catalog/surfaces.js';
import { MAX_TREE_DEPTH, TooDeeplyNested } from '../src/syntax/depth.js';
import { OxcTransform } from '../transforms/oxc.js';
import { TsMorphTransform } from '../transforms/ts-morph.js';
import { MAX_OXC_DEPTH, nestingBound } from '../src/syntax/oxc-parser.js';
import { cleanTempDirs, cli, GOOD_SOURCE, NOW, read, tempDir, writeFiles } from './support/cli.js';
import { BIN, ensureBuilt } from './support/dist.js';

afterEach(() => cleanTempDirs());
beforeAll(() => ensureBuilt(), 180_000);

describe('input deeper than the planner can walk', () => {
  const deep = `export const nested = ${'['.repeat(20000)}${']'.repeat(20000)};\nclient.images.generate({ model: 'gpt-image-1', prompt: 'x' });\n`;

  it('audit: one line for that file, the good file reported, exit 2', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'deep.ts': deep, 'good.ts': GOOD_SOURCE });
    const result = await cli(dir, 'audit', '--now', NOW);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/deep\.ts: too deeply nested to analyse/);
    expect(result.stdout + result.stderr).not.toMatch(/internal error|Maximum call stack/);
    expect(result.stdout).toMatch(/good\.ts\n\s+3:\d+\s+error\s+auto/);
  });

  it('fix: the good file is fixed, the deep one left byte for byte, exit 2', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'deep.ts': deep, 'good.ts': GOOD_SOURCE });
    const result = await cli(dir, 'fix', '--now', NOW, '--force', '--no-verify');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/deep\.ts: too deeply nested to analyse/);
    expect(read(dir, 'deep.ts')).toBe(deep);
    expect(read(dir, 'good.ts')).toContain("model: 'gpt-image-2'");
  });
});

describe('chains as deep as brackets: what ended the process in oxc\'s native parser', () => {
  // each built a tree 100,000 levels deep without a bracket (20,000 for arrows), and oxc's
  // parser (native code) overflowed its stack: a segmentation fault, the whole run gone
  const chains: Record<string, string> = {
    members: `export const m = a${'.b'.repeat(100_000)};\n`,
    calls: `export const c = a${'.b()'.repeat(100_000)};\n`,
    'string concatenation across lines': `export const s = 'a'${" +\n  'b'".repeat(100_000)};\n`,
    assignments: `let a; export const x = ${'a = '.repeat(100_000)}1;\n`,
    unary: `export const u = ${'!'.repeat(100_000)}a;\n`,
    conditionals: `export const t = ${'a ? b : '.repeat(100_000)}c;\n`,
    'nested arrows': `export const f = ${'() => '.repeat(20_000)}1;\n`,
    'tagged templates': `export const g = a${'`b`'.repeat(100_000)};\n`,
    'new new new': `export const n = ${'new '.repeat(100_000)}A;\n`,
  };

  it('each gets one line and exit 2; the good file is still fixed; no signal, no internal error', () => {
    const dir = tempDir();
    // each with a call the prefilter lets through
    const call = "export const r = client.images.generate({ model: 'gpt-image-1', prompt: 'x' });\n";
    const files = Object.fromEntries(Object.keys(chains).map((shape, i) => [`deep-${i}.ts`, chains[shape] + call]));
    writeFiles(dir, { ...files, 'good.ts': GOOD_SOURCE });
    const result = spawnSync(process.execPath, [BIN, 'fix', dir, '--now', NOW, '--force', '--no-verify', '--no-progress'], { encoding: 'utf8' });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    for (const [name, text] of Object.entries(files)) {
      expect(result.stderr).toMatch(new RegExp(`^gpt-image-migrate: ${name}: too deeply nested to analyse`, 'm'));
      expect(read(dir, name)).toBe(text);
    }
    expect(result.stderr).not.toMatch(/internal error/);
    expect(read(dir, 'good.ts')).toContain("model: 'gpt-image-2'");
  }, 120_000);

  it('the estimate counts their links, and does not take a long component, a long object or a file without semicolons for one', () => {
    for (const [shape, text] of Object.entries(chains)) expect(nestingBound(text), shape).toBeGreaterThan(MAX_OXC_DEPTH);
    const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');
    const component = `export function Page() {\n  return (\n    <ul>\n${lines(5000, (i) => `      <li className="item">Item ${i} - a.b / c</li>`)}\n    </ul>\n  );\n}\n`;
    const object = `export const prices = {\n${lines(5000, (i) => `  'model-${i}': { low: 0.01 * ${i}, high: a.b.c + ${i} },`)}\n};\n`;
    const noSemicolons = lines(5000, (i) => `const x${i} = client.images.generate({ model: 'gpt-image-1' }).then((r) => r.data[0].b64_json)`);
    const strings = `export const s = '${'a.b+c-'.repeat(50_000)}';\n// ${'-.'.repeat(50_000)}\n/* ${'+'.repeat(50_000)} */\n`;
    for (const [what, text] of Object.entries({ component, object, noSemicolons, strings })) expect(nestingBound(text), what).toBeLessThan(50);
  });
});

describe('many blank lines', () => {
  // `^\s*import litellm` with the m flag matched from every line start across all the blank lines
  // after it: 50,000 blank lines took 13 s, 200,000 took 203 s (each surface marker of Python imports)
  it('no line-anchored pattern of the catalog lets whitespace run across line ends', () => {
    const multiline = Object.values(surfaces).flatMap((surface) => surface.markers.filter((marker) => marker.multiline));
    expect(multiline.length).toBeGreaterThan(0);
    for (const marker of multiline) expect(marker.source, String(marker)).not.toMatch(/\^\\s[*+]/);
  });

  it('a file with 300,000 blank lines between the client and its call is planned, its call fixed', async () => {
    const dir = tempDir();
    const text = `import OpenAI from 'openai';\nconst client = new OpenAI();\n${'\n'.repeat(300_000)}export const r = client.images.generate({ model: 'gpt-image-1', prompt: 'x' });\n`;
    writeFiles(dir, { 'spaced.ts': text, 'spaced.py': `import litellm\n${'\n'.repeat(300_000)}litellm.image_generation(model="openai/gpt-image-1", prompt="x")\n` });
    const result = await cli(dir, 'fix', '--now', NOW, '--force', '--no-verify');
    expect(result.code).toBe(0);
    expect(read(dir, 'spaced.ts')).toBe(text.replace("'gpt-image-1'", "'gpt-image-2'"));
    expect(read(dir, 'spaced.py')).toContain('model="openai/gpt-image-2"');
  }, 60_000);
});

describe('a tree as deep as the limit, on every thread alike', () => {
  const call = "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const r = client.images.generate({ model: 'gpt-image-1', prompt: 'x' });\n";
  const chain = (links: number) => `export const s = 'a'${" + 'b'".repeat(links)};\n${call}`;
  const nested = (levels: number) => `export const n = ${'['.repeat(levels)}${']'.repeat(levels)};\n${call}`;
  const arrows = (levels: number) => `export const f = ${'() => '.repeat(levels)}1;\n${call}`;
  const options = resolveOptions({ now: NOW });

  it('just under MAX_TREE_DEPTH: planned through oxc and through TypeScript, on this (main) thread, the same', () => {
    const oxc = new OxcTransform();
    const typescript = new TsMorphTransform();
    for (const text of [chain(MAX_TREE_DEPTH - 10), nested(MAX_TREE_DEPTH - 10), arrows(MAX_TREE_DEPTH - 10)]) {
      const viaOxc = oxc.run('deep.ts', text, options);
      expect(viaOxc.findings.map((f) => f.rule)).toEqual(['no-retired-model']);
      expect(viaOxc.output).toContain("model: 'gpt-image-2'");
      expect(typescript.run('deep.ts', text, options)).toEqual(viaOxc);
    }
  });

  it('just over it: too deeply nested through both parsers, not a stack that runs out on one thread and not on another', () => {
    for (const text of [chain(MAX_TREE_DEPTH + 10), nested(MAX_TREE_DEPTH + 10), arrows(MAX_TREE_DEPTH + 10)]) {
      expect(() => new OxcTransform().run('deep.ts', text, options)).toThrow(TooDeeplyNested);
      expect(() => new TsMorphTransform().run('deep.ts', text, options)).toThrow(TooDeeplyNested);
    }
  });

  it('audit JSON is the same whether the files are planned on planner threads or on the main thread', () => {
    // a worker's stack is four times the main thread's: a file of 1,200 levels was planned on one and refused on the other
    const dir = tempDir();
    writeFiles(dir, { 'under.ts': chain(MAX_TREE_DEPTH - 10), 'over.ts': chain(MAX_TREE_DEPTH * 2 + 200), 'good.ts': GOOD_SOURCE });
    const audit = (threshold: string) =>
      spawnSync(process.execPath, [BIN, 'audit', dir, '--format', 'json', '--now', NOW, '--fail-on', 'none'], { encoding: 'utf8', env: { ...process.env, GPT_IMAGE_MIGRATE_WORKER_THRESHOLD: threshold } });
    const onThreads = audit('0');
    const onMain = audit('Infinity');
    expect(onThreads.status).toBe(2);
    expect(onMain.stdout).toBe(onThreads.stdout);
    const report = JSON.parse(onMain.stdout) as { errors: { file: string; message: string }[] };
    expect(report.errors.map((e) => e.file)).toEqual(['over.ts']);
  });

  it('ESLint: one report on the file, and the lint run goes on', () => {
    const linter = new Linter();
    const config: Linter.Config = {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser },
      plugins: { 'gpt-image-migrate': plugin },
      rules: { 'gpt-image-migrate/no-retired-model': 'error', 'gpt-image-migrate/valid-params': 'error' },
      settings: { 'gpt-image-migrate': { now: NOW } },
    };
    const messages = linter.verify(chain(MAX_TREE_DEPTH + 10), [config], { filename: 'deep.ts' });
    // one report for the file, from whichever of our rules runs first
    expect(messages).toHaveLength(1);
    expect(messages[0].ruleId).toMatch(/^gpt-image-migrate\/(?:no-retired-model|valid-params)$/);
    expect([messages[0].line, messages[0].severity]).toEqual([1, 2]);
    expect(messages[0].message).toBe('gpt-image-migrate: too deeply nested to analyse (its syntax tree is deeper than the planner can walk); check its image calls by hand');
    expect(linter.verify(chain(MAX_TREE_DEPTH - 10), [config], { filename: 'ok.ts' }).map((m) => m.ruleId)).toEqual(['gpt-image-migrate/no-retired-model']);
  });
});

describe('a module too deeply nested to read, imported by a file that is not', () => {
  it('the importing file keeps its own findings and edits; the import gives no value; only the deep module is named', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'b.ts': `export const MODEL = 'gpt-image-1';\nexport const deep = ${'['.repeat(MAX_TREE_DEPTH + 100)}1${']'.repeat(MAX_TREE_DEPTH + 100)};\n`,
      'a.ts': `import OpenAI from 'openai';\nimport { MODEL } from './b';\nconst openai = new OpenAI();\nawait openai.images.generate({ model: MODEL, prompt: 'x' });\nawait openai.images.generate({ model: 'gpt-image-1', prompt: 'y' });\n`,
    });
    const result = await cli(dir, 'fix', '--now', NOW, '--force', '--no-verify');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^gpt-image-migrate: b\.ts: too deeply nested to analyse/m);
    expect(result.stderr).not.toMatch(/a\.ts: too deeply nested/);
    expect(read(dir, 'a.ts')).toContain("model: 'gpt-image-2', prompt: 'y'");
    expect(read(dir, 'a.ts')).toContain('model: MODEL,');
  });
});
