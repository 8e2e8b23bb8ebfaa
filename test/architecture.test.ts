/**
 * The layers run one way (README, "How it works"): the text utilities at the
 * bottom, the catalog above them, then the syntax adapters, the prefilter, the
 * project lookup, the view (analysis), the planner, the engine, and the faces
 * (transforms, rules, reports, the runner, the CLI) on top. A module may
 * import only from its own layer or one below; an import upwards (a cycle
 * between layers, as analysis, plan, project and the prefilter once had) fails
 * here with the file that makes it. Type-only imports count: they tie the
 * layers together as much as values do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Each layer's rank: imports go to a lower rank, or stay in the layer. */
const RANK: Record<string, number> = {
  // text utilities import nothing of the project: below the catalog, which sorts with them
  text: -1,
  catalog: 0,
  vendor: 0,
  files: 0,
  'package-info': 0,
  syntax: 1,
  models: 1,
  'catalog-file': 1,
  prefilter: 2,
  config: 2,
  project: 3,
  analysis: 4,
  plan: 5,
  engine: 6,
  transforms: 7,
  rules: 7,
  report: 8,
  run: 9,
  cli: 10,
  'github-action': 11,
  index: 12,
};

/** `src/plan/params.ts` → `plan`, `src/engine.ts` → `engine`, `rules/index.ts` → `rules`. */
function layerOf(file: string): string {
  const parts = path.relative(ROOT, file).split(path.sep);
  if (parts[0] !== 'src') return parts[0]!;
  return parts.length > 2 ? parts[1]! : parts[1]!.replace(/\.ts$/, '');
}

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const files = [...sources('src'), ...sources('rules'), ...sources('transforms')];
const edges = files.flatMap((file) =>
  ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.filter((imported) => imported.fileName.startsWith('.'))
    .map((imported) => ({ file: path.relative(ROOT, file), from: layerOf(file), to: layerOf(path.resolve(path.dirname(file), imported.fileName)), specifier: imported.fileName })),
);

describe('architecture', () => {
  it('every module belongs to a known layer', () => {
    const unknown = [...new Set(files.map(layerOf))].filter((layer) => !(layer in RANK));
    expect(unknown).toEqual([]);
    expect(edges.length).toBeGreaterThan(100);
  });

  it('layers import only downwards: no cycle between layers', () => {
    const upwards = edges.filter((e) => e.from !== e.to && RANK[e.to]! >= RANK[e.from]!).map((e) => `${e.file} (${e.from}) imports ${e.specifier} (${e.to})`);
    expect(upwards).toEqual([]);
  });

  it('a language is an adapter and a transform: the view and the planner import no parser', () => {
    const parserImports = edges.filter((e) => (e.from === 'analysis' || e.from === 'plan') && /from-(python|typescript|estree)|python-parser/.test(e.specifier));
    expect(parserImports).toEqual([]);
    for (const adapter of ['from-typescript', 'from-estree', 'from-python']) {
      expect(files.some((file) => file.endsWith(path.join('syntax', `${adapter}.ts`))), adapter).toBe(true);
    }
  });
});
