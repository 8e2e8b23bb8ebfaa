/**
 * Planning one file that got past the prefilter, the same way on the main
 * thread and on a worker thread: through the ts-morph transform, with every
 * failure turned into data (an error is not cloneable across threads, and a
 * worker must never lose the other files of its batch).
 *
 * Loading this module loads ts-morph (TypeScript): the runner imports it
 * only when a file needs planning.
 */
import type { MigrationOptions } from '../catalog/index.js';
import { ParseError, TsMorphTransform } from '../../transforms/ts-morph.js';
import { internalOutcome, type PlanOutcome } from './outcome.js';
import { SourceFileError } from './source-file.js';

export type { PlanOutcome } from './outcome.js';

/** A file to plan: its report path, its absolute path (for cross-file lookups) and its text without BOM. */
export interface PlanInput {
  readonly file: string;
  readonly absolute: string;
  readonly text: string;
}

let transform: TsMorphTransform | null = null;

export function planFile(input: PlanInput, migration: MigrationOptions): PlanOutcome {
  transform ??= new TsMorphTransform();
  try {
    return { kind: 'plan', plan: transform.run(input.file, input.text, migration, input.absolute) };
  } catch (error) {
    if (error instanceof SourceFileError || error instanceof ParseError) return { kind: 'expected', message: error.message };
    return internalOutcome(error);
  }
}

/** A worker's task: a batch of files, planned in order. */
export interface PlanBatch {
  readonly migration: MigrationOptions;
  readonly files: readonly PlanInput[];
}

export function planBatch(batch: PlanBatch): PlanOutcome[] {
  return batch.files.map((input) => planFile(input, batch.migration));
}
