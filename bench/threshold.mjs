#!/usr/bin/env node
/**
 * How many files must need planning before worker threads pay (the
 * runner's WORKER_THRESHOLD): repositories where every code file has an
 * image call, planned on the main thread and on workers, interleaved, best
 * of --repeat runs each. Run with `node bench/threshold.mjs` after `npm run
 * build`; it is not part of `npm run bench` (a few minutes).
 *
 * Options: --counts 50,100,200,400,800,1600   --repeat 3
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo } from './generate.mjs';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const counts = option('--counts', '50,100,200,400,800,1600').split(',').map(Number);
const repeat = Number(option('--repeat', '3'));
const cli = path.join(projectRoot, 'bin/gpt-image-migrate.js');

function once(repo, threshold) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cli, 'audit', '--format', 'json', '--fail-on', 'none', repo], {
    env: { ...process.env, GPT_IMAGE_MIGRATE_WORKER_THRESHOLD: String(threshold), GPT_IMAGE_MIGRATE_NOW: '2026-11-21' },
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0 && result.status !== 2) throw new Error(`audit exited with ${result.status}: ${result.stderr}`);
  return { wall, parsed: JSON.parse(result.stdout).summary.filesParsed };
}

console.error(`${os.availableParallelism()} CPUs, node ${process.version}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const rows = [];
for (const count of counts) {
  const repo = path.join(projectRoot, '.bench', `threshold-${count}`);
  generateRepo(repo, { files: count, vendorFiles: 0, imageShare: 1 });
  const main = [];
  const workers = [];
  let parsed = 0;
  for (let i = 0; i < repeat; i++) {
    const a = once(repo, 'Infinity');
    const b = once(repo, 0);
    main.push(a.wall);
    workers.push(b.wall);
    parsed = a.parsed;
  }
  const best = (list) => Math.min(...list);
  rows.push({ count, parsed, main: best(main), workers: best(workers) });
  console.error(`  ${count} files, ${parsed} parsed: main ${main.map((x) => x.toFixed(2)).join('/')} s, workers ${workers.map((x) => x.toFixed(2)).join('/')} s`);
}
console.log('| files parsed | main thread s | workers s | workers / main |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.parsed} | ${r.main.toFixed(2)} | ${r.workers.toFixed(2)} | ${(r.workers / r.main).toFixed(2)} |`);
console.log(`load average at end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
