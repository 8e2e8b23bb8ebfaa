/**
 * Files that are not code: `.env*` files (ids fixed where the value is
 * exactly the id) and Markdown/MDX (reported, never rewritten). They go
 * through the same finding builder as code, so messages and severities match.
 */
import { matchRetiredId, retiredSpellings, type MigrationOptions } from '../catalog/index.js';
import { allowed, idFinding, type Finding } from './planner.js';

const escaped = [...retiredSpellings].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
/** A retired id as a whole token of prose or config: not inside `gpt-image-1.5` or a `/v1/gpt-image-1/` path. */
const TOKEN = new RegExp(`(?<![\\w./-])(?:${escaped.join('|')})(?![\\w-]|\\.\\d)`, 'g');

export type TextFileKind = 'env' | 'docs';

export function textFileKind(fileName: string): TextFileKind | null {
  const base = fileName.split('/').pop() ?? fileName;
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'env';
  if (/\.(md|mdx|markdown)$/i.test(base)) return 'docs';
  return null;
}

export function planTextFile(kind: TextFileKind, text: string, options: MigrationOptions): Finding[] {
  return allowed(kind === 'env' ? planEnv(text, options) : planDocs(text, options), options);
}

/** `KEY=gpt-image-1` (optionally quoted, optionally `export`ed, optionally with a comment): auto; any other mention: manual. */
function planEnv(text: string, options: MigrationOptions): Finding[] {
  const findings: Finding[] = [];
  const line = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*(['"]?)([^'"\r\n#]*?)\2[ \t]*(?:#.*)?$/dgm;
  const handled = new Set<number>();
  for (const found of text.matchAll(line)) {
    const [, key, , value] = found;
    const match = matchRetiredId(value);
    if (!match) continue;
    const [start, end] = found.indices![3]!;
    handled.add(start);
    findings.push(idFinding({ match, range: [start, end], idRange: [start, end] }, 'config', 'config', 'auto', `the value of ${key}`, options));
  }
  for (const found of text.matchAll(TOKEN)) {
    if (handled.has(found.index)) continue;
    const match = matchRetiredId(found[0])!;
    const range = [found.index, found.index + found[0].length] as const;
    findings.push(idFinding({ match, range, idRange: range }, 'config', 'config', 'manual', 'it is part of a longer value; edit it by hand.', options));
  }
  return findings.sort((a, b) => a.range[0] - b.range[0]);
}

/** Every mention in prose: info, never rewritten. */
function planDocs(text: string, options: MigrationOptions): Finding[] {
  const findings: Finding[] = [];
  for (const found of text.matchAll(TOKEN)) {
    const match = matchRetiredId(found[0])!;
    const range = [found.index, found.index + found[0].length] as const;
    findings.push(
      idFinding({ match, range, idRange: range }, 'doc', 'docs', 'manual', 'documentation is reported, never rewritten; update the prose when the code has moved.', options, {
        severity: 'info',
      }),
    );
  }
  return findings;
}
