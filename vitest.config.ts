import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/setup.ts'],
    // dist/ for the tests that run bin/ and the jscodeshift transform, built once before them
    globalSetup: ['test/support/global-setup.ts'],
    // one test file per core: vitest's default leaves one core to the main process, which on a
    // 2-core machine ran the files one after another (244 s; 161 s with two at once). The files
    // wait mostly on the CLI processes they spawn, so every core runs one.
    maxWorkers: Math.max(2, os.availableParallelism()),
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
