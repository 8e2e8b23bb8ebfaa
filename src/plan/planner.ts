/**
 * The planner: the only place that decides what is reported and what is
 * rewritten. It reads the catalog and a file's view and returns findings,
 * each with the edits `fix` applies and, for manual items, a suggestion.
 * The ESLint rules, the transforms and the audit only translate this output.
 */
import type { MigrationOptions } from '../catalog/index.js';
import type { FileContext, FileView } from '../analysis/view.js';
import { allowed, type Finding } from './finding.js';
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
  return allowed(findings, options).sort((a, b) => a.range[0] - b.range[0] || a.rule.localeCompare(b.rule));
}
