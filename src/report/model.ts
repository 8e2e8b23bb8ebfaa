/**
 * The report: what audit prints and what `--format json` serialises. A
 * finding here is the planner's finding placed in a file (line, column) and
 * stripped of offsets. `schema/report.schema.json` documents the JSON form;
 * a field added here is added there (the tests validate every format's
 * source report against it).
 */
import type { Severity, SurfaceId } from '../catalog/index.js';
import type { CallSite, Finding, Role, RuleId } from '../plan/planner.js';
import { changePreview, LineIndex } from '../text/edits.js';
import type { CostReport } from './cost.js';
import type { FixResult } from './fix.js';

/** Bumped when a field is removed or changes meaning; additions keep it. */
export const SCHEMA_VERSION = 1;

/** A 1-based span in a file (columns in UTF-16 code units, as JavaScript counts). */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** One text edit `fix` applies, placed: replace the span with `text`. */
export interface PlacedEdit extends Span {
  readonly text: string;
}

/** An image request an API-argument finding changes, with what sets its price. */
/** A call site as the planner describes it, placed in its file (where the request object starts). */
export type ReportCallSite = Omit<CallSite, 'range'> & {
  readonly line: number;
  readonly column: number;
};

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
  /** For a manual item: the change a person may choose (an editor suggestion), or null. */
  readonly suggestion: string | null;
  /** The source lines of the finding (at most SNIPPET_LINES, each at most SNIPPET_WIDTH characters). */
  readonly snippet: { readonly line: number; readonly text: string };
  /** Auto items: the edits `fix` applies (empty for manual items). */
  readonly edits: readonly PlacedEdit[];
  /** API arguments: the requests this id is the model of (what the cost section prices). */
  readonly callSites?: readonly ReportCallSite[];
  /** When other files decided it (a shared environment variable, an exported constant, an id a test asserts): that value, in words. */
  readonly decidedBy?: string;
  /** Merged reports: the repository the finding came from. */
  readonly repository?: string;
}

export interface ReportError {
  readonly file: string;
  readonly message: string;
  /** Merged reports: the repository the file belongs to. */
  readonly repository?: string;
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
  /** The repository's name (`audit --name`); reports fall back to the root's basename. */
  readonly name?: string;
  /** Prefix for file links in markdown and HTML (`audit --link-base`), e.g. a blob URL. */
  readonly linkBase?: string;
  /** Cost per call site before and after, from the price tables (added by `audit`). */
  readonly cost?: CostReport;
  /** Shutdown dates that replaced the catalog's for severity (`audit --dates live`, a `--catalog` file), by model id. */
  readonly dates?: { readonly from: string; readonly shutdownDates: Readonly<Record<string, string>> };
  /** Merged reports: one entry per input report. */
  readonly repositories?: readonly RepositoryEntry[];
  /** `fix --format json` only: what the run did to each file. */
  readonly fix?: FixResult;
  /** The type-check of what fix changes (absent with --no-verify, or when nothing would change). */
  readonly verification?: {
    readonly files: number;
    readonly projects: number;
    readonly ms: number;
    /** Files left alone because their edits would add type errors (their findings say which). */
    readonly rolledBack: readonly string[];
    /** Changed files that could not be checked, by reason. */
    readonly unchecked: readonly { readonly reason: string; readonly files: number }[];
  };
}

/** One repository of a merged report. */
export interface RepositoryEntry {
  readonly name: string;
  readonly root: string;
  readonly now: string;
  readonly target: string;
  readonly linkBase?: string;
  readonly summary: ReportSummary;
}

/** A report with its cost section: what every formatter except `text` expects. */
export type PricedReport = Report & { readonly cost: CostReport };

/** Snippet limits: enough to recognise the code, never a whole file. */
export const SNIPPET_LINES = 6;
export const SNIPPET_WIDTH = 240;

/** The name a report goes by: `--name`, else the basename of its root. */
export function reportName(report: Pick<Report, 'name' | 'root'>): string {
  if (report.name) return report.name;
  const parts = report.root.split(/[\\/]/).filter(Boolean);
  return parts.at(-1) ?? (report.root || 'report');
}

/** Places a file's findings: offsets → line/column, edits → before/after text. */
export function placeFindings(file: string, text: string, findings: readonly Finding[]): ReportFinding[] {
  if (findings.length === 0) return [];
  const lines = new LineIndex(text);
  let sourceLines: string[] | null = null;
  const snippet = (line: number, endLine: number) => snippetOf((sourceLines ??= text.split(/\r?\n/)), line, endLine);
  const span = (start: number, end: number): Span => {
    const a = lines.position(start);
    const b = lines.position(end);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };
  return findings.map((finding) => {
    const start = lines.position(finding.range[0]);
    const end = lines.position(finding.range[1]);
    const callSites = finding.callSites?.map((site): ReportCallSite => {
      const at = lines.position(site.range[0]);
      return {
        line: at.line,
        column: at.column,
        surface: site.surface,
        modelBefore: site.modelBefore,
        modelAfter: site.modelAfter,
        quality: site.quality,
        size: site.size,
        n: site.n,
        resolutionAfter: site.resolutionAfter,
      };
    });
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
      suggestion: finding.fix === 'manual' ? (finding.suggestion?.description ?? null) : null,
      snippet: snippet(start.line, end.column === 1 && end.line > start.line ? end.line - 1 : end.line),
      edits: finding.fix === 'auto' ? finding.edits.map((edit) => ({ ...span(edit.start, edit.end), text: edit.text })) : [],
      ...(callSites ? { callSites } : {}),
      ...(finding.decidedBy ? { decidedBy: finding.decidedBy } : {}),
    };
  });
}

/** The finding's own lines, never their neighbours (a neighbour may hold a secret). */
function snippetOf(all: readonly string[], line: number, endLine: number): ReportFinding['snippet'] {
  const last = Math.min(endLine, line + SNIPPET_LINES - 1);
  const shown = all.slice(line - 1, last).map((l) => (l.length > SNIPPET_WIDTH ? `${l.slice(0, SNIPPET_WIDTH - 1)}…` : l));
  if (last < endLine) shown.push('…');
  return { line, text: shown.join('\n') };
}

function changeOf(text: string, finding: Finding): ReportFinding['change'] {
  const edits = finding.fix === 'auto' ? finding.edits : (finding.suggestion?.edits ?? []);
  if (edits.length === 0) return null;
  // a notebook's bytes are JSON: its plan says what the cell's code reads before and after
  return finding.preview ?? changePreview(text, finding.range, edits);
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
