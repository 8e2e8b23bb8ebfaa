/**
 * The command line: `audit` and `fix`. Wiring only: options are parsed and
 * validated here, the work is done by the runner, the words by the reports.
 */
import { Chalk } from 'chalk';
import type { SingleBar } from 'cli-progress';
import { Command, CommanderError, Option } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { currentModels, OptionError, resolveOptions, retirementsByDate, type MigrationOptions, type MigrationOptionsInput, type Severity } from './catalog/index.js';
import { loadCatalogFile } from './catalog-file.js';
import { CONFIG_FILES, loadConfig } from './config.js';
import { packageInfo as pkg } from './package-info.js';
import type { PriceBook } from './report/cost.js';
import type { MergeInput } from './report/merge.js';
import type { Report } from './report/model.js';
import type { ReportFormat } from './report/render.js';
import { gitState } from './run/git.js';
import type { RunResult } from './run/runner.js';
import { DEFAULT_MAX_FILE_BYTES } from './text/source-file.js';


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
  /** The environment (OPENAI_API_KEY, OPENAI_BASE_URL); default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface CommonFlags {
  now?: string;
  catalog?: string;
  target?: string;
  tierMap?: string;
  allow?: string;
  azureDeploymentMap?: string;
  config?: string;
  maxFileSize: string;
  debug?: boolean;
  progress: boolean;
  verify: boolean;
  parser: 'oxc' | 'typescript';
}

/** Bad usage the command line (or the GitHub Action) names: exit 3. */
export class UsageError extends Error {}

/**
 * Colour for one stream: never into a pipe or a file (a diff piped to `git
 * apply` must stay a diff, whatever the environment says); on a terminal,
 * FORCE_COLOR decides when set, as in Node (it wins over NO_COLOR: '0' or
 * 'false' is off, 1-3 the level), else a non-empty NO_COLOR turns colour off
 * (no-color.org), else the terminal's own level.
 */
export function chalkFor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): InstanceType<typeof Chalk> {
  if (!stream.isTTY) return new Chalk({ level: 0 });
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return new Chalk({ level: 0 });
    return new Chalk({ level: Math.min(Math.max(Number.parseInt(force, 10) || 1, 1), 3) as 1 | 2 | 3 });
  }
  if (env.NO_COLOR) return new Chalk({ level: 0 });
  return new Chalk();
}

/** The vendor's list could not be read (network, server): exit 2, as for what could not be read. */
class UnavailableError extends Error {}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  const stderrChalk = chalkFor(io.stderr);
  const stdoutChalk = chalkFor(io.stdout);
  const fail = (message: string): void => {
    io.stderr.write(`${stderrChalk.red('gpt-image-migrate:')} ${message}\n`);
  };

  const program = new Command()
    .name('gpt-image-migrate')
    .description(
      `Find and rewrite calls to OpenAI's retired image models so they call ${currentModels.defaultTarget}.\nShutdown dates: ${retirementsByDate()}.`,
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
      .option('--target <model>', 'the model calls move to (default: gpt-image-2)')
      .option('--tier-map <pairs>', 'quality → resolution tier on resolution-tier gateways (default: low=1k,medium=2k,high=4k)')
      .option('--allow <ids>', 'retired ids your team keeps on purpose, comma-separated: never reported')
      .option('--azure-deployment-map <pairs>', 'rename Azure deployments: old=new,... (otherwise deployment names are only reported)')
      .option('--catalog <file>', 'lifecycle rows (shutdown dates with their sources) that override the built-in catalog: JSON, schema/catalog.schema.json (default: the config file\'s "catalog")')
      .option('--config <file>', `options file (default: searched up from the scanned directory: ${CONFIG_FILES.slice(1).join(', ')}, or a "gpt-image-migrate" key in package.json)`)
      .option('--max-file-size <MB>', 'skip files larger than this, with a message', String(DEFAULT_MAX_FILE_BYTES / 1024 / 1024))
      .option('--no-progress', 'never show a progress bar (shown on a TTY for runs over 200 files)')
      .addOption(
        new Option('--parser <parser>', "the JS/TS parser: oxc (native, fast, the default) or typescript (TypeScript's own, as the ts-morph transform parses; a fallback: the same findings and edits)")
          .choices(['oxc', 'typescript'])
          .default('oxc'),
      )
      .option('--debug', 'print stack traces of internal errors')
      .addHelpText('after', EXIT_HELP);

  common(
    program
      .command('audit')
      .description('report every use of a retired image model: what fix will change, what needs a person'),
  )
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json', 'markdown', 'sarif', 'html'] satisfies ReportFormat[]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
        .choices(['error', 'warning', 'info', 'none'])
        .default('error'),
    )
    .option('--prices <file>', 'JSON price tables that replace the built-in ones of the same model (see docs/reports.md)')
    .addOption(
      new Option('--dates <where>', "shutdown dates for severity: the catalog's, or live from $OPENAI_BASE_URL/models with $OPENAI_API_KEY (asked only with this flag)")
        .choices(['catalog', 'live'])
        .default('catalog'),
    )
    .option('--verify', "type-check what fix would change, as fix does, so the report's automatic items are exactly what fix will write (slower: it loads TypeScript and your dependencies' types)", false)
    .option('--name <name>', "the repository's name in reports and merges (default: the scanned directory's name)")
    .option('--link-base <url>', 'prefix for file links in markdown and HTML, e.g. https://github.com/org/repo/blob/main/')
    .addHelpText(
      'after',
      `
Formats: text (grouped by file), json (schema/report.schema.json), markdown (for a pull request or
an issue), sarif (SARIF 2.1.0 for GitHub code scanning), html (one self-contained file).

Examples:
  gpt-image-migrate audit                       # the current repository, as text
  gpt-image-migrate audit src --format json -o audit.json
  gpt-image-migrate audit --format sarif -o gpt-image.sarif --fail-on none
  gpt-image-migrate audit --format html -o audit.html --prices our-prices.json
  gpt-image-migrate audit --fail-on warning     # CI: also fail on ids that retire soon`,
    )
    .action(
      async (
        paths: string[],
        flags: CommonFlags & { format: ReportFormat; output?: string; failOn: Severity | 'none'; prices?: string; name?: string; linkBase?: string; dates: 'catalog' | 'live' },
      ) => {
        const parsed = parseCommon(flags, paths, io.cwd);
        const live = flags.dates === 'live' ? await liveDates(io) : null;
        const options = live ? { ...parsed, shutdownDates: { ...parsed.shutdownDates, ...live.shutdownDates } } : parsed;
        if (live) io.stderr.write(`Shutdown dates: ${live.summary}.\n`);
        const prices = await loadPrices(flags.prices, io.cwd);
        const result = await runWithProgress(paths, options, false, flags, io);
        const [{ withCost }, { renderReport }] = await Promise.all([import('./report/cost.js'), import('./report/render.js')]);
        const report = withCost(
          {
            ...result.report,
            ...(flags.name ? { name: flags.name } : {}),
            ...(flags.linkBase ? { linkBase: flags.linkBase } : {}),
            ...(Object.keys(options.shutdownDates).length > 0 ? { dates: { from: live ? live.url : (flags.catalog ?? 'the catalog file of the config'), shutdownDates: options.shutdownDates } } : {}),
          },
          prices,
        );
        const text = await renderReport(report, flags.format, { chalk: flags.output ? new Chalk({ level: 0 }) : stdoutChalk, srcRoot: io.cwd });
        if (flags.output) {
          await writeFile(path.resolve(io.cwd, flags.output), text);
          io.stderr.write(`Report written to ${flags.output} (${report.summary.findings} findings).\n`);
        } else {
          io.stdout.write(text);
        }
        reportInternal(result, flags, io);
        exitCode = result.internalErrors.length > 0 ? EXIT.internal : report.errors.length > 0 ? EXIT.fileErrors : failsOn(report, flags.failOn) ? EXIT.findings : EXIT.ok;
      },
    );

  program
    .command('report')
    .description('work with JSON reports of audit')
    .command('merge')
    .description('merge the JSON reports of several repositories into one report')
    .argument('<reports...>', 'JSON reports written by `audit --format json`')
    .addOption(new Option('--format <format>', 'report format').choices(['markdown', 'html', 'json']).default('markdown'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--prices <file>', 'JSON price tables that replace the built-in ones of the same model')
    .option('--now <YYYY-MM-DD>', 'the date deadlines are stated for (default: the latest audit date of the inputs)')
    .addHelpText(
      'after',
      `
Each repository is named by its report's \`name\` (audit --name) or else its root's basename.
A report that cannot be read or is not a report is listed under errors, and the exit code is 2.

Examples:
  gpt-image-migrate report merge reports/*.json --format markdown -o migration.md
  gpt-image-migrate report merge reports/*.json --format html -o migration.html`,
    )
    .addHelpText('after', EXIT_HELP)
    .action(async (files: string[], flags: { format: 'markdown' | 'html' | 'json'; output?: string; prices?: string; now?: string }) => {
      const now = flags.now === undefined ? undefined : resolveOptions({ now: flags.now }).now.toISOString().slice(0, 10);
      const prices = await loadPrices(flags.prices, io.cwd);
      const inputs = await Promise.all(
        files.map(async (file): Promise<MergeInput> => {
          try {
            return { file, data: JSON.parse(await readFile(path.resolve(io.cwd, file), 'utf8')) as unknown };
          } catch (error) {
            return { file, problem: error instanceof SyntaxError ? `not JSON: ${error.message}` : error instanceof Error ? error.message : String(error) };
          }
        }),
      );
      const [{ mergeReports }, { renderReport }] = await Promise.all([import('./report/merge.js'), import('./report/render.js')]);
      const { report, rejected } = mergeReports(inputs, prices, { now });
      for (const problem of rejected) fail(`${problem.file}: ${problem.message}`);
      const text = await renderReport(report, flags.format);
      if (flags.output) {
        await writeFile(path.resolve(io.cwd, flags.output), text);
        io.stderr.write(`Merged ${report.repositories?.length ?? 0} report${report.repositories?.length === 1 ? '' : 's'} into ${flags.output} (${report.summary.findings} findings).\n`);
      } else {
        io.stdout.write(text);
      }
      exitCode = rejected.length > 0 ? EXIT.fileErrors : EXIT.ok;
    });

  program
    .command('models')
    .description("the catalog's image models: status, shutdown date, replacement, the vendor's recommendation and sources")
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--now <YYYY-MM-DD>', 'the date statuses are stated for (default: today, or $GPT_IMAGE_MIGRATE_NOW)')
    .option('--catalog <file>', 'lifecycle rows that override the built-in catalog (schema/catalog.schema.json); default: the config file\'s "catalog"')
    .option('--config <file>', 'options file (default: searched up from the current directory)')
    .option('--check', "also ask OpenAI's List models endpoint ($OPENAI_BASE_URL/models, default https://api.openai.com/v1/models) with $OPENAI_API_KEY, and print where its shutdown dates differ from the catalog's")
    .addHelpText(
      'after',
      `
Every model the catalog knows, retired ones first: its status on --now (shut down, retiring,
current), the date calls start to fail, what fix moves its calls to (gpt-image-2 unless --target
says otherwise: any current model listed here is a valid --target), what the vendor itself
recommends, and the public source of each fact with the date it was read (docs/catalog.md).

--check sends one request, GET $OPENAI_BASE_URL/models, and only with this flag. Models the vendor
does not list are named apart (shut-down models leave the list). Exit codes with --check:
  0  the vendor's dates agree with the catalog
  1  some dates differ (audit --dates live uses the vendor's)
  2  the list could not be read (network, a server error, an answer that is not a list)
  3  no OPENAI_API_KEY, or the key was refused (HTTP 401/403)

Examples:
  gpt-image-migrate models
  gpt-image-migrate models --format json --now 2026-12-01
  OPENAI_API_KEY=sk-... gpt-image-migrate models --check`,
    )
    .action(async (flags: { format: 'text' | 'json'; now?: string; check?: boolean; catalog?: string; config?: string }) => {
      const now = resolveOptions({ now: flags.now }).now;
      const day = now.toISOString().slice(0, 10);
      const [{ modelRows }, render] = await Promise.all([import('./catalog/lifecycle.js'), import('./models.js')]);
      const catalogFile = flags.catalog
        ? path.resolve(io.cwd, flags.catalog)
        : loadConfig(io.cwd, flags.config ? path.resolve(io.cwd, flags.config) : undefined).catalogFile;
      const rows = modelRows(now, catalogFile ? loadCatalogFile(catalogFile, flags.catalog ?? path.relative(io.cwd, catalogFile)).overrides : {});
      let check: import('./models.js').CheckResult | undefined;
      if (flags.check) {
        const { url, models } = await vendorModels(io);
        check = render.checkAgainst(rows, url, models);
      }
      if (flags.format === 'json') {
        io.stdout.write(`${JSON.stringify({ now: day, models: rows, ...(check ? { check } : {}) } satisfies import('./models.js').ModelsJson, null, 2)}\n`);
      } else {
        io.stdout.write(render.renderModelsText(rows, day));
        if (check) io.stdout.write(`\n${render.renderCheckText(check)}`);
      }
      exitCode = check && check.differences.length > 0 ? EXIT.findings : EXIT.ok;
    });

  common(
    program
      .command('fix')
      .description('rewrite retired model ids and the params gpt-image-2 rejects, in place'),
  )
    .option('--dry-run', 'print a unified diff of the changes and write nothing')
    .option('--force', 'write even when the git work tree has uncommitted changes')
    .option('--no-verify', "skip the type-check of what fix changes (with the project's tsconfig.json and node_modules, before and after; a file whose edits add type errors is left alone)")
    .addOption(new Option('--format <format>', 'what goes to stdout: text (the diff, with --dry-run) or json (the report with what fix did to each file)').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', 'write the JSON to a file instead of stdout (with --format json)')
    .option('--name <name>', "the repository's name in the JSON, for report merge (default: the scanned directory's name)")
    .option('--link-base <url>', 'prefix for file links when the JSON is rendered (report merge), e.g. https://github.com/org/repo/blob/main/')
    .addHelpText(
      'after',
      `
Only what the plan marks "auto" is changed; comparisons, data keys, Azure deployment names and
anything else a person must decide are left as they were (list them with \`audit\`).
Every file is written atomically (temporary file + rename), keeping its BOM, line endings and mode.
On stderr, one line a file: what changed (or would) and what is left for a person.
--format json prints the audit's JSON report of the same run with a "fix" section (each file:
changed, written, changes, manual; schema/report.schema.json); report merge reads it.

Examples:
  gpt-image-migrate fix --dry-run               # see the diff first
  gpt-image-migrate fix packages/api            # a monorepo package
  gpt-image-migrate fix --format json -o fix.json --name acme/web   # for a script, or report merge`,
    )
    .action(async (paths: string[], flags: CommonFlags & { dryRun?: boolean; force?: boolean; format: 'text' | 'json'; output?: string; name?: string; linkBase?: string }) => {
      if (flags.output && flags.format !== 'json') throw new UsageError('-o/--output writes the JSON: add --format json (the diff of --dry-run goes to stdout)');
      const options = parseCommon(flags, paths, io.cwd);
      if (!flags.dryRun) {
        const state = await gitState(io.cwd, paths);
        if (state.kind === 'dirty' && !flags.force) {
          const unchecked = state.unchecked ?? [];
          const dirty = state.files.filter((f) => !unchecked.includes(f));
          const list = (items: readonly string[]) =>
            items.slice(0, 5).map((f) => `  ${f}`).join('\n') + (items.length > 5 ? `\n  … and ${items.length - 5} more` : '');
          const parts: string[] = [];
          if (dirty.length > 0) parts.push(`${dirty.length} file${dirty.length === 1 ? ' has' : 's have'} uncommitted changes:\n${list(dirty)}`);
          if (unchecked.length > 0) parts.push(`git could not tell whether the work tree is clean:\n${list(unchecked)}`);
          fail(`refusing to write: ${parts.join('\n')}\nCommit or stash your changes so the fix can be reviewed and undone, or pass --force.`);
          exitCode = EXIT.usage;
          return;
        }
        if (state.kind === 'not-a-repository') {
          io.stderr.write(`${stderrChalk.yellow('note:')} not inside a git repository: the changes cannot be undone with git.\n`);
        }
      }
      const result = await runWithProgress(paths, options, !flags.dryRun, flags, io);
      const { report, changes } = result;
      const { fixResult, fixSummaryLines } = await import('./report/fix.js');
      const done = fixResult(report, changes, Boolean(flags.dryRun));
      if (flags.format === 'json') {
        const { builtInPrices, withCost } = await import('./report/cost.js');
        const named = { ...report, ...(flags.name ? { name: flags.name } : {}), ...(flags.linkBase ? { linkBase: flags.linkBase } : {}) };
        const json = JSON.stringify({ ...withCost(named, builtInPrices()), fix: done }, null, 2) + '\n';
        if (flags.output) await writeFile(path.resolve(io.cwd, flags.output), json);
        else io.stdout.write(json);
      } else if (flags.dryRun && changes.length > 0) {
        // loaded only when there is a diff to print (startup cost: docs/performance.md)
        const { fileDiff } = await import('./report/diff.js');
        for (const change of changes) io.stdout.write(colourDiff(fileDiff(change.file, change.before, change.after, change.edits), stdoutChalk));
      }
      for (const error of report.errors) fail(`${error.file}: ${error.message}`);
      const verb = flags.dryRun ? 'would change' : 'changed';
      io.stderr.write(fixSummaryLines(done));
      io.stderr.write(
        `${changes.length} file${changes.length === 1 ? '' : 's'} ${verb} (${done.changes} automatic change${done.changes === 1 ? '' : 's'}); ` +
          `${done.manual} item${done.manual === 1 ? '' : 's'} left for a person (list them with \`gpt-image-migrate audit\`)` +
          `${report.errors.length > 0 ? `; ${report.errors.length} file${report.errors.length === 1 ? '' : 's'} could not be processed` : ''}.\n`,
      );
      if (flags.output) io.stderr.write(`JSON written to ${flags.output}.\n`);
      io.stderr.write(verificationLine(report));
      reportInternal(result, flags, io);
      exitCode = result.internalErrors.length > 0 ? EXIT.internal : report.errors.length > 0 ? EXIT.fileErrors : EXIT.ok;
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
    if (error instanceof UnavailableError) {
      fail(error.message);
      return EXIT.fileErrors;
    }
    fail(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    if (argv.includes('--debug') && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return EXIT.internal;
  }
  return exitCode;
}

/**
 * The options of a run: the config file (found from the first path, as the
 * ESLint rules find it from each file), then the command line's flags.
 */
export function parseCommon(flags: CommonFlags, paths: readonly string[], cwd: string): MigrationOptions & { maxFileBytes: number } {
  const megabytes = Number(flags.maxFileSize);
  if (!Number.isFinite(megabytes) || megabytes <= 0) throw new UsageError(`--max-file-size must be a positive number of megabytes, got '${flags.maxFileSize}'`);
  const config = loadConfig(path.resolve(cwd, paths[0] ?? '.'), flags.config ? path.resolve(cwd, flags.config) : undefined);
  const fromFlags: MigrationOptionsInput = {
    now: flags.now,
    target: flags.target,
    tierMap: flags.tierMap,
    allow: flags.allow?.split(',').map((id) => id.trim()).filter(Boolean),
    azureDeploymentMap: flags.azureDeploymentMap,
  };
  const input = { ...config.options, ...Object.fromEntries(Object.entries(fromFlags).filter(([, value]) => value !== undefined)) };
  if (flags.catalog) input.shutdownDates = loadCatalogFile(path.resolve(cwd, flags.catalog), flags.catalog).shutdownDates;
  return { ...resolveOptions(input), maxFileBytes: megabytes * 1024 * 1024 };
}

/** The vendor's model list, with its errors as the CLI's (a usage error, or the list being unavailable). */
async function vendorModels(io: Io): Promise<{ url: string; models: import('./vendor/list-models.js').VendorModel[] }> {
  const { listModels, VendorError } = await import('./vendor/list-models.js');
  try {
    return await listModels({ env: io.env ?? process.env });
  } catch (error) {
    if (error instanceof VendorError) throw error.kind === 'usage' ? new UsageError(error.message) : new UnavailableError(error.message);
    throw error;
  }
}

/** `audit --dates live`: the vendor's shutdown dates of the catalog's retired models, where it lists one. */
async function liveDates(io: Io): Promise<{ url: string; shutdownDates: Record<string, string>; summary: string }> {
  const [{ url, models }, { retiredModels }] = await Promise.all([vendorModels(io), import('./catalog/models.js')]);
  const byId = new Map(models.map((m) => [m.id, m.shutdownDate] as const));
  const shutdownDates: Record<string, string> = {};
  const changed: string[] = [];
  for (const model of retiredModels) {
    const date = [model.id, ...model.aliases].map((id) => byId.get(id)).find((d): d is string => typeof d === 'string');
    if (!date) continue; // not listed, or no date: the catalog's stands
    shutdownDates[model.id] = date;
    if (date !== model.shutdownDate) changed.push(`${model.id} ${model.shutdownDate} → ${date}`);
  }
  const listed = Object.keys(shutdownDates).length;
  const summary = `${listed} of ${retiredModels.length} retired models dated by ${url}${changed.length > 0 ? ` (differs from the catalog: ${changed.join(', ')})` : ', all as in the catalog'}; the others keep the catalog's dates`;
  return { url, shutdownDates, summary };
}

/** What the verification step did, in one or two lines for fix's summary (nothing when nothing would change). */
export function verificationLine(report: Report): string {
  const v = report.verification;
  if (!v) return '';
  const lines: string[] = [];
  if (v.files > 0) {
    const back = v.rolledBack.length;
    lines.push(
      `Type-checked ${v.files} changed file${v.files === 1 ? '' : 's'} in ${v.projects} project${v.projects === 1 ? '' : 's'} (${(v.ms / 1000).toFixed(1)} s)` +
        (back > 0 ? `: ${back} left unchanged because the edits would add type errors (${v.rolledBack.slice(0, 3).join(', ')}${back > 3 ? ', …' : ''}; see audit).` : ': no new type errors.'),
    );
  }
  for (const { reason, files } of v.unchecked) lines.push(`Not type-checked: ${files} changed file${files === 1 ? '' : 's'}, ${reason}.`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

async function runWithProgress(
  paths: string[],
  options: MigrationOptions & { maxFileBytes: number },
  write: boolean,
  flags: CommonFlags,
  io: Io,
): Promise<RunResult> {
  // loaded only when needed: the runner (globby, the prefilter) and the progress bar (docs/performance.md)
  const { run } = await import('./run/runner.js');
  const Bar = flags.progress && io.stderr.isTTY ? (await import('cli-progress')).SingleBar : null;
  let bar: SingleBar | null = null;
  const result = await run({
    paths,
    cwd: io.cwd,
    migration: options,
    write,
    verify: flags.verify,
    parser: flags.parser,
    maxFileBytes: options.maxFileBytes,
    onStart: (total) => {
      if (Bar && total > 200) {
        bar = new Bar({ stream: io.stderr, format: 'scanning [{bar}] {percentage}% {value}/{total} files', hideCursor: true, clearOnComplete: true });
        bar.start(total, 0);
      }
    },
    onProgress: (done) => bar?.update(done),
  });
  (bar as SingleBar | null)?.stop();
  return result;
}

async function loadPrices(file: string | undefined, cwd: string): Promise<PriceBook> {
  const { builtInPrices, parsePriceFile, PriceFileError } = await import('./report/cost.js');
  if (!file) return builtInPrices();
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`--prices: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--prices: ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return parsePriceFile(data, file);
  } catch (error) {
    if (error instanceof PriceFileError) throw new UsageError(`--prices: ${error.message}`);
    throw error;
  }
}

/** Whether a finding is at or above `--fail-on`'s severity (exit 1). */
export function failsOn(report: Report, threshold: Severity | 'none'): boolean {
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
