/**
 * The human report: findings grouped by file, coloured by severity (chalk
 * honours NO_COLOR / FORCE_COLOR and goes plain when not a TTY), then a
 * closing summary.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { describeRole } from '../plan/planner.js';
import type { Report, ReportFinding } from './model.js';
import { costNotes, money, moneyDelta } from './present.js';

export function formatText(report: Report, chalk: ChalkInstance = new Chalk()): string {
  const out: string[] = [];
  const byFile = new Map<string, ReportFinding[]>();
  for (const finding of report.findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  const paint = {
    error: chalk.red,
    warning: chalk.yellow,
    info: chalk.blue,
  } as const;

  for (const [file, findings] of byFile) {
    out.push(chalk.underline(file));
    for (const f of findings) {
      const where = chalk.dim(`${f.line}:${f.column}`.padEnd(8));
      const severity = paint[f.severity](f.severity.padEnd(7));
      const fix = f.fix === 'auto' ? chalk.green('auto  ') : chalk.magenta('manual');
      out.push(`  ${where}${severity} ${fix} ${f.message} ${chalk.dim(`${f.rule} · ${describeRole(f.role)} · ${f.surface}`)}`);
      if (f.change && f.fix === 'auto') out.push(`  ${' '.repeat(8)}${chalk.dim(`${oneLine(f.change.before)} → ${oneLine(f.change.after) || '(removed)'}`)}`);
    }
    out.push('');
  }
  if (report.errors.length > 0) {
    out.push(chalk.bold.red('Files that could not be processed'));
    for (const error of report.errors) out.push(`  ${error.file}: ${error.message}`);
    out.push('');
  }
  if (report.skipped.length > 0) {
    out.push(chalk.bold('Skipped on purpose'));
    for (const skipped of report.skipped) out.push(chalk.dim(`  ${skipped.file}: ${skipped.message}`));
    out.push('');
  }
  const cost = report.cost;
  if (cost && cost.callSites.length > 0) {
    const t = cost.total;
    out.push(
      chalk.bold('Cost per image set') +
        (t.priced === 0
          ? `: none of the ${t.callSites} call site${t.callSites === 1 ? '' : 's'} has a price both before and after.`
          : ` (${t.priced} of ${t.callSites} call site${t.callSites === 1 ? '' : 's'} priced, each called once): ${money(t.before)} → ${money(t.after)}, ${moneyDelta(t.before, t.after)}.`),
    );
    out.push(chalk.dim(`  prices: ${cost.tables.map((table) => `${table.key} (${table.source}, ${table.date})`).join('; ')}`));
    for (const note of costNotes(cost)) out.push(chalk.dim(`  note: ${note}`));
    out.push('');
  }
  const s = report.summary;
  const parts = [
    paint.error(`${s.bySeverity.error} error${s.bySeverity.error === 1 ? '' : 's'}`),
    paint.warning(`${s.bySeverity.warning} warning${s.bySeverity.warning === 1 ? '' : 's'}`),
    paint.info(`${s.bySeverity.info} info`),
  ];
  out.push(
    chalk.bold(`${s.findings} finding${s.findings === 1 ? '' : 's'} in ${s.filesWithFindings} file${s.filesWithFindings === 1 ? '' : 's'}`) +
      ` (${parts.join(', ')}): ${chalk.green(`${s.byFix.auto} fixed automatically by \`fix\``)}, ${chalk.magenta(`${s.byFix.manual} for a person to decide`)}.`,
  );
  out.push(
    chalk.dim(
      `${s.filesScanned} files scanned, ${s.filesParsed} parsed${s.errors > 0 ? `, ${s.errors} could not be processed` : ''}; now ${report.now}, target ${report.target}.`,
    ),
  );
  return out.join('\n') + '\n';
}

function oneLine(text: string): string {
  const flat = text.replace(/\s*\r?\n\s*/g, ' ');
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}
