/**
 * Minimal text-range edits. Every consumer (ESLint fixer, ts-morph transform,
 * jscodeshift transform, CLI) applies the same edits, so every byte outside
 * them (quotes, comments, trailing commas, CRLF, BOM) stays as it was.
 */

export interface Edit {
  /** [start, end) offsets into the analysed text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export class OverlappingEditsError extends Error {}

/** Applies non-overlapping edits; throws on overlap (a planner bug, never silently merged). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return text;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) {
      throw new OverlappingEditsError(`overlapping edits at offset ${edit.start}`);
    }
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/**
 * A change as a reader sees it: the text from `range` and the edits'
 * reach, before and after the edits, trimmed (what reports show as
 * before → after). Null without edits.
 */
export function changePreview(text: string, range: readonly [number, number], edits: readonly Edit[]): { before: string; after: string } | null {
  if (edits.length === 0) return null;
  const start = Math.min(range[0], ...edits.map((e) => e.start));
  const end = Math.max(range[1], ...edits.map((e) => e.end));
  const before = text.slice(start, end);
  const after = applyEdits(before, edits.map((e) => ({ start: e.start - start, end: e.end - start, text: e.text })));
  return { before: before.trim(), after: after.trim() };
}

/** What a token-safe edit may replace and write: ids, versions, paths (`openai/gpt-image-2`), no quote, backslash, `$`, `*` or line break. */
const TOKEN_SAFE = /^[\w.\-/:@]*$/;

/**
 * Whether every edit rewrites only the inside of a '…' or "…" pair with
 * token-safe characters on both sides (what a model rename is): such edits
 * leave every token where it was (a string stays that string, a comment that
 * comment), so a text that parsed still parses and the transforms need not
 * parse the fixed text again to know it (on a 2 MB file of renames that check
 * cost as much as planning).
 */
export function keepsTokens(text: string, edits: readonly Edit[]): boolean {
  for (const edit of edits) {
    const quote = text[edit.start - 1];
    if ((quote !== "'" && quote !== '"') || text[edit.end] !== quote) return false;
    if (!TOKEN_SAFE.test(edit.text) || !TOKEN_SAFE.test(text.slice(edit.start, edit.end))) return false;
  }
  return true;
}

/** Skips spaces, tabs, newlines and comments forward from `pos` (`hash`: Python's `# …` comments too). */
export function skipTrivia(text: string, pos: number, stopAtNewline = false, hash = false): number {
  for (;;) {
    const ch = text[pos];
    if (ch === ' ' || ch === '\t') pos++;
    else if (!stopAtNewline && (ch === '\n' || ch === '\r')) pos++;
    else if (text.startsWith('/*', pos)) {
      const close = text.indexOf('*/', pos + 2);
      if (close < 0) return pos;
      if (stopAtNewline && /[\r\n]/.test(text.slice(pos, close))) return pos;
      pos = close + 2;
    } else if (text.startsWith('//', pos) || (hash && ch === '#')) {
      if (stopAtNewline) {
        const eol = text.slice(pos).search(/\r?\n/);
        return eol < 0 ? text.length : pos + eol;
      }
      const eol = text.indexOf('\n', pos);
      pos = eol < 0 ? text.length : eol + 1;
    } else return pos;
  }
}

/** Skips spaces and tabs backward from `pos` (exclusive). */
function skipBlanksBack(text: string, pos: number): number {
  while (pos > 0 && (text[pos - 1] === ' ' || text[pos - 1] === '\t')) pos--;
  return pos;
}

/**
 * The range that removes one property (or array element) from a list, with
 * its comma. On its own line: the whole line goes (indentation, comma, a
 * trailing comment, the line break). Inline: the property, its comma and
 * the following blanks. The last item takes the comma before it when both
 * are on one line; otherwise that comma stays, as a trailing comma.
 */
export function removalRange(text: string, start: number, end: number, hash = false): { start: number; end: number } {
  let after = skipTrivia(text, end, true, hash);
  const hasComma = text[after] === ',';
  if (hasComma) after++;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const ownLineBefore = /^[ \t]*$/.test(text.slice(lineStart, start));
  const restEnd = skipTrivia(text, after, true, hash);
  const ownLineAfter = restEnd >= text.length || text[restEnd] === '\n' || text[restEnd] === '\r';
  if (ownLineBefore && ownLineAfter) {
    let lineEnd = restEnd;
    if (text[lineEnd] === '\r') lineEnd++;
    if (text[lineEnd] === '\n') lineEnd++;
    return { start: lineStart, end: lineEnd };
  }
  if (hasComma) {
    let stop = after;
    while (text[stop] === ' ' || text[stop] === '\t') stop++;
    // nothing else up to the line end (`a: 1, b: 2,⏎`): the blanks before it go too
    const lineEndsHere = stop >= text.length || text[stop] === '\n' || text[stop] === '\r';
    return { start: lineEndsHere ? skipBlanksBack(text, start) : start, end: stop };
  }
  // the last item: on its own line, the comma before it stays (a valid trailing comma) and
  // only its line's text goes; inline, it takes the comma before it on the same line
  if (ownLineBefore) {
    let stop = end;
    while (text[stop] === ' ' || text[stop] === '\t') stop++;
    return { start: lineStart, end: stop };
  }
  const prev = skipBlanksBack(text, start);
  if (text[prev - 1] === ',') return { start: skipBlanksBack(text, prev - 1), end };
  return { start, end };
}

/**
 * Edits that insert `item` (e.g. `quality: 'low'`) into a list right after
 * the item at [start, end), in the list's own layout: on a new line with
 * the same indentation when items stand one per line, inline otherwise.
 */
export function insertionAfter(text: string, start: number, end: number, item: string, hash = false): Edit[] {
  const commaAt = skipTrivia(text, end, true, hash);
  const hasComma = text[commaAt] === ',';
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (/^[ \t]*$/.test(indent)) {
    const lineEnd = skipTrivia(text, hasComma ? commaAt + 1 : end, true, hash);
    const eol = lineTerminator(text);
    return hasComma
      ? [{ start: lineEnd, end: lineEnd, text: `${eol}${indent}${item},` }]
      : [
          { start: end, end, text: ',' },
          { start: lineEnd, end: lineEnd, text: `${eol}${indent}${item}` },
        ];
  }
  // inline: right after the item, before its comma, so a removal of the next
  // item (which may take that comma) never overlaps the insertion
  return [{ start: end, end, text: `, ${item}` }];
}

/**
 * An edit that inserts `item` as the first item of a list, before the item
 * starting at `start`, in the list's layout (own line with the same
 * indentation, or inline).
 */
export function insertionBefore(text: string, start: number, item: string): Edit[] {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (/^[ \t]*$/.test(indent)) return [{ start, end: start, text: `${item},${lineTerminator(text)}${indent}` }];
  return [{ start, end: start, text: `${item}, ` }];
}

/** Line and column (both 1-based) of offsets in a text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

/** The line terminator a text mostly uses. */
export function lineTerminator(text: string): '\r\n' | '\n' {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}
