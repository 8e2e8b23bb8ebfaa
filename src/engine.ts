/**
 * The engine's one entry point per file: text in, plan out. Adapters hand
 * in a normalized tree; the engine builds the view and asks the planner.
 */
import type { MigrationOptions } from './catalog/index.js';
import { buildView, type FileContext } from './analysis/view.js';
import { planViewWithLinks, type Finding, type Link } from './plan/planner.js';
import { planBuildOutput, planTextFileWithLinks } from './plan/text-files.js';
import { roleOf } from './plan/roles.js';
import { isChangelog, textFileKind } from './files/kind.js';
import { isAbsolute } from 'node:path';
import { defaultProject } from './project/lookup.js';
import type { Node, Range } from './syntax/tree.js';
import { applyEdits, type Edit } from './text/edits.js';
import { codeLanguage, isCodeFile, mayContainMatch } from './prefilter.js';
import { codeSamples, sampleFindings, withSamples, type CodeSample } from './plan/doc-samples.js';
import { parsePython, pythonParserLoaded, PythonSyntaxError } from './syntax/python-parser.js';

export type { Finding } from './plan/planner.js';

// The prefilter (which files are parsed at all) lives apart so the CLI's main
// thread can use it without loading a parser.
export { codeExtensions, codeLanguage, isCodeFile, mayContainMatch, mayNeedPlan, type CodeLanguage } from './prefilter.js';

export type { FileContext } from './analysis/view.js';
export { leftoverMentions, type MentionPlace } from './plan/text-files.js';

/** The context of a file on disk: its path and the process-wide project lookup. */
export function fileContext(absolutePath: string | null | undefined, name?: string): FileContext {
  // without a path on disk, the name alone still says what the file is (a test, recorded data)
  return absolutePath && isAbsolute(absolutePath) ? { fileName: absolutePath, project: defaultProject } : { fileName: name ?? null, project: null };
}

/**
 * Plans a code file from a normalized tree of its text. `context` says where
 * the file lives, for what the plan may look up beyond it (imported
 * constants, the nearest package.json).
 */
export function planTree(tree: Node, text: string, options: MigrationOptions, context?: FileContext): Finding[] {
  return planTreeWithLinks(tree, text, options, context).findings;
}

/** The same, with the values the file shares with others (for the CLI's repository pass). */
export function planTreeWithLinks(tree: Node, text: string, options: MigrationOptions, context?: FileContext): { findings: Finding[]; links: Link[] } {
  const view = buildView(tree, text, options, context);
  return planViewWithLinks(view, text, options, context);
}

/**
 * The same, with where each image request of the file is written: the
 * ranges that hold its parts (a request object; a multipart form's
 * `append` calls). A finding inside one of them, or whose call sites are,
 * belongs to that request: the notebook transform applies a request's edits
 * all together or not at all.
 */
export function planTreeWithRequests(tree: Node, text: string, options: MigrationOptions, context?: FileContext): { findings: Finding[]; links: Link[]; requests: (readonly Range[])[] } {
  const view = buildView(tree, text, options, context);
  const requests = [...view.requests.map((request) => [request.request.range]), ...view.forms.map((form) => form.fields.map((field) => field.call.range))];
  return { ...planViewWithLinks(view, text, options, context), requests };
}

/** What planning one file gives: its findings and the text `fix` would write. */
export interface FilePlan {
  readonly findings: readonly Finding[];
  /** The text after `fix`; equal to the input when nothing changes. */
  readonly output: string;
  /** Whether the file was parsed (false for non-code files and code the prefilter rules out). */
  readonly parsed: boolean;
  /** Set when the fixed text would not parse: then `output` is the input, unchanged. */
  readonly outputError?: string;
  /** Values the file shares with other files without a finding of its own (src/plan/repository.ts). */
  readonly links?: readonly Link[];
}

/**
 * The plan of a file that needs no parser: a non-code file (.env, JSON,
 * Markdown), or code that cannot contain a match. Null when the file must be
 * parsed. Every transform asks this first, and the CLI's main thread plans
 * these files itself while a worker thread parses the rest.
 */
export function planWithoutParser(fileName: string, text: string, options: MigrationOptions, absolutePath?: string): FilePlan | null {
  if (isCodeFile(fileName) && BUILD_SEGMENT.test(fileName)) {
    // committed build output: its ids are reported where they are, the source is what changes
    const context = fileContext(absolutePath, fileName);
    if (roleOf(context, text).role === 'build-output') {
      const findings = planBuildOutput(text, options, context);
      return { findings, output: text, parsed: false, links: [] };
    }
  }
  // a document whose JS/TS samples may call an image API: the caller's parser plans them (planDocument)
  if (textFileKind(fileName) === 'docs' && !isChangelog(fileName) && codeSamples(text).some((sample) => mayContainMatch(sample.code, options))) return null;
  const nonCode = planNonCodeWithLinks(fileName, text, options, absolutePath);
  if (nonCode) return { findings: nonCode.findings, output: applyPlan(text, nonCode.findings), parsed: false, links: nonCode.links };
  if (codeLanguage(fileName) === null || !mayContainMatch(text, options)) return { findings: [], output: text, parsed: false, links: [] };
  return null;
}

/**
 * Plans a Markdown/MDX document with its JS/TS code samples: `planSample`
 * (the caller's parser) plans each sample's code, or gives null when it does
 * not parse (a fragment); the samples' findings are info, never edits.
 * Null when the file is not documentation.
 */
export function planDocument(
  fileName: string,
  text: string,
  options: MigrationOptions,
  absolutePath: string | undefined,
  planSample: (sample: CodeSample, context: FileContext) => readonly Finding[] | null,
): FilePlan | null {
  if (textFileKind(fileName) !== 'docs' || isChangelog(fileName)) return null;
  const prose = planNonCodeWithLinks(fileName, text, options, absolutePath) ?? { findings: [], links: [] };
  const context = fileContext(absolutePath, fileName);
  const samples = codeSamples(text)
    .filter((sample) => mayContainMatch(sample.code, options))
    // the parser sees the block after the imports of the document's earlier blocks (a tutorial's one program)
    .flatMap((sample) => sampleFindings(sample, planSample({ ...sample, code: sample.prelude + sample.code }, context) ?? []));
  return { findings: withSamples(prose.findings, samples), output: text, parsed: samples.length > 0, links: prose.links };
}

/**
 * A Python code sample of a document, when a Python file or fence made the
 * run load the parser; null (its mentions stay prose) otherwise, or when it
 * is a fragment that does not parse.
 */
export function planPythonSample(code: string, options: MigrationOptions, context: FileContext): readonly Finding[] | null {
  if (!pythonParserLoaded()) return null;
  try {
    return planTreeWithLinks(parsePython(code), code, options, context).findings;
  } catch (error) {
    if (error instanceof PythonSyntaxError) return null;
    throw error;
  }
}

/** Plans a non-code file (.env, Markdown), or returns null when the engine does not read that kind. */
export function planNonCode(fileName: string, text: string, options: MigrationOptions, absolutePath?: string): Finding[] | null {
  return planNonCodeWithLinks(fileName, text, options, absolutePath)?.findings ?? null;
}

function planNonCodeWithLinks(fileName: string, text: string, options: MigrationOptions, absolutePath?: string): { findings: Finding[]; links: Link[] } | null {
  const kind = textFileKind(fileName);
  if (!kind) return null;
  const context = fileContext(absolutePath, fileName);
  return mayContainMatch(text) || kind === 'package-json' ? planTextFileWithLinks(kind, text, options, context) : { findings: [], links: [] };
}

/** A path with a build-output folder in it (the cheap test before the file's role is asked). */
const BUILD_SEGMENT = /(?:^|[\\/])(?:dist|build|out|lib-dist|\.output)[\\/]/i;

/** The edits `fix` applies for a plan: every finding's own edits. */
export function editsOf(findings: readonly Finding[]): Edit[] {
  return findings.flatMap((finding) => finding.edits);
}

/** The text after the plan's edits. */
export function applyPlan(text: string, findings: readonly Finding[]): string {
  return applyEdits(text, editsOf(findings));
}
