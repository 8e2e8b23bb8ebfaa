/**
 * Whole fixture repositories: each `fixtures/<name>/before` is copied, fixed
 * by the CLI and compared byte for byte with `after/`; a second fix changes
 * nothing; the audit of `before/` equals the hand-written
 * `expected-findings.json`; `after/` type-checks (what imports `openai`, `ai`
 * or `@ai-sdk/*` against the real packages' types, dev dependencies of this
 * project; packages that are not, like sharp or LangChain, through each
 * fixture's own `types/` shims);
 * its Python compiles and its own tests (node --test, python3 -m unittest)
 * pass on both sides; and ESLint with our plugin reports what the audit
 * reports, on `before/` (column, message, fix or suggestion) and on `after/`
 * (none auto-fixable).
 */
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../rules/index.js';
import { isCodeFile } from '../src/engine.js';
import { loadPythonParser, parsePython } from '../src/syntax/python-parser.js';
import type { Report } from '../src/report/model.js';
import { resolveOptions } from '../src/catalog/index.js';
import { planBothWays } from './support/plan.js';
import { runCli } from './support/run-cli.js';

const NOW = '2026-11-21';
const migration = resolveOptions({ now: NOW });
/** CPython, when the machine has it (a fresh machine may have only Node): the Python checks use it, else tree-sitter's grammar. */
const cpython = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;
const fixturesDir = path.resolve(import.meta.dirname, '../fixtures');
/** This project's own node_modules, where the fixtures' `openai`, `ai` and `@ai-sdk/*` must come from (dev dependencies). */
const projectModules = realpathSync(path.resolve(import.meta.dirname, '../node_modules'));
/** The packages a fixture must compile against for real, never through a shim: the package name of a specifier, or null. */
const realPackage = (specifier: string) => /^(openai|ai|@ai-sdk\/[^/]+)(?:\/|$)/.exec(specifier)?.[1] ?? null;
const fixtures = readdirSync(fixturesDir).filter((name) => existsSync(path.join(fixturesDir, name, 'before')));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gim-fixtures-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every file under a directory (relative path → bytes), like `diff -r` sees it. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, absolute).split(path.sep).join('/'), readFileSync(absolute));
  }
  return out;
}

function expectSameTree(actualDir: string, expectedDir: string): void {
  const actual = tree(actualDir);
  const expected = tree(expectedDir);
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [file, bytes] of expected) {
    // compare as text first for a readable diff, then as bytes (CRLF, BOM)
    expect(actual.get(file)!.toString('utf8'), file).toBe(bytes.toString('utf8'));
    expect(actual.get(file)!.equals(bytes), file).toBe(true);
  }
}

async function audit(dir: string, ...flags: string[]): Promise<Report> {
  const { code, stdout } = await runCli(['audit', dir, '--format', 'json', '--now', NOW, '--fail-on', 'none', ...flags]);
  expect(code).toBe(0);
  return JSON.parse(stdout) as Report;
}


/** ESLint (flat config) with the plugin's recommended rules on every code file of `cwd`, TypeScript through its parser. */
function lintWithPlugin(cwd: string) {
  const eslint = new ESLint({
    cwd,
    // a Python-only fixture has no file for ESLint: that is an empty result, not an error
    errorOnUnmatchedPattern: false,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },
      { files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'], ...plugin.configs.recommended, settings: { 'gpt-image-migrate': { now: NOW } } },
    ],
  });
  return eslint.lintFiles(['.']);
}
describe.each(fixtures)('fixture %s', (name) => {
  const before = path.join(fixturesDir, name, 'before');
  const after = path.join(fixturesDir, name, 'after');
  const work = path.join(scratch, name);

  it('fix turns before/ into after/, byte for byte, and a second fix changes nothing', async () => {
    cpSync(before, work, { recursive: true });
    const first = await runCli(['fix', work, '--now', NOW]);
    expect(first.stderr).not.toMatch(/could not be processed/);
    expect(first.code).toBe(0);
    expectSameTree(work, after);

    const second = await runCli(['fix', work, '--now', NOW]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/^0 files changed/m);
    expectSameTree(work, after);
  });

  it("every JS/TS file and doc of before/ and after/ plans the same through oxc (the CLI's parser) as through ts-morph: findings and bytes", () => {
    let planned = 0;
    for (const side of [before, after]) {
      for (const file of tree(side).keys()) {
        if (file.includes('node_modules/') || !(isCodeFile(file) || /\.(?:md|mdx|markdown)$/.test(file))) continue;
        const absolute = path.join(side, file);
        planBothWays(file, readFileSync(absolute, 'utf8').replace(/^\uFEFF/, ''), migration, absolute);
        planned++;
      }
    }
    expect(planned).toBeGreaterThan(0);
  });

  it('audit and fix --dry-run give byte-identical JSON with --parser typescript and with the default (oxc)', async () => {
    const withOxc = await runCli(['audit', before, '--format', 'json', '--now', NOW, '--fail-on', 'none']);
    const withTs = await runCli(['audit', before, '--format', 'json', '--now', NOW, '--fail-on', 'none', '--parser', 'typescript']);
    expect(withOxc.code).toBe(0);
    expect(withTs.stdout).toBe(withOxc.stdout);
    expect((JSON.parse(withOxc.stdout) as Report).summary.filesScanned).toBeGreaterThan(0);
    const fixOxc = await runCli(['fix', before, '--dry-run', '--no-verify', '--format', 'json', '--now', NOW, '--parser', 'oxc']);
    const fixTs = await runCli(['fix', before, '--dry-run', '--no-verify', '--format', 'json', '--now', NOW, '--parser', 'typescript']);
    expect(fixTs.stdout).toBe(fixOxc.stdout);
  });

  it('audit of before/ reports exactly the expected findings', async () => {
    const expected = JSON.parse(readFileSync(path.join(fixturesDir, name, 'expected-findings.json'), 'utf8')) as {
      file: string;
      line: number;
      rule: string;
      fix: 'auto' | 'manual' | 'info';
    }[];
    const report = await audit(before, '--verify');
    // the type-check of what fix changes (before/ resolves the real openai and ai types of this package's node_modules) accepts every edit
    if (report.findings.some((f) => f.fix === 'auto' && isCodeFile(f.file))) {
      expect(report.verification?.rolledBack).toEqual([]);
      expect(report.verification?.files).toBeGreaterThan(0);
      expect(report.verification?.unchecked).toEqual([]);
    }
    const key = (f: { file: string; line: number; rule: string; fix: string }) => `${f.file}:${f.line} ${f.rule} ${f.fix}`;
    const actual = report.findings.map((f) => key({ ...f, fix: f.severity === 'info' ? 'info' : f.fix })).sort();
    expect(actual).toEqual(expected.map(key).sort());
    expect(report.errors).toEqual([]);
  });

  // only a fixture with tests of its own has this test (a test that runs nothing would pass whatever fix did)
  const tests = [...tree(before).keys()].filter((file) => /\.test\.[cm]?js$/.test(file) && !file.includes('node_modules'));
  if (tests.length > 0) it("the fixture's own tests pass on before/ and still pass on after/ (node --test)", () => {
    for (const dir of [before, after]) {
      const run = spawnSync(process.execPath, ['--test', ...tests], { cwd: dir, encoding: 'utf8' });
      expect(run.status, `${dir}\n${run.stdout}${run.stderr}`).toBe(0);
      const total = run.stdout.match(/^# tests (\d+)/m)?.[1];
      expect(Number(total), run.stdout).toBeGreaterThan(0);
      expect(run.stdout).toMatch(new RegExp(`^# pass ${total}$`, 'm'));
    }
  });

  const pythonFiles = [...tree(after).keys()].filter((file) => /\.(?:py|ipynb)$/.test(file));
  if (pythonFiles.length > 0) it(`after/'s Python ${cpython ? 'compiles with CPython' : "parses (tree-sitter's grammar: no python3 on this machine)"}, notebooks' code cells included`, async () => {
    await loadPythonParser();
    const problems: string[] = [];
    for (const file of pythonFiles) {
      const text = readFileSync(path.join(after, file), 'utf8');
      // a notebook's code cells, IPython's magics (`%pip`, `!ls`) left out as the kernel does
      const sources = file.endsWith('.ipynb')
        ? (JSON.parse(text) as { cells: { cell_type: string; source: string | string[] }[] }).cells
            .filter((cell) => cell.cell_type === 'code')
            .map((cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source).replace(/^[ \t]*[%!].*$/gm, ''))
        : [text];
      for (const [i, source] of sources.entries()) {
        const where = file.endsWith('.ipynb') ? `${file} (code cell ${i + 1})` : file;
        if (cpython) {
          const run = spawnSync(cpython, ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: source, encoding: 'utf8' });
          if (run.status !== 0) problems.push(`${where}: ${run.stderr.trim().split('\n').pop()}`);
        } else {
          try {
            parsePython(source);
          } catch (error) {
            problems.push(`${where}: ${(error as Error).message}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  // a fixture with Python tests of its own (unittest, standard library only) runs them on both sides
  // each Python project's `tests/` folder, run from the project (a monorepo's worker has its own)
  const pythonProjects = [...new Set([...tree(before).keys()].flatMap((file) => /^(?:(.*)\/)?tests\/test_[^/]*\.py$/.exec(file)?.[1] ?? (/^tests\/test_/.test(file) ? '.' : [])))];
  if (pythonProjects.length > 0 && cpython) it("the fixture's own Python tests pass on before/ and still pass on after/ (python3 -m unittest)", () => {
    for (const dir of [before, after].flatMap((side) => pythonProjects.map((project) => path.join(side, project)))) {
      const run = spawnSync(cpython, ['-B', '-m', 'unittest', 'discover', '-s', 'tests', '-t', '.', '-v'], { cwd: dir, encoding: 'utf8' });
      expect(run.status, `${dir}\n${run.stdout}${run.stderr}`).toBe(0);
      const ran = Number(run.stderr.match(/^Ran (\d+) tests?/m)?.[1]);
      expect(ran, run.stderr).toBeGreaterThan(0);
      expect(run.stderr).toMatch(/^OK$/m);
    }
  });

  if (existsSync(path.join(after, 'tsconfig.json'))) it("after/ type-checks, and what imports 'openai', 'ai' or '@ai-sdk/*' is checked against the installed packages' own types", () => {
    const configPath = path.join(after, 'tsconfig.json');
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, { noEmit: true }, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    })!;
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${path.relative(after, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    expect(diagnostics).toEqual([]);
    expect(parsed.fileNames.length).toBeGreaterThan(0);
    // every import of openai, ai or @ai-sdk/* in the fixture's code is bound, by the checker itself, to the
    // declaration file of the package installed in this project's node_modules: a `declare module` shim
    // (which wins over node_modules) or a copy elsewhere would show up as a different declaration
    const checker = program.getTypeChecker();
    const bound: string[] = [];
    const problems: string[] = [];
    const code = program.getSourceFiles().filter((file) => !file.isDeclarationFile && !file.fileName.includes('/node_modules/'));
    for (const file of code) {
      const visit = (node: ts.Node): void => {
        const specifier =
          (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)
            ? node.moduleSpecifier
            : ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) && node.arguments[0] && ts.isStringLiteral(node.arguments[0])
              ? node.arguments[0]
              : undefined;
        const name = specifier && realPackage(specifier.text);
        if (specifier && name) {
          const declaration = checker.getSymbolAtLocation(specifier)?.declarations?.[0];
          const where = declaration && path.relative(projectModules, declaration.getSourceFile().fileName);
          const at = `${path.relative(after, file.fileName)}: '${specifier.text}'`;
          if (!declaration || !ts.isSourceFile(declaration) || !where!.startsWith(`${name}/`)) problems.push(`${at} is bound to ${where ?? 'nothing'}`);
          bound.push(name);
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    expect(problems).toEqual([]);
    // and those are all the packages the code names (read from the text, apart from the walk above)
    const named = code.flatMap((file) => [...file.text.matchAll(/\b(?:from|import|require)\s*\(?\s*['"]([^'"]+)['"]/g)].flatMap((m) => realPackage(m[1]) ?? []));
    expect([...new Set(bound)].sort()).toEqual([...new Set(named)].sort());
  });

  it('ESLint with the plugin on before/ reports what audit reports: position, column, message and whether it fixes or suggests', async () => {
    const results = await lintWithPlugin(before);
    const lint = results.flatMap((r) =>
      r.messages.map((m) => ({
        at: `${path.relative(before, r.filePath).split(path.sep).join('/')}:${m.line}:${m.column} ${m.ruleId!.replace('gpt-image-migrate/', '')}`,
        kind: m.fix ? 'fix' : m.suggestions?.length ? 'suggestion' : 'none',
        message: m.message,
      })),
    );
    const report = await audit(before);
    const audited = report.findings
      .filter((f) => isCodeFile(f.file) && f.severity !== 'info') // ESLint has no info level
      .map((f) => ({
        at: `${f.file}:${f.line}:${f.column} ${f.rule}`,
        kind: f.fix === 'auto' && f.edits.length > 0 ? 'fix' : f.suggestion ? 'suggestion' : 'none',
        message: f.message,
        decidedBy: f.decidedBy,
      }));
    const byPlace = (a: { at: string }, b: { at: string }) => a.at.localeCompare(b.at);
    expect(lint.map((m) => m.at).sort()).toEqual(audited.map((f) => f.at).sort());
    // ESLint sees one file: where audit says another file decided (README, "One value, one decision"), the
    // file's own decision may differ; everywhere else the kind of change is the same, and so is the message,
    // to which audit may only add what other files say (a snapshot that records the id too)
    const ownDecision = audited.filter((f) => !f.decidedBy).sort(byPlace);
    const lintOfThose = lint.filter((m) => ownDecision.some((f) => f.at === m.at)).sort(byPlace);
    expect(lintOfThose.map(({ at, kind }) => ({ at, kind }))).toEqual(ownDecision.map(({ at, kind }) => ({ at, kind })));
    for (const [i, m] of lintOfThose.entries()) {
      const said = ownDecision[i].message;
      expect(said === m.message || said.startsWith(`${m.message} `) ? m.message : said, m.at).toBe(m.message);
    }
  });

  it('ESLint with the plugin on after/ reports what audit reports, none of it auto-fixable', async () => {
    const results = await lintWithPlugin(after);
    const lint = results.flatMap((r) =>
      r.messages.map((m) => {
        expect(m.fatal, `${r.filePath}: ${m.message}`).toBeFalsy();
        return { file: path.relative(after, r.filePath).split(path.sep).join('/'), line: m.line, rule: m.ruleId!.replace('gpt-image-migrate/', ''), fixable: Boolean(m.fix) };
      }),
    );
    const report = await audit(after);
    // ESLint lints JS/TS only: audit's findings in Markdown, .env, JSON, YAML... have no lint twin
    const codeFindings = report.findings.filter((f) => isCodeFile(f.file) && f.severity !== 'info');
    expect(codeFindings.filter((f) => f.fix === 'auto')).toEqual([]);
    // ESLint sees one file: what only other files decide (a test of the package asserts the id) it would
    // still fix; those, and only those, are the ones audit says another file decided
    const decidedElsewhere = codeFindings.filter((f) => f.decidedBy && f.edits.length === 0 && f.suggestion).map((f) => ({ file: f.file, line: f.line, rule: f.rule, fixable: true }));
    expect(lint.filter((m) => m.fixable)).toEqual(decidedElsewhere);
    const key = (f: { file: string; line: number; rule: string }) => `${f.file}:${f.line} ${f.rule}`;
    expect(lint.map(key).sort()).toEqual(codeFindings.map(key).sort());
  });
});
