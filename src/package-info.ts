/**
 * This package's name and version, read from its package.json, found by
 * walking up from this module: the same code runs from `src/` (tests) and
 * from `dist/src/` (the published build).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageJson(): { name: string; version: string; root: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'gpt-image-migrate') return { name: pkg.name, version: pkg.version ?? '0.0.0', root: dir };
    }
    const parent = path.dirname(dir);
    if (parent === dir) return { name: 'gpt-image-migrate', version: '0.0.0', root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..') };
    dir = parent;
  }
}

export const packageInfo = findPackageJson();

/** A file shipped with the package (`schema/catalog.schema.json`), from src/ or dist/src/ alike. */
export function packageFile(relative: string): string {
  return path.join(packageInfo.root, relative);
}
