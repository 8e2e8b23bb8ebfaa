/**
 * The prefilter: can a file yield anything at all? Decided on the text
 * before any parse. It must never rule out a file the planner would report
 * on; it may let through files that yield nothing (they are parsed for
 * nothing: time, not results).
 *
 * This module loads no parser, so the CLI's main thread can read and filter
 * a whole repository without loading TypeScript.
 *
 * Measured on 10k generated files (32 MB, docs/performance.md): decoding
 * UTF-8 costs about 27 ms, the candidate pattern about 68 ms, the escaped-id
 * search about 25 ms. Testing the Latin-1 string of ASCII-only buffers instead
 * of decoding was not faster, so the text is decoded first.
 */
import { candidatePattern, currentModels, retiredModels, userSurfacePattern, type MigrationOptions } from './catalog/index.js';
import { textFileKind } from './files/kind.js';

/** Code extensions the engine parses. */
export const codeExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/**
 * A file the engine parses as code: declarations (`.d.ts`) included, as hand-written ones name models in their types.
 * The extension in any case (`App.TS`), as file-kind detection reads it (src/files/kind.ts) and discovery finds it.
 */
export function isCodeFile(fileName: string): boolean {
  const name = fileName.toLowerCase();
  return codeExtensions.some((ext) => name.endsWith(ext));
}

/** The languages the engine parses, each through its own adapter into the one view. */
export type CodeLanguage = 'js' | 'python' | 'notebook';

/** The language a file is parsed as: JS/TS, Python (`.py`, `.pyi`), a Jupyter notebook of Python cells; null for a file that is not parsed. */
export function codeLanguage(fileName: string): CodeLanguage | null {
  if (isCodeFile(fileName)) return 'js';
  if (/\.pyi?$/i.test(fileName)) return 'python';
  if (/\.ipynb$/i.test(fileName)) return 'notebook';
  return null;
}

/**
 * Can this text contain anything the planner reports? The catalog's
 * candidate pattern (ids and surface markers as written), or a model id
 * spelled with escapes that a string literal turns back into the id
 * (`'gpt\u002dimage-1'`, `'gpt-im\x61ge-1'`, a line continuation, an HTML
 * entity in a JSX attribute).
 */
export function mayContainMatch(text: string, options?: Pick<MigrationOptions, 'surfaces'>): boolean {
  return candidatePattern.test(text) || userSignals(options)?.test(text) === true || hasEscapedId(text);
}

const userPatterns = new WeakMap<object, RegExp | null>();
/** The user's surfaces as a pattern, built once per options object. */
function userSignals(options: Pick<MigrationOptions, 'surfaces'> | undefined): RegExp | null {
  if (!options || options.surfaces.length === 0) return null;
  let pattern = userPatterns.get(options);
  if (pattern === undefined) {
    pattern = userSurfacePattern(options);
    userPatterns.set(options, pattern);
  }
  return pattern;
}

/**
 * Whether the engine would do anything with this file: plan a non-code kind
 * (`package.json` always: its dependency ranges are checked) or parse a code
 * file. When false, the plan is empty and the output is the input, so the
 * file need not reach a transform (or load one).
 */
export function mayNeedPlan(fileName: string, text: string, options?: Pick<MigrationOptions, 'surfaces'>): boolean {
  // the transform's order: a text kind first (`.env.js` is an env file), then code
  const kind = textFileKind(fileName);
  if (kind) return kind === 'package-json' || mayContainMatch(text, options);
  return codeLanguage(fileName) !== null && mayContainMatch(text, options);
}

/* ------------------------------- escaped ids ------------------------------- */

/**
 * The shortest ids that every model id the planner acts on starts with or
 * contains: retired ids (with their aliases) and current ids, reduced so none
 * contains another (`gpt-image-1` stands for `gpt-image-1-mini` too).
 */
function coreIds(): string[] {
  const ids = [...new Set([...retiredModels.flatMap((m) => [m.id, ...m.aliases]), ...currentModels.ids])];
  return ids.filter((id) => !ids.some((other) => other !== id && id.includes(other)));
}

const hex = (code: number, width: number): string => code.toString(16).padStart(width, '0').replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);

/** Characters whose backslash escape means something else (`\n`, `\x..`, octal): `\X` is X for every other one. */
const SPECIAL_ESCAPES = new Set(['b', 'f', 'n', 'r', 't', 'v', 'u', 'x', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

/** Every escaped way a JS/TS string literal (or a JSX attribute) can spell one character, as regex source. */
function escapedSpellings(char: string): string[] {
  const code = char.charCodeAt(0);
  const octal = code.toString(8);
  const forms = [
    `\\\\x${hex(code, 2)}`,
    `\\\\u${hex(code, 4)}`,
    `\\\\u\\{0*${hex(code, 1)}\\}`,
    // legacy octal escapes (sloppy-mode strings): up to three digits
    ...(octal.length <= 3 ? [`\\\\0{0,${3 - octal.length}}${octal}`] : []),
    `&#0*${code};`,
    `&#[xX]0*${hex(code, 1)};`,
  ];
  if (!SPECIAL_ESCAPES.has(char)) forms.push(`\\\\${literal(char)}`);
  return forms;
}

const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** A line continuation inside a string: backslash + line terminator (U+2028/2029 also as their UTF-8 bytes read as Latin-1). */
const CONTINUATION = '\\\\(?:\\r\\n|[\\r\\n\\u2028\\u2029]|\\u00e2\\u0080[\\u00a8\\u00a9])';

const ids = coreIds();

/** Any core id, each character plain or escaped, line continuations between characters; tried at one position. */
const escapedIdAt = new RegExp(
  ids.map((id) => [...id].map((c) => `(?:${[literal(c), ...escapedSpellings(c)].join('|')})`).join(`(?:${CONTINUATION})*`)).join('|'),
  'y',
);

/**
 * Where the first escape of an escaped id can start: an escape that spells a
 * character of an id and is followed by what can follow that character in an
 * id (plainly, or as another escape), or a line continuation. `\s+` or
 * `[\w\-]` in a regular expression is not one, so most files never get past
 * this search.
 */
const firstEscape = new RegExp(
  [
    CONTINUATION,
    ...[...new Set(ids.join(''))].map((c) => {
      const next = new Set<string>();
      let ends = false;
      for (const id of ids) {
        for (let i = id.indexOf(c); i !== -1; i = id.indexOf(c, i + 1)) {
          if (i === id.length - 1) ends = true;
          else next.add(id[i + 1]);
        }
      }
      const follow = ends ? '' : `(?=[${[...next].map((n) => n.replace(/[\]^\\-]/g, '\\$&')).join('')}]|\\\\|&#)`;
      return `(?:${escapedSpellings(c).join('|')})${follow}`;
    }),
  ].join('|'),
  'y',
);

/** Before its first escape an escaped id has only plain characters: fewer than the longest id. */
const MAX_PLAIN_PREFIX = Math.max(...ids.map((id) => id.length)) - 1;

/**
 * Does the text spell a core id with at least one escape? (Without one, the
 * id is plain text and the candidate pattern sees it.) Only the few places
 * where such a first escape starts are tried: the id begins at most
 * MAX_PLAIN_PREFIX characters before it.
 */
function hasEscapedId(text: string): boolean {
  // every escape starts with a backslash or `&#`: found with indexOf (far faster than the pattern's
  // own search through the whole text), and the pattern is tried only there
  for (const marker of ESCAPE_MARKERS) {
    for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
      firstEscape.lastIndex = at;
      if (!firstEscape.test(text)) continue;
      for (let start = Math.max(0, at - MAX_PLAIN_PREFIX); start <= at; start++) {
        escapedIdAt.lastIndex = start;
        if (escapedIdAt.test(text)) return true;
      }
    }
  }
  return false;
}

const ESCAPE_MARKERS = ['\\', '&#'];
