/**
 * Planning one file that got past the prefilter, the same way on the main
 * thread and on a worker thread: JS/TS (and the code samples of docs)
 * through the oxc transform, or the ts-morph transform with `--parser
 * typescript`; Python and notebooks through the Python transform. Every
 * failure is turned into data (an error is not cloneable across threads,
 * and a worker must never lose the other files of its batch).
 *
 * Loading this module loads no parser: `preparePlanners` loads what a batch
 * needs (oxc's parser, or TypeScript; the Python parser, WebAssembly, only
 * for a batch that holds a Python file), once per thread.
 */
import type { MigrationOptions } from '../catalog/index.js';
import { codeLanguage } from '../prefilter.js';
import type { FilePlan } from '../engine.js';
import { textFileKind } from '../files/kind.js';
import { PYTHON_FENCE } from '../plan/doc-samples.js';
import { useModuleParser } from '../project/lookup.js';
import { createRequire } from 'node:module';
import { ParseError } from '../syntax/parse-error.js';
import type { PythonTransform } from '../../transforms/python.js';
import { internalOutcome, type PlanOutcome } from './outcome.js';
import { SourceFileError } from '../text/source-file.js';

export type { PlanOutcome } from './outcome.js';

/** The parser of JS/TS files: oxc's (the default) or TypeScript's (`--parser typescript`, the fallback). */
export type JsParser = 'oxc' | 'typescript';

/** A file to plan: its report path, its absolute path (for cross-file lookups) and its text without BOM. */
export interface PlanInput {
  readonly file: string;
  readonly absolute: string;
  readonly text: string;
}

interface JsTransform {
  run(fileName: string, text: string, options: MigrationOptions, absolutePath?: string): FilePlan;
}

const jsTransforms = new Map<JsParser, Promise<void>>();
/** A loaded transform, or why it could not be loaded (every JS/TS file of the run gets that as its message). */
const loadedJs = new Map<JsParser, JsTransform | string>();
let python: PythonTransform | null = null;
let pythonLoadError: string | null = null;

/**
 * Starts loading the JS/TS transform of `parser` in this thread (a planner
 * thread calls it as it starts, before its first batch arrives); the same
 * promise for every later call.
 */
export function loadJsTransform(parser: JsParser): Promise<void> {
  let loading = jsTransforms.get(parser);
  if (!loading) {
    loading = (
      parser === 'typescript'
        ? import('../../transforms/ts-morph.js').then(({ TsMorphTransform }) => new TsMorphTransform())
        : import('../../transforms/oxc.js').then(({ OxcTransform }) => new OxcTransform(() => tsMorphFallback()))
    ).then(
      (transform) => void loadedJs.set(parser, transform),
      (error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        const fallback = parser === 'oxc' ? '; reinstall gpt-image-migrate, or run with --parser typescript' : '; reinstall gpt-image-migrate';
        loadedJs.set(parser, `the ${parser === 'oxc' ? 'JS/TS parser (oxc-parser)' : 'TypeScript parser (ts-morph)'} could not be loaded: ${why}${fallback}`);
      },
    );
    jsTransforms.set(parser, loading);
  }
  return loading;
}

/**
 * The ts-morph transform, for the files the oxc transform does not give oxc
 * (nested too deeply), loaded the first time one comes: synchronously (a
 * `require` of its ES module, which Node ^20.19 allows), so no batch is
 * scanned beforehand for such a file. Undefined when it cannot be loaded
 * (the file is then too deeply nested to analyse).
 */
function tsMorphFallback(): JsTransform | undefined {
  if (!loadedJs.has('typescript')) {
    try {
      const { TsMorphTransform } = createRequire(import.meta.url)('../../transforms/ts-morph.js') as typeof import('../../transforms/ts-morph.js');
      loadedJs.set('typescript', new TsMorphTransform());
    } catch (error) {
      loadedJs.set('typescript', `the TypeScript parser (ts-morph) could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const transform = loadedJs.get('typescript');
  return typeof transform === 'string' ? undefined : transform;
}

/**
 * Loads what planning these files needs, once per thread: the JS/TS
 * transform of `parser` (also what reads imported modules), and the Python
 * parser when a file is Python or a document has a Python sample.
 */
export async function preparePlanners(files: readonly (Pick<PlanInput, 'file'> & { readonly text?: string })[], parser: JsParser = 'oxc'): Promise<void> {
  useModuleParser(parser === 'oxc' ? 'oxc' : 'typescript');
  const js = files.filter((input) => !isPython(input.file));
  if (js.length > 0) await loadJsTransform(parser);
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

/** Plans one file; needs `preparePlanners` first. */
export function planFile(input: PlanInput, migration: MigrationOptions, parser: JsParser = 'oxc'): PlanOutcome {
  try {
    if (isPython(input.file)) {
      if (pythonLoadError) return { kind: 'expected', message: pythonLoadError };
      if (!python) throw new Error('the Python transform is not loaded (preparePlanners)');
      return { kind: 'plan', plan: python.run(input.file, input.text, migration, input.absolute) };
    }
    const transform = loadedJs.get(parser);
    if (transform === undefined) throw new Error(`the ${parser} transform is not loaded (preparePlanners)`);
    if (typeof transform === 'string') return { kind: 'expected', message: transform };
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
  readonly parser: JsParser;
}

export async function planBatch(batch: PlanBatch): Promise<PlanOutcome[]> {
  await preparePlanners(batch.files, batch.parser);
  return batch.files.map((input) => planFile(input, batch.migration, batch.parser));
}
