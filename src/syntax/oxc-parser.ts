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
  return (dot > slash && LANGS[fileName.slice(dot).toLowerCase()]) || 'ts';
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
 * How deeply nested a text oxc is given at most (`nestingBound`, an upper
 * bound of its tree's depth). Deeper, oxc's native code runs out of its
 * thread's stack, which ends the process (a segmentation fault) instead of
 * throwing: measured on Node 20, about 15,000 nested brackets on a main
 * thread, 100,000 links of a chain (`a.b.b…`, `1 + 1 + …`, `a = a = …`,
 * `!!!…a`), 20,000 nested arrow functions, fewer on a worker's smaller
 * stack (test/oxc.test.ts runs each shape past the limit through the CLI). Such a text is TypeScript's parser's to read (`TooDeepForOxc`).
 */
export const MAX_OXC_DEPTH = 3000;

/** Thrown instead of handing oxc a text nested deeper than MAX_OXC_DEPTH. */
export class TooDeepForOxc extends Error {
  constructor() {
    super(`nested deeper than ${MAX_OXC_DEPTH} levels: not given to oxc's native parser`);
  }
}

/** Whether a text may nest deeper than MAX_OXC_DEPTH (`nestingBound`). */
export function tooDeepForOxc(text: string): boolean {
  return nestingBound(text, MAX_OXC_DEPTH) > MAX_OXC_DEPTH;
}

// character classes of the scan (char codes below 128). `<` and `>` are left out: in JSX they
// open and close elements line after line (a long component would look like a chain), and
// an element's nesting is counted by the braces and parentheses around it
const OPERATOR = new Uint8Array(128);
for (const c of '.+-*/%&|^!~?:=') OPERATOR[c.charCodeAt(0)] = 1;
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (/[\w$]/.test(String.fromCharCode(c))) WORD[c] = 1;
/** Keywords that nest what follows them: `new new a`, `await await a`, `typeof typeof a`. */
const NESTING_WORDS = new Set(['new', 'await', 'typeof', 'void', 'delete', 'yield', 'async', 'in', 'instanceof', 'as', 'satisfies', 'keyof']);

/**
 * An upper bound of how deeply a JS/TS text's syntax tree nests, for the
 * shapes that nest: brackets, and chains of operators, member accesses,
 * calls and nesting keywords, which build a tree one level deeper per link
 * (`a.b().c().d…`, `'x' + 'y' + …`). Each open bracket counts one level and
 * starts its own count of links; a `;` or `,`, or a line break that neither
 * ends in nor is followed by an operator, ends a chain at its level. String
 * literals and comments are skipped; a template literal counts as one link,
 * and what a regular expression holds counts as code (an overestimate).
 * Stops counting once past `limit`.
 */
export function nestingBound(text: string, limit = Infinity): number {
  // links[d]: the links of the chain open at bracket depth d
  const links: number[] = [0];
  let depth = 0;
  let deepest = 0;
  // the last significant character before a line break was an operator: the chain goes on
  let lastWasOperator = false;
  let lineBreak = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) continue;
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
      lineBreak = true;
      continue;
    }
    if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      // a line comment: to the end of the line
      while (i < n && text.charCodeAt(i) !== 0x0a) i++;
      lineBreak = true;
      continue;
    }
    if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? n : close + 1;
      continue;
    }
    const operator = c < 128 && OPERATOR[c] === 1;
    if (lineBreak) {
      // a new line that does not continue an expression ends the chain (automatic semicolon insertion)
      if (!operator && !lastWasOperator) links[depth] = 0;
      lineBreak = false;
    }
    lastWasOperator = operator;
    let level: number;
    if (c === 0x28 || c === 0x5b || c === 0x7b) {
      links[++depth] = 0;
      level = depth + links[depth - 1];
    } else if (c === 0x29 || c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
      // `f(x).g(y)`: the call is a link of the chain around it
      level = depth + ++links[depth];
    } else if (c === 0x3b || c === 0x2c) {
      links[depth] = 0;
      continue;
    } else if (operator) {
      level = depth + ++links[depth];
    } else if (c === 0x27 || c === 0x22) {
      // a string: to its closing quote (escapes skipped) or the end of the line
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === c || d === 0x0a) break;
      }
      continue;
    } else if (c === 0x60) {
      // a template literal: one link (a tagged template chain nests), its text skipped
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x60) break;
      }
      level = depth + ++links[depth];
    } else if (c < 128 && WORD[c] === 1) {
      const from = i;
      while (i + 1 < n && text.charCodeAt(i + 1) < 128 && WORD[text.charCodeAt(i + 1)] === 1) i++;
      if (i - from > 8 || !NESTING_WORDS.has(text.slice(from, i + 1))) continue;
      level = depth + ++links[depth];
    } else {
      continue;
    }
    if (level > deepest && (deepest = level) > limit) return deepest;
  }
  return deepest;
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
