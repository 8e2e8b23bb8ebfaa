#!/usr/bin/env node
/**
 * `node bench/recall.mjs <tree> [--now YYYY-MM-DD] [--json]`: how much of a
 * repository's retired-id lines the audit accounts for, the measure behind
 * docs/real-repos.md's recall columns ("every line that names a retired id is
 * fixed or in the report with its role").
 *
 * Every git-tracked file of the tree (every file below it, outside a git
 * checkout) is read as text, and each line where a retired id stands as a
 * whole token (the catalog's `idTokenPattern`, the one the planner reads prose
 * with) is put in one bucket:
 * - `covered`: a finding of `audit --format json` starts or ends on that line
 *   or spans it;
 * - `skipped`: the audit lists the file under skipped or errors, with its reason;
 * - `not read`: the walk does not read the file at all (its kind, a default
 *   ignore such as node_modules or a lock file, or .gitignore); grouped by
 *   extension, since a kind the tool does not read is a scope decision;
 * - `missed`: the file was read and nothing covers the line. These are the
 *   lines to look at; each is printed with its text.
 * - `after a slash`: a line whose only ids follow a `/` (a path, a URL, a
 *   gateway's endpoint such as `fal-ai/gpt-image-1.5`) and that nothing covers:
 *   a path segment is not an id by design, an endpoint the catalog lacks is a
 *   miss, so each is printed for a reader to tell which.
 *
 * Run `npm run build` first: it measures the built CLI, as a user runs it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, '../bin/gpt-image-migrate.js');
const { idTokenPattern, plainRetiredIdSource } = await import(path.resolve(here, '../dist/src/catalog/index.js'));
/** An id after a slash (`fal-ai/gpt-image-1.5`, `/deployments/dall-e-3/`), which `idTokenPattern` leaves to the planner: counted apart, so a spelling the catalog lacks still shows. */
const afterSlash = new RegExp(`/(?:${plainRetiredIdSource})(?![\\w-]|\\.\\w)`);
const { discover } = await import(path.resolve(here, '../dist/src/run/discover.js'));

const args = process.argv.slice(2);
const valueOf = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? null : args[at + 1];
};
const tree = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--now');
if (!tree) {
  console.error('usage: node bench/recall.mjs <tree> [--now YYYY-MM-DD] [--json]');
  process.exit(2);
}
const root = path.resolve(tree);
const now = valueOf('--now') ?? '2026-12-07';

function trackedFiles() {
  try {
    const out = execFileSync('git', ['-C', root, 'ls-files', '-z'], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
    return out.toString('utf8').split('\0').filter(Boolean);
  } catch {
    const files = [];
    const visit = (dir) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== '.git') visit(full);
        else if (entry.isFile()) files.push(path.relative(root, full).split(path.sep).join('/'));
      }
    };
    visit(root);
    return files;
  }
}

let report;
try {
  const out = execFileSync(process.execPath, [cli, 'audit', root, '--format', 'json', '--fail-on', 'none', '--no-progress', '--now', now], {
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  report = JSON.parse(out.toString('utf8'));
} catch (error) {
  // exit 2 (a file could not be read) still prints the report
  if (!error.stdout?.length) throw error;
  report = JSON.parse(error.stdout.toString('utf8'));
}

const covered = new Map();
for (const finding of report.findings) {
  const lines = covered.get(finding.file) ?? new Set();
  for (let line = finding.line; line <= (finding.endLine ?? finding.line); line++) lines.add(line);
  covered.set(finding.file, lines);
}
const skippedReason = new Map([...report.skipped, ...report.errors].map((entry) => [entry.file, entry.message]));
const read = new Set((await discover([root], root)).files.map((file) => path.relative(root, file).split(path.sep).join('/')));

const result = { covered: 0, skipped: [], notRead: new Map(), missed: [], missedAfterSlash: [] };
for (const file of trackedFiles()) {
  let text;
  try {
    const bytes = fs.readFileSync(path.join(root, file));
    if (bytes.includes(0) || bytes.length > 8 * 1024 * 1024) continue;
    text = bytes.toString('utf8');
  } catch {
    continue;
  }
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    idTokenPattern.lastIndex = 0;
    const token = idTokenPattern.test(lines[i]);
    if (!token && !afterSlash.test(lines[i])) continue;
    const line = i + 1;
    if (covered.get(file)?.has(line)) result.covered++;
    else if (skippedReason.has(file)) result.skipped.push({ file, line, reason: skippedReason.get(file) });
    else if (!read.has(file)) {
      const base = file.slice(file.lastIndexOf('/') + 1);
      const kind = file.split('/').includes('node_modules') ? 'node_modules' : base.includes('.') ? base.slice(base.lastIndexOf('.')).toLowerCase() : base;
      const entry = result.notRead.get(kind) ?? { lines: 0, files: new Set() };
      entry.lines++;
      entry.files.add(file);
      result.notRead.set(kind, entry);
    } else (token ? result.missed : result.missedAfterSlash).push({ file, line, text: lines[i].trim().slice(0, 160) });
  }
}

const total = result.covered + result.skipped.length + result.missed.length + result.missedAfterSlash.length;
if (args.includes('--json')) {
  console.log(
    JSON.stringify(
      {
        tree: root,
        covered: result.covered,
        skipped: result.skipped,
        missed: result.missed,
        missedAfterSlash: result.missedAfterSlash,
        notRead: Object.fromEntries([...result.notRead].map(([kind, entry]) => [kind, { lines: entry.lines, files: [...entry.files] }])),
      },
      null,
      2,
    ),
  );
} else {
  console.log(`${root}`);
  console.log(
    `lines naming a retired id in files the audit reads: ${total}; covered by a finding: ${result.covered}; in a skipped file: ${result.skipped.length}; missed: ${result.missed.length}; after a slash, not covered: ${result.missedAfterSlash.length}`,
  );
  for (const miss of result.missed) console.log(`  missed ${miss.file}:${miss.line}: ${miss.text}`);
  // a path or URL segment (`assets/gpt-image-1/cat.png`) is not an id by design; an endpoint the catalog lacks is a miss: read each
  for (const miss of result.missedAfterSlash) console.log(`  after a slash ${miss.file}:${miss.line}: ${miss.text}`);
  for (const skip of result.skipped) console.log(`  skipped ${skip.file}:${skip.line}: ${skip.reason}`);
  if (result.notRead.size > 0) {
    console.log('not read (by kind):');
    for (const [kind, entry] of [...result.notRead].sort((a, b) => b[1].lines - a[1].lines)) {
      console.log(`  ${kind}: ${entry.lines} lines in ${entry.files.size} files (${[...entry.files].slice(0, 3).join(', ')}${entry.files.size > 3 ? ', ...' : ''})`);
    }
  }
}
