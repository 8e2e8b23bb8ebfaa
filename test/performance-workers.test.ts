/**
 * Worker threads change where files are planned, never what the run says:
 * the built CLI runs the same repository with workers forced on
 * (GPT_IMAGE_MIGRATE_WORKER_THRESHOLD=0) and off (=Infinity), and the audit
 * JSON, the dry-run diff and the files `fix` writes must be byte for byte the
 * same, order included. The repository mixes every kind of file and error
 * and has enough files to plan that they spread over several workers.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../src/catalog/index.js';
import { planFile, preparePlanners, type PlanInput } from '../src/run/plan-file.js';
import { FIRST_THREAD_CODE, FIRST_THREAD_FILES } from '../src/run/planner-thread.js';
import { CandidatePlanner } from '../src/run/runner.js';
import { BIN, ensureBuilt, PACKAGE_ROOT } from './support/dist.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gim-workers-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
beforeAll(() => ensureBuilt(), 180_000);

/** The report has no timing field today; should one appear, it is the only thing allowed to differ. */
const TIMING_KEYS = /^(?:timing|timings|durationMs|elapsedMs|generatedAt)$/;

function cli(cwd: string, workers: boolean, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return cliWith({}, cwd, workers, ...args);
}

function cliWith(env: Record<string, string>, cwd: string, workers: boolean, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...env,
      NO_COLOR: '1',
      GPT_IMAGE_MIGRATE_NOW: '2026-11-21',
      GPT_IMAGE_MIGRATE_WORKER_THRESHOLD: workers ? '0' : 'Infinity',
      GPT_IMAGE_MIGRATE_TIMING: '1',
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** stderr without the timing lines (which say how the files were planned, and how long it took). */
function withoutTimings(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith('gpt-image-migrate timing:'))
    .join('\n');
}

function write(root: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

const SHAPES = [
  (i: number) => `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport async function render${i}(prompt: string) {\n  return client.images.generate({ model: 'gpt-image-1', prompt, size: '1024x1024', response_format: 'b64_json' });\n}\n`,
  (i: number) => `import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport const poster${i} = (prompt) => openai.images.generate({ model: "dall-e-3", prompt, quality: "hd", style: "vivid" });\n`,
  (i: number) => `export async function submit${i}(prompt: string) {\n  const res = await fetch('https://api.unifically.com/v1/tasks', {\n    method: 'POST',\n    body: JSON.stringify({ model: 'openai/gpt-image-1', input: { prompt, quality: 'medium', size: '1536x1024' } }),\n  });\n  return res.json();\n}\n`,
  (i: number) => `export const IMAGE_MODEL_${i} = process.env.IMAGE_MODEL ?? 'gpt-image-1-mini';\nexport function isOld${i}(model: string) {\n  return model === 'gpt-image-1' || model.startsWith('gpt-image-1');\n}\n`,
  (i: number) => `import { SHARED_MODEL } from '../shared/models';\nimport OpenAI from 'openai';\nconst client = new OpenAI();\nexport const shared${i} = () => client.images.edit({ model: SHARED_MODEL, image: 'x', prompt: 'y', input_fidelity: 'high' });\n`,
  (i: number) => `export const PRICES_${i}: Record<string, number> = { 'gpt-image-1': 0.04, 'dall-e-2': 0.02, 'gpt-image-2': 0.05 };\n`,
];

function mixedRepo(root: string): void {
  const files: Record<string, string | Buffer> = {
    'package.json': JSON.stringify({ name: 'mixed', dependencies: { openai: '^4.20.0' } }, null, 2) + '\n',
    '.gitignore': 'ignored/\n',
    'ignored/skip.ts': "export const m = 'gpt-image-1';\n",
    '.env': 'IMAGE_MODEL=gpt-image-1\nOTHER=1\n',
    'README.md': '# Mixed\n\nImages come from `dall-e-3` today.\n',
    'src/shared/models.ts': "export const SHARED_MODEL = 'gpt-image-1.5';\n",
    'src/broken.ts': "export const m = { model: 'gpt-image-1', \n",
    'src/binary.ts': Buffer.concat([Buffer.from([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x00, 0x01, 0x02]), Buffer.from("client.images.generate({ model: 'gpt-image-1' });\n")]),
    'src/latin1.ts': Buffer.from("export const label = 'caf\xe9 gpt-image-1';\n", 'latin1'),
    'src/bom.ts': "\uFEFFimport OpenAI from 'openai';\nconst client = new OpenAI();\nexport const IMAGE_MODEL = 'gpt-image-1';\nexport const render = () => client.images.generate({ model: IMAGE_MODEL, prompt: 'x' });\n",
    'src/crlf.ts': "const client = makeClient();\r\nclient.images.generate({ model: 'gpt-image-1', prompt: 'x', style: 'vivid' });\r\n",
  };
  for (let i = 0; i < 60; i++) files[`src/pkg${i % 7}/file${i}.ts`] = SHAPES[i % SHAPES.length](i);
  for (let i = 0; i < 40; i++) files[`src/plain/p${i}.ts`] = `export const value${i} = ${i};\n`;
  write(root, files);
}

describe('worker threads change nothing in what a run says', () => {
  const repo = path.join(scratch, 'repo');
  beforeAll(() => mixedRepo(repo));

  it('audit --format json is byte for byte the same, order included', () => {
    const main = cli(repo, false, 'audit', '--format', 'json', '--fail-on', 'none');
    const workers = cli(repo, true, 'audit', '--format', 'json', '--fail-on', 'none');
    expect(workers.stderr).toContain('plan on worker threads');
    expect(main.stderr).toContain('plan on the main thread');
    const strip = (json: string): string => JSON.stringify(JSON.parse(json), (key, value) => (TIMING_KEYS.test(key) ? undefined : value), 2);
    expect(strip(workers.stdout)).toBe(strip(main.stdout));
    expect(workers.stdout).toBe(main.stdout);
    expect(workers.code).toBe(main.code);
    const report = JSON.parse(main.stdout);
    expect(report.summary.filesParsed).toBeGreaterThan(50);
    expect(report.errors.map((e: { file: string }) => e.file)).toEqual(expect.arrayContaining(['src/broken.ts', 'src/binary.ts', 'src/latin1.ts']));
  });

  it('--parser typescript (the fallback) gives the same audit JSON and dry-run diff as oxc, on worker threads and off', () => {
    for (const workers of [true, false]) {
      const oxc = cli(repo, workers, 'audit', '--format', 'json', '--fail-on', 'none');
      const typescript = cli(repo, workers, 'audit', '--format', 'json', '--fail-on', 'none', '--parser', 'typescript');
      // each parser words its own syntax errors (`'}' expected.` and ``Expected `}` but found `EOF` ``): the rest is byte for byte the same
      const worded = /"does not parse: [^"]*"/g;
      expect(oxc.stdout).toMatch(worded);
      expect(typescript.stdout.replace(worded, '"does not parse"')).toBe(oxc.stdout.replace(worded, '"does not parse"'));
      expect(JSON.parse(oxc.stdout).summary.filesParsed).toBeGreaterThan(50);
      const diff = cli(repo, workers, 'fix', '--dry-run').stdout;
      expect(diff).toContain("+export const IMAGE_MODEL = 'gpt-image-2';");
      expect(cli(repo, workers, 'fix', '--dry-run', '--parser=typescript').stdout).toBe(diff);
    }
  });

  it('audit and fix --dry-run --no-verify load no TypeScript; --parser typescript and the type-check of fix do', () => {
    // a preload (it runs in every thread) that records each load of TypeScript or ts-morph
    const log = path.join(scratch, 'loads.log');
    const hook = path.join(scratch, 'record-loads.cjs');
    fs.writeFileSync(
      hook,
      `const fs = require('node:fs');
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/^(?:typescript|ts-morph)$/.test(request)) fs.appendFileSync(${JSON.stringify(log)}, request + '\\n');
  return load.call(this, request, ...rest);
};
process.on('exit', () => {
  if (Object.keys(require.cache).some((file) => /node_modules[\\\\/]typescript[\\\\/]/.test(file))) fs.appendFileSync(${JSON.stringify(log)}, 'typescript (cached)\\n');
});
`,
    );
    const loads = (cwd: string, ...args: string[]): string[] => {
      fs.rmSync(log, { force: true });
      for (const workers of [true, false]) {
        const run = cliWith({ NODE_OPTIONS: `--require ${hook}` }, cwd, workers, ...args);
        expect(run.stderr).toMatch(workers ? /timing: plan on worker threads/ : /timing: plan on the main thread/);
        expect(run.stderr).not.toMatch(/internal error/);
      }
      return fs.existsSync(log) ? [...new Set(fs.readFileSync(log, 'utf8').split('\n').filter(Boolean))] : [];
    };
    expect(loads(repo, 'audit', '--format', 'json', '--fail-on', 'none')).toEqual([]);
    // (this repository has no tsconfig.json: nothing to type-check)
    expect(loads(repo, 'fix', '--dry-run')).toEqual([]);
    expect(loads(repo, 'audit', '--format', 'json', '--fail-on', 'none', '--parser', 'typescript')).toContain('ts-morph');
    const typed = path.join(scratch, 'typed');
    write(typed, { 'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n', 'node_modules/.keep': '', 'src/a.ts': SHAPES[0](0) });
    expect(loads(typed, 'fix', '--dry-run', '--no-verify')).toEqual([]);
    expect(loads(typed, 'fix', '--dry-run')).toContain('ts-morph');
  });

  it('fix --dry-run prints the same diff and the same summary', () => {
    const main = cli(repo, false, 'fix', '--dry-run');
    const workers = cli(repo, true, 'fix', '--dry-run');
    expect(workers.stdout).toBe(main.stdout);
    expect(withoutTimings(workers.stderr)).toBe(withoutTimings(main.stderr));
    expect(main.stdout).toContain("+export const IMAGE_MODEL = 'gpt-image-2';");
  });

  it('fix writes the same files', () => {
    const a = path.join(scratch, 'fix-main');
    const b = path.join(scratch, 'fix-workers');
    mixedRepo(a);
    mixedRepo(b);
    const main = cli(a, false, 'fix', '--force');
    const workers = cli(b, true, 'fix', '--force');
    expect(withoutTimings(workers.stderr)).toBe(withoutTimings(main.stderr));
    const tree = (root: string): Record<string, string> =>
      Object.fromEntries(
        (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
          .filter((entry) => entry.isFile())
          .map((entry) => {
            const file = path.join(entry.parentPath, entry.name);
            return [path.relative(root, file), fs.readFileSync(file, 'latin1')];
          }),
      );
    const fixed = tree(a);
    expect(tree(b)).toEqual(fixed);
    expect(fixed[path.join('src', 'bom.ts')]).toBe(
      "\xef\xbb\xbfimport OpenAI from 'openai';\nconst client = new OpenAI();\nexport const IMAGE_MODEL = 'gpt-image-2';\nexport const render = () => client.images.generate({ model: IMAGE_MODEL, prompt: 'x' });\n",
    );
  });
});

describe('planner threads', () => {
  const migration = resolveOptions({ now: '2026-11-21' });
  const inputs: PlanInput[] = [
    { file: 'package.json', absolute: path.join(scratch, 'package.json'), text: '{ "dependencies": { "openai": "^4.20.0" } }\n' },
    ...Array.from({ length: 40 }, (_, i) => {
      const file = `src/f${i}.ts`;
      return { file, absolute: path.join(scratch, file), text: SHAPES[i % SHAPES.length](i) };
    }),
    { file: '.env', absolute: path.join(scratch, '.env'), text: 'IMAGE_MODEL=gpt-image-1\n' },
    { file: 'src/broken.ts', absolute: path.join(scratch, 'src/broken.ts'), text: "export const m = { model: 'gpt-image-1', \n" },
    { file: 'README.md', absolute: path.join(scratch, 'README.md'), text: 'Uses `dall-e-3`.\n' },
  ];
  let onMainThread: ReturnType<typeof planFile>[] = [];
  beforeAll(async () => {
    await preparePlanners(inputs);
    onMainThread = inputs.map((input) => planFile(input, migration));
  });

  async function planAll(workerFile: string, threshold: number): Promise<unknown[]> {
    const planner = new CandidatePlanner(migration, threshold, () => {}, workerFile);
    planner.start();
    for (const input of inputs) planner.add(input);
    expect(planner.onWorkers).toBe(true);
    return planner.finish();
  }

  it('the built worker plans what the main thread plans, in the order the files were added', async () => {
    const outcomes = await planAll(path.join(PACKAGE_ROOT, 'dist/src/run/plan-worker.js'), 0);
    expect(JSON.parse(JSON.stringify(outcomes))).toEqual(JSON.parse(JSON.stringify(onMainThread)));
    expect(onMainThread.filter((o) => o.kind === 'plan' && o.plan.parsed)).toHaveLength(40);
  });

  it.each([
    ['throws', 'throw new Error("out of memory");'],
    ['exits', 'process.exit(3);'],
  ])('a batch whose thread %s is planned on the main thread: no file lost, order kept', async (how, death) => {
    for (const threshold of [1, 0]) {
      // the thread leaves a mark for each batch it was given, then dies
      const marks = path.join(scratch, `marks-${how}-${threshold}`);
      fs.mkdirSync(marks);
      const workerFile = path.join(scratch, `dying-${how}.mjs`);
      fs.writeFileSync(
        workerFile,
        `import fs from 'node:fs';\nexport default function plan(batch) {\n  fs.writeFileSync(${JSON.stringify(marks)} + '/' + batch.files[0].file.replace(/\\W/g, '_'), '');\n  ${death}\n}\n`,
      );
      const outcomes = await planAll(workerFile, threshold);
      expect(outcomes).toEqual(onMainThread);
      expect(fs.readdirSync(marks).length).toBeGreaterThan(0);
    }
  });

  it('once everything is read, the main thread plans what the threads have not been given, beside them: every file once, order kept', async () => {
    // a slow thread that leaves a mark for each file it is given, then plans them with the real worker
    const marks = path.join(scratch, 'marks-slow');
    fs.mkdirSync(marks);
    const workerFile = path.join(scratch, 'slow.mjs');
    const realWorker = path.join(PACKAGE_ROOT, 'dist/src/run/plan-worker.js');
    fs.writeFileSync(
      workerFile,
      `import fs from 'node:fs';\nimport plan from ${JSON.stringify(realWorker)};\nexport default function slow(batch) {\n  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);\n  for (const f of batch.files) fs.writeFileSync(${JSON.stringify(marks)} + '/' + f.file.replace(/\\W/g, '_'), '');\n  return plan(batch);\n}\n`,
    );
    // one planner thread (a 2-core machine's), whatever this machine has
    const threads = process.env.GPT_IMAGE_MIGRATE_WORKER_THREADS;
    process.env.GPT_IMAGE_MIGRATE_WORKER_THREADS = '1';
    let outcomes: unknown[];
    try {
      outcomes = await planAll(workerFile, 0);
    } finally {
      if (threads === undefined) delete process.env.GPT_IMAGE_MIGRATE_WORKER_THREADS;
      else process.env.GPT_IMAGE_MIGRATE_WORKER_THREADS = threads;
    }
    expect(JSON.parse(JSON.stringify(outcomes))).toEqual(JSON.parse(JSON.stringify(onMainThread)));
    const given = fs.readdirSync(marks).length;
    const code = inputs.filter((input) => input.file.startsWith('src/')).length;
    // the thread got its first file at once and a batch to hold, no more while the main thread read; the main thread planned the rest
    expect(given).toBeGreaterThan(0);
    expect(given).toBeLessThan(code);
  });

  it('a bug in planning a file on the main thread is that file\'s internal error: the others are planned', async () => {
    // options that fail on first use: planning the .env file (on the main thread, no parser) throws
    const broken = new Proxy(migration, { get: (target, key) => (key === 'target' ? assert.fail('boom') : Reflect.get(target, key)) });
    const planner = new CandidatePlanner(broken, Infinity, () => {});
    planner.start();
    planner.add({ file: '.env', absolute: path.join(scratch, '.env'), text: 'IMAGE_MODEL=gpt-image-1\n' });
    planner.add({ file: 'README.md', absolute: path.join(scratch, 'README.md'), text: 'Nothing here.\n' });
    const [env, readme] = await planner.finish();
    expect(env).toMatchObject({ kind: 'internal', message: 'boom' });
    expect(readme).toMatchObject({ kind: 'plan', plan: { findings: [] } });
  });

  it('code is planned on the main thread until there is enough of it for a planner thread; 0 starts every thread at once, Infinity none', async () => {
    const workerFile = path.join(PACKAGE_ROOT, 'dist/src/run/plan-worker.js');
    const file = (i: number, size: number): PlanInput => ({ file: `src/big${i}.ts`, absolute: path.join(scratch, `src/big${i}.ts`), text: `${SHAPES[0](i)}export const pad${i} = '${'x'.repeat(size - SHAPES[0](i).length - 30)}';\n` });
    /** `lastRead`: the main thread has nothing more to read once the last file is added. */
    const threadsAfter = async (threshold: number, sizes: number[], lastRead = false): Promise<boolean> => {
      const planner = new CandidatePlanner(migration, threshold, () => {}, workerFile);
      planner.start();
      for (const [i, size] of sizes.entries()) planner.add(file(i, size), lastRead ? sizes.length - 1 - i : 100);
      const on = planner.onWorkers;
      expect((await planner.finish()).every((o) => o.kind === 'plan')).toBe(true);
      return on;
    };
    expect(await threadsAfter(1500, [FIRST_THREAD_CODE / 2, FIRST_THREAD_CODE / 2 - 1000])).toBe(false);
    expect(await threadsAfter(1500, [FIRST_THREAD_CODE / 2 + 100, FIRST_THREAD_CODE / 2 + 100])).toBe(true);
    expect(await threadsAfter(0, [])).toBe(true);
    expect(await threadsAfter(Infinity, [FIRST_THREAD_CODE * 2])).toBe(false);
    // enough code, but nothing left to read: a thread would only move the work and copy the findings back
    expect(await threadsAfter(1500, [FIRST_THREAD_CODE * 2], true)).toBe(false);
    expect(await threadsAfter(1500, [FIRST_THREAD_CODE * 2], false)).toBe(true);
  });

  it('a run of FIRST_THREAD_FILES files or more starts its first planner thread before reading, a smaller one does not; Infinity never', async () => {
    const workerFile = path.join(PACKAGE_ROOT, 'dist/src/run/plan-worker.js');
    const startsWith = async (threshold: number, files: number): Promise<boolean> => {
      const planner = new CandidatePlanner(migration, threshold, () => {}, workerFile);
      planner.start(files);
      const on = planner.onWorkers;
      planner.add(inputs[1]);
      expect((await planner.finish()).map((o) => o.kind)).toEqual(['plan']);
      return on;
    };
    expect(await startsWith(1500, FIRST_THREAD_FILES)).toBe(true);
    expect(await startsWith(1500, FIRST_THREAD_FILES - 1)).toBe(false);
    expect(await startsWith(Infinity, FIRST_THREAD_FILES * 10)).toBe(false);
  });

  it('a thread started for a run with nothing to plan is closed without taking the process down', async () => {
    const planner = new CandidatePlanner(migration, 0, () => {}, path.join(PACKAGE_ROOT, 'dist/src/run/plan-worker.js'));
    planner.start();
    expect(await planner.finish()).toEqual([]);
  });
});
