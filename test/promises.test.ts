/**
 * Promises of the README that no other test held, each checked by what a
 * user would see: exit codes, the bytes on disk, the report.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT, main } from '../src/cli.js';
import { cleanTempDirs, cli, Collector, GOOD_SOURCE, isRoot, NOW, read, tempDir, writeFiles, type CliResult } from './support/cli.js';
import { BIN, ensureBuilt } from './support/dist.js';

afterEach(() => {
  vi.unstubAllEnvs();
  cleanTempDirs();
});

const FIXED = GOOD_SOURCE.replace("'gpt-image-1'", "'gpt-image-2'");

interface JsonReport {
  findings: { file: string; line: number; rule: string; fix: string; role: string; severity: string; message: string; model: string | null }[];
  errors: { file: string; message: string }[];
  skipped: { file: string; message: string }[];
  summary: { filesScanned: number };
}

async function auditJson(dir: string, ...args: string[]): Promise<JsonReport> {
  const { stdout } = await cli(dir, 'audit', ...args, '--format', 'json', '--fail-on', 'none');
  return JSON.parse(stdout) as JsonReport;
}

/** Every entry under `dir` (relative paths), so a leftover temporary file shows. */
function listing(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map((entry) => String(entry))
    .sort();
}

describe('exit 2 when a file cannot be written, and nothing half-written', () => {
  it('a read-only file (no write bit) is named, left byte for byte, and the other files are fixed', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.ts': GOOD_SOURCE, 'locked/ro.ts': GOOD_SOURCE });
    const file = path.join(dir, 'locked/ro.ts');
    fs.chmodSync(file, 0o444);
    const before = listing(dir);

    const { code, stderr } = await cli(dir, 'fix');

    expect(stderr).toMatch(/^gpt-image-migrate: locked\/ro\.ts: read-only file: not written/m);
    // the summary counts what was written: one file, one change (not the unwritten file's)
    expect(stderr).toMatch(/^1 file changed \(1 automatic change\); 0 items left for a person .*; 1 file could not be processed\.$/m);
    expect(code).toBe(EXIT.fileErrors);
    expect(read(dir, 'locked/ro.ts')).toBe(GOOD_SOURCE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    expect(read(dir, 'a.ts')).toBe(FIXED);
    expect(listing(dir)).toEqual(before);
  });

  // a folder the user cannot write, and a rename the OS refuses (a file of another user in a
  // sticky directory): both need a user chmod binds, so as root the built CLI runs as `nobody`
  const dropRoot = isRoot() && spawnSync('runuser', ['--help']).status === 0;

  it('a read-only folder and a refused rename: each named "permission denied", untouched, no temporary file left; exit 2', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'ok/a.ts': GOOD_SOURCE, 'ro/b.ts': GOOD_SOURCE, 'sticky/c.ts': GOOD_SOURCE });
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'ro'), 0o555);
    let result: CliResult;
    if (dropRoot) {
      ensureBuilt();
      spawnSync('chown', ['nobody', path.join(dir, 'ok'), path.join(dir, 'ok/a.ts')]);
      // root's file, writable by all, in a directory everyone may write but only owners may rename in
      fs.chmodSync(path.join(dir, 'sticky'), 0o1777);
      fs.chmodSync(path.join(dir, 'sticky/c.ts'), 0o666);
      const child = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, BIN, 'fix', '.', '--now', NOW, '--no-verify'], { cwd: dir, encoding: 'utf8' });
      result = { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
    } else {
      fs.rmSync(path.join(dir, 'sticky'), { recursive: true }); // no other user to own the file
      result = await cli(dir, 'fix', '--no-verify');
    }
    const before = listing(path.join(dir, 'ro'));

    if (isRoot() && !dropRoot) {
      // root without runuser writes through a folder's mode 555: nothing is denied, and no temporary file stays
      expect(result.stderr).not.toMatch(/permission denied/);
      expect(result.code).toBe(EXIT.ok);
      expect(read(dir, 'ro/b.ts')).toBe(FIXED);
      expect(listing(path.join(dir, 'ro'))).toEqual(['b.ts']);
      return;
    }
    expect(result.stderr).toMatch(/^gpt-image-migrate: ro\/b\.ts: permission denied$/m);
    if (dropRoot) expect(result.stderr).toMatch(/^gpt-image-migrate: sticky\/c\.ts: permission denied$/m);
    expect(result.code).toBe(EXIT.fileErrors);
    expect(read(dir, 'ro/b.ts')).toBe(GOOD_SOURCE);
    expect(listing(path.join(dir, 'ro'))).toEqual(before);
    if (dropRoot) {
      expect(read(dir, 'sticky/c.ts')).toBe(GOOD_SOURCE);
      expect(listing(path.join(dir, 'sticky'))).toEqual(['c.ts']);
    }
    expect(read(dir, 'ok/a.ts')).toBe(FIXED);
    expect(listing(path.join(dir, 'ok'))).toEqual(['a.ts']);
  }, 120_000);
});

describe('the skip list, entry by entry', () => {
  // each entry alone beside one application file: only the application file is scanned
  it.each([
    ['node_modules/pkg/index.ts', GOOD_SOURCE],
    ['.next/server/page.js', GOOD_SOURCE],
    ['coverage/lcov-report/a.ts', GOOD_SOURCE],
    ['package-lock.json', '{ "packages": { "": { "model": "gpt-image-1" } } }\n'],
    ['npm-shrinkwrap.json', '{ "packages": { "": { "model": "gpt-image-1" } } }\n'],
    ['pnpm-lock.yaml', 'model: gpt-image-1\n'],
    ['yarn.lock', 'model "gpt-image-1"\n'],
    // declaration files are read when hand-written, passed over with a reason when emitted: test/recall.test.ts
  ])('%s is not read', async (skipped, content) => {
    const dir = tempDir();
    writeFiles(dir, { 'src/app.ts': GOOD_SOURCE, [skipped]: content });
    const report = await auditJson(dir);
    expect(report.findings.map((f) => f.file)).toEqual(['src/app.ts']);
    expect(report.summary.filesScanned).toBe(1);
    expect(report.errors).toEqual([]);
    const dry = await cli(dir, 'fix', '--dry-run');
    expect(dry.stdout).toContain('+++ b/src/app.ts');
    expect(dry.stdout).not.toContain(skipped);
  });

  // pre-commit and editors name files one by one: a lock file named on the command line is passed over too,
  // with the reason (without its skip-list entry, yarn.lock and pnpm-lock.yaml would be read as data)
  it.each([
    ['yarn.lock', 'model "gpt-image-1"\n'],
    ['pnpm-lock.yaml', 'model: gpt-image-1\n'],
    ['package-lock.json', '{ "packages": { "": { "model": "gpt-image-1" } } }\n'],
  ])('%s named on the command line is passed over, with the reason', async (lock, content) => {
    const dir = tempDir();
    writeFiles(dir, { 'src/app.ts': GOOD_SOURCE, [lock]: content });
    const { code, stdout } = await cli(dir, 'audit', 'src/app.ts', lock, '--format', 'json', '--now', NOW, '--fail-on', 'none');
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.findings.map((f) => f.file)).toEqual(['src/app.ts']);
    expect(report.skipped).toEqual([{ file: lock, message: expect.stringMatching(/^lock file: not read/) }]);
  });

  it.each(['dist', 'build', 'out'])('%s/ is build output: reported with "rebuild it from source", never edited', async (folder) => {
    const dir = tempDir();
    writeFiles(dir, { 'src/app.ts': GOOD_SOURCE, [`${folder}/index.js`]: GOOD_SOURCE });
    const report = await auditJson(dir);
    expect(report.findings.map((f) => [f.file, f.fix])).toEqual([
      [`${folder}/index.js`, 'manual'],
      ['src/app.ts', 'auto'],
    ]);
    expect(report.findings[0].message).toMatch(/rebuild it from source/);
    expect((await cli(dir, 'fix')).code).toBe(EXIT.ok);
    expect(read(dir, `${folder}/index.js`)).toBe(GOOD_SOURCE);
    expect(read(dir, 'src/app.ts')).toBe(FIXED);
  });
});

describe('--azure-deployment-map, as a flag and as a config key', () => {
  const AZURE = "import { AzureOpenAI } from 'openai';\nexport const client = new AzureOpenAI({ endpoint, apiVersion, deployment: 'gpt-image-1' });\n";

  it('without it, a deployment name is reported and left alone', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'src/azure.ts': AZURE });
    const report = await auditJson(dir);
    expect(report.findings.map((f) => [f.role, f.fix])).toEqual([['deployment', 'manual']]);
    await cli(dir, 'fix');
    expect(read(dir, 'src/azure.ts')).toBe(AZURE);
  });

  it('the flag renames the deployment it names', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'src/azure.ts': AZURE });
    expect((await cli(dir, 'fix', '--azure-deployment-map', 'gpt-image-1=images-v2')).code).toBe(EXIT.ok);
    expect(read(dir, 'src/azure.ts')).toBe(AZURE.replace("'gpt-image-1'", "'images-v2'"));
  });

  it('the config key does the same, and the flag overrides it', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'src/azure.ts': AZURE, 'gpt-image-migrate.config.json': JSON.stringify({ azureDeploymentMap: 'gpt-image-1=from-config' }) });
    expect((await cli(dir, 'fix', '--dry-run')).stdout).toContain("+export const client = new AzureOpenAI({ endpoint, apiVersion, deployment: 'from-config' });");
    expect((await cli(dir, 'fix', '--azure-deployment-map', 'gpt-image-1=from-flag')).code).toBe(EXIT.ok);
    expect(read(dir, 'src/azure.ts')).toBe(AZURE.replace("'gpt-image-1'", "'from-flag'"));
  });

  it("azure.image() of @ai-sdk/azure beside generateImage from 'ai': reported, never renamed, unless the map names it", async () => {
    const source = "import { azure } from '@ai-sdk/azure';\nimport { generateImage } from 'ai';\nexport const r = await generateImage({ model: azure.image('gpt-image-1'), prompt: 'x' });\n";
    const dir = tempDir();
    writeFiles(dir, { 'src/image.ts': source });
    const report = await auditJson(dir);
    expect(report.findings.map((f) => [f.role, f.fix, f.severity])).toEqual([['deployment', 'manual', 'error']]);
    expect((await cli(dir, 'fix')).code).toBe(EXIT.ok);
    expect(read(dir, 'src/image.ts')).toBe(source);
    await cli(dir, 'fix', '--azure-deployment-map', 'gpt-image-1=images-v2');
    expect(read(dir, 'src/image.ts')).toBe(source.replace("azure.image('gpt-image-1')", "azure.image('images-v2')"));
  });
});

/** Runs the CLI in-process without pinning --now; `tty` marks stdout and stderr as terminals. */
async function run(cwd: string, argv: string[], tty = false): Promise<CliResult> {
  const stdout = Object.assign(new Collector(), { isTTY: tty });
  const stderr = Object.assign(new Collector(), { isTTY: tty });
  const code = await main(argv, { stdout: stdout as never, stderr: stderr as never, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('$GPT_IMAGE_MIGRATE_NOW is the default date', () => {
  const MINI = GOOD_SOURCE.replace("'gpt-image-1'", "'gpt-image-1-mini', quality: 'medium'");

  it('before the shutdown of gpt-image-1-mini a warning naming the days left, after it an error; --now wins', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.ts': MINI });
    const severity = async (...args: string[]) => {
      const report = JSON.parse((await run(dir, ['audit', '--format', 'json', '--fail-on', 'none', ...args])).stdout) as JsonReport;
      return report.findings.map((f) => [f.severity, f.message]);
    };
    vi.stubEnv('GPT_IMAGE_MIGRATE_NOW', '2026-11-21');
    expect(await severity()).toEqual([['warning', expect.stringMatching(/^'gpt-image-1-mini' shuts down on 2026-12-01 \(in 10 days\)\. /)]]);
    vi.stubEnv('GPT_IMAGE_MIGRATE_NOW', '2026-12-05');
    expect(await severity()).toEqual([['error', expect.stringMatching(/^'gpt-image-1-mini' shut down on 2026-12-01 \(4 days ago\): these calls fail today\./)]]);
    expect(await severity('--now', '2026-11-30')).toEqual([['warning', expect.stringMatching(/^'gpt-image-1-mini' shuts down on 2026-12-01 \(in 1 day\)\. /)]]);
  });

  it('a bad value is a usage error naming the variable’s date', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.ts': MINI });
    vi.stubEnv('GPT_IMAGE_MIGRATE_NOW', '2026-02-30');
    const { code, stderr } = await run(dir, ['audit']);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(/must be a real date as YYYY-MM-DD, got '2026-02-30'/);
  });
});

const ESC = /\u001b\[/;

describe('colour: NO_COLOR and FORCE_COLOR on a terminal, never into a pipe', () => {
  // (NO_COLOR and FORCE_COLOR=0 turning colour off are checked on a real terminal below: in-process,
  // a terminal's own level is that of the test runner's stdout, which may be none already)
  it.each([
    ['FORCE_COLOR=1 on a terminal: colour', { FORCE_COLOR: '1' }, true, true],
    ['FORCE_COLOR=2 wins over NO_COLOR on a terminal (as in Node)', { FORCE_COLOR: '2', NO_COLOR: '1' }, true, true],
    ['FORCE_COLOR=1 into a pipe: plain (a diff must stay a diff)', { FORCE_COLOR: '1' }, false, false],
  ])('%s', async (_name, env, tty, coloured) => {
    vi.stubEnv('NO_COLOR', undefined);
    vi.stubEnv('FORCE_COLOR', undefined);
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    const dir = tempDir();
    writeFiles(dir, { 'a.ts': GOOD_SOURCE });
    const report = await run(dir, ['audit', '--now', NOW, '--fail-on', 'none'], tty);
    expect(report.stdout).toContain("'gpt-image-1' shut down on 2026-10-23");
    expect(ESC.test(report.stdout)).toBe(coloured);
    const diff = await run(dir, ['fix', '--dry-run', '--now', NOW], tty);
    expect(diff.stdout).toContain("+export const r = client.images.generate({ model: 'gpt-image-2', prompt: 'a cat' });");
    expect(ESC.test(diff.stdout)).toBe(coloured);
  });
});

describe('on a real pseudo-terminal (script(1)): colour and the progress bar', () => {
  /** Runs the built CLI with stdout and stderr on a pseudo-terminal; returns what the terminal showed. */
  function onTerminal(cwd: string, args: string, env: Record<string, string | undefined> = {}): string {
    ensureBuilt();
    const command = `"${process.execPath}" "${BIN}" ${args} --now ${NOW}`;
    const child = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd,
      encoding: 'utf8',
      // a user's terminal: CI machines set CI (or TERM=dumb), which turns
      // colour off in chalk's detection even on a real terminal
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm-256color', ...env },
      timeout: 60_000,
    });
    expect(child.error).toBeUndefined();
    return child.stdout;
  }

  it('colour by default, none with NO_COLOR or FORCE_COLOR=0', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.ts': GOOD_SOURCE });
    const coloured = onTerminal(dir, 'audit --fail-on none');
    expect(coloured).toMatch(/\u001b\[31merror/);
    for (const env of [{ NO_COLOR: '1' }, { FORCE_COLOR: '0' }]) {
      const plain = onTerminal(dir, 'audit --fail-on none', env);
      expect(plain, JSON.stringify(env)).toContain('error   auto');
      expect(plain, JSON.stringify(env)).not.toMatch(ESC);
    }
  });

  it('more than 200 files: a progress bar on the terminal, none with --no-progress', () => {
    const dir = tempDir();
    writeFiles(dir, Object.fromEntries(Array.from({ length: 210 }, (_, i) => [`src/f${i}.ts`, `export const x${i} = ${i};\n`])));
    const shown = onTerminal(dir, 'audit --fail-on none');
    expect(shown).toMatch(/scanning \[[^\]]*\] \d+% \d+\/210 files/);
    const quiet = onTerminal(dir, 'audit --fail-on none --no-progress');
    expect(quiet).not.toMatch(/scanning \[/);
    expect(quiet).toMatch(/0 findings/);
  }, 120_000);
});

describe('symbolic links: read only inside the scanned tree, broken ones reported', () => {
  it('a link out of the tree is not followed (its target is neither read nor written), a broken link is named, a link inside is read once as its target', async () => {
    const outside = tempDir();
    writeFiles(outside, { 'secret.ts': GOOD_SOURCE, 'lib/far.ts': GOOD_SOURCE });
    const dir = tempDir();
    writeFiles(dir, { 'src/app.ts': GOOD_SOURCE });
    fs.symlinkSync(path.join(outside, 'secret.ts'), path.join(dir, 'src/out.ts'));
    fs.symlinkSync(path.join(outside, 'lib'), path.join(dir, 'src/outlib'));
    fs.symlinkSync('app.ts', path.join(dir, 'src/same.ts'));
    fs.symlinkSync('missing.ts', path.join(dir, 'src/broken.ts'));

    const report = await auditJson(dir);
    // the inside link is its target, once: one finding, on the target's path
    expect(report.findings.map((f) => f.file)).toEqual(['src/app.ts']);
    expect(report.errors).toEqual([{ file: 'src/broken.ts', message: 'broken symbolic link (its target does not exist)' }]);
    // (a link to a directory outside is not walked either; the walk passes it over without a note)
    expect(report.skipped).toEqual([{ file: 'src/out.ts', message: 'symbolic link that points outside the scanned directory: not followed' }]);

    expect((await cli(dir, 'fix')).code).toBe(EXIT.fileErrors); // the broken link
    expect(read(dir, 'src/app.ts')).toBe(FIXED);
    expect(read(outside, 'secret.ts')).toBe(GOOD_SOURCE);
    expect(read(outside, 'lib/far.ts')).toBe(GOOD_SOURCE);
    expect(fs.lstatSync(path.join(dir, 'src/same.ts')).isSymbolicLink()).toBe(true);
  });
});
