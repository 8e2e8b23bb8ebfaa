/**
 * The unified diff `fix --dry-run` prints for one file, built from the edits
 * that made it. A line diff of the whole file costs O(N·D) (Myers): on a
 * 2.5 MB file with 20,000 changed lines that took four minutes, and dense
 * changes share one hunk, so diffing hunk by hunk does not help. The edits
 * already say which lines change: only those lines are diffed (jsdiff, block
 * by block, a few lines each), and the hunks are laid out around them with
 * the usual context, linear in the file.
 */
import { createTwoFilesPatch, diffArrays, formatPatch, type StructuredPatchHunk } from 'diff';
import { applyEdits, type Edit } from '../text/edits.js';
import { codeLanguage } from '../prefilter.js';

/** Lines of context around a change, as `createTwoFilesPatch` gives by default. */
const CONTEXT = 4;
const NO_NEWLINE = '\\ No newline at end of file';

/** A line with its terminator (`'x\n'`, or `'x'` for a last line without one). */
type Line = string;

/**
 * The diff of a Jupyter notebook as its cells' source, one patch per changed
 * cell (`a/nb.ipynb (cell 4)`), as nbdime shows it: a line diff of the JSON
 * is escaped quotes and `\n",` on every line. Null when the two texts are
 * not notebooks with the same cells (the caller prints the file's diff).
 */
export function notebookDiff(file: string, before: string, after: string): string | null {
  const cellsOf = (text: string): { cell_type?: unknown; source?: unknown }[] | null => {
    try {
      const cells = (JSON.parse(text) as { cells?: unknown }).cells;
      return Array.isArray(cells) ? (cells as { cell_type?: unknown; source?: unknown }[]) : null;
    } catch {
      return null;
    }
  };
  const source = (cell: { source?: unknown }): string | null =>
    typeof cell.source === 'string' ? cell.source : Array.isArray(cell.source) && cell.source.every((line) => typeof line === 'string') ? cell.source.join('') : null;
  const old = cellsOf(before);
  const now = cellsOf(after);
  if (!old || !now || old.length !== now.length) return null;
  let out = '';
  for (const [i, cell] of old.entries()) {
    const a = source(cell);
    const b = source(now[i]!);
    if (a === null || b === null) return null;
    if (a === b) continue;
    const name = `${file} (cell ${i + 1}, ${String(cell.cell_type)})`;
    out += createTwoFilesPatch(`a/${name}`, `b/${name}`, a.endsWith('\n') ? a : `${a}\n`, b.endsWith('\n') ? b : `${b}\n`);
  }
  // the cells' sources are the same: what changed is elsewhere in the JSON, which the file's diff shows
  return out || null;
}

export function fileDiff(file: string, before: string, after: string, edits: readonly Edit[]): string {
  if (codeLanguage(file) === 'notebook') {
    const cells = notebookDiff(file, before, after);
    if (cells !== null) return cells;
  }
  const oldName = `a/${file}`;
  const newName = `b/${file}`;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  // the edits must be what made `after`; otherwise the whole-file diff is the truth
  if (sorted.length === 0 || applyEdits(before, sorted) !== after) return createTwoFilesPatch(oldName, newName, before, after);

  const old = linesOf(before);
  const starts: number[] = [];
  for (let offset = 0, i = 0; i < old.length; offset += old[i]!.length, i++) starts.push(offset);
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = Math.max(0, starts.length - 1);
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };

  // blocks of whole old lines that edits touch, merged when they share a line (not when they only meet:
  // a block stays a few lines, so its diff stays cheap however dense the changes)
  const blocks: { first: number; last: number; edits: Edit[] }[] = [];
  for (const edit of sorted) {
    const first = lineOf(edit.start);
    let last = edit.end > edit.start ? lineOf(edit.end - 1) : first;
    // an edit that takes a line's newline away joins it with the next line: that line is changed too
    if (edit.end > edit.start && before[edit.end - 1] === '\n' && !edit.text.endsWith('\n') && last + 1 < old.length) last++;
    const previous = blocks[blocks.length - 1];
    if (previous && first <= previous.last) {
      previous.last = Math.max(previous.last, last);
      previous.edits.push(edit);
    } else {
      blocks.push({ first, last, edits: [edit] });
    }
  }

  // each block's lines after its edits, and the few-line diff between the two
  const changed = blocks.map((block) => {
    const start = starts[block.first] ?? 0;
    const end = block.last + 1 < starts.length ? starts[block.last + 1]! : before.length;
    const oldLines = old.slice(block.first, block.last + 1);
    const newLines = linesOf(applyEdits(before.slice(start, end), block.edits.map((e) => ({ ...e, start: e.start - start, end: e.end - start }))));
    return { ...block, oldLines, newLines, parts: diffArrays(oldLines, newLines) };
  });

  const hunks: StructuredPatchHunk[] = [];
  let delta = 0;
  for (let i = 0; i < changed.length; ) {
    // a hunk: the blocks at most twice the context apart, with the context around them
    let j = i;
    while (j + 1 < changed.length && changed[j + 1]!.first - changed[j]!.last - 1 <= 2 * CONTEXT) j++;
    const from = Math.max(0, changed[i]!.first - CONTEXT);
    const to = Math.min(old.length - 1, changed[j]!.last + CONTEXT);
    const lines: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    // a run of changed lines is printed as its removals, then its additions, as a whole-file diff prints it
    let removed: string[] = [];
    let added: string[] = [];
    const flush = () => {
      lines.push(...removed, ...added);
      removed = [];
      added = [];
    };
    const marked = (sign: string, line: Line) => [`${sign}${strip(line)}`, ...(line.endsWith('\n') ? [] : [NO_NEWLINE])];
    const context = (line: Line) => {
      flush();
      lines.push(...marked(' ', line));
      oldCount++;
      newCount++;
    };
    const hunkDelta = delta;
    for (let k = from; k < changed[i]!.first; k++) context(old[k]!);
    for (let b = i; b <= j; b++) {
      const block = changed[b]!;
      for (const part of block.parts) {
        for (const line of part.value) {
          if (part.added) {
            added.push(...marked('+', line));
            newCount++;
          } else if (part.removed) {
            removed.push(...marked('-', line));
            oldCount++;
          } else {
            context(line);
          }
        }
      }
      delta += block.newLines.length - block.oldLines.length;
      const next = b < j ? changed[b + 1]!.first : to + 1;
      for (let k = block.last + 1; k < next; k++) context(old[k]!);
    }
    flush();
    // lines a block's own diff found unchanged may lengthen the context at a hunk's ends: keep CONTEXT of them
    let lead = 0;
    while (lead < lines.length && lines[lead]!.startsWith(' ')) lead++;
    const dropLead = Math.max(0, lead - CONTEXT);
    lines.splice(0, dropLead);
    let lastChange = -1;
    for (let k = 0; k < lines.length; k++) if (lines[k] !== NO_NEWLINE && !lines[k]!.startsWith(' ')) lastChange = k;
    if (lastChange === -1) {
      // edits that changed nothing here: no hunk
      i = j + 1;
      continue;
    }
    let cut = lastChange + 1;
    for (let units = 0; cut < lines.length && (lines[cut] === NO_NEWLINE || units < CONTEXT); cut++) if (lines[cut] !== NO_NEWLINE) units++;
    const dropTrail = lines.splice(cut).filter((line) => line !== NO_NEWLINE).length;
    // formatPatch writes an empty side's start as the line before it
    hunks.push({
      oldStart: from + 1 + dropLead,
      oldLines: oldCount - dropLead - dropTrail,
      newStart: from + 1 + hunkDelta + dropLead,
      newLines: newCount - dropLead - dropTrail,
      lines,
    });
    i = j + 1;
  }
  return formatPatch({ oldFileName: oldName, newFileName: newName, oldHeader: undefined, newHeader: undefined, hunks });
}

/** The lines of a text, each with its `\n` (the last one without, when the text does not end in one). */
function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', start)) {
    lines.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

function strip(line: Line): string {
  return line.endsWith('\n') ? line.slice(0, -1) : line;
}
