/**
 * The pre-commit hook definitions (`.pre-commit-hooks.yaml`), run as
 * pre-commit runs them: the hook's `entry` with the staged files that its
 * `files` pattern selects appended, in the repository's folder. The entry's
 * command is this package's bin (pre-commit's `language: node` installs the
 * package and puts its bins on PATH), here run from this build.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanTempDirs, tempDir, writeFiles } from './support/cli.js';
import { BIN, ensureBuilt, PACKAGE_ROOT } from './support/dist.js';

afterAll(cleanTempDirs);
beforeAll(ensureBuilt);

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  require_serial?: boolean;
}
const hooks = parse(fs.readFileSync(path.join(PACKAGE_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const binName = Object.keys((JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin)[0]!;

/** pre-commit's run: the entry split as a shell would, then the selected files. */
function runHook(hook: Hook, cwd: string, staged: string[]) {
  const [command, ...args] = hook.entry.split(/\s+/);
  expect(command).toBe(binName);
  const files = staged.filter((file) => new RegExp(hook.files).test(file));
  return { files, run: spawnSync(process.execPath, [BIN, ...args, ...files], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }) };
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares node hooks with the fields pre-commit requires', () => {
    expect(hooks.map((h) => h.id)).toEqual(['gpt-image-migrate', 'gpt-image-migrate-warnings']);
    for (const hook of hooks) {
      expect(hook.language).toBe('node');
      expect(hook.name.length).toBeGreaterThan(0);
      expect(hook.entry.startsWith(`${binName} audit `)).toBe(true);
    }
  });

  it('selects code, notebooks and configuration, not images', () => {
    const pattern = new RegExp(hooks[0]!.files);
    for (const file of ['app/images.py', 'stubs/openai.pyi', 'notebooks/a.ipynb', 'src/a.ts', 'src/b.mjs', 'web/c.tsx', 'README.md', '.env', 'deploy/.env.production', 'docker-compose.yml', 'pyproject.toml', 'Dockerfile']) {
      expect(pattern.test(file), file).toBe(true);
    }
    for (const file of ['logo.png', 'data.parquet', 'app/images.pyc']) expect(pattern.test(file), file).toBe(false);
  });

  it('fails the commit on a staged Python call to a shut-down model, naming the file; passes once it is migrated', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'app/images.py': 'from openai import OpenAI\n\nOpenAI().images.generate(model="dall-e-3", prompt="a cat")\n',
      'app/ok.py': 'from openai import OpenAI\n\nOpenAI().images.generate(model="gpt-image-2", prompt="a cat")\n',
      'logo.png': 'not really a png',
    });
    const failing = runHook(hooks[0]!, dir, ['app/images.py', 'app/ok.py', 'logo.png']);
    expect(failing.files).toEqual(['app/images.py', 'app/ok.py']);
    expect(failing.run.status, failing.run.stderr).toBe(1);
    expect(failing.run.stdout).toContain('app/images.py');
    expect(failing.run.stdout).not.toContain('app/ok.py');

    const passing = runHook(hooks[0]!, dir, ['app/ok.py']);
    expect(passing.run.status, passing.run.stdout + passing.run.stderr).toBe(0);
  });
});
