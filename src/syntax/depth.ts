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

/** What an adapter throws past MAX_TREE_DEPTH: a RangeError, as running out of stack is (src/run/outcome.ts). */
export class TooDeeplyNested extends RangeError {
  constructor() {
    super(`Maximum call stack size exceeded (a syntax tree deeper than ${MAX_TREE_DEPTH} levels)`);
  }
}
