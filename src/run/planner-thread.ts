/**
 * The threads that plan code files. Loading TypeScript (~0.4 s) and its
 * first, cold parses are most of a run's work, so a planner thread starts as
 * early as possible, in parallel with what the main thread does meanwhile:
 * the CLI's own bin starts it before the CLI is even loaded
 * (`prestartPlanner`), and `run` adopts it. More threads join only for runs
 * with many code files to plan (`WORKER_THRESHOLD`).
 *
 * This module is loaded before anything else of the CLI: it imports nothing
 * of the engine, only piscina.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina as PiscinaPool } from 'piscina';
import type { JsParser, PlanBatch, PlanOutcome } from './plan-file.js';

/**
 * Code files to plan from which more planner threads join the first, one per
 * other core. Below it one thread keeps up: each more thread loads its own
 * TypeScript and warms its own JIT (about 0.5 s of a core) while competing
 * with the main thread's reading. Measured with bench/threshold.mjs
 * (docs/performance.md).
 */
export const WORKER_THRESHOLD = 1500;

/** At most this many planner threads: each holds its own TypeScript (tens of MB). */
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
 * TypeScript as it starts). Piscina adds threads while tasks queue, so each
 * lane is its own pool with its own thread count; `load` (batches not yet
 * done per thread) picks the lane for the next batch.
 */
export class Lane {
  private readonly pool: PiscinaPool;
  private outstanding = 0;

  constructor(
    private readonly threads: number,
    filename: string,
    /** The JS/TS parser the threads load as they start. */
    readonly parser: JsParser = 'oxc',
  ) {
    // required, not imported: the threads start now, not when the main thread next yields
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
    this.outstanding++;
    try {
      return (await this.pool.run(batch)) as PlanOutcome[];
    } finally {
      this.outstanding--;
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

let prestarted: Lane | null = null;

/**
 * Called by the bin with its arguments, before it loads the CLI: for a
 * command that plans code (`audit`, `fix`, not `--help`) and with planner
 * threads on, starts the first planner thread. If nothing takes it, the
 * bin closes it (`closePrestartedPlanner`).
 */
export function prestartPlanner(argv: readonly string[]): void {
  if (prestarted || !['audit', 'fix'].includes(argv[0] ?? '') || argv.some((arg) => /^(?:-h|--help|-V|--version)$/.test(arg))) return;
  const filename = workerScript();
  if (filename === null || workerThreshold() === Infinity) return;
  prestarted = new Lane(1, filename, parserArgument(argv));
}

/** `--parser typescript` (or `--parser=typescript`) among the arguments; oxc otherwise (a bad value is the CLI's to reject). */
function parserArgument(argv: readonly string[]): JsParser {
  for (const [i, arg] of argv.entries()) {
    const value = arg === '--parser' ? argv[i + 1] : arg.startsWith('--parser=') ? arg.slice('--parser='.length) : undefined;
    if (value === 'typescript') return 'typescript';
  }
  return 'oxc';
}

/**
 * Stops a started thread nobody took (the command failed before it ran:
 * a usage error), so the process need not wait for it to finish loading.
 */
export async function closePrestartedPlanner(): Promise<void> {
  const lane = takePrestartedPlanner();
  if (!lane) return;
  // a thread stopped while it instantiates its modules can abort the whole process on Node 20
  // ("FATAL ERROR: v8::Module::IsGraphAsync", exit 134, seen when fix refused a dirty tree at
  // once): let it finish loading (an empty batch runs once it has), then stop it
  await lane.run({ files: [] } as unknown as PlanBatch).catch(() => undefined);
  await lane.close();
}

/** The thread `prestartPlanner` started, once; null if it started none. */
export function takePrestartedPlanner(): Lane | null {
  const lane = prestarted;
  prestarted = null;
  return lane;
}
