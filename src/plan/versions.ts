/**
 * Package versions against the catalog's dependency policy: which declared
 * range predates the release that fixed gpt-image-2 (per release line where
 * the policy names one per line). semver loads on first use: most planned
 * files never compare versions.
 */
import { createRequire } from 'node:module';
import type { SemVer } from 'semver';
import { dependencyPolicy } from '../catalog/index.js';
import type { FileContext } from '../analysis/view.js';

export function dependencyBelow(context: FileContext, name: string): { range: string; why: string; policy: VersionPolicy } | null {
  if (!context.project || !context.fileName) return null;
  const policy = dependencyPolicy.find((p) => p.name === name);
  const range = context.project.dependencies(context.fileName)[name];
  const min = range ? safeMinVersion(range) : null;
  return policy && min && belowFix(min, policy) ? { range: range!, why: policy.why, policy } : null;
}

export type VersionPolicy = { readonly below: string; readonly fixedIn?: readonly string[] };

/** Whether a version predates the fix: of its own release line when the policy names one per line. */
export function belowFix(version: SemVer, policy: VersionPolicy): boolean {
  if (!policy.fixedIn) return semver().lt(version, policy.below);
  const line = policy.fixedIn.find((fixed) => semver().major(fixed) === version.major);
  if (line) return semver().lt(version, line);
  return version.major < Math.min(...policy.fixedIn.map((fixed) => semver().major(fixed)));
}

/** `3.0.54`, or per line: `the fixed release of its line (2.0.104 for 2.x, 3.0.54 for 3.x)`. */
export function fixedText(policy: VersionPolicy): string {
  if (!policy.fixedIn) return policy.below;
  return `the fixed release of its line (${policy.fixedIn.map((fixed) => `${fixed} for ${semver().major(fixed)}.x`).join(', ')})`;
}

let semverModule: typeof import('semver') | undefined;
/** semver, loaded on first use: most planned files never compare versions. */
export function semver(): typeof import('semver') {
  semverModule ??= createRequire(import.meta.url)('semver') as typeof import('semver');
  return semverModule;
}

export function safeMinVersion(range: string): SemVer | null {
  try {
    return semver().minVersion(range);
  } catch {
    return null;
  }
}

