/**
 * Every test must make at least one assertion: a test whose body returns
 * without calling `expect` passes whatever the code does (issue 17).
 */
import { beforeEach, expect } from 'vitest';

beforeEach(() => {
  expect.hasAssertions();
});
