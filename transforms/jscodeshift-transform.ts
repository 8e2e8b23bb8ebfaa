/**
 * The jscodeshift transform's logic (the CommonJS entry `jscodeshift -t`
 * loads is `jscodeshift.cts`, built to `dist/transforms/jscodeshift.cjs`).
 *
 * Same planner, same edits as `gpt-image-migrate fix`: the file is parsed by
 * jscodeshift's own Babel parser (chosen per file: `ts`, `tsx`, or `babel`
 * for JavaScript), translated by the ESTree/Babel adapter, planned, and the
 * planner's text edits are applied to `file.source`. Recast never prints
 * anything, so every byte outside the edits (CRLF, tabs, quotes, comments,
 * BOM) stays as it was. The fixed text is parsed again; if it would not
 * parse, the file is left alone and reported.
 *
 * Options, as jscodeshift passes them through: `--now=YYYY-MM-DD`,
 * `--target=gpt-image-2`, `--tierMap=low=1k,medium=2k,high=4k` (or
 * `--tier-map`), `--azureDeploymentMap=old=new`, `--allow=dall-e-3`,
 * `--config=FILE`, `--maxFileSize=2` (MB), `--debug` (stack traces). The
 * config file the CLI and the ESLint rules read applies here too.
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { API, FileInfo, JSCodeshift, Options, Parser } from 'jscodeshift';
import { OptionError, resolveOptions, type MigrationOptions } from '../src/catalog/index.js';
import { loadConfig } from '../src/config.js';
import { applyPlan, fileContext, isCodeFile, mayContainMatch, planNonCode, planTree, type Finding } from '../src/engine.js';
import { textFileKind } from '../src/files/kind.js';
import { decodeSource, DEFAULT_MAX_FILE_BYTES, SourceFileError, splitBom, withBom, type SourceText } from '../src/text/source-file.js';
import { fromEstree, type EstreeNode } from '../src/syntax/from-estree.js';
import { LineIndex } from '../src/text/edits.js';

/** jscodeshift's parser per extension: Babel with TypeScript for TS, JSX only where the file may have it. */
const parserNames: Record<string, 'ts' | 'tsx' | 'babel'> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'babel',
  '.jsx': 'babel',
  '.mjs': 'babel',
  '.cjs': 'babel',
};

/** The jscodeshift parser for a file name (`ts` keeps `<T>x` casts legal in .ts files). */
export function parserFor(fileName: string): 'ts' | 'tsx' | 'babel' {
  return parserNames[path.extname(fileName).toLowerCase()] ?? 'tsx';
}

/** Bad input the user can act on: one line, no stack. */
export class TransformError extends Error {}

export function transform(file: FileInfo, api: API, options: Options): string | undefined {
  try {
    return migrate(file, api, options);
  } catch (error) {
    throw forJscodeshift(error, Boolean(options.debug));
  }
}

function migrate(file: FileInfo, api: API, options: Options): string | undefined {
  const fileName = file.path;
  // not a kind the engine reads (a .d.ts, a .json picked by --extensions): skipped, as by the CLI
  if (!isCodeFile(fileName) && !textFileKind(fileName)) return undefined;
  const migration = migrationOptions(options, fileName);
  const { source, onDisk } = checkedSource(file, maxFileBytes(options));
  const plan = planWithJscodeshift(fileName, source.text, api.jscodeshift, migration, onDisk ? path.resolve(fileName) : undefined);
  reportManual(plan.findings, source.text, api);
  if (plan.outputError) throw new TransformError(plan.outputError);
  if (plan.output === source.text) return file.source;
  refuseLinkedPath(fileName);
  return withBom(source, plan.output);
}

export interface JscodeshiftPlan {
  readonly findings: readonly Finding[];
  /** The text after `fix`; equal to the input when nothing changes or the fix would not parse. */
  readonly output: string;
  /** Set when the fixed text would not parse: then `output` is the input, unchanged. */
  readonly outputError?: string;
}

/**
 * Plans `text` (BOM removed) as the transform does, with `j`'s parsers:
 * the same shape as the ts-morph transform's `run` (`absolutePath`, for a
 * file on disk, lets the plan look beyond it: imported constants, the
 * nearest package.json). Throws TransformError when the file does not parse.
 */
export function planWithJscodeshift(
  fileName: string,
  text: string,
  j: JSCodeshift,
  migration: MigrationOptions,
  absolutePath?: string,
): JscodeshiftPlan {
  const nonCode = planNonCode(fileName, text, migration, absolutePath);
  if (nonCode) return { findings: nonCode, output: applyPlan(text, nonCode) };
  if (!isCodeFile(fileName) || !mayContainMatch(text, migration)) return { findings: [], output: text };
  const parser = rawParser(j, parserFor(fileName));
  const findings = planTree(fromEstree(parse(parser, text, 'does not parse')), text, migration, fileContext(absolutePath, fileName));
  const output = applyPlan(text, findings);
  if (output !== text) {
    try {
      parse(parser, output, 'the fix would not parse, so the file is left unchanged');
    } catch (error) {
      if (error instanceof TransformError) return { findings, output: text, outputError: error.message };
      throw error;
    }
  }
  return { findings, output };
}

/**
 * The text to plan. jscodeshift hands over `file.source` decoded with
 * `Buffer#toString()`, which silently turns invalid UTF-8 into U+FFFD and
 * lets binary through; writing that back would corrupt the file. So the
 * bytes on disk are checked as the CLI checks them (size, NUL bytes, UTF-8)
 * and must decode to exactly `file.source`.
 */
function checkedSource(file: FileInfo, maxBytes: number): { source: SourceText; onDisk: boolean } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.path);
  } catch {
    // not on disk (a programmatic call with a virtual path): the source is all there is
    return { source: splitBom(file.source), onDisk: false };
  }
  const source = decodeSource(bytes, maxBytes);
  if (withBom(source, source.text) !== file.source) {
    throw new TransformError('changed on disk while being read: skipped');
  }
  return { source, onDisk: true };
}

/**
 * jscodeshift walks directories with `stat`, following links, and its
 * writes follow a link to its target. An edit is written only when the
 * file is not a link itself and, inside the working directory, is reached
 * by its real path.
 */
function refuseLinkedPath(fileName: string): void {
  const absolute = path.resolve(fileName);
  let linked: boolean;
  try {
    if (lstatSync(absolute).isSymbolicLink()) {
      linked = true;
    } else {
      const cwd = process.cwd();
      const relative = path.relative(cwd, absolute);
      const inside = relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
      const expected = inside
        ? path.join(realpathSync(cwd), relative)
        : path.join(realpathSync(path.dirname(absolute)), path.basename(absolute));
      linked = realpathSync(absolute) !== expected;
    }
  } catch {
    return; // not on disk: nothing will be written through a link
  }
  if (linked) throw new TransformError('reached through a symbolic link: not edited (gpt-image-migrate fix handles links inside the scanned tree)');
}

const parserCache = new WeakMap<object, Map<string, Parser>>();

/**
 * The parser object behind `j.withParser(name)`. The AST must come from the
 * parser itself, not from `j(source)`: recast expands tabs and normalises
 * line endings before parsing, so its offsets are not offsets into the file.
 * jscodeshift's core records the parser it used in the options object it is
 * given, which is how it is read here (parsing an empty text once).
 */
function rawParser(j: JSCodeshift, name: string): Parser {
  let byName = parserCache.get(j);
  if (!byName) {
    byName = new Map();
    parserCache.set(j, byName);
  }
  let parser = byName.get(name);
  if (!parser) {
    const probe: { parser?: Parser } = {};
    j.withParser(name)('', probe);
    if (typeof probe.parser?.parse !== 'function') throw new Error(`this jscodeshift version does not expose its '${name}' parser`);
    parser = probe.parser;
    byName.set(name, parser);
  }
  return parser;
}

function parse(parser: Parser, text: string, what: string): EstreeNode {
  try {
    return parser.parse(text) as unknown as EstreeNode;
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    if (!(error instanceof SyntaxError) && !loc) throw error;
    const message = (error as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    const where = loc ? ` (line ${loc.line}, column ${loc.column + 1})` : '';
    throw new TransformError(`${what}: ${message}${where}`);
  }
}

/** What `fix` leaves to a person, through jscodeshift's `report` (printed as `REP file message`). */
function reportManual(findings: readonly Finding[], text: string, api: API): void {
  const manual = findings.filter((f) => f.fix === 'manual');
  if (manual.length === 0) return;
  const lines = new LineIndex(text);
  for (const finding of manual) {
    const { line, column } = lines.position(finding.range[0]);
    api.report(`${line}:${column} ${finding.rule}: ${finding.message}`);
  }
}

const optionCache = new Map<string, MigrationOptions>();

/** The options of a file: the config file the CLI and the rules read (searched up from it), then jscodeshift's flags. */
function migrationOptions(options: Options, fileName: string): MigrationOptions {
  const flags = {
    now: stringOption(options.now),
    target: stringOption(options.target),
    tierMap: pairsOption(options.tierMap ?? options['tier-map']),
    azureDeploymentMap: pairsOption(options.azureDeploymentMap ?? options['azure-deployment-map']),
    allow: stringOption(options.allow)?.split(',').map((id) => id.trim()).filter(Boolean),
  };
  let config;
  try {
    config = loadConfig(path.dirname(path.resolve(fileName)), stringOption(options.config)).options;
  } catch (error) {
    if (error instanceof OptionError) throw new TransformError(error.message);
    throw error;
  }
  const input = { ...config, ...Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined)) };
  const key = JSON.stringify(input);
  let resolved = optionCache.get(key);
  if (!resolved) {
    try {
      resolved = resolveOptions(input);
    } catch (error) {
      if (error instanceof OptionError) throw new TransformError(error.message);
      throw error;
    }
    optionCache.set(key, resolved);
  }
  return resolved;
}

function maxFileBytes(options: Options): number {
  const value = options.maxFileSize ?? options['max-file-size'];
  if (value === undefined) return DEFAULT_MAX_FILE_BYTES;
  const megabytes = Number(value);
  if (!Number.isFinite(megabytes) || megabytes <= 0) throw new TransformError(`--max-file-size must be a positive number of megabytes, got '${String(value)}'`);
  return megabytes * 1024 * 1024;
}

/** `--tierMap=low=1k,...`, or a JSON object (`--tierMap='{"low":"1k"}'`, which jscodeshift parses). */
function pairsOption(value: unknown): string | Readonly<Record<string, string>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, string>) : stringOption(value);
}

/** jscodeshift JSON-parses option values (`--now=2026-11-21` stays a string, `--maxFileSize=2` becomes 2). */
function stringOption(value: unknown): string | undefined {
  return value === undefined || value === null || value === true ? undefined : String(value);
}

/**
 * jscodeshift prints a thrown error as `ERR <file> Transformation error
 * (<message>)` followed by its stack. Bad input gets its one line and no
 * stack; an internal error too, unless `--debug`.
 */
function forJscodeshift(error: unknown, debug: boolean): Error {
  const expected = error instanceof TransformError || error instanceof SourceFileError;
  const out = error instanceof Error ? error : new Error(String(error));
  if (!expected) out.message = `internal error: ${out.message}${debug ? '' : ' (run with --debug for details)'}`;
  if (expected || !debug) out.stack = '';
  return out;
}
