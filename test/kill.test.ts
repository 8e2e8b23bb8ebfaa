/**
 * SIGKILL in the middle of a large fix. The real CLI (`node
 * bin/gpt-image-migrate.js fix`, built) rewrites a few hundred files that
 * each need a fix; frozen (a preloaded hook) after half of them are renamed
 * into place and with the next one's temporary file written, it is killed
 * with SIGKILL, which no handler can catch. Every file must then be exactly
 * its old content or exactly its new one (the new one: what `fix` gives on
 * a fresh copy, run alongside). write-file-atomic cannot clean up its temporary file on
 * SIGKILL; whatever is left must not be a file the next run reads, and the
 * next run must finish the job.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { discover } from '../src/run/discover.js';
import { cleanTempDirs, cli, NOW, tempDir, writeFiles } from './support/cli.js';
import { BIN, ensureBuilt } from './support/dist.js';

beforeAll(() => ensureBuilt(), 120_000);
afterEach(() => cleanTempDirs());

const FILES = 400;
const PER_DIRECTORY = 40;

/** File `i`: unique content that needs a fix; some CRLF, some with a BOM, a `.env` per directory. */
function sourceFor(i: number): string {
  const eol = i % 3 === 0 ? '\r\n' : '\n';
  const bom = i % 7 === 0 ? '\uFEFF' : '';
  return (
    bom +
    [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      `// file ${i}`,
      `export const image${i} = await client.images.generate({`,
      // odd files read IMAGE_MODEL, so the .env beside them moves with them
      `  model: ${i % 2 ? "process.env.IMAGE_MODEL ?? 'gpt-image-1'" : '"dall-e-3"'},`,
      `  prompt: 'picture ${i}',`,
      "  response_format: 'b64_json',",
      '});',
      '',
    ].join(eol)
  );
}

function makeTree(dir: string): Map<string, Buffer> {
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) {
    const directory = `pkg${String(Math.floor(i / PER_DIRECTORY)).padStart(2, '0')}`;
    files[`${directory}/file${String(i).padStart(5, '0')}.ts`] = sourceFor(i);
    if (i % PER_DIRECTORY === 0) files[`${directory}/.env`] = `# directory ${i}\nIMAGE_MODEL=gpt-image-1\n`;
  }
  writeFiles(dir, files);
  return new Map(Object.entries(files).map(([file, text]) => [file, Buffer.from(text)]));
}

function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    out.set(relative, fs.readFileSync(path.join(dir, relative)));
  }
  return out;
}

function fixIn(dir: string): ChildProcess {
  return spawn(process.execPath, [BIN, 'fix', '.', '--now', NOW, '--no-progress'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

const PAUSE_HOOK = path.join(import.meta.dirname, 'support/pause-at-rename.cjs');

/** The same fix, frozen (by PAUSE_HOOK) just before its rename number `renames + 1`; resolves once it is. */
async function fixPausedAt(dir: string, renames: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--require', PAUSE_HOOK, BIN, 'fix', '.', '--now', NOW, '--no-progress'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    env: { ...process.env, PAUSE_AFTER_RENAMES: String(renames) },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const report = child.stdio[3] as NodeJS.ReadableStream;
  await new Promise<void>((resolve, reject) => {
    let said = '';
    report.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('\n')) resolve();
    });
    child.once('exit', (code, signal) => reject(new Error(`test bug: the fix ended (${code ?? signal}) before it paused: ${stderr}`)));
  });
  return child;
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

it(`SIGKILL mid-fix over ${FILES} files: each file is exactly old or new, leftovers are never read, and the next run finishes`, async () => {
  const victim = tempDir();
  const original = makeTree(victim);
  const reference = tempDir();
  fs.cpSync(victim, reference, { recursive: true });
  const files = [...original.keys()].sort();

  // the reference runs to completion alongside: what `fix` gives on a fresh copy
  const referenceRun = fixIn(reference);
  // the victim is frozen with half its files renamed into place and the next one's temporary
  // file written but not renamed, then killed there: a point the test chose, not one a poll saw
  const written = Math.floor(original.size / 2);
  const run = await fixPausedAt(victim, written);
  run.kill('SIGKILL');
  expect(await exitOf(run)).toEqual({ code: null, signal: 'SIGKILL' });
  const referenceExit = await exitOf(referenceRun);
  expect(referenceExit.code).toBe(0);

  const expected = tree(reference);
  const killed = tree(victim);
  let changed = 0;
  let unchanged = 0;
  const torn: string[] = [];
  for (const file of files) {
    const bytes = killed.get(file);
    expect(bytes, `${file} is missing`).toBeDefined();
    expect(expected.get(file)!.equals(original.get(file)!), `${file} needs a fix`).toBe(false);
    if (bytes!.equals(original.get(file)!)) unchanged++;
    else if (bytes!.equals(expected.get(file)!)) changed++;
    else torn.push(file);
  }
  expect(torn, 'files that are neither the old nor the new content').toEqual([]);
  // the .env files are written too: every file of the tree needs a fix, so written = renamed
  expect(changed, 'files written before the kill').toBe(written);
  expect(unchanged, 'files not yet written at the kill').toBe(files.length - written);

  // write-file-atomic's temporary file (`<file>.<uint32>`) of the write the kill interrupted
  const leftovers = [...killed.keys()].filter((file) => !original.has(file));
  expect(leftovers, 'the one temporary file of the interrupted write').toHaveLength(1);
  const [leftover] = leftovers;
  expect(leftover).toMatch(/^(.+)\.\d{1,10}$/);
  const target = leftover.replace(/\.\d{1,10}$/, '');
  expect(killed.get(target)!.equals(original.get(target)!), `${target} was not replaced`).toBe(true);
  expect(killed.get(leftover)!.equals(expected.get(target)!), 'the temporary file holds the new content').toBe(true);
  const discovered = await discover(['.'], victim);
  expect(discovered.files.map((f) => path.relative(victim, f).split(path.sep).join('/'))).toEqual(files);

  // the next run reads what the first left and finishes the job
  const resumed = await cli(victim, 'fix', '.', '--no-progress');
  expect(resumed.code).toBe(0);
  expect(resumed.stderr).toMatch(new RegExp(`^${unchanged} files changed`, 'm'));
  const finished = tree(victim);
  for (const file of files) expect(finished.get(file)!.equals(expected.get(file)!), file).toBe(true);

}, 180_000);

it('the temporary file of an interrupted write next to a .env is not read as a `.env.<stage>` file', async () => {
  // `.env.*` is a source pattern (.env.local, .env.production), and write-file-atomic
  // names its temporary file `.env.<uint32>`: killed between write and rename, it stays.
  const dir = tempDir();
  writeFiles(dir, {
    '.env': 'IMAGE_MODEL=gpt-image-1\n',
    '.env.2847561234': 'IMAGE_MODEL=gpt-image-2\n', // half of an interrupted write
    '.env.production': 'IMAGE_MODEL=gpt-image-1\n',
    // the price of the rule: `<file>.<digits>` beside `<file>` is taken for a leftover, and named in `skipped`
    '.env.2': 'IMAGE_MODEL=gpt-image-1\n',
    'config/.env.local.12345': 'IMAGE_MODEL=gpt-image-1\n', // no `config/.env.local` beside it: a real file
    // the code that reads IMAGE_MODEL: what makes the .env files' value an API argument
    'app.ts': "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const r = client.images.generate({ model: process.env.IMAGE_MODEL!, prompt: 'x' });\n",
  });

  const { stdout } = await cli(dir, 'audit', '--format', 'json', '--fail-on', 'none');
  const report = JSON.parse(stdout) as { findings: { file: string }[]; skipped: { file: string; message: string }[] };
  expect([...new Set(report.findings.map((f) => f.file))].sort()).toEqual(['.env', '.env.production', 'config/.env.local.12345']);
  expect(report.skipped).toEqual(
    expect.arrayContaining([
      { file: '.env.2847561234', message: expect.stringMatching(/interrupted write/) },
      { file: '.env.2', message: expect.stringMatching(/interrupted write/) },
    ]),
  );

  expect((await cli(dir, 'fix')).code).toBe(0);
  expect(fs.readFileSync(path.join(dir, '.env.2847561234'), 'utf8')).toBe('IMAGE_MODEL=gpt-image-2\n');
  expect(fs.readFileSync(path.join(dir, '.env'), 'utf8')).toBe('IMAGE_MODEL=gpt-image-2\n');
});
