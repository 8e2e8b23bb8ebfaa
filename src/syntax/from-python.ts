/**
 * Adapter: a tree-sitter Python tree → the normalized view. Python is read
 * as the view's own shapes wherever the two languages mean the same thing,
 * so the planner never asks which language it plans:
 *
 * - a call's keyword arguments are one object, the call's params
 *   (`generate(model="x", n=2)` is `generate({ model: 'x', n: 2 })`), spelled
 *   `keywords` so an added entry is written `quality="low"`; a dict is an
 *   object spelled `dict` (`"quality": "low"`);
 * - `os.getenv("X", "id")` and `os.environ.get("X", "id")` are the env read
 *   `X` with the fallback `"id"` (`process.env.X ?? 'id'`), `a or b` is `||`;
 * - `assert x == "id"` is an assertion call, `x in ["a", "b"]` a membership
 *   test, `Literal["id"]` and every annotation a type;
 * - a module-level assignment is an exported constant (importable), an
 *   `Enum` class an enum (an object of its members), a class body's fields
 *   an object of settings, a parameter default a default;
 * - `from .settings import X` imports `./settings`, `import openai.types`
 *   imports `openai/types`, so packages and local modules resolve as in JS.
 *
 * A string's range is its quotes around its content (a prefix such as `f`
 * or `r`, and the outer quotes of `"""…"""`, stay outside), so the planner's
 * edits inside quotes land in the content.
 */
import type { PyNode as TsNode } from './python-tree.js';
import { MAX_TREE_DEPTH, TooDeeplyNested } from './depth.js';
import { ENV_GETTER_CALLS, makeNode, memberPath, type EntrySpelling, type Node, type ObjectNode, type PropertyNode, type Range } from './tree.js';

export function fromPython(root: TsNode, text: string): Node {
  const rangeOf = (node: TsNode): Range => [node.startIndex, node.endIndex];
  const convertAll = (nodes: readonly TsNode[], inType: boolean): Node[] => nodes.filter((n) => n.type !== 'comment').map((n) => convert(n, inType));
  const other = (node: TsNode, inType: boolean, kind: 'other' | 'type' = 'other'): Node =>
    makeNode({ kind, range: rangeOf(node) }, convertAll(node.namedChildren.filter(isPresent), inType || kind === 'type'));

  const dottedPath = (node: TsNode): string => node.namedChildren.filter(isPresent).map((n) => n.text).join('/');

  const moduleSource = (node: TsNode): string => pythonSpecifier(node.text.replace(/\s+/g, ''));

  const importNode = (node: TsNode): Node => {
    const bindings: { local: string; imported: string }[] = [];
    if (node.type === 'import_statement') {
      // `import openai`, `import openai.types as t`: one module each, bound to its first name (or the alias)
      const out: Node[] = [];
      for (const name of node.childrenForFieldName('name').filter(isPresent)) {
        const dotted = name.type === 'aliased_import' ? name.childForFieldName('name')! : name;
        const alias = name.type === 'aliased_import' ? name.childForFieldName('alias')?.text : null;
        const source = dottedPath(dotted);
        out.push(makeNode({ kind: 'import', range: rangeOf(node), source: alias ? source : source.split('/')[0]!, bindings: [{ local: alias ?? source.split('/')[0]!, imported: '*' }] }, []));
      }
      return out.length === 1 ? out[0]! : makeNode({ kind: 'other', range: rangeOf(node) }, out);
    }
    const moduleName = node.childForFieldName('module_name');
    const source = moduleName ? moduleSource(moduleName) : '.';
    const names = node.childrenForFieldName('name').filter(isPresent);
    if (/^\.\.?(?:\/\.\.)*$/.test(source)) {
      // `from . import settings`: each name is a module of the package
      const out = names.map((name) => {
        const imported = name.type === 'aliased_import' ? name.childForFieldName('name')!.text : name.text;
        const local = name.type === 'aliased_import' ? name.childForFieldName('alias')!.text : imported;
        return makeNode({ kind: 'import', range: rangeOf(node), source: `${source}/${imported}`, bindings: [{ local, imported: '*' }] }, []);
      });
      return out.length === 1 ? out[0]! : makeNode({ kind: 'other', range: rangeOf(node) }, out);
    }
    for (const name of names) {
      if (name.type === 'aliased_import') bindings.push({ local: name.childForFieldName('alias')!.text, imported: name.childForFieldName('name')!.text });
      else bindings.push({ local: name.text, imported: name.text });
    }
    return makeNode({ kind: 'import', range: rangeOf(node), source, bindings }, []);
  };

  const stringNode = (node: TsNode, inType: boolean): Node => {
    const start = node.children.find((c) => c?.type === 'string_start');
    const end = node.children.find((c) => c?.type === 'string_end');
    if (!start || !end) return other(node, inType);
    const prefix = start.text.replace(/['"]+$/, '').toLowerCase();
    const range: Range = [start.endIndex - 1, end.startIndex + 1];
    const raw = prefix.includes('r');
    const pieces: string[] = [''];
    const expressions: Node[] = [];
    for (const child of node.children) {
      if (!child || child === start || child === end) continue;
      if (child.type === 'interpolation') {
        const expression = child.childForFieldName('expression');
        expressions.push(expression ? convert(expression, inType) : makeNode({ kind: 'other', range: rangeOf(child) }, []));
        pieces.push('');
      } else {
        const content = text.slice(child.startIndex, child.endIndex);
        pieces[pieces.length - 1] += raw ? content : unescape(content);
      }
    }
    if (expressions.length === 0) return makeNode({ kind: 'string', range, value: pieces[0]!, isType: inType }, []);
    return makeNode({ kind: 'template', range: rangeOf(node), quasis: pieces, expressions }, expressions);
  };

  const keyword = (node: TsNode, inType: boolean): PropertyNode => {
    const name = node.childForFieldName('name')!;
    const value = convert(node.childForFieldName('value')!, inType);
    return makeNode({ kind: 'property', range: rangeOf(node), key: name.text, keyRange: rangeOf(name), keyIsString: false, value, shorthand: false }, [value]);
  };

  const entries = (node: TsNode, items: readonly TsNode[], spelling: EntrySpelling, inType: boolean, range: Range = rangeOf(node)): ObjectNode => {
    const properties = items.map((item): Node => {
      if (item.type === 'keyword_argument') return keyword(item, inType);
      if (item.type === 'dictionary_splat') {
        const argument = convert(item.namedChildren.find(isPresent)!, inType);
        return makeNode({ kind: 'spread', range: rangeOf(item), argument }, [argument]);
      }
      if (item.type === 'pair') {
        const keyNode = item.childForFieldName('key')!;
        const key = convert(keyNode, inType);
        const value = convert(item.childForFieldName('value')!, inType);
        const isString = key.kind === 'string';
        return makeNode(
          { kind: 'property', range: rangeOf(item), key: isString ? key.value : null, keyRange: isString ? key.range : rangeOf(keyNode), keyIsString: isString, value, shorthand: false },
          isString ? [value] : [key, value],
        );
      }
      return convert(item, inType);
    });
    return makeNode({ kind: 'object', range, properties, spelling }, properties);
  };

  const call = (node: TsNode, inType: boolean): Node => {
    const fn = node.childForFieldName('function')!;
    const callee = convert(fn, inType);
    const list = node.childForFieldName('arguments');
    const items = list ? list.namedChildren.filter((n) => isPresent(n) && n.type !== 'comment') : [];
    const positional = list?.type === 'argument_list' ? items.filter((n) => n.type !== 'keyword_argument' && n.type !== 'dictionary_splat') : items;
    const named = list?.type === 'argument_list' ? items.filter((n) => n.type === 'keyword_argument' || n.type === 'dictionary_splat') : [];
    const args = positional.map((n) => convert(n, inType));
    if (named.length > 0) args.push(entries(list!, named, 'keywords', inType, [named[0]!.startIndex, named[named.length - 1]!.endIndex]));
    const path = memberPath(callee);
    // `os.getenv("X", "id")`: the read of X, then its fallback, as `process.env.X ?? 'id'` is
    const second = args[1]?.kind === 'object' && args[1].spelling === 'keywords' ? defaultArgument(args) : (args[1] ?? null);
    const fallback = path && ENV_GETTER_CALLS.test(path) ? second : null;
    if (fallback && args[0]?.kind === 'string') {
      const read = makeNode({ kind: 'call', range: [node.startIndex, args[0].range[1]], callee, args: [args[0]], isNew: false }, [callee, args[0]]);
      return makeNode({ kind: 'binary', range: rangeOf(node), operator: '??', left: read, right: fallback }, [read, fallback]);
    }
    // pydantic-settings' `Field(default="id", alias="IMAGE_MODEL")` (or `validation_alias=`, v1's `env=`): the setting
    // reads the environment variable its alias names, and falls back to the default, as `os.getenv("IMAGE_MODEL", "id")`
    const setting = path && /(?:^|\.)Field$/.test(path) ? settingsField(args) : null;
    if (setting) {
      const getter = makeNode({ kind: 'identifier', range: callee.range, name: 'getenv' }, []);
      const read = makeNode({ kind: 'call', range: callee.range, callee: getter, args: [setting.name], isNew: false }, [getter, setting.name]);
      return makeNode({ kind: 'binary', range: rangeOf(node), operator: '??', left: read, right: setting.fallback }, [read, setting.fallback]);
    }
    return makeNode({ kind: 'call', range: rangeOf(node), callee, args, isNew: false }, [callee, ...args.sort((a, b) => a.range[0] - b.range[0])]);
  };

  const assignment = (node: TsNode, inType: boolean, scope: 'module' | 'class' | 'local'): Node => {
    const left = node.childForFieldName('left')!;
    const right = node.childForFieldName('right');
    const type = node.childForFieldName('type');
    const typeNode = type ? [convert(type, inType)] : [];
    if (left.type !== 'identifier' || !right || right.type === 'assignment') return other(node, inType);
    const init = convert(right, inType);
    const exported = scope === 'module' && !left.text.startsWith('_');
    // a name assigned in a function is that function's local: another function's `model` is not it
    let owner = node.parent;
    while (owner && owner.type !== 'function_definition' && owner.type !== 'class_definition') owner = owner.parent;
    const local = owner?.type === 'function_definition' ? { scope: rangeOf(owner) } : {};
    return makeNode({ kind: 'variable', range: rangeOf(node), name: left.text, init, exported, ...local }, [...typeNode, init]);
  };

  /** A class: an enum's members, or a settings class's fields, as `const Name = { field: value }`. */
  const classNode = (node: TsNode, inType: boolean, scope: 'module' | 'class' | 'local'): Node => {
    const name = node.childForFieldName('name')!;
    const bases = node.childForFieldName('superclasses');
    const body = node.childForFieldName('body');
    const basesNode = bases ? [convert(bases, inType)] : [];
    if (!body) return other(node, inType);
    const properties: Node[] = [];
    const rest: Node[] = [];
    for (const statement of body.namedChildren.filter(isPresent)) {
      const inner = statement.type === 'expression_statement' ? statement.namedChildren[0] : null;
      const left = inner?.type === 'assignment' ? inner.childForFieldName('left') : null;
      const right = inner?.type === 'assignment' ? inner.childForFieldName('right') : null;
      if (inner && left?.type === 'identifier' && right && right.type !== 'assignment') {
        const type = inner.childForFieldName('type');
        const value = convert(right, inType);
        properties.push(
          makeNode({ kind: 'property', range: rangeOf(inner), key: left.text, keyRange: rangeOf(left), keyIsString: false, value, shorthand: false }, [
            ...(type ? [convert(type, inType)] : []),
            value,
          ]),
        );
      } else if (statement.type !== 'comment') {
        rest.push(convert(statement, inType, 'class'));
      }
    }
    // an enum and a settings class read alike: `Name.MEMBER` resolves to the member's value
    const fields = makeNode({ kind: 'object', range: rangeOf(body), properties, spelling: 'keywords' }, properties);
    const variable = makeNode({ kind: 'variable', range: rangeOf(node), name: name.text, init: fields, exported: scope === 'module' && !name.text.startsWith('_') }, [fields]);
    return makeNode({ kind: 'other', range: rangeOf(node) }, [...basesNode, variable, ...rest]);
  };

  const parameter = (node: TsNode, inType: boolean): Node => {
    const name = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    if (!name || !value || name.type !== 'identifier') return other(node, inType);
    const type = node.childForFieldName('type');
    const converted = convert(value, inType);
    return makeNode({ kind: 'default', range: rangeOf(node), name: name.text, value: converted }, [...(type ? [convert(type, inType)] : []), converted]);
  };

  let depth = 0;
  const convert = (node: TsNode, inType: boolean, scope: 'module' | 'class' | 'local' = 'local'): Node => {
    if (++depth > MAX_TREE_DEPTH) throw new TooDeeplyNested();
    const converted = convertNode(node, inType, scope);
    depth--;
    return converted;
  };
  const convertNode = (node: TsNode, inType: boolean, scope: 'module' | 'class' | 'local' = 'local'): Node => {
    const range = rangeOf(node);
    switch (node.type) {
      case 'module': {
        const children = node.namedChildren.filter((n) => isPresent(n) && n.type !== 'comment').map((n) => convert(n, inType, 'module'));
        return makeNode({ kind: 'other', range }, children);
      }
      case 'expression_statement': {
        const children = node.namedChildren.filter(isPresent).map((n) => (n.type === 'assignment' ? assignment(n, inType, scope) : convert(n, inType)));
        return children.length === 1 ? children[0]! : makeNode({ kind: 'other', range }, children);
      }
      case 'decorated_definition': {
        const definition = node.childForFieldName('definition');
        const decorators = node.namedChildren.filter((n) => isPresent(n) && n !== definition && n.type !== 'comment').map((n) => convert(n, inType));
        return makeNode({ kind: 'other', range }, [...decorators, ...(definition ? [convert(definition, inType, scope)] : [])]);
      }
      case 'class_definition':
        return classNode(node, inType, scope);
      case 'import_statement':
      case 'import_from_statement':
        return importNode(node);
      case 'string':
        return stringNode(node, inType);
      case 'integer':
      case 'float':
        return makeNode({ kind: 'number', range, value: Number(node.text.replace(/_/g, '')) }, []);
      case 'identifier':
        return makeNode({ kind: 'identifier', range, name: node.text }, []);
      case 'attribute': {
        const object = convert(node.childForFieldName('object')!, inType);
        return makeNode({ kind: 'member', range, object, property: node.childForFieldName('attribute')?.text ?? null }, [object]);
      }
      case 'subscript': {
        const value = node.childForFieldName('value')!;
        const subscripts = node.childrenForFieldName('subscript').filter(isPresent);
        // `Literal["gpt-image-1"]`, `Optional[...]`: a type written as a subscript
        if (inType || /(?:^|\.)(?:Literal|Union|Optional|Annotated)$/.test(value.text)) return other(node, inType, 'type');
        const object = convert(value, inType);
        const index = subscripts.length === 1 ? convert(subscripts[0]!, inType) : null;
        const property = index?.kind === 'string' ? index.value : index?.kind === 'number' ? String(index.value) : null;
        return makeNode({ kind: 'member', range, object, property }, index && property === null ? [object, index] : [object]);
      }
      case 'call':
        return call(node, inType);
      case 'dictionary':
        return entries(node, node.namedChildren.filter((n) => isPresent(n) && n.type !== 'comment'), 'dict', inType);
      case 'list':
      case 'tuple':
      case 'set': {
        const elements = convertAll(node.namedChildren.filter(isPresent), inType);
        return makeNode({ kind: 'array', range, elements }, elements);
      }
      case 'parenthesized_expression': {
        const inner = node.namedChildren.filter((n) => isPresent(n) && n.type !== 'comment');
        return inner.length === 1 ? convert(inner[0]!, inType) : other(node, inType);
      }
      case 'binary_operator':
      case 'boolean_operator': {
        const left = convert(node.childForFieldName('left')!, inType);
        const right = convert(node.childForFieldName('right')!, inType);
        const operator = node.childForFieldName('operator')?.text ?? '';
        return makeNode({ kind: 'binary', range, operator: operator === 'or' ? '||' : operator === 'and' ? '&&' : operator, left, right }, [left, right]);
      }
      case 'comparison_operator': {
        const operands = node.namedChildren.filter((n) => isPresent(n) && n.type !== 'comment');
        if (operands.length !== 2) return other(node, inType);
        const left = convert(operands[0]!, inType);
        const right = convert(operands[1]!, inType);
        const operator = text.slice(operands[0]!.endIndex, operands[1]!.startIndex).trim().replace(/\s+/g, ' ');
        return makeNode({ kind: 'binary', range, operator, left, right }, [left, right]);
      }
      case 'conditional_expression': {
        const [consequent, test, alternate] = node.namedChildren.filter((n) => isPresent(n) && n.type !== 'comment').map((n) => convert(n, inType));
        if (!consequent || !test || !alternate) return other(node, inType);
        return makeNode({ kind: 'conditional', range, test, consequent, alternate }, [consequent, test, alternate]);
      }
      case 'return_statement': {
        const inner = node.namedChildren.find(isPresent);
        const argument = inner ? convert(inner, inType) : null;
        return makeNode({ kind: 'return', range, argument }, argument ? [argument] : []);
      }
      case 'assert_statement': {
        // `assert x == "id"` is the call `assert(x == "id")`, as in JS tests
        const callee = makeNode({ kind: 'identifier', range: [node.startIndex, node.startIndex + 'assert'.length], name: 'assert' }, []);
        const args = convertAll(node.namedChildren.filter(isPresent), inType);
        return makeNode({ kind: 'call', range, callee, args, isNew: false }, [callee, ...args]);
      }
      case 'default_parameter':
      case 'typed_default_parameter':
        return parameter(node, inType);
      case 'parameters': {
        // a plain parameter (`model`, `model: str`) is a name of the function's own, which shadows a module constant
        const owner = node.parent ?? node;
        const children = node.namedChildren.filter((n) => isPresent(n) && n.type !== 'comment').map((child) => {
          const name = child.type === 'identifier' ? child : child.type === 'typed_parameter' ? child.namedChildren.find((n) => n.type === 'identifier') : undefined;
          if (!name || name.text === 'self' || name.text === 'cls') return convert(child, inType);
          const type = child.type === 'typed_parameter' ? child.childForFieldName('type') : null;
          return makeNode(
            { kind: 'variable', range: rangeOf(child), name: name.text, init: null, exported: false, scope: rangeOf(owner) },
            type ? [convert(type, inType)] : [],
          );
        });
        return makeNode({ kind: 'other', range }, children);
      }
      case 'type':
        // tree-sitter nests a `type` in every element of `Union[str, Literal[...]]`: the annotation is one type
        return other(node, inType, inType ? 'other' : 'type');
      case 'class_body':
      case 'block':
        return makeNode({ kind: 'other', range }, node.namedChildren.filter((n) => isPresent(n) && n.type !== 'comment').map((n) => convert(n, inType, scope === 'class' ? 'class' : 'local')));
      default:
        return other(node, inType);
    }
  };

  return convert(root, false, 'module');
}

/**
 * A Python module name as a module specifier: `openai.types` → `openai/types`,
 * `.settings` → `./settings`, `..core.config` → `../core/config`, `.` → `.`.
 */
export function pythonSpecifier(dotted: string): string {
  const dots = /^\.*/.exec(dotted)![0].length;
  const rest = dotted.slice(dots).split('.').filter(Boolean).join('/');
  if (dots === 0) return rest;
  const up = dots === 1 ? '.' : Array.from({ length: dots - 1 }, () => '..').join('/');
  return rest ? `${up}/${rest}` : up;
}

function isPresent(node: TsNode | null): node is TsNode {
  return node !== null;
}


/** `Field(default="id", alias="IMAGE_MODEL")`: an environment variable's name (upper case, as settings name them) and the default. */
function settingsField(args: readonly Node[]): { name: Node; fallback: Node } | null {
  const keywords = args.find((arg): arg is ObjectNode => arg.kind === 'object' && arg.spelling === 'keywords');
  const value = (key: string) => {
    const property = keywords?.properties.find((p) => p.kind === 'property' && p.key === key);
    return property?.kind === 'property' ? property.value : null;
  };
  const fallback = value('default') ?? (args[0] && args[0] !== keywords ? args[0] : null);
  const name = ['alias', 'validation_alias', 'env'].map(value).find((n) => n?.kind === 'string' && /^[A-Z][A-Z0-9_]*$/.test(n.value));
  return name && fallback?.kind === 'string' ? { name, fallback } : null;
}

/** `os.getenv("X", default="id")`: the keyword default of an env read. */
function defaultArgument(args: readonly Node[]): Node | null {
  const keywords = args.find((arg): arg is ObjectNode => arg.kind === 'object' && arg.spelling === 'keywords');
  const property = keywords?.properties.find((p) => p.kind === 'property' && p.key === 'default');
  return property?.kind === 'property' ? property.value : null;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };

/** The value of a Python string's content: its escapes decoded (`\x2d`, `\u002d`, `\N{...}` left as written). */
function unescape(content: string): string {
  if (!content.includes('\\')) return content;
  return content.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])/g, (whole, code: string) => {
    if (/^[xuU]/.test(code) && code.length > 1) return String.fromCodePoint(Number.parseInt(code.slice(1), 16));
    return SIMPLE_ESCAPES[code] ?? whole;
  });
}
