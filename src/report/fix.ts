/**
 * What `fix` did, file by file: the short summary it prints on stderr (file,
 * its automatic changes, what is left for a person) and the `fix` section of
 * `fix --format json` (schema/report.schema.json, `#/definitions/fix`).
 */
import type { Report } from './model.js';

export interface FixFile {
  /** Relative to the scanned root, `/` separators (as the report's findings). */
  readonly file: string;
  /** Its text was changed: written, or with --dry-run, would be. */
  readonly changed: boolean;
  /** Written to disk (never with --dry-run). */
  readonly written: boolean;
  /** Automatic changes made in it (the `auto` findings of a changed file; 0 when it was left as it was). */
  readonly changes: number;
  /** Its findings left for a person (`manual`). */
  readonly manual: number;
  /** Why a file with something to change was left as it was: the type-check, or the error that stopped it. */
  readonly leftUnchanged?: string;
}

export interface FixResult {
  readonly dryRun: boolean;
  readonly filesChanged: number;
  readonly changes: number;
  readonly manual: number;
  /** Every file with a finding or a change, in the report's order. */
  readonly files: readonly FixFile[];
}

/** The per-file result of a fix run, from its report and the files it changed. */
export function fixResult(report: Report, changed: readonly { readonly file: string; readonly written: boolean }[], dryRun: boolean): FixResult {
  const byFile = new Map<string, { auto: number; manual: number }>();
  const entry = (file: string) => byFile.get(file) ?? byFile.set(file, { auto: 0, manual: 0 }).get(file)!;
  for (const finding of report.findings) entry(finding.file)[finding.fix]++;
  const changes = new Map(changed.map((c) => [c.file, c]));
  for (const c of changed) entry(c.file);
  const errors = new Map(report.errors.map((e) => [e.file, e.message]));
  const rolledBack = new Set(report.verification?.rolledBack ?? []);

  const files: FixFile[] = [...byFile].map(([file, counts]) => {
    const change = changes.get(file);
    const why = !change ? (errors.get(file) ?? (rolledBack.has(file) ? 'its edits would add type errors; its findings name them' : undefined)) : undefined;
    return {
      file,
      changed: change !== undefined,
      written: change?.written ?? false,
      changes: change ? counts.auto : 0,
      manual: counts.manual,
      ...(why ? { leftUnchanged: why } : {}),
    };
  });
  return {
    dryRun,
    filesChanged: changed.length,
    changes: files.reduce((n, f) => n + f.changes, 0),
    manual: files.reduce((n, f) => n + f.manual, 0),
    files,
  };
}

/** The longest per-file list printed; the rest is counted (every file is in `--format json`). */
export const FIX_SUMMARY_FILES = 50;

/** One line a file: `src/a.ts  changed: 2 automatic changes, 1 left for a person`. */
export function fixSummaryLines(result: FixResult, max = FIX_SUMMARY_FILES): string {
  const shown = result.files.slice(0, max);
  const width = Math.min(60, Math.max(0, ...shown.map((f) => f.file.length)));
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = shown.map((f) => {
    const state = f.changed ? (result.dryRun ? 'would change' : 'changed') : f.leftUnchanged ? `left unchanged (${f.leftUnchanged})` : 'unchanged';
    const parts = [f.changes > 0 ? plural(f.changes, 'automatic change') : '', f.manual > 0 ? `${f.manual} left for a person` : ''].filter(Boolean);
    return `  ${f.file.padEnd(width)}  ${state}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
  });
  if (result.files.length > max) lines.push(`  … and ${plural(result.files.length - max, 'more file')} (every file: --format json)`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
