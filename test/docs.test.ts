/**
 * The rule docs. Every rule has `docs/rules/<rule>.md` and every doc a rule;
 * every code block under a ❌ heading is flagged by that rule and every one
 * under a ✅ heading is not (ESLint's Linter, espree for js/jsx,
 * @typescript-eslint/parser for ts/tsx; `/* eslint … *\/` comments in a block
 * set its options), so a doc can never show a ❌ the rule does not flag.
 * And `npm run docs:check` (eslint-doc-generator --check) passes on the
 * current source, and fails when a doc header or the README's rules table
 * disagrees with the rules' meta.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin, { rules } from '../rules/index.js';
import { buildPackage, repoRoot } from './support/packed-plugin.js';

const run = promisify(execFile);
const docsDir = path.join(repoRoot, 'docs/rules');
const ruleNames = Object.keys(rules);

interface Example {
  readonly verdict: 'flagged' | 'clean';
  readonly lang: 'js' | 'jsx' | 'ts' | 'tsx';
  readonly code: string;
  /** 1-based line of the opening fence, for failure messages. */
  readonly line: number;
}

/** Code blocks under the nearest heading that has ❌ or ✅ in it; blocks under other headings are not examples. */
function examplesOf(markdown: string): Example[] {
  const out: Example[] = [];
  const lines = markdown.split('\n');
  let verdict: Example['verdict'] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^#{1,6}\s/.test(line)) {
      verdict = line.includes('❌') ? 'flagged' : line.includes('✅') ? 'clean' : null;
      continue;
    }
    const fence = /^```(\w*)\s*$/.exec(line);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    const lang = fence[1];
    if (verdict && (lang === 'js' || lang === 'jsx' || lang === 'ts' || lang === 'tsx')) {
      out.push({ verdict, lang, code: body.join('\n') + '\n', line: start + 1 });
    }
  }
  return out;
}

function lintExample(rule: string, example: Example): Linter.LintMessage[] {
  const typescript = example.lang === 'ts' || example.lang === 'tsx';
  const config: Linter.Config = {
    files: ['**/*.{js,jsx,ts,tsx}'],
    languageOptions: typescript
      ? { parser: tsParser }
      : { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: example.lang === 'jsx' } } },
    plugins: { 'gpt-image-migrate': plugin },
    rules: { [`gpt-image-migrate/${rule}`]: 'error' },
    settings: { 'gpt-image-migrate': { now: '2026-11-21' } },
  };
  return new Linter().verify(example.code, [config], { filename: `example.${example.lang}` });
}

describe('rule docs', () => {
  it('every rule has a doc and every doc a rule', () => {
    const docs = readdirSync(docsDir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
    expect(docs.sort()).toEqual([...ruleNames].sort());
  });

  describe.each(ruleNames)('docs/rules/%s.md', (rule) => {
    const examples = examplesOf(readFileSync(path.join(docsDir, `${rule}.md`), 'utf8'));

    it('has ❌ and ✅ examples', () => {
      expect(examples.filter((e) => e.verdict === 'flagged').length).toBeGreaterThan(0);
      expect(examples.filter((e) => e.verdict === 'clean').length).toBeGreaterThan(0);
    });

    it.each(examples.map((e) => [`${e.verdict === 'flagged' ? '❌' : '✅'} line ${e.line} (${e.lang})`, e] as const))('%s', (_name, example) => {
      const messages = lintExample(rule, example);
      // parse errors and invalid inline configuration come without this rule's id
      expect(messages.filter((m) => m.ruleId !== `gpt-image-migrate/${rule}`)).toEqual([]);
      expect(messages.filter((m) => m.messageId === 'invalidOptions')).toEqual([]);
      if (example.verdict === 'flagged') expect(messages.length, 'a ❌ example the rule does not flag').toBeGreaterThan(0);
      else expect(messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([]);
    });
  });

  it('the example parser sees only fenced code under ❌/✅ headings', () => {
    const md = '# r\n\n```ts\nconst options = 1;\n```\n\n### ❌ Incorrect\n\ntext\n\n```ts\nbad();\n```\n\n```text\nnot code\n```\n\n### ✅ Correct\n\n```jsx\n<a />;\n```\n\n## Options\n\n```js\nignored();\n```\n';
    expect(examplesOf(md)).toEqual([
      { verdict: 'flagged', lang: 'ts', code: 'bad();\n', line: 11 },
      { verdict: 'clean', lang: 'jsx', code: '<a />;\n', line: 21 },
    ]);
  });
});

describe('npm run docs:check', () => {
  let scratch = '';
  let pkg = '';
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });
  const script = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['docs:check'];
  // `npm run build --silent && eslint-doc-generator dist/rules --check`: the build is done by buildPackage
  const generatorArgs = script.split('&&').at(-1)!.trim().split(/\s+/);

  /** The generator's check, in a copy of the package (built from the current source) with its README, docs and config. */
  async function check(): Promise<{ code: number; output: string }> {
    const bin = path.join(repoRoot, 'node_modules/eslint-doc-generator/dist/bin/eslint-doc-generator.js');
    try {
      const { stdout, stderr } = await run(process.execPath, [bin, ...generatorArgs.slice(1)], { cwd: pkg });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, output: e.stdout + e.stderr };
    }
  }

  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'gim-docs-'));
    pkg = path.join(scratch, 'gpt-image-migrate');
    buildPackage(pkg);
    for (const file of ['README.md', 'docs', '.eslint-doc-generatorrc.json']) cpSync(path.join(repoRoot, file), path.join(pkg, file), { recursive: true });
  });

  it('runs eslint-doc-generator --check on the built rules', () => {
    expect(generatorArgs[0]).toBe('eslint-doc-generator');
    expect(generatorArgs).toContain('--check');
    expect(script).toMatch(/^npm run build\b/);
  });

  it('passes: the README rules table and every doc header match the rules', async () => {
    const result = await check();
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails when a rule description changes and the docs were not regenerated', async () => {
    const file = path.join(pkg, 'dist/rules/valid-params.js');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('Disallow request params', 'Disallow request parameters'));
    try {
      const result = await check();
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('A rule doc is out-of-date: ../../docs/rules/valid-params.md');
      expect(result.output).toContain('The rules table in ../../README.md is out-of-date');
      expect(result.output).toContain('The rules table in ../../docs/eslint.md is out-of-date');
    } finally {
      writeFileSync(file, original);
    }
  });

  it('fails when the README rules table is edited by hand', async () => {
    const file = path.join(pkg, 'README.md');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('[valid-params](docs/rules/valid-params.md)', '[valid-params](docs/rules/valid-params.md) (new!)'));
    try {
      const result = await check();
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('The rules table in ../../README.md is out-of-date');
    } finally {
      writeFileSync(file, original);
    }
  });
});
