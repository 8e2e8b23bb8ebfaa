/**
 * Input that a real repository can hold and that must not break the run: it
 * gets a one-line message naming the file, the other files are processed,
 * and the exit code says "some files could not be processed" (2), never
 * "internal error" (4).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanTempDirs, cli, GOOD_SOURCE, NOW, read, tempDir, writeFiles } from './support/cli.js';

afterEach(() => cleanTempDirs());

describe('input deeper than the planner can walk', () => {
  const deep = `export const nested = ${'['.repeat(20000)}${']'.repeat(20000)};\nclient.images.generate({ model: 'gpt-image-1', prompt: 'x' });\n`;

  it('audit: one line for that file, the good file reported, exit 2', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'deep.ts': deep, 'good.ts': GOOD_SOURCE });
    const result = await cli(dir, 'audit', '--now', NOW);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/deep\.ts: too deeply nested to analyse/);
    expect(result.stdout + result.stderr).not.toMatch(/internal error|Maximum call stack/);
    expect(result.stdout).toMatch(/good\.ts\n\s+3:\d+\s+error\s+auto/);
  });

  it('fix: the good file is fixed, the deep one left byte for byte, exit 2', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'deep.ts': deep, 'good.ts': GOOD_SOURCE });
    const result = await cli(dir, 'fix', '--now', NOW, '--force', '--no-verify');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/deep\.ts: too deeply nested to analyse/);
    expect(read(dir, 'deep.ts')).toBe(deep);
    expect(read(dir, 'good.ts')).toContain("model: 'gpt-image-2'");
  });
});
