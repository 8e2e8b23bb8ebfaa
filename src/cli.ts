/**
 * The command line: `audit` and `fix`. Wiring only: options are parsed and
 * validated here, the work is done by the runner, the words by the reports.
 */
import { Chalk } from 'chalk';
import { SingleBar } from 'cli-progress';
import { Command, CommanderError, Option } from 'commander';
import { createTwoFilesPatch } from 'diff';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OptionError, resolveOptions, type MigrationOptions, type Severity } from './catalog/index.js';
import { packageInfo as pkg } from './package-info.js';
import type { Report } from './report/model.js';
import { formatText } from './report/text.js';
import { gitState } from './run/git.js';
import { run, type RunResult } from './run/runner.js';
import { DEFAULT_MAX_FILE_BYTES } from './run/source-file.js';


export const EXIT = {
  ok: 0,
  findings: 1,
  fileErrors: 2,
  usage: 3,
  internal: 4,
} as const;

const EXIT_HELP = `
Exit codes:
  0  success (audit: no finding at or above --fail-on)
  1  audit found findings at or above --fail-on (default: error)
  2  some files could not be read, parsed or written (the others were processed)
  3  bad usage, or fix refused to run (uncommitted changes without --force)
  4  internal error (a bug: please report it with the output of --debug)`;

export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly cwd: string;
}

interface CommonFlags {
  now?: string;
  target?: string;
  tierMap?: string;
  maxFileSize: string;
  debug?: boolean;
  progress: boolean;
}

class UsageError extends Error {}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  const stderrChalk = new Chalk(io.stderr.isTTY ? {} : { level: 0 });
  const stdoutChalk = new Chalk(io.stdout.isTTY ? {} : { level: 0 });
  const fail = (message: string): void => {
    io.stderr.write(`${stderrChalk.red('gpt-image-migrate:')} ${message}\n`);
  };

  const program = new Command()
    .name('gpt-image-migrate')
    .description(
      "Find and rewrite calls to OpenAI's retired image models (gpt-image-1, gpt-image-1-mini, gpt-image-1.5,\nchatgpt-image-latest, dall-e-2, dall-e-3) so they call gpt-image-2.",
    )
    .version(pkg.version)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_HELP);

  const common = (command: Command): Command =>
    command
      .argument('[paths...]', 'files or directories to scan (default: the current directory)')
      .option('--now <YYYY-MM-DD>', "today's date, for date-aware severity (default: today, or $GPT_IMAGE_MIGRATE_NOW)")
      .option('--target <model>', 'the model calls move to', 'gpt-image-2')
      .option('--tier-map <pairs>', 'quality → resolution tier on resolution-tier gateways', 'low=1k,medium=2k,high=4k')
      .option('--max-file-size <MB>', 'skip files larger than this, with a message', String(DEFAULT_MAX_FILE_BYTES / 1024 / 1024))
      .option('--no-progress', 'never show a progress bar (shown on a TTY for runs over 200 files)')
      .option('--debug', 'print stack traces of internal errors')
      .addHelpText('after', EXIT_HELP);

  common(
    program
      .command('audit')
      .description('report every use of a retired image model: what fix will change, what needs a person'),
  )
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
        .choices(['error', 'warning', 'info', 'none'])
        .default('error'),
    )
    .addHelpText(
      'after',
      `
Examples:
  gpt-image-migrate audit                       # the current repository, as text
  gpt-image-migrate audit src --format json -o audit.json
  gpt-image-migrate audit --fail-on warning     # CI: also fail on ids that retire soon`,
    )
    .action(async (paths: string[], flags: CommonFlags & { format: 'text' | 'json'; output?: string; failOn: Severity | 'none' }) => {
      const options = parseCommon(flags);
      const result = await runWithProgress(paths, options, false, flags, io);
      const { report } = result;
      const text = flags.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatText(report, flags.output ? new Chalk({ level: 0 }) : stdoutChalk);
      if (flags.output) {
        await writeFile(path.resolve(io.cwd, flags.output), text);
        io.stderr.write(`Report written to ${flags.output} (${report.summary.findings} findings).\n`);
      } else {
        io.stdout.write(text);
      }
      reportInternal(result, flags, io);
      exitCode = report.errors.length > 0 ? EXIT.fileErrors : failsOn(report, flags.failOn) ? EXIT.findings : EXIT.ok;
    });

  common(
    program
      .command('fix')
      .description('rewrite retired model ids and the params gpt-image-2 rejects, in place'),
  )
    .option('--dry-run', 'print a unified diff of the changes and write nothing')
    .option('--force', 'write even when the git work tree has uncommitted changes')
    .addHelpText(
      'after',
      `
Only what the plan marks "auto" is changed; comparisons, data keys, Azure deployment names and
anything else a person must decide are left as they were (list them with \`audit\`).
Every file is written atomically (temporary file + rename), keeping its BOM, line endings and mode.

Examples:
  gpt-image-migrate fix --dry-run               # see the diff first
  gpt-image-migrate fix packages/api            # a monorepo package`,
    )
    .action(async (paths: string[], flags: CommonFlags & { dryRun?: boolean; force?: boolean }) => {
      const options = parseCommon(flags);
      if (!flags.dryRun) {
        const state = await gitState(io.cwd, paths);
        if (state.kind === 'dirty' && !flags.force) {
          const shown = state.files.slice(0, 5).map((f) => `  ${f}`).join('\n');
          const more = state.files.length > 5 ? `\n  … and ${state.files.length - 5} more` : '';
          fail(
            `refusing to write: ${state.files.length} file${state.files.length === 1 ? ' has' : 's have'} uncommitted changes:\n${shown}${more}\nCommit or stash them so the fix can be reviewed and undone, or pass --force.`,
          );
          exitCode = EXIT.usage;
          return;
        }
        if (state.kind === 'not-a-repository') {
          io.stderr.write(`${stderrChalk.yellow('note:')} not inside a git repository: the changes cannot be undone with git.\n`);
        }
      }
      const result = await runWithProgress(paths, options, !flags.dryRun, flags, io);
      const { report, changes } = result;
      if (flags.dryRun) {
        for (const change of changes) io.stdout.write(colourDiff(createTwoFilesPatch(`a/${change.file}`, `b/${change.file}`, change.before, change.after), stdoutChalk));
      }
      for (const error of report.errors) fail(`${error.file}: ${error.message}`);
      const s = report.summary;
      const verb = flags.dryRun ? 'would change' : 'changed';
      io.stderr.write(
        `${changes.length} file${changes.length === 1 ? '' : 's'} ${verb} (${s.byFix.auto} automatic change${s.byFix.auto === 1 ? '' : 's'}); ` +
          `${s.byFix.manual} item${s.byFix.manual === 1 ? '' : 's'} left for a person (list them with \`gpt-image-migrate audit\`)` +
          `${report.errors.length > 0 ? `; ${report.errors.length} file${report.errors.length === 1 ? '' : 's'} could not be processed` : ''}.\n`,
      );
      reportInternal(result, flags, io);
      exitCode = report.errors.length > 0 ? EXIT.fileErrors : EXIT.ok;
    });

  try {
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof OptionError || error instanceof UsageError) {
      fail(error.message);
      return EXIT.usage;
    }
    fail(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    if (argv.includes('--debug') && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return EXIT.internal;
  }
  return exitCode;
}

function parseCommon(flags: CommonFlags): MigrationOptions & { maxFileBytes: number } {
  const megabytes = Number(flags.maxFileSize);
  if (!Number.isFinite(megabytes) || megabytes <= 0) throw new UsageError(`--max-file-size must be a positive number of megabytes, got '${flags.maxFileSize}'`);
  return { ...resolveOptions({ now: flags.now, target: flags.target, tierMap: flags.tierMap }), maxFileBytes: megabytes * 1024 * 1024 };
}

async function runWithProgress(
  paths: string[],
  options: MigrationOptions & { maxFileBytes: number },
  write: boolean,
  flags: CommonFlags,
  io: Io,
): Promise<RunResult> {
  let bar: SingleBar | null = null;
  const result = await run({
    paths,
    cwd: io.cwd,
    migration: options,
    write,
    maxFileBytes: options.maxFileBytes,
    onStart: (total) => {
      if (flags.progress && io.stderr.isTTY && total > 200) {
        bar = new SingleBar({ stream: io.stderr, format: 'scanning [{bar}] {percentage}% {value}/{total} files', hideCursor: true, clearOnComplete: true });
        bar.start(total, 0);
      }
    },
    onProgress: (done) => bar?.update(done),
  });
  (bar as SingleBar | null)?.stop();
  return result;
}

function failsOn(report: Report, threshold: Severity | 'none'): boolean {
  if (threshold === 'none') return false;
  const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
  return report.findings.some((f) => rank[f.severity] >= rank[threshold]);
}

function reportInternal(result: RunResult, flags: CommonFlags, io: Io): void {
  if (!flags.debug) return;
  for (const { file, error } of result.internalErrors) {
    io.stderr.write(`${file}: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
}

function colourDiff(patch: string, chalk: InstanceType<typeof Chalk>): string {
  return patch
    .split('\n')
    .map((line) =>
      line.startsWith('+') && !line.startsWith('+++') ? chalk.green(line) : line.startsWith('-') && !line.startsWith('---') ? chalk.red(line) : line.startsWith('@@') ? chalk.cyan(line) : line,
    )
    .join('\n');
}
