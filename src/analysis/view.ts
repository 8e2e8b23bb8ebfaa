/**
 * The view of a file's image calls: which objects are image requests (and to
 * which surface), where each model value comes from, and in what syntactic
 * context every retired id appears. No decision is taken here: the planner
 * turns this view into findings and edits.
 */
import {
  imageParamKeys,
  isCurrentId,
  matchRetiredId,
  surfaceOfUrl,
  surfaces,
  type RetiredIdMatch,
  type SurfaceId,
} from '../catalog/index.js';
import {
  memberPath,
  staticText,
  walk,
  type CallNode,
  type IdentifierNode,
  type Node,
  type ObjectNode,
  type PropertyNode,
  type Range,
  type StringNode,
  type VariableNode,
} from '../syntax/tree.js';

/** Where a model value came from. */
export type ModelSource = 'literal' | 'constant' | 'env-default' | 'dynamic' | 'absent';

export interface ModelValue {
  /** The statically known id, or null when it cannot be known without running the code. */
  readonly value: string | null;
  /** The string literal that holds the value (possibly in a constant elsewhere in the file). */
  readonly literal: StringNode | null;
  readonly source: ModelSource;
}

/** One image request: the normalized view of "an image call". */
export interface ImageRequest {
  readonly surface: SurfaceId;
  /** How the request was recognised. */
  readonly evidence: 'sdk-method' | 'url' | 'request-shape';
  /** The call that sends it, when seen (`client.images.generate`, `fetch`). */
  readonly call: CallNode | null;
  readonly callee: string | null;
  /** The request object (`{ model, prompt, ... }`). */
  readonly request: ObjectNode;
  /** Where the params live: the request itself, or its `input` on task gateways. */
  readonly params: ObjectNode;
  readonly modelProperty: PropertyNode | null;
  readonly model: ModelValue;
}

export type ComparisonForm = 'equality' | 'switch' | 'string-method' | 'membership' | 'regex';

/** The syntactic context of one retired id occurrence. */
export type OccurrenceContext =
  | { readonly kind: 'request-model'; readonly request: ImageRequest }
  | {
      readonly kind: 'constant';
      readonly name: string;
      readonly exported: boolean;
      /** Requests whose model this constant is. */
      readonly feeds: readonly ImageRequest[];
      /** Comparisons the constant takes part in. */
      readonly compared: number;
      readonly viaFallback: boolean;
    }
  | { readonly kind: 'default'; readonly name: string | null }
  | { readonly kind: 'comparison'; readonly form: ComparisonForm; readonly method: string | null }
  | { readonly kind: 'data-key' }
  | { readonly kind: 'list'; readonly use: 'enum' | 'list' }
  | { readonly kind: 'type' }
  | { readonly kind: 'jsx'; readonly attribute: string }
  | { readonly kind: 'setting'; readonly key: string; readonly inList: boolean }
  | { readonly kind: 'other'; readonly detail: string };

export interface IdOccurrence {
  readonly match: RetiredIdMatch;
  /** The whole literal (quotes included) or the key. */
  readonly range: Range;
  /** The range holding exactly the id text (inside the quotes). */
  readonly idRange: Range;
  readonly context: OccurrenceContext;
}

export interface FileView {
  /** The surface the file's hosts point at, if any (`api.unifically.com`). */
  readonly surfaceHint: SurfaceId | null;
  readonly requests: readonly ImageRequest[];
  readonly occurrences: readonly IdOccurrence[];
}

const COMPARISON_OPERATORS = new Set(['===', '!==', '==', '!=']);
const FALLBACK_OPERATORS = new Set(['??', '||']);
const STRING_METHODS = new Set(['startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'match', 'search', 'localeCompare', 'test']);
const SDK_METHODS = ['images.generate', 'images.edit', 'images.createVariation'];
const MODEL_KEY = /model/i;

/** Builds the view of one file from its normalized tree and text. */
export function buildView(root: Node, text: string): FileView {
  const index = indexTree(root);
  const fileSurfaceHint = fileSurface(text);
  const requests = new Map<ObjectNode, ImageRequest>();

  const resolveObject = (node: Node | undefined, depth = 0): ObjectNode | null => {
    if (!node || depth > 4) return null;
    if (node.kind === 'object') return node;
    if (node.kind === 'identifier') return resolveObject(index.variableOf(node)?.init ?? undefined, depth + 1);
    if (node.kind === 'call' && memberPath(node.callee) === 'JSON.stringify') return resolveObject(node.args[0], depth + 1);
    return null;
  };

  const addRequest = (
    request: ObjectNode,
    surface: SurfaceId,
    evidence: ImageRequest['evidence'],
    call: CallNode | null,
  ): void => {
    if (requests.has(request)) return;
    const tiers = surfaces[surface].tiers;
    const paramsProperty = tiers?.paramsKey ? propertyOf(request, tiers.paramsKey) : null;
    const params = paramsProperty && paramsProperty.value.kind === 'object' ? paramsProperty.value : request;
    const modelProperty = propertyOf(request, 'model');
    requests.set(request, {
      surface,
      evidence,
      call,
      callee: call ? memberPath(call.callee) : null,
      request,
      params,
      modelProperty,
      model: modelProperty ? index.resolveModel(modelProperty.value) : { value: null, literal: null, source: 'absent' },
    });
  };

  // 1. Calls whose target tells the surface: SDK methods and URLs.
  for (const call of index.calls) {
    const path = memberPath(call.callee);
    if (path && SDK_METHODS.some((method) => path === method || path.endsWith(`.${method}`))) {
      const request = resolveObject(call.args[0]);
      if (request) addRequest(request, 'openai', 'sdk-method', call);
      continue;
    }
    const url = call.args[0] ? index.staticUrl(call.args[0]) : null;
    const surface = url ? surfaceOfUrl(url) : null;
    if (!surface || call.args.length < 2) continue;
    const options = call.args[1];
    const optionsObject = resolveObject(options);
    const bodyProperty = optionsObject ? (propertyOf(optionsObject, 'body') ?? propertyOf(optionsObject, 'json')) : null;
    const request = bodyProperty ? resolveObject(bodyProperty.value) : optionsObject && propertyOf(optionsObject, 'model') ? optionsObject : null;
    if (request) addRequest(request, surface, 'url', call);
  }

  // 2. Objects shaped like a request: a `model` naming an image model beside image params.
  for (const object of index.objects) {
    if (requests.has(object)) continue;
    const modelProperty = propertyOf(object, 'model');
    if (!modelProperty) continue;
    const model = index.resolveModel(modelProperty.value);
    if (model.value === null || (!matchRetiredId(model.value) && !isCurrentId(model.value))) continue;
    if (!object.properties.some((p) => p.kind === 'property' && p.key !== null && imageParamKeys.has(p.key))) continue;
    if (isInList(object)) continue;
    addRequest(object, surfaceForRequest(model.value, object, fileSurfaceHint), 'request-shape', null);
  }

  const requestOfModelValue = (node: Node): ImageRequest | null => {
    const property = node.parent;
    if (property?.kind !== 'property' || property.key !== 'model' || property.value !== node) return null;
    return property.parent?.kind === 'object' ? (requests.get(property.parent) ?? null) : null;
  };

  const occurrences: IdOccurrence[] = [];
  for (const node of index.strings) {
    const match = matchRetiredId(node.value);
    if (!match) continue;
    occurrences.push({
      match,
      range: node.range,
      idRange: [node.range[0] + 1, node.range[1] - 1],
      context: contextOf(node, index, requestOfModelValue),
    });
  }
  for (const property of index.stringKeys) {
    const match = matchRetiredId(property.key!);
    if (!match) continue;
    const [start, end] = property.keyRange;
    const quoted = /['"`]/.test(text[start] ?? '');
    occurrences.push({
      match,
      range: property.keyRange,
      idRange: quoted ? [start + 1, end - 1] : [start, end],
      context: { kind: 'data-key' },
    });
  }
  for (const regex of index.regexes) {
    const found = idInPattern(regex.pattern);
    if (!found) continue;
    const start = regex.range[0] + 1 + found.index;
    occurrences.push({
      match: found.match,
      range: regex.range,
      idRange: [start, start + found.match.spelled.length],
      context: { kind: 'comparison', form: 'regex', method: null },
    });
  }
  occurrences.sort((a, b) => a.range[0] - b.range[0]);
  return { surfaceHint: fileSurfaceHint, requests: [...requests.values()], occurrences };
}

function contextOf(
  literal: StringNode,
  index: TreeIndex,
  requestOfModelValue: (node: Node) => ImageRequest | null,
): OccurrenceContext {
  if (literal.isType) return { kind: 'type' };
  const { node, viaFallback } = climbValue(literal);
  const parent = node.parent;
  if (!parent) return { kind: 'other', detail: 'statement' };
  switch (parent.kind) {
    case 'property': {
      const request = requestOfModelValue(node);
      if (request) return { kind: 'request-model', request };
      if (parent.key !== null && MODEL_KEY.test(parent.key)) {
        return { kind: 'setting', key: parent.key, inList: parent.parent ? isInList(parent.parent) : false };
      }
      return { kind: 'other', detail: `value of '${parent.key ?? '[computed]'}'` };
    }
    case 'variable': {
      const uses = index.referencesTo(parent).map((ref) => useOf(ref, requestOfModelValue));
      return {
        kind: 'constant',
        name: parent.name,
        exported: parent.exported,
        feeds: uses.flatMap((use) => (use.request ? [use.request] : [])),
        compared: uses.filter((use) => use.compared).length,
        viaFallback,
      };
    }
    case 'default':
      return { kind: 'default', name: parent.name };
    case 'binary':
      if (COMPARISON_OPERATORS.has(parent.operator)) return { kind: 'comparison', form: 'equality', method: null };
      return { kind: 'other', detail: `operand of ${parent.operator}` };
    case 'case':
      return { kind: 'comparison', form: 'switch', method: null };
    case 'call': {
      const method = parent.callee.kind === 'member' ? parent.callee.property : null;
      if (method && STRING_METHODS.has(method) && parent.args.includes(node)) {
        return { kind: 'comparison', form: 'string-method', method };
      }
      return { kind: 'other', detail: `argument of ${memberPath(parent.callee) ?? 'a call'}()` };
    }
    case 'array': {
      const container = parent.parent;
      if (container?.kind === 'member' && container.property !== null && STRING_METHODS.has(container.property)) {
        return { kind: 'comparison', form: 'membership', method: container.property };
      }
      if (container?.kind === 'call' && /(^|\.)(enum|literal|union|oneOf|valid)$/.test(memberPath(container.callee) ?? '')) {
        return { kind: 'list', use: 'enum' };
      }
      return { kind: 'list', use: 'list' };
    }
    case 'jsx-attribute':
      return { kind: 'jsx', attribute: parent.name };
    case 'return':
      return { kind: 'other', detail: 'returned value' };
    default:
      return { kind: 'other', detail: 'expression' };
  }
}

/** Climbs through `??`/`||` fallbacks and ternary branches that pass the value on unchanged. */
function climbValue(start: Node): { node: Node; viaFallback: boolean } {
  let node = start;
  let viaFallback = false;
  for (;;) {
    const parent = node.parent;
    if (parent?.kind === 'binary' && FALLBACK_OPERATORS.has(parent.operator)) {
      viaFallback = true;
      node = parent;
    } else if (parent?.kind === 'conditional' && parent.test !== node) {
      node = parent;
    } else {
      return { node, viaFallback };
    }
  }
}

function useOf(ref: IdentifierNode, requestOfModelValue: (node: Node) => ImageRequest | null): { request: ImageRequest | null; compared: boolean } {
  const { node } = climbValue(ref);
  const request = requestOfModelValue(node);
  const parent = node.parent;
  const compared =
    (parent?.kind === 'binary' && COMPARISON_OPERATORS.has(parent.operator)) ||
    parent?.kind === 'case' ||
    (parent?.kind === 'call' && parent.callee.kind === 'member' && STRING_METHODS.has(parent.callee.property ?? ''));
  return { request, compared };
}

function isInList(node: Node): boolean {
  return node.parent?.kind === 'array';
}

/** The property `key` of an object literal, if written statically. */
export function propertyOf(object: ObjectNode, key: string): PropertyNode | null {
  for (const property of object.properties) {
    if (property.kind === 'property' && property.key === key) return property;
  }
  return null;
}

/** Surface hint from the file's text: a host name, then a marker (an import, a client name). */
function fileSurface(text: string): SurfaceId | null {
  for (const surface of Object.values(surfaces)) {
    if (surface.hosts.some((host) => text.includes(host))) return surface.id;
  }
  for (const surface of Object.values(surfaces)) {
    if (surface.markers.some((marker) => marker.test(text))) return surface.id;
  }
  return null;
}

/** The surface of a request recognised by its shape: the file's hint, else the shape, else the id's spelling. */
function surfaceForRequest(id: string, request: ObjectNode, hint: SurfaceId | null): SurfaceId {
  const prefix = matchRetiredId(id)?.prefix ?? (id.includes('/') ? id.slice(0, id.indexOf('/') + 1) : '');
  if (hint && surfaces[hint].idPrefix === prefix) return hint;
  for (const surface of Object.values(surfaces)) {
    if (surface.idPrefix === prefix && surface.shapeKeys.length > 0 && surface.shapeKeys.every((key) => propertyOf(request, key))) {
      return surface.id;
    }
  }
  return prefix ? 'gateway' : 'openai';
}

/** Finds a retired id inside a regex source, as a whole id (`gpt-image-1` in `/^gpt-image-1$/`, not in `/gpt-image-1\.5/`). */
function idInPattern(pattern: string): { match: RetiredIdMatch; index: number } | null {
  const candidates = /(?:openai\/)?(?:gpt-image-1(?:\\?\.5|-mini)?|chatgpt-image-latest|dall-e-[23])/g;
  for (const found of pattern.matchAll(candidates)) {
    const spelled = found[0].replace('\\.', '.');
    const match = matchRetiredId(spelled);
    if (!match || found[0].includes('\\.')) {
      if (match) return { match, index: found.index };
      continue;
    }
    const next = pattern.slice(found.index + found[0].length);
    if (/^(?:[A-Za-z0-9_]|\\\.|\.\d|-[A-Za-z0-9])/.test(next)) continue;
    return { match, index: found.index };
  }
  return null;
}

interface TreeIndex {
  readonly strings: readonly StringNode[];
  readonly stringKeys: readonly PropertyNode[];
  readonly regexes: readonly { range: Range; pattern: string }[];
  readonly calls: readonly CallNode[];
  readonly objects: readonly ObjectNode[];
  variableOf(identifier: IdentifierNode): VariableNode | null;
  referencesTo(variable: VariableNode): IdentifierNode[];
  resolveModel(node: Node): ModelValue;
  staticUrl(node: Node): string | null;
}

/** One walk over the tree collects everything the view needs. */
function indexTree(root: Node): TreeIndex {
  const strings: StringNode[] = [];
  const stringKeys: PropertyNode[] = [];
  const regexes: { range: Range; pattern: string }[] = [];
  const calls: CallNode[] = [];
  const objects: ObjectNode[] = [];
  const variables = new Map<string, VariableNode[]>();
  const identifiers = new Map<string, IdentifierNode[]>();

  walk(root, (node) => {
    switch (node.kind) {
      case 'string':
        strings.push(node);
        break;
      case 'property':
        if (node.keyIsString) stringKeys.push(node);
        break;
      case 'regex':
        regexes.push(node);
        break;
      case 'call':
        calls.push(node);
        break;
      case 'object':
        objects.push(node);
        break;
      case 'variable': {
        const list = variables.get(node.name) ?? [];
        list.push(node);
        variables.set(node.name, list);
        break;
      }
      case 'identifier': {
        const list = identifiers.get(node.name) ?? [];
        list.push(node);
        identifiers.set(node.name, list);
        break;
      }
    }
  });

  const variableOf = (identifier: IdentifierNode): VariableNode | null => {
    const candidates = variables.get(identifier.name);
    if (!candidates) return null;
    if (candidates.length === 1) return candidates[0];
    // several declarations of the name: the nearest one declared before the use
    let best: VariableNode | null = null;
    for (const candidate of candidates) {
      if (candidate.range[0] <= identifier.range[0] && (!best || candidate.range[0] > best.range[0])) best = candidate;
    }
    return best;
  };

  const referencesTo = (variable: VariableNode): IdentifierNode[] =>
    (identifiers.get(variable.name) ?? []).filter((identifier) => variableOf(identifier) === variable);

  const resolveModel = (node: Node, depth = 0): ModelValue => {
    if (node.kind === 'string') return { value: node.value, literal: node, source: depth === 0 ? 'literal' : 'constant' };
    if (depth > 4) return { value: null, literal: null, source: 'dynamic' };
    if (node.kind === 'identifier') {
      const init = variableOf(node)?.init;
      if (init) {
        const resolved = resolveModel(init, depth + 1);
        return resolved.source === 'literal' ? { ...resolved, source: 'constant' } : resolved;
      }
    }
    if (node.kind === 'binary' && FALLBACK_OPERATORS.has(node.operator)) {
      const fallback = resolveModel(node.right, depth + 1);
      if (fallback.value !== null) return { ...fallback, source: 'env-default' };
    }
    return { value: null, literal: null, source: 'dynamic' };
  };

  const staticUrl = (node: Node, depth = 0): string | null => {
    const text = staticText(node);
    if (text !== null) return text;
    if (depth > 4) return null;
    if (node.kind === 'identifier') {
      const init = variableOf(node)?.init;
      return init ? staticUrl(init, depth + 1) : null;
    }
    if (node.kind === 'template') {
      return node.quasis
        .map((quasi, i) => quasi + (i < node.expressions.length ? (staticUrl(node.expressions[i], depth + 1) ?? '${…}') : ''))
        .join('');
    }
    if (node.kind === 'binary' && node.operator === '+') {
      return `${staticUrl(node.left, depth + 1) ?? '${…}'}${staticUrl(node.right, depth + 1) ?? '${…}'}`;
    }
    if (node.kind === 'call' && node.isNew && memberPath(node.callee) === 'URL') {
      const [path, base] = node.args;
      return `${base ? (staticUrl(base, depth + 1) ?? '') : ''}${path ? (staticUrl(path, depth + 1) ?? '') : ''}`;
    }
    return null;
  };

  return { strings, stringKeys, regexes, calls, objects, variableOf, referencesTo, resolveModel, staticUrl };
}
