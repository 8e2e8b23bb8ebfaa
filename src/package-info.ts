/**
 * This package's name and version, read from its package.json, found by
 * walking up from this module: the same code runs from `src/` (tests) and
 * from `dist/src/` (the published build).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageJson(): { name: string; version: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'gpt-image-migrate') return { name: pkg.name, version: pkg.version ?? '0.0.0' };
    }
    const parent = path.dirname(dir);
    if (parent === dir) return { name: 'gpt-image-migrate', version: '0.0.0' };
    dir = parent;
  }
}

export const packageInfo = findPackageJson();
