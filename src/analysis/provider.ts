/**
 * Which provider a request goes to, with the evidence: the one resolver the
 * view asks for every call it considers a request. It follows the callee to
 * its root (`client` in `client.images.generate`, `openai` in
 * `openai.tools.imageGeneration`) and asks what the root is: an import of a
 * provider's package, a client constructed from one (and where it points,
 * `baseURL`), an export of a local module that does either, or, for a client
 * the file cannot trace (a parameter, `this.client`), the provider packages
 * the file imports. The tables are the catalog's (src/catalog/providers.ts).
 *
 * Only `known` lets the planner edit. `foreign` (another vendor's package or
 * host) and `unknown` are reported with `why`.
 */
import {
  foreignHosts,
  packageOf,
  pointedPackages,
  providerPackage,
  surfaceOfUrl,
  type Surface,
  type SurfaceId,
} from '../catalog/index.js';
import path from 'node:path';
import type { ProjectLookup } from '../project/lookup.js';
import { envRead, FALLBACK_OPERATORS, memberPath, staticText, type CallNode, type IdentifierNode, type Node, type VariableNode } from '../syntax/tree.js';

export type Provider =
  | {
      readonly kind: 'known';
      readonly surface: SurfaceId;
      readonly evidence: string;
      readonly package?: string;
      /** Traced through a local module (`import { client } from './openai'`), and whether that module sends image requests itself. */
      readonly via?: 'module';
      readonly sendsImages?: boolean;
    }
  | { readonly kind: 'foreign'; readonly vendor: string; readonly evidence: string }
  | { readonly kind: 'unknown'; readonly why: string };

/** What the resolver needs from the file's index. */
export interface ProviderIndex {
  readonly importBindings: ReadonlyMap<string, { readonly source: string; readonly imported: string }>;
  variableOf(identifier: IdentifierNode): VariableNode | null;
  /** A parameter or destructuring default the identifier reads (`client = new OpenAI()`). */
  defaultOf(identifier: IdentifierNode): { readonly value: Node } | null;
  staticUrl(node: Node): string | null;
}

export interface ProviderContext {
  readonly fileName: string | null;
  readonly project: ProjectLookup | null;
  readonly registry: Readonly<Record<string, Surface>>;
  /** Provider packages the file imports (value or type imports), with their surfaces. */
  readonly filePackages: readonly { readonly name: string; readonly surface: SurfaceId | null; readonly vendor: string }[];
  /** The file carries Azure signals (an AzureOpenAI client, the deployments path, the deployment header). */
  readonly azureFile: boolean;
}

/** The root of a callee chain: `client` in `client.images.generate`, `getClient()` in `getClient().images.edit`. */
export function calleeRoot(callee: Node): Node {
  let node = callee;
  for (;;) {
    if (node.kind === 'member') node = node.object;
    else if (node.kind === 'call' && !node.isNew) node = node.callee;
    else return node;
  }
}

/**
 * The provider of a call, judged by its callee's root. `accepts` are the
 * surfaces this kind of call can belong to (`images.generate`: the OpenAI SDK
 * or Azure); a known provider outside them is not this call's provider.
 */
export function providerOfCall(call: CallNode, accepts: readonly SurfaceId[], index: ProviderIndex, context: ProviderContext): Provider {
  const root = calleeRoot(call.callee);
  const traced = providerOfValue(root, index, context, 0);
  if (traced) return fit(traced, accepts, context);
  return fileFallback(accepts, context, describeRoot(root));
}

/** Narrows a traced provider to what the call accepts; Azure signals refine the OpenAI SDK to Azure. */
function fit(provider: Provider, accepts: readonly SurfaceId[], context: ProviderContext): Provider {
  if (provider.kind !== 'known') return provider;
  let surface = provider.surface;
  if (surface === 'openai' && context.azureFile && accepts.includes('azure')) surface = 'azure';
  // OpenAI's own host or SDK behind a module of the project: the call's own OpenAI surface
  // (the AI SDK's provider source calls api.openai.com; the Agents SDK's tools module imports openai)
  if ((surface === 'openai-http' || surface === 'openai') && !accepts.includes(surface)) {
    const own = accepts.find((s) => s === 'openai' || s === 'vercel-ai' || s === 'responses-tool');
    if (own) surface = own;
  }
  if (accepts.includes(surface)) return { ...provider, surface };
  const label = context.registry[surface]?.label ?? surface;
  return { kind: 'unknown', why: `${provider.evidence}, ${/^[AEIOU]/i.test(label) ? 'an' : 'a'} ${label} client, which does not serve this call` };
}

/** Without a traceable client, the provider packages the file imports decide, when exactly one fits. */
function fileFallback(accepts: readonly SurfaceId[], context: ProviderContext, root: string): Provider {
  const fitting = [...new Set(context.filePackages.filter((p) => p.surface !== null && accepts.includes(p.surface)).map((p) => p.name))];
  const foreign = context.filePackages.filter((p) => p.surface === null);
  // another vendor's package beside it: the untraced client may be either (`self.client = Together()`)
  if (fitting.length === 1 && foreign.length > 0) {
    return { kind: 'unknown', why: `${root} is not traced to a client, and the file imports '${fitting[0]}' and ${foreign.map((p) => `'${p.name}' (${p.vendor})`).join(', ')}: either may make it` };
  }
  if (fitting.length === 1) {
    const pkg = context.filePackages.find((p) => p.name === fitting[0])!;
    let surface = pkg.surface!;
    if (surface === 'openai' && context.azureFile && accepts.includes('azure')) surface = 'azure';
    return { kind: 'known', surface, evidence: `${root} is not traced, but the file imports '${pkg.name}'`, package: pkg.name };
  }
  if (fitting.length === 0 && foreign.length > 0) {
    return { kind: 'unknown', why: `${root} is not traced to a client, and the file imports ${foreign.map((p) => `'${p.name}' (${p.vendor})`).join(', ')}, not OpenAI's SDK` };
  }
  if (fitting.length > 1) return { kind: 'unknown', why: `${root} is not traced to a client, and the file imports several providers (${fitting.join(', ')})` };
  return { kind: 'unknown', why: `${root} is not traced to a client of a known provider (no import of OpenAI's SDK or a provider package in this file)` };
}

function describeRoot(root: Node): string {
  const path = memberPath(root);
  if (path) return `'${path}'`;
  if (root.kind === 'other' && root.children.length === 0) return "'this'";
  return 'the client';
}

/** What a value (a call's root, a variable's initialiser) is, when it can be traced. */
function providerOfValue(node: Node, index: ProviderIndex, context: ProviderContext, depth: number): Provider | null {
  if (depth > 5) return null;
  if (node.kind === 'identifier') {
    const variable = index.variableOf(node);
    if (variable?.init) return providerOfValue(unwrap(variable.init), index, context, depth + 1);
    const fallback = variable ? null : index.defaultOf(node);
    if (fallback) return providerOfValue(unwrap(fallback.value), index, context, depth + 1);
    const binding = index.importBindings.get(node.name);
    if (binding) return providerOfImport(node.name, binding.source, binding.imported, context);
    return null;
  }
  if (node.kind === 'member') return providerOfValue(node.object, index, context, depth + 1);
  if (node.kind === 'call') {
    // `new OpenAI({ baseURL })`, `createOpenAI({ baseURL })`, `createClient('https://…')`: the maker's package, then where it points
    return combine(providerOfValue(calleeRoot(node.callee), index, context, depth + 1), pointedAt(node, index, context));
  }
  return null;
}

/** A client's maker and where it points: the host decides, except that OpenAI's own host keeps the maker's surface. */
function combine(made: Provider | null, pointed: Provider | null): Provider | null {
  if (!pointed) return made;
  if (made === null) return pointed.kind === 'unknown' ? null : pointed;
  if (made.kind === 'foreign' || pointed.kind !== 'known') return made.kind === 'foreign' ? made : pointed;
  if (pointed.surface === 'openai-http') {
    return made.kind === 'known' ? made : { kind: 'known', surface: 'vercel-ai', evidence: `${pointed.evidence.replace(/^it/, 'the provider')}` };
  }
  return pointed;
}

/** `await x`, `(x)`: the value inside. */
function unwrap(node: Node): Node {
  if (node.kind === 'other' && node.children.length === 1 && node.children[0].kind === 'call') return node.children[0];
  return node;
}

function providerOfImport(local: string, source: string, imported: string, context: ProviderContext): Provider | null {
  const pkg = providerPackage(source);
  if (pkg && pkg.only && !pkg.only.includes(imported)) return null;
  if (pkg) {
    if (pkg.surface === null) return { kind: 'foreign', vendor: pkg.vendor, evidence: `'${local}' comes from '${pkg.name}' (${pkg.vendor})` };
    const surface = pkg.exports?.[imported] ?? pkg.surface;
    return { kind: 'known', surface, evidence: `'${local}' comes from '${pkg.name}'`, package: pkg.name };
  }
  const name = packageOf(source);
  if (name && pointedPackages.includes(name)) return { kind: 'unknown', why: `'${local}' comes from '${name}', which serves whatever host its baseURL names, and that is not static here` };
  // a module of the project (relative, a tsconfig alias like `@/lib/openai`, a workspace package): what its export is made of
  if (!context.project || !context.fileName) return null;
  const origin = context.project.moduleOrigin(context.fileName, source);
  if (!origin || origin.file.includes(`${path.sep}node_modules${path.sep}`)) return null;
  const surfaces = [...new Set(origin.packages.map((p) => providerPackage(p)).filter((p) => p !== null))];
  const hostSurfaces = [...new Set(origin.hosts.map((host) => surfaceOfUrl(host, context.registry)).filter((s): s is SurfaceId => s !== null))];
  const foreign = origin.hosts.map((host) => foreignVendor(host)).filter((v): v is string => v !== null);
  if (surfaces.length === 1 && surfaces[0]!.surface !== null && foreign.length === 0) {
    const pkg = surfaces[0]!;
    const surface = hostSurfaces.length === 1 && hostSurfaces[0] !== pkg.surface && pkg.surface === 'openai' ? hostSurfaces[0] : pkg.surface!;
    return { kind: 'known', surface, evidence: `'${local}' comes from ${source}, which uses '${pkg.name}'`, package: pkg.name, via: 'module', sendsImages: origin.sendsImages };
  }
  if (surfaces.length === 0 && hostSurfaces.length === 1 && foreign.length === 0) {
    return { kind: 'known', surface: hostSurfaces[0], evidence: `'${local}' comes from ${source}, which calls ${context.registry[hostSurfaces[0]]?.label ?? hostSurfaces[0]}`, via: 'module', sendsImages: true };
  }
  if (foreign.length > 0 || surfaces.some((p) => p!.surface === null)) {
    const vendor = foreign[0] ?? surfaces.find((p) => p!.surface === null)!.vendor;
    return { kind: 'foreign', vendor, evidence: `'${local}' comes from ${source}, which uses ${vendor}` };
  }
  return null;
}

/**
 * Where a constructed client points: its options' `baseURL` (or `baseUrl`, `endpoint`), when static; when
 * it is an environment variable, where the repository's own configuration points it (`.env`, Compose):
 * an Azure resource, another vendor or a host this tool does not know decides, as a literal would.
 */
function pointedAt(call: CallNode, index: ProviderIndex, context: ProviderContext): Provider | null {
  const options = call.args.find((arg) => arg.kind === 'object');
  if (options?.kind !== 'object') {
    const url = call.args[0] ? staticText(call.args[0]) : null;
    return url && /^https?:\/\//.test(url) ? providerOfUrl(url) : null;
  }
  for (const property of options.properties) {
    if (property.kind !== 'property' || !/^(baseURL|baseUrl|basePath|endpoint|host|base_url|azure_endpoint|api_base)$/.test(property.key ?? '')) continue;
    const url = index.staticUrl(property.value);
    // `process.env.OPENAI_BASE_URL` (no static default): OpenAI's own unless the repository configures it otherwise
    if (url === null || !/^https?:\/\//.test(url)) return configuredAt(property.value, context);
    return providerOfUrl(url);
  }
  return null;
}

/** The provider an environment variable's configured URLs point at, other than OpenAI's own host (null: none, or only OpenAI's). */
function configuredAt(value: Node, context: ProviderContext): Provider | null {
  let read: Node = value;
  // `process.env.X ?? process.env.Y`, `os.getenv("X")`: the first variable read
  while (read.kind === 'binary' && FALLBACK_OPERATORS.has(read.operator)) read = read.left;
  const name = envRead(read);
  if (!name || !context.project || !context.fileName) return null;
  const urls = context.project.envValues(context.fileName, name).filter((v) => /^https?:\/\//.test(v));
  for (const url of urls) {
    const provider = providerOfUrl(url);
    if (provider.kind !== 'known' || provider.surface !== 'openai-http') {
      const says = `the repository's configuration sets ${name} to ${url}`;
      return provider.kind === 'known' ? { ...provider, evidence: says } : provider.kind === 'foreign' ? { ...provider, evidence: `${says} (${provider.vendor})` } : { kind: 'unknown', why: `${says}, a host this tool does not know (declare it as a surface in the config file if it serves OpenAI's models)` };
    }
  }
  return null;
}

function providerOfUrl(url: string): Provider {
  const vendor = foreignVendor(url);
  if (vendor) return { kind: 'foreign', vendor, evidence: `it points at ${url} (${vendor})` };
  const surface = surfaceOfUrl(url);
  if (surface) return { kind: 'known', surface, evidence: `it points at ${url}` };
  return { kind: 'unknown', why: `the client points at ${url}, a host this tool does not know (declare it as a surface in the config file if it serves OpenAI's models)` };
}

export function foreignVendor(url: string): string | null {
  for (const [host, vendor] of Object.entries(foreignHosts)) if (url.includes(host)) return vendor;
  return null;
}
