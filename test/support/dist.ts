/**
 * The built package, for tests that run the real binaries (`bin/`, the
 * jscodeshift transform in `dist/`). `dist/` is built once, before any test
 * file runs, by the suite's globalSetup (test/support/global-setup.ts, with
 * `tsc -p tsconfig.build.json` when a source is newer than the build); tests
 * only check that it is there and current, and never build or lock anything.
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

/** Builds dist/ unless it is newer than every source: called once, by the globalSetup. */
export function buildDist(): void {
  if (isFresh()) return;
  const tsc = path.join(PACKAGE_ROOT, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  // tsc emits even when some file has a type error (`npm run typecheck` is where those fail)
  const missing = OUTPUTS.filter((f) => !fs.existsSync(f));
  if (missing.length > 0) throw new Error(`the build did not produce ${missing.join(', ')}:\n${result.stdout}${result.stderr}`);
}

/** Checks that dist/ is built and current (the globalSetup builds it); never builds. */
export function ensureBuilt(): void {
  if (!isFresh()) throw new Error('test setup: dist/ is missing or older than the sources; run the tests through vitest.config.ts, whose globalSetup builds it');
}
