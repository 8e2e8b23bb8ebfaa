/**
 * What every human-facing format (markdown, HTML, text) says the same way:
 * deadlines, surface names, money, counts, links. One place, so the formats
 * cannot disagree on a number or a word.
 */
import { deadlineOf, matchRetiredId, surfaceInfo, type Severity } from '../catalog/index.js';
import { describeRole, type Role } from '../plan/planner.js';
import { byCodeUnits } from '../text/order.js';
import type { CostReport, CostTotals } from './cost.js';
import { reportName, type Report, type ReportFinding, type ReportSummary } from './model.js';

export const severities: readonly Severity[] = ['error', 'warning', 'info'];

/** A retired model the report found, with its deadline relative to the report's `now`. */
export interface ModelDeadline {
  readonly model: string;
  readonly shutdownDate: string;
  readonly shutDown: boolean;
  /** Positive: days since the shutdown; negative: days until it. */
  readonly daysAgo: number;
  /** The catalog's words: "shut down on 2026-10-23 (29 days ago): these calls fail today", "shuts down on 2026-12-01 (in 10 days)". */
  readonly text: string;
  readonly findings: number;
  /** Where the date comes from: the catalog's public source, or what replaced it (`--dates live`, a catalog file). */
  readonly source: { readonly title: string; readonly url: string | null; readonly retrieved: string | null };
}

/** One line per retired model found, the most urgent (longest dead) first. */
export function deadlines(report: Pick<Report, 'findings' | 'now' | 'dates'>): ModelDeadline[] {
  const now = new Date(`${report.now}T00:00:00Z`);
  const byModel = new Map<string, { model: ReturnType<typeof matchRetiredId>; count: number }>();
  for (const finding of report.findings) {
    const match = finding.model ? matchRetiredId(finding.model) : null;
    if (!match) continue;
    const entry = byModel.get(match.model.id) ?? { model: match, count: 0 };
    entry.count++;
    byModel.set(match.model.id, entry);
  }
  return [...byModel.values()]
    .map(({ model, count }) => {
      const dates = report.dates?.shutdownDates ?? {};
      const deadline = deadlineOf(model!.model, now, dates);
      const ref = model!.model.source.refs[0];
      const source = dates[model!.model.id]
        ? { title: `replaced by ${report.dates!.from}`, url: /^https?:\/\//.test(report.dates!.from) ? report.dates!.from : null, retrieved: null }
        : { title: ref.title, url: ref.url, retrieved: ref.retrieved };
      return { model: model!.model.id, shutdownDate: dates[model!.model.id] ?? model!.model.shutdownDate, source, shutDown: deadline.shutDown, daysAgo: deadline.daysAgo, text: deadline.text, findings: count };
    })
    .sort((a, b) => b.daysAgo - a.daysAgo || byCodeUnits(a.model, b.model));
}

export function surfaceLabel(surface: string): string {
  return surfaceInfo(surface).label;
}

export function roleLabel(role: Role): string {
  return describeRole(role);
}

/** Per-image prices have up to five decimals (UniAll's 0.01836); never fewer than two. */
export function money(value: number): string {
  const fixed = value.toFixed(5).replace(/0+$/, '');
  const [whole, fraction = ''] = fixed.split('.');
  return `$${whole}.${fraction.padEnd(2, '0')}`;
}

/** `+$0.044 (+26%)`, `−$0.01 (−20%)`, `±$0`. */
export function moneyDelta(before: number, after: number): string {
  const diff = Math.round((after - before) * 1e6) / 1e6;
  if (diff === 0) return '±$0';
  const sign = diff > 0 ? '+' : '−';
  const percent = before > 0 ? ` (${sign}${Math.round((Math.abs(diff) / before) * 100)}%)` : '';
  return `${sign}${money(Math.abs(diff))}${percent}`;
}

/** Counts of findings by surface and severity, with auto/manual, surfaces by count. */
export interface SurfaceRow {
  readonly surface: string;
  readonly label: string;
  readonly total: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly auto: number;
  readonly manual: number;
}

export function countsBySurface(findings: readonly ReportFinding[]): SurfaceRow[] {
  const rows = new Map<string, { total: number; bySeverity: Record<Severity, number>; auto: number; manual: number }>();
  for (const f of findings) {
    const row = rows.get(f.surface) ?? { total: 0, bySeverity: { error: 0, warning: 0, info: 0 }, auto: 0, manual: 0 };
    row.total++;
    row.bySeverity[f.severity]++;
    row[f.fix]++;
    rows.set(f.surface, row);
  }
  return [...rows.entries()]
    .map(([surface, row]) => ({ surface, label: surfaceLabel(surface), ...row }))
    .sort((a, b) => b.total - a.total || byCodeUnits(a.label, b.label));
}

/** Counts of findings by role (what the occurrence is for the code). */
export function countsByRole(findings: readonly ReportFinding[]): { role: Role; label: string; auto: number; manual: number; total: number }[] {
  const rows = new Map<Role, { auto: number; manual: number; total: number }>();
  for (const f of findings) {
    const row = rows.get(f.role) ?? { auto: 0, manual: 0, total: 0 };
    row.total++;
    row[f.fix]++;
    rows.set(f.role, row);
  }
  return [...rows.entries()].map(([role, row]) => ({ role, label: roleLabel(role), ...row })).sort((a, b) => b.total - a.total);
}

/**
 * Where a finding's file lives: `linkBase` + path + `#L<line>`, else the
 * path relative to the report (a single repository's report sits at its
 * root); null in a merged report for a repository without a link base.
 */
export function fileLink(report: Report, finding: Pick<ReportFinding, 'file' | 'line' | 'repository'>): string | null {
  const base = finding.repository !== undefined ? report.repositories?.find((r) => r.name === finding.repository)?.linkBase : report.linkBase;
  const href = `${finding.file.split('/').map(encodeURIComponent).join('/')}#L${finding.line}`;
  if (!base) return finding.repository !== undefined ? null : href;
  return base.endsWith('/') ? base + href : `${base}/${href}`;
}

/** `repo · file:line` in merged reports, `file:line` otherwise. */
export function where(finding: Pick<ReportFinding, 'file' | 'line' | 'repository'>): string {
  return `${finding.repository !== undefined ? `${finding.repository} · ` : ''}${finding.file}:${finding.line}`;
}

/** The report's title: the repository's name, or "N repositories". */
export function titleOf(report: Report): string {
  if (report.repositories) return `${report.repositories.length} repositor${report.repositories.length === 1 ? 'y' : 'ies'}`;
  return reportName(report);
}

/** One sentence for the top of a report; `code` formats the command name for the format at hand. */
export function headline(summary: ReportSummary, code: (text: string) => string = (t) => t): string {
  const s = summary;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    `${plural(s.findings, 'finding')} in ${plural(s.filesWithFindings, 'file')} ` +
    `(${plural(s.bySeverity.error, 'error')}, ${plural(s.bySeverity.warning, 'warning')}, ${s.bySeverity.info} info): ` +
    `${s.byFix.auto} fixed automatically by ${code('gpt-image-migrate fix')}, ${s.byFix.manual} for a person to decide.`
  );
}

/** The part of a manual finding's message that says why a person decides. */
export function reasonOf(finding: Pick<ReportFinding, 'message' | 'fix'>): string {
  const at = finding.message.indexOf('Not rewritten: ');
  return at >= 0 ? finding.message.slice(at + 'Not rewritten: '.length) : finding.message;
}

/** "What the price rests on" notes for a cost section. */
export function costNotes(cost: CostReport): string[] {
  const notes = [...cost.assumptions];
  const unpriced = cost.callSites.filter((s) => s.before.perImage === null || s.after.perImage === null);
  if (unpriced.length > 0) notes.push(`${unpriced.length} call site${unpriced.length === 1 ? ' is' : 's are'} not in the totals: ${[...new Set(unpriced.flatMap((s) => [s.before.unpriced, s.after.unpriced]).filter(Boolean))].join('; ')}`);
  return notes;
}

export function totalsRow(t: CostTotals): { before: string; after: string; change: string } {
  return { before: money(t.before), after: money(t.after), change: moneyDelta(t.before, t.after) };
}
