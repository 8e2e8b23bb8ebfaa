/**
 * The jscodeshift transform (`gpt-image-migrate/jscodeshift`): the real
 * jscodeshift runner (its bin, as a user runs it) on copies of the fixture
 * repositories and on small trees must give the bytes `gpt-image-migrate
 * fix` gives; bad input is refused per file without a stack; in-process,
 * the Babel path plans exactly what the ts-morph path plans.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import jscodeshift from 'jscodeshift';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveOptions } from '../src/catalog/index.js';
import { isCodeFile } from '../src/engine.js';
import { planWithJscodeshift, transform } from '../transforms/jscodeshift-transform.js';
import { cleanTempDirs, cli, GOOD_SOURCE, NOW, tempDir, writeFiles } from './support/cli.js';
import { ensureBuilt, JSCODESHIFT_BIN, JSCODESHIFT_TRANSFORM, PACKAGE_ROOT } from './support/dist.js';
import { comparable, planWithEstree, planWithTsMorph } from './support/plan.js';
import type { Report } from '../src/report/model.js';
import { TsMorphTransform } from '../transforms/ts-morph.js';

const ts = new TsMorphTransform();
const BOM = '\uFEFF';
const withoutBom = (bytes: Buffer): string => bytes.toString('utf8').replace(/^\uFEFF/, '');
const withBomOf = (bytes: Buffer, text: string): string => (bytes.toString('utf8').startsWith(BOM) ? BOM + text : text);

beforeAll(() => ensureBuilt(), 120_000);
afterEach(() => cleanTempDirs());

const ALL_CODE = '--extensions=ts,tsx,mts,cts,js,jsx,mjs,cjs';
const STACK_LINE = /^\s+at /m;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `jscodeshift -t <our transform> ...args` in `cwd`, as a user runs it. */
function runJscodeshift(cwd: string, ...args: string[]): Run {
  const result = spawnSync(process.execPath, [JSCODESHIFT_BIN, '-t', JSCODESHIFT_TRANSFORM, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under a directory (relative `/` path → bytes), skipping node_modules (Babel's cache lands there). */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (relative.split('/').includes('node_modules')) continue;
    out.set(relative, fs.readFileSync(path.join(dir, relative)));
  }
  return out;
}

function copyOf(dir: string): string {
  const copy = tempDir();
  fs.cpSync(dir, copy, { recursive: true });
  return copy;
}

/** Requires two trees to hold the same files with the same bytes (text first, for a readable diff). */
function expectSameBytes(actual: Map<string, Buffer>, expected: Map<string, Buffer>, files: readonly string[]): void {
  for (const file of files) {
    expect(actual.get(file)?.toString('utf8'), file).toBe(expected.get(file)?.toString('utf8'));
    expect(actual.get(file)?.equals(expected.get(file)!), file).toBe(true);
  }
}

describe('the package export', () => {
  it("require.resolve('gpt-image-migrate/jscodeshift') is the built CommonJS transform, and require() gives the transform function", () => {
    const require = createRequire(path.join(PACKAGE_ROOT, 'package.json'));
    expect(require.resolve('gpt-image-migrate/jscodeshift')).toBe(JSCODESHIFT_TRANSFORM);
    // in a plain Node process, as jscodeshift's worker loads it (no Babel register)
    const probe = spawnSync(
      process.execPath,
      ['-e', "const t = require(require.resolve('gpt-image-migrate/jscodeshift')); process.stdout.write(typeof t + ' ' + t.length)"],
      { cwd: PACKAGE_ROOT, encoding: 'utf8' },
    );
    expect(probe.stderr).not.toMatch(/Error/);
    expect(probe.stdout).toBe('function 3');
  });
});

const fixturesDir = path.join(PACKAGE_ROOT, 'fixtures');
// jscodeshift transforms JS/TS: a fixture of Python and notebooks only has nothing for it
const fixtures = fs
  .readdirSync(fixturesDir)
  .filter((name) => fs.existsSync(path.join(fixturesDir, name, 'before')))
  .filter((name) => [...tree(path.join(fixturesDir, name, 'before')).keys()].some((file) => isCodeFile(file)));

describe.each(fixtures)('fixture %s through the jscodeshift runner', (name) => {
  it("every code file gets the bytes of the file's own plan, which are `fix`'s and after/'s wherever no other file decided; a second run changes nothing", async () => {
    const before = path.join(fixturesDir, name, 'before');
    const viaJscodeshift = copyOf(before);
    const viaCli = copyOf(before);

    // --gitignore: jscodeshift then skips what the CLI skips (.gitignore-d build output)
    const run = runJscodeshift(viaJscodeshift, ALL_CODE, '--run-in-band', '--gitignore', `--now=${NOW}`, '.');
    expect(run.stdout, run.stdout).toMatch(/^0 errors$/m);
    expect(run.stderr).toBe('');
    const { code } = await cli(viaCli, 'fix', '--now', NOW);
    expect(code).toBe(0);
    // what other files decide (a constant another module sends, an id a test asserts) only the CLI sees
    const audit = await cli(before, 'audit', '--format', 'json', '--now', NOW, '--fail-on', 'none');
    const acrossFiles = new Set((JSON.parse(audit.stdout) as Report).findings.filter((f) => f.decidedBy).map((f) => f.file));

    const original = tree(before);
    const expected = tree(path.join(fixturesDir, name, 'after'));
    const fixedByCli = tree(viaCli);
    const fixed = tree(viaJscodeshift);
    expect([...fixed.keys()].sort()).toEqual([...original.keys()].sort());
    const codeFiles = [...original.keys()].filter((f) => isCodeFile(f));
    const ownPlan = new Map(
      codeFiles.map((f) => [f, Buffer.from(withBomOf(original.get(f)!, ts.run(f, withoutBom(original.get(f)!), resolveOptions({ now: NOW }), path.join(viaJscodeshift, f)).output))]),
    );
    expectSameBytes(fixed, ownPlan, codeFiles);
    const sameAsCli = codeFiles.filter((f) => !acrossFiles.has(f));
    expectSameBytes(fixed, fixedByCli, sameAsCli);
    expectSameBytes(fixed, expected, sameAsCli);
    // and where another file decided, the CLI's bytes are after/'s, jscodeshift's the file's own
    expectSameBytes(fixedByCli, expected, codeFiles);
    // jscodeshift is given code only: .env and Markdown stay as they were
    expectSameBytes(fixed, original, [...original.keys()].filter((f) => !isCodeFile(f)));

    const again = runJscodeshift(viaJscodeshift, ALL_CODE, '--run-in-band', '--gitignore', `--now=${NOW}`, '.');
    expect(again.stdout).toMatch(/^0 ok$/m);
    expect(again.stdout).toMatch(/^0 errors$/m);
    expectSameBytes(tree(viaJscodeshift), fixed, [...fixed.keys()]);
  });
});

describe('the documented command', () => {
  // `.ts` with an angle-bracket cast only parses with the `ts` parser: picking
  // the parser per extension is what lets `--parser=tsx` work on a TS repo.
  const FILES: Record<string, string | Buffer> = {
    'src/cast.ts': "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const r = client.images.generate(<any>{ model: 'gpt-image-1', prompt: 'a cat', response_format: 'url' });\n",
    'src/view.tsx': "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const View = () => <img alt=\"x\" />;\nexport const r = client.images.generate({ model: \"dall-e-3\", prompt: 'x', quality: 'hd', style: 'vivid' });\nexport const image = async () => (await r).data[0]?.b64_json;\n",
    'src/legacy.js': "const OpenAI = require('openai');\nconst client = new OpenAI();\nconst View = () => <b>hi</b>;\nmodule.exports = () => client.images.edit({\n\tmodel: 'gpt-image-1',\n\timage,\n\tprompt,\n\tinput_fidelity: 'high', // faces\n});\n",
    // CRLF, a BOM, tabs inside a line (recast would re-indent them), a removed line
    'src/crlf.ts': Buffer.from(
      '\uFEFFimport OpenAI from "openai";\r\nconst client = new OpenAI();\r\nexport async function draw() {\r\n\treturn client.images.generate({\r\n\t\tmodel:\t"gpt-image-1",\t// pinned\r\n\t\tprompt:\t"a cat",\r\n\t\tresponse_format: "b64_json",\r\n\t});\r\n}\r\n',
      'utf8',
    ),
    'src/untouched.ts': 'export const answer = 42;\n',
  };

  function prepare(): { viaJscodeshift: string; viaCli: string } {
    const viaJscodeshift = tempDir();
    writeFiles(viaJscodeshift, FILES);
    fs.chmodSync(path.join(viaJscodeshift, 'src/legacy.js'), 0o755);
    const viaCli = copyOf(viaJscodeshift);
    fs.chmodSync(path.join(viaCli, 'src/legacy.js'), 0o755);
    return { viaJscodeshift, viaCli };
  }

  async function expectSameAsCli(viaJscodeshift: string, viaCli: string): Promise<void> {
    expect((await cli(viaCli, 'fix', 'src')).code).toBe(0);
    const fixed = tree(viaJscodeshift);
    expectSameBytes(fixed, tree(viaCli), Object.keys(FILES));
    for (const file of Object.keys(FILES).filter((f) => f !== 'src/untouched.ts')) {
      expect(fixed.get(file)!.equals(Buffer.from(FILES[file])), `${file} is fixed`).toBe(false);
    }
    const crlf = fixed.get('src/crlf.ts')!;
    expect([...crlf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(crlf.toString('utf8')).not.toMatch(/(^|[^\r])\n/);
    expect(crlf.toString('utf8')).toContain('\t\tmodel:\t"gpt-image-2",\t// pinned\r\n');
    expect(fs.statSync(path.join(viaJscodeshift, 'src/legacy.js')).mode & 0o777).toBe(0o755);
  }

  it('`--extensions=ts,tsx,js,jsx --parser=tsx src/` (worker processes, Babel register on) gives the CLI bytes: CRLF, BOM, tabs, mode kept', async () => {
    const { viaJscodeshift, viaCli } = prepare();
    const run = runJscodeshift(viaJscodeshift, '--extensions=ts,tsx,js,jsx', '--parser=tsx', `--now=${NOW}`, 'src/');
    expect(run.stdout).toMatch(/^0 errors$/m);
    expect(run.stdout).toMatch(/^4 ok$/m);
    expect(run.stdout).toMatch(/^1 unmodified$/m);
    await expectSameAsCli(viaJscodeshift, viaCli);
  });

  it('the same with --no-babel (the engine loaded by require(esm), not by Babel)', async () => {
    const { viaJscodeshift, viaCli } = prepare();
    const run = runJscodeshift(viaJscodeshift, '--no-babel', '--run-in-band', '--extensions=ts,tsx,js,jsx', '--parser=tsx', `--now=${NOW}`, 'src/');
    expect(run.stdout).toMatch(/^0 errors$/m);
    expect(run.stdout).toMatch(/^4 ok$/m);
    await expectSameAsCli(viaJscodeshift, viaCli);
  });

  it('manual findings are reported (REP lines with line:column), never edited', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.ts': "export function f(m: string) { return m === 'gpt-image-1'; }\n" });
    const run = runJscodeshift(dir, '--run-in-band', `--now=${NOW}`, 'a.ts');
    // 1:45 is the opening quote of 'gpt-image-1'
    expect(run.stdout).toMatch(/REP a\.ts 1:45 no-retired-model: .*gpt-image-1/);
    expect(run.stdout).toMatch(/^1 unmodified$/m);
    expect(fs.readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe("export function f(m: string) { return m === 'gpt-image-1'; }\n");
  });
});

describe('options pass through jscodeshift', () => {
  // already on gpt-image-2: its params follow the tier map whatever the target (a snapshot has no known Unifically spelling)
  const UNIFICALLY =
    "await fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify({ model: 'openai/gpt-image-2', input: { prompt, quality: 'medium', size: '1024x1536' } }) });\n";

  it('--target and --tierMap (and --tier-map) give what the CLI gives with the same options', async () => {
    const files = { 'sdk.ts': GOOD_SOURCE, 'task.ts': UNIFICALLY };
    const viaCli = tempDir();
    writeFiles(viaCli, files);
    expect((await cli(viaCli, 'fix', '--target', 'gpt-image-2-2026-04-21', '--tier-map', 'low=1k,medium=1k,high=2k')).code).toBe(0);
    const expected = tree(viaCli);
    expect(expected.get('sdk.ts')!.toString()).toContain("'gpt-image-2-2026-04-21'");
    expect(expected.get('task.ts')!.toString()).toContain("resolution: '1k'");

    for (const tierFlag of ['--tierMap=low=1k,medium=1k,high=2k', '--tier-map=low=1k,medium=1k,high=2k']) {
      const dir = tempDir();
      writeFiles(dir, files);
      const run = runJscodeshift(dir, '--run-in-band', `--now=${NOW}`, '--target=gpt-image-2-2026-04-21', tierFlag, 'sdk.ts', 'task.ts');
      expect(run.stdout).toMatch(/^2 ok$/m);
      expectSameBytes(tree(dir), expected, Object.keys(files));
    }
  });

  it('the config file the CLI reads applies too: a declared gateway and an allowed id give the CLI bytes', async () => {
    const config = JSON.stringify({
      surfaces: [{ name: 'imagegw', family: 'resolution-tier', wrappers: ['renderImage'], idPrefix: 'openai/' }],
      allow: ['dall-e-3'],
    });
    const files = {
      'gpt-image-migrate.config.json': config,
      'render.ts': "export const a = renderImage({ model: 'openai/gpt-image-1', input: { prompt, quality: 'high' } });\nexport const b = { model: 'dall-e-3', prompt, size: '1024x1024' };\n",
    };
    const viaCli = tempDir();
    writeFiles(viaCli, files);
    expect((await cli(viaCli, 'fix')).code).toBe(0);
    const expected = tree(viaCli);
    expect(expected.get('render.ts')!.toString()).toContain("model: 'openai/gpt-image-2', input: { prompt, resolution: '4k' }");
    expect(expected.get('render.ts')!.toString()).toContain("model: 'dall-e-3'");

    const dir = tempDir();
    writeFiles(dir, files);
    const run = runJscodeshift(dir, '--run-in-band', `--now=${NOW}`, 'render.ts');
    expect(run.stdout).toMatch(/^1 ok$/m);
    expectSameBytes(tree(dir), expected, ['render.ts']);
  });

  it('a bad option is one line per file, no stack, nothing written, and --fail-on-error exits 1', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.ts': GOOD_SOURCE });
    const run = runJscodeshift(dir, '--run-in-band', '--fail-on-error', '--target=dall-e-3', 'a.ts');
    expect(run.stdout).toMatch(/ERR a\.ts Transformation error \(target \(--target\) must be a current image model in the catalog.*'dall-e-3'.*\)/);
    expect(run.stdout).not.toMatch(STACK_LINE);
    expect(run.code).toBe(1);
    expect(fs.readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe(GOOD_SOURCE);
  });
});

describe('bad input through jscodeshift: one line per file, no stack, nothing written for it', () => {
  it('syntax error, binary, non-UTF-8, over the size limit, a file reached through a symbolic link: refused; the good file is fixed; --fail-on-error exits 1', () => {
    const dir = tempDir();
    const bad: Record<string, Buffer | string> = {
      'syntax.ts': "import OpenAI from 'openai';\nconst x = { model: 'gpt-image-1', ;\n",
      'bin.ts': Buffer.concat([Buffer.from("const m = 'gpt-image-1';\n"), Buffer.from([0, 0, 1, 2, 0]), Buffer.from('\n')]),
      // jscodeshift decodes this as U+FFFD and would write the replacement characters back
      'latin1.ts': Buffer.concat([Buffer.from(GOOD_SOURCE), Buffer.from('// caf'), Buffer.from([0xe9, 0x0a])]),
      'big.ts': GOOD_SOURCE + '// padding to make the file larger than the limit\n'.repeat(420),
      'target/real.ts': GOOD_SOURCE,
    };
    writeFiles(dir, { ...bad, 'good.ts': GOOD_SOURCE, 'empty.ts': '' });
    fs.symlinkSync('target/real.ts', path.join(dir, 'link.ts'));
    fs.symlinkSync('target', path.join(dir, 'linked'));
    const before = tree(dir);

    const run = runJscodeshift(
      dir,
      '--run-in-band',
      '--fail-on-error',
      '--maxFileSize=0.01',
      `--now=${NOW}`,
      ...['good.ts', 'empty.ts', 'syntax.ts', 'bin.ts', 'latin1.ts', 'big.ts', 'link.ts', 'linked/real.ts'],
    );

    const lineFor = (file: string) => run.stdout.split('\n').find((l) => l.includes(`ERR ${file} `)) ?? '';
    expect(lineFor('syntax.ts')).toMatch(/does not parse: .*\(line 2, column \d+\)/);
    expect(lineFor('bin.ts')).toMatch(/binary file/);
    expect(lineFor('latin1.ts')).toMatch(/not valid UTF-8/);
    expect(lineFor('big.ts')).toMatch(/over the 10\.2 KB limit/);
    expect(lineFor('link.ts')).toMatch(/symbolic link: not edited/);
    expect(lineFor('linked/real.ts')).toMatch(/symbolic link: not edited/);
    expect(run.stdout).toMatch(/^6 errors$/m);
    expect(run.stdout).not.toMatch(STACK_LINE);
    expect(run.stdout).not.toMatch(/internal error/);
    expect(run.code).toBe(1);

    const after = tree(dir);
    expect(after.get('good.ts')!.toString()).toBe(GOOD_SOURCE.replace("'gpt-image-1'", "'gpt-image-2'"));
    expect(after.get('empty.ts')!.length).toBe(0);
    expectSameBytes(after, before, Object.keys(bad));
    expect(fs.readlinkSync(path.join(dir, 'link.ts'))).toBe('target/real.ts');
  });

});

/**
 * Parity: the jscodeshift path (Babel's `ts`, `tsx` and estree-mode `babel`
 * parsers through the ESTree/Babel adapter) plans exactly what the ts-morph
 * path plans: the same findings at the same ranges, the same output.
 */
const sdk = (body: string) => `import OpenAI from 'openai';\nconst client = new OpenAI();\n${body}\n`;
const PARITY: Record<string, string> = {
  'SDK generate with a removed param': sdk("await client.images.generate({ model: 'gpt-image-1', prompt, response_format: 'url' });"),
  'dall-e-3 leftovers': sdk("await client.images.generate({ model: 'dall-e-3', prompt, quality: 'hd', style: 'natural', size: '1024x1024' });"),
  'a directive prologue string (Babel: DirectiveLiteral)': "'gpt-image-1';\nexport const M = 'gpt-image-1';\n",
  'a class property and a method': sdk("class Gen { model = 'gpt-image-1'; run() { return client.images.generate({ model: this.model, prompt: 'x' }); } }"),
  'an object method and a getter (Babel: ObjectMethod)': sdk("const api = { make() { return client.images.generate({ model: 'gpt-image-1', prompt, style: 'vivid' }); }, get m() { return 'dall-e-2'; } };"),
  'optional chaining (Babel: OptionalMemberExpression)': sdk("await client?.images?.generate({ model: 'gpt-image-1', prompt });"),
  'a parameter default': sdk("export async function draw(prompt, model = 'gpt-image-1') { return client.images.generate({ model, prompt }); }"),
  'a destructuring default (Babel: ObjectProperty in a pattern)': sdk("export async function draw({ model = 'gpt-image-1', prompt }) { return client.images.generate({ model, prompt }); }"),
  'an env default flowing into a call': sdk("const MODEL = process.env.M || 'gpt-image-1';\nawait client.images.generate({ model: MODEL, prompt });"),
  'a spread of a settings object': sdk("const base = { model: 'gpt-image-1' };\nawait client.images.generate({ ...base, prompt, style: 'vivid' });"),
  'fetch to the images endpoint': "await fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ model: 'dall-e-3', prompt, quality: 'hd' }) });\n",
  'a Unifically task (nested input)': "await fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify({ model: 'openai/gpt-image-1', input: { prompt, quality: \"high\", size: '1024x1536' } }) });\n",
  'switch case, regex, template': "export function f(m) { switch (m) { case 'gpt-image-1': return /dall-e-3/.test(m); default: return `gpt-image-1`; } }\n",
  'JSX attribute values (Babel: StringLiteral in JSXAttribute)': 'export const A = () => <ImageGen model="gpt-image-1" fallback={\'dall-e-3\'} />;\n',
  'CommonJS export of a settings object': "module.exports = { imageModel: 'gpt-image-1' };\n",
  'CRLF, tabs and non-ASCII text before the edits': "// café ☃ 😀\r\nimport OpenAI from 'openai';\r\nconst client = new OpenAI();\r\nawait client.images.edit({\r\n\tmodel: 'gpt-image-1', // 😀\r\n\tinput_fidelity: 'high',\r\n\tprompt: '☃',\r\n});\r\n",
};
const TS_ONLY: Record<string, string> = {
  'as const, satisfies, a non-null assertion': sdk("await client.images!.generate({ model: 'gpt-image-1' as const, prompt } satisfies object);"),
  'an angle-bracket cast (parses as .ts only)': sdk("await client.images.generate(<any>{ model: 'gpt-image-1', prompt, response_format: 'url' });"),
  'a literal type and an enum': "export type M = 'gpt-image-1' | 'gpt-image-2';\nexport enum Model { Old = 'gpt-image-1' }\n",
};

describe('parity: the jscodeshift path plans what the ts-morph path plans', () => {
  const options = resolveOptions({ now: NOW });
  const cases = [
    ...Object.entries(PARITY).flatMap(([name, code]) =>
      (name.startsWith('JSX') ? ['a.tsx', 'a.jsx', 'a.js'] : ['a.ts', 'a.tsx', 'a.js']).map((file) => [name, file, code] as const),
    ),
    ...Object.entries(TS_ONLY).map(([name, code]) => [name, name.includes('cast') ? 'a.ts' : 'a.tsx', code] as const),
  ];
  it.each(cases)('%s (%s)', (_name, file, code) => {
    const viaBabel = planWithJscodeshift(file, code, jscodeshift, options);
    const viaTs = planWithTsMorph(code, {}, file);
    expect(viaBabel.findings.length).toBeGreaterThan(0);
    expect(comparable(viaBabel.findings)).toEqual(comparable(viaTs.findings));
    expect(viaBabel.output).toBe(viaTs.output);
    expect(viaBabel.outputError).toBeUndefined();
  });
});

describe('parity: a computed string key', () => {
  it("`{ ['gpt-image-1']: 1 }` is reported at the same range by the ts-morph, ESLint and jscodeshift paths", () => {
    // Found by this parity check: from-typescript.ts took a computed key's range with
    // its brackets, `['gpt-image-1']`, the ESTree adapter (ESLint and jscodeshift) the
    // literal's, so audit and ESLint reported the finding one column apart.
    const code = "export const prices = { ['gpt-image-1']: 1, 'dall-e-3': 2 };\n";
    const viaTs = comparable(planWithTsMorph(code).findings);
    expect(viaTs).toHaveLength(2);
    expect(comparable(planWithEstree(code).findings)).toEqual(viaTs);
    expect(comparable(planWithJscodeshift('a.ts', code, jscodeshift, resolveOptions({ now: NOW })).findings)).toEqual(viaTs);
  });
});

describe('the transform in-process', () => {
  const api = (reports: string[] = []) => ({ j: jscodeshift, jscodeshift, stats: () => {}, report: (m: string) => reports.push(m) }) as never;

  it('keeps the BOM and CRLF of a source that is not on disk (a programmatic call)', () => {
    const source = '\uFEFF' + GOOD_SOURCE.replace(/\n/g, '\r\n');
    const out = transform({ path: 'virtual/not-on-disk.ts', source }, api(), { now: NOW });
    expect(out).toBe(source.replace("'gpt-image-1'", "'gpt-image-2'"));
  });

  it('returns the source unchanged (jscodeshift: unmodified) when nothing applies; a .d.ts is read, and a type is never rewritten', () => {
    const source = "export const m = 'gpt-image-2';\n";
    expect(transform({ path: 'virtual/a.ts', source }, api(), { now: NOW })).toBe(source);
    const declaration = "export declare const model: 'gpt-image-1' | 'dall-e-3';\n";
    expect(transform({ path: 'virtual/a.d.ts', source: declaration }, api(), { now: NOW })).toBe(declaration);
    expect(transform({ path: 'virtual/a.txt', source: GOOD_SOURCE }, api(), { now: NOW })).toBeUndefined();
  });

  it('an internal error (a bug) is one line without a stack, and keeps its stack with --debug', async () => {
    vi.resetModules();
    vi.doMock('../src/engine.js', async (importOriginal) => {
      const real = await importOriginal<typeof import('../src/engine.js')>();
      return {
        ...real,
        planTree: () => {
          throw new TypeError('a planner bug');
        },
      };
    });
    try {
      const { transform: buggy } = await import('../transforms/jscodeshift-transform.js');
      const errorOf = (options: Record<string, unknown>): Error => {
        try {
          buggy({ path: 'virtual/a.ts', source: GOOD_SOURCE }, api(), options);
        } catch (error) {
          return error as Error;
        }
        throw new Error('test bug: the transform did not throw');
      };
      const quiet = errorOf({ now: NOW });
      expect(quiet.message).toBe('internal error: a planner bug (run with --debug for details)');
      expect(quiet.stack).toBe(''); // jscodeshift prints `Transformation error (<message>)` and then the stack
      const debug = errorOf({ now: NOW, debug: true });
      expect(debug.message).toBe('internal error: a planner bug');
      expect(debug.stack).toMatch(STACK_LINE);
    } finally {
      vi.doUnmock('../src/engine.js');
      vi.resetModules();
    }
  });

  it('an edit that would not parse is never returned: the file is reported and left as it was', async () => {
    // The planner cannot be made to produce a bad edit on purpose, so its
    // output is broken here: the re-parse is what must catch it.
    vi.resetModules();
    vi.doMock('../src/engine.js', async (importOriginal) => {
      const real = await importOriginal<typeof import('../src/engine.js')>();
      return { ...real, applyPlan: (text: string, findings: never[]) => real.applyPlan(text, findings).replace(/\}\);\n$/, ');\n') };
    });
    try {
      const { transform: broken } = await import('../transforms/jscodeshift-transform.js');
      expect(() => broken({ path: 'virtual/a.ts', source: GOOD_SOURCE }, api(), { now: NOW })).toThrow(
        /^the fix would not parse, so the file is left unchanged: .*\(line 3, column \d+\)$/,
      );
    } finally {
      vi.doUnmock('../src/engine.js');
      vi.resetModules();
    }
  });
});
