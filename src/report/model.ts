/**
 * The report: what audit prints and what `--format json` serialises. A
 * finding here is the planner's finding placed in a file (line, column) and
 * stripped of offsets.
 */
import type { Severity, SurfaceId } from '../catalog/index.js';
import type { Finding, Role, RuleId } from '../plan/planner.js';
import { applyEdits, LineIndex } from '../text/edits.js';

export const SCHEMA_VERSION = 1;

export interface ReportFinding {
  /** Relative to the scanned root, `/` separators. */
  readonly file: string;
  /** 1-based, where the finding starts. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly rule: RuleId;
  readonly severity: Severity;
  /** The retired id, or null (a param finding on a current model). */
  readonly model: string | null;
  readonly surface: SurfaceId;
  /** "auto": `fix` changes it; "manual": a person decides (the reason is in `message`). */
  readonly fix: 'auto' | 'manual';
  readonly role: Role;
  readonly message: string;
  /** The planned change, as before → after text. */
  readonly change: { readonly before: string; readonly after: string } | null;
}

export interface ReportError {
  readonly file: string;
  readonly message: string;
}

export interface ReportSummary {
  readonly filesScanned: number;
  readonly filesParsed: number;
  readonly filesWithFindings: number;
  readonly filesChanged: number;
  readonly findings: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly byFix: Readonly<Record<'auto' | 'manual', number>>;
  readonly byRule: Readonly<Record<string, number>>;
  readonly bySurface: Readonly<Record<string, number>>;
  readonly errors: number;
}

export interface Report {
  readonly schemaVersion: number;
  readonly tool: { readonly name: string; readonly version: string };
  readonly now: string;
  readonly target: string;
  readonly tierMap: Readonly<Record<string, string>>;
  readonly root: string;
  readonly findings: readonly ReportFinding[];
  readonly errors: readonly ReportError[];
  /** Paths passed over on purpose, with the reason (not errors). */
  readonly skipped: readonly ReportError[];
  readonly summary: ReportSummary;
}

/** Places a file's findings: offsets → line/column, edits → before/after text. */
export function placeFindings(file: string, text: string, findings: readonly Finding[]): ReportFinding[] {
  if (findings.length === 0) return [];
  const lines = new LineIndex(text);
  return findings.map((finding) => {
    const start = lines.position(finding.range[0]);
    const end = lines.position(finding.range[1]);
    return {
      file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      rule: finding.rule,
      severity: finding.severity,
      model: finding.model,
      surface: finding.surface,
      fix: finding.fix,
      role: finding.role,
      message: finding.message,
      change: changeOf(text, finding),
    };
  });
}

function changeOf(text: string, finding: Finding): ReportFinding['change'] {
  const edits = finding.fix === 'auto' ? finding.edits : (finding.suggestion?.edits ?? []);
  if (edits.length === 0) return null;
  const start = Math.min(finding.range[0], ...edits.map((e) => e.start));
  const end = Math.max(finding.range[1], ...edits.map((e) => e.end));
  const before = text.slice(start, end);
  const after = applyEdits(before, edits.map((e) => ({ start: e.start - start, end: e.end - start, text: e.text })));
  return { before: before.trim(), after: after.trim() };
}

export function summarise(
  findings: readonly ReportFinding[],
  errors: readonly ReportError[],
  counts: { filesScanned: number; filesParsed: number; filesChanged: number },
): ReportSummary {
  const count = <K extends string>(keys: readonly K[], pick: (f: ReportFinding) => string): Record<K, number> => {
    const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
    for (const f of findings) {
      const key = pick(f) as K;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  };
  return {
    ...counts,
    filesWithFindings: new Set(findings.map((f) => f.file)).size,
    findings: findings.length,
    bySeverity: count(['error', 'warning', 'info'], (f) => f.severity),
    byFix: count(['auto', 'manual'], (f) => f.fix),
    byRule: count([], (f) => f.rule),
    bySurface: count([], (f) => f.surface),
    errors: errors.length,
  };
}
