/**
 * Planning one file that got past the prefilter, the same way on the main
 * thread and on a worker thread: JS/TS through the ts-morph transform,
 * Python and notebooks through the Python transform, with every failure
 * turned into data (an error is not cloneable across threads, and a worker
 * must never lose the other files of its batch).
 *
 * Loading this module loads ts-morph (TypeScript): the runner imports it
 * only when a file needs planning. The Python parser (WebAssembly) is loaded
 * only for a batch that holds a Python file.
 */
import type { MigrationOptions } from '../catalog/index.js';
import { codeLanguage } from '../prefilter.js';
import { textFileKind } from '../files/kind.js';
import { PYTHON_FENCE } from '../plan/doc-samples.js';
import { ParseError, TsMorphTransform } from '../../transforms/ts-morph.js';
import type { PythonTransform } from '../../transforms/python.js';
import { internalOutcome, type PlanOutcome } from './outcome.js';
import { SourceFileError } from '../text/source-file.js';

export type { PlanOutcome } from './outcome.js';

/** A file to plan: its report path, its absolute path (for cross-file lookups) and its text without BOM. */
export interface PlanInput {
  readonly file: string;
  readonly absolute: string;
  readonly text: string;
}

let transform: TsMorphTransform | null = null;
let python: PythonTransform | null = null;
let pythonLoadError: string | null = null;

/** Loads what planning these files needs beyond TypeScript (the Python parser), once per thread. */
export async function preparePlanners(files: readonly (Pick<PlanInput, 'file'> & { readonly text?: string })[]): Promise<void> {
  // a Python file, or a document with a Python sample (planned as code, reported as info)
  const needsPython = files.some((input) => isPython(input.file) || (input.text !== undefined && textFileKind(input.file) === 'docs' && PYTHON_FENCE.test(input.text)));
  if (python || pythonLoadError || !needsPython) return;
  try {
    const { loadPythonTransform } = await import('../../transforms/python.js');
    python = await loadPythonTransform();
  } catch (error) {
    // every Python file of the run gets this as its message; the JS/TS files go on
    pythonLoadError = `the Python parser (tree-sitter-python) could not be loaded: ${error instanceof Error ? error.message : String(error)}; reinstall gpt-image-migrate`;
  }
}

function isPython(file: string): boolean {
  const language = codeLanguage(file);
  return language === 'python' || language === 'notebook';
}

/** Plans one file; a Python file needs `preparePlanners` first. */
export function planFile(input: PlanInput, migration: MigrationOptions): PlanOutcome {
  try {
    if (isPython(input.file)) {
      if (pythonLoadError) return { kind: 'expected', message: pythonLoadError };
      if (!python) throw new Error('the Python transform is not loaded (preparePlanners)');
      return { kind: 'plan', plan: python.run(input.file, input.text, migration, input.absolute) };
    }
    transform ??= new TsMorphTransform();
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

export async function planBatch(batch: PlanBatch): Promise<PlanOutcome[]> {
  await preparePlanners(batch.files);
  return batch.files.map((input) => planFile(input, batch.migration));
}
