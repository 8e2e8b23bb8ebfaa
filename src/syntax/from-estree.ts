/**
 * Adapter: an ESTree AST (espree, @typescript-eslint/parser) or a Babel AST
 * (jscodeshift's `babel`, `ts` and `tsx` parsers) → the normalized view.
 * Babel spells a few nodes differently (StringLiteral, ObjectProperty); both
 * spellings are handled here, so one adapter serves ESLint and jscodeshift.
 */
import { MAX_TREE_DEPTH, TooDeeplyNested } from './depth.js';
import { makeNode, type Node, type Range } from './tree.js';

/** The loose shape shared by ESTree and Babel nodes. */
export interface EstreeNode {
  type: string;
  range?: [number, number];
  start?: number;
  end?: number;
  [key: string]: unknown;
}

type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

const SKIPPED_KEYS = new Set([
  'parent',
  'loc',
  'range',
  'start',
  'end',
  'tokens',
  'comments',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'extra',
  'original',
]);

/** Wrappers that do not change a value: `x as const`, `x satisfies T`, `x!`, `(x)`. */
const TRANSPARENT = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'ParenthesizedExpression',
  'TypeCastExpression',
  'ChainExpression',
  'JSXExpressionContainer',
  'ExpressionStatement',
]);

/**
 * Converts `root`. `offset` is subtracted from every position (ESLint and
 * espree ranges already exclude a BOM; pass 1 for a parser that counts it).
 */
export function fromEstree(root: EstreeNode, visitorKeys?: VisitorKeys, offset = 0): Node {
  // one array per node, no destructuring: the adapter runs once per AST node of every parsed file
  const rangeOf = (node: EstreeNode): Range => {
    const range = node.range;
    return range ? [range[0] - offset, range[1] - offset] : [(node.start ?? 0) - offset, (node.end ?? 0) - offset];
  };

  const childNodes = (node: EstreeNode): EstreeNode[] => {
    const keys = visitorKeys?.[node.type] ?? Object.keys(node).filter((key) => !SKIPPED_KEYS.has(key));
    const out: EstreeNode[] = [];
    for (let k = 0; k < keys.length; k++) {
      const value = node[keys[k]];
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (isNode(value[i])) out.push(value[i] as EstreeNode);
      } else if (isNode(value)) {
        out.push(value);
      }
    }
    return out;
  };

  const exportedDeclarators = new Set<EstreeNode>();

  const convertAll = (nodes: EstreeNode[], inType: boolean): Node[] => {
    const out: Node[] = new Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) out[i] = convert(nodes[i], inType);
    return out;
  };

  const other = (node: EstreeNode, inType: boolean, kind: 'other' | 'type' = 'other'): Node =>
    makeNode({ kind, range: rangeOf(node) }, convertAll(childNodes(node), inType || kind === 'type'));

  const keyOf = (key: EstreeNode, computed: boolean): { key: string | null; keyIsString: boolean } => {
    if (!computed && key.type === 'Identifier') return { key: key.name as string, keyIsString: false };
    if (isStringLiteral(key)) return { key: stringValue(key), keyIsString: true };
    if (key.type === 'TemplateLiteral' && (key.expressions as unknown[]).length === 0) {
      return { key: templateQuasis(key)[0], keyIsString: true };
    }
    return { key: null, keyIsString: false };
  };

  let depth = 0;
  function convert(node: EstreeNode, inType: boolean): Node {
    if (++depth > MAX_TREE_DEPTH) throw new TooDeeplyNested();
    const converted = convertNode(node, inType);
    depth--;
    return converted;
  }

  function convertNode(node: EstreeNode, inType: boolean): Node {
    if (TRANSPARENT.has(node.type)) {
      const inner = node.expression as EstreeNode | undefined;
      if (isNode(inner) && inner.type !== 'JSXEmptyExpression') return convert(inner, inType);
      return other(node, inType);
    }
    if (node.type === 'ExportNamedDeclaration') {
      const declaration = node.declaration as EstreeNode | null;
      const source = node.source as EstreeNode | null;
      const specifiers = (node.specifiers as EstreeNode[] | undefined) ?? [];
      if (source && isStringLiteral(source)) {
        const bindings = specifiers.map((spec) => ({ exported: nameOf(spec.exported as EstreeNode), imported: nameOf((spec.local ?? spec.exported) as EstreeNode) }));
        return makeNode({ kind: 'reexport', range: rangeOf(node), source: stringValue(source), bindings }, []);
      }
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations as EstreeNode[]) exportedDeclarators.add(declarator);
      }
      if (declaration?.type === 'TSEnumDeclaration') exportedDeclarators.add(declaration);
      const exports = specifiers.map((spec) => {
        const local = spec.local as EstreeNode;
        const value = makeNode({ kind: 'identifier', range: rangeOf(local), name: nameOf(local) }, []);
        return makeNode({ kind: 'export', range: rangeOf(spec), exported: nameOf(spec.exported as EstreeNode), value }, [value]);
      });
      return makeNode({ kind: 'other', range: rangeOf(node) }, [...(declaration ? [convert(declaration, inType)] : []), ...exports]);
    }
    if (node.type === 'ExportAllDeclaration') {
      return makeNode({ kind: 'reexport', range: rangeOf(node), source: stringValue(node.source as EstreeNode), bindings: null }, []);
    }
    if (node.type === 'ExportDefaultDeclaration') {
      const value = convert(node.declaration as EstreeNode, inType);
      return makeNode({ kind: 'export', range: rangeOf(node), exported: 'default', value }, [value]);
    }
    if (node.type === 'AssignmentExpression' && node.operator === '=') {
      const exported = commonJsExport(node.left as EstreeNode);
      if (exported !== null) {
        const value = convert(node.right as EstreeNode, inType);
        return makeNode({ kind: 'export', range: rangeOf(node), exported, value }, [value]);
      }
    }
    if (node.type === 'ImportDeclaration') {
      const bindings = ((node.specifiers as EstreeNode[]) ?? []).map((spec) => ({
        local: nameOf(spec.local as EstreeNode),
        imported: spec.type === 'ImportDefaultSpecifier' ? 'default' : spec.type === 'ImportNamespaceSpecifier' ? '*' : nameOf(spec.imported as EstreeNode),
      }));
      return makeNode({ kind: 'import', range: rangeOf(node), source: stringValue(node.source as EstreeNode), bindings }, []);
    }
    if (node.type === 'TSEnumDeclaration') {
      // an enum is read as `const Name = { Member: init, ... }`: members resolve like an `as const` map
      const members = ((node.body as EstreeNode | undefined)?.members ?? node.members ?? []) as EstreeNode[];
      const properties = members.flatMap((member) => {
        if (!member.initializer) return [];
        const value = convert(member.initializer as EstreeNode, inType);
        const { key, keyIsString } = keyOf(member.id as EstreeNode, false);
        return [makeNode({ kind: 'property', range: rangeOf(member), key, keyRange: rangeOf(member.id as EstreeNode), keyIsString, value, shorthand: false }, [value])];
      });
      const init = makeNode({ kind: 'object', range: rangeOf(node), properties }, properties);
      return makeNode({ kind: 'variable', range: rangeOf(node), name: nameOf(node.id as EstreeNode), init, exported: exportedDeclarators.has(node) }, [init]);
    }
    const range = rangeOf(node);
    switch (node.type) {
      case 'Literal':
      case 'StringLiteral':
      case 'DirectiveLiteral': // Babel: a directive prologue entry (`'use client';`) outside estree mode
      case 'NumericLiteral':
      case 'RegExpLiteral': {
        if (isStringLiteral(node)) return makeNode({ kind: 'string', range, value: stringValue(node), isType: inType }, []);
        if (typeof node.value === 'number') return makeNode({ kind: 'number', range, value: node.value }, []);
        const regex = (node.regex as { pattern?: string } | undefined)?.pattern ?? (node.type === 'RegExpLiteral' ? (node.pattern as string) : undefined);
        if (regex !== undefined) return makeNode({ kind: 'regex', range, pattern: regex }, []);
        return makeNode({ kind: 'other', range }, []);
      }
      case 'TemplateLiteral': {
        const expressions = node.expressions as EstreeNode[];
        const quasis = templateQuasis(node);
        if (expressions.length === 0) return makeNode({ kind: 'string', range, value: quasis[0], isType: inType }, []);
        const converted = convertAll(expressions, inType);
        return makeNode({ kind: 'template', range, quasis, expressions: converted }, converted);
      }
      case 'TSLiteralType':
        return convert(node.literal as EstreeNode, true);
      case 'Identifier':
      case 'JSXIdentifier': {
        const annotation = node.typeAnnotation as EstreeNode | null | undefined;
        if (!isNode(annotation)) return makeNode({ kind: 'identifier', range, name: node.name as string }, []);
        // a parameter `model: 'gpt-image-1'` (its range spans the annotation): the name, then its type, as TypeScript's
        // adapter sees a parameter (without this, a literal type in a parameter was read as a mention in prose)
        const name = node.name as string;
        const identifier = makeNode({ kind: 'identifier', range: [range[0], range[0] + name.length], name }, []);
        return makeNode({ kind: 'other', range }, [identifier, convert(annotation, true)]);
      }
      case 'ThisExpression':
        return makeNode({ kind: 'other', range }, []);
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const object = convert(node.object as EstreeNode, inType);
        const prop = node.property as EstreeNode;
        const computed = node.computed as boolean;
        const property = !computed && (prop.type === 'Identifier' || prop.type === 'PrivateIdentifier')
          ? (prop.name as string)
          : isStringLiteral(prop)
            ? stringValue(prop)
            : null;
        const children = [object];
        if (computed) children.push(convert(prop, inType));
        return makeNode({ kind: 'member', range, object, property }, children);
      }
      case 'CallExpression':
      case 'OptionalCallExpression':
      case 'NewExpression': {
        const callee = convert(node.callee as EstreeNode, inType);
        const args = convertAll(node.arguments as EstreeNode[], inType);
        return makeNode({ kind: 'call', range, callee, args, isNew: node.type === 'NewExpression' }, [callee, ...args]);
      }
      case 'ObjectExpression': {
        const properties = convertAll(node.properties as EstreeNode[], inType);
        return makeNode({ kind: 'object', range, properties }, properties);
      }
      case 'Property':
      case 'ObjectProperty': {
        if (node.kind !== undefined && node.kind !== 'init') return other(node, inType);
        if (node.method) return other(node, inType);
        const keyNode = node.key as EstreeNode;
        const { key, keyIsString } = keyOf(keyNode, node.computed as boolean);
        const valueNode = node.value as EstreeNode;
        // destructuring `{ model = 'x' }`: the value is an AssignmentPattern
        const value = convert(valueNode, inType);
        const children = node.computed && key === null ? [convert(keyNode, inType), value] : [value];
        return makeNode(
          { kind: 'property', range, key, keyRange: rangeOf(keyNode), keyIsString, value, shorthand: Boolean(node.shorthand) },
          children,
        );
      }
      case 'SpreadElement':
      case 'RestElement': {
        const argument = convert(node.argument as EstreeNode, inType);
        return makeNode({ kind: 'spread', range, argument }, [argument]);
      }
      case 'ArrayExpression': {
        const elements = convertAll((node.elements as (EstreeNode | null)[]).filter(isNode), inType);
        return makeNode({ kind: 'array', range, elements }, elements);
      }
      case 'BinaryExpression':
      case 'LogicalExpression': {
        const left = convert(node.left as EstreeNode, inType);
        const right = convert(node.right as EstreeNode, inType);
        return makeNode({ kind: 'binary', range, operator: node.operator as string, left, right }, [left, right]);
      }
      case 'ConditionalExpression': {
        const test = convert(node.test as EstreeNode, inType);
        const consequent = convert(node.consequent as EstreeNode, inType);
        const alternate = convert(node.alternate as EstreeNode, inType);
        return makeNode({ kind: 'conditional', range, test, consequent, alternate }, [test, consequent, alternate]);
      }
      case 'VariableDeclarator': {
        const id = node.id as EstreeNode;
        const required = requireSource(node.init as EstreeNode | null);
        if (required !== null) {
          const bindings: { local: string; imported: string }[] = [];
          if (id.type === 'Identifier') bindings.push({ local: id.name as string, imported: '*' });
          else if (id.type === 'ObjectPattern') {
            for (const property of id.properties as EstreeNode[]) {
              const value = property.value as EstreeNode | undefined;
              const local = value?.type === 'AssignmentPattern' ? (value.left as EstreeNode) : value;
              if (local?.type !== 'Identifier' || property.computed) continue;
              bindings.push({ local: local.name as string, imported: nameOf(property.key as EstreeNode) });
            }
          }
          return makeNode({ kind: 'import', range, source: required, bindings }, []);
        }
        if (id.type === 'Identifier') {
          const init = node.init ? convert(node.init as EstreeNode, inType) : null;
          const exported = exportedDeclarators.has(node);
          const typeChildren = id.typeAnnotation ? [convert(id.typeAnnotation as EstreeNode, true)] : [];
          return makeNode({ kind: 'variable', range, name: id.name as string, init, exported }, [...typeChildren, ...(init ? [init] : [])]);
        }
        return other(node, inType);
      }
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        // a plain parameter is a name of the function's own, which shadows a module constant (as from-typescript.ts)
        const params = new Set(node.params as EstreeNode[]);
        const children = childNodes(node).map((child) => {
          if (!params.has(child) || child.type !== 'Identifier' || child.name === 'this') return convert(child, inType);
          const type = isNode(child.typeAnnotation as EstreeNode | undefined) ? [convert(child.typeAnnotation as EstreeNode, true)] : [];
          return makeNode({ kind: 'variable', range: rangeOf(child), name: child.name as string, init: null, exported: false, scope: range }, type);
        });
        return makeNode({ kind: 'other', range }, children);
      }
      case 'AssignmentPattern': {
        const left = node.left as EstreeNode;
        const value = convert(node.right as EstreeNode, inType);
        const name = left.type === 'Identifier' ? (left.name as string) : null;
        // `{ model = 'x' } = {}`: the pattern's own defaults are values too; a parameter's annotation is a type
        const pattern = left.type === 'Identifier' ? [] : [convert(left, inType)];
        const annotation = left.type === 'Identifier' ? (left.typeAnnotation as EstreeNode | null | undefined) : undefined;
        const type = isNode(annotation) ? [convert(annotation, true)] : [];
        return makeNode({ kind: 'default', range, name, value }, [...pattern, ...type, value]);
      }
      case 'SwitchCase': {
        const test = node.test ? convert(node.test as EstreeNode, inType) : null;
        const body = convertAll(node.consequent as EstreeNode[], inType);
        return makeNode({ kind: 'case', range, test }, test ? [test, ...body] : body);
      }
      case 'ReturnStatement': {
        const argument = node.argument ? convert(node.argument as EstreeNode, inType) : null;
        return makeNode({ kind: 'return', range, argument }, argument ? [argument] : []);
      }
      case 'JSXAttribute': {
        const nameNode = node.name as EstreeNode;
        const name = nameNode.type === 'JSXIdentifier' ? (nameNode.name as string) : '';
        const value = node.value ? convert(node.value as EstreeNode, inType) : null;
        return makeNode({ kind: 'jsx-attribute', range, name, value }, value ? [value] : []);
      }
      default:
        if (node.type.startsWith('TS') && (node.type.endsWith('Type') || node.type.endsWith('TypeAnnotation') || node.type === 'TSTypeAliasDeclaration' || node.type === 'TSInterfaceDeclaration' || node.type === 'TSTypeReference')) {
          return other(node, inType, 'type');
        }
        return other(node, inType);
    }
  }

  return convert(root, false);
}

function nameOf(node: EstreeNode): string {
  return isStringLiteral(node) ? stringValue(node) : (node.name as string);
}

/** `require('x')` → 'x'. */
function requireSource(node: EstreeNode | null): string | null {
  while (node && (node.type === 'TSAsExpression' || node.type === 'ParenthesizedExpression')) node = node.expression as EstreeNode;
  if (node?.type !== 'CallExpression') return null;
  const callee = node.callee as EstreeNode;
  const [arg] = node.arguments as EstreeNode[];
  return callee.type === 'Identifier' && callee.name === 'require' && arg && isStringLiteral(arg) ? stringValue(arg) : null;
}

/** `module.exports`, `module.exports.X`, `exports.X` → the exported name ('*' for the whole object). */
function commonJsExport(node: EstreeNode): string | null {
  const path: string[] = [];
  let current: EstreeNode = node;
  while (current.type === 'MemberExpression' && !current.computed) {
    path.unshift((current.property as EstreeNode).name as string);
    current = current.object as EstreeNode;
  }
  if (current.type !== 'Identifier') return null;
  path.unshift(current.name as string);
  const text = path.join('.');
  if (text === 'module.exports') return '*';
  const named = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(text);
  return named ? named[1] : null;
}

function isNode(value: unknown): value is EstreeNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function isStringLiteral(node: EstreeNode): boolean {
  return (node.type === 'Literal' && typeof node.value === 'string') || node.type === 'StringLiteral' || node.type === 'DirectiveLiteral';
}

function stringValue(node: EstreeNode): string {
  return node.value as string;
}

function templateQuasis(node: EstreeNode): string[] {
  return (node.quasis as EstreeNode[]).map((q) => {
    const value = q.value as { cooked?: string | null; raw: string };
    return value.cooked ?? value.raw;
  });
}
