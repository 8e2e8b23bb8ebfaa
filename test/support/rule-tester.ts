/**
 * ESLint's RuleTester, run by vitest: its cases become vitest tests, and
 * each case's own checks (node:assert inside RuleTester) count as the
 * test's assertion, so the zero-assertion guard of test/support/setup.ts
 * holds for them too.
 */
import { RuleTester } from 'eslint';
import { describe, expect, it } from 'vitest';

RuleTester.describe = describe;
RuleTester.it = (name: string, run: () => void) => it(name, () => expect(run).not.toThrow());
// a case marked `only: true` would silence the others: it fails instead of running alone
RuleTester.itOnly = (name: string) =>
  it(name, () => {
    expect.fail(`RuleTester case '${name}' has only: true; remove it so every case runs`);
  });

export { RuleTester };
