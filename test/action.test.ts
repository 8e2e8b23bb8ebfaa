/**
 * The GitHub Action, run as the runner runs it: action.yml's step (its
 * `run:` line in `bash --noprofile --norc -eo pipefail`, its `env:` with each
 * `${{ inputs.* }}` replaced by the input's value or default) in a temporary
 * git repository, with GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT
 * and RUNNER_TEMP set. What it writes is checked as GitHub reads it: the SARIF
 * file against the official SARIF 2.1.0 schema, the job summary, the
 * `$GITHUB_OUTPUT` file in the runner's format, and the exit code for each
 * fail-on value.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXIT } from '../src/cli.js';
import { ACTION_INPUTS, ACTION_OUTPUTS } from '../src/github-action.js';
import type { PricedReport } from '../src/report/model.js';
import { cleanTempDirs, commitAll, git, gitInit, GOOD_SOURCE, NOW, tempDir, writeFiles } from './support/cli.js';
import { ensureBuilt, PACKAGE_ROOT } from './support/dist.js';
import { parseGithubOutput } from './support/github.js';
import { expectValid } from './support/sarif.js';

afterAll(cleanTempDirs);

interface ActionStep {
  id?: string;
  name?: string;
  shell?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface ActionYml {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const actionYmlText = fs.readFileSync(path.join(PACKAGE_ROOT, 'action.yml'), 'utf8');
const action = parse(actionYmlText) as ActionYml;
const auditStep = action.runs.steps.find((s) => s.id === 'audit')!;

/** `${{ inputs.x }}` → the value given for x, else its default (what the runner substitutes). */
function substitute(template: string, inputs: Record<string, string>, spec: ActionYml = action): string {
  return template.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => {
    if (!(name in spec.inputs)) throw new Error(`action.yml refers to an undeclared input '${name}'`);
    return inputs[name] ?? spec.inputs[name].default ?? '';
  });
}

interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  runnerTemp: string;
}

/** An environment without the test process's own GitHub variables (CI may set them). */
function baseEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_') && !k.startsWith('INPUT_') && k !== 'RUNNER_TEMP'));
}

/** Runs action.yml's audit step in `workspace` as the runner would. */
function runStep(workspace: string, inputs: Record<string, string> = {}, options: { actionPath?: string; spec?: ActionYml; env?: NodeJS.ProcessEnv; rename?: (key: string) => string } = {}): StepRun {
  const spec = options.spec ?? action;
  const step = spec.runs.steps.find((s) => s.id === 'audit')!;
  const scratch = tempDir();
  const runnerTemp = path.join(scratch, 'runner-temp');
  fs.mkdirSync(runnerTemp);
  const summaryFile = path.join(scratch, 'step_summary');
  const outputFile = path.join(scratch, 'output');
  fs.writeFileSync(summaryFile, '<!-- an earlier step -->\n');
  fs.writeFileSync(outputFile, '');
  const script = path.join(scratch, 'step.sh');
  fs.writeFileSync(script, step.run!);
  const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [options.rename ? options.rename(k) : k, substitute(v, inputs, spec)]));
  const child = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd: workspace,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...baseEnv(),
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION_PATH: options.actionPath ?? PACKAGE_ROOT,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      GITHUB_REPOSITORY: 'acme/web',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_SHA: git(workspace, 'rev-parse', 'HEAD').trim(),
      RUNNER_TEMP: runnerTemp,
      GPT_IMAGE_MIGRATE_NOW: NOW,
      ...options.env,
      ...stepEnv,
    },
  });
  if (child.error) throw child.error;
  return {
    code: child.status ?? -1,
    stdout: child.stdout,
    stderr: child.stderr,
    outputs: parseGithubOutput(fs.readFileSync(outputFile, 'utf8')),
    summary: fs.readFileSync(summaryFile, 'utf8'),
    runnerTemp,
  };
}

/**
 * A repository with one finding of each severity in its own directory (on
 * NOW, 2026-11-21): gpt-image-1 is shut down (error), gpt-image-1-mini shuts
 * down on 2026-12-01 (warning), a Markdown mention is info.
 */
function repository(): string {
  const dir = tempDir();
  gitInit(dir);
  writeFiles(dir, {
    'src/a.ts': GOOD_SOURCE,
    'lib/pick.ts': "export const isMini = (model: string) => model === 'gpt-image-1-mini';\n",
    'docs/models.md': '# Models\n\nWe used dall-e-3 for the covers.\n',
  });
  commitAll(dir);
  return dir;
}

let repo: string;
beforeAll(() => {
  ensureBuilt();
  repo = repository();
});

describe('action.yml', () => {
  it('is a composite action whose step passes every input the script reads, and whose outputs are the ones it writes', () => {
    expect(action.runs.using).toBe('composite');
    expect(auditStep.shell).toBe('bash');
    expect(auditStep.run).toContain('$GITHUB_ACTION_PATH/action/run.mjs');
    // each input the script reads reaches it as INPUT_<NAME> (underscores: every shell keeps them)
    expect(auditStep.env).toEqual(Object.fromEntries(ACTION_INPUTS.map((name) => [`INPUT_${name.toUpperCase().replace(/-/g, '_')}`, `\${{ inputs.${name} }}`])));
    // and every declared input is used by some step (the script's, or the upload's)
    const used = new Set([...JSON.stringify(action.runs.steps).matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1]));
    expect(Object.keys(action.inputs).sort()).toEqual([...used].sort());
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description.length, name).toBeGreaterThan(10);
    expect(action.inputs['fail-on'].default).toBe('error');
    expect(action.inputs.paths.default).toBe('.');

    expect(Object.keys(action.outputs)).toEqual([...ACTION_OUTPUTS]);
    for (const [name, output] of Object.entries(action.outputs)) expect(output.value).toBe(`\${{ steps.audit.outputs.${name} }}`);

    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with).toEqual({ sarif_file: '${{ steps.audit.outputs.sarif-file }}', category: '${{ inputs.category }}' });
    // uploaded after a failing audit too, but not after a cancelled run or without a file
    expect(upload.if).toBe("${{ !cancelled() && inputs.upload-sarif == 'true' && steps.audit.outputs.sarif-file != '' }}");
    expect(action.runs.steps.indexOf(upload)).toBeGreaterThan(action.runs.steps.indexOf(auditStep));
  });
});

describe('the action step in a repository with a retired-model call', () => {
  let step: StepRun;
  let report: PricedReport;
  beforeAll(() => {
    step = runStep(repo);
    report = JSON.parse(fs.readFileSync(step.outputs['json-file'], 'utf8')) as PricedReport;
  });

  it('fails by the default fail-on (error): exit 1, with an error annotation', () => {
    expect(step.code, step.stderr).toBe(EXIT.findings);
    expect(step.stdout).toMatch(/^::error::gpt-image-migrate: 1 finding at or above fail-on 'error'/m);
    expect(report.summary.bySeverity).toEqual({ error: 1, warning: 1, info: 1 });
  });

  it('writes a SARIF 2.1.0 file outside the checkout that the official schema accepts, one result per finding, paths relative to the checkout', () => {
    const sarifFile = step.outputs['sarif-file'];
    expect(path.isAbsolute(sarifFile)).toBe(true);
    expect(sarifFile.startsWith(step.runnerTemp + path.sep)).toBe(true);
    const log = JSON.parse(fs.readFileSync(sarifFile, 'utf8')) as Log;
    expectValid(log);
    const results = log.runs[0].results!;
    expect(results.map((r) => r.locations![0].physicalLocation!.artifactLocation!.uri).sort()).toEqual(report.findings.map((f) => f.file).sort());
    expect(results.map((r) => r.level).sort()).toEqual(['error', 'note', 'warning']);
    expect(log.runs[0].originalUriBaseIds!['%SRCROOT%'].uri).toBe(`file://${repo}/`);
    // the checkout is left as it was: nothing to commit by accident in a later step
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('appends the Markdown report to the job summary: the findings table, with links to the audited commit', () => {
    const markdown = fs.readFileSync(step.outputs['markdown-file'], 'utf8');
    expect(step.summary).toBe(`<!-- an earlier step -->\n${markdown}`);
    expect(markdown).toMatch(/^# Image model migration: acme\/web$/m);
    const table = markdown.slice(markdown.indexOf('## Findings by surface and severity'));
    expect(table).toMatch(/^\| surface \| error \| warning \| info \| auto \| manual \| total \|$/m);
    const s = report.summary;
    expect(table).toContain(`| **total** | **${s.bySeverity.error}** | **${s.bySeverity.warning}** | **${s.bySeverity.info}** | **${s.byFix.auto}** | **${s.byFix.manual}** | **${s.findings}** |`);
    const sha = git(repo, 'rev-parse', 'HEAD').trim();
    expect(markdown).toContain(`(https://github.com/acme/web/blob/${sha}/lib/pick.ts#L1)`);
  });

  it("writes every output in GitHub's format, the counts of the JSON report", () => {
    expect(Object.keys(step.outputs)).toEqual([...ACTION_OUTPUTS]);
    const s = report.summary;
    expect(step.outputs).toMatchObject({
      findings: String(s.findings),
      error: String(s.bySeverity.error),
      warning: String(s.bySeverity.warning),
      info: String(s.bySeverity.info),
      auto: String(s.byFix.auto),
      manual: String(s.byFix.manual),
      'not-processed': '0',
      'exit-code': String(step.code),
    });
    expect(s.findings).toBe(3);
    for (const key of ['sarif-file', 'markdown-file', 'json-file']) expect(fs.existsSync(step.outputs[key]), key).toBe(true);
  });
});

describe('fail-on', () => {
  // the highest severity under each path: . error, lib warning, docs info
  const cases: [paths: string, failOn: string, code: number][] = [
    ['.', 'none', EXIT.ok],
    ['lib', 'error', EXIT.ok],
    ['lib', 'warning', EXIT.findings],
    ['docs', 'warning', EXIT.ok],
    ['docs', 'info', EXIT.findings],
  ];
  it.each(cases)('paths %s, fail-on %s: exit %i', (paths, failOn, code) => {
    const step = runStep(repo, { paths, 'fail-on': failOn });
    expect(step.code, step.stdout + step.stderr).toBe(code);
    expect(step.outputs['exit-code']).toBe(String(code));
    // the SARIF is written whatever the gate says, so the upload step has it
    expectValid(JSON.parse(fs.readFileSync(step.outputs['sarif-file'], 'utf8')) as Log);
    if (code === EXIT.ok) expect(step.stdout).not.toMatch(/^::error::/m);
  });

  it('reads INPUT_FAIL-ON too, the name a JavaScript action gets, and paths one per line; links name the audited subdirectory', () => {
    const step = runStep(repo, { paths: 'lib\n', 'fail-on': 'warning' }, { rename: (key) => key.replace(/^INPUT_FAIL_ON$/, 'INPUT_FAIL-ON') });
    expect(step.code).toBe(EXIT.findings);
    const sha = git(repo, 'rev-parse', 'HEAD').trim();
    expect(fs.readFileSync(step.outputs['markdown-file'], 'utf8')).toContain(`(https://github.com/acme/web/blob/${sha}/lib/pick.ts#L1)`);
    const log = JSON.parse(fs.readFileSync(step.outputs['sarif-file'], 'utf8')) as Log;
    expect(log.runs[0].results!.map((r) => r.locations![0].physicalLocation!.artifactLocation!.uri)).toEqual(['lib/pick.ts']);
  });

  it('a fail-on the action does not know is bad input: exit 3, an error annotation that names the choices, no outputs', () => {
    const step = runStep(repo, { 'fail-on': 'errors' });
    expect(step.code).toBe(EXIT.usage);
    expect(step.stdout).toMatch(/^::error::gpt-image-migrate: input fail-on must be one of error, warning, info, none, got 'errors'$/m);
    expect(step.outputs).toEqual({});
    expect(step.summary).toBe('<!-- an earlier step -->\n');
  });
});

describe('the action from a tag: no build in its checkout', () => {
  /** The action's own files, as `uses: owner/repo@tag` checks them out (no dist/, no node_modules). */
  function actionCheckout(): string {
    const dir = tempDir();
    writeFiles(dir, {
      'action.yml': actionYmlText,
      'action/run.mjs': fs.readFileSync(path.join(PACKAGE_ROOT, 'action/run.mjs')),
      'package.json': fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json')),
    });
    return dir;
  }

  /** An `npm` first on PATH that records its arguments and, unless told to fail, "installs" this build. */
  function fakeNpm(fail: boolean): { bin: string; log: string } {
    const bin = tempDir();
    const log = path.join(bin, 'npm.log');
    const script = [
      '#!/usr/bin/env bash',
      `printf '%s\\n' "$@" > '${log}'`,
      fail ? 'echo "npm ERR! 404 Not Found" >&2; exit 1' : '',
      'prefix=""; while [ $# -gt 0 ]; do [ "$1" = --prefix ] && prefix=$2; shift; done',
      'mkdir -p "$prefix/node_modules"',
      `ln -s '${PACKAGE_ROOT}' "$prefix/node_modules/gpt-image-migrate"`,
    ].join('\n');
    fs.writeFileSync(path.join(bin, 'npm'), script, { mode: 0o755 });
    return { bin, log };
  }

  const version = (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  it("installs the npm package of the action's own version into RUNNER_TEMP, then runs it", () => {
    const npm = fakeNpm(false);
    const step = runStep(repo, { 'fail-on': 'none' }, { actionPath: actionCheckout(), env: { PATH: `${npm.bin}${path.delimiter}${process.env.PATH}` } });
    expect(step.code, step.stdout + step.stderr).toBe(EXIT.ok);
    const args = fs.readFileSync(npm.log, 'utf8').trim().split('\n');
    expect(args[0]).toBe('install');
    expect(args.at(-1)).toBe(`gpt-image-migrate@${version}`);
    expect(args[args.indexOf('--prefix') + 1]).toBe(path.join(step.runnerTemp, `gpt-image-migrate-action-${version}`));
    expect(args).toContain('--omit=dev');
    expect(step.outputs.findings).toBe('3');
  });

  it('says what is missing when npm cannot install it: exit 4 and an error annotation', () => {
    const npm = fakeNpm(true);
    const step = runStep(repo, {}, { actionPath: actionCheckout(), env: { PATH: `${npm.bin}${path.delimiter}${process.env.PATH}` } });
    expect(step.code).toBe(EXIT.internal);
    expect(step.stdout).toMatch(new RegExp(`^::error::gpt-image-migrate: could not install gpt-image-migrate@${version.replace(/\./g, '\\.')} \\(npm exited with 1\\)\\. .*npm registry\\.$`, 'm'));
    expect(step.outputs).toEqual({});
  });
});
