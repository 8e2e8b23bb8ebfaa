/**
 * `report merge`: many repositories' JSON reports as one, for a platform
 * team. Each finding, error and skipped path keeps the repository it came
 * from (the report's `name`, else its root's basename); counts are summed,
 * the cost is priced again from the call sites with one set of tables, and
 * deadlines are stated as of the latest audit date. A merged report is a
 * report like any other (same schema), so merges can be merged again.
 */
import { packageInfo as pkg } from '../package-info.js';
import { withCost, type PriceBook } from './cost.js';
import { reportName, SCHEMA_VERSION, summarise, type PricedReport, type RepositoryEntry, type Report, type ReportError, type ReportFinding } from './model.js';

/** A report as read from its file, or why it could not be read. */
export type MergeInput = { readonly file: string; readonly data: unknown } | { readonly file: string; readonly problem: string };

export interface MergeResult {
  readonly report: PricedReport;
  /** Inputs that are not reports this version reads (also listed in the merged report's `errors`). */
  readonly rejected: readonly ReportError[];
}

export interface MergeOptions {
  /** The date deadlines are stated for (YYYY-MM-DD); default: the latest audit date among the inputs. */
  readonly now?: string;
}

export function mergeReports(inputs: readonly MergeInput[], prices: PriceBook, options: MergeOptions = {}): MergeResult {
  const rejected: ReportError[] = [];
  const repositories: RepositoryEntry[] = [];
  const findings: ReportFinding[] = [];
  const errors: ReportError[] = [];
  const skipped: ReportError[] = [];
  const taken = new Set<string>();
  const unique = (name: string): string => {
    let candidate = name;
    for (let i = 2; taken.has(candidate); i++) candidate = `${name} (${i})`;
    taken.add(candidate);
    return candidate;
  };

  for (const input of inputs) {
    const problem = 'problem' in input ? input.problem : checkReport(input.data);
    if (problem !== null || 'problem' in input) {
      rejected.push({ file: input.file, message: problem ?? 'unreadable' });
      continue;
    }
    const report = input.data as Report;
    if (report.repositories) {
      // a merged report: keep its repositories, renamed only on a clash
      const renamed = new Map<string, string>();
      for (const repo of report.repositories) {
        const name = unique(repo.name);
        renamed.set(repo.name, name);
        repositories.push({ ...repo, name });
      }
      const nameOf = (r: string | undefined) => renamed.get(r ?? '') ?? unique(r ?? reportName(report));
      for (const f of report.findings) findings.push({ ...normalise(f), repository: nameOf(f.repository) });
      for (const e of report.errors) errors.push({ ...e, repository: nameOf(e.repository) });
      for (const e of report.skipped) skipped.push({ ...e, repository: nameOf(e.repository) });
      continue;
    }
    const name = unique(reportName(report));
    repositories.push({
      name,
      root: report.root,
      now: report.now,
      target: report.target,
      ...(report.linkBase ? { linkBase: report.linkBase } : {}),
      summary: report.summary,
    });
    for (const f of report.findings) findings.push({ ...normalise(f), repository: name });
    for (const e of report.errors) errors.push({ ...e, repository: name });
    for (const e of report.skipped) skipped.push({ ...e, repository: name });
  }

  const allErrors = [...errors, ...rejected.map((r) => ({ ...r, repository: '(merge input)' }))];
  const sum = (pick: (r: RepositoryEntry) => number) => repositories.reduce((total, r) => total + pick(r), 0);
  const summary = {
    ...summarise(findings, allErrors, {
      filesScanned: sum((r) => r.summary.filesScanned),
      filesParsed: sum((r) => r.summary.filesParsed),
      filesChanged: sum((r) => r.summary.filesChanged),
    }),
    filesWithFindings: new Set(findings.map((f) => `${f.repository}\0${f.file}`)).size,
  };
  const nows = repositories.map((r) => r.now).sort();
  const targets = [...new Set(repositories.map((r) => r.target))];
  const first = inputs.map((i) => ('data' in i ? i.data : null)).find((d): d is Report => checkReport(d) === null);
  const merged: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: pkg.name, version: pkg.version },
    now: options.now ?? nows.at(-1) ?? new Date().toISOString().slice(0, 10),
    target: targets.join(', ') || 'gpt-image-2',
    tierMap: first?.tierMap ?? {},
    root: '',
    name: `${repositories.length} repositor${repositories.length === 1 ? 'y' : 'ies'}`,
    findings,
    errors: allErrors,
    skipped,
    summary,
    repositories,
  };
  return { report: withCost(merged, prices), rejected };
}

/** Fields that reports of an earlier 0.x release did not carry get their empty value. */
function normalise(f: ReportFinding): ReportFinding {
  return {
    ...f,
    change: f.change ?? null,
    suggestion: f.suggestion ?? null,
    snippet: f.snippet ?? { line: f.line, text: '' },
    edits: f.edits ?? [],
  };
}

/** Why this is not a report `merge` reads, or null. Checks the shape the merge relies on, not every field. */
export function checkReport(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'not a JSON report (expected an object from `audit --format json`)';
  const r = data as Record<string, unknown>;
  if (typeof r.schemaVersion !== 'number') return 'not a gpt-image-migrate JSON report (no schemaVersion)';
  if (r.schemaVersion > SCHEMA_VERSION) return `schemaVersion ${r.schemaVersion} is newer than this version of gpt-image-migrate reads (${SCHEMA_VERSION}): upgrade it`;
  if (r.schemaVersion < 1) return `schemaVersion ${r.schemaVersion} is not a known report version`;
  for (const key of ['findings', 'errors', 'skipped'] as const) if (!Array.isArray(r[key])) return `'${key}' is missing or not a list`;
  if (typeof r.root !== 'string' || typeof r.now !== 'string' || typeof r.target !== 'string') return "'root', 'now' or 'target' is missing";
  if (typeof r.summary !== 'object' || r.summary === null) return "'summary' is missing";
  const bad = (r.findings as unknown[]).findIndex(
    (f) => typeof f !== 'object' || f === null || typeof (f as ReportFinding).file !== 'string' || typeof (f as ReportFinding).line !== 'number' || typeof (f as ReportFinding).severity !== 'string',
  );
  if (bad >= 0) return `findings[${bad}] is not a finding (file, line, severity)`;
  return null;
}
