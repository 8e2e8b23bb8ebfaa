/**
 * The oxc transform, the CLI's: the same contract as the ts-morph transform
 * (`TsMorphTransform.run`), with oxc's parser (src/syntax/oxc-parser.ts)
 * and the ESTree adapter instead of TypeScript's parser and its adapter. It
 * loads no TypeScript; the planner cases, the fixtures and the property
 * tests run through both and require the same findings and bytes. (The CLI
 * also reads imported modules with oxc: `useModuleParser` in
 * src/project/lookup.ts.)
 */
import type { MigrationOptions } from '../src/catalog/index.js';
import { applyPlan, editsOf, fileContext, planDocument, planPythonSample, planTreeWithLinks, planWithoutParser, type FilePlan } from '../src/engine.js';
import { jsParseProblem, parseJs, TooDeepForOxc } from '../src/syntax/oxc-parser.js';
import { TooDeeplyNested } from '../src/syntax/depth.js';
import { ParseError } from '../src/syntax/parse-error.js';
import { keepsTokens } from '../src/text/edits.js';

export type { FilePlan } from '../src/engine.js';
export { ParseError };

/** What plans a file oxc is not given (nested too deeply for its native parser): the ts-morph transform. */
export interface FallbackTransform {
  run(fileName: string, text: string, options: MigrationOptions, absolutePath?: string): FilePlan;
}

export class OxcTransform {
  /**
   * `fallback` plans (and checks the fix of) a file nested too deeply for
   * oxc's native parser (`tooDeepForOxc`): TypeScript's parser reads it, so
   * it gets what `--parser typescript` gives. Without one, such a file is
   * reported as too deeply nested to analyse.
   */
  constructor(private readonly fallback?: () => FallbackTransform | undefined) {}

  /**
   * Plans `text` (BOM already removed) and computes the fixed text. Throws
   * ParseError when the file does not parse. When the fixed text would not
   * parse, the findings stand and `output` is the unchanged input.
   */
  run(fileName: string, text: string, options: MigrationOptions, absolutePath?: string): FilePlan {
    try {
      return this.plan(fileName, text, options, absolutePath);
    } catch (error) {
      if (!(error instanceof TooDeepForOxc)) throw error;
      const fallback = this.fallback?.();
      // what running out of stack gives (src/run/outcome.ts): too deeply nested to analyse
      if (!fallback) throw new TooDeeplyNested(error.message);
      return fallback.run(fileName, text, options, absolutePath);
    }
  }

  private plan(fileName: string, text: string, options: MigrationOptions, absolutePath?: string): FilePlan {
    const withoutParser = planWithoutParser(fileName, text, options, absolutePath);
    if (withoutParser) return withoutParser;
    const document = planDocument(fileName, text, options, absolutePath, (sample, context) => {
      if (sample.lang === 'python') return planPythonSample(sample.code, options, context);
      let tree;
      try {
        tree = parseJs(`sample.${sample.lang}`, sample.code);
      } catch (error) {
        if (error instanceof ParseError || error instanceof TooDeepForOxc) return null; // a fragment (`...`, a lone object): its mentions stay reported as prose
        throw error;
      }
      return planTreeWithLinks(tree, sample.code, options, context).findings;
    });
    if (document) return document;

    const tree = parseJs(fileName, text);
    const { findings, links } = planTreeWithLinks(tree, text, options, fileContext(absolutePath, fileName));
    const output = applyPlan(text, findings);
    if (output !== text && !keepsTokens(text, editsOf(findings))) {
      const problem = jsParseProblem(fileName, output);
      if (problem) return { findings, output: text, parsed: true, outputError: `the fix would not parse, so the file is left unchanged: ${problem}`, links };
    }
    return { findings, output, parsed: true, links };
  }
}

/** The first syntax error of a text, as `message (line, column)`, or null when it parses; TooDeepForOxc as `tooDeepForOxc` says. */
export function parseProblem(fileName: string, text: string): string | null {
  return jsParseProblem(fileName, text);
}

export { tooDeepForOxc } from '../src/syntax/oxc-parser.js';
