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

/** The JS/TS and Python code blocks of a Markdown or MDX text, in order. */
export function codeSamples(text: string): CodeSample[] {
  const samples: CodeSample[] = [];
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
    if (lang) samples.push({ start, code, lang });
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
  const shift = (range: readonly [number, number]) => [range[0] + sample.start, range[1] + sample.start] as const;
  return findings.map((finding) => {
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
      suggestion: change && { description: change.description, edits: change.edits.map((edit) => ({ ...edit, start: edit.start + sample.start, end: edit.end + sample.start })) },
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
