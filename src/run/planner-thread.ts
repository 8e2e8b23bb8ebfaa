/**
 * The threads that plan code files. With oxc a thread no longer hides a
 * 0.4 s TypeScript load, and its own start costs more than a small run
 * saves, so the first planner thread starts only once there is enough code
 * to plan (FIRST_THREAD_CODE), to plan it while the main thread reads; more
 * threads join only for runs with many code files to plan
 * (`WORKER_THRESHOLD`).
 *
 * This module imports nothing of the engine, only piscina.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina as PiscinaPool } from 'piscina';
import type { JsParser, PlanBatch, PlanOutcome } from './plan-file.js';

/**
 * Code files to plan from which more planner threads join the first, one per
 * other core. Below it one thread and the main thread keep up: each more
 * thread loads its own engine and parser and warms its own JIT while
 * competing with the main thread's reading. Measured with
 * bench/threshold.mjs (docs/performance.md).
 */
export const WORKER_THRESHOLD = 1500;

/**
 * Characters of code to plan (files past the prefilter) from which the first
 * planner thread starts. A thread costs its start and a second copy of the
 * engine, its parser and a cold JIT (0.1 to 0.3 s of a core, competing with
 * the main thread's reading on a 2-core machine); planning costs about 0.4 s
 * of a core per MB of code. Below it the main thread plans sooner: on the
 * 10k-file benchmark (236 candidates, 0.8 MB) no thread was 0.35 s faster,
 * the 1k one 0.35 s too (docs/performance.md).
 */
export const FIRST_THREAD_CODE = 1_500_000;

/**
 * Files in a run from which the first planner thread starts as soon as they
 * are listed, before any is read: it loads its engine on the other core
 * while the main thread reads, and plans from the first candidate on. Best
 * of 3 with one thread from the start against the default (`GPT_IMAGE_MIGRATE_
 * WORKER_THRESHOLD=0 GPT_IMAGE_MIGRATE_WORKER_THREADS=1`, alternating runs,
 * docs/performance.md): 50k files 3.20 s against 4.03 s, 10k 1.36 against
 * 1.45 s; 1k 0.40 against 0.33 s and the 16-file app 0.28 against 0.20 s,
 * where the thread's start is not paid back.
 */
export const FIRST_THREAD_FILES = 5_000;

/** At most this many planner threads: each holds its own engine and parser. */
const MAX_THREADS = 8;

/**
 * The threshold: `override` (RunOptions.workerThreshold), else
 * $GPT_IMAGE_MIGRATE_WORKER_THRESHOLD, else WORKER_THRESHOLD. `Infinity`
 * turns planner threads off (everything is planned on the main thread); 0
 * starts every thread at once.
 */
export function workerThreshold(override?: number): number {
  if (override !== undefined) return override;
  const fromEnv = process.env.GPT_IMAGE_MIGRATE_WORKER_THRESHOLD;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const value = Number(fromEnv);
    if (!Number.isNaN(value) && value >= 0) return value;
  }
  return WORKER_THRESHOLD;
}

/** The built worker script; null when running from TypeScript sources (tests), where workers cannot load it. */
export function workerScript(): string | null {
  if (workerScriptPath === undefined) {
    const script = fileURLToPath(new URL('./plan-worker.js', import.meta.url));
    workerScriptPath = existsSync(script) ? script : null;
  }
  return workerScriptPath;
}
let workerScriptPath: string | null | undefined;

/**
 * A piscina pool of a fixed number of threads, started at once (each loads
 * its parser as it starts). Piscina adds threads while tasks queue, so each
 * lane is its own pool with its own thread count; `load` (batches not yet
 * done per thread) picks the lane for the next batch.
 */
export class Lane {
  private readonly pool: PiscinaPool;
  private outstanding = 0;
  private used = false;

  constructor(
    private readonly threads: number,
    filename: string,
    /** The JS/TS parser the threads load as they start. */
    readonly parser: JsParser = 'oxc',
  ) {
    // required, not imported: the threads start now, not when the main thread next yields (it reads synchronously)
    const { Piscina } = createRequire(import.meta.url)('piscina') as typeof import('piscina');
    this.pool = new Piscina({
      filename,
      minThreads: threads,
      maxThreads: threads,
      // hand batches to the thread as they come, so it never waits on the main thread's event loop
      concurrentTasksPerWorker: 1024,
      idleTimeout: 1000,
      workerData: { parser },
    });
  }

  /** The other cores' threads (at most MAX_THREADS in all, or $GPT_IMAGE_MIGRATE_WORKER_THREADS); null on one core. */
  static forRemainingCores(filename: string, parser: JsParser = 'oxc'): Lane | null {
    const threads = (Number(process.env.GPT_IMAGE_MIGRATE_WORKER_THREADS) || Math.min(os.availableParallelism(), MAX_THREADS)) - 1;
    return threads >= 1 ? new Lane(threads, filename, parser) : null;
  }

  get load(): number {
    return this.outstanding / this.threads;
  }

  async run(batch: PlanBatch): Promise<PlanOutcome[]> {
    this.used = true;
    this.outstanding++;
    try {
      return (await this.pool.run(batch)) as PlanOutcome[];
    } finally {
      this.outstanding--;
    }
  }

  async close(): Promise<void> {
    // a thread stopped while it instantiates its modules can abort the whole process on Node 20
    // ("FATAL ERROR: v8::Module::IsGraphAsync", exit 134, seen when a run ended before its thread
    // had loaded): a thread that was never given a batch finishes loading (an empty batch runs
    // once it has) before it is stopped
    if (!this.used) await this.run({ files: [], parser: this.parser } as unknown as PlanBatch).catch(() => undefined);
    await this.pool.destroy();
  }
}
