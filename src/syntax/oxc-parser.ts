/**
 * JS/TS through oxc's parser (`oxc-parser`: Rust, a napi binary shipped
 * inside the npm package for each platform), whose ESTree output goes through
 * the ESTree adapter. The CLI's parser: it loads in about 20 ms where
 * TypeScript takes about 0.4 s, and parses several times faster.
 *
 * Offsets: oxc works on UTF-8 bytes, but its JS API hands back `start`/`end`
 * (and error labels) already converted to UTF-16 code units, the indices of
 * the JavaScript string that was parsed, which is what the normalized view's
 * ranges are (test/oxc.test.ts pins this with text before an edit in every
 * UTF-8 length: 2-, 3- and 4-byte characters, and a lone surrogate).
 *
 * Each file is parsed as TypeScript's parser reads it in the ts-morph
 * transform (the same extension → ScriptKind table), so the same files parse:
 * every JavaScript file (`.js`, `.jsx`, `.mjs`, `.cjs`) as TSX: TypeScript
 * reads JavaScript with its own grammar and JSX, and reports type
 * annotations in a `.js` file as a semantic error, not a syntax one; `.d.ts`
 * as `.ts` (the ts-morph transform parses it under a `.ts` name too). What TypeScript
 * reports only when type-checking (a `return` at the top level of a
 * CommonJS script) is not a parse error here either.
 */
import { createRequire } from 'node:module';
import { fromEstree, type EstreeNode } from './from-estree.js';
import { ParseError } from './parse-error.js';
import type { Node } from './tree.js';

type Oxc = typeof import('oxc-parser');
let oxc: Oxc | null = null;
/** Loaded on first use (a napi binary; `require` of its ES module entry, which Node ^20.19 allows). */
function load(): Oxc {
  oxc ??= createRequire(import.meta.url)('oxc-parser') as Oxc;
  return oxc;
}

type Lang = 'ts' | 'tsx';

const LANGS: Record<string, Lang> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  // TypeScript reads every JavaScript file with JSX (its ScriptKind.JS and JSX both have the JSX variant)
  '.js': 'tsx',
  '.jsx': 'tsx',
  '.mjs': 'tsx',
  '.cjs': 'tsx',
};

function langOf(fileName: string): Lang {
  const slash = fileName.lastIndexOf('/');
  const dot = fileName.lastIndexOf('.');
  return (dot > slash && LANGS[fileName.slice(dot)]) || 'ts';
}

/**
 * What oxc reports and TypeScript's parser does not (its checker does, as a
 * grammar error): a `return` at the top level (a CommonJS script's, or a
 * snippet's beside a top-level `await`), a `const` without initializer
 * (`export const x: T;` in a hand-written `.d.ts`), and the ambient-context
 * rules. oxc still builds the whole tree around them.
 */
const NOT_A_SYNTAX_ERROR =
  /^(?:A 'return' statement can only be used within a function body|Missing initializer in const declaration|An implementation cannot be declared in ambient contexts|Initializers are not allowed in ambient contexts|Statements are not allowed in ambient contexts)\.?$/;

interface Parsed {
  /** The ESTree program, read on first use (oxc hands it over as JSON: parsing that costs more than oxc's own parse). */
  readonly program: EstreeNode;
  readonly error: { readonly message: string; readonly offset: number } | null;
}

/**
 * How deeply nested a text oxc is given at most, counting brackets (an upper
 * bound of the tree's depth for the nesting real files have: arrays, objects,
 * calls). Deeper, oxc's native parser can run out of its thread's stack,
 * which ends the process (a segmentation fault, at about 15,000 levels on a
 * main thread, fewer on a worker's smaller stack) instead of throwing.
 * Such a text is TypeScript's parser's to read (`TooDeepForOxc`).
 */
export const MAX_OXC_DEPTH = 3000;

/** Thrown instead of handing oxc a text nested deeper than MAX_OXC_DEPTH. */
export class TooDeepForOxc extends Error {
  constructor() {
    super(`nested deeper than ${MAX_OXC_DEPTH} levels: not given to oxc's native parser`);
  }
}

/** Whether the brackets of a text nest deeper than MAX_OXC_DEPTH (strings and comments counted too: an overestimate). */
export function tooDeepForOxc(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) {
      if (++depth > MAX_OXC_DEPTH) return true;
    } else if ((c === 0x29 || c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return false;
}

function parse(fileName: string, text: string): Parsed {
  if (tooDeepForOxc(text)) throw new TooDeepForOxc();
  const result = load().parseSync(fileName, text, { lang: langOf(fileName), sourceType: 'unambiguous', astType: 'ts', preserveParens: false });
  const first = result.errors.find((e) => e.severity === 'Error' && !NOT_A_SYNTAX_ERROR.test(e.message));
  return {
    get program() {
      return result.program as unknown as EstreeNode;
    },
    error: first ? { message: first.message, offset: first.labels[0]?.start ?? 0 } : null,
  };
}

/** 1-based line and column (UTF-16 code units, as TypeScript and editors count) of an offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const terminators = /\r\n?|[\n\u2028\u2029]/g;
  for (let match = terminators.exec(text); match && match.index < offset; match = terminators.exec(text)) {
    line++;
    start = match.index + match[0].length;
  }
  return { line, column: offset - start + 1 };
}

function parseError(text: string, what: string, error: NonNullable<Parsed['error']>): ParseError {
  const { line, column } = lineAndColumn(text, Math.min(error.offset, text.length));
  return new ParseError(`${what}: ${error.message} (line ${line}, column ${column})`, line, column);
}

/**
 * The normalized tree of a JS/TS text (BOM removed); ParseError, `what:
 * message (line, column)`, when it does not parse; TooDeepForOxc for a text
 * nested too deeply to give oxc.
 */
export function parseJs(fileName: string, text: string, what = 'does not parse'): Node {
  const parsed = parse(fileName, text);
  if (parsed.error) throw parseError(text, what, parsed.error);
  return fromEstree(parsed.program, load().visitorKeys);
}

/** The first syntax error of a JS/TS text as `message (line L, column C)`, or null when it parses; TooDeepForOxc as parseJs. */
export function jsParseProblem(fileName: string, text: string): string | null {
  const parsed = parse(fileName, text);
  return parsed.error ? parseError(text, 'x', parsed.error).message.slice('x: '.length) : null;
}

/** The tree of a module read for its exported values, or null when it does not parse (project lookups never throw). */
export function parseJsModule(fileName: string, text: string): Node | null {
  if (tooDeepForOxc(text)) return null;
  const parsed = parse(fileName, text);
  return parsed.error ? null : fromEstree(parsed.program, load().visitorKeys);
}
