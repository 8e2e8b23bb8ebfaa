/**
 * The human report: findings grouped by file, coloured by severity (chalk
 * honours NO_COLOR / FORCE_COLOR and goes plain when not a TTY), then a
 * closing summary.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { describeRole } from '../plan/planner.js';
import type { Report, ReportFinding } from './model.js';

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
