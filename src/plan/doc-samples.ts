/**
 * Code samples in documentation: a fenced block tagged JS, TS or Python in
 * Markdown or MDX is planned as the code it is, since every reader who copies it gets the
 * call it makes, including one that relies on a retired default model and so
 * names no id at all. What the code would get is reported as info, with the
 * change as a suggestion; documentation is never rewritten.
 *
 * Parser-free: finding the blocks is text work, and the caller (which owns a
 * parser) plans each block's code.
 */
import type { Finding } from './finding.js';
import { byCodeUnits } from '../text/order.js';

export interface CodeSample {
  /** Offset of the block's first code character in the document. */
  readonly start: number;
  readonly code: string;
  /**
   * The imports of the document's earlier blocks of the same language, one per line: a tutorial imports
   * `OpenAI` in one block and calls it in the next, as a notebook's cells do. Planned before `code`.
   */
  readonly prelude: string;
  /** The script kind the block's tag names. */
  readonly lang: 'ts' | 'tsx' | 'js' | 'jsx' | 'python';
}

/** ```` ```ts ````, `~~~js`, with attributes after the tag (`ts title="x"`); the fence closes with the same marker. */
const FENCE = /^(?<indent> {0,3})(?<fence>`{3,}|~{3,})[ \t]*(?<tag>[\w+-]*)[^\n]*\n/gm;

const LANGS: Readonly<Record<string, CodeSample['lang']>> = {
  ts: 'ts',
  typescript: 'ts',
  mts: 'ts',
  cts: 'ts',
  tsx: 'tsx',
  js: 'js',
  javascript: 'js',
  mjs: 'js',
  cjs: 'js',
  node: 'js',
  jsx: 'jsx',
  python: 'python',
  py: 'python',
  python3: 'python',
  ipython: 'python',
};

/** A Python fence in a document: the caller loads the Python parser only when one is there. */
export const PYTHON_FENCE = /^ {0,3}(?:`{3,}|~{3,})[ \t]*(?:python3?|py|ipython)\b/im;

/** A whole-line import: `import X from 'y'`, `const x = require('y')`, `from a.b import C`, `import a.b as c`. */
const IMPORT_LINE: Readonly<Record<'js' | 'python', RegExp>> = {
  js: /^[ \t]*(?:import[ \t][^\n]*?\bfrom[ \t]*['"][^'"\n]+['"][ \t]*;?|import[ \t]*['"][^'"\n]+['"][ \t]*;?|(?:const|let|var)[ \t]+[\w{}, \t]+=[ \t]*require\([ \t]*['"][^'"\n]+['"][ \t]*\)[ \t]*;?)[ \t]*$/gm,
  python: /^(?:from[ \t]+[\w.]+[ \t]+import[ \t]+[\w., \t]+|import[ \t]+[\w., \t]+)[ \t]*$/gm,
};

/** The JS/TS and Python code blocks of a Markdown or MDX text, in order. */
export function codeSamples(text: string): CodeSample[] {
  const samples: CodeSample[] = [];
  const imports: Record<'js' | 'python', string[]> = { js: [], python: [] };
  FENCE.lastIndex = 0;
  for (let open = FENCE.exec(text); open; open = FENCE.exec(text)) {
    const { fence, tag } = open.groups!;
    const start = open.index + open[0].length;
    const close = new RegExp(`^ {0,3}${fence![0] === '`' ? '`' : '~'}{${fence!.length},}[ \\t]*$`, 'm');
    close.lastIndex = 0;
    const rest = text.slice(start);
    const end = close.exec(rest);
    const code = end ? rest.slice(0, end.index) : rest;
    const lang = LANGS[tag!.toLowerCase()];
    if (lang) {
      const family = lang === 'python' ? 'python' : 'js';
      samples.push({ start, code, lang, prelude: imports[family].map((line) => `${line}\n`).join('') });
      for (const found of code.matchAll(IMPORT_LINE[family])) imports[family].push(found[0].trim());
    }
    FENCE.lastIndex = start + code.length + (end ? end[0].length : 0);
  }
  return samples;
}

/**
 * A block's findings, placed in the document and made what documentation
 * gets: info, manual, the change a suggestion ("the fix the code would get"),
 * no call sites to price, no values shared with the repository's code.
 */
export function sampleFindings(sample: CodeSample, findings: readonly Finding[]): Finding[] {
  // findings are of prelude + code: those of the prelude (an earlier block's, reported there) are dropped
  const offset = sample.start - sample.prelude.length;
  const shift = (range: readonly [number, number]) => [range[0] + offset, range[1] + offset] as const;
  return findings.filter((finding) => finding.range[0] >= sample.prelude.length).map((finding) => {
    const change = finding.edits.length > 0 ? { description: 'The change fix makes in code', edits: finding.edits } : finding.suggestion;
    const head = finding.fix === 'auto' ? finding.message.replace(/ Rewrites it to .*$|\. (Removes|Rewrites|Adds|Renames|Inserts) .*$/, '') : finding.message;
    return {
      rule: finding.rule,
      range: shift(finding.range),
      severity: 'info',
      fix: 'manual',
      role: finding.role,
      model: finding.model,
      surface: finding.surface,
      message: `In a code sample of this document: ${head.replace(/[.:]?\s*$/, '')}. Documentation is reported, never rewritten: update the sample${finding.fix === 'auto' ? ' as fix would update the code' : ''}.`,
      edits: [],
      suggestion: change && { description: change.description, edits: change.edits.map((edit) => ({ ...edit, start: edit.start + offset, end: edit.end + offset })) },
    };
  });
}

/**
 * The document's own findings (its prose) merged with its samples': where a
 * sample's finding covers a mention, the sample's says more and replaces it.
 */
export function withSamples(prose: readonly Finding[], samples: readonly Finding[]): Finding[] {
  const covered = (finding: Finding) => samples.some((s) => s.range[0] <= finding.range[0] && finding.range[1] <= s.range[1]);
  return [...prose.filter((finding) => !covered(finding)), ...samples].sort((a, b) => a.range[0] - b.range[0] || byCodeUnits(a.rule, b.rule));
}
