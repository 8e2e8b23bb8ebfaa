/**
 * The report as GitHub-flavoured Markdown, for a pull request or an issue:
 * the headline, deadlines, counts by surface and severity, the cost table,
 * a checklist of what a person must decide (with file links), and the
 * automatic changes folded away. Long lists are cut at `maxItems` so a
 * comment stays under GitHub's 65,536 characters.
 */
import { costNotes, countsBySurface, deadlines, fileLink, headline, money, moneyDelta, reasonOf, roleLabel, severities, surfaceLabel, titleOf, totalsRow, where } from './present.js';
import type { PricedReport, ReportError, ReportFinding } from './model.js';

export interface MarkdownOptions {
  /** The longest list printed in full (checklist, changes, call sites); the rest is counted. */
  readonly maxItems?: number;
}

export function formatMarkdown(report: PricedReport, options: MarkdownOptions = {}): string {
  const max = options.maxItems ?? 200;
  const s = report.summary;
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);

  push(`# Image model migration: ${text(titleOf(report))}`, '');
  push(`**${headline(s, code)}**`, '');
  push(
    `Scanned ${s.filesScanned} file${s.filesScanned === 1 ? '' : 's'} (${s.filesParsed} parsed as code) on ${report.now}; calls move to ${code(report.target)}.` +
      (s.errors > 0 ? ` ${s.errors} file${s.errors === 1 ? '' : 's'} could not be processed (listed below).` : ''),
    '',
  );

  if (report.repositories) {
    push('## Repositories', '');
    push(row('repository', 'findings', 'error', 'warning', 'info', 'auto', 'manual', 'not processed'), row('---', '--:', '--:', '--:', '--:', '--:', '--:', '--:'));
    for (const repo of report.repositories) {
      const r = repo.summary;
      push(row(text(repo.name), r.findings, r.bySeverity.error, r.bySeverity.warning, r.bySeverity.info, r.byFix.auto, r.byFix.manual, r.errors));
    }
    push('');
  }

  const models = deadlines(report);
  if (models.length > 0) {
    push('## Deadlines', '');
    push(row('model', 'shutdown', 'status', 'findings', 'source of the date'), row('---', '---', '---', '--:', '---'));
    for (const m of models) {
      const source = m.source.url ? `[${text(m.source.title)}](${m.source.url})${m.source.retrieved ? ` (read ${m.source.retrieved})` : ''}` : text(m.source.title);
      push(row(code(m.model), m.shutdownDate, `${m.shutDown ? '⛔' : '⏳'} ${text(m.text)}`, m.findings, source));
    }
    push('');
  }

  push('## Findings by surface and severity', '');
  push(row('surface', 'error', 'warning', 'info', 'auto', 'manual', 'total'), row('---', '--:', '--:', '--:', '--:', '--:', '--:'));
  for (const r of countsBySurface(report.findings)) {
    push(row(text(r.label), r.bySeverity.error, r.bySeverity.warning, r.bySeverity.info, r.auto, r.manual, r.total));
  }
  push(row('**total**', ...severities.map((sev) => `**${s.bySeverity[sev]}**`), `**${s.byFix.auto}**`, `**${s.byFix.manual}**`, `**${s.findings}**`), '');

  const dependencies = report.findings.filter((f) => f.role === 'dependency');
  if (dependencies.length > 0) {
    push(`## Dependencies that block gpt-image-2 (${dependencies.length})`, '');
    for (const f of dependencies.slice(0, max)) push(`- **${f.severity}** ${link(report, f)}: ${text(f.message)}`);
    push(...more(dependencies.length, max), '');
  }

  push(...costSection(report, max));

  const manual = report.findings.filter((f) => f.fix === 'manual');
  push(`## For a person to decide (${manual.length})`, '');
  if (manual.length === 0) push('Nothing: `gpt-image-migrate fix` handles every finding.', '');
  for (const f of manual.slice(0, max)) {
    const model = f.model ? ` · ${code(f.model)}` : '';
    push(`- [ ] **${f.severity}** ${link(report, f)} · ${text(roleLabel(f.role))}${model}: ${text(reasonOf(f))}`);
    if (f.suggestion) push(`  <br>Suggested: ${text(f.suggestion)}${f.change ? ` (${code(oneLine(f.change.before))} → ${code(oneLine(f.change.after))})` : ''}`);
  }
  push(...more(manual.length, max), '');

  const auto = report.findings.filter((f) => f.fix === 'auto');
  if (auto.length > 0) {
    push(`## Changed by \`gpt-image-migrate fix\` (${auto.length})`, '');
    push(`<details><summary>${auto.length} automatic change${auto.length === 1 ? '' : 's'}</summary>`, '');
    push(row('where', 'role', 'before', 'after'), row('---', '---', '---', '---'));
    for (const f of auto.slice(0, max)) {
      push(row(link(report, f), text(roleLabel(f.role)), f.change ? code(oneLine(f.change.before)) : '', f.change ? (oneLine(f.change.after) ? code(oneLine(f.change.after)) : '*(removed)*') : text(f.message)));
    }
    push(...more(auto.length, max), '', '</details>', '');
  }

  if (report.errors.length > 0) {
    push(`## Files that could not be processed (${report.errors.length})`, '');
    push(...problemTable(report.errors, 'reason', max), '');
  }
  if (report.skipped.length > 0) {
    push(`## Skipped on purpose (${report.skipped.length})`, '');
    push(...problemTable(report.skipped, 'why', max), '');
  }

  push('---', `<sub>${text(`${report.tool.name} ${report.tool.version} · now ${report.now} · target ${report.target} · tier map ${Object.entries(report.tierMap).map(([q, t]) => `${q}=${t}`).join(',')}`)}</sub>`, '');
  return out.join('\n');
}

function costSection(report: PricedReport, max: number): string[] {
  const cost = report.cost;
  const out = ['## Cost per image, before → after', ''];
  if (cost.callSites.length === 0) return [...out, 'No call site with a retired model to price.', ''];
  out.push(row('call site', 'surface', 'model', 'quality · size · images', 'before', 'after', 'change'), row('---', '---', '---', '---', '--:', '--:', '--:'));
  for (const site of cost.callSites.slice(0, max)) {
    const params = [site.before.quality ?? '', site.before.size ?? '', `${site.images}`].filter(Boolean).join(' · ');
    const after = site.after.tier ? `${money0(site.after.perImage)} (${site.after.tier})` : money0(site.after.perImage);
    const change = site.before.perImage !== null && site.after.perImage !== null ? moneyDelta(site.before.perImage, site.after.perImage) : 'not priced';
    out.push(row(link(report, site), text(surfaceLabel(site.surface)), `${code(site.before.model)} → ${code(site.after.model)}`, text(params), money0(site.before.perImage), after, change));
  }
  out.push(...more(cost.callSites.length, max), '');
  out.push('Totals, each priced call site called once (price per image × images per call):', '');
  out.push(row('surface', 'call sites', 'priced', 'before', 'after', 'change'), row('---', '--:', '--:', '--:', '--:', '--:'));
  for (const [surface, t] of Object.entries(cost.bySurface)) {
    const r = totalsRow(t);
    out.push(row(text(surfaceLabel(surface)), t.callSites, t.priced, r.before, r.after, r.change));
  }
  const total = totalsRow(cost.total);
  out.push(row('**total**', `**${cost.total.callSites}**`, `**${cost.total.priced}**`, `**${total.before}**`, `**${total.after}**`, `**${total.change}**`), '');
  out.push(
    `Prices in USD per image from ${cost.overrides ? `${code(cost.overrides)} over the built-in tables` : "the reference's tables"}:`,
    ...cost.tables.map((t) => `- ${code(t.key)}: ${text(t.source)} (${t.date}${t.origin === 'built-in' ? '' : `, from ${t.origin}`})`),
    '',
  );
  const notes = costNotes(cost);
  if (notes.length > 0) out.push('Assumptions:', ...notes.map((n) => `- ${text(n)}`), '');
  return out;
}

function money0(value: number | null): string {
  return value === null ? '—' : money(value);
}

function problemTable(problems: readonly ReportError[], header: string, max: number): string[] {
  const merged = problems.some((p) => p.repository !== undefined);
  const out = merged ? [row('repository', 'file', header), row('---', '---', '---')] : [row('file', header), row('---', '---')];
  for (const p of problems.slice(0, max)) out.push(merged ? row(text(p.repository ?? ''), code(p.file), text(p.message)) : row(code(p.file), text(p.message)));
  return [...out, ...more(problems.length, max)];
}

function more(count: number, max: number): string[] {
  return count > max ? ['', `… and ${count - max} more: see the JSON or HTML report.`] : [];
}

function link(report: PricedReport, f: Pick<ReportFinding, 'file' | 'line' | 'repository'>): string {
  const href = fileLink(report, f);
  return href === null ? text(where(f)) : `[${text(where(f))}](${href.replace(/[()\s]/g, encodeURIComponent)})`;
}

function row(...cells: (string | number)[]): string {
  return `| ${cells.map((c) => String(c)).join(' | ')} |`;
}

/** Plain text for a table cell or a list item: Markdown and HTML characters escaped, one line. */
function text(value: string): string {
  return value.replace(/\s*\r?\n\s*/g, ' ').replace(/([\\`*_[\]<>|#~])/g, '\\$1');
}

/** Inline code that survives backticks and table pipes. */
function code(value: string): string {
  const flat = oneLine(value).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function oneLine(value: string): string {
  const flat = value.replace(/\s*\r?\n\s*/g, ' ');
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}
