/**
 * Python's parser: tree-sitter's Python grammar, compiled to WebAssembly and
 * shipped inside the `tree-sitter-python` npm package, run by
 * `web-tree-sitter`. Nothing is built at install and nothing is downloaded at
 * run time. Loading is asynchronous (WebAssembly is instantiated once per
 * thread, about 20 ms); parsing is synchronous after that.
 */
import { createRequire } from 'node:module';
import type { Parser as TsParser, Node as TsNode, Tree } from 'web-tree-sitter';
import type { Node } from './tree.js';
import { fromPython } from './from-python.js';
import { copyTree } from './python-tree.js';

const require = createRequire(import.meta.url);
let parser: TsParser | null = null;
let loading: Promise<void> | null = null;

/** Loads the parser once per thread; every later call resolves at once. */
export function loadPythonParser(): Promise<void> {
  loading ??= (async () => {
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
    const instance = new Parser();
    instance.setLanguage(language);
    parser = instance;
  })();
  return loading;
}

export function pythonParserLoaded(): boolean {
  return parser !== null;
}

/** A Python text that does not parse: the first error's place and what was found there. */
export class PythonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Parses a Python text into the normalized view; PythonSyntaxError when it does not parse. */
export function parsePython(text: string): Node {
  const tree = parseTree(text);
  try {
    const problem = firstError(tree.rootNode);
    if (problem) throw problem;
    return fromPython(copyTree(tree, text), text);
  } finally {
    tree.delete();
  }
}

/** The first syntax error of a Python text, as `message (line, column)`, or null when it parses. */
export function pythonParseProblem(text: string): string | null {
  const tree = parseTree(text);
  try {
    return firstError(tree.rootNode)?.message ?? null;
  } finally {
    tree.delete();
  }
}

function parseTree(text: string): Tree {
  if (!parser) throw new Error('the Python parser is not loaded (call loadPythonParser first)');
  const tree = parser.parse(text);
  if (!tree) throw new Error('the Python parser returned no tree');
  return tree;
}

function firstError(root: TsNode): PythonSyntaxError | null {
  if (!root.hasError) return null;
  // descend into the first child that holds the error, down to the ERROR or MISSING node itself
  let node = root;
  for (;;) {
    const next = node.children.find((child) => child !== null && (child.isError || child.isMissing || child.hasError));
    if (!next || next.isError || next.isMissing) {
      const at = next ?? node;
      const line = at.startPosition.row + 1;
      const column = at.startPosition.column + 1;
      const what = at.isMissing ? `missing '${at.type}'` : `unexpected ${describe(at)}`;
      return new PythonSyntaxError(`invalid Python syntax: ${what} (line ${line}, column ${column})`, line, column);
    }
    node = next;
  }
}

function describe(node: TsNode): string {
  const text = node.text.split('\n')[0]!.trim();
  return text ? `'${text.length > 30 ? `${text.slice(0, 30)}…` : text}'` : 'end of input';
}
