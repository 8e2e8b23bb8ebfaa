/**
 * fix --dry-run's diff is built region by region from the edits (src/report/diff.ts):
 * it must be the patch a whole-file diff gives, and apply back to the fixed text.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPatch, createTwoFilesPatch, parsePatch } from 'diff';
import { fileDiff } from '../src/report/diff.js';
import { applyEdits, type Edit } from '../src/text/edits.js';

/** A text of distinct lines (as code mostly is), some possibly blank, with or without a final newline. */
const texts = fc
  .tuple(fc.array(fc.oneof(fc.constant(''), fc.constant('}'), fc.stringMatching(/^[a-z ]{1,12}$/)), { minLength: 1, maxLength: 60 }), fc.boolean())
  .map(([lines, newline]) => lines.map((line, i) => (line.length > 1 ? `${line} ${i}` : line)).join('\n') + (newline ? '\n' : ''));

/** Non-overlapping edits of a text: replacements, deletions (whole lines too) and insertions. */
function editsOf(text: string) {
  return fc.array(fc.tuple(fc.nat(text.length), fc.nat(8), fc.oneof(fc.constant(''), fc.constant('\n'), fc.stringMatching(/^[A-Z\n]{1,6}$/))), { minLength: 1, maxLength: 12 }).map((raw) => {
    const edits: Edit[] = [];
    let cursor = -1;
    for (const [at, length, text2] of [...raw].sort((a, b) => a[0] - b[0])) {
      if (at <= cursor) continue;
      const end = Math.min(text.length, at + length);
      edits.push({ start: at, end, text: text2 });
      cursor = end;
    }
    return edits;
  });
}

describe('the dry-run diff, from the edits', () => {
  it('applies back to the fixed text, with no more than the usual context (300 runs)', () => {
    fc.assert(
      fc.property(texts.chain((text) => fc.tuple(fc.constant(text), editsOf(text))), ([before, edits]) => {
        const after = applyEdits(before, edits);
        fc.pre(after !== before);
        const patch = fileDiff('src/x.ts', before, after, edits);
        expect(applyPatch(before, patch)).toBe(after);
        // no line outside what the edits touch is marked changed, and no hunk has more than 4 lines of context at its ends
        for (const hunk of parsePatch(patch)[0]!.hunks) {
          const lines = hunk.lines.filter((line) => !line.startsWith('\\'));
          const lead = lines.findIndex((line) => !line.startsWith(' '));
          const trail = [...lines].reverse().findIndex((line) => !line.startsWith(' '));
          expect(lead).toBeLessThanOrEqual(4);
          expect(trail).toBeLessThanOrEqual(4);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is the whole-file patch for what fix does: ids replaced in lines of their own (300 runs)', () => {
    const files = fc.array(fc.boolean(), { minLength: 1, maxLength: 80 }).map((marks) => marks.map((mark, i) => `const v${i} = ${mark ? "'gpt-image-1'" : `'x${i}'`};`).join('\n') + '\n');
    fc.assert(
      fc.property(files, (before) => {
        const edits: Edit[] = [];
        for (let i = before.indexOf('gpt-image-1'); i !== -1; i = before.indexOf('gpt-image-1', i + 1)) edits.push({ start: i, end: i + 11, text: 'gpt-image-2' });
        fc.pre(edits.length > 0);
        const after = applyEdits(before, edits);
        expect(fileDiff('src/x.ts', before, after, edits)).toBe(createTwoFilesPatch('a/src/x.ts', 'b/src/x.ts', before, after));
      }),
      { numRuns: 300 },
    );
  });

  it('edits that do not make the fixed text fall back to the whole-file diff', () => {
    const patch = fileDiff('f.ts', 'a\nb\n', 'a\nc\n', [{ start: 0, end: 1, text: 'z' }]);
    expect(patch).toBe(createTwoFilesPatch('a/f.ts', 'b/f.ts', 'a\nb\n', 'a\nc\n'));
  });

  it("a 20,000-line file with a change on every line: every hunk in place", () => {
    const lines = Array.from({ length: 20000 }, (_, i) => `export const r${i} = call({ model: 'gpt-image-1' });`);
    const before = `${lines.join('\n')}\n`;
    const edits: Edit[] = [];
    for (let i = before.indexOf('gpt-image-1'); i !== -1; i = before.indexOf('gpt-image-1', i + 1)) edits.push({ start: i, end: i + 'gpt-image-1'.length, text: 'gpt-image-2' });
    const after = applyEdits(before, edits);
    const patch = fileDiff('big.ts', before, after, edits);
    expect(patch.match(/^-export/gm)).toHaveLength(20000);
    expect(applyPatch(before, patch)).toBe(after);
  });
});

describe('notebooks: the diff is of the cells people read, not of the JSON', () => {
  const notebook = (cells: { cell_type: string; source: string[]; outputs?: unknown[] }[]) => `${JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
  const before = notebook([
    { cell_type: 'markdown', source: ['# Images\n'] },
    { cell_type: 'code', source: ['r = client.images.generate(\n', '    model="dall-e-3",\n', '    quality="hd",\n', ')'], outputs: [] },
  ]);
  const after = before.replace('\\"dall-e-3\\"', '\\"gpt-image-2\\"').replace('\\"hd\\"', '\\"high\\"');

  it('one patch per changed cell, named by its number and kind, with the source unescaped', () => {
    const start = before.indexOf('dall-e-3');
    const edits = [{ start, end: start + 'dall-e-3'.length, text: 'gpt-image-2' }, { start: before.indexOf('hd\\"'), end: before.indexOf('hd\\"') + 2, text: 'high' }];
    const diff = fileDiff('nb.ipynb', before, after, edits);
    const [patch, ...rest] = parsePatch(diff);
    expect(rest).toEqual([]);
    expect(patch!.oldFileName).toBe('a/nb.ipynb (cell 2, code)');
    expect(patch!.hunks[0]!.lines).toEqual([' r = client.images.generate(', '-    model="dall-e-3",', '-    quality="hd",', '+    model="gpt-image-2",', '+    quality="high",', ' )']);
    expect(diff).not.toContain('\\"');
  });

  it('falls back to the file diff when the cells do not line up (a cell added or the JSON broken)', () => {
    const broken = '{"cells": [';
    expect(fileDiff('nb.ipynb', before, broken, [])).toBe(createTwoFilesPatch('a/nb.ipynb', 'b/nb.ipynb', before, broken));
  });
});
