/**
 * The ts-morph transform: parses one file at a time into a Project that never
 * holds more than that file (add, analyse, edit, forget), translates the
 * TypeScript AST into the normalized view and applies the planner's edits as
 * text-range edits. Files that cannot contain a match are never parsed.
 */
import { createRequire } from 'node:module';
import type { SourceFile, ts as TS } from 'ts-morph';
import type { MigrationOptions } from '../src/catalog/index.js';
import { applyPlan, fileContext, planDocument, planPythonSample, planTreeWithLinks, planWithoutParser, type FilePlan } from '../src/engine.js';
import { fromTypeScript } from '../src/syntax/from-typescript.js';

export type { FilePlan } from '../src/engine.js';

// ts-morph is CommonJS: `require` skips the named-export scan Node runs on a
// CommonJS module imported from ESM (up to 0.1 s on ts-morph's 13 MB).
const { Project, ts } = createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph');

import { ParseError } from '../src/syntax/parse-error.js';

export { ParseError };

const scriptKinds: Record<string, TS.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JSX,
  '.jsx': ts.ScriptKind.JSX,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
};

const extensionOf = (fileName: string): string => {
  const dot = fileName.lastIndexOf('.');
  return dot > fileName.lastIndexOf('/') ? fileName.slice(dot).toLowerCase() : '';
};

function scriptKindOf(fileName: string): TS.ScriptKind {
  return scriptKinds[extensionOf(fileName)] ?? ts.ScriptKind.TS;
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
    const withoutParser = planWithoutParser(fileName, text, options, absolutePath);
    if (withoutParser) return withoutParser;
    const document = planDocument(fileName, text, options, absolutePath, (sample, context) =>
      sample.lang === 'python' ? planPythonSample(sample.code, options, context) : this.withSourceFile(`sample.${sample.lang}`, sample.code, (sourceFile) => {
        try {
          assertParses(sourceFile.compilerNode, 'does not parse');
        } catch (error) {
          if (error instanceof ParseError) return null; // a fragment (`...`, a lone object): its mentions stay reported as prose
          throw error;
        }
        return planTreeWithLinks(fromTypeScript(sourceFile.compilerNode), sample.code, options, context).findings;
      }),
    );
    if (document) return document;

    let parsed: TS.SourceFile | undefined;
    const { findings, links } = this.withSourceFile(fileName, text, (sourceFile) => {
      parsed = sourceFile.compilerNode;
      assertParses(parsed, 'does not parse');
      return planTreeWithLinks(fromTypeScript(parsed), text, options, fileContext(absolutePath, fileName));
    });
    const output = applyPlan(text, findings);
    if (output !== text) {
      try {
        assertParses(reparse(parsed!, text, output), 'the fix would not parse, so the file is left unchanged');
      } catch (error) {
        if (error instanceof ParseError) return { findings, output: text, parsed: true, outputError: error.message, links };
        throw error;
      }
    }
    return { findings, output, parsed: true, links };
  }

  private withSourceFile<T>(fileName: string, text: string, use: (sourceFile: SourceFile) => T): T {
    // one flat name: the file's own path would make ts-morph create its directories in memory, file after file
    const sourceFile = this.project.createSourceFile(`/virtual/source${extensionOf(fileName)}`, text, {
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

/**
 * The fixed text, parsed to check that the fix did not break it: with
 * TypeScript's incremental parser (what editors run on every keystroke),
 * which reuses the nodes outside the changed span and never reuses a node
 * with an error, so it reports what a full parse would. `previous` (already
 * forgotten by the project) must not be used afterwards.
 */
export function reparse(previous: TS.SourceFile, before: string, after: string): TS.SourceFile {
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shortest - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  const span = { start, length: before.length - start - tail };
  // edits spread over the file: TypeScript's incremental parse would revisit every node, a fresh one is cheaper
  if (span.length > before.length / 2) return ts.createSourceFile(previous.fileName, after, previous.languageVersion, true, scriptKindOf(previous.fileName));
  return ts.updateSourceFile(previous, after, { span, newLength: after.length - start - tail });
}

function assertParses(sourceFile: TS.SourceFile, what: string): void {
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start);
  const message = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  throw new ParseError(`${what}: ${message} (line ${line + 1}, column ${character + 1})`, line + 1, character + 1);
}

/** The first syntax error of a text, as `message (line, column)`, or null when it parses. */
export function parseProblem(fileName: string, text: string): string | null {
  const sourceFile = ts.createSourceFile(`/virtual/check${extensionOf(fileName)}`, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
  try {
    assertParses(sourceFile, 'does not parse');
    return null;
  } catch (error) {
    if (error instanceof ParseError) return error.message.replace(/^does not parse: /, '');
    throw error;
  }
}
