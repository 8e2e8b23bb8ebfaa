/**
 * The planner: the only place that decides what is reported and what is
 * rewritten. It reads the catalog and a file's view and returns findings,
 * each with the edits `fix` applies and, for manual items, a suggestion.
 * The ESLint rules, the transforms and the audit only translate this output.
 */
import { idTokenPattern, matchRetiredId, type MigrationOptions } from '../catalog/index.js';
import type { FileContext, FileView } from '../analysis/view.js';
import { allowed, idFinding, type Finding } from './finding.js';
import { planOccurrence } from './occurrences.js';
import { planFileChecks, planForm, planParams } from './params.js';

export * from './finding.js';

const noContext: FileContext = { fileName: null, project: null };

/** Plans a code file from its view. */
export function planView(view: FileView, text: string, options: MigrationOptions, context: FileContext = noContext): Finding[] {
  const findings: Finding[] = [];
  for (const occurrence of view.occurrences) findings.push(planOccurrence(occurrence, view, options));
  for (const request of view.requests) findings.push(...planParams(request, text, options, context));
  for (const form of view.forms) findings.push(...planForm(form, text, options));
  findings.push(...planFileChecks(view, options, context));
  findings.push(...mentions(text, findings, options));
  return allowed(findings, options).sort((a, b) => a.range[0] - b.range[0] || a.rule.localeCompare(b.rule));
}

/**
 * Ids the code names outside any finding (a comment, a log message, a longer
 * string): info, never rewritten, so every line that names a retired id is
 * in the audit. ESLint, which has no info level, does not report them.
 */
function mentions(text: string, findings: readonly Finding[], options: MigrationOptions): Finding[] {
  const covered = findings.map((f) => f.range);
  const out: Finding[] = [];
  for (const found of text.matchAll(idTokenPattern)) {
    const start = found.index;
    if (covered.some(([s, e]) => start >= s && start < e)) continue;
    const match = matchRetiredId(found[0])!;
    const range = [start, start + found[0].length] as const;
    out.push(
      idFinding({ match, range, idRange: range }, 'doc', 'unknown', 'manual', 'a mention in a comment or a longer string; update it when the code has moved.', options, {
        severity: 'info',
      }),
    );
  }
  return out;
}
