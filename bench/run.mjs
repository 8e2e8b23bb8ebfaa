#!/usr/bin/env node
/**
 * `npm run bench`: generates repositories (bench/generate.mjs): synthetic
 * monorepos of 1k and 10k files (50k with --full), one shaped like a public
 * provider SDK monorepo (8,000 files, 5% candidates, large test files naming
 * ids dozens of times) and a 16-file app, and times, in the same run and on
 * the same files:
 *
 *   - `audit --format json` and `fix --dry-run` of the built CLI (wall time,
 *     peak RSS), spawned as a user would run them; on the app and the
 *     provider monorepo also `audit --parser typescript`, the fallback;
 *   - the floor: `rg -l` with the planner's candidate pattern over the same
 *     source files (`grep -rlE` where ripgrep is absent: said in the table);
 *   - the do-it-yourself path: jscodeshift running bench/diy-transform.cjs
 *     (`--dry --run-in-band`).
 *
 * Each tool is run `--repeat` times (default 3) and the best wall time is
 * kept; peak RSS is the largest seen. Ratios compare times from this run only.
 *
 * Options:
 *   --sizes 1k,10k       synthetic repository sizes (default 1k,10k)
 *   --no-monorepo        skip the provider-shaped monorepo
 *   --no-app             skip the 16-file app
 *   --full               also 50k files (minutes: generation and jscodeshift)
 *   --repeat N           runs per measurement (default 3; jscodeshift runs once)
 *   --warmup N           untimed runs before each measurement (default 1; none for
 *                        jscodeshift): the first run after a switch of repository or
 *                        build pays for a cold file cache, whichever tool it is
 *   --no-jscodeshift     skip the DIY path
 *   --cli PATH           the CLI to time (default bin/gpt-image-migrate.js)
 *   --compare PATH       a second CLI (e.g. a build of an older commit) timed in the same run
 *   --names A,B          how the table names the two builds (default "this build,compared build")
 *   --json FILE          also write the measurements as JSON
 *   --priority N         run at this nice value (e.g. -10, needs root): on a shared
 *                        machine the timed tools then get the CPUs first
 *
 * "CPU s" is user + system time: on a busy machine it moves less than wall time.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateApp, generateProviderMonorepo, generateRepo } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..');
const benchDir = path.join(projectRoot, '.bench');

/* --------------------------------- options -------------------------------- */

function parseArgs(argv) {
  const options = { sizes: ['1k', '10k'], monorepo: true, app: true, repeat: 3, warmup: 1, jscodeshift: true, cli: path.join(projectRoot, 'bin/gpt-image-migrate.js'), compare: null, json: null, priority: null, names: ['this build', 'compared build'] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--sizes') options.sizes = value().split(',').filter(Boolean);
    else if (arg === '--full') options.sizes = [...new Set([...options.sizes, '50k'])];
    else if (arg === '--repeat') options.repeat = Math.max(1, Number(value()));
    else if (arg === '--warmup') options.warmup = Math.max(0, Number(value()));
    else if (arg === '--no-jscodeshift') options.jscodeshift = false;
    else if (arg === '--no-monorepo') options.monorepo = false;
    else if (arg === '--no-app') options.app = false;
    else if (arg === '--cli') options.cli = path.resolve(value());
    else if (arg === '--compare') options.compare = path.resolve(value());
    else if (arg === '--json') options.json = path.resolve(value());
    else if (arg === '--priority') options.priority = Number(value());
    else if (arg === '--names') options.names = value().split(',');
    else if (arg === '--help' || arg === '-h') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

function sizeOf(label) {
  const match = /^(\d+)(k?)$/i.exec(label);
  if (!match) throw new Error(`bad size '${label}' (expected e.g. 1k, 10k, 2500)`);
  return Number(match[1]) * (match[2] ? 1000 : 1);
}

/* ------------------------------- the machine ------------------------------- */

function has(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  let nproc = os.availableParallelism?.() ?? os.cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    /* os.availableParallelism */
  }
  return { nproc, cpu: model, node: process.version, memoryGb: Math.round(os.totalmem() / 1024 ** 3), os: `${os.type()} ${os.release()}` };
}

/* -------------------------------- measuring -------------------------------- */

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Runs a command once: wall time from our clock, peak RSS from /usr/bin/time
 * (or, for the CLI without /usr/bin/time, from the rss wrapper). Stdout goes
 * to `outFile`.
 */
function measureOnce(command, args, { outFile, okCodes = [0], cwd = projectRoot, env = process.env }) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(outFile, 'w');
    const timed = TIME ? [TIME, ['-f', '@@rss %M %U %S', command, ...args]] : [command, args];
    const start = process.hrtime.bigint();
    const child = spawn(timed[0], timed[1], { cwd, env, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      fs.closeSync(out);
      const usage = /@@rss (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      const rssKb = Number(usage?.[1] ?? NaN);
      const cpu = usage ? Number(usage[2]) + Number(usage[3]) : null;
      if (!okCodes.includes(code)) {
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`));
        return;
      }
      resolve({ wall, cpu, rssMb: Number.isFinite(rssKb) ? rssKb / 1024 : null, stderr });
    });
  });
}

async function measure(label, command, args, options, repeat, warmup = 0) {
  for (let i = 0; i < warmup; i++) await measureOnce(command, args, options);
  const runs = [];
  for (let i = 0; i < repeat; i++) runs.push(await measureOnce(command, args, options));
  const fastest = runs.reduce((a, b) => (b.wall < a.wall ? b : a));
  const rss = runs.every((r) => r.rssMb === null) ? null : Math.max(...runs.map((r) => r.rssMb ?? 0));
  process.stderr.write(
    `  ${label.padEnd(34)} ${runs.map((r) => r.wall.toFixed(2)).join(' / ')} s${fastest.cpu === null ? '' : ` (CPU ${fastest.cpu.toFixed(2)} s)`}${rss === null ? '' : `, peak RSS ${rss.toFixed(0)} MB`}\n`,
  );
  return { wall: fastest.wall, cpu: fastest.cpu, walls: runs.map((r) => r.wall), rssMb: rss, stderr: runs[0].stderr };
}

/* ------------------------------- the commands ------------------------------ */

const SOURCE_GLOBS = ['*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', '.env', '.env.*', '*.env', '*.{md,mdx,markdown}'];
const SKIPPED_GLOBS = ['!.git', '!**/node_modules/**', '!**/dist/**', '!**/build/**', '!**/out/**', '!**/.next/**', '!**/coverage/**', '!*.min.js', '!*.d.ts'];

/** The planner's own candidate pattern, from the build being timed. */
async function candidatePatternSource(cli) {
  const catalog = await import(path.resolve(path.dirname(cli), '../dist/src/catalog/index.js'));
  return catalog.candidatePattern.source;
}

/**
 * The prefilter's JavaScript pattern in rg's syntax, with JavaScript's
 * meaning: `\b` and `\w` are ASCII in a JavaScript regex without the `u`
 * flag, so `(?-u)`; `\s` is Unicode there, so `(?u:\s)`. (rg's default,
 * Unicode `\b`, takes rg off its fast path on non-ASCII files: 5.4 s instead
 * of 0.16 s on the 10k repository.) `\/` is an escape rg rejects.
 */
function rgPattern(jsPattern) {
  return `(?-u)${jsPattern.replace(/\\\//g, '/').replace(/\\s/g, '(?u:\\s)')}`;
}

function floorCommand(repo, jsPattern) {
  if (has('rg')) {
    // --no-require-git: honour .gitignore like the CLI does even outside a work tree; --hidden: .env files
    const globs = [...SOURCE_GLOBS, ...SKIPPED_GLOBS].flatMap((g) => ['-g', g]);
    return { name: 'rg -l', command: 'rg', args: ['-l', '--hidden', '--no-require-git', ...globs, '-e', rgPattern(jsPattern), repo], okCodes: [0, 1] };
  }
  const pattern = jsPattern.replace(/\\\//g, '/');
  // grep knows no .gitignore: the ignored directories are excluded by name instead
  const includes = ['*.ts', '*.tsx', '*.mts', '*.cts', '*.js', '*.jsx', '*.mjs', '*.cjs', '.env', '.env.*', '*.env', '*.md', '*.mdx', '*.markdown'].map((g) => `--include=${g}`);
  const excludes = ['node_modules', '.git', 'dist', 'build', 'out', '.next', 'coverage', 'generated', 'snapshots'].map((d) => `--exclude-dir=${d}`);
  return { name: 'grep -rlE', command: 'grep', args: ['-rlE', ...includes, ...excludes, pattern.replace(/\(\?:/g, '(').replace(/\\s/g, '[[:space:]]').replace(/\\b/g, ''), repo], okCodes: [0, 1] };
}

function jscodeshiftArgs(repo) {
  return [
    path.join(projectRoot, 'node_modules/jscodeshift/bin/jscodeshift.js'),
    '-t',
    path.join(here, 'diy-transform.cjs'),
    '--dry',
    '--run-in-band',
    '--silent',
    '--extensions=ts,tsx,mts,cts,js,jsx,mjs,cjs',
    `--ignore-config=${path.join(repo, '.gitignore')}`,
    '--ignore-pattern=**/node_modules/**',
    repo,
  ];
}

/* ---------------------------------- output --------------------------------- */

const fmt = {
  s: (x) => (x === null || x === undefined ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1)),
  mb: (x) => (x === null || x === undefined ? '–' : x.toFixed(0)),
  ratio: (a, b) => (a && b ? `${(a / b).toFixed(1)}x` : '–'),
};

function table(rows, header) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/* ----------------------------------- main ---------------------------------- */

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.priority !== null) os.setPriority(options.priority); // children inherit it
  const box = machine();
  const clis = [{ name: options.names[0], path: options.cli }, ...(options.compare ? [{ name: options.names[1] ?? 'compared build', path: options.compare }] : [])];
  for (const cli of clis) {
    if (!fs.existsSync(cli.path)) throw new Error(`${cli.path} does not exist (run npm run build)`);
  }
  const pattern = await candidatePatternSource(options.cli);
  const env = { ...process.env, NO_COLOR: '1', GPT_IMAGE_MIGRATE_NOW: '2026-11-21' };
  fs.mkdirSync(path.join(benchDir, 'out'), { recursive: true });
  const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

  process.stderr.write(`machine: ${box.nproc} CPUs (${box.cpu}), node ${box.node}, ${box.memoryGb} GB; load ${load()}\n`);
  process.stderr.write(`timer: ${TIME ?? 'none (peak RSS not measured: apt-get install -y time)'}; floor: ${floorCommand('.', pattern).name}\n`);

  const results = { machine: box, startLoad: os.loadavg(), repeat: options.repeat, floor: floorCommand('.', pattern).name, startup: {}, sizes: [] };

  // startup: what every run pays before reading a file
  for (const cli of clis) {
    results.startup[cli.name] = await measure(`${cli.name}: --version`, process.execPath, [cli.path, '--version'], { outFile: path.join(benchDir, 'out/version.txt'), env }, Math.max(options.repeat, 5));
  }

  // a 16-file app: what a small project waits for
  if (options.app) {
    const dir = path.join(benchDir, 'app');
    const { files } = generateApp(dir);
    process.stderr.write(`\napp: ${files} files\n`);
    results.app = { files, tools: {} };
    for (const cli of clis) {
      const audit = await measure(`${cli.name}: audit --format json`, process.execPath, [cli.path, 'audit', '--format', 'json', '--fail-on', 'none', dir], { outFile: path.join(benchDir, 'out/audit-app.json'), env, okCodes: [0, 2] }, Math.max(options.repeat, 5), options.warmup);
      const typescript = await measure(`${cli.name}: audit --parser typescript`, process.execPath, [cli.path, 'audit', '--format', 'json', '--fail-on', 'none', '--parser', 'typescript', dir], { outFile: path.join(benchDir, 'out/audit-app-ts.json'), env, okCodes: [0, 2, 3] }, Math.max(options.repeat, 5), options.warmup);
      const fix = await measure(`${cli.name}: fix --dry-run`, process.execPath, [cli.path, 'fix', '--dry-run', dir], { outFile: path.join(benchDir, 'out/fix-app.diff'), env, okCodes: [0, 2] }, Math.max(options.repeat, 5), options.warmup);
      results.app.tools[cli.name] = { audit, typescript, fix, summary: JSON.parse(fs.readFileSync(path.join(benchDir, 'out/audit-app.json'), 'utf8')).summary };
    }
  }

  const repos = [
    ...(options.monorepo ? [{ label: 'provider monorepo', kind: 'monorepo', dir: path.join(benchDir, 'provider-monorepo') }] : []),
    ...options.sizes.map((label) => ({ label, kind: 'synthetic', dir: path.join(benchDir, `repo-${label}`), files: sizeOf(label) })),
  ];
  for (const { label, kind, dir: repo, files: wanted } of repos) {
    const genStart = Date.now();
    const manifest = kind === 'monorepo' ? generateProviderMonorepo(repo) : generateRepo(repo, { files: wanted });
    const files = manifest.files;
    if (kind === 'monorepo') {
      process.stderr.write(`\n${label}: ${files} files (${(manifest.bytes / 1024 / 1024).toFixed(1)} MB, ${manifest.candidates} candidates, largest test file ${(manifest.largestTestBytes / 1024).toFixed(0)} KB, ${manifest.vendorFiles} ignored in node_modules) ready in ${((Date.now() - genStart) / 1000).toFixed(1)} s\n`);
    } else {
      process.stderr.write(`\n${label}: ${files} files (${(manifest.bytes / 1024 / 1024).toFixed(1)} MB, ${manifest.imageFiles} with image calls, ${manifest.unrelatedQualityFiles} with unrelated quality, ${manifest.vendorFiles} ignored in node_modules) ready in ${((Date.now() - genStart) / 1000).toFixed(1)} s\n`);
    }
    const row = { label, kind, files, manifest, tools: {} };
    const slug = label.replace(/\W+/g, '-');

    for (const cli of clis) {
      const auditOut = path.join(benchDir, `out/audit-${slug}.json`);
      const audit = await measure(`${cli.name}: audit --format json`, process.execPath, [cli.path, 'audit', '--format', 'json', '--fail-on', 'none', repo], { outFile: auditOut, env, okCodes: [0, 2] }, options.repeat, options.warmup);
      const report = JSON.parse(fs.readFileSync(auditOut, 'utf8'));
      const fix = await measure(`${cli.name}: fix --dry-run`, process.execPath, [cli.path, 'fix', '--dry-run', repo], { outFile: path.join(benchDir, `out/fix-${slug}.diff`), env, okCodes: [0, 2] }, options.repeat, options.warmup);
      row.tools[cli.name] = { audit, fix, summary: report.summary };
      if (kind === 'monorepo') {
        const tsOut = path.join(benchDir, `out/audit-${slug}-ts.json`);
        row.tools[cli.name].typescript = await measure(`${cli.name}: audit --parser typescript`, process.execPath, [cli.path, 'audit', '--format', 'json', '--fail-on', 'none', '--parser', 'typescript', repo], { outFile: tsOut, env, okCodes: [0, 2, 3] }, options.repeat, options.warmup);
        if (fs.readFileSync(tsOut, 'utf8') !== fs.readFileSync(auditOut, 'utf8')) process.stderr.write(`  warning: ${cli.name}: --parser typescript gave another report than oxc\n`);
      }
      const s = report.summary;
      if (s.errors > 0) process.stderr.write(`  warning: ${cli.name} could not process ${s.errors} files\n`);
      if (kind === 'synthetic') {
        // the generated sources, plus the package.json files for builds that read them
        const expected = [files, files + manifest.packageJsonFiles + 1];
        if (!expected.includes(s.filesScanned)) process.stderr.write(`  warning: ${cli.name} scanned ${s.filesScanned} files, expected ${expected.join(' or ')}\n`);
      }
      if (report.findings.some((f) => f.file.includes('node_modules/') || f.file.includes('/generated/') || f.file.includes('/snapshots/'))) {
        process.stderr.write(`  warning: ${cli.name} reported a file that .gitignore excludes\n`);
      }
      process.stderr.write(`  ${cli.name}: ${s.filesScanned} scanned, ${s.filesParsed} parsed, ${s.findings} findings in ${s.filesWithFindings} files, ${s.filesChanged} would change\n`);
    }

    const floor = floorCommand(repo, pattern);
    row.floor = await measure(floor.name, floor.command, floor.args, { outFile: path.join(benchDir, `out/floor-${slug}.txt`), okCodes: floor.okCodes }, options.repeat, options.warmup);
    row.floorFiles = fs.readFileSync(path.join(benchDir, `out/floor-${slug}.txt`), 'utf8').split('\n').filter(Boolean).length;
    process.stderr.write(`  ${floor.name}: ${row.floorFiles} candidate files\n`);

    if (options.jscodeshift) {
      row.jscodeshift = await measure('jscodeshift --dry --run-in-band', process.execPath, jscodeshiftArgs(repo), { outFile: path.join(benchDir, `out/jscodeshift-${slug}.txt`), env }, 1);
    }
    results.sizes.push(row);
  }
  results.endLoad = os.loadavg();

  /* ------------------------------ the table ------------------------------ */
  const header = ['repository', 'files', 'tool', 'audit s', 'audit CPU s', 'audit RSS MB', 'fix --dry-run s', 'fix RSS MB', `${results.floor} s`, 'jscodeshift s', 'audit / floor', 'fix / floor', 'jscodeshift / audit', 'audit µs/file'];
  const rows = [];
  for (const row of results.sizes) {
    for (const cli of clis) {
      const t = row.tools[cli.name];
      rows.push([
        row.kind === 'monorepo' ? row.label : 'synthetic',
        row.files.toLocaleString('en-US'),
        cli.name,
        fmt.s(t.audit.wall),
        fmt.s(t.audit.cpu),
        fmt.mb(t.audit.rssMb),
        fmt.s(t.fix.wall),
        fmt.mb(t.fix.rssMb),
        fmt.s(row.floor.wall),
        fmt.s(row.jscodeshift?.wall),
        fmt.ratio(t.audit.wall, row.floor.wall),
        fmt.ratio(t.fix.wall, row.floor.wall),
        fmt.ratio(row.jscodeshift?.wall, t.audit.wall),
        ((t.audit.wall * 1e6) / row.files).toFixed(0),
      ]);
    }
  }
  const startup = clis.map((cli) => `${cli.name} ${fmt.s(results.startup[cli.name].wall)} s`).join(', ');
  const lines = [
    `Machine: ${box.nproc} CPUs, ${box.cpu}, ${box.memoryGb} GB, node ${box.node}; load average ${results.startLoad.map((x) => x.toFixed(2)).join(' ')} at start, ${results.endLoad.map((x) => x.toFixed(2)).join(' ')} at end.`,
    `Best of ${options.repeat} runs by wall time (the app: of ${Math.max(options.repeat, 5)}), after ${options.warmup} untimed (jscodeshift: one run, --dry --run-in-band); CPU: user + system of that run; peak RSS: the largest of the runs (${TIME ? '/usr/bin/time' : 'not measured'})${options.priority !== null ? `; nice ${options.priority}` : ''}. Floor: ${results.floor} with the candidate pattern over the same source files.`,
    `Startup (--version): ${startup}.`,
    '',
    table(rows, header),
  ];
  const parserRows = [];
  if (results.app) {
    for (const cli of clis) {
      const t = results.app.tools[cli.name];
      parserRows.push([`app (${results.app.files} files)`, cli.name, fmt.s(t.audit.wall), fmt.mb(t.audit.rssMb), fmt.s(t.typescript.wall), fmt.mb(t.typescript.rssMb), fmt.ratio(t.typescript.wall, t.audit.wall), fmt.s(t.fix.wall)]);
    }
  }
  for (const row of results.sizes.filter((r) => r.kind === 'monorepo')) {
    for (const cli of clis) {
      const t = row.tools[cli.name];
      parserRows.push([`${row.label} (${row.files.toLocaleString('en-US')} files)`, cli.name, fmt.s(t.audit.wall), fmt.mb(t.audit.rssMb), fmt.s(t.typescript.wall), fmt.mb(t.typescript.rssMb), fmt.ratio(t.typescript.wall, t.audit.wall), fmt.s(t.fix.wall)]);
    }
  }
  if (parserRows.length > 0) lines.push('', table(parserRows, ['repository', 'tool', 'audit s (oxc)', 'RSS MB', 'audit --parser typescript s', 'RSS MB', 'typescript / oxc', 'fix --dry-run s']));

  // the targets, for the main build
  const main = clis[0].name;
  const at = (files) => results.sizes.find((r) => r.kind === 'synthetic' && r.files === files);
  const checks = [];
  for (const row of results.sizes.filter((r) => r.kind === 'monorepo')) {
    const t = row.tools[main];
    checks.push([`audit ${row.label} within 5x ${results.floor}`, fmt.ratio(t.audit.wall, row.floor.wall), t.audit.wall <= 5 * row.floor.wall]);
  }
  const r10 = at(10_000);
  if (r10) {
    const t = r10.tools[main];
    checks.push([`audit 10k within 5x ${results.floor}`, fmt.ratio(t.audit.wall, r10.floor.wall), t.audit.wall <= 5 * r10.floor.wall]);
    checks.push(['audit 10k under 2 s', `${fmt.s(t.audit.wall)} s`, t.audit.wall < 2]);
    checks.push(['fix --dry-run 10k under 3 s', `${fmt.s(t.fix.wall)} s`, t.fix.wall < 3]);
  }
  if (results.app) {
    const t = results.app.tools[main];
    checks.push([`audit of a ${results.app.files}-file app under 0.35 s`, `${fmt.s(t.audit.wall)} s`, t.audit.wall < 0.35]);
  }
  const r50 = at(50_000);
  if (r50) {
    const t = r50.tools[main];
    const worst = Math.max(t.audit.wall, t.fix.wall);
    const rss = Math.max(t.audit.rssMb ?? 0, t.fix.rssMb ?? 0);
    checks.push(['50k under 4 s (audit and fix --dry-run)', `${fmt.s(worst)} s`, worst < 4]);
    checks.push(['50k peak RSS under 400 MB', `${fmt.mb(rss)} MB`, rss > 0 && rss < 400]);
  }
  const jsRows = results.sizes.filter((r) => r.jscodeshift);
  if (jsRows.length > 0) {
    const worst = Math.min(...jsRows.map((r) => r.jscodeshift.wall / r.tools[main].audit.wall));
    checks.push(['at least 20x faster than jscodeshift (every repository)', `${worst.toFixed(1)}x`, worst >= 20]);
  }
  const big = results.sizes.filter((r) => r.kind === 'synthetic' && r.files >= 10_000);
  if (big.length >= 2) {
    const perFile = big.map((r) => r.tools[main].audit.wall / r.files);
    const growth = perFile[perFile.length - 1] / perFile[0];
    checks.push([`linear: audit cost per file, ${big[big.length - 1].label} vs ${big[0].label}`, `${growth.toFixed(2)}x`, growth < 1.5]);
  }
  if (checks.length > 0) {
    lines.push('', table(checks.map(([what, value, ok]) => [what, value, ok ? 'met' : 'NOT met']), ['target', 'measured', '']));
  }
  console.log(lines.join('\n'));
  if (options.json) fs.writeFileSync(options.json, JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
