#!/usr/bin/env node
/**
 * `npm run bench:large`: one large file, many calls. Generates a file of N
 * `client.images.generate({ model: 'gpt-image-1', ... })` calls (20,000 make
 * about 2.5 MB) and times, in the same run, `audit --format json` and
 * `fix --dry-run` of the built CLI on it and on a file a tenth its size. The
 * ratio of the two times says whether planning and the diff stay linear
 * (10x the calls should cost about 10x, not 100x); ms per call is the constant.
 *
 * Options: --calls N (default 20000), --repeat N (default 3; best wall time kept).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, '../bin/gpt-image-migrate.js');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const calls = option('--calls', 20000);
const repeat = Math.max(1, option('--repeat', 3));

function makeRepo(n) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gim-large-${n}-`));
  const lines = ["import OpenAI from 'openai';", 'const client = new OpenAI();'];
  for (let i = 0; i < n; i++) lines.push(`export const r${i} = () => client.images.generate({ model: 'gpt-image-1', prompt: 'a cat number ${i}', size: '1024x1024' });`);
  fs.writeFileSync(path.join(dir, 'calls.ts'), `${lines.join('\n')}\n`);
  return { dir, bytes: fs.statSync(path.join(dir, 'calls.ts')).size };
}

function time(dir, command) {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, [cli, ...command, dir, '--now', '2026-12-02', '--no-progress', '--max-file-size', '10', ...(command[0] === 'fix' ? ['--no-verify'] : [])], {
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

const small = makeRepo(Math.round(calls / 10));
const large = makeRepo(calls);
try {
  const rows = [];
  for (const [label, command] of [
    ['audit --format json', ['audit', '--format', 'json', '--fail-on', 'none']],
    ['fix --dry-run', ['fix', '--dry-run']],
  ]) {
    const a = time(small.dir, command);
    const b = time(large.dir, command);
    rows.push(`| \`${label}\` | ${(a / 1000).toFixed(2)} s | ${(b / 1000).toFixed(2)} s | ${(b / calls).toFixed(3)} ms | ${(b / a).toFixed(1)}x |`);
  }
  console.log(`Node ${process.version}, ${os.cpus().length} CPUs, best of ${repeat}; files of ${calls / 10} calls (${(small.bytes / 1e6).toFixed(2)} MB) and ${calls} calls (${(large.bytes / 1e6).toFixed(2)} MB)\n`);
  console.log(`| command | ${calls / 10} calls | ${calls} calls | per call (large) | large / small (linear: 10x) |`);
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(row);
} finally {
  fs.rmSync(small.dir, { recursive: true, force: true });
  fs.rmSync(large.dir, { recursive: true, force: true });
}
