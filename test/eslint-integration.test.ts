/**
 * The real ESLint of each supported major, run as a user runs it (its bin
 * script, in a project directory), with the config snippets of the README
 * copied verbatim: ESLint 8.57 with `.eslintrc.cjs`, ESLint 9 with
 * `.eslintrc.cjs` (ESLINT_USE_FLAT_CONFIG=false) and with
 * `eslint.config.mjs`, ESLint 10 with `eslint.config.mjs`. The project holds
 * a copy of every fixture repository's `before/`, and the plugin is
 * installed as npm would install it: `node_modules/gpt-image-migrate` (the
 * package, built from the current source) and, for eslintrc,
 * `node_modules/eslint-plugin-gpt-image-migrate` (the shim package). Each
 * run must report exactly what `gpt-image-migrate audit --format json`
 * reports in code files (file, line, rule; not its info-level mentions in
 * comments, which ESLint cannot express), and nothing else.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCodeFile } from '../src/engine.js';
import type { Report } from '../src/report/model.js';
import { buildPackage, installInto, repoRoot, shimDir } from './support/packed-plugin.js';
import { runCli } from './support/run-cli.js';

const run = promisify(execFile);
const NOW = '2026-11-21';
const fixturesDir = path.join(repoRoot, 'fixtures');
const fixtures = readdirSync(fixturesDir).filter((name) => existsSync(path.join(fixturesDir, name, 'before')));

/** The README's ESLint section: code blocks whose first line names a config file (`// eslint.config.mjs`). */
function configSnippets(markdown: string): Map<string, string> {
  const snippets = new Map<string, string>();
  for (const match of markdown.matchAll(/^```js\n\/\/ ((?:eslint\.config|\.eslintrc)\.[cm]?js)\n([\s\S]*?)^```$/gm)) {
    if (!snippets.has(match[1])) snippets.set(match[1], match[2]);
  }
  return snippets;
}

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const eslintSection = readme.slice(readme.indexOf('## ESLint plugin'), readme.indexOf('\n## ', readme.indexOf('## ESLint plugin') + 1));
const snippets = configSnippets(eslintSection);

const runs = [
  { name: 'ESLint 8.57, .eslintrc.cjs', bin: 'eslint8', config: '.eslintrc.cjs', env: {} },
  { name: 'ESLint 9, .eslintrc.cjs (ESLINT_USE_FLAT_CONFIG=false)', bin: 'eslint9', config: '.eslintrc.cjs', env: { ESLINT_USE_FLAT_CONFIG: 'false' } },
  { name: 'ESLint 9, eslint.config.mjs', bin: 'eslint9', config: 'eslint.config.mjs', env: {} },
  { name: 'ESLint 10, eslint.config.mjs', bin: 'eslint', config: 'eslint.config.mjs', env: {} },
] as const;

let scratch = '';
let packageDir = '';
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'gim-eslint-'));
  packageDir = buildPackage(path.join(scratch, 'package/gpt-image-migrate'));
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

interface Eslintresult {
  filePath: string;
  messages: { ruleId: string | null; line: number; message: string; fatal?: boolean }[];
}

const key = (f: { file: string; line: number; rule: string }) => `${f.file}:${f.line} ${f.rule}`;

describe('the README snippets', () => {
  it('has one flat config and one eslintrc snippet, and docs/eslint.md shows the same ones', () => {
    expect([...snippets.keys()].sort()).toEqual(['.eslintrc.cjs', 'eslint.config.mjs']);
    const guide = configSnippets(readFileSync(path.join(repoRoot, 'docs/eslint.md'), 'utf8'));
    for (const [file, code] of snippets) expect(guide.get(file), file).toBe(code);
  });

  it('the eslintrc shim is the same version as the package, and requires exactly that version', () => {
    const main = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const shim = JSON.parse(readFileSync(path.join(shimDir, 'package.json'), 'utf8')) as { name: string; version: string; peerDependencies: Record<string, string> };
    expect(shim.name).toBe('eslint-plugin-gpt-image-migrate');
    expect(shim.version).toBe(main.version);
    expect(shim.peerDependencies['gpt-image-migrate']).toBe(main.version);
  });
});

describe('real ESLint on the fixture repositories, against audit', () => {
  let expected: string[] = [];

  beforeAll(async () => {
    const lines: string[] = [];
    for (const fixture of fixtures) {
      const { code, stdout } = await runCli(['audit', path.join(fixturesDir, fixture, 'before'), '--format', 'json', '--now', NOW, '--fail-on', 'none']);
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as Report;
      // ESLint has no info level: mentions in comments are audit-only
      for (const f of report.findings) if (isCodeFile(f.file) && f.severity !== 'info') lines.push(key({ ...f, file: `${fixture}/${f.file}` }));
    }
    expected = lines.sort();
  });

  it('audit finds code findings to compare with', () => {
    expect(expected.length).toBeGreaterThan(0);
  });

  it('CommonJS can require the plugin, and the shim is the same plugin object', async () => {
    const project = path.join(scratch, 'require');
    mkdirSync(project, { recursive: true });
    installInto(project, packageDir);
    writeFileSync(
      path.join(project, 'check.cjs'),
      [
        "const ns = require('gpt-image-migrate/eslint-plugin');",
        "const shim = require('eslint-plugin-gpt-image-migrate');",
        'console.log(JSON.stringify({',
        '  same: shim === ns.default,',
        '  named: ns.rules === shim.rules && ns.configs === shim.configs && ns.meta === shim.meta,',
        '  name: shim.meta.name,',
        '  rules: Object.keys(shim.rules),',
        "  legacy: shim.configs['legacy-recommended'].plugins,",
        '}));',
      ].join('\n'),
    );
    const { stdout, stderr } = await run(process.execPath, ['check.cjs'], { cwd: project });
    expect(stderr).toBe(''); // no require(esm) warning on supported Node versions
    expect(JSON.parse(stdout)).toEqual({
      same: true,
      named: true,
      name: 'gpt-image-migrate',
      rules: ['no-retired-model', 'no-legacy-quality', 'valid-params'],
      legacy: ['gpt-image-migrate'],
    });
  });

  it.each(runs)('$name reports what audit reports', async ({ bin, config, env, name }) => {
    const project = path.join(scratch, name.replace(/\W+/g, '-'));
    for (const fixture of fixtures) cpSync(path.join(fixturesDir, fixture, 'before'), path.join(project, fixture), { recursive: true });
    writeFileSync(path.join(project, config), snippets.get(config)!);
    installInto(project, packageDir);

    const eslintBin = path.join(repoRoot, 'node_modules', bin, 'bin/eslint.js');
    const version = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', bin, 'package.json'), 'utf8')).version as string;
    expect(version.split('.')[0]).toBe({ eslint8: '8', eslint9: '9', eslint: '10' }[bin]);

    let stdout: string;
    let stderr: string;
    try {
      ({ stdout, stderr } = await run(process.execPath, [eslintBin, '--format', 'json', '.'], {
        cwd: project,
        env: { ...process.env, ...env, GPT_IMAGE_MIGRATE_NOW: NOW },
        maxBuffer: 64 * 1024 * 1024,
      }));
    } catch (error) {
      // exit 1: problems found (expected); anything else is ESLint failing to run
      const e = error as { code: number; stdout: string; stderr: string };
      expect(e.code, e.stderr).toBe(1);
      ({ stdout, stderr } = e);
    }
    // ESLint 9 says eslintrc is deprecated; nothing else may be printed (a require(esm) warning, a crash)
    const deprecation = /^\(node:\d+\) ESLintRCWarning: You are using an eslintrc configuration file.*\n\(Use `node --trace-warnings \.\.\.` to show where the warning was created\)\n/;
    expect(stderr.replace(bin === 'eslint9' && config === '.eslintrc.cjs' ? deprecation : '', '')).toBe('');

    const results = JSON.parse(stdout) as Eslintresult[];
    const lint: string[] = [];
    const other: string[] = [];
    for (const result of results) {
      const file = path.relative(project, result.filePath).split(path.sep).join('/');
      for (const m of result.messages) {
        if (!m.fatal && m.ruleId?.startsWith('gpt-image-migrate/')) lint.push(key({ file, line: m.line, rule: m.ruleId.slice('gpt-image-migrate/'.length) }));
        else other.push(`${file}:${m.line} ${m.ruleId ?? 'fatal'}: ${m.message}`);
      }
    }
    expect(other).toEqual([]);
    expect(lint.sort()).toEqual(expected);
    // every code file of every fixture was linted (nothing silently skipped by the config's files)
    const linted = new Set(results.map((r) => path.relative(project, r.filePath).split(path.sep).join('/')));
    for (const line of expected) expect(linted.has(line.split(':')[0]), line).toBe(true);
  });
});
