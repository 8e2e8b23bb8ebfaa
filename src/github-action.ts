/**
 * The GitHub Action (`action.yml` at the repository root): one audit of the
 * checkout, written three ways (SARIF for code scanning, Markdown for the
 * job summary, JSON for later steps), step outputs with the counts, and the
 * CLI's exit codes, so the step fails by `fail-on` exactly as `audit
 * --fail-on` does. `action/run.mjs` finds this module (this checkout's build,
 * or the published package of the action's version) and calls `runAction`
 * with the step's environment.
 *
 * Inputs arrive as GitHub passes them: `INPUT_<NAME>` (JavaScript actions
 * keep a `-` in the name, `INPUT_FAIL-ON`; action.yml passes them to this
 * composite step as `INPUT_FAIL_ON`, which every shell keeps). Outputs go to
 * `$GITHUB_OUTPUT` in GitHub's `name<<delimiter` form, the summary to
 * `$GITHUB_STEP_SUMMARY`, messages for the run's page as `::error::` lines.
 */
import { Chalk } from 'chalk';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OptionError, type Severity } from './catalog/index.js';
import { EXIT, failsOn, parseCommon, UsageError } from './cli.js';
import { builtInPrices, withCost } from './report/cost.js';
import { renderReport } from './report/render.js';
import { run } from './run/runner.js';
import { DEFAULT_MAX_FILE_BYTES } from './text/source-file.js';

/** What the script reads (action.yml passes each to the step as `INPUT_*`). */
export const ACTION_INPUTS = ['paths', 'target', 'fail-on', 'config', 'sarif-file', 'name', 'link-base'] as const;
export type ActionInput = (typeof ACTION_INPUTS)[number];

/** What the script writes to `$GITHUB_OUTPUT` (action.yml maps each to an output of the action). */
export const ACTION_OUTPUTS = [
  'findings',
  'error',
  'warning',
  'info',
  'auto',
  'manual',
  'not-processed',
  'sarif-file',
  'markdown-file',
  'json-file',
  'exit-code',
] as const;
export type ActionOutput = (typeof ACTION_OUTPUTS)[number];

const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;

/** GitHub refuses a job summary over 1 MiB per step; the Markdown report is cut below that, at a line. */
export const SUMMARY_LIMIT = 1024 * 1024 - 4096;

export interface ActionIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** An input's value as the runner passes it (`INPUT_FAIL-ON` or `INPUT_FAIL_ON`), trimmed; '' when not set. */
export function actionInput(env: NodeJS.ProcessEnv, name: ActionInput): string {
  const upper = name.toUpperCase().replace(/ /g, '_');
  return (env[`INPUT_${upper}`] ?? env[`INPUT_${upper.replace(/-/g, '_')}`] ?? '').trim();
}

/** `paths`: one per line, or several on one line separated by spaces (a path with a space needs its own line). */
export function parsePaths(value: string): string[] {
  const lines = value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const paths = lines.length > 1 ? lines : lines.flatMap((line) => line.split(/\s+/));
  return paths.length > 0 ? paths : ['.'];
}

/** One `$GITHUB_OUTPUT` entry, in the multi-line form whose delimiter cannot occur in the value. */
export function outputEntry(name: string, value: string): string {
  let delimiter = `ghadelimiter_${randomUUID()}`;
  while (value.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/** The Markdown report, cut at a line below GitHub's summary limit with a note saying where the rest is. */
export function summaryText(markdown: string, fullReport: string): string {
  if (Buffer.byteLength(markdown) <= SUMMARY_LIMIT) return markdown;
  const note = `\n\n---\n**The report is longer than a job summary may be: the whole report is \`${fullReport}\` (the \`markdown-file\` output; keep it with actions/upload-artifact).**\n`;
  const head = Buffer.from(markdown).subarray(0, SUMMARY_LIMIT - Buffer.byteLength(note)).toString('utf8');
  return head.slice(0, head.lastIndexOf('\n') + 1) + note;
}

/** Runs the action's step; returns the exit code (0 ok, 1 findings at or above fail-on, 2 files not processed, 3 bad input, 4 internal). */
export async function runAction(env: NodeJS.ProcessEnv, io: ActionIo): Promise<number> {
  // `::error::` shows on the run's page and in the pull request; the rest of the line is for the log
  const annotate = (level: 'error' | 'warning' | 'notice', message: string) => io.stdout.write(`::${level}::${escapeData(message)}\n`);
  try {
    return await runStep(env, io, annotate);
  } catch (error) {
    if (error instanceof OptionError || error instanceof UsageError) {
      annotate('error', `gpt-image-migrate: ${error.message}`);
      return EXIT.usage;
    }
    annotate('error', `gpt-image-migrate: internal error: ${error instanceof Error ? error.message : String(error)} (please report it with this log)`);
    if (error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return EXIT.internal;
  }
}

async function runStep(env: NodeJS.ProcessEnv, io: ActionIo, annotate: (level: 'error' | 'warning' | 'notice', message: string) => void): Promise<number> {
  const input = (name: ActionInput) => actionInput(env, name);
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
  if (!statSync(workspace, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`GITHUB_WORKSPACE is not a directory: ${workspace} (run actions/checkout before this action)`);
  }
  const failOn = (input('fail-on') || 'error') as Severity | 'none';
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`input fail-on must be one of ${FAIL_ON.join(', ')}, got '${failOn}'`);
  const paths = parsePaths(input('paths'));

  const options = parseCommon(
    { target: input('target') || undefined, config: input('config') || undefined, maxFileSize: String(DEFAULT_MAX_FILE_BYTES / 1024 / 1024), progress: false, verify: false, parser: 'oxc' },
    paths,
    workspace,
  );
  const result = await run({ paths, cwd: workspace, migration: options, write: false, verify: false, maxFileBytes: options.maxFileBytes });

  // links open the audited commit; the report's paths are relative to its root, which may be a subdirectory
  const name = input('name') || env.GITHUB_REPOSITORY || undefined;
  let linkBase = input('link-base') || undefined;
  if (!linkBase && env.GITHUB_REPOSITORY && env.GITHUB_SHA) {
    const sub = path.relative(workspace, result.report.root).split(path.sep).join('/');
    linkBase = `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/${sub && !sub.startsWith('..') ? `${sub}/` : ''}`;
  }
  const report = withCost({ ...result.report, ...(name ? { name } : {}), ...(linkBase ? { linkBase } : {}) }, builtInPrices());

  const outDir = env.RUNNER_TEMP ? path.join(env.RUNNER_TEMP, 'gpt-image-migrate') : mkdtempSync(path.join(os.tmpdir(), 'gpt-image-migrate-'));
  mkdirSync(outDir, { recursive: true });
  const sarifFile = input('sarif-file') ? path.resolve(workspace, input('sarif-file')) : path.join(outDir, 'gpt-image-migrate.sarif');
  const markdownFile = path.join(outDir, 'gpt-image-migrate.md');
  const jsonFile = path.join(outDir, 'gpt-image-migrate.json');
  const [sarif, markdown, json, text] = await Promise.all([
    renderReport(report, 'sarif', { srcRoot: workspace }),
    renderReport(report, 'markdown'),
    renderReport(report, 'json'),
    renderReport(report, 'text', { chalk: new Chalk({ level: 0 }) }),
  ]);
  mkdirSync(path.dirname(sarifFile), { recursive: true });
  writeFileSync(sarifFile, sarif);
  writeFileSync(markdownFile, markdown);
  writeFileSync(jsonFile, json);
  io.stdout.write(text);
  io.stdout.write(`SARIF: ${sarifFile}\nMarkdown: ${markdownFile}\nJSON: ${jsonFile}\n`);

  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summaryText(markdown, markdownFile));
  else io.stderr.write('GITHUB_STEP_SUMMARY is not set: no job summary written (outside GitHub Actions)\n');

  const exitCode = result.internalErrors.length > 0 ? EXIT.internal : report.errors.length > 0 ? EXIT.fileErrors : failsOn(report, failOn) ? EXIT.findings : EXIT.ok;
  const s = report.summary;
  const outputs: Record<ActionOutput, string | number> = {
    findings: s.findings,
    error: s.bySeverity.error,
    warning: s.bySeverity.warning,
    info: s.bySeverity.info,
    auto: s.byFix.auto,
    manual: s.byFix.manual,
    'not-processed': s.errors,
    'sarif-file': sarifFile,
    'markdown-file': markdownFile,
    'json-file': jsonFile,
    'exit-code': exitCode,
  };
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, Object.entries(outputs).map(([key, value]) => outputEntry(key, String(value))).join(''));
  else io.stderr.write('GITHUB_OUTPUT is not set: no step outputs written (outside GitHub Actions)\n');

  for (const error of report.errors) annotate('warning', `gpt-image-migrate: ${error.file}: ${error.message}`);
  if (exitCode === EXIT.findings) {
    const at = report.findings.filter((f) => failOn !== 'none' && rank[f.severity] >= rank[failOn]).length;
    annotate('error', `gpt-image-migrate: ${at} finding${at === 1 ? '' : 's'} at or above fail-on '${failOn}' (${s.byFix.auto} of all ${s.findings} fixed by \`npx gpt-image-migrate fix\`; the job summary lists the rest)`);
  } else if (exitCode === EXIT.fileErrors) {
    annotate('error', `gpt-image-migrate: ${s.errors} file${s.errors === 1 ? '' : 's'} could not be processed (listed above); the others were audited`);
  } else if (exitCode === EXIT.internal) {
    for (const { file, error } of result.internalErrors) io.stderr.write(`${file}: ${error instanceof Error ? error.stack : String(error)}\n`);
    annotate('error', 'gpt-image-migrate: internal error while planning some files (a bug: please report it with this log)');
  }
  return exitCode;
}

const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** A workflow command's message: `%`, CR and LF escaped as the runner expects. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
