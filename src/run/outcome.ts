/**
 * What planning one file came to, as plain data: an error is not cloneable
 * across threads, and a failure must never cost the other files of a run.
 * Loads nothing, so the main thread can use it without loading a parser.
 */
import type { FilePlan } from '../engine.js';
import { isTooDeep, TOO_DEEP_REASON } from '../syntax/depth.js';

export type PlanOutcome =
  | { readonly kind: 'plan'; readonly plan: FilePlan }
  /** Bad input the user can act on (does not parse, cannot be read). */
  | { readonly kind: 'expected'; readonly message: string }
  /** A bug in this tool, with its stack for --debug. */
  | { readonly kind: 'internal'; readonly message: string; readonly stack: string | undefined };

/**
 * An unexpected failure (a bug) as an outcome; except a tree deeper than the
 * adapters convert (MAX_TREE_DEPTH) or running out of stack, which a real
 * file can cause (an array nested 20,000 deep): that file's input, reported
 * as such, and the rest of the run goes on.
 */
export function internalOutcome(error: unknown): PlanOutcome {
  if (isTooDeep(error)) {
    return { kind: 'expected', message: `${TOO_DEEP_REASON}; left unchanged` };
  }
  return {
    kind: 'internal',
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  };
}
