#!/usr/bin/env node
/**
 * What the ESLint plugin adds to a lint run (`npm run bench:eslint`; not a test).
 *
 * Generates a large repository (bench/generate.mjs: TS, TSX and JS files of
 * realistic sizes, about 1% with image calls; cached in the temp directory),
 * then lints it in this process with ESLint 10's Node API, single-threaded:
 * @typescript-eslint/parser for TS/TSX, espree for JS, and a typical rule
 * set (ESLint's recommended rules, the set `@eslint/js` recommends), without
 * and with `gpt-image-migrate/eslint-plugin`'s recommended config, in
 * alternating rounds. It reports
 *
 * - the plugin's share of lint time, from ESLint's per-rule times
 *   (`stats: true`, what `--stats` and `TIMING=1` print): the time spent in
 *   the plugin's rules over the whole run's time (parse, all rules, fixes);
 * - the total-time ratio, median with the plugin over median without it
 *   (the same files, the same process), of this process's CPU time and of
 *   wall time (noisier: other processes on the machine count in it).
 *
 * Target: at most 2%. Options: --files N (default 3000), --rounds N (default 2).
 * Loads the plugin by its package name, so `npm run build` first (the npm
 * script does).
 */
import { ESLint } from 'eslint';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import tsParser from '@typescript-eslint/parser';
import gptImageMigrate from 'gpt-image-migrate/eslint-plugin';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateRepo } from './generate.mjs';

const { values } = parseArgs({ options: { files: { type: 'string', default: '3000' }, rounds: { type: 'string', default: '2' } } });
const files = Number(values.files);
const rounds = Number(values.rounds);

const repo = path.join(os.tmpdir(), 'gpt-image-migrate-bench', `eslint-${files}`);
process.stderr.write(`generating ${files} files in ${repo} (cached between runs)...\n`);
const manifest = generateRepo(repo, { files, vendorFiles: 0 });

/** ESLint's own recommended rules (what `@eslint/js`'s `configs.recommended` turns on). */
const recommendedRules = Object.fromEntries(
  [...builtinRules].filter(([, rule]) => rule.meta?.docs?.recommended && !rule.meta?.deprecated).map(([name]) => [name, 'error']),
);

const baseConfig = [
  // what the repository's .gitignore hides from git (flat config does not read it)
  { ignores: ['**/generated/**', '**/snapshots/**', '**/dist/**'] },
  { files: ['**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}'], rules: recommendedRules },
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: { require: 'readonly', module: 'writable', exports: 'writable', process: 'readonly', console: 'readonly', fetch: 'readonly', Buffer: 'readonly' } } },
  // as typescript-eslint's recommended setup: the parser, and no-undef off (the compiler checks names)
  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser }, rules: { 'no-undef': 'off', 'no-redeclare': 'off' } },
];
const withPlugin = [...baseConfig, gptImageMigrate.configs.recommended, { settings: { 'gpt-image-migrate': { now: '2026-11-21' } } }];

/**
 * One lint of the repository: wall time, ESLint's measured
 * time (parse + every rule + fixes, summed over files) and per-rule times.
 */
async function lint(config) {
  const eslint = new ESLint({ cwd: repo, overrideConfigFile: true, overrideConfig: config, stats: true, cache: false });
  const start = process.hrtime.bigint();
  const startCpu = process.cpuUsage();
  const results = await eslint.lintFiles(['.']);
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const usage = process.cpuUsage(startCpu);
  const cpu = (usage.user + usage.system) / 1e3;
  let total = 0;
  const rules = new Map();
  let findings = 0;
  for (const result of results) {
    findings += result.messages.filter((m) => m.ruleId?.startsWith('gpt-image-migrate/')).length;
    for (const pass of result.stats?.times.passes ?? []) {
      total += (pass.parse?.total ?? 0) + (pass.fix?.total ?? 0);
      for (const [id, time] of Object.entries(pass.rules ?? {})) {
        rules.set(id, (rules.get(id) ?? 0) + time.total);
        total += time.total;
      }
    }
  }
  return { wall, cpu, total, rules, files: results.length, findings };
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (x) => `${x.toFixed(0)} ms`;
const pct = (x) => `${(x * 100).toFixed(2)}%`;

process.stderr.write('warming up (JIT, file cache): one full lint with the plugin...\n');
await lint(withPlugin);

const without = [];
const withIt = [];
for (let round = 1; round <= rounds; round++) {
  process.stderr.write(`round ${round}/${rounds}\n`);
  // alternate the order, so neither side always runs first
  if (round % 2) {
    without.push(await lint(baseConfig));
    withIt.push(await lint(withPlugin));
  } else {
    withIt.push(await lint(withPlugin));
    without.push(await lint(baseConfig));
  }
}

const pluginTimes = withIt.map((run) => [...run.rules].filter(([id]) => id.startsWith('gpt-image-migrate/')).reduce((sum, [, t]) => sum + t, 0));
/** The plugin's share of what ESLint measures (parse + rules + fixes): the conservative figure. */
const shares = withIt.map((run, i) => pluginTimes[i] / run.total);
/** And of the whole run's wall time (also file discovery, reading, config, traversal). */
const wallShares = withIt.map((run, i) => pluginTimes[i] / run.wall);
const wallRatio = median(withIt.map((r) => r.wall)) / median(without.map((r) => r.wall)) - 1;
const cpuRatio = median(withIt.map((r) => r.cpu)) / median(without.map((r) => r.cpu)) - 1;
const signed = (x) => `${x >= 0 ? '+' : ''}${pct(x)}`;
const last = withIt.at(-1);

console.log(`ESLint ${ESLint.version}, Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), ${os.platform()} ${os.arch()}`);
console.log(`${last.files} files linted (${manifest.imageFiles} with image calls, ${(manifest.bytes / 1e6).toFixed(1)} MB), ${last.findings} plugin findings, ${rounds} rounds, single thread`);
console.log('');
console.log(`without the plugin (median)                 ${ms(median(without.map((r) => r.cpu)))} CPU, ${ms(median(without.map((r) => r.wall)))} wall`);
console.log(`with the plugin (median)                    ${ms(median(withIt.map((r) => r.cpu)))} CPU, ${ms(median(withIt.map((r) => r.wall)))} wall`);
console.log(`total-time ratio                            ${signed(cpuRatio)} CPU time, ${signed(wallRatio)} wall time (wall is noisy on a busy machine)`);
console.log(`ESLint's measured time (parse+rules+fixes)  ${ms(median(withIt.map((r) => r.total)))}`);
console.log(`plugin rules' time (stats, median)          ${ms(median(pluginTimes))} = ${pct(median(shares))} of parse+rules+fixes, ${pct(median(wallShares))} of wall time`);
for (const [id, time] of [...last.rules].filter(([id]) => id.startsWith('gpt-image-migrate/'))) console.log(`  ${id.padEnd(40)} ${ms(time)}`);
const slowest = [...last.rules].sort((a, b) => b[1] - a[1]).slice(0, 3);
console.log(`slowest rules: ${slowest.map(([id, t]) => `${id} ${ms(t)}`).join(', ')}`);
console.log('');
console.log(median(shares) <= 0.02 ? 'within the 2% target' : 'OVER the 2% target');
