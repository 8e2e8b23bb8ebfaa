/**
 * The suite's own guard (test/support/setup.ts): a test that makes no
 * assertion fails, so a test cannot pass by checking nothing.
 */
import { it } from 'vitest';

it.fails('a test that makes no assertion fails', () => {
  // nothing asserted: the guard must fail this test (it.fails turns that failure into a pass)
});
