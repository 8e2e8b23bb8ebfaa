/**
 * Plans a snippet through the adapters so tests can require that they agree:
 * TypeScript via ts-morph, oxc (the CLI's parser) through the ESTree adapter,
 * and ESTree via @typescript-eslint/parser (ESLint's).
 *
 * `planWithTsMorph` plans through the oxc transform as well and fails on any
 * difference (every finding whole, the output, the output error, and whether
 * the file parses at all), so every test that plans through it also holds
 * for the CLI's parser.
 */
import { parseForESLint } from '@typescript-eslint/parser';
import { expect } from 'vitest';
import { resolveOptions, type MigrationOptionsInput } from '../../src/catalog/index.js';
import { applyPlan, fileContext, planTree, type FilePlan, type Finding } from '../../src/engine.js';
import { fromEstree, type EstreeNode } from '../../src/syntax/from-estree.js';
import { ParseError } from '../../src/syntax/parse-error.js';
import { OxcTransform } from '../../transforms/oxc.js';
import { TsMorphTransform } from '../../transforms/ts-morph.js';

const transform = new TsMorphTransform();
const oxc = new OxcTransform(() => transform);

export const NOW = '2026-11-21';

type Outcome = { plan: FilePlan } | { error: unknown };

function attempt(plan: () => FilePlan): Outcome {
  try {
    return { plan: plan() };
  } catch (error) {
    return { error };
  }
}

/**
 * What one transform gave, as a comparable value: the plan without the
 * wording of an output error (each parser words its own), or that the file
 * did not parse.
 */
function shape(outcome: Outcome) {
  if ('error' in outcome) return outcome.error instanceof ParseError ? 'does not parse' : outcome.error;
  const { outputError, ...plan } = outcome.plan;
  return { ...plan, outputError: outputError === undefined ? undefined : outputError.replace(/:.*$/, '') };
}

/** ts-morph and oxc on the same input: the same plan, or both refuse it; the ts-morph plan is returned (or its error thrown). */
export function planBothWays(fileName: string, code: string, options: ReturnType<typeof resolveOptions>, absolutePath?: string): FilePlan {
  const viaTs = attempt(() => transform.run(fileName, code, options, absolutePath));
  const viaOxc = attempt(() => oxc.run(fileName, code, options, absolutePath));
  expect(shape(viaOxc), `oxc and ts-morph disagree on ${fileName}:\n${code}`).toEqual(shape(viaTs));
  if ('error' in viaTs) throw viaTs.error;
  return viaTs.plan;
}

export function planWithTsMorph(code: string, options: MigrationOptionsInput = {}, fileName = 'input.ts') {
  return planBothWays(fileName, code, resolveOptions({ now: NOW, ...options }));
}

export function planWithOxc(code: string, options: MigrationOptionsInput = {}, fileName = 'input.ts') {
  return oxc.run(fileName, code, resolveOptions({ now: NOW, ...options }));
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
