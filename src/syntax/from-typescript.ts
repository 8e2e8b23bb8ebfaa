/**
 * Adapter: a TypeScript compiler AST (what ts-morph wraps) → the normalized
 * view. Works on `compilerNode`s directly: wrapping every node in ts-morph's
 * classes would cost more than the analysis itself.
 */
import { createRequire } from 'node:module';
import type { ts as TS } from 'ts-morph';
import { MAX_TREE_DEPTH, TooDeeplyNested } from './depth.js';
import { makeNode, type Node, type Range } from './tree.js';

let loaded: typeof TS | null = null;
/**
 * The compiler, loaded on first use: importing the engine (the ESLint plugin
 * does) must not cost the ~0.5 s of loading TypeScript when nothing is parsed.
 */
function typescript(): typeof TS {
  loaded ??= (createRequire(import.meta.url)('ts-morph') as { ts: typeof TS }).ts;
  return loaded;
}

// The file being converted and the compiler: module state, set by fromTypeScript for one synchronous conversion.
let ts: typeof TS;
let sourceFile: TS.SourceFile;

export function fromTypeScript(file: TS.SourceFile): Node {
  ts = typescript();
  converters ??= converterTable();
  const previous = sourceFile;
  const previousDepth = depth;
  sourceFile = file;
  depth = 0;
  try {
    return convert(file, false);
  } finally {
    sourceFile = previous;
    depth = previousDepth;
  }
}

/**
 * One small function per node kind, looked up by kind: one large switch was
 * the most expensive function for V8's optimizing compiler to compile (and
 * recompile) in a whole run.
 */
type Converter = (node: TS.Node, inType: boolean) => Node;
let converters: Converter[] | undefined;

function converterTable(): Converter[] {
  const k = ts.SyntaxKind;
  const byKind: [Converter, ...TS.SyntaxKind[]][] = [
    [convertWrapped, k.AsExpression, k.SatisfiesExpression, k.NonNullExpression, k.TypeAssertionExpression, k.ParenthesizedExpression, k.ExpressionStatement],
    [convertJsxExpression, k.JsxExpression],
    [convertStringLiteral, k.StringLiteral, k.NoSubstitutionTemplateLiteral],
    [convertLiteralType, k.LiteralType],
    [convertTemplateExpression, k.TemplateExpression],
    [convertNumericLiteral, k.NumericLiteral],
    [convertRegularExpressionLiteral, k.RegularExpressionLiteral],
    [convertIdentifier, k.Identifier],
    [convertPropertyAccessExpression, k.PropertyAccessExpression],
    [convertElementAccessExpression, k.ElementAccessExpression],
    [convertCall, k.CallExpression, k.NewExpression],
    [convertObjectLiteralExpression, k.ObjectLiteralExpression],
    [convertPropertyAssignment, k.PropertyAssignment],
    [convertShorthandPropertyAssignment, k.ShorthandPropertyAssignment],
    [convertSpread, k.SpreadAssignment, k.SpreadElement],
    [convertArrayLiteralExpression, k.ArrayLiteralExpression],
    [convertBinaryExpression, k.BinaryExpression],
    [convertConditionalExpression, k.ConditionalExpression],
    [convertImportDeclaration, k.ImportDeclaration],
    [convertExportDeclaration, k.ExportDeclaration],
    [convertExportAssignment, k.ExportAssignment],
    [convertEnumDeclaration, k.EnumDeclaration],
    [convertVariableDeclaration, k.VariableDeclaration],
    [convertDefaultValue, k.BindingElement, k.Parameter],
    [convertCaseClause, k.CaseClause],
    [convertReturnStatement, k.ReturnStatement],
    [convertJsxAttribute, k.JsxAttribute],
    [convertThis, k.ThisKeyword],
  ];
  const table: Converter[] = [];
  for (const [converter, ...kinds] of byKind) for (const kind of kinds) table[kind] = converter;
  return table;
}

let depth = 0;
function convert(node: TS.Node, inType: boolean): Node {
  if (++depth > MAX_TREE_DEPTH) throw new TooDeeplyNested();
  const converted = (converters![node.kind] ?? convertDefault)(node, inType);
  depth--;
  return converted;
}

const rangeOf = (node: TS.Node): Range => [node.getStart(sourceFile), node.getEnd()];

const convertAll = (nodes: readonly TS.Node[], inType: boolean): Node[] => nodes.map((n) => convert(n, inType));

/** Any other node: its children converted in one pass (the callback returns nothing: a value would stop forEachChild). */
const other = (node: TS.Node, inType: boolean, kind: 'other' | 'type' = 'other'): Node => {
  const childInType = inType || kind === 'type';
  const children: Node[] = [];
  ts.forEachChild(node, (child) => {
    children.push(convert(child, childInType));
  });
  return makeNode({ kind, range: rangeOf(node) }, children);
};

/** The key's own range: for `['gpt-image-1']` the string inside the brackets, as ESTree reports it. */
const keyRangeOf = (name: TS.PropertyName): Range =>
  ts.isComputedPropertyName(name) && (ts.isStringLiteral(name.expression) || ts.isNoSubstitutionTemplateLiteral(name.expression))
    ? rangeOf(name.expression)
    : rangeOf(name);

const propertyKey = (name: TS.PropertyName): { key: string | null; keyIsString: boolean; computed: TS.Expression | null } => {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return { key: name.text, keyIsString: false, computed: null };
  if (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return { key: name.text, keyIsString: true, computed: null };
  if (ts.isNumericLiteral(name)) return { key: name.text, keyIsString: false, computed: null };
  if (ts.isComputedPropertyName(name)) {
    const expr = name.expression;
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return { key: expr.text, keyIsString: true, computed: null };
    return { key: null, keyIsString: false, computed: expr };
  }
  return { key: null, keyIsString: false, computed: null };
};

const hasExport = (node: TS.Node): boolean =>
  Boolean(ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword));

const isExported = (declaration: TS.VariableDeclaration): boolean => {
  const statement = declaration.parent?.parent;
  return Boolean(statement && ts.isVariableStatement(statement) && hasExport(statement));
};

/** `require('x')` → 'x'. */
const requireSource = (node: TS.Expression | undefined): string | null => {
  if (!node) return null;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) node = node.expression;
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') {
    const [arg] = node.arguments;
    if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) return arg.text;
  }
  return null;
};

/** `module.exports`, `module.exports.X`, `exports.X` as an assignment target → the exported name. */
const commonJsExport = (target: TS.Expression): string | null => {
  const text = target.getText(sourceFile).replace(/\s+/g, '');
  if (text === 'module.exports') return '*';
  const named = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(text);
  return named ? named[1] : null;
};

/** `x as T`, `x satisfies T`, `x!`, `<T>x`, `(x)`, `x;`: the expression inside. */
function convertWrapped(node: TS.Node, inType: boolean): Node {
  return convert((node as TS.AsExpression).expression, inType);
}

function convertJsxExpression(node: TS.Node, inType: boolean): Node {
  const expression = (node as TS.JsxExpression).expression;
  return expression ? convert(expression, inType) : other(node, inType);
}

function convertStringLiteral(node: TS.Node, inType: boolean): Node {
  return makeNode({ kind: 'string', range: rangeOf(node), value: (node as TS.StringLiteral).text, isType: inType }, []);
}

function convertLiteralType(node: TS.Node, inType: boolean): Node {
  return convert((node as TS.LiteralTypeNode).literal, true);
}

function convertTemplateExpression(node: TS.Node, inType: boolean): Node {
  const template = node as TS.TemplateExpression;
  const quasis = [template.head.text, ...template.templateSpans.map((span) => span.literal.text)];
  const expressions = convertAll(template.templateSpans.map((span) => span.expression), inType);
  return makeNode({ kind: 'template', range: rangeOf(node), quasis, expressions }, expressions);
}

function convertNumericLiteral(node: TS.Node, inType: boolean): Node {
  return makeNode({ kind: 'number', range: rangeOf(node), value: Number((node as TS.NumericLiteral).text) }, []);
}

function convertRegularExpressionLiteral(node: TS.Node, inType: boolean): Node {
  const text = (node as TS.RegularExpressionLiteral).text;
  return makeNode({ kind: 'regex', range: rangeOf(node), pattern: text.slice(1, text.lastIndexOf('/')) }, []);
}

function convertIdentifier(node: TS.Node, inType: boolean): Node {
  return makeNode({ kind: 'identifier', range: rangeOf(node), name: (node as TS.Identifier).text }, []);
}

function convertPropertyAccessExpression(node: TS.Node, inType: boolean): Node {
  const access = node as TS.PropertyAccessExpression;
  const object = convert(access.expression, inType);
  return makeNode({ kind: 'member', range: rangeOf(node), object, property: access.name.text }, [object]);
}

function convertElementAccessExpression(node: TS.Node, inType: boolean): Node {
  const access = node as TS.ElementAccessExpression;
  const object = convert(access.expression, inType);
  const arg = access.argumentExpression;
  const property = ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg) ? arg.text : null;
  return makeNode({ kind: 'member', range: rangeOf(node), object, property }, [object, convert(arg, inType)]);
}

function convertCall(node: TS.Node, inType: boolean): Node {
  const call = node as TS.CallExpression;
  const callee = convert(call.expression, inType);
  const args = convertAll(call.arguments ?? [], inType);
  const typeArgs = convertAll(call.typeArguments ?? [], true);
  return makeNode(
    { kind: 'call', range: rangeOf(node), callee, args, isNew: node.kind === ts.SyntaxKind.NewExpression },
    [callee, ...typeArgs, ...args],
  );
}

function convertObjectLiteralExpression(node: TS.Node, inType: boolean): Node {
  const properties = convertAll((node as TS.ObjectLiteralExpression).properties, inType);
  return makeNode({ kind: 'object', range: rangeOf(node), properties }, properties);
}

function convertPropertyAssignment(node: TS.Node, inType: boolean): Node {
  const assignment = node as TS.PropertyAssignment;
  const { key, keyIsString, computed } = propertyKey(assignment.name);
  const value = convert(assignment.initializer, inType);
  const children = computed ? [convert(computed, inType), value] : [value];
  return makeNode(
    { kind: 'property', range: rangeOf(node), key, keyRange: keyRangeOf(assignment.name), keyIsString, value, shorthand: false },
    children,
  );
}

function convertShorthandPropertyAssignment(node: TS.Node, inType: boolean): Node {
  const shorthand = node as TS.ShorthandPropertyAssignment;
  const value = convert(shorthand.name, inType);
  return makeNode(
    { kind: 'property', range: rangeOf(node), key: shorthand.name.text, keyRange: rangeOf(shorthand.name), keyIsString: false, value, shorthand: true },
    [value],
  );
}

function convertSpread(node: TS.Node, inType: boolean): Node {
  const argument = convert((node as TS.SpreadAssignment).expression, inType);
  return makeNode({ kind: 'spread', range: rangeOf(node), argument }, [argument]);
}

function convertArrayLiteralExpression(node: TS.Node, inType: boolean): Node {
  const elements = convertAll((node as TS.ArrayLiteralExpression).elements, inType);
  return makeNode({ kind: 'array', range: rangeOf(node), elements }, elements);
}

function convertBinaryExpression(node: TS.Node, inType: boolean): Node {
  const binary = node as TS.BinaryExpression;
  const exported = binary.operatorToken.kind === ts.SyntaxKind.EqualsToken ? commonJsExport(binary.left) : null;
  if (exported !== null) {
    const value = convert(binary.right, inType);
    return makeNode({ kind: 'export', range: rangeOf(node), exported, value }, [value]);
  }
  const left = convert(binary.left, inType);
  const right = convert(binary.right, inType);
  return makeNode(
    { kind: 'binary', range: rangeOf(node), operator: ts.tokenToString(binary.operatorToken.kind) ?? '', left, right },
    [left, right],
  );
}

function convertConditionalExpression(node: TS.Node, inType: boolean): Node {
  const conditional = node as TS.ConditionalExpression;
  const test = convert(conditional.condition, inType);
  const consequent = convert(conditional.whenTrue, inType);
  const alternate = convert(conditional.whenFalse, inType);
  return makeNode({ kind: 'conditional', range: rangeOf(node), test, consequent, alternate }, [test, consequent, alternate]);
}

function convertImportDeclaration(node: TS.Node, inType: boolean): Node {
  const declaration = node as TS.ImportDeclaration;
  const source = (declaration.moduleSpecifier as TS.StringLiteral).text;
  const clause = declaration.importClause;
  const bindings: { local: string; imported: string }[] = [];
  if (clause?.name) bindings.push({ local: clause.name.text, imported: 'default' });
  const named = clause?.namedBindings;
  if (named && ts.isNamespaceImport(named)) bindings.push({ local: named.name.text, imported: '*' });
  if (named && ts.isNamedImports(named)) {
    for (const element of named.elements) bindings.push({ local: element.name.text, imported: (element.propertyName ?? element.name).text });
  }
  return makeNode({ kind: 'import', range: rangeOf(node), source, bindings }, []);
}

function convertExportDeclaration(node: TS.Node, inType: boolean): Node {
  const declaration = node as TS.ExportDeclaration;
  const source = declaration.moduleSpecifier && ts.isStringLiteral(declaration.moduleSpecifier) ? declaration.moduleSpecifier.text : null;
  const clause = declaration.exportClause;
  const elements = clause && ts.isNamedExports(clause) ? clause.elements : [];
  if (source !== null) {
    const bindings = clause ? elements.map((e) => ({ exported: e.name.text, imported: (e.propertyName ?? e.name).text })) : null;
    return makeNode({ kind: 'reexport', range: rangeOf(node), source, bindings }, []);
  }
  const exports = elements.map((e) => {
    const value = makeNode({ kind: 'identifier', range: rangeOf(e.propertyName ?? e.name), name: (e.propertyName ?? e.name).text }, []);
    return makeNode({ kind: 'export', range: rangeOf(e), exported: e.name.text, value }, [value]);
  });
  return makeNode({ kind: 'other', range: rangeOf(node) }, exports);
}

function convertExportAssignment(node: TS.Node, inType: boolean): Node {
  const assignment = node as TS.ExportAssignment;
  const value = convert(assignment.expression, inType);
  return makeNode({ kind: 'export', range: rangeOf(node), exported: assignment.isExportEquals ? '*' : 'default', value }, [value]);
}

function convertEnumDeclaration(node: TS.Node, inType: boolean): Node {
  // an enum is read as `const Name = { Member: init, ... }`: members resolve like an `as const` map
  const declaration = node as TS.EnumDeclaration;
  const properties = declaration.members.flatMap((member) => {
    if (!member.initializer) return [];
    const value = convert(member.initializer, inType);
    const { key, keyIsString } = propertyKey(member.name);
    return [makeNode({ kind: 'property', range: rangeOf(member), key, keyRange: keyRangeOf(member.name), keyIsString, value, shorthand: false }, [value])];
  });
  const init = makeNode({ kind: 'object', range: rangeOf(node), properties }, properties);
  return makeNode({ kind: 'variable', range: rangeOf(node), name: declaration.name.text, init, exported: hasExport(declaration) }, [init]);
}

function convertVariableDeclaration(node: TS.Node, inType: boolean): Node {
  const declaration = node as TS.VariableDeclaration;
  const required = requireSource(declaration.initializer);
  if (required !== null) {
    const bindings: { local: string; imported: string }[] = [];
    if (ts.isIdentifier(declaration.name)) bindings.push({ local: declaration.name.text, imported: '*' });
    else if (ts.isObjectBindingPattern(declaration.name)) {
      for (const element of declaration.name.elements) {
        if (!ts.isIdentifier(element.name)) continue;
        const imported = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
        bindings.push({ local: element.name.text, imported });
      }
    }
    return makeNode({ kind: 'import', range: rangeOf(node), source: required, bindings }, []);
  }
  if (ts.isIdentifier(declaration.name)) {
    const init = declaration.initializer ? convert(declaration.initializer, inType) : null;
    const typeChildren = declaration.type ? [convert(declaration.type, true)] : [];
    return makeNode(
      { kind: 'variable', range: rangeOf(node), name: declaration.name.text, init, exported: isExported(declaration) },
      [...typeChildren, ...(init ? [init] : [])],
    );
  }
  return other(node, inType);
}

function convertDefaultValue(node: TS.Node, inType: boolean): Node {
  const element = node as TS.BindingElement | TS.ParameterDeclaration;
  if (!element.initializer && ts.isParameter(element) && ts.isIdentifier(element.name) && element.name.text !== 'this') {
    // a plain parameter: a name of its function's own, which shadows a module constant
    const type = element.type ? [convert(element.type, true)] : [];
    return makeNode({ kind: 'variable', range: rangeOf(node), name: element.name.text, init: null, exported: false, scope: rangeOf(node.parent) }, type);
  }
  if (element.initializer) {
    const value = convert(element.initializer, inType);
    const name = ts.isIdentifier(element.name) ? element.name.text : null;
    // `{ model = 'x' } = {}`: the pattern's own defaults are values too; a type annotation is a type
    const pattern = ts.isIdentifier(element.name) ? [] : [convert(element.name, inType)];
    const type = ts.isParameter(element) && element.type ? [convert(element.type, true)] : [];
    return makeNode({ kind: 'default', range: rangeOf(node), name, value }, [...pattern, ...type, value]);
  }
  return other(node, inType);
}

function convertCaseClause(node: TS.Node, inType: boolean): Node {
  const clause = node as TS.CaseClause;
  const test = convert(clause.expression, inType);
  return makeNode({ kind: 'case', range: rangeOf(node), test }, [test, ...convertAll(clause.statements, inType)]);
}

function convertReturnStatement(node: TS.Node, inType: boolean): Node {
  const expression = (node as TS.ReturnStatement).expression;
  const argument = expression ? convert(expression, inType) : null;
  return makeNode({ kind: 'return', range: rangeOf(node), argument }, argument ? [argument] : []);
}

function convertJsxAttribute(node: TS.Node, inType: boolean): Node {
  const attribute = node as TS.JsxAttribute;
  const value = attribute.initializer ? convert(attribute.initializer, inType) : null;
  const name = ts.isIdentifier(attribute.name) ? attribute.name.text : '';
  return makeNode({ kind: 'jsx-attribute', range: rangeOf(node), name, value }, value ? [value] : []);
}

function convertThis(node: TS.Node, inType: boolean): Node {
  return makeNode({ kind: 'other', range: rangeOf(node) }, []);
}

/** Every kind without its own converter. */
function convertDefault(node: TS.Node, inType: boolean): Node {
  if (ts.isTypeNode(node) || ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) return other(node, inType, 'type');
  return other(node, inType);
}
