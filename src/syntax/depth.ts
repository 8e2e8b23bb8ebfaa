/**
 * How deeply the adapters nest a normalized tree at most. A deeper file is
 * too deeply nested to analyse, on every thread alike: without a limit of
 * its own the outcome followed the stack of the thread that planned it (a
 * worker's is four times the main thread's), so the same file was planned
 * on a worker and refused on the main thread, and which one it got could
 * change from run to run. Below the limit, every pass of the view and the
 * planner fits on the main thread's stack (test/robustness.test.ts plans
 * each deep shape at the limit there). Real code nests a few dozen levels;
 * what comes near is generated (a concatenation of a thousand strings).
 */
export const MAX_TREE_DEPTH = 500;

/** What an adapter throws past MAX_TREE_DEPTH (and the oxc transform for a text it will not give oxc): a RangeError, as running out of stack is. */
export class TooDeeplyNested extends RangeError {
  constructor(why = `a syntax tree deeper than ${MAX_TREE_DEPTH} levels`) {
    super(`Maximum call stack size exceeded (${why})`);
  }
}

/** What a file nested too deeply is told, in every face (audit and fix name the file with it, ESLint reports it once on the file). */
export const TOO_DEEP_REASON = 'too deeply nested to analyse (its syntax tree is deeper than the planner can walk)';

/** Whether an error says the input is nested too deeply to analyse: the limit, or a stack that ran out before it. */
export function isTooDeep(error: unknown): boolean {
  return error instanceof TooDeeplyNested || (error instanceof RangeError && /call stack size/i.test(error.message));
}
