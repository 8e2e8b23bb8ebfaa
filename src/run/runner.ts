/**
 * A run over files: discover, read each file once, skip what cannot match,
 * plan through the ts-morph transform, and (for `fix`) write what changed.
 * Every bad file becomes one error entry; the run always goes on.
 */
import { packageInfo as pkg } from '../package-info.js';
import type { MigrationOptions } from '../catalog/index.js';
import { ParseError, TsMorphTransform } from '../../transforms/ts-morph.js';
import { placeFindings, SCHEMA_VERSION, summarise, type Report, type ReportError, type ReportFinding } from '../report/model.js';
import { discover, relativePath } from './discover.js';
import { DEFAULT_MAX_FILE_BYTES, readSource, SourceFileError, writeSource } from './source-file.js';


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

export async function run(options: RunOptions): Promise<RunResult> {
  const { root, files, errors: pathErrors, skipped } = await discover(options.paths, options.cwd);
  const errors: ReportError[] = [...pathErrors];
  const findings: ReportFinding[] = [];
  const changes: FileChange[] = [];
  const internalErrors: { file: string; error: unknown }[] = [];
  const transform = new TsMorphTransform();
  let parsed = 0;

  options.onStart?.(files.length);
  for (const [i, absolute] of files.entries()) {
    const file = relativePath(root, absolute);
    try {
      const source = await readSource(absolute, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
      const plan = transform.run(file, source.text, options.migration);
      if (plan.parsed) parsed++;
      findings.push(...placeFindings(file, source.text, plan.findings));
      if (plan.outputError) errors.push({ file, message: plan.outputError });
      if (plan.output !== source.text) {
        if (options.write) await writeSource(absolute, source, plan.output);
        changes.push({ file, absolute, before: source.text, after: plan.output, written: options.write });
      }
    } catch (error) {
      if (isExpected(error)) {
        errors.push({ file, message: error.message });
      } else {
        errors.push({ file, message: `internal error: ${error instanceof Error ? error.message : String(error)} (run with --debug for details)` });
        internalErrors.push({ file, error });
      }
    }
    options.onProgress?.(i + 1, files.length);
  }

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

/** Bad input the user can act on, as opposed to a bug in this tool. */
function isExpected(error: unknown): error is Error {
  return error instanceof SourceFileError || error instanceof ParseError;
}
