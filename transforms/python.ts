/**
 * The Python transform: a `.py` file, or the code cells of a Jupyter
 * notebook, parsed by tree-sitter's Python grammar, translated into the
 * normalized view (src/syntax/from-python.ts) and planned by the same
 * engine as JS/TS. The planner's edits are text-range edits, so quotes,
 * comments, trailing commas, CRLF and indentation stay as they were.
 *
 * A notebook is JSON: each code cell's `source` is planned as one Python
 * text, and the edits are written back into the JSON string literals that
 * hold the changed lines, so the notebook keeps its formatting (indent, key
 * order, trailing newline) and `outputs`/`execution_count` (recorded data)
 * are never touched. Markdown cells are documentation: reported, never
 * rewritten.
 *
 * Call `loadPythonTransform()` once per thread (the parser is WebAssembly);
 * `run` is synchronous after that.
 */
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { MigrationOptions } from '../src/catalog/index.js';
import { applyPlan, fileContext, leftoverMentions, planNonCode, type MentionPlace, planTreeWithLinks, planTreeWithRequests, planWithoutParser, type FilePlan, type Finding } from '../src/engine.js';
import { codeLanguage } from '../src/prefilter.js';
import { ParseError } from '../src/syntax/parse-error.js';
import { loadPythonParser, parsePython, PythonSyntaxError } from '../src/syntax/python-parser.js';
import { makeNode } from '../src/syntax/tree.js';
import { changePreview, type Edit } from '../src/text/edits.js';

export type { FilePlan } from '../src/engine.js';

export async function loadPythonTransform(): Promise<PythonTransform> {
  await loadPythonParser();
  return new PythonTransform();
}

export class PythonTransform {
  /** Plans a `.py` file or a notebook; ParseError when it does not parse (a notebook: when it is not JSON). */
  run(fileName: string, text: string, options: MigrationOptions, absolutePath?: string): FilePlan {
    const withoutParser = planWithoutParser(fileName, text, options, absolutePath);
    if (withoutParser) return withoutParser;
    if (codeLanguage(fileName) === 'notebook') return planNotebook(fileName, text, options, absolutePath);
    const context = fileContext(absolutePath, fileName);
    const { findings, links } = planTreeWithLinks(parseOrThrow(text, 'does not parse'), text, options, context);
    const output = applyPlan(text, findings);
    if (output !== text) {
      try {
        parseOrThrow(output, 'the fix would not parse, so the file is left unchanged');
      } catch (error) {
        if (error instanceof ParseError) return { findings, output: text, parsed: true, outputError: error.message, links };
        throw error;
      }
    }
    return { findings, output, parsed: true, links };
  }
}

function parseOrThrow(text: string, what: string) {
  try {
    return parsePython(text);
  } catch (error) {
    if (error instanceof PythonSyntaxError) throw new ParseError(`${what}: ${error.message.replace(/^invalid Python syntax: /, 'invalid Python syntax, ')}`, error.line, error.column);
    throw error;
  }
}

/* -------------------------------- notebooks -------------------------------- */

/** One JSON string literal of a cell's source: where it is in the file and what it decodes to. */
interface Piece {
  /** The literal's range in the file, quotes included. */
  readonly start: number;
  readonly end: number;
  readonly value: string;
  /** File offset of each decoded offset 0..value.length (inside the quotes). */
  readonly offsets: readonly number[];
}

interface Cell {
  readonly index: number;
  readonly kind: 'code' | 'markdown' | 'raw';
  readonly pieces: readonly Piece[];
  /** True when `source` is an array of lines (nbformat's usual form), false for one string. */
  readonly isArray: boolean;
  readonly text: string;
  /** The cell's whole JSON object in the file, and its `outputs` list (recorded data), if any. */
  readonly span: readonly [number, number];
  readonly outputs: readonly [number, number] | null;
}

/** A finding of one cell, in the cell's offsets, and why its edits cannot be written into the notebook (null: they may be). */
interface CellFinding {
  readonly cell: Cell;
  readonly finding: Finding;
  readonly refused: string | null;
}

const DOES_NOT_FIT = "the change does not fit the notebook's lines";

function planNotebook(fileName: string, text: string, options: MigrationOptions, absolutePath?: string): FilePlan {
  const cells = notebookCells(text);
  const context = fileContext(absolutePath, fileName);
  // a notebook written with every non-ASCII character escaped (Python's json default) keeps that style
  const ascii = !/[^\x00-\x7f]/.test(text);
  const findings: Finding[] = [];
  const links: NonNullable<FilePlan['links']>[number][] = [];
  const taken: [number, number][] = [];
  const written = (cell: Cell, local: Finding, edits: readonly Edit[], message = local.message): Finding => {
    const { suggestion: planned, ...rest } = local;
    // a suggestion is a change too: written into the notebook's strings, or not offered
    const suggested = planned ? notebookEdits(cell, planned.edits, text, ascii) : [];
    const suggestion = planned && suggested.length > 0 ? { ...planned, edits: suggested } : undefined;
    // what reports show: the cell's code, not its JSON
    const preview = changePreview(cell.text, local.range, local.fix === 'auto' ? local.edits : suggestion ? planned!.edits : []);
    return { ...rest, range: mapRange(cell, local.range), message: `cell ${cell.index + 1}: ${message}`, edits, ...(suggestion ? { suggestion } : {}), ...(preview ? { preview } : {}) };
  };
  /**
   * Writes one request's findings (or one finding alone) into the notebook:
   * every edit, or none. A request half changed (its model renamed, a
   * dall-e-only param still sent) fails as surely as one left alone, and
   * `audit` must say of each finding what `fix` then does.
   */
  const keep = (group: readonly CellFinding[]): boolean => {
    const placed = group.map((member) => {
      const edits = member.refused === null && member.finding.edits.length > 0 ? notebookEdits(member.cell, member.finding.edits, text, ascii) : [];
      const refused = member.refused ?? (member.finding.edits.length > 0 && edits.length === 0 ? DOES_NOT_FIT : null);
      return { ...member, edits, refused };
    });
    const overlaps = (a: Edit, s: number, e: number) => a.end > s && a.start < e;
    const clashes = (p: (typeof placed)[number]) =>
      p.edits.some((edit) => taken.some(([s, e]) => overlaps(edit, s, e)) || placed.some((q) => q !== p && q.edits.some((other) => overlaps(edit, other.start, other.end))));
    const culprit = placed.find((p) => p.refused !== null) ?? placed.find(clashes) ?? null;
    if (!culprit) {
      for (const p of placed) {
        for (const edit of p.edits) taken.push([edit.start, edit.end]);
        findings.push(written(p.cell, p.finding, p.edits));
      }
      return true;
    }
    const reason = culprit.refused ?? DOES_NOT_FIT;
    const what = culpritText(culprit.cell, culprit.finding.range);
    for (const p of placed) {
      // a finding that changes nothing (already manual) keeps its own words
      if (p.finding.fix !== 'auto' && p.finding.edits.length === 0) {
        findings.push(written(p.cell, p.finding, []));
        continue;
      }
      const why =
        p === culprit
          ? `${reason}; make it by hand`
          : `the change of ${what} in the same request cannot be written (${reason}), and a request is changed whole or not at all; make its changes by hand`;
      findings.push(written(p.cell, { ...p.finding, fix: 'manual', bindings: blocking(p.finding.bindings) }, [], `${p.finding.message} Not rewritten: ${why}.`));
    }
    return false;
  };

  // The kernel runs the code cells as one program, in order: a client made in one cell is called in the next.
  // Cells that parse are planned together; one that does not is planned alone, its ids reported, nothing changed.
  const program: { cell: Cell; start: number; end: number }[] = [];
  let combined = '';
  for (const cell of cells) {
    if (cell.kind !== 'code') continue;
    const code = maskMagics(cell.text);
    try {
      parsePython(code);
    } catch (error) {
      if (!(error instanceof PythonSyntaxError)) throw error;
      const alone = planTreeWithLinks(makeNode({ kind: 'other', range: [0, code.length] }, []), code, options, context);
      for (const finding of alone.findings) keep([{ cell, finding, refused: null }]);
      continue;
    }
    if (combined && !combined.endsWith('\n')) combined += '\n';
    program.push({ cell, start: combined.length, end: combined.length + code.length });
    combined += code;
  }
  const segmentOf = (at: number) => program.find((p) => at >= p.start && at <= p.end) ?? null;
  const inFile = (range: readonly [number, number]): readonly [number, number] => {
    const segment = segmentOf(range[0]);
    return segment ? mapRange(segment.cell, [range[0] - segment.start, Math.min(range[1], segment.end) - segment.start]) : range;
  };
  const toCell = (finding: Finding): CellFinding | null => {
    const segment = segmentOf(finding.range[0]);
    if (!segment) return null;
    const shift = ([s, e]: readonly [number, number]): [number, number] => [s - segment.start, Math.min(e, segment.end) - segment.start];
    const inSegment = (edits: readonly Edit[]) => edits.every((edit) => segmentOf(edit.start) === segment && edit.end <= segment.end);
    const shifted = (edits: readonly Edit[]) => edits.map((edit) => ({ ...edit, start: edit.start - segment.start, end: edit.end - segment.start }));
    // an edit in another cell than its finding's (never seen): the finding is reported whole, without edits
    const inCell = inSegment(finding.edits);
    const { suggestion, ...rest } = finding;
    const local: Finding = {
      ...rest,
      range: shift(finding.range),
      edits: inCell ? shifted(finding.edits) : [],
      ...(suggestion && inSegment(suggestion.edits) ? { suggestion: { ...suggestion, edits: shifted(suggestion.edits) } } : {}),
      // call sites as file offsets, each in its own cell (an id set in one cell may be sent in the next)
      ...(finding.callSites ? { callSites: finding.callSites.map((site) => ({ ...site, range: inFile(site.range) })) } : {}),
    };
    return { cell: segment.cell, finding: local, refused: inCell ? null : 'the change spans cells' };
  };
  if (program.length > 0) {
    const plan = planTreeWithRequests(parsePython(combined), combined, options, context);
    // the findings of one request are kept together: a finding belongs to the innermost request that holds it, or its call sites
    const requestOf = (range: readonly [number, number]): number => {
      let best = -1;
      let size = Infinity;
      for (const [i, parts] of plan.requests.entries()) {
        for (const [s, e] of parts) if (s <= range[0] && range[1] <= e && e - s < size) [best, size] = [i, e - s];
      }
      return best;
    };
    // an id that several requests share (a constant sent twice) ties them: one group
    const root = plan.requests.map((_, i) => i);
    const find = (r: number): number => (root[r] === r ? r : (root[r] = find(root[r]!)));
    const requestsOf = plan.findings.map((finding) => [...new Set([finding.range, ...(finding.callSites ?? []).map((site) => site.range)].map(requestOf).filter((r) => r >= 0))]);
    for (const requests of requestsOf) for (const r of requests.slice(1)) root[find(r)] = find(requests[0]!);
    const groups = new Map<number | string, CellFinding[]>();
    for (const [i, finding] of plan.findings.entries()) {
      const placed = toCell(finding);
      if (!placed) continue;
      const key = requestsOf[i]!.length > 0 ? find(requestsOf[i]![0]!) : `finding ${i}`;
      groups.set(key, [...(groups.get(key) ?? []), placed]);
    }
    // a request's findings may be in several cells (its model set in one, sent in the next): they stand or fall together
    const refused = new Set<number | string>();
    for (const [key, group] of groups) if (!keep(group)) refused.add(key);
    for (const link of plan.links) {
      const segment = segmentOf(link.range[0]);
      if (!segment) continue;
      const request = requestOf(link.range);
      // a value the request reads (an environment variable, a constant) must not change elsewhere while the request stays as it is
      const blocked = link.role === 'feeds' && request >= 0 && refused.has(find(request));
      links.push({ ...link, range: inFile(link.range), ...(blocked ? { role: 'blocks' as const, why: `cell ${segment.cell.index + 1} of a notebook reads it, in a request whose changes cannot be written into the notebook's lines` } : {}) });
    }
  }
  for (const cell of cells) {
    if (cell.kind !== 'markdown') continue;
    for (const finding of planNonCode('cell.md', cell.text, options) ?? []) keep([{ cell, finding, refused: null }]);
  }
  // what the cells' planners do not read (recorded outputs, cells of another language, metadata) is still in the report
  for (const mention of leftoverMentions(text, findings, (at) => notebookPlace(cells, at), options)) {
    const cell = cellAt(cells, mention.range[0]);
    findings.push(cell ? { ...mention, message: `cell ${cell.index + 1}: ${mention.message}` } : mention);
  }
  findings.sort((x, y) => x.range[0] - y.range[0]);
  const output = applyPlan(text, findings);
  if (output !== text) {
    // what was written must still be the same notebook: JSON, with every code cell still Python
    const check = notebookCells(output);
    for (const cell of check) {
      if (cell.kind !== 'code') continue;
      try {
        parsePython(maskMagics(cell.text));
      } catch (error) {
        if (!(error instanceof PythonSyntaxError)) throw error;
        const before = cells.find((c) => c.index === cell.index);
        let parsedBefore = true;
        try {
          if (before) parsePython(maskMagics(before.text));
        } catch {
          parsedBefore = false;
        }
        if (parsedBefore) return { findings, output: text, parsed: true, outputError: `the fix would not parse, so the file is left unchanged: cell ${cell.index + 1}: ${error.message}`, links };
      }
    }
  }
  return { findings, output, parsed: true, links };
}

/** The cell whose JSON object holds file offset `at`, if any. */
function cellAt(cells: readonly Cell[], at: number): Cell | undefined {
  return cells.find((c) => c.span[0] <= at && at < c.span[1]);
}

/** What a notebook's text at `at` is, for a mention no cell planner reported: a recorded output, a cell not read as Python, the notebook's metadata. */
function notebookPlace(cells: readonly Cell[], at: number): MentionPlace {
  const cell = cellAt(cells, at);
  if (!cell) return { role: 'stored-value', why: "it is in the notebook's metadata.", severity: 'info' };
  if (cell.outputs && cell.outputs[0] <= at && at < cell.outputs[1]) {
    return { role: 'stored-value', why: 'it is in the recorded output of the cell (what it printed when it last ran); run the cell again once its code has moved.', severity: 'info' };
  }
  if (cell.kind === 'raw') return { role: 'other', why: 'the cell is not read as Python (a raw cell, or a kernel of another language); check it by hand.', severity: 'warning' };
  if (cell.pieces.some((p) => p.start <= at && at < p.end)) return { role: 'other', why: 'the tool recognises no use of it here; check it by hand.', severity: 'warning' };
  return { role: 'stored-value', why: "it is in the cell's metadata or attachments.", severity: 'info' };
}

/** The cells of a notebook with where their source lines are in the file; ParseError when it is not a notebook's JSON. */
function notebookCells(text: string): Cell[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ParseError(`does not parse: not valid JSON, so the notebook is left alone (${message})`, 1, 1);
  }
  const language = notebookLanguage(parsed);
  const root = parseTree(text);
  const cellsNode = root ? childOf(root, 'cells') : undefined;
  if (!cellsNode || cellsNode.type !== 'array') throw new ParseError('does not parse: not a Jupyter notebook (no "cells" list), so it is left alone', 1, 1);
  const out: Cell[] = [];
  for (const [index, cellNode] of (cellsNode.children ?? []).entries()) {
    const type = childOf(cellNode, 'cell_type')?.value;
    const source = childOf(cellNode, 'source');
    if (!source) continue;
    const literals = source.type === 'array' ? (source.children ?? []).filter((n) => n.type === 'string') : source.type === 'string' ? [source] : [];
    const pieces = literals.map((node) => decodeLiteral(text, node.offset, node.offset + node.length));
    const kind = type === 'code' ? (language === 'python' ? 'code' : 'raw') : type === 'markdown' ? 'markdown' : 'raw';
    const outputs = childOf(cellNode, 'outputs');
    out.push({
      index,
      kind,
      pieces,
      isArray: source.type === 'array',
      text: pieces.map((p) => p.value).join(''),
      span: [cellNode.offset, cellNode.offset + cellNode.length],
      outputs: outputs ? [outputs.offset, outputs.offset + outputs.length] : null,
    });
  }
  return out;
}

function childOf(node: JsonNode, key: string): JsonNode | undefined {
  if (node.type !== 'object') return undefined;
  const property = node.children?.find((p) => p.children?.[0]?.value === key);
  return property?.children?.[1];
}

/** The kernel's language: `metadata.kernelspec.language` or `metadata.language_info.name`; Python when the notebook does not say. */
function notebookLanguage(notebook: unknown): string {
  const metadata = (notebook as { metadata?: { kernelspec?: { language?: unknown }; language_info?: { name?: unknown } } } | null)?.metadata;
  const language = metadata?.kernelspec?.language ?? metadata?.language_info?.name;
  return typeof language === 'string' ? language.toLowerCase() : 'python';
}

/** A JSON string literal's value, with the file offset of every decoded character. */
function decodeLiteral(text: string, start: number, end: number): Piece {
  let value = '';
  const offsets: number[] = [];
  let i = start + 1;
  while (i < end - 1) {
    offsets.push(i);
    if (text[i] !== '\\') {
      value += text[i];
      i++;
      continue;
    }
    const next = text[i + 1]!;
    if (next === 'u') {
      const unit = String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
      value += unit;
      i += 6;
    } else {
      value += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' } as Record<string, string>)[next] ?? next;
      i += 2;
    }
  }
  offsets.push(end - 1);
  return { start, end, value, offsets };
}

/** IPython's line magics and shell escapes (`%pip install openai`, `!ls`) blanked out, offsets kept, so the cell parses as Python. */
function maskMagics(code: string): string {
  return code.replace(/^([ \t]*)([%!?].*)$/gm, (_, indent: string, magic: string) => indent + ' '.repeat(magic.length));
}

/** The piece holding cell offset `at`, and the offset inside it (an offset at a piece's end stays in that piece, unless `starting`: then it is the next one's start). */
function locate(cell: Cell, at: number, starting = false): { piece: number; inner: number } {
  let base = 0;
  for (const [i, piece] of cell.pieces.entries()) {
    const last = i === cell.pieces.length - 1;
    if (at < base + piece.value.length || (at === base + piece.value.length && (!starting || last))) return { piece: i, inner: at - base };
    base += piece.value.length;
  }
  const last = cell.pieces.length - 1;
  return { piece: last, inner: cell.pieces[last]?.value.length ?? 0 };
}

function fileOffset(cell: Cell, at: number): number {
  const { piece, inner } = locate(cell, at);
  const found = cell.pieces[piece];
  return found ? found.offsets[inner]! : 0;
}

function mapRange(cell: Cell, range: readonly [number, number]): readonly [number, number] {
  return [fileOffset(cell, range[0]), fileOffset(cell, range[1])];
}

/**
 * The bindings of a finding whose request stays as it is: what it fed now
 * blocks (the shared value must not change elsewhere either); its ties to
 * the tests of its package go, as nothing here changes for them to check.
 */
function blocking(bindings: Finding['bindings']): Finding['bindings'] {
  if (!bindings) return undefined;
  return bindings.flatMap((b) => (b.key.startsWith('asserted') ? [] : [b.role === 'feeds' ? { ...b, role: 'blocks' as const } : b]));
}

/** A string as a JSON literal, quotes included: `\n`, `\"`, `\\` and control characters escaped; with `ascii`, every non-ASCII code unit too (`\u00e9`), as Python's json writes by default. */
function jsonString(value: string, ascii: boolean): string {
  const literal = JSON.stringify(value);
  return ascii ? literal.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`) : literal;
}

/** The code a finding is about, for a message: its first line, shortened. */
function culpritText(cell: Cell, range: readonly [number, number]): string {
  const code = cell.text.slice(range[0], range[1]).trim().split('\n')[0]!.trim();
  return `\`${code.length > 60 ? `${code.slice(0, 59)}…` : code}\``;
}

/**
 * A finding's cell edits as edits of the notebook file. A source written as
 * one string takes every edit inside that string, line breaks included
 * (escaped as JSON writes them). In a list of lines, an edit inside one line
 * is written inside that line's literal; one that adds or removes line
 * breaks rewrites the lines it touches, each line its own literal, as
 * nbformat writes them. Empty when the cell's source does not have that shape.
 */
function notebookEdits(cell: Cell, edits: readonly Edit[], text: string, ascii: boolean): Edit[] {
  const inside = (edit: Edit): Edit => ({ start: fileOffset(cell, edit.start), end: fileOffset(cell, edit.end), text: jsonString(edit.text, ascii).slice(1, -1) });
  if (!cell.isArray) return cell.pieces.length === 1 ? edits.map(inside) : [];
  const inline = edits.every((edit) => !edit.text.includes('\n') && locate(cell, edit.start).piece === locate(cell, edit.end).piece && !cell.text.slice(edit.start, edit.end).includes('\n'));
  if (inline) return edits.map(inside);
  if (cell.pieces.length === 0) return [];
  // the lines the edits touch, rewritten whole
  const lines = cell.pieces.map((p) => p.value);
  if (lines.some((line, i) => line.slice(0, -1).includes('\n') || (i < lines.length - 1 && !line.endsWith('\n')))) return [];
  const first = Math.min(...edits.map((e) => locate(cell, e.start, e.end > e.start).piece));
  const last = Math.max(...edits.map((e) => locate(cell, Math.max(e.start, e.end - 1)).piece));
  let startOffset = 0;
  for (let i = 0; i < first; i++) startOffset += lines[i]!.length;
  const oldSpan = lines.slice(first, last + 1).join('');
  const shifted = edits.map((e) => ({ ...e, start: e.start - startOffset, end: e.end - startOffset }));
  const newSpan = applyPlainEdits(oldSpan, shifted);
  const newLines = newSpan.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const separator = cell.pieces.length > 1 ? text.slice(cell.pieces[0]!.end, cell.pieces[1]!.start) : null;
  const from = cell.pieces[first]!;
  const to = cell.pieces[last]!;
  if (newLines.length > 0) {
    const sep = separator ?? `,\n${indentAt(text, from.start)}`;
    return [{ start: from.start, end: to.end, text: newLines.map((line) => jsonString(line, ascii)).join(sep) }];
  }
  // every touched line goes: with the separator after it, or before it for the last lines
  if (last + 1 < cell.pieces.length) return [{ start: from.start, end: cell.pieces[last + 1]!.start, text: '' }];
  if (first > 0) return [{ start: cell.pieces[first - 1]!.end, end: to.end, text: '' }];
  return [{ start: from.start, end: to.end, text: '' }];
}

function applyPlainEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}
