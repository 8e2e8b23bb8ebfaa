/**
 * The normalized syntax view. Each AST (ESLint's ESTree, Babel via
 * jscodeshift, TypeScript via ts-morph) is translated into these few node
 * kinds by a thin adapter; the analysis only ever sees this view, so lint,
 * fix and audit cannot disagree about what a piece of code is.
 *
 * Ranges are [start, end) offsets into the analysed text (BOM excluded).
 */

export type Range = readonly [start: number, end: number];

interface NodeBase {
  readonly range: Range;
  /** Every direct child, in source order (kind-specific fields point into it). */
  readonly children: Node[];
  parent: Node | null;
}

/** A string with no substitutions: '...', "...", `...`. */
export interface StringNode extends NodeBase {
  readonly kind: 'string';
  readonly value: string;
  /** True when the literal is a TypeScript literal type (`type M = 'gpt-image-1'`). */
  readonly isType: boolean;
}
/** A template literal with substitutions. `quasis` are the static parts. */
export interface TemplateNode extends NodeBase {
  readonly kind: 'template';
  readonly quasis: readonly string[];
  readonly expressions: readonly Node[];
}
export interface NumberNode extends NodeBase {
  readonly kind: 'number';
  readonly value: number;
}
export interface IdentifierNode extends NodeBase {
  readonly kind: 'identifier';
  readonly name: string;
}
export interface MemberNode extends NodeBase {
  readonly kind: 'member';
  readonly object: Node;
  /** `a.b` and `a['b']` give 'b'; a computed non-literal gives null. */
  readonly property: string | null;
}
export interface CallNode extends NodeBase {
  readonly kind: 'call';
  readonly callee: Node;
  readonly args: readonly Node[];
  readonly isNew: boolean;
}
export interface ObjectNode extends NodeBase {
  readonly kind: 'object';
  /** `property`, `spread` or `other` (methods, accessors). */
  readonly properties: readonly Node[];
  /**
   * How an entry is written, where it is not JS's `key: value`: a Python
   * call's keyword arguments (`model="x"`, the call's params as one object)
   * or a Python dict (`"model": "x"`). Edits that add an entry spell it so.
   */
  readonly spelling?: EntrySpelling;
}

export type EntrySpelling = 'js' | 'keywords' | 'dict';

/** Calls that read an environment variable by name: Python's `os.getenv("X")`, `os.environ.get("X")`. */
export const ENV_GETTER_CALLS = /^(?:os\.)?(?:getenv|environ\.get|environ\.setdefault)$/;
export interface PropertyNode extends NodeBase {
  readonly kind: 'property';
  /** Static key text (`model`, `'gpt-image-1'`); null when computed from an expression. */
  readonly key: string | null;
  readonly keyRange: Range;
  /** True when the key is a string literal (`'gpt-image-1': 0.04`). */
  readonly keyIsString: boolean;
  readonly value: Node;
  readonly shorthand: boolean;
}
export interface SpreadNode extends NodeBase {
  readonly kind: 'spread';
  readonly argument: Node;
}
export interface ArrayNode extends NodeBase {
  readonly kind: 'array';
  readonly elements: readonly Node[];
}
/** Binary and logical expressions. */
export interface BinaryNode extends NodeBase {
  readonly kind: 'binary';
  readonly operator: string;
  readonly left: Node;
  readonly right: Node;
}
export interface ConditionalNode extends NodeBase {
  readonly kind: 'conditional';
  readonly test: Node;
  readonly consequent: Node;
  readonly alternate: Node;
}
/** `const name = init` with a plain identifier name; a TS enum is one too (`init` an object of its members). */
export interface VariableNode extends NodeBase {
  readonly kind: 'variable';
  readonly name: string;
  readonly init: Node | null;
  readonly exported: boolean;
  /**
   * Where the name is visible, when narrower than the file: a function's
   * parameter (`def gen(prompt, model)`, `(model: string) =>`) is seen only
   * in its function, where it shadows a module constant of the same name.
   */
  readonly scope?: Range;
}
/** A default in a destructuring pattern or a parameter: `{ model = 'x' }`, `(model = 'x') =>`. */
export interface DefaultNode extends NodeBase {
  readonly kind: 'default';
  readonly name: string | null;
  readonly value: Node;
}
/** `case test:` of a switch. */
export interface CaseNode extends NodeBase {
  readonly kind: 'case';
  readonly test: Node | null;
}
export interface RegexNode extends NodeBase {
  readonly kind: 'regex';
  readonly pattern: string;
}
export interface JsxAttributeNode extends NodeBase {
  readonly kind: 'jsx-attribute';
  readonly name: string;
  readonly value: Node | null;
}
export interface ReturnNode extends NodeBase {
  readonly kind: 'return';
  readonly argument: Node | null;
}
/** `import { a as b } from 'x'`, `const { a: b } = require('x')`, `const m = require('x')` (imported '*'). */
export interface ImportNode extends NodeBase {
  readonly kind: 'import';
  readonly source: string;
  readonly bindings: readonly { readonly local: string; readonly imported: string }[];
}
/** `export { a as b } from 'x'`, `export * from 'x'` (re-exports, for the cross-file index). */
export interface ReexportNode extends NodeBase {
  readonly kind: 'reexport';
  readonly source: string;
  /** null for `export * from`. */
  readonly bindings: readonly { readonly exported: string; readonly imported: string }[] | null;
}
/** `export { a as b }`, `export default x`, `module.exports = x`, `exports.b = x`. */
export interface ExportNode extends NodeBase {
  readonly kind: 'export';
  /** `default`, a name, or `*` for `module.exports = {...}` (every key of the object). */
  readonly exported: string;
  readonly value: Node;
}
/** Any other node: only its children matter. `type` marks TypeScript type positions. */
export interface OtherNode extends NodeBase {
  readonly kind: 'other' | 'type';
}

export type Node =
  | StringNode
  | TemplateNode
  | NumberNode
  | IdentifierNode
  | MemberNode
  | CallNode
  | ObjectNode
  | PropertyNode
  | SpreadNode
  | ArrayNode
  | BinaryNode
  | ConditionalNode
  | VariableNode
  | DefaultNode
  | CaseNode
  | RegexNode
  | JsxAttributeNode
  | ReturnNode
  | ImportNode
  | ReexportNode
  | ExportNode
  | OtherNode;

export type NodeKind = Node['kind'];

/** Distributes Omit over the union, so each kind keeps its own fields. */
type NodeSpec<N> = N extends Node ? Omit<N, 'parent' | 'children'> & { children?: Node[] } : never;

/**
 * Builds a node and links its children. Adapters call this with a fresh
 * object literal of the kind-specific fields, which becomes the node itself:
 * no copy, since adapters build one node per AST node of every parsed file.
 */
export function makeNode<N extends Node>(spec: NodeSpec<N>, children: Node[]): N {
  const node = spec as unknown as { children: Node[]; parent: Node | null };
  node.children = children;
  node.parent = null;
  for (const child of children) child.parent = node as N;
  return node as N;
}

/** Depth-first, pre-order walk. */
export function walk(root: Node, visit: (node: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

/** The text of a string-like node's value range (inside its quotes). */
export function innerRange(node: StringNode): Range {
  return [node.range[0] + 1, node.range[1] - 1];
}

/** The static text of a string, or of a template whose parts are all static. */
export function staticText(node: Node): string | null {
  if (node.kind === 'string') return node.value;
  if (node.kind === 'template') return node.quasis.join('${…}');
  return null;
}

/** `a.b.c` for a member chain of identifiers, else null. */
export function memberPath(node: Node): string | null {
  if (node.kind === 'identifier') return node.name;
  if (node.kind === 'member') {
    const object = node.object.kind === 'other' && node.object.children.length === 0 ? 'this' : memberPath(node.object);
    return object !== null && node.property !== null ? `${object}.${node.property}` : null;
  }
  return null;
}

/**
 * The member chain a call is made on, when its root is itself a call:
 * `OpenAI().images.generate` (Python), `new OpenAI().images.generate`,
 * `getClient().images.edit`, as written.
 * `memberPath` first; null when neither names the chain.
 */
export function calleePath(node: Node): string | null {
  const plain = memberPath(node);
  if (plain !== null || node.kind !== 'member' || node.property === null) return plain;
  const root = node.object;
  const inner = root.kind === 'call' ? calleePath(root.callee) : null;
  const object = root.kind === 'call' ? (inner === null ? null : `${root.isNew ? 'new ' : ''}${inner}()`) : calleePath(root);
  return object === null ? null : `${object}.${node.property}`;
}

/** Operators whose right side is the value when the left is unset: `process.env.X ?? 'id'`, `a || b` (Python's `or` is read as `||`). */
export const FALLBACK_OPERATORS: ReadonlySet<string> = new Set(['??', '||']);

/**
 * The environment variable a node reads: `process.env.NAME`,
 * `process.env['NAME']`, or `env.NAME` of a validated env object (t3-env,
 * envalid), the latter only for UPPER_SNAKE names.
 */
export function envRead(node: Node): string | null {
  if (node.kind === 'call') {
    // Python's `os.getenv("NAME")`, `os.environ.get("NAME")` (a default is the fallback around it: src/syntax/from-python.ts)
    const getter = memberPath(node.callee);
    const name = node.args[0]?.kind === 'string' ? node.args[0].value : null;
    return getter && name && ENV_GETTER_CALLS.test(getter) && /^[A-Za-z_]\w*$/.test(name) ? name : null;
  }
  if (node.kind !== 'member' || node.property === null) return null;
  const path = memberPath(node);
  if (!path) return null;
  const direct = /^(?:process\.env|os\.environ|environ)\.([A-Za-z_][\w]*)$/.exec(path);
  if (direct) return direct[1];
  const validated = /^(?:\w+\.)?(?:env|ENV|serverEnv|clientEnv)\.([A-Z][A-Z0-9_]*)$/.exec(path);
  return validated ? validated[1] : null;
}

/** Every environment variable read inside a subtree (`resolveEnv(process.env.X)`). */
export function envReadsIn(root: Node): string[] {
  const names: string[] = [];
  walk(root, (node) => {
    const name = envRead(node);
    if (name && !names.includes(name)) names.push(name);
  });
  return names;
}
