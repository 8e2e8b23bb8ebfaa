/**
 * A run over files: discover, read each file once, skip what cannot match,
 * plan the rest through the ts-morph transform, and (for `fix`) write what
 * changed. Every bad file becomes one error entry; the run always goes on.
 *
 * Where the time goes (docs/performance.md): the main thread walks the tree
 * and reads every file synchronously (an order of magnitude faster than
 * awaiting fs/promises file by file), runs the prefilter on it and plans the
 * files that need no parser (JSON, .env, Markdown) itself. Code files that
 * get past the prefilter go in batches to a planner thread, which has been
 * loading TypeScript meanwhile (planner-thread.ts). Every file is planned
 * against the tree as it was read, then the results are assembled and
 * written in file order, so the report is the same, order included, wherever
 * a file was planned.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { fileRole, fileRoleOfName, textFileKind } from '../files/kind.js';
import { imageSignalPattern, userSurfacePattern, type MigrationOptions } from '../catalog/index.js';
import { packageInfo as pkg } from '../package-info.js';
import { mayNeedPlan } from '../prefilter.js';
import { applyPlan, editsOf, planWithoutParser, type FilePlan, type Finding } from '../engine.js';
import { keepsTokens, type Edit } from '../text/edits.js';
import { planRepository, rejectedByTypes } from '../plan/repository.js';
import type { Verification } from './verify.js';
import { placeFindings, SCHEMA_VERSION, summarise, type Report, type ReportError, type ReportFinding } from '../report/model.js';
import { discover, relativePath } from './discover.js';
import type { JsParser, PlanInput } from './plan-file.js';
import { internalOutcome, type PlanOutcome } from './outcome.js';
import { FIRST_THREAD_CODE, FIRST_THREAD_FILES, Lane, workerScript, workerThreshold } from './planner-thread.js';
import { decodeSource, DEFAULT_MAX_FILE_BYTES, FileTooLargeError, NotTextError, readSource, SourceFileError, writeSource, type SourceText } from '../text/source-file.js';

export interface RunOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly migration: MigrationOptions;
  /** Write fixed files (fix without --dry-run). */
  readonly write: boolean;
  readonly maxFileBytes?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Called once the file list is known (e.g. to start a progress bar). */
  readonly onStart?: (total: number) => void;
  /**
   * Planner threads: one from the start, more (one per other core) once this
   * many code files need planning (default: $GPT_IMAGE_MIGRATE_WORKER_THRESHOLD,
   * else WORKER_THRESHOLD); `Infinity` plans everything on the main thread.
   */
  readonly workerThreshold?: number;
  /** Type-check what fix would change, and leave alone files whose edits add diagnostics (default true). */
  readonly verify?: boolean;
  /** The JS/TS parser: oxc's (default) or TypeScript's (`--parser typescript`). */
  readonly parser?: JsParser;
}

export interface FileChange {
  readonly file: string;
  readonly absolute: string;
  readonly before: string;
  readonly after: string;
  /** The edits that make `after` from `before` (what `--dry-run`'s diff is built from). */
  readonly edits: readonly Edit[];
  readonly written: boolean;
}

export interface RunResult {
  readonly report: Report;
  readonly changes: readonly FileChange[];
  /** Unexpected failures (bugs), with their stack, for --debug. */
  readonly internalErrors: readonly { file: string; error: unknown }[];
}

/**
 * Code files per batch for a planner thread, which gets a batch sooner when
 * it has none to work on: few messages while it is busy, no wait when idle.
 */
const BATCH_SIZE = 16;

/** Batches a planner thread holds at most: the one it plans and the next (the rest wait on the main thread, which plans them once it has read everything). */
const LANE_DEPTH = 2;

/** How a file ended up after reading and the prefilter. */
type ReadResult =
  | { readonly kind: 'error'; readonly message: string; readonly error?: unknown; readonly tooLarge?: FileTooLargeError; readonly notText?: NotTextError }
  | { readonly kind: 'skipped'; readonly why?: string }
  | { readonly kind: 'candidate'; readonly source: SourceText; readonly input: PlanInput };

export async function run(options: RunOptions): Promise<RunResult> {
  const clock = phaseClock();
  // 1. Read every file once and keep those that can yield anything; 2. plan them: code files of a
  // large run on a planner thread while the main thread reads.
  let done = 0;
  let total = 0;
  const parser = options.parser ?? 'oxc';
  const planner = new CandidatePlanner(options.migration, workerThreshold(options.workerThreshold), () => options.onProgress?.(++done, total), undefined, parser);
  const { root, files, errors: pathErrors, skipped } = await discover(options.paths, options.cwd);
  total = files.length;
  planner.start(files.length);
  clock.lap(`discover ${files.length} files`);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  options.onStart?.(files.length);

  const names = files.map((absolute) => relativePath(root, absolute));
  const reads: ReadResult[] = [];
  for (const [i, absolute] of files.entries()) {
    const source = readQuickly(absolute, maxBytes);
    const read = source instanceof Error || source === null ? await readSlowly(absolute, maxBytes, source) : source;
    const result =
      read.kind === 'source'
        ? prefilter(names[i], absolute, read.source, options.migration)
        : read.tooLarge
          ? overLimit(names[i], absolute, read, read.tooLarge, options.migration)
          : read.notText
            ? notText(read, read.notText, options.migration)
            : read;
    reads.push(result);
    if (result.kind === 'candidate') planner.add(result.input, files.length - 1 - i);
    else options.onProgress?.(++done, files.length);
    // let a progress bar draw (and workers' results arrive) now and then
    if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
  }
  clock.lap(`read and prefilter: ${planner.count} to plan`);
  const outcomes = await planner.finish();
  clock.lap(`plan on ${planner.onWorkers ? 'worker threads' : 'the main thread'}`);

  // 3. Decide what files share (an env var, an exported constant, an id a test asserts), then
  // assemble in file order and write what changed (fix).
  const errors: ReportError[] = [...pathErrors];
  const passedOver: ReportError[] = [...skipped];
  const findings: ReportFinding[] = [];
  const changes: FileChange[] = [];
  const internalErrors: { file: string; error: unknown }[] = [];
  let parsed = 0;
  let next = 0;
  const planned: { index: number; read: Extract<ReadResult, { kind: 'candidate' }>; plan: FilePlan }[] = [];
  for (const [i, read] of reads.entries()) {
    const absolute = files[i];
    const file = names[i];
    if (read.kind === 'skipped') {
      if (read.why) passedOver.push({ file, message: read.why });
      continue;
    }
    if (read.kind === 'error') {
      // a large bundle in committed build output is not bad input: the source it is built from is what fix reads
      if (read.tooLarge && BUILD_OUTPUT.test(file)) {
        passedOver.push({ file, message: `${read.tooLarge.over}; committed build output: not read, rebuild it from source once fix has run` });
        continue;
      }
      errors.push({ file, message: read.message });
      if (read.error !== undefined) internalErrors.push({ file, error: read.error });
      continue;
    }
    const outcome = outcomes[next++];
    if (outcome.kind === 'expected') {
      errors.push({ file, message: outcome.message });
      continue;
    }
    if (outcome.kind === 'internal') {
      errors.push({ file, message: internalMessage(outcome.message) });
      internalErrors.push({ file, error: Object.assign(new Error(outcome.message), { stack: outcome.stack }) });
      continue;
    }
    void absolute;
    planned.push({ index: i, read, plan: outcome.plan });
  }
  const decided = planRepository(planned.map(({ index, read, plan }) => ({ file: names[index], text: read.source.text, findings: plan.findings, links: plan.links ?? [] })));
  const settled: FilePlan[] = [];
  for (const [k, { read, plan }] of planned.entries()) settled.push(await settle(names[planned[k].index], read.source.text, plan, decided[k], parser));
  clock.lap('repository pass');

  // 4. Type-check what would change (the project's tsconfig and node_modules); a file whose edits add diagnostics is left alone.
  let verification: Verification | null = null;
  if (options.verify !== false) {
    const candidates = planned.flatMap(({ index, read }, k) =>
      settled[k].output !== read.source.text ? [{ file: names[index], absolute: files[index], before: read.source.text, after: settled[k].output }] : [],
    );
    if (candidates.length > 0) {
      const { verifyChanges } = await import('./verify.js');
      verification = verifyChanges(candidates, root);
      for (const [k, { index, read }] of planned.entries()) {
        const diagnostics = verification.rejected.get(names[index]);
        if (diagnostics) settled[k] = { ...settled[k], findings: rejectedByTypes(settled[k].findings, diagnostics), output: read.source.text };
      }
      clock.lap(`verify ${verification.files} files`);
    }
  }

  for (const [k, { index, read }] of planned.entries()) {
    const absolute = files[index];
    const file = names[index];
    const plan = settled[k];
    const { text } = read.source;
    if (plan.parsed) parsed++;
    findings.push(...placeFindings(file, text, plan.findings));
    if (plan.outputError) errors.push({ file, message: plan.outputError });
    if (plan.output === text) continue;
    if (options.write) {
      try {
        await writeSource(absolute, read.source, plan.output);
      } catch (error) {
        if (error instanceof SourceFileError) {
          errors.push({ file, message: error.message });
        } else {
          errors.push({ file, message: internalMessage(error instanceof Error ? error.message : String(error)) });
          internalErrors.push({ file, error });
        }
        continue;
      }
    }
    changes.push({ file, absolute, before: text, after: plan.output, edits: editsOf(plan.findings), written: options.write });
  }

  clock.lap(options.write ? 'assemble and write' : 'assemble');
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: pkg.name, version: pkg.version },
    now: options.migration.now.toISOString().slice(0, 10),
    target: options.migration.target,
    tierMap: options.migration.tierMap,
    root,
    findings,
    errors,
    skipped: passedOver,
    summary: summarise(findings, errors, { filesScanned: files.length, filesParsed: parsed, filesChanged: changes.length }),
    ...(verification
      ? {
          verification: {
            files: verification.files,
            projects: verification.projects,
            ms: verification.ms,
            rolledBack: [...verification.rejected.keys()],
            unchecked: verification.unchecked,
          },
        }
      : {}),
  };
  return { report, changes, internalErrors };
}

/** With $GPT_IMAGE_MIGRATE_TIMING set, where a run's time goes, on stderr (for docs/performance.md). */
function phaseClock(): { lap(what: string): void } {
  if (!process.env.GPT_IMAGE_MIGRATE_TIMING) return { lap: () => {} };
  let last = performance.now();
  return {
    lap(what) {
      const now = performance.now();
      process.stderr.write(`gpt-image-migrate timing: ${what}: ${(now - last).toFixed(0)} ms (${(now / 1000).toFixed(2)} s since start)\n`);
      last = now;
    },
  };
}

/**
 * A file's plan once the repository pass has decided its shared values: the
 * output is computed again when its edits changed, and a code file whose
 * edits lost some is parsed again (the parse guard of the transforms).
 */
async function settle(file: string, text: string, plan: FilePlan, findings: readonly Finding[], parser: JsParser): Promise<FilePlan> {
  if (findings.every((finding, i) => finding === plan.findings[i])) return plan;
  const output = plan.outputError ? text : applyPlan(text, findings);
  const lost = editsOf(findings).length < editsOf(plan.findings).length;
  if (lost && output !== text && plan.parsed && !keepsTokens(text, editsOf(findings))) {
    const oxc = parser === 'oxc' ? await import('../../transforms/oxc.js') : null;
    // a text too deeply nested for oxc's native parser was planned through TypeScript's: checked with it too
    const { parseProblem } = oxc && !oxc.tooDeepForOxc(output) ? oxc : await import('../../transforms/ts-morph.js');
    const problem = parseProblem(file, output);
    if (problem) return { ...plan, findings, output: text, outputError: `the fix would not parse, so the file is left unchanged: ${problem}` };
  }
  return { ...plan, findings, output };
}

/**
 * Why a `.d.ts` is the compiler's output, or null for a hand-written one
 * (`env.d.ts`, `global.d.ts`, a `declare module` shim): it names its source
 * map, it sits beside the JavaScript it declares, or its header says so.
 */
function emittedDeclaration(absolute: string, text: string): string | null {
  if (/^\/\/# sourceMappingURL=/m.test(text)) return 'it names its source map';
  const stem = absolute.slice(0, -'.d.ts'.length);
  const beside = ['.js', '.mjs', '.cjs'].find((ext) => existsSync(stem + ext));
  if (beside) return `beside ${path.basename(stem + beside)}`;
  if (fileRole(path.basename(absolute), text).role === 'generated') return 'its header says it is generated';
  return null;
}

/** A report path inside a build-output folder (`dist/`, `build/`, `out/`). */
const BUILD_OUTPUT = /(?:^|\/)(?:dist|build|out|lib-dist|\.output)\//;

function internalMessage(message: string): string {
  return `internal error: ${message} (run with --debug for details)`;
}

type Read = { readonly kind: 'source'; readonly source: SourceText } | Extract<ReadResult, { kind: 'error' }>;

/**
 * The common case, synchronously (an order of magnitude faster than awaiting
 * fs/promises file by file): a regular file within the size limit, read and
 * decoded. Null for anything else (not a regular file, too large, cannot be
 * stat-ed or read), which `readSlowly` looks at; a SourceFileError when the
 * bytes are not text (binary, not UTF-8).
 */
function readQuickly(absolute: string, maxBytes: number): Read | SourceFileError | null {
  let buffer: Buffer | null;
  try {
    buffer = readRegularFile(absolute, maxBytes);
  } catch {
    return null;
  }
  if (buffer === null) return null;
  try {
    return { kind: 'source', source: decodeSource(buffer, maxBytes) };
  } catch (error) {
    if (error instanceof SourceFileError) return error;
    throw error;
  }
}

/**
 * The bytes of a regular file of at most `maxBytes`, or null for anything
 * else. One open, fstat, read and close: a separate stat by path cost as much
 * again. O_NONBLOCK, so opening a FIFO named `x.ts` cannot hang the run.
 */
function readRegularFile(absolute: string, maxBytes: number): Buffer | null {
  const fd = openSync(absolute, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxBytes) return null;
    const buffer = Buffer.allocUnsafe(stats.size);
    let length = 0;
    while (length < stats.size) {
      const read = readSync(fd, buffer, length, stats.size - length, length);
      if (read === 0) break;
      length += read;
    }
    // a file that changes while it is read: let readSource read it whole
    if (length !== stats.size || readSync(fd, Buffer.allocUnsafe(1), 0, 1, length) !== 0) return null;
    return buffer;
  } finally {
    closeSync(fd);
  }
}

/** Everything `readQuickly` did not read: `readSource` gives the one-line reason every reader gives. */
async function readSlowly(absolute: string, maxBytes: number, quickError: SourceFileError | null): Promise<Read> {
  if (quickError) return { kind: 'error', message: quickError.message, notText: quickError instanceof NotTextError ? quickError : undefined };
  try {
    return { kind: 'source', source: await readSource(absolute, maxBytes) };
  } catch (error) {
    if (error instanceof SourceFileError) {
      return { kind: 'error', message: error.message, tooLarge: error instanceof FileTooLargeError ? error : undefined, notText: error instanceof NotTextError ? error : undefined };
    }
    return { kind: 'error', message: internalMessage(error instanceof Error ? error.message : String(error)), error };
  }
}

/** Files larger than this are not even searched for ids: their size alone is the message. */
const SEARCH_LIMIT = 64 * 1024 * 1024;

/**
 * A file over the size limit is not analysed. When the prefilter finds
 * nothing in it that could be an image call or a retired id (a data dump, a
 * bundle of another library), nothing was missed: it is passed over with its
 * size, and the run's exit code does not change. When it does, its calls go
 * unchecked, and that is an error the user must see.
 */
function overLimit(file: string, absolute: string, read: Extract<ReadResult, { kind: 'error' }>, tooLarge: FileTooLargeError, migration: MigrationOptions): ReadResult {
  if (tooLarge.size > SEARCH_LIMIT) return read;
  let text: string;
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
    text = bytes.toString('utf8');
  } catch {
    return read;
  }
  const needed = mayNeedPlan(file, text, migration);
  // recorded data and test data that are not code (a cassette, a fixture's JSON): read line by line, never
  // parsed or edited, so their size costs a scan, not a parse; their mentions are reported like any such file's
  if (needed && textFileKind(file) && ['recorded', 'test'].includes(fileRoleOfName(file).role)) {
    try {
      const source = decodeSource(bytes, Number.POSITIVE_INFINITY);
      return { kind: 'candidate', source, input: { file, absolute, text: source.text } };
    } catch {
      return read;
    }
  }
  if (needed && (imageSignalPattern.test(text) || userSurfacePattern(migration)?.test(text) === true)) {
    return { ...read, message: `${tooLarge.over} (generated or bundled code?) and names a retired model or an image API: not analysed; raise it with --max-file-size` };
  }
  return { kind: 'skipped', why: `${tooLarge.over} and names no retired model or image API: not analysed` };
}

/**
 * A file that is not UTF-8 text (UTF-16, NUL bytes, another encoding) is not analysed. When what it
 * holds names no retired model or image call, nothing was missed: it is passed over with the reason and
 * the exit code stays (camel commits a UTF-16 `.js`). When it does, its calls go unchecked: an error.
 */
function notText(read: Extract<ReadResult, { kind: 'error' }>, error: NotTextError, migration: MigrationOptions): ReadResult {
  if (imageSignalPattern.test(error.text) || userSurfacePattern(migration)?.test(error.text) === true) {
    return { ...read, message: `${error.what} that names a retired model or an image API: not analysed${error.advice}` };
  }
  return { kind: 'skipped', why: `${error.what} that names no retired model or image API: not analysed` };
}

/** A file that can yield nothing is dropped here, before any parser is loaded. */
function prefilter(file: string, absolute: string, source: SourceText, migration: MigrationOptions): ReadResult {
  if (!mayNeedPlan(file, source.text, migration)) return { kind: 'skipped' };
  // a declaration file the compiler wrote is regenerated from its source, which is what fix reads
  const emitted = file.endsWith('.d.ts') ? emittedDeclaration(absolute, source.text) : null;
  if (emitted) return { kind: 'skipped', why: `a generated declaration file (${emitted}): not scanned; it is regenerated from its source` };
  return { kind: 'candidate', source, input: { file, absolute, text: source.text } };
}

/**
 * Plans the files that got past the prefilter; `finish` gives their
 * outcomes in the order they were added, wherever they were planned.
 *
 * Files that need no parser (JSON, .env, Markdown) are planned at once on the
 * main thread. In a run of FIRST_THREAD_FILES files or more the first planner
 * thread starts before the reading; otherwise code files wait on the main
 * thread until there is enough of them to pay for its start (FIRST_THREAD_CODE characters):
 * then they go in batches to a planner thread while the main thread reads,
 * and to more threads once their count reaches the threshold. Below that
 * (a small app, a repository whose candidates are a few small files), or
 * without planner threads (threshold `Infinity`, or running from TypeScript
 * sources, where threads cannot load the worker script), code files are
 * planned on the main thread after the reading. A thread is given at most
 * LANE_DEPTH batches at a time (one it plans, one waiting), so the files not
 * yet given stay here: once the main thread has read everything it plans them
 * itself, file by file, beside the threads, instead of waiting on them (on a
 * 2-core machine the main thread was idle for most of a run whose planning
 * outlasted the reading). A batch whose thread fails
 * (out of memory, killed) is planned on the main thread, so a thread failure
 * costs time, never files.
 *
 * Exported for tests, which give it a worker script of their own.
 */
export class CandidatePlanner {
  private readonly outcomes: (PlanOutcome | undefined)[] = [];
  private readonly pending: Promise<void>[] = [];
  private waiting: Entry[] = [];
  private first: Lane | null = null;
  private extra: Lane | null = null;
  private codeFiles = 0;
  private codeBytes = 0;
  count = 0;

  constructor(
    private readonly migration: MigrationOptions,
    private readonly threshold: number,
    private readonly onPlanned: () => void,
    private readonly workerFile: string | null = workerScript(),
    private readonly parser: JsParser = 'oxc',
  ) {}

  get onWorkers(): boolean {
    return this.first !== null;
  }

  /**
   * With a threshold of 0, starts every planner thread at once (unless
   * threads cannot load); for a run of FIRST_THREAD_FILES files or more, the
   * first one; otherwise `add` starts them when worth it.
   */
  start(files = 0): void {
    if (this.workerFile === null || this.threshold === Infinity) return;
    if (this.threshold === 0) {
      this.first = new Lane(1, this.workerFile, this.parser);
      this.extra = Lane.forRemainingCores(this.workerFile, this.parser);
    } else if (files >= FIRST_THREAD_FILES) {
      // a run this large will have code to plan: the thread loads while the first files are read
      this.first = new Lane(1, this.workerFile, this.parser);
    }
  }

  /** `moreToRead`: files the main thread has still to read (none: a thread would only move the work, and its results would be copied back). */
  add(input: PlanInput, moreToRead = Infinity): void {
    const index = this.count++;
    let quick: PlanOutcome | null;
    try {
      const plan = planWithoutParser(input.file, input.text, this.migration, input.absolute);
      quick = plan && { kind: 'plan', plan };
    } catch (error) {
      quick = internalOutcome(error);
    }
    if (quick) {
      this.outcomes[index] = quick;
      this.onPlanned();
      return;
    }
    this.waiting.push({ index, input });
    this.codeBytes += input.text.length;
    // planning costs about 0.4 s of a core per MB of code: from FIRST_THREAD_CODE on, a thread pays for its start
    // while the main thread reads on (with nothing left to read, the main thread plans: a 2.5 MB file of 20,000
    // calls took 0.5 s more on a thread, most of it copying its findings back)
    if (!this.first && moreToRead > 0 && this.codeBytes >= FIRST_THREAD_CODE && this.threshold !== Infinity && this.workerFile !== null) this.first = new Lane(1, this.workerFile, this.parser);
    if (++this.codeFiles >= Math.max(1, this.threshold) && this.workerFile !== null) {
      this.first ??= new Lane(1, this.workerFile, this.parser);
      this.extra ??= Lane.forRemainingCores(this.workerFile, this.parser);
    }
    // an idle thread gets what there is; a busy one a full batch, to have the next one at hand
    if (this.first && (this.waiting.length >= BATCH_SIZE || this.first.load === 0)) this.feed();
  }

  async finish(): Promise<PlanOutcome[]> {
    try {
      this.feed();
      // what the threads have not been given, the main thread plans, one file at a time between
      // their results (each of which feeds them the next batch)
      while (this.waiting.length > 0) {
        await this.planHere(this.waiting.splice(0, this.first ? 1 : this.waiting.length));
        await new Promise((resolve) => setImmediate(resolve));
        this.feed();
      }
      await Promise.all(this.pending);
    } finally {
      await Promise.all([this.first?.close(), this.extra?.close()]);
    }
    return this.outcomes as PlanOutcome[];
  }

  /** Gives the least loaded thread a batch while one has room (LANE_DEPTH batches per thread). */
  private feed(): void {
    while (this.first && this.waiting.length > 0) {
      const lane = this.extra && this.extra.load < this.first.load ? this.extra : this.first;
      if (lane.load >= LANE_DEPTH) return;
      this.submit(lane, this.waiting.splice(0, BATCH_SIZE));
    }
  }

  private submit(lane: Lane, batch: Entry[]): void {
    this.pending.push(
      lane.run({ migration: this.migration, files: batch.map((entry) => entry.input), parser: this.parser }).then(
        (outcomes) => {
          for (const [i, { index }] of batch.entries()) {
            this.outcomes[index] = outcomes[i];
            this.onPlanned();
          }
          this.feed();
        },
        () => this.planHere(batch),
      ),
    );
  }

  private async planHere(batch: readonly Entry[]): Promise<void> {
    const { planFile, preparePlanners } = await import('./plan-file.js');
    await preparePlanners(batch.map((entry) => entry.input), this.parser);
    for (const { index, input } of batch) {
      this.outcomes[index] = planFile(input, this.migration, this.parser);
      this.onPlanned();
    }
  }
}

type Entry = { readonly index: number; readonly input: PlanInput };
