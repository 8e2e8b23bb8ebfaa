/**
 * A run over files: discover, read each file once, skip what cannot match,
 * plan the rest through the ts-morph transform, and (for `fix`) write what
 * changed. Every bad file becomes one error entry; the run always goes on.
 *
 * Where the time goes (docs/performance.md): the main thread reads every
 * file synchronously (an order of magnitude faster than awaiting fs/promises
 * file by file) and runs the prefilter on it; only files that get past it
 * load and run TypeScript. When enough of them do (WORKER_THRESHOLD), they
 * are planned on worker threads (piscina) from that moment, while the
 * reading goes on. Either way every file is planned against the tree as it
 * was read, then the results are assembled and written in file order, so the
 * report is the same, order included, with and without workers.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { MigrationOptions } from '../catalog/index.js';
import { packageInfo as pkg } from '../package-info.js';
import { isCodeFile, mayNeedPlan } from '../prefilter.js';
import { placeFindings, SCHEMA_VERSION, summarise, type Report, type ReportError, type ReportFinding } from '../report/model.js';
import { discover, relativePath } from './discover.js';
import type { Piscina } from 'piscina';
import type { PlanBatch, PlanInput, PlanOutcome } from './plan-file.js';
import { decodeSource, DEFAULT_MAX_FILE_BYTES, readSource, SourceFileError, writeSource, type SourceText } from './source-file.js';

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
   * Plan on worker threads once this many code files need planning
   * (default: $GPT_IMAGE_MIGRATE_WORKER_THRESHOLD, else WORKER_THRESHOLD;
   * `Infinity` never uses workers, 0 always does when there is code to plan).
   */
  readonly workerThreshold?: number;
}

export interface FileChange {
  readonly file: string;
  readonly absolute: string;
  readonly before: string;
  readonly after: string;
  readonly written: boolean;
}

export interface RunResult {
  readonly report: Report;
  readonly changes: readonly FileChange[];
  /** Unexpected failures (bugs), with their stack, for --debug. */
  readonly internalErrors: readonly { file: string; error: unknown }[];
}

/**
 * Code files to plan from which worker threads pay on a 2-core machine.
 * Below it the main thread is faster: each worker loads TypeScript and warms
 * its own JIT (about 0.5 s), and the main thread is not idle either (V8's
 * garbage collector and compiler already use part of the second core).
 * bench/threshold.mjs, 2 cores: workers / main thread = 1.15 at 390 files,
 * 1.16 at 788, 1.02 at 1577, 0.87 at 3154 (docs/performance.md).
 */
export const WORKER_THRESHOLD = 1500;

/** Files per worker task: small enough to spread the load, large enough that messages cost nothing. */
const BATCH_SIZE = 16;

/** At most this many worker threads: each holds its own TypeScript (tens of MB). */
const MAX_THREADS = 8;

/** How a file ended up after reading and the prefilter. */
type ReadResult =
  | { readonly kind: 'error'; readonly message: string; readonly error?: unknown }
  | { readonly kind: 'skipped' }
  | { readonly kind: 'candidate'; readonly source: SourceText; readonly input: PlanInput };

export async function run(options: RunOptions): Promise<RunResult> {
  const clock = phaseClock();
  const { root, files, errors: pathErrors, skipped } = await discover(options.paths, options.cwd);
  clock.lap(`discover ${files.length} files`);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  options.onStart?.(files.length);

  // 1. Read every file once and keep those that can yield anything; 2. plan them (on worker
  // threads from the moment enough code files need it, while the reading goes on).
  let done = 0;
  const planner = new CandidatePlanner(options.migration, workerThreshold(options), () => options.onProgress?.(++done, files.length));
  const names = files.map((absolute) => relativePath(root, absolute));
  const reads: ReadResult[] = [];
  for (const [i, absolute] of files.entries()) {
    const source = readQuickly(absolute, maxBytes);
    const read = source instanceof Error || source === null ? await readSlowly(absolute, maxBytes, source) : source;
    const result = read.kind === 'source' ? prefilter(names[i], absolute, read.source, options.migration) : read;
    reads.push(result);
    if (result.kind === 'candidate') planner.add(result.input);
    else options.onProgress?.(++done, files.length);
    // let a progress bar draw (and workers' results arrive) now and then
    if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
  }
  clock.lap(`read and prefilter: ${planner.count} to plan`);
  const outcomes = await planner.finish();
  clock.lap(`plan on ${planner.onWorkers ? 'worker threads' : 'the main thread'}`);

  // 3. Assemble in file order; write what changed (fix).
  const errors: ReportError[] = [...pathErrors];
  const findings: ReportFinding[] = [];
  const changes: FileChange[] = [];
  const internalErrors: { file: string; error: unknown }[] = [];
  let parsed = 0;
  let next = 0;
  for (const [i, read] of reads.entries()) {
    const absolute = files[i];
    const file = names[i];
    if (read.kind === 'skipped') continue;
    if (read.kind === 'error') {
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
    const { plan } = outcome;
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
    changes.push({ file, absolute, before: text, after: plan.output, written: options.write });
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
    skipped,
    summary: summarise(findings, errors, { filesScanned: files.length, filesParsed: parsed, filesChanged: changes.length }),
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
  if (quickError) return { kind: 'error', message: quickError.message };
  try {
    return { kind: 'source', source: await readSource(absolute, maxBytes) };
  } catch (error) {
    if (error instanceof SourceFileError) return { kind: 'error', message: error.message };
    return { kind: 'error', message: internalMessage(error instanceof Error ? error.message : String(error)), error };
  }
}

/** A file that can yield nothing is dropped here, before any parser is loaded. */
function prefilter(file: string, absolute: string, source: SourceText, migration: MigrationOptions): ReadResult {
  if (!mayNeedPlan(file, source.text, migration)) return { kind: 'skipped' };
  return { kind: 'candidate', source, input: { file, absolute, text: source.text } };
}

function workerThreshold(options: RunOptions): number {
  if (options.workerThreshold !== undefined) return options.workerThreshold;
  const fromEnv = process.env.GPT_IMAGE_MIGRATE_WORKER_THRESHOLD;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const value = Number(fromEnv);
    if (!Number.isNaN(value) && value >= 0) return value;
  }
  return WORKER_THRESHOLD;
}

/** The built worker script; null when running from TypeScript sources (tests), where workers cannot load it. */
function workerScript(): string | null {
  if (workerScriptPath === undefined) {
    const script = fileURLToPath(new URL('./plan-worker.js', import.meta.url));
    workerScriptPath = existsSync(script) ? script : null;
  }
  return workerScriptPath;
}
let workerScriptPath: string | null | undefined;

/**
 * Plans the files that got past the prefilter, in the order they were
 * added. On the main thread, after the reading, unless enough code files
 * need planning: from the moment their count reaches the threshold, they go
 * in batches to worker threads, which load TypeScript while the main thread
 * is still reading.
 */
class CandidatePlanner {
  private readonly waiting: PlanInput[] = [];
  private readonly batches: Promise<PlanOutcome[]>[] = [];
  private pool: Promise<Piscina> | null = null;
  private codeFiles = 0;
  count = 0;

  constructor(
    private readonly migration: MigrationOptions,
    private readonly threshold: number,
    private readonly onPlanned: () => void,
  ) {}

  get onWorkers(): boolean {
    return this.pool !== null;
  }

  add(input: PlanInput): void {
    this.waiting.push(input);
    this.count++;
    if (isCodeFile(input.file)) this.codeFiles++;
    if (!this.pool && this.codeFiles >= Math.max(1, this.threshold) && workerScript() !== null) this.pool = startPool();
    if (this.pool && this.waiting.length >= BATCH_SIZE) this.submit();
  }

  async finish(): Promise<PlanOutcome[]> {
    if (!this.pool) {
      if (this.waiting.length === 0) return [];
      const { planFile } = await import('./plan-file.js');
      return this.waiting.map((input) => {
        const outcome = planFile(input, this.migration);
        this.onPlanned();
        return outcome;
      });
    }
    if (this.waiting.length > 0) this.submit();
    try {
      return (await Promise.all(this.batches)).flat();
    } finally {
      await (await this.pool).destroy();
    }
  }

  private submit(): void {
    const files = this.waiting.splice(0);
    const migration = this.migration;
    this.batches.push(
      this.pool!.then(async (pool) => {
        const outcomes = (await pool.run({ migration, files } satisfies PlanBatch)) as PlanOutcome[];
        for (let i = 0; i < outcomes.length; i++) this.onPlanned();
        return outcomes;
      }),
    );
  }
}

/**
 * A pool that starts one thread now (it loads TypeScript) and more as batches
 * queue up: one per core, at most MAX_THREADS, or $GPT_IMAGE_MIGRATE_WORKER_THREADS.
 */
async function startPool(): Promise<Piscina> {
  const { Piscina } = await import('piscina');
  const threads = Number(process.env.GPT_IMAGE_MIGRATE_WORKER_THREADS) || Math.min(os.availableParallelism(), MAX_THREADS);
  return new Piscina({ filename: workerScript()!, minThreads: 1, maxThreads: Math.max(1, threads), idleTimeout: 1000 });
}
