/**
 * Facts shown to users cite public sources: no message, report, schema or
 * doc of the package names a file users do not have (the project's internal
 * reference notes), and every source the catalog cites is an address with
 * the date it was read.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openaiPrices, retiredModels, sources, targetModels } from '../src/catalog/index.js';

const root = path.resolve(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

describe('sources users can open', () => {
  const shipped = [...['src', 'rules', 'transforms', 'docs', 'schema', 'bin'].flatMap((dir) => files(path.join(root, dir))), path.join(root, 'README.md')];

  it.each(['image-models.md', 'shared/reference', '§'])('no shipped source, doc or schema names %s', (needle) => {
    const hits = shipped.filter((file) => readFileSync(file, 'utf8').includes(needle)).map((file) => path.relative(root, file));
    expect(hits).toEqual([]);
  });

  it('every cited source has an https address and the date it was read', () => {
    const cited = [...Object.values(sources), ...retiredModels.flatMap((m) => m.source.refs), ...targetModels.flatMap((t) => t.sources)];
    for (const source of cited) {
      expect(source.url, source.title).toMatch(/^https:\/\/[^\s]+$/);
      expect(source.retrieved, source.title).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('every built-in OpenAI price table names a public address', () => {
    for (const table of openaiPrices) expect(table.source, table.model).toMatch(/<https:\/\/[^>]+>/);
  });

  it('docs/catalog.md lists every source the catalog cites', () => {
    const doc = readFileSync(path.join(root, 'docs/catalog.md'), 'utf8');
    for (const source of Object.values(sources)) expect(doc, source.title).toContain(source.url);
  });
});
