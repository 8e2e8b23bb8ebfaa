#!/usr/bin/env node
/**
 * How many code files must need planning before more planner threads pay
 * (WORKER_THRESHOLD in src/run/planner-thread.ts): repositories where every
 * code file has an image call, audited three ways, interleaved, best of
 * --repeat runs each: everything on the main thread (threshold Infinity),
 * the one planner thread the bin starts (what every run has below the
 * threshold), and one thread per core from the start (threshold 0). Run
 * with `node bench/threshold.mjs` after `npm run build`; it is not part of
 * `npm run bench` (a few minutes).
 *
 * Options: --counts 100,400,1600,3200   --repeat 3
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
const counts = option('--counts', '100,400,1600,3200').split(',').map(Number);
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
  const modes = { main: 'Infinity', one: String(1e9), all: '0' };
  const walls = { main: [], one: [], all: [] };
  let parsed = 0;
  for (let i = 0; i < repeat; i++) {
    for (const [mode, threshold] of Object.entries(modes)) {
      const run = once(repo, threshold);
      walls[mode].push(run.wall);
      parsed = run.parsed;
    }
  }
  const best = (list) => Math.min(...list);
  rows.push({ count, parsed, main: best(walls.main), one: best(walls.one), all: best(walls.all) });
  const shown = (list) => list.map((x) => x.toFixed(2)).join('/');
  console.error(`  ${count} files, ${parsed} parsed: main ${shown(walls.main)} s, one thread ${shown(walls.one)} s, all threads ${shown(walls.all)} s`);
}
console.log('| files parsed | main thread s | one planner thread s | one thread per core s | per core / one thread |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.parsed} | ${r.main.toFixed(2)} | ${r.one.toFixed(2)} | ${r.all.toFixed(2)} | ${(r.all / r.one).toFixed(2)} |`);
console.log(`load average at end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
