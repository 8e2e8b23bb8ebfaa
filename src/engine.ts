/**
 * The engine's one entry point per file: text in, plan out. Adapters hand
 * in a normalized tree; the engine builds the view and asks the planner.
 */
import { candidatePattern, type MigrationOptions } from './catalog/index.js';
import { buildView } from './analysis/view.js';
import { planView, type Finding } from './plan/planner.js';
import { planTextFile, textFileKind } from './plan/text-files.js';
import type { Node } from './syntax/tree.js';
import { applyEdits, type Edit } from './text/edits.js';

export type { Finding } from './plan/planner.js';

/** Code extensions the engine parses. */
export const codeExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

export function isCodeFile(fileName: string): boolean {
  return codeExtensions.some((ext) => fileName.endsWith(ext)) && !fileName.endsWith('.d.ts');
}

/** Cheap byte-level check: can this text contain anything the planner reports? */
export function mayContainMatch(text: string): boolean {
  return candidatePattern.test(text);
}

/** Plans a code file from a normalized tree of its text. */
export function planTree(tree: Node, text: string, options: MigrationOptions): Finding[] {
  return planView(buildView(tree, text), text, options);
}

/** Plans a non-code file (.env, Markdown), or returns null when the engine does not read that kind. */
export function planNonCode(fileName: string, text: string, options: MigrationOptions): Finding[] | null {
  const kind = textFileKind(fileName);
  if (!kind) return null;
  return mayContainMatch(text) ? planTextFile(kind, text, options) : [];
}

/** The edits `fix` applies for a plan: every finding's own edits. */
export function editsOf(findings: readonly Finding[]): Edit[] {
  return findings.flatMap((finding) => finding.edits);
}

/** The text after the plan's edits. */
export function applyPlan(text: string, findings: readonly Finding[]): string {
  return applyEdits(text, editsOf(findings));
}
