/**
 * The built package, for tests that run the real binaries (`bin/`, the
 * jscodeshift transform in `dist/`): rebuilt with `tsc -p
 * tsconfig.build.json` when a source is newer than the build. Test files
 * run in parallel, so the build holds a lock directory.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const PACKAGE_ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(PACKAGE_ROOT, 'bin/gpt-image-migrate.js');
export const JSCODESHIFT_BIN = path.join(PACKAGE_ROOT, 'node_modules/jscodeshift/bin/jscodeshift.js');
export const JSCODESHIFT_TRANSFORM = path.join(PACKAGE_ROOT, 'dist/transforms/jscodeshift.cjs');

const OUTPUTS = ['dist/src/cli.js', 'dist/transforms/jscodeshift.cjs'].map((f) => path.join(PACKAGE_ROOT, f));
const SOURCES = ['src', 'rules', 'transforms', 'tsconfig.json', 'tsconfig.build.json'].map((f) => path.join(PACKAGE_ROOT, f));
const LOCK = path.join(PACKAGE_ROOT, 'node_modules/.cache/gpt-image-migrate-test-build.lock');

function newestMtime(entry: string): number {
  const stats = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function isFresh(): boolean {
  const built = Math.min(...OUTPUTS.map((f) => fs.statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0));
  return built >= Math.max(...SOURCES.map(newestMtime));
}

/** Builds dist/ unless it is newer than every source. */
export function ensureBuilt(): void {
  if (isFresh()) return;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // a lock older than two minutes belongs to a build that died
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) fs.rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`test bug: the build lock ${LOCK} was never released`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (isFresh()) return; // another test file built it while this one waited
    const tsc = path.join(PACKAGE_ROOT, 'node_modules/typescript/bin/tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
    // tsc emits even when some file has a type error (`npm run typecheck` is where those fail)
    const missing = OUTPUTS.filter((f) => !fs.existsSync(f));
    if (missing.length > 0) throw new Error(`the build did not produce ${missing.join(', ')}:\n${result.stdout}${result.stderr}`);
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
