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

/**
 * A dependency that cannot serve the target as the package stands: the installed version predates the
 * fix, or (nothing installed) no version the declared range allows is a fixed one (`1.0.19`, `^1.0.0`).
 * A range that reaches a fixed release (`^3.0.10`) does not hold the code back: an update within it is
 * enough, which the package.json finding asks for.
 */
export function dependencyStuck(context: FileContext, name: string): { range: string; why: string; policy: VersionPolicy } | null {
  if (!context.project || !context.fileName) return null;
  const policy: (VersionPolicy & { readonly why: string }) | undefined = dependencyPolicy.find((p) => p.name === name);
  const range = context.project.dependencies(context.fileName)[name];
  if (!policy || !range) return null;
  const installed = context.project.installedVersion(context.fileName, name);
  const parsed = installed ? semver().parse(installed) : null;
  if (parsed) return belowFix(parsed, policy) ? { range: installed!, why: policy.why, policy } : null;
  if (!safeMinVersion(range)) return null;
  const fixed = policy.fixedIn ?? [policy.below];
  const top = Math.max(...fixed.map((f) => semver().major(f)));
  const reaches = fixed.some((f) => {
    const major = semver().major(f);
    const upper = major === top ? '' : ` <${major + 1}.0.0-0`;
    try {
      return semver().intersects(range, `>=${f}${upper}`);
    } catch {
      return true;
    }
  });
  return reaches ? null : { range, why: policy.why, policy };
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

