/**
 * The ts-morph transform: parses one file at a time into a Project that never
 * holds more than that file (add, analyse, edit, forget), translates the
 * TypeScript AST into the normalized view and applies the planner's edits as
 * text-range edits. Files that cannot contain a match are never parsed.
 */
import { Project, ts, type SourceFile } from 'ts-morph';
import type { MigrationOptions } from '../src/catalog/index.js';
import { applyPlan, fileContext, isCodeFile, mayContainMatch, planNonCode, planTree, type Finding } from '../src/engine.js';
import { fromTypeScript } from '../src/syntax/from-typescript.js';

export interface FilePlan {
  readonly findings: readonly Finding[];
  /** The text after `fix`; equal to the input when nothing changes. */
  readonly output: string;
  /** Whether the file was parsed (false when the prefilter ruled it out). */
  readonly parsed: boolean;
  /** Set when the fixed text would not parse: then `output` is the input, unchanged. */
  readonly outputError?: string;
}

export class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const scriptKinds: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JSX,
  '.jsx': ts.ScriptKind.JSX,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
};

function scriptKindOf(fileName: string): ts.ScriptKind {
  const ext = fileName.slice(fileName.lastIndexOf('.'));
  return scriptKinds[ext] ?? ts.ScriptKind.TS;
}

export class TsMorphTransform {
  private readonly project = new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
    compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve, noLib: true },
  });

  /**
   * Plans `text` (BOM already removed) and computes the fixed text. Throws
   * ParseError when the file does not parse. When the fixed text would not
   * parse, the findings stand and `output` is the unchanged input.
   */
  run(fileName: string, text: string, options: MigrationOptions, absolutePath?: string): FilePlan {
    const nonCode = planNonCode(fileName, text, options);
    if (nonCode) return { findings: nonCode, output: applyPlan(text, nonCode), parsed: false };
    if (!isCodeFile(fileName) || !mayContainMatch(text, options)) return { findings: [], output: text, parsed: false };

    const findings = this.withSourceFile(fileName, text, (sourceFile) => {
      assertParses(sourceFile, 'does not parse');
      return planTree(fromTypeScript(sourceFile.compilerNode), text, options, fileContext(absolutePath));
    });
    const output = applyPlan(text, findings);
    if (output !== text) {
      try {
        this.withSourceFile(fileName, output, (sourceFile) => assertParses(sourceFile, 'the fix would not parse, so the file is left unchanged'));
      } catch (error) {
        if (error instanceof ParseError) return { findings, output: text, parsed: true, outputError: error.message };
        throw error;
      }
    }
    return { findings, output, parsed: true };
  }

  private withSourceFile<T>(fileName: string, text: string, use: (sourceFile: SourceFile) => T): T {
    const sourceFile = this.project.createSourceFile(`/virtual/${fileName.replace(/^\/+/, '')}`, text, {
      overwrite: true,
      scriptKind: scriptKindOf(fileName),
    });
    try {
      return use(sourceFile);
    } finally {
      this.project.removeSourceFile(sourceFile);
    }
  }
}

function assertParses(sourceFile: SourceFile, what: string): void {
  const diagnostics = (sourceFile.compilerNode as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return;
  const { line, character } = sourceFile.compilerNode.getLineAndCharacterOfPosition(first.start);
  const message = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  throw new ParseError(`${what}: ${message} (line ${line + 1}, column ${character + 1})`, line + 1, character + 1);
}
