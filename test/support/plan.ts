/**
 * Plans a snippet through both adapters (TypeScript via ts-morph, ESTree via
 * @typescript-eslint/parser) so tests can require that they agree.
 */
import { parseForESLint } from '@typescript-eslint/parser';
import { resolveOptions, type MigrationOptionsInput } from '../../src/catalog/index.js';
import { applyPlan, fileContext, planTree, type Finding } from '../../src/engine.js';
import { fromEstree, type EstreeNode } from '../../src/syntax/from-estree.js';
import { TsMorphTransform } from '../../transforms/ts-morph.js';

const transform = new TsMorphTransform();

export const NOW = '2026-11-21';

export function planWithTsMorph(code: string, options: MigrationOptionsInput = {}, fileName = 'input.ts') {
  return transform.run(fileName, code, resolveOptions({ now: NOW, ...options }));
}

export function planWithEstree(code: string, options: MigrationOptionsInput = {}, jsx = false, fileName?: string): { findings: Finding[]; output: string } {
  const { ast, visitorKeys } = parseForESLint(code, { range: true, loc: true, ecmaFeatures: { jsx } });
  const tree = fromEstree(ast as unknown as EstreeNode, visitorKeys as Record<string, string[]>);
  const findings = planTree(tree, code, resolveOptions({ now: NOW, ...options }), fileContext(undefined, fileName));
  return { findings, output: applyPlan(code, findings) };
}

/** The parts of a finding that must not depend on the adapter. */
export function comparable(findings: readonly Finding[]) {
  return findings.map((f) => ({ rule: f.rule, range: f.range, fix: f.fix, role: f.role, severity: f.severity, surface: f.surface, edits: f.edits }));
}
