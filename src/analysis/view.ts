/**
 * The view of a file's image calls: which objects are image requests (and to
 * which surface), where each model value comes from (a literal, a constant,
 * an env default, an import from another file), and in what syntactic
 * context every retired id appears. No decision is taken here: the planner
 * turns this view into findings and edits.
 *
 * Everything that recognises a surface is data in the catalog (request
 * calls, model calls, hosts, markers, shapes); this file walks it generically.
 */
import {
  defaultModels,
  imageParamKeys,
  isCurrentEndpoint,
  isCurrentId,
  namesImageModel,
  matchRetiredId,
  notMigratable,
  notMigratablePaths,
  v3Sdk,
  v3SdkImageMethods,
  retiredSpellings,
  removedExports,
  responsesTool,
  surfaceOfUrl,
  azureSignals,
  providerPackage,
  responsesCalls,
  toolFactories,
  idsOfTemplate,
  type MigrationOptions,
  type RetiredIdMatch,
  type TemplateIds,
  type Surface,
  type SurfaceId,
} from '../catalog/index.js';
import type { ProjectLookup } from '../project/lookup.js';
import { calleeRoot, foreignVendor, providerOfCall, type Provider, type ProviderContext } from './provider.js';
import {
  calleePath,
  envRead,
  envReadsIn,
  FALLBACK_OPERATORS,
  memberPath,
  staticText,
  walk,
  type CallNode,
  type DefaultNode,
  type IdentifierNode,
  type ImportNode,
  type MemberNode,
  type Node,
  type ObjectNode,
  type PropertyNode,
  type Range,
  type StringNode,
  type VariableNode,
} from '../syntax/tree.js';

/** Where a model value came from. */
export type ModelSource = 'literal' | 'constant' | 'env-default' | 'imported' | 'dynamic' | 'absent';

export interface ModelValue {
  /** The statically known id, or null when it cannot be known without running the code. */
  readonly value: string | null;
  /** The string literal in this file that holds the value, if it is in this file. */
  readonly literal: StringNode | null;
  readonly source: ModelSource;
  /**
   * What else holds this value, so every place decides alike: `env:NAME` for
   * an environment variable read on the way (`process.env.NAME ?? 'id'`),
   * `const:FILE#NAME` for a constant exported by another module.
   */
  readonly bindings?: readonly string[];
}

/** One image request: the normalized view of "an image call". */
export interface ImageRequest {
  readonly surface: SurfaceId;
  /** How the request was recognised. */
  readonly evidence: 'request-call' | 'model-call' | 'url' | 'tool' | 'request-shape';
  /** Who it goes to, and why the view thinks so: only a known provider's request is ever edited. */
  readonly provider: Provider;
  /** The call that sends it, when seen (`client.images.generate`, `fetch`, `replicate.run`). */
  readonly call: CallNode | null;
  readonly callee: string | null;
  /** The request object (`{ model, prompt, ... }`). */
  readonly request: ObjectNode;
  /** Where the params live: the request itself, or `input` / `providerOptions.openai`. */
  readonly params: ObjectNode;
  readonly modelProperty: PropertyNode | null;
  readonly model: ModelValue;
  /** The model the API uses when the request names none. */
  readonly defaultModel: string | null;
  /** Where an explicit `model` goes when one must be inserted. */
  readonly insertModel: 'first' | 'after-type' | null;
  /**
   * Why a request that relies on `defaultModel` is reported and never given
   * a model (a raw HTTP body, the openai v3 SDK's createImage): the call is
   * not one whose move is a mechanical insertion.
   */
  readonly defaultReportOnly?: 'raw-http' | 'v3-sdk';
  /**
   * Params whose value is not written in the request but read from a name
   * the file resolves (`size=size` with `size="256x256"` as the default):
   * key → the value, which the fix cannot change where it is written.
   */
  readonly indirectParams?: Readonly<Record<string, string>>;
  /**
   * The key its surface keeps params under (`input`, `arguments`), when what is there is not an object the
   * file shows and edits alone (a parameter, a shared object, a call's result): the params cannot be checked,
   * so the model does not move without them.
   */
  readonly hiddenParams?: string;
  /**
   * The request writes no entry: `{}`, or a tool factory called with no
   * arguments (`imageGenerationTool()`, `bare`), whose `request` is then an
   * empty object standing for the argument list. `inside`: what lies between
   * the braces or parens, when it is only blanks (else null: a comment, or
   * type arguments, that an inserted model could misplace). `quote`: the
   * quote of the file's import specifiers, as an inserted id has no string
   * of the request to follow (null: the file shows none).
   */
  readonly emptyOptions?: { readonly bare: boolean; readonly inside: Range | null; readonly quote: string | null };
}

/** A multipart request assembled with `form.append(key, value)`. */
export interface FormRequest {
  readonly surface: SurfaceId;
  readonly provider: Provider;
  readonly receiver: string;
  readonly fields: readonly { readonly key: string; readonly call: CallNode; readonly value: Node }[];
  readonly model: ModelValue;
  /** The call that sends the form (`fetch(url, { body: form })`) and the URL it goes to, when seen. */
  readonly send: { readonly call: CallNode; readonly url: string } | null;
  /** The API a rename cannot migrate that the form is sent to (`/v1/images/variations`), if any. */
  readonly notMigratable: string | null;
}

export type ComparisonForm = 'equality' | 'switch' | 'string-method' | 'membership' | 'regex';

/** The syntactic context of one retired id occurrence. */
export type OccurrenceContext =
  | { readonly kind: 'request-model'; readonly request: ImageRequest }
  | { readonly kind: 'model-call'; readonly surface: SurfaceId; readonly callee: string; readonly provider: Provider; readonly requests: readonly ImageRequest[] }
  | { readonly kind: 'form-field'; readonly form: FormRequest }
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
  | { readonly kind: 'default'; readonly name: string | null; readonly feeds: readonly ImageRequest[] }
  | { readonly kind: 'comparison'; readonly form: ComparisonForm; readonly method: string | null }
  | { readonly kind: 'data-key' }
  | { readonly kind: 'list'; readonly use: 'enum' | 'list' }
  /** `union`: the type the literal is a member of (its text says whether the target is already accepted). */
  | { readonly kind: 'type'; readonly union: Range | null }
  | { readonly kind: 'jsx'; readonly attribute: string }
  | { readonly kind: 'setting'; readonly key: string; readonly inList: boolean }
  /** The model of a request-shaped object that is a record (`recordEvidence`): `why` says what shows it. */
  | { readonly kind: 'record'; readonly key: string; readonly why: string }
  | { readonly kind: 'deployment'; readonly where: 'client' | 'request' | 'url' | 'model-call' }
  /**
   * The model segment of a provider's REST URL (`https://fal.run/fal-ai/gpt-image-1/text-to-image`,
   * `https://api.replicate.com/v1/models/openai/gpt-image-1/predictions`). `sent`: the URL is the
   * first argument of a call (directly or through a constant of this file); `queue`: fal's queue,
   * whose status and result URLs carry the model's namespace too.
   */
  | { readonly kind: 'url'; readonly surface: 'fal' | 'replicate'; readonly sent: boolean; readonly queue: boolean; readonly call: Range | null }
  | { readonly kind: 'not-migratable'; readonly what: string; readonly why: string }
  /** The default of a Django model field (`models.CharField(default="dall-e-3")`): what new rows get, not what stored rows hold. */
  | { readonly kind: 'model-field'; readonly field: string; readonly key: string }
  | { readonly kind: 'other'; readonly detail: string };

export interface IdOccurrence {
  readonly match: RetiredIdMatch;
  /** The whole literal (quotes included) or the key. */
  readonly range: Range;
  /** The range holding exactly the id text (inside the quotes). */
  readonly idRange: Range;
  readonly context: OccurrenceContext;
  /** What else holds this value (`env:NAME`, `const:FILE#NAME`): the places that must decide alike. */
  readonly bindings?: readonly string[];
  /** Inside an assertion (`expect(...)`, `assert.*`, `toHaveBeenCalledWith`): what a test expects. */
  readonly asserted?: boolean;
}

/**
 * A model id built at run time whose constant head names a retired family:
 * `` `dall-e-${v}` ``, `'dall-e-' + n`, Python's f"dall-e-{v}", "dall-e-%d" % n,
 * "dall-e-{}".format(n). No rename can migrate it; what it can name decides
 * how it is reported.
 */
export interface TemplateModel {
  /** The whole expression (template, concatenation, format call). */
  readonly range: Range;
  readonly ids: TemplateIds;
  /** The request it is the model of (directly or through a name), if any. */
  readonly request: ImageRequest | null;
  /** The model call it is the id of (``openai.image(`dall-e-${v}`)``), if any. */
  readonly modelCall: { readonly callee: string; readonly surface: SurfaceId; readonly provider: Provider } | null;
}

export interface FileView {
  /** The surface the file's hosts or imports point at, if any. */
  readonly surfaceHint: SurfaceId | null;
  readonly requests: readonly ImageRequest[];
  readonly forms: readonly FormRequest[];
  readonly occurrences: readonly IdOccurrence[];
  /** `.url` read from what looks like an image result (`result.data[0].url`). */
  readonly urlReads: readonly MemberNode[];
  /**
   * The request calls whose own result this file reads as base64:
   * `(await call).data[0].b64_json`, or `r.data[0].b64_json` where `r` holds
   * the call's result. A `.b64_json` elsewhere (another request, a type's
   * field) says nothing about what reads this one's.
   */
  readonly b64Results: ReadonlySet<CallNode>;
  /** Calls to APIs a rename cannot migrate (DallEAPIWrapper), with whether they name a retired id themselves. */
  readonly notMigratable: readonly { readonly what: string; readonly why: string; readonly defaultModel?: string; readonly call: CallNode; readonly namesModel: boolean; readonly azure?: boolean }[];
  /** Imports of exports a newer package removed (`experimental_generateImage` from `ai`). */
  readonly removedImports: readonly { readonly name: string; readonly source: string; readonly range: Range }[];
  /** Assertions that expect an image request with no `model` (`toHaveBeenCalledWith({ prompt })`): an inserted model would break them. */
  readonly assertsRequestWithoutModel: readonly Range[];
  /** Ids built at run time from a retired family's stem. */
  readonly templateModels: readonly TemplateModel[];
  /**
   * Values of Azure's image deployment header (`x-ms-oai-image-generation-deployment`),
   * which names the deployment an image tool on Azure draws with: null when not known statically.
   */
  readonly imageDeploymentHeaders: readonly (string | null)[];
  /**
   * Responses `image_generation` tools that name no model and that no request of the file holds as written
   * (built in a helper that returns it, `tools=[image_tool()]`), in a file that sends Responses requests to
   * OpenAI: they use the tool's default model. `setLater`: the code sets one on some path (`tool["model"] = m`).
   */
  readonly looseTools: readonly { readonly object: ObjectNode; readonly setLater: boolean }[];
}

/** Where the file lives, for what must be looked up beyond it (imports, package.json). */
export interface FileContext {
  readonly fileName: string | null;
  readonly project: ProjectLookup | null;
}

const COMPARISON_OPERATORS = new Set(['===', '!==', '==', '!=']);
const STRING_METHODS = new Set(['startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'match', 'search', 'localeCompare', 'test', 'startswith', 'endswith', 'find']);
/** `model in ["a", "b"]`: a membership test of a list (Python's `in`). */
const MEMBERSHIP_OPERATORS = new Set(['in', 'not in']);
const MODEL_KEY = /model/i;
const DEPLOYMENT_KEY = /deployment/i;
const DEPLOYMENT_IN_URL = /\/deployments\/([^/?#'"`\s$]+)/g;

const noContext: FileContext = { fileName: null, project: null };

/** Surfaces an SDK request call (`images.generate`, `responses.create`) may belong to. */
const SDK_SURFACES: readonly SurfaceId[] = ['openai', 'azure', 'gateway'];
/** Surfaces whose image generation tool a factory may make. */
const TOOL_SURFACES: readonly SurfaceId[] = ['vercel-ai', 'azure', 'langchain', 'responses-tool'];

/** The provider packages a file imports (value or type imports), for calls whose client cannot be traced. */
function filePackages(imports: readonly ImportNode[]): ProviderContext['filePackages'] {
  const out: { name: string; surface: SurfaceId | null; vendor: string }[] = [];
  for (const node of imports) {
    const pkg = providerPackage(node.source);
    if (!pkg || out.some((p) => p.name === pkg.name)) continue;
    if (pkg.only && !node.bindings.some((b) => pkg.only!.includes(b.imported))) continue;
    out.push({ name: pkg.name, surface: pkg.surface, vendor: pkg.vendor });
  }
  return out;
}

/** The model OpenAI's images endpoint at this URL uses when the body names none (`/images/generations`: dall-e-2), or null. */
function defaultOfEndpoint(url: string): string | null {
  const path = url.replace(/[?#].*$/, '');
  if (/\/images\/generations\/?$/.test(path)) return defaultModels['images.generate'];
  if (/\/images\/edits\/?$/.test(path)) return defaultModels['images.edit'];
  return null;
}

/** An object a function returns: written in the `return`, or held by a name that is returned. */
function returnedByHelper(object: ObjectNode, index: TreeIndex): boolean {
  const at = unwrapUp(object).parent;
  if (at?.kind === 'return') return true;
  if (at?.kind !== 'variable' || at.init !== object) return false;
  return index.referencesTo(at).some((ref) => unwrapUp(ref).parent?.kind === 'return');
}

/**
 * Whether a request object bound to a name may get its model after it is
 * built (`body.model = m`, `body["model"] = m`, `Object.assign(body, ...)`,
 * `body.update(...)`, `body.setdefault(...)`): then naming no model where it
 * is written says nothing.
 */
function modelSetLater(request: ObjectNode, text: string): boolean {
  const owner = request.parent;
  if (owner?.kind !== 'variable' || owner.init !== request) return false;
  const name = owner.name;
  if (!name || !/^[A-Za-z_$][\w$]*$/.test(name)) return true;
  const escaped = name.replace(/\$/g, '\\$');
  // where the name holds this object: its function (a Python local's scope), else from here to the name's next declaration
  const from = owner.range[0];
  const next = new RegExp(`\\b(?:const|let|var)\\s+${escaped}\\b|^[ \\t]*${escaped}\\s*=\\s*[{\\[(]`, 'gm');
  next.lastIndex = owner.range[1];
  const until = owner.scope ? owner.scope[1] : (next.exec(text)?.index ?? text.length);
  text = text.slice(owner.scope ? owner.scope[0] : from, until);
  return new RegExp(`(?:^|[^\\w$.])${escaped}\\s*(?:\\.\\s*model\\b|\\[\\s*['"]model['"]|\\.\\s*(?:update|setdefault)\\s*\\()|Object\\.assign\\(\\s*${escaped}\\b`).test(text);
}

/** Builds the view of one file from its normalized tree and text. */
export function buildView(root: Node, text: string, options: MigrationOptions, context: FileContext = noContext): FileView {
  const registry = options.registry;
  const index = indexTree(root, context);
  const hints = fileHints(text, registry);
  const surfaceHint = hints[0] ?? null;
  const requests = new Map<ObjectNode, ImageRequest>();
  const excluded = new Map<ObjectNode, { what: string; why: string }>();
  /** Request-shaped objects sent nowhere known that are records (`recordEvidence`), with the reason. */
  const records = new Map<ObjectNode, string>();
  const modelCallRequests = new Map<CallNode, ImageRequest[]>();

  const resolveObject = (node: Node | undefined, depth = 0): ObjectNode | null => {
    if (!node || depth > 4) return null;
    if (node.kind === 'object') return node;
    if (node.kind === 'identifier') return resolveObject(index.variableOf(node)?.init ?? undefined, depth + 1);
    if (node.kind === 'call' && memberPath(node.callee) === 'JSON.stringify') return resolveObject(node.args[0], depth + 1);
    return null;
  };

  const addRequest = (
    request: ObjectNode,
    surfaceId: SurfaceId,
    evidence: ImageRequest['evidence'],
    call: CallNode | null,
    provider: Provider,
    extra: { model?: ModelValue; modelProperty?: PropertyNode | null; defaultModel?: string | null; insertModel?: ImageRequest['insertModel']; bare?: boolean; defaultReportOnly?: ImageRequest['defaultReportOnly'] } = {},
  ): ImageRequest | null => {
    if (excluded.has(request)) return null;
    const existing = requests.get(request);
    if (existing) return existing;
    const surface = registry[surfaceId];
    const { params, hiddenParams } = paramsOf(request, surface?.paramsKey ?? null);
    // `{ ...defaults, prompt }`: a model set by a spread object the file shows counts as set
    const spreadModel = () => {
      for (const spread of [...request.properties].reverse()) {
        const source = spread.kind === 'spread' ? resolveObject(spread.argument) : null;
        const property = source ? propertyOf(source, 'model') : null;
        if (property) return property;
      }
      return null;
    };
    const modelProperty = extra.modelProperty !== undefined ? extra.modelProperty : (propertyOf(request, 'model') ?? spreadModel());
    const model = extra.model ?? (modelProperty ? index.resolveModel(modelProperty.value) : absent);
    const view: ImageRequest = {
      surface: surfaceId,
      evidence,
      provider,
      call,
      callee: call ? calleePath(call.callee) : null,
      request,
      params,
      modelProperty,
      model,
      defaultModel: extra.defaultModel ?? null,
      insertModel: extra.insertModel ?? null,
      ...(extra.defaultReportOnly ? { defaultReportOnly: extra.defaultReportOnly } : {}),
      indirectParams: indirectParams(params),
      ...(hiddenParams ? { hiddenParams } : {}),
      emptyOptions: request.properties.length === 0 && request.spelling !== 'keywords' ? emptyOptions(request, extra.bare ?? false) : undefined,
    };
    requests.set(request, view);
    return view;
  };

  /**
   * Where a surface's params live (`input`, `arguments`, `providerOptions.openai`): an object written there,
   * or the object literal a name there holds when that name is read nowhere else (`const input = {...};
   * fal.subscribe(id, { input })`), whose properties the fix may then edit. Any other value (a parameter,
   * a shared object, a call's result) hides the params: `hiddenParams` says where.
   */
  function paramsOf(request: ObjectNode, paramsKey: string | null): { params: ObjectNode; hiddenParams: string | null } {
    if (!paramsKey) return { params: request, hiddenParams: null };
    for (const key of paramsKey.split('|')) {
      let current: ObjectNode | null = request;
      for (const part of key.split('.')) {
        const property: PropertyNode | null = current ? propertyOf(current, part) : null;
        if (!property) {
          current = null;
          break;
        }
        const value: Node = property.value;
        if (value.kind === 'object') {
          current = value;
          continue;
        }
        const variable: VariableNode | null = value.kind === 'identifier' ? index.variableOf(value) : null;
        const init: ObjectNode | null = variable?.init?.kind === 'object' ? variable.init : null;
        if (init && variable && index.referencesTo(variable).length === 1) {
          current = init;
          continue;
        }
        return { params: request, hiddenParams: key };
      }
      if (current) return { params: current, hiddenParams: null };
    }
    return { params: request, hiddenParams: null };
  }

  function emptyOptions(request: ObjectNode, bare: boolean): ImageRequest['emptyOptions'] {
    const written = text.slice(request.range[0], request.range[1]);
    const blank = bare ? /^\(\s*\)$/.test(written) : /^\{\s*\}$/.test(written);
    return { bare, inside: blank ? [request.range[0] + 1, request.range[1] - 1] : null, quote: importQuote(index.imports, text) };
  }

  function indirectParams(params: ObjectNode): Record<string, string> | undefined {
    const out: Record<string, string> = {};
    for (const property of params.properties) {
      if (property.kind !== 'property' || property.key === null || property.key === 'model' || property.value.kind === 'string') continue;
      if (property.value.kind !== 'identifier' && property.value.kind !== 'member') continue;
      const value = index.resolveModel(property.value).value;
      if (value !== null) out[property.key] = value;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }

  const providerContext: ProviderContext = {
    fileName: context.fileName,
    project: context.project,
    registry,
    filePackages: filePackages(index.imports),
    azureFile: hints.includes('azure') || azureSignals.text.some((signal) => signal.test(text)),
  };
  const provider = (call: CallNode, accepts: readonly SurfaceId[]) => providerOfCall(call, accepts, index, providerContext);
  const modelCallProviders = new Map<CallNode, Provider>();

  /** The provider of a model call (`openai.image(id)`): a surface whose model calls include the method, Azure or a gateway. */
  const modelCallProvider = (call: CallNode, guess: SurfaceId): Provider => {
    const known = modelCallProviders.get(call);
    if (known) return known;
    const method = memberPath(call.callee)?.split('.').pop() ?? '';
    const accepts = Object.values(registry)
      .filter((s) => s.modelCalls.some((c) => c === method || c.endsWith(`.${method}`)))
      .map((s) => s.id as SurfaceId);
    const found = providerOfCall(call, [...new Set<SurfaceId>([guess, ...accepts, 'azure', 'gateway'])], index, providerContext);
    modelCallProviders.set(call, found);
    return found;
  };

  /** `generateImage({ model })`: the provider of its model (`openai.image(...)`, a variable holding one, a gateway id). */
  const aiSdkProvider = (request: ObjectNode): Provider => {
    const property = propertyOf(request, 'model');
    let value: Node | null | undefined = property?.value;
    for (let depth = 0; value?.kind === 'identifier' && depth < 4; depth++) value = index.variableOf(value)?.init;
    if (value?.kind === 'call' && value.args[0]) return modelCallProvider(value, 'vercel-ai');
    const id = value ? index.resolveModel(value).value : null;
    if (id !== null && /^openai\//.test(id)) return { kind: 'known', surface: 'gateway', evidence: `a plain '${id}' id in the AI SDK goes to its default provider, the Vercel AI Gateway` };
    return { kind: 'unknown', why: property ? "the model of this call is not traced to a provider's image model (openai.image(), gateway ids)" : 'the call names no model' };
  };

  const urlProvider = (url: string, surface: SurfaceId | null, vendor: string | null): Provider => {
    if (vendor) return { kind: 'foreign', vendor, evidence: `the request goes to ${url} (${vendor})` };
    if (!surface) return { kind: 'unknown', why: `the request goes to ${url}, which is not a known provider's endpoint` };
    const info = registry[surface];
    const byHost = info?.hosts.some((host) => url.includes(host));
    const byAzurePath = surface === 'azure' || info?.deploymentNames;
    if (byHost || byAzurePath) return { kind: 'known', surface, evidence: `the request goes to ${url}` };
    return { kind: 'unknown', why: `the request goes to '${url}': the path is an image endpoint, but its host is not known (a configurable base URL could point at any gateway)` };
  };

  /**
   * The provider of a multipart form: the URL of the call that sends it (`fetch(url, { body: form })`,
   * `axios.post(url, form)`). A form held by a name is the one that name resolves to where it is sent,
   * so two functions' `const form = new FormData()` are two forms.
   */
  const formSend = (receiver: FormReceiver): { provider: Provider; send: { call: CallNode; url: string } | null } => {
    for (const call of index.calls) {
      const url = call.args[0] ? index.staticUrl(call.args[0]) : null;
      if (!url || !call.args[1]) continue;
      const options = resolveObject(call.args[1]);
      const body = options ? (propertyOf(options, 'body') ?? propertyOf(options, 'data'))?.value : call.args[1];
      if (!body || !sameReceiver(receiverOf(body, index), receiver)) continue;
      return { provider: urlProvider(url, surfaceOfUrl(url, registry), foreignVendor(url)), send: { call, url } };
    }
    return { provider: { kind: 'unknown', why: `the form '${receiver.path}' is not seen being sent to a known provider's URL` }, send: null };
  };

  const resolveArray = (node: Node, depth = 0): Extract<Node, { kind: 'array' }> | null => {
    if (node.kind === 'array') return node;
    if (node.kind === 'identifier' && depth < 4) {
      const init = index.variableOf(node)?.init;
      return init ? resolveArray(init, depth + 1) : null;
    }
    return null;
  };

  /** The request an object bound to a constant is spread into (`{ ...defaults, prompt }`). */
  const spreadTarget = (object: ObjectNode): ImageRequest | null => {
    const owner = object.parent;
    if (owner?.kind !== 'variable' || owner.init !== object) return null;
    for (const ref of index.referencesTo(owner)) {
      const spread = ref.parent;
      if (spread?.kind === 'spread' && spread.parent?.kind === 'object') {
        const target = requests.get(spread.parent);
        if (target) return target;
      }
    }
    return null;
  };

  /** UniAll spells its model `gpt-image-2-origin`: the id alone names the surface. */
  const uniallId = (id: string): Provider | null =>
    id === 'gpt-image-2-origin' ? { kind: 'known', surface: 'uniall', evidence: "'gpt-image-2-origin' is UniAll's own id" } : null;

  /** `const params: OpenAI.ImageGenerateParams = { ... }`: an object typed as the OpenAI SDK's request is one. */
  const typedRequest = (object: ObjectNode): Provider | null => {
    const owner = object.parent;
    if (owner?.kind !== 'variable' || owner.init !== object) return null;
    const type = owner.children.find((child) => child !== owner.init);
    const name = type ? /\b(ImageGenerateParams\w*|ImageEditParams\w*)\b/.exec(text.slice(type.range[0], type.range[1]))?.[1] : undefined;
    const sdk = providerContext.filePackages.find((p) => p.name === 'openai' || p.name === '@azure/openai');
    if (!name || !sdk) return null;
    return { kind: 'known', surface: providerContext.azureFile ? 'azure' : 'openai', evidence: `it is typed as ${name} of '${sdk.name}'`, package: sdk.name };
  };

  /**
   * A request-shaped object passed to a method of a client pointed at a known
   * host (`createClient('https://api.unifically.com').post({...})`), or to a
   * function of a local module that sends image requests to a known provider.
   */
  const sentThrough = (object: ObjectNode): Provider | null => {
    const { node } = climbValue(object);
    const call = node.parent;
    if (call?.kind !== 'call' || call.args[0] !== node) return null;
    const found = providerOfCall(call, ['unifically', 'uniall', 'openai', 'azure', 'gateway', 'replicate', 'fal', 'openai-http'], index, providerContext);
    if (found.kind !== 'known') return null;
    // a wrapper module counts only when it sends image requests itself
    if (found.evidence.includes(' comes from ') && found.via === 'module' && !found.sendsImages) return null;
    if (found.evidence.includes('is not traced, but the file imports')) return null;
    return found;
  };

  const shapeOnlyReason = (object: ObjectNode): string => {
    const { node } = climbValue(object);
    const parent = node.parent;
    if (parent?.kind === 'call' && parent.args.includes(node)) {
      const name = memberPath(parent.callee);
      return `it is passed to ${name ? `${name}()` : 'a call'}, which is not a known provider's image API (if it is your own wrapper, declare it under "surfaces" in the config file)`;
    }
    return "it is not seen being sent to a known provider's image API";
  };

  /** The file imports the openai v3 SDK's client (`new OpenAIApi(configuration)`, replaced in v4). */
  const v3File = [...index.importBindings.values()].some((b) => b.source === v3Sdk.package && b.imported === v3Sdk.client);

  // 0. Objects handed to APIs that a rename cannot migrate (DallEAPIWrapper, image variations).
  const blockedCalls: FileView['notMigratable'][number][] = [];
  for (const call of index.calls) {
    const path = memberPath(call.callee);
    const what = path && Object.keys(notMigratable).find((name) => path === name || path.endsWith(`.${name}`));
    if (!what) continue;
    // the pre-1.0 module API is `openai.Image.create` of the openai package itself, not any `Image.create` (a canvas library's)
    if (what.startsWith('Image.') && !(path === `openai.${what}` && index.importBindings.get('openai')?.source === 'openai')) continue;
    // the v3 SDK's methods count only in a file that imports its client (`OpenAIApi` from 'openai'), not any `createImageEdit`
    if (v3SdkImageMethods.includes(what) && !v3File) continue;
    const object = resolveObject(call.args[0]);
    // a Python package's twin of the API (`from langchain_community... import DallEAPIWrapper`) has its own behaviour and default
    const root = calleeRoot(call.callee);
    const source = root.kind === 'identifier' ? index.importBindings.get(root.name)?.source : undefined;
    const entry = (source && /^langchain[_.]/.test(source) ? notMigratable[what].python : undefined) ?? notMigratable[what];
    if (object) excluded.set(object, { what, why: entry.why });
    const model = object ? (propertyOf(object, 'model') ?? propertyOf(object, 'model_name')) : null;
    const namesModel = Boolean(model && index.resolveModel(model.value).value && matchRetiredId(index.resolveModel(model.value).value!));
    // the pre-1.0 module API pointed at Azure (`openai.api_type = "azure"`, an Azure host): its port is AzureOpenAI's
    const azure = what.startsWith('Image.') && (hints.includes('azure') || /\bapi_type\s*=\s*["']azure/.test(text));
    blockedCalls.push({ what, why: entry.why, defaultModel: entry.defaultModel, call, namesModel, ...(azure ? { azure } : {}) });
  }
  for (const call of index.calls) {
    const url = call.args[0] ? index.staticUrl(call.args[0]) : null;
    const what = url ? Object.entries(notMigratablePaths).find(([p]) => url.includes(p))?.[1] : undefined;
    // a request sent to an absolute URL (or a base URL), not an SDK's own endpoint table (`this._client.post('/images/variations')`)
    if (!what || !/^(?:https?:\/\/|\$\{…\})/.test(url!) || foreignVendor(url!)) continue;
    const options = resolveObject(call.args[1]);
    const body = options ? (propertyOf(options, 'body') ?? propertyOf(options, 'data'))?.value : undefined;
    const object = body ? resolveObject(body) : null;
    if (object) excluded.set(object, { what, why: notMigratable[what].why });
    blockedCalls.push({ what, why: notMigratable[what].why, call, namesModel: false });
  }

  /** The static baseURL of the axios instance a `.post(path, body)` is called on, joined to the path, or null. */
  const axiosInstanceUrl = (call: CallNode, path: string): string | null => {
    if (call.callee.kind !== 'member' || call.callee.property !== 'post' || call.callee.object.kind !== 'identifier') return null;
    const init = index.variableOf(call.callee.object)?.init;
    if (init?.kind !== 'call' || init.isNew || memberPath(init.callee)?.split('.').pop() !== 'create') return null;
    const root = calleeRoot(init.callee);
    if (root.kind !== 'identifier' || index.importBindings.get(root.name)?.source !== 'axios') return null;
    const options = init.args[0]?.kind === 'object' ? init.args[0] : null;
    const base = options ? propertyOf(options, 'baseURL') : null;
    const baseUrl = base ? index.staticUrl(base.value) : null;
    if (!baseUrl || !/^https?:\/\//.test(baseUrl)) return null;
    return `${baseUrl.replace(/\/+$/, '')}${path}`;
  };

  const responsesRequests: { request: ObjectNode; provider: Provider }[] = [];
  for (const call of index.calls) {
    const path = calleePath(call.callee);
    // 0b. The v3 SDK's `openai.createImage({ prompt })` naming no model: it relies on the endpoint's default.
    // (One that names a model is found by its id, as a request-shaped object sent through the client.)
    if (v3File && path && (path === v3Sdk.generate || path.endsWith(`.${v3Sdk.generate}`))) {
      const request = resolveObject(call.args[0]);
      const found = provider(call, SDK_SURFACES);
      if (request && found.kind === 'known' && !propertyOf(request, 'model') && !request.properties.some((p) => p.kind === 'spread')) {
        addRequest(request, found.surface, 'request-call', call, found, { defaultModel: defaultModels['images.generate'], defaultReportOnly: 'v3-sdk' });
      }
      continue;
    }
    // 1. Calls whose first argument is the request: SDK methods, generateImage, user wrappers.
    const requestSurface = path ? surfaceByCall(path, registry, 'requestCalls') : null;
    // the AI SDK's generateImage is the one imported from 'ai', not any method of that name
    if (requestSurface === 'vercel-ai' && index.importBindings.get(calleeRoot(call.callee).kind === 'identifier' ? (calleeRoot(call.callee) as IdentifierNode).name : '')?.source !== 'ai') {
      // fall through: a wrapper of the user's own is judged like any other call
    } else if (requestSurface) {
      const request = resolveObject(call.args[0]);
      if (!request) continue;
      const method = Object.keys(defaultModels).find((m) => path === m || path!.endsWith(`.${m}`)) as keyof typeof defaultModels | undefined;
      const defaultModel = method ? defaultModels[method] : null;
      const found = requestSurface.startsWith('user:')
        ? ({ kind: 'known', surface: requestSurface, evidence: `${path}() is declared as the surface '${registry[requestSurface]?.label ?? requestSurface}' in the config` } as const)
        : requestSurface === 'vercel-ai'
          ? aiSdkProvider(request)
          : provider(call, [...SDK_SURFACES, requestSurface]);
      addRequest(request, found.kind === 'known' ? found.surface : requestSurface, 'request-call', call, found, { defaultModel, insertModel: defaultModel ? 'first' : null });
      continue;
    }
    // The Responses API: `client.responses.create({ tools: [...] })`, whose image tool defaults to gpt-image-1.
    if (path && responsesCalls.some((c) => path === c || path.endsWith(`.${c}`))) {
      const request = resolveObject(call.args[0]);
      if (request) responsesRequests.push({ request, provider: provider(call, SDK_SURFACES) });
      continue;
    }
    // The image tool made by a factory: `openai.tools.imageGeneration({...})` (AI SDK), `tools.imageGeneration` (LangChain), `imageGenerationTool` (Agents SDK).
    const factory = path ? toolFactories.find((f) => path === f.call || path.endsWith(`.${f.call}`)) : undefined;
    if (factory) {
      const found = provider(call, TOOL_SURFACES);
      // `imageGenerationTool()` relies on the tool's default model as much as `imageGenerationTool({})` does (Python's
      // ImageGenerationTool requires its tool_config, the factory with an optionsKey)
      const bare = call.args.length === 0 && !factory.optionsKey ? argumentList(call) : null;
      const args = bare ?? resolveObject(call.args[0]);
      const nested = factory.optionsKey && args ? propertyOf(args, factory.optionsKey) : null;
      const options = factory.optionsKey ? (nested ? resolveObject(nested.value) : null) : args;
      if (options && found.kind !== 'foreign') {
        const surface = found.kind === 'known' ? found.surface : 'unknown';
        const insert = found.kind === 'known' && factory.acceptsModel && surface !== 'azure';
        const where = factory.optionsKey && propertyOf(options, 'type') ? 'after-type' : 'first';
        addRequest(options, surface, 'tool', call, found, { defaultModel: defaultModels['responses.image_generation'], insertModel: insert ? where : null, bare: bare !== null });
      }
      continue;
    }
    // 2. Calls whose first argument is a model id: `openai.image(id)`, `replicate.run(id, { input })`, `fal.subscribe(id, { input })`.
    const modelSurface = path && call.args[0] ? modelCallSurface(path, call.args[0], index, registry, hints) : null;
    if (modelSurface) {
      const found = modelCallProvider(call, modelSurface);
      modelCallProviders.set(call, found);
      const options = resolveObject(call.args[1]);
      const model = index.resolveModel(call.args[0]);
      if (options) {
        const request = addRequest(options, found.kind === 'known' ? found.surface : modelSurface, 'model-call', call, found, { model, modelProperty: null });
        if (request) modelCallRequests.set(call, [request]);
      }
      continue;
    }
    // 3. Calls to a URL of a surface (fetch, axios, got, ky, undici).
    const written = call.args[0] ? index.staticUrl(call.args[0]) : null;
    // `api.post('/generations', { prompt })` on `axios.create({ baseURL })`: only for a body that names no model, which
    // nothing else finds (one that names a model is found as a request-shaped object sent through the client)
    const based = written !== null && written.startsWith('/') ? axiosInstanceUrl(call, written) : null;
    const url = based ?? written;
    if (!url || call.args.length < 2) continue;
    const urlSurface = surfaceOfUrl(url, registry);
    const vendor = foreignVendor(url);
    if (!urlSurface && !vendor) continue;
    const optionsObject = resolveObject(call.args[1]);
    const bodyProperty = optionsObject ? (propertyOf(optionsObject, 'body') ?? propertyOf(optionsObject, 'json') ?? propertyOf(optionsObject, 'data')) : null;
    // `axios.post(url, { prompt, size })`: the second argument of a post is its body when it holds a prompt and nothing of fetch's options
    const postedBody =
      !bodyProperty && optionsObject && /(?:^|\.)post$/i.test(path ?? '') && propertyOf(optionsObject, 'prompt') && !['method', 'headers'].some((key) => propertyOf(optionsObject, key)) ? optionsObject : null;
    const request = bodyProperty ? resolveObject(bodyProperty.value) : optionsObject && propertyOf(optionsObject, 'model') ? optionsObject : postedBody;
    if (!request) continue;
    if (based !== null && (bodyProperty || propertyOf(request, 'model'))) continue;
    const requestModel = propertyOf(request, 'model');
    const byId = requestModel ? uniallId(index.resolveModel(requestModel.value).value ?? '') : null;
    const found = byId ?? urlProvider(url, urlSurface, vendor);
    if (/\/responses\b/.test(url) && !urlSurface?.startsWith('user:')) {
      responsesRequests.push({ request, provider: found.kind === 'known' && found.surface === 'openai-http' ? { ...found, surface: 'openai' } : found });
      continue;
    }
    // a body sent to OpenAI's images endpoint with no model relies on the endpoint's default: reported, never given one
    const endpoint = defaultOfEndpoint(url);
    const relies = endpoint !== null && found.kind === 'known' && found.surface === 'openai-http' && !propertyOf(request, 'model') && !modelSetLater(request, text);
    addRequest(request, found.kind === 'known' ? found.surface : (urlSurface ?? 'unknown'), 'url', call, found, relies ? { defaultModel: endpoint, defaultReportOnly: 'raw-http' } : {});
  }

  // 4. The Responses API tool inside a Responses request: `tools: [{ type: 'image_generation', ... }]` (model defaults to gpt-image-1).
  for (const { request, provider: found } of responsesRequests) {
    const tools = propertyOf(request, 'tools');
    const list = tools ? resolveArray(tools.value) : null;
    for (const element of list?.elements ?? []) {
      const tool = resolveObject(element);
      const type = tool ? propertyOf(tool, responsesTool.typeKey) : null;
      if (!tool || type?.value.kind !== 'string' || type.value.value !== responsesTool.typeValue) continue;
      const azure = found.kind === 'known' && found.surface === 'azure';
      const surface = found.kind !== 'known' ? 'unknown' : azure ? 'azure' : 'responses-tool';
      addRequest(tool, surface, 'tool', null, found, {
        defaultModel: azure ? null : defaultModels['responses.image_generation'],
        insertModel: found.kind === 'known' && !azure ? 'after-type' : null,
      });
    }
  }

  // 5. Objects shaped like a request: a `model` naming an image model beside image params, sent by nothing the view knows.
  for (const object of index.objects) {
    if (requests.has(object) || excluded.has(object)) continue;
    const modelProperty = propertyOf(object, 'model');
    if (!modelProperty) continue;
    const model = index.resolveModel(modelProperty.value);
    if (model.value === null || !namesImageModel(model.value)) continue;
    if (!object.properties.some((p) => p.kind === 'property' && p.key !== null && imageParamKeys.has(p.key))) continue;
    if (isInList(object)) continue;
    const into = spreadTarget(object);
    if (into) {
      // `const defaults = { model, quality }` spread into a request: its params are that request's
      addRequest(object, into.surface, 'request-shape', into.call, into.provider.kind === 'known' ? { ...into.provider, evidence: `spread into ${into.callee ?? 'a request'}(): ${into.provider.evidence}` } : into.provider);
      continue;
    }
    const unsent: Provider = typedRequest(object) ?? sentThrough(object) ?? uniallId(model.value) ?? { kind: 'unknown', why: shapeOnlyReason(object) };
    const record = unsent.kind === 'unknown' ? recordEvidence(object) : null;
    if (record) {
      // a row written to a database or a generated image's metadata: its `quality` is not a param, its `model` is history
      records.set(object, record);
      continue;
    }
    const sender = unsent.kind === 'known' ? climbValue(object).node.parent : null;
    const surface = unsent.kind === 'known' ? (unsent.surface === 'openai-http' ? 'openai' : unsent.surface) : surfaceForRequest(model.value, object, hints, registry);
    addRequest(object, surface, 'request-shape', sender?.kind === 'call' ? sender : null, unsent);
  }

  // 6. Multipart forms: `form.append('model', id)` and the fields beside it, sent to the URL of a surface.
  const forms = collectForms(index, hints, formSend);


  const requestOfModelValue = (node: Node): ImageRequest | null => {
    const property = node.parent;
    if (property?.kind !== 'property' || property.key !== 'model' || property.value !== node) return null;
    return property.parent?.kind === 'object' ? (requests.get(property.parent) ?? null) : null;
  };
  const requestsOfModelCall = (call: CallNode): ImageRequest[] => {
    const own = modelCallRequests.get(call) ?? [];
    // `generateImage({ model: openai.image(id) })`: the call is itself the model value of a request
    const { node } = climbValue(call);
    const outer = requestOfModelValue(node);
    return outer ? [...own, outer] : own;
  };

  const occurrences: IdOccurrence[] = [];
  const push = (occurrence: IdOccurrence) => occurrences.push(occurrence);
  for (const node of index.strings) {
    const match = matchRetiredId(node.value);
    if (match) {
      push({
        match,
        range: node.range,
        idRange: [node.range[0] + 1, node.range[1] - 1],
        context: contextOf(node, index, { requestOfModelValue, requestsOfModelCall, modelCallProvider, forms, excluded, records, registry, hints }),
        bindings: literalBindings(node, index, context.fileName),
        asserted: inAssertion(node),
      });
    } else if (node.value.includes('/deployments/')) {
      for (const occurrence of deploymentsIn(node.range, text)) push(occurrence);
    }
  }
  for (const template of index.templates) {
    if (template.quasis.some((q) => q.includes('/deployments/'))) for (const occurrence of deploymentsIn(template.range, text)) push(occurrence);
  }
  // 7. A model in a provider's REST URL: fal's `fal.run/<endpoint>`, Replicate's `/v1/models/<owner>/<model>/predictions`.
  for (const node of [...index.strings, ...index.templates]) {
    const head = node.kind === 'string' ? node.value : node.quasis[0]!;
    const found = modelInProviderUrl(head);
    if (!found) continue;
    const start = node.range[0] + 1 + found.index;
    const call = urlSender(node, index);
    push({
      match: found.match,
      range: [start, start + found.match.spelled.length],
      idRange: [start, start + found.match.spelled.length],
      context: { kind: 'url', surface: found.surface, sent: call !== null, queue: found.queue, call: call ? call.range : null },
    });
  }
  for (const property of index.stringKeys) {
    const match = matchRetiredId(property.key!);
    if (!match) continue;
    const [start, end] = property.keyRange;
    const quoted = /['"`]/.test(text[start] ?? '');
    push({ match, range: property.keyRange, idRange: quoted ? [start + 1, end - 1] : [start, end], context: { kind: 'data-key' } });
  }
  for (const regex of index.regexes) {
    const found = idInPattern(regex.pattern);
    if (!found) continue;
    const start = regex.range[0] + 1 + found.index;
    push({ match: found.match, range: regex.range, idRange: [start, start + found.match.spelled.length], context: { kind: 'comparison', form: 'regex', method: null } });
  }
  occurrences.sort((a, b) => a.range[0] - b.range[0]);

  const removedImports = index.imports.flatMap((node) =>
    node.bindings
      .filter((binding) => removedExports.some((r) => r.name === binding.imported && r.from === node.source))
      .map((binding) => ({ name: binding.imported, source: node.source, range: node.range })),
  );

  const assertsRequestWithoutModel = index.objects
    .filter((object) => propertyOf(object, 'prompt') && !propertyOf(object, 'model') && !object.properties.some((p) => p.kind === 'spread') && exactAssertion(object))
    .map((object) => object.range);

  // 8. Ids built at run time from a retired family's stem, and where each one goes.
  const templateModels: TemplateModel[] = [];
  const built = builtIds(index);
  if (built.size > 0) {
    /** The built ids a model value is, directly or through names, fallbacks and branches. */
    const builtIn = (node: Node | null | undefined, depth = 0): Node[] => {
      if (!node || depth > 4) return [];
      if (built.has(node)) return [node];
      if (node.kind === 'identifier') return builtIn(index.variableOf(node)?.init ?? index.defaultOf(node)?.value, depth + 1);
      if (node.kind === 'binary' && FALLBACK_OPERATORS.has(node.operator)) return [...builtIn(node.left, depth + 1), ...builtIn(node.right, depth + 1)];
      if (node.kind === 'conditional') return [...builtIn(node.consequent, depth + 1), ...builtIn(node.alternate, depth + 1)];
      return [];
    };
    const requestOf = new Map<Node, ImageRequest>();
    for (const request of requests.values()) {
      if (!request.modelProperty || request.evidence === 'model-call') continue;
      for (const node of builtIn(request.modelProperty.value)) if (!requestOf.has(node)) requestOf.set(node, request);
    }
    const callOf = new Map<Node, NonNullable<TemplateModel['modelCall']>>();
    for (const call of index.calls) {
      const path = calleePath(call.callee);
      const arg = call.args[0];
      if (!path || !arg) continue;
      for (const node of builtIn(arg)) {
        const ids = built.get(node)!;
        const guess = modelCallSurfaceOf(path, ids.prefix + ids.retired[0]!.id, registry, hints);
        if (!guess || callOf.has(node)) continue;
        const found = modelCallProvider(call, guess);
        callOf.set(node, { callee: path, surface: found.kind === 'known' ? found.surface : guess, provider: found });
      }
    }
    for (const [node, ids] of built) {
      const request = requestOf.get(node) ?? null;
      templateModels.push({ range: node.range, ids, request, modelCall: request ? null : (callOf.get(node) ?? null) });
    }
    templateModels.sort((a, b) => a.range[0] - b.range[0]);
  }

  // tools the Responses requests of the file do not hold as written: a helper builds and returns them
  const openaiResponses = responsesRequests.some(({ provider: found }) => found.kind === 'known' && found.surface !== 'azure');
  const looseTools = openaiResponses
    ? index.objects.flatMap((object) => {
        if (requests.has(object) || excluded.has(object) || propertyOf(object, 'model')) return [];
        const type = propertyOf(object, responsesTool.typeKey);
        if (type?.value.kind !== 'string' || type.value.value !== responsesTool.typeValue) return [];
        // a helper's result only (`return { type: ... }`, or a name holding it that is returned): not a tool_choice,
        // an allowed_tools entry or another vendor's list, which name the type too
        return returnedByHelper(object, index) ? [{ object, setLater: modelSetLater(object, text) }] : [];
      })
    : [];

  const imageDeploymentHeaders = index.objects.flatMap((object) =>
    object.properties.flatMap((p) => (p.kind === 'property' && p.key !== null && azureSignals.imageDeploymentHeader.test(p.key) ? [index.resolveModel(p.value).value] : [])),
  );

  return {
    surfaceHint,
    requests: [...requests.values()],
    forms,
    occurrences,
    urlReads: index.urlReads,
    b64Results: b64Results([...requests.values(), ...forms.map((form) => ({ call: form.send?.call ?? null }))], index),
    notMigratable: blockedCalls,
    removedImports,
    assertsRequestWithoutModel,
    templateModels,
    imageDeploymentHeaders,
    looseTools,
  };
}

/**
 * Strings built at run time whose constant head names a retired family, with
 * the ids they can take: templates (JS, Python f-strings), `+` chains that
 * start with a string, Python's `"..." % args` and `"...".format(args)`.
 */
function builtIds(index: TreeIndex): Map<Node, TemplateIds> {
  const out = new Map<Node, TemplateIds>();
  const add = (node: Node, parts: readonly string[] | null) => {
    const ids = parts ? idsOfTemplate(parts) : null;
    if (ids) out.set(node, ids);
  };
  for (const template of index.templates) add(template, template.quasis);
  for (const call of index.calls) {
    // "dall-e-{}".format(n): the braces are the gaps (`{{` is a brace)
    if (call.callee.kind === 'member' && call.callee.property === 'format' && call.callee.object.kind === 'string') add(call, formatParts(call.callee.object.value, /\{\{|\}\}|\{[^{}]*\}/g));
  }
  for (const binary of index.binaries) {
    if (binary.operator === '%' && binary.left.kind === 'string') {
      // "dall-e-%d" % n: printf-style conversions are the gaps (`%%` is a percent sign)
      add(binary, formatParts(binary.left.value, /%%|%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa]/g));
      continue;
    }
    if (binary.operator !== '+' || (binary.parent?.kind === 'binary' && binary.parent.operator === '+')) continue;
    // 'dall-e-' + n: the top of a chain whose first operand is a string that is not itself an id (that one is reported as it is)
    let leftmost: Node = binary;
    while (leftmost.kind === 'binary' && leftmost.operator === '+') leftmost = leftmost.left;
    if (leftmost.kind !== 'string') continue;
    const operands: Node[] = [];
    const flatten = (node: Node): void => {
      if (node.kind === 'binary' && node.operator === '+') {
        flatten(node.left);
        flatten(node.right);
      } else operands.push(node);
    };
    flatten(binary);
    const first = operands[0]!;
    if (first.kind !== 'string' || matchRetiredId(first.value)) continue;
    const parts: string[] = [''];
    for (const operand of operands) {
      if (operand.kind === 'string') parts[parts.length - 1] += operand.value;
      else parts.push('');
    }
    add(binary, parts);
  }
  return out;
}

/** The constant pieces of a format string around its conversions (`escape` matches both; a doubled character is itself). */
function formatParts(format: string, conversions: RegExp): string[] {
  const parts: string[] = [''];
  let at = 0;
  for (const found of format.matchAll(conversions)) {
    parts[parts.length - 1] += format.slice(at, found.index);
    if (found[0] === '{{' || found[0] === '}}' || found[0] === '%%') parts[parts.length - 1] += found[0][0];
    else parts.push('');
    at = found.index + found[0].length;
  }
  parts[parts.length - 1] += format.slice(at);
  return parts;
}

const absent: ModelValue = { value: null, literal: null, source: 'absent' };

interface ContextTools {
  requestOfModelValue(node: Node): ImageRequest | null;
  requestsOfModelCall(call: CallNode): ImageRequest[];
  modelCallProvider(call: CallNode, guess: SurfaceId): Provider;
  forms: readonly FormRequest[];
  excluded: ReadonlyMap<ObjectNode, { what: string; why: string }>;
  records: ReadonlyMap<ObjectNode, string>;
  registry: Readonly<Record<string, Surface>>;
  hints: readonly SurfaceId[];
}

function contextOf(literal: StringNode, index: TreeIndex, tools: ContextTools): OccurrenceContext {
  if (literal.isType) {
    let union: Node | null = literal.parent;
    while (union && union.kind !== 'type') union = union.parent;
    return { kind: 'type', union: union ? union.range : null };
  }
  const { node, viaFallback } = climbValue(literal);
  const parent = node.parent;
  if (!parent) return { kind: 'other', detail: 'statement' };
  switch (parent.kind) {
    case 'property': {
      const owner = parent.parent?.kind === 'object' ? parent.parent : null;
      const blocked = owner ? tools.excluded.get(owner) : undefined;
      if (blocked) return { kind: 'not-migratable', what: blocked.what, why: blocked.why };
      const request = tools.requestOfModelValue(node);
      if (request) {
        // an Azure deployment by its spelling (LiteLLM's `azure/<deployment>`) or by the request's surface
        const azureSpelled = matchRetiredId(literal.value)?.surface === 'azure';
        return azureSpelled || tools.registry[request.surface]?.deploymentNames ? { kind: 'deployment', where: 'request' } : { kind: 'request-model', request };
      }
      if (parent.key !== null && DEPLOYMENT_KEY.test(parent.key) && tools.hints.includes('azure')) return { kind: 'deployment', where: 'client' };
      const viaMembers = owner ? index.memberRefs(owner, parent.key).map((member) => useOf(member, tools)) : [];
      const feeds = viaMembers.flatMap((use) => (use.request ? [use.request] : []));
      if (feeds.length > 0) return { kind: 'constant', name: `${index.nameOf(owner!) ?? 'object'}.${parent.key}`, exported: false, feeds, compared: 0, viaFallback };
      const record = owner ? tools.records.get(owner) : undefined;
      if (record !== undefined && parent.key !== null) return { kind: 'record', key: parent.key, why: record };
      if (parent.key !== null && MODEL_KEY.test(parent.key)) {
        return { kind: 'setting', key: parent.key, inList: owner ? isInList(owner) : false };
      }
      const field = owner && parent.key !== null ? djangoField(owner, parent.key, index) : null;
      if (field) return { kind: 'model-field', field, key: parent.key! };
      return { kind: 'other', detail: `value of '${parent.key ?? '[computed]'}'` };
    }
    case 'variable': {
      const uses = index.referencesTo(parent).map((ref) => useOf(ref, tools));
      return {
        kind: 'constant',
        name: parent.name,
        exported: parent.exported,
        feeds: uses.flatMap((use) => (use.request ? [use.request] : [])),
        compared: uses.filter((use) => use.compared).length,
        viaFallback,
      };
    }
    case 'default': {
      const uses = index.referencesToDefault(parent).map((ref) => useOf(ref, tools));
      return { kind: 'default', name: parent.name, feeds: uses.flatMap((use) => (use.request ? [use.request] : [])) };
    }
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
      const path = memberPath(parent.callee) ?? '';
      if (parent.args[0] === node) {
        const guess = modelCallSurface(path, node, index, tools.registry, tools.hints);
        if (guess) {
          const provider = tools.modelCallProvider(parent, guess);
          const surface = provider.kind === 'known' ? provider.surface : guess;
          if (tools.registry[surface]?.deploymentNames) return { kind: 'deployment', where: 'model-call' };
          return { kind: 'model-call', surface, callee: path, provider, requests: tools.requestsOfModelCall(parent) };
        }
      }
      const form = tools.forms.find((f) => f.fields.some((field) => field.call === parent && field.key === 'model' && field.value === node));
      if (form) return { kind: 'form-field', form };
      return { kind: 'other', detail: `argument of ${path || 'a call'}()` };
    }
    case 'array': {
      const container = parent.parent;
      if (container?.kind === 'member' && container.property !== null && STRING_METHODS.has(container.property)) {
        return { kind: 'comparison', form: 'membership', method: container.property };
      }
      if (container?.kind === 'binary' && MEMBERSHIP_OPERATORS.has(container.operator) && container.right === parent) {
        return { kind: 'comparison', form: 'membership', method: container.operator };
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

const ASSERTION_ROOTS = new Set(['expect', 'assert', 'should', 'expectTypeOf', 'assertType']);
const ASSERTION_METHODS =
  /^(?:to[A-Z]\w*|assert_\w+|assert[A-Z]\w*|deepEqual|deepStrictEqual|strictEqual|notStrictEqual|equal|notEqual|is|not|same|like|match|throws|rejects|ok|calledWith|calledOnceWith|calledWithMatch|include|includes|eql)$/;
/** Matchers an extra key breaks: exact comparisons of the whole value. */
const EXACT_MATCHERS = /^(?:toEqual|toStrictEqual|toHaveBeenCalledWith|toHaveBeenLastCalledWith|toHaveBeenNthCalledWith|toBeCalledWith|deepEqual|deepStrictEqual|calledWith|calledOnceWith|eql|same|assert_called_with|assert_called_once_with|assertEqual|assertDictEqual)$/;
/** Python's mock and unittest assertions, on any receiver (`client.images.generate.assert_called_once_with(...)`, `self.assertEqual(...)`). */
const RECEIVER_ASSERTIONS = /^(?:assert_\w+|assert[A-Z]\w*)$/;

/** The root identifier of a call chain: `expect` in `expect(x).not.toEqual(y)`. */
function chainRoot(node: Node): string | null {
  let current: Node = node;
  for (;;) {
    if (current.kind === 'member') current = current.object;
    else if (current.kind === 'call') current = current.callee;
    else return current.kind === 'identifier' ? current.name : null;
  }
}

/** A call that asserts: a matcher chain of `expect(...)`, `assert.*(...)`, `t.deepEqual(...)`. */
function assertionCall(call: CallNode): string | null {
  const root = chainRoot(call.callee);
  const method = call.callee.kind === 'member' ? call.callee.property : null;
  if (root && ASSERTION_ROOTS.has(root)) return method ?? root;
  if (method && ASSERTION_METHODS.test(method) && (root === 't' || root === 'assert' || chainRoot(call.callee) === 'expect')) return method;
  if (method && RECEIVER_ASSERTIONS.test(method)) return method;
  return null;
}

/** Whether a node sits inside an assertion's arguments (or is the value under `expect(...)`). */
export function inAssertion(node: Node): boolean {
  for (let current: Node | null = node.parent; current; current = current.parent) {
    if (current.kind === 'call' && assertionCall(current)) return true;
  }
  return false;
}

/** An object compared exactly by an assertion (`toHaveBeenCalledWith({ prompt })`), not through `expect.objectContaining`. */
function exactAssertion(object: ObjectNode): boolean {
  for (let current: Node | null = object.parent; current; current = current.parent) {
    if (current.kind !== 'call') continue;
    const path = memberPath(current.callee) ?? '';
    if (/\b(?:objectContaining|partial|match|like)$/i.test(path)) return false;
    const method = assertionCall(current);
    if (method) return EXACT_MATCHERS.test(method);
  }
  return false;
}

/**
 * What else holds a literal's value: environment variables it is the default
 * of (`process.env.NAME ?? 'id'`, `NAME: z.string().default('id')`), and the
 * exported constant it is (`export const IMAGE_MODEL = 'id'`, `export const
 * MODELS = { IMAGE: 'id' }`), which other modules may send.
 */
function literalBindings(literal: StringNode, index: TreeIndex, fileName: string | null): string[] | undefined {
  const out: string[] = [];
  let node: Node = literal;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.kind === 'binary' && FALLBACK_OPERATORS.has(parent.operator) && parent.right === node) {
      for (const name of envReadsIn(parent.left)) out.push(`env:${name}`);
    } else if (parent.kind === 'conditional' && parent.test !== node) {
      // passes the value on
    } else break;
  }
  const parent = node.parent;
  if (parent?.kind === 'call' && parent.args[0] === node && parent.callee.kind === 'member' && parent.callee.property === 'default') {
    // `IMAGE_MODEL: z.string().default('gpt-image-1')` in an env schema
    for (let up: Node | null = parent.parent; up; up = up.parent) {
      if (up.kind === 'property') {
        if (up.key && /^[A-Z][A-Z0-9_]*$/.test(up.key)) out.push(`env:${up.key}`);
        break;
      }
      if (up.kind !== 'call' && up.kind !== 'member') break;
    }
  }
  if (fileName) {
    if (parent?.kind === 'variable' && parent.exported) out.push(`const:${fileName}#${parent.name}`);
    if (parent?.kind === 'property' && parent.key !== null && parent.parent?.kind === 'object') {
      const owner = parent.parent.parent;
      if (owner?.kind === 'variable' && owner.exported && owner.init === parent.parent) out.push(`const:${fileName}#${owner.name}.${parent.key}`);
      // `module.exports = { IMAGE_MODEL: 'id' }`, `export default { ... }`
      if (owner?.kind === 'export' && owner.value === parent.parent) out.push(`const:${fileName}#${owner.exported === '*' ? '' : `${owner.exported}.`}${parent.key}`);
    }
    if (parent?.kind === 'export' && parent.value === node) out.push(`const:${fileName}#${parent.exported}`);
  }
  void index;
  return out.length > 0 ? [...new Set(out)] : undefined;
}

const PROVIDER_URL: readonly { pattern: RegExp; surface: 'fal' | 'replicate' }[] = [
  { pattern: /^https:\/\/(?<queue>queue\.)?fal\.run\/(?<model>[\w.-]+\/[\w.-]+(?:\/[\w.-]+)?)(?=$|[/?#])/, surface: 'fal' },
  { pattern: /^https:\/\/api\.replicate\.com\/v1\/models\/(?<model>[\w.-]+\/[\w.-]+)\/predictions(?=$|[/?#])/, surface: 'replicate' },
];

/** The retired model a provider's REST URL names, with where it starts in the URL. */
function modelInProviderUrl(url: string): { match: RetiredIdMatch; index: number; surface: 'fal' | 'replicate'; queue: boolean } | null {
  for (const { pattern, surface } of PROVIDER_URL) {
    const found = pattern.exec(url);
    const model = found?.groups?.model;
    const match = model ? matchRetiredId(model) : null;
    if (found && model && match && (match.surface ?? surface) === surface) return { match, index: url.indexOf(model, found.index), surface, queue: Boolean(found.groups!.queue) };
  }
  return null;
}

/** The call a URL is the first argument of: directly, or through a `const` of this file. */
function urlSender(node: Node, index: TreeIndex): CallNode | null {
  const parent = node.parent;
  if (parent?.kind === 'call' && parent.args[0] === node) return parent;
  if (parent?.kind !== 'variable' || parent.init !== node) return null;
  return index.calls.find((call) => call.args[0]?.kind === 'identifier' && call.args[0].name === parent.name) ?? null;
}

/** Ids inside Azure URLs: `https://x.openai.azure.com/openai/deployments/gpt-image-1/images/...`. */
function deploymentsIn(range: Range, text: string): IdOccurrence[] {
  const out: IdOccurrence[] = [];
  const slice = text.slice(range[0], range[1]);
  for (const found of slice.matchAll(DEPLOYMENT_IN_URL)) {
    const match = matchRetiredId(found[1]);
    if (!match) continue;
    const start = range[0] + found.index + '/deployments/'.length;
    out.push({ match, range: [start, start + found[1].length], idRange: [start, start + found[1].length], context: { kind: 'deployment', where: 'url' } });
  }
  return out;
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

function useOf(ref: Node, tools: Pick<ContextTools, 'requestOfModelValue' | 'requestsOfModelCall'>): { request: ImageRequest | null; compared: boolean } {
  const { node } = climbValue(ref);
  const parent = node.parent;
  let request = tools.requestOfModelValue(node);
  if (!request && parent?.kind === 'call' && parent.args[0] === node) request = tools.requestsOfModelCall(parent)[0] ?? null;
  const compared =
    (parent?.kind === 'binary' && COMPARISON_OPERATORS.has(parent.operator)) ||
    parent?.kind === 'case' ||
    (parent?.kind === 'call' && parent.callee.kind === 'member' && STRING_METHODS.has(parent.callee.property ?? ''));
  return { request, compared };
}

/**
 * Methods that write a record: a database client's (`supabase.from('images').insert(row)`,
 * Mongo's `insertOne`, an ORM's `save`/`upsert`). An object shaped like an image request
 * that reaches one, sent to no known provider, is a row, not a request.
 */
const RECORD_WRITES = new Set(['insert', 'insertOne', 'insertMany', 'upsert', 'update', 'updateOne', 'updateMany', 'save', 'bulkCreate', 'createMany']);
/** Keys only a result or a stored record has, never an image request: the response's fields and a record's timestamps. */
const RESULT_KEYS = /^(?:revised_?prompt|b64_?json|created_?at|generated_?at|thumbnail_?url|generation_?time(?:_?ms)?)$/i;

/**
 * Why a request-shaped object that no known provider receives is a record (stored
 * data, a generated image's metadata), or null: it carries a key only a result has,
 * or it is written by a record-writing method, as the argument or inside it
 * (`insert({ ..., metadata: { model, size, quality } })`).
 */
function recordEvidence(object: ObjectNode): string | null {
  const resultKey = object.properties.find((p): p is PropertyNode => p.kind === 'property' && p.key !== null && RESULT_KEYS.test(p.key));
  if (resultKey) return `it has '${resultKey.key}', which only a result or a stored record has`;
  let node: Node = climbValue(object).node;
  for (let depth = 0; depth < 4; depth++) {
    const parent = node.parent;
    if (parent?.kind === 'call') {
      const method = parent.callee.kind === 'member' ? parent.callee.property : null;
      return parent.args.includes(node) && method !== null && RECORD_WRITES.has(method) ? `it is written by .${method}()` : null;
    }
    if (parent?.kind !== 'property' || parent.value !== node || parent.parent?.kind !== 'object') return null;
    node = climbValue(parent.parent).node;
  }
  return null;
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

/**
 * `models.CharField(default=...)` (or `CharField` imported from
 * `django.db.models`): the field, when `key` is its default and the call is a
 * field of Django's models.
 */
function djangoField(owner: ObjectNode, key: string, index: TreeIndex): string | null {
  if (owner.spelling !== 'keywords' || (key !== 'default' && key !== 'db_default') || owner.parent?.kind !== 'call') return null;
  const path = memberPath(owner.parent.callee);
  const segments = path?.split('.') ?? [];
  if (!path || !/Field$/.test(segments[segments.length - 1]!)) return null;
  const binding = index.importBindings.get(segments[0]!);
  const django = segments.length === 2 ? binding?.source === 'django/db' && binding.imported === 'models' : segments.length === 1 && binding?.source === 'django/db/models';
  return django ? path : null;
}

/**
 * The argument list of a call that has none (`()`, or `<T>()`, `?.()`), as an
 * empty object over that text: the options a request with no entries has.
 * It is no node of the tree, so nothing that walks the tree meets it.
 */
function argumentList(call: CallNode): ObjectNode {
  return { kind: 'object', range: [call.callee.range[1], call.range[1]], properties: [], children: [], parent: call };
}

/** The quote character of the file's first quoted import specifier (`from 'openai'`, `require("openai")`), if any. */
function importQuote(imports: readonly ImportNode[], text: string): string | null {
  for (const node of imports) {
    const written = text.slice(node.range[0], node.range[1]);
    const at = written.lastIndexOf(node.source);
    const q = written[at - 1];
    if (at > 0 && (q === "'" || q === '"') && written[at + node.source.length] === q) return q;
  }
  return null;
}

/** `providerOptions.openai` → the nested object literal, if written statically. */
/** Surfaces the file's text points at (hosts first, then markers), most specific first. */
function fileHints(text: string, registry: Readonly<Record<string, Surface>>): SurfaceId[] {
  const hints: SurfaceId[] = [];
  for (const surface of Object.values(registry)) if (surface.hosts.some((host) => text.includes(host))) hints.push(surface.id);
  for (const surface of Object.values(registry)) {
    if (!hints.includes(surface.id) && surface.markers.some((marker) => marker.test(text))) hints.push(surface.id);
  }
  return hints;
}

function surfaceByCall(path: string, registry: Readonly<Record<string, Surface>>, field: 'requestCalls' | 'modelCalls'): SurfaceId | null {
  for (const surface of Object.values(registry)) {
    if (surface[field].some((call) => path === call || path.endsWith(`.${call}`))) return surface.id;
  }
  return null;
}

/**
 * The surface of a call whose first argument is a model id, or null: the
 * argument must resolve to an image model id, so `queue.run('job')` is not one.
 */
function modelCallSurface(path: string, arg: Node, index: TreeIndex, registry: Readonly<Record<string, Surface>>, hints: readonly SurfaceId[]): SurfaceId | null {
  const value = index.resolveModel(arg).value;
  return value === null ? null : modelCallSurfaceOf(path, value, registry, hints);
}

/** The surface of a model call by the id it is given. */
function modelCallSurfaceOf(path: string, value: string, registry: Readonly<Record<string, Surface>>, hints: readonly SurfaceId[]): SurfaceId | null {
  const method = path.split('.').pop() ?? '';
  const candidates = Object.values(registry).filter((s) => s.modelCalls.some((call) => path === call || path.endsWith(`.${call}`) || call === method));
  if (candidates.length === 0) return null;
  const match = matchRetiredId(value);
  if (!match && !isCurrentId(value) && !isCurrentEndpoint(value)) return null;
  if (match?.surface) return match.surface;
  const prefixed = value.includes('/');
  const fitting = candidates.filter((s) => (s.idPrefix !== '') === prefixed || s.id === 'fal');
  const hinted = fitting.find((s) => hints.includes(s.id)) ?? (hints.includes('azure') && !prefixed ? registry.azure : undefined);
  if (hinted) return hinted.id;
  if (prefixed) return fitting.find((s) => s.id !== 'fal')?.id ?? 'gateway';
  return fitting[0]?.id ?? null;
}

/** The surface of a request recognised by its shape: the file's hint, else the shape, else the id's spelling. */
function surfaceForRequest(id: string, request: ObjectNode, hints: readonly SurfaceId[], registry: Readonly<Record<string, Surface>>): SurfaceId {
  const match = matchRetiredId(id);
  if (match?.surface) return match.surface;
  const prefix = match?.prefix ?? (id.includes('/') ? id.slice(0, id.indexOf('/') + 1) : '');
  if (id === 'gpt-image-2-origin') return 'uniall';
  for (const hint of hints) {
    const surface = registry[hint];
    if (surface && surface.idPrefix === prefix && surface.family !== 'none' && !surface.deploymentNames) return hint;
  }
  for (const surface of Object.values(registry)) {
    if (surface.idPrefix === prefix && surface.shapeKeys.length > 0 && surface.shapeKeys.every((key) => propertyOf(request, key))) return surface.id;
  }
  if (hints.includes('azure') && !prefix) return 'azure';
  return prefix ? 'gateway' : 'openai';
}

/** What a form is held by: its path as written, and the variable a name resolves to at that place (null: a member path, `this.form`). */
interface FormReceiver {
  readonly path: string;
  readonly variable: VariableNode | null;
}

function receiverOf(node: Node, index: TreeIndex): FormReceiver | null {
  const path = memberPath(node);
  if (!path) return null;
  return { path, variable: node.kind === 'identifier' ? index.variableOf(node) : null };
}

/** The same form: the same declared variable, or the same path where neither is a declared name. */
function sameReceiver(a: FormReceiver | null, b: FormReceiver): boolean {
  if (!a || a.path !== b.path) return false;
  return a.variable === b.variable;
}

/** `form.append('model', id)` and its sibling fields, grouped by the form they are appended to. */
function collectForms(
  index: TreeIndex,
  hints: readonly SurfaceId[],
  sendOf: (receiver: FormReceiver) => { provider: Provider; send: { call: CallNode; url: string } | null },
): FormRequest[] {
  const byReceiver: { receiver: FormReceiver; fields: { key: string; call: CallNode; value: Node }[] }[] = [];
  for (const call of index.calls) {
    if (call.callee.kind !== 'member' || (call.callee.property !== 'append' && call.callee.property !== 'set')) continue;
    const receiver = receiverOf(call.callee.object, index);
    const key = call.args[0] ? staticText(call.args[0]) : null;
    if (!receiver || key === null || !call.args[1]) continue;
    let group = byReceiver.find((g) => sameReceiver(receiver, g.receiver));
    if (!group) byReceiver.push((group = { receiver, fields: [] }));
    group.fields.push({ key, call, value: call.args[1] });
  }
  const forms: FormRequest[] = [];
  for (const { receiver, fields } of byReceiver) {
    const modelField = fields.find((f) => f.key === 'model');
    if (!modelField) continue;
    const model = index.resolveModel(modelField.value);
    if (model.value === null || !namesImageModel(model.value)) continue;
    const { provider, send } = sendOf(receiver);
    const surface = provider.kind === 'known' ? (provider.surface === 'openai-http' && hints.includes('azure') ? 'azure' : provider.surface) : 'unknown';
    const notMigratable = send ? (Object.entries(notMigratablePaths).find(([p]) => send.url.includes(p))?.[1] ?? null) : null;
    forms.push({ surface, provider, receiver: receiver.path, fields, model, send, notMigratable });
  }
  return forms;
}

/**
 * Every retired spelling as it may appear in a regex source (a dot may be
 * escaped, `/` may be escaped), longest first: built from the catalog, never
 * a second list of ids.
 */
const idInRegexSource = new RegExp(
  [...retiredSpellings]
    .sort((a, b) => b.length - a.length)
    .map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\./g, '\\\\?\\.').replace(/\//g, '\\\\?\\/'))
    .join('|'),
  'g',
);

/** Finds a retired id inside a regex source, as a whole id (`gpt-image-1` in `/^gpt-image-1$/`, not in `/gpt-image-1\.5/`). */
function idInPattern(pattern: string): { match: RetiredIdMatch; index: number } | null {
  for (const found of pattern.matchAll(idInRegexSource)) {
    const spelled = found[0].replace(/\\([./])/g, '$1');
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
  readonly templates: readonly Extract<Node, { kind: 'template' }>[];
  readonly stringKeys: readonly PropertyNode[];
  readonly regexes: readonly { range: Range; pattern: string }[];
  readonly calls: readonly CallNode[];
  readonly binaries: readonly Extract<Node, { kind: 'binary' }>[];
  readonly objects: readonly ObjectNode[];
  readonly imports: readonly ImportNode[];
  readonly importBindings: ReadonlyMap<string, { readonly source: string; readonly imported: string }>;
  readonly urlReads: readonly MemberNode[];
  variableOf(identifier: IdentifierNode): VariableNode | null;
  referencesTo(variable: VariableNode): IdentifierNode[];
  /** The destructuring or parameter default an identifier reads (`{ model = 'x' }` … `{ model }`), when no variable declares it. */
  defaultOf(identifier: IdentifierNode): DefaultNode | null;
  referencesToDefault(node: DefaultNode): IdentifierNode[];
  /** `X.key` reads of an object literal bound to a constant `X` (an `as const` map, an enum). */
  memberRefs(object: ObjectNode, key: string | null): MemberNode[];
  nameOf(object: ObjectNode): string | null;
  resolveModel(node: Node): ModelValue;
  staticUrl(node: Node): string | null;
}

/** One walk over the tree collects everything the view needs. */
function indexTree(root: Node, context: FileContext): TreeIndex {
  const strings: StringNode[] = [];
  const templates: Extract<Node, { kind: 'template' }>[] = [];
  const stringKeys: PropertyNode[] = [];
  const regexes: { range: Range; pattern: string }[] = [];
  const calls: CallNode[] = [];
  const binaries: Extract<Node, { kind: 'binary' }>[] = [];
  const objects: ObjectNode[] = [];
  const imports: ImportNode[] = [];
  const members: MemberNode[] = [];
  const variables = new Map<string, VariableNode[]>();
  const defaults = new Map<string, DefaultNode[]>();
  const identifiers = new Map<string, IdentifierNode[]>();

  walk(root, (node) => {
    switch (node.kind) {
      case 'string':
        strings.push(node);
        break;
      case 'template':
        templates.push(node);
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
      case 'binary':
        binaries.push(node);
        break;
      case 'object':
        objects.push(node);
        break;
      case 'import':
        imports.push(node);
        break;
      case 'member':
        members.push(node);
        break;
      case 'default': {
        if (node.name === null) break;
        const list = defaults.get(node.name) ?? [];
        list.push(node);
        defaults.set(node.name, list);
        break;
      }
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

  const importedNames = new Map<string, { source: string; imported: string }>();
  for (const node of imports) for (const binding of node.bindings) importedNames.set(binding.local, { source: node.source, imported: binding.imported });

  const variableOf = (identifier: IdentifierNode): VariableNode | null => {
    const all = variables.get(identifier.name);
    if (!all) return null;
    // a parameter is seen only inside its function, and there it shadows everything outside: the innermost wins
    const within = (scope: Range) => scope[0] <= identifier.range[0] && identifier.range[1] <= scope[1];
    const scoped = all.filter((candidate) => candidate.scope && within(candidate.scope));
    if (scoped.length > 0) return scoped.reduce((a, b) => (b.scope![1] - b.scope![0] < a.scope![1] - a.scope![0] ? b : a));
    const candidates = all.filter((candidate) => !candidate.scope);
    if (candidates.length === 0) return null;
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

  const defaultOf = (identifier: IdentifierNode): DefaultNode | null => {
    const candidates = defaults.get(identifier.name);
    if (!candidates || variableOf(identifier)) return null;
    // the default of the innermost function around the use: the deepest common ancestor wins
    const ancestors = new Set<Node>();
    for (let node: Node | null = identifier.parent; node; node = node.parent) ancestors.add(node);
    let best: DefaultNode | null = null;
    let bestDepth = -1;
    for (const candidate of candidates) {
      if (candidate.range[0] > identifier.range[0]) continue;
      let depth = 0;
      let common: Node | null = candidate.parent;
      while (common && !ancestors.has(common)) common = common.parent;
      for (let node = common; node; node = node.parent) depth++;
      if (common && depth > bestDepth) {
        best = candidate;
        bestDepth = depth;
      }
    }
    return best;
  };

  const referencesToDefault = (node: DefaultNode): IdentifierNode[] =>
    node.name === null ? [] : (identifiers.get(node.name) ?? []).filter((identifier) => defaultOf(identifier) === node);

  const nameOf = (object: ObjectNode): string | null => (object.parent?.kind === 'variable' && object.parent.init === object ? object.parent.name : null);

  /** Value of an import from another file (`name` may be dotted). */
  const imported = (local: string, rest: string | null): string | null => {
    const binding = importedNames.get(local);
    if (!binding || !context.project || !context.fileName) return null;
    const name = binding.imported === '*' ? rest : rest ? `${binding.imported}.${rest}` : binding.imported;
    return name ? context.project.importedValue(context.fileName, binding.source, name) : null;
  };

  /** `const:FILE#NAME` of an imported binding, when its module resolves. */
  const importKey = (local: string, rest: string | null): string | null => {
    const binding = importedNames.get(local);
    if (!binding || !context.project || !context.fileName) return null;
    const name = binding.imported === '*' ? rest : rest ? `${binding.imported}.${rest}` : binding.imported;
    const origin = name ? context.project.exportOrigin(context.fileName, binding.source, name) : null;
    return origin ? `const:${origin}` : null;
  };

  const withBindings = (value: ModelValue, more: readonly (string | null)[]): ModelValue => {
    const extra = more.filter((b): b is string => b !== null);
    return extra.length === 0 ? value : { ...value, bindings: [...new Set([...(value.bindings ?? []), ...extra])] };
  };

  const resolveModel = (node: Node, depth = 0): ModelValue => {
    if (node.kind === 'string') return { value: node.value, literal: node, source: depth === 0 ? 'literal' : 'constant' };
    if (depth > 4) return { value: null, literal: null, source: 'dynamic' };
    const env = envRead(node);
    if (env) return { value: null, literal: null, source: 'dynamic', bindings: [`env:${env}`] };
    if (node.kind === 'identifier') {
      const variable = variableOf(node);
      if (variable?.init) {
        const resolved = resolveModel(variable.init, depth + 1);
        return resolved.source === 'literal' ? { ...resolved, source: 'constant' } : resolved;
      }
      if (!variable) {
        const fallback = defaultOf(node);
        if (fallback) {
          const resolved = resolveModel(fallback.value, depth + 1);
          return resolved.source === 'literal' ? { ...resolved, source: 'constant' } : resolved;
        }
        const value = imported(node.name, null);
        if (value !== null) return withBindings({ value, literal: null, source: 'imported' }, [importKey(node.name, null)]);
      }
    }
    if (node.kind === 'member' && node.property !== null) {
      // `MODELS.IMAGE` of an `as const` map or an enum, here or imported
      const path = memberPath(node);
      const head = path?.split('.')[0];
      const object = node.object.kind === 'identifier' ? variableOf(node.object)?.init : null;
      if (object?.kind === 'object') {
        const property = propertyOf(object, node.property);
        if (property) {
          const resolved = resolveModel(property.value, depth + 1);
          return resolved.source === 'literal' ? { ...resolved, source: 'constant' } : resolved;
        }
      } else if (path && head && !variables.has(head)) {
        const rest = path.slice(head.length + 1);
        const value = imported(head, rest);
        if (value !== null) return withBindings({ value, literal: null, source: 'imported' }, [importKey(head, rest)]);
      }
    }
    if (node.kind === 'call' && node.callee.kind === 'member' && node.args[0]) {
      // `openai.image('gpt-image-1')`: a model factory's argument is the model
      const inner = resolveModel(node.args[0], depth + 1);
      if (inner.value !== null && namesImageModel(inner.value)) return inner;
    }
    if (node.kind === 'binary' && FALLBACK_OPERATORS.has(node.operator)) {
      const fallback = resolveModel(node.right, depth + 1);
      const reads = envReadsIn(node.left).map((name) => `env:${name}`);
      if (fallback.value !== null) return withBindings({ ...fallback, source: fallback.source === 'imported' ? 'imported' : 'env-default' }, reads);
      if (reads.length > 0) return { value: null, literal: null, source: 'dynamic', bindings: reads };
    }
    return { value: null, literal: null, source: 'dynamic' };
  };

  const memberRefs = (object: ObjectNode, key: string | null): MemberNode[] => {
    const owner = object.parent?.kind === 'variable' && object.parent.init === object ? object.parent : null;
    if (!owner || key === null) return [];
    return referencesTo(owner).flatMap((ref) => {
      const member = ref.parent;
      return member?.kind === 'member' && member.object === ref && member.property === key ? [member] : [];
    });
  };

  const staticUrl = (node: Node, depth = 0): string | null => {
    const text = node.kind === 'template' ? null : staticText(node);
    if (text !== null) return text;
    if (depth > 4) return null;
    if (node.kind === 'identifier') {
      const init = variableOf(node)?.init;
      if (init) return staticUrl(init, depth + 1);
      return imported(node.name, null);
    }
    if (node.kind === 'template') {
      return node.quasis.map((quasi, i) => quasi + (i < node.expressions.length ? (staticUrl(node.expressions[i], depth + 1) ?? '${…}') : '')).join('');
    }
    if (node.kind === 'binary' && node.operator === '+') {
      return `${staticUrl(node.left, depth + 1) ?? '${…}'}${staticUrl(node.right, depth + 1) ?? '${…}'}`;
    }
    // `process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1'`: where it points unless configured otherwise
    if (node.kind === 'binary' && FALLBACK_OPERATORS.has(node.operator)) return staticUrl(node.right, depth + 1);
    if (node.kind === 'call' && node.isNew && memberPath(node.callee) === 'URL') {
      const [path, base] = node.args;
      return `${base ? (staticUrl(base, depth + 1) ?? '') : ''}${path ? (staticUrl(path, depth + 1) ?? '') : ''}`;
    }
    return null;
  };

  const urlReads = members.filter((member) => member.property === 'url' && readsImageResult(member.object));

  return { strings, templates, stringKeys, regexes, calls, binaries, objects, imports, importBindings: importedNames, urlReads, variableOf, referencesTo, defaultOf, referencesToDefault, memberRefs, nameOf, resolveModel, staticUrl };
}

function b64Results(requests: Iterable<{ readonly call: CallNode | null }>, index: TreeIndex): ReadonlySet<CallNode> {
  const read = new Set<CallNode>();
  for (const { call } of requests) if (call && readsB64From(call, index)) read.add(call);
  return read;
}

/** The node a wrapper with one child stands for: `await x`, `(x)`, `x!`, `a?.b` (ESTree's chain). */
function unwrapUp(node: Node): Node {
  let at = node;
  while (at.parent && at.parent.kind === 'other' && at.parent.children.length === 1) at = at.parent;
  return at;
}

/**
 * Whether the value `node` stands for (a call's result, or a name that holds
 * it) is read as base64 in this file: a member chain that reaches b64_json
 * (`x.data[0].b64_json`, `x["data"][0]["b64_json"]`), through a body parsed
 * with `.json()` and through names that hold the value or part of it
 * (`const r = await call`, `const body = await res.json()`, `data = r.data`).
 */
function readsB64From(node: Node, index: TreeIndex, depth = 0): boolean {
  let inner = unwrapUp(node);
  for (let at = inner.parent; at?.kind === 'member' && at.object === inner; inner = unwrapUp(at), at = inner.parent) {
    if (at.property === 'b64_json') return true;
  }
  if (depth >= 4) return false;
  if (inner.kind === 'member' && inner.property === 'json' && inner.parent?.kind === 'call' && inner.parent.callee === inner) return readsB64From(inner.parent, index, depth + 1);
  const holder = inner.parent;
  return holder?.kind === 'variable' && holder.init === inner && index.referencesTo(holder).some((ref) => readsB64From(ref, index, depth + 1));
}

/** `result.data[0]`, `data?.[0]`, `response.data.data[0]`: an element of an images API result. */
function readsImageResult(object: Node): boolean {
  if (object.kind !== 'member') return false;
  if (object.property === null || /^\d+$/.test(object.property)) {
    const inner = object.object;
    return (inner.kind === 'member' && inner.property === 'data') || (inner.kind === 'identifier' && inner.name === 'data');
  }
  return false;
}
