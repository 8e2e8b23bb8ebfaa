/**
 * Who a request goes to, as data: the packages, constructors and hosts that
 * positively identify a provider, and those that identify another vendor.
 * The view walks these tables generically (src/analysis/provider.ts); a
 * model is renamed or inserted only when one of them identifies the request
 * as OpenAI's (or a surface the catalog or the user declares). Anything else
 * is reported with the reason and left alone: an `image_generation` tool of
 * xAI's, a request to a gateway the tool does not know, an object in a test.
 */
import type { SurfaceId } from './surfaces.js';

export interface ProviderPackage {
  /** The npm package (an import or require of it, a client it constructs). */
  readonly name: string;
  /** The surface its requests belong to; null for another vendor's package. */
  readonly surface: SurfaceId | null;
  /** The vendor, for messages ("xAI's image_generation tool"). */
  readonly vendor: string;
  /** Exports whose instances are another surface's (`AzureOpenAI` from `openai`). */
  readonly exports?: Readonly<Record<string, SurfaceId>>;
  /** When set, only these exports identify the provider (the `ai` package's `gateway`; its `generateImage` does not). */
  readonly only?: readonly string[];
  /** Modules of the package that are not the vendor's AI API (`google.colab`, Colab's helpers), as specifiers. */
  readonly except?: readonly string[];
}

/** Packages whose clients, factories and tools identify a provider (npm package names, and PyPI module names for Python). */
export const providerPackages: readonly ProviderPackage[] = [
  { name: 'openai', surface: 'openai', vendor: 'OpenAI', exports: { AzureOpenAI: 'azure' } },
  { name: '@azure/openai', surface: 'azure', vendor: 'Azure OpenAI' },
  { name: '@ai-sdk/openai', surface: 'vercel-ai', vendor: 'OpenAI (AI SDK)' },
  { name: '@ai-sdk/azure', surface: 'azure', vendor: 'Azure OpenAI (AI SDK)' },
  { name: '@ai-sdk/gateway', surface: 'gateway', vendor: 'Vercel AI Gateway' },
  { name: 'ai', surface: 'gateway', vendor: 'Vercel AI Gateway', only: ['gateway', 'createGateway'] },
  { name: '@openrouter/ai-sdk-provider', surface: 'gateway', vendor: 'OpenRouter' },
  { name: '@fal-ai/client', surface: 'fal', vendor: 'fal.ai' },
  { name: '@fal-ai/serverless-client', surface: 'fal', vendor: 'fal.ai' },
  { name: 'replicate', surface: 'replicate', vendor: 'Replicate' },
  { name: '@langchain/openai', surface: 'langchain', vendor: 'LangChain (OpenAI)' },
  { name: '@openai/agents', surface: 'responses-tool', vendor: 'OpenAI Agents SDK' },
  { name: '@openai/agents-openai', surface: 'responses-tool', vendor: 'OpenAI Agents SDK' },
  // Python packages (PyPI names; `openai` and `replicate` are spelled the same on both registries)
  { name: 'fal_client', surface: 'fal', vendor: 'fal.ai' },
  { name: 'agents', surface: 'responses-tool', vendor: 'OpenAI Agents SDK', only: ['ImageGenerationTool'] },
  { name: 'litellm', surface: 'litellm', vendor: 'LiteLLM' },
  { name: 'langchain_openai', surface: 'langchain', vendor: 'LangChain (OpenAI)' },
  { name: 'langchain_community', surface: 'langchain', vendor: 'LangChain', only: ['DallEAPIWrapper'] },
  { name: 'xai_sdk', surface: null, vendor: 'xAI' },
  // google.colab (Colab's secrets and drive helpers, common in notebooks and their Markdown exports), google.auth: not Google's AI API
  { name: 'google', surface: null, vendor: 'Google', except: ['google/colab', 'google/auth', 'google/oauth2', 'google/protobuf'] },
  { name: 'together', surface: null, vendor: 'Together AI' },
  { name: 'groq', surface: null, vendor: 'Groq' },
  { name: 'anthropic', surface: null, vendor: 'Anthropic' },
  { name: 'mistralai', surface: null, vendor: 'Mistral' },
  // another vendor's package: its `image_generation` tool or images API is not OpenAI's
  { name: '@ai-sdk/xai', surface: null, vendor: 'xAI' },
  { name: '@langchain/xai', surface: null, vendor: 'xAI' },
  { name: '@ai-sdk/google', surface: null, vendor: 'Google' },
  { name: '@ai-sdk/google-vertex', surface: null, vendor: 'Google Vertex' },
  { name: '@google/genai', surface: null, vendor: 'Google' },
  { name: '@ai-sdk/togetherai', surface: null, vendor: 'Together AI' },
  { name: 'together-ai', surface: null, vendor: 'Together AI' },
  { name: '@ai-sdk/fireworks', surface: null, vendor: 'Fireworks' },
  { name: '@ai-sdk/deepinfra', surface: null, vendor: 'DeepInfra' },
  { name: '@ai-sdk/luma', surface: null, vendor: 'Luma' },
  { name: '@ai-sdk/black-forest-labs', surface: null, vendor: 'Black Forest Labs' },
  { name: 'groq-sdk', surface: null, vendor: 'Groq' },
  { name: '@anthropic-ai/sdk', surface: null, vendor: 'Anthropic' },
  { name: '@mistralai/mistralai', surface: null, vendor: 'Mistral' },
];

/**
 * Packages of the AI SDK whose provider is decided by where it is pointed
 * (`createOpenAICompatible({ baseURL })`): a known host names the surface,
 * any other is reported.
 */
export const pointedPackages: readonly string[] = ['@ai-sdk/openai-compatible'];

/** Hosts of other vendors: a request or client pointed there is not OpenAI's. */
export const foreignHosts: Readonly<Record<string, string>> = {
  'api.x.ai': 'xAI',
  'api.together.xyz': 'Together AI',
  'api.groq.com': 'Groq',
  'generativelanguage.googleapis.com': 'Google',
  'aiplatform.googleapis.com': 'Google Vertex',
  'api.deepinfra.com': 'DeepInfra',
  'api.fireworks.ai': 'Fireworks',
  'api.mistral.ai': 'Mistral',
  'api.anthropic.com': 'Anthropic',
  'api.stability.ai': 'Stability AI',
  'api.bfl.ai': 'Black Forest Labs',
  'api.deepseek.com': 'DeepSeek',
};

/** The package a module specifier names (`@ai-sdk/openai/internal` → `@ai-sdk/openai`), or null for a relative path. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return null;
  const parts = specifier.replace(/^node:/, '').split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export function providerPackage(specifier: string): ProviderPackage | null {
  const name = packageOf(specifier);
  const pkg = name ? (providerPackages.find((p) => p.name === name) ?? null) : null;
  return pkg?.except?.some((module) => specifier === module || specifier.startsWith(`${module}/`)) ? null : pkg;
}

/** Calls on an OpenAI client that send a Responses request (whose `tools` may hold the image tool). */
export const responsesCalls: readonly string[] = ['responses.create', 'responses.stream', 'responses.parse'];

/**
 * Factories of the image generation tool, by the package they come from:
 * `openai.tools.imageGeneration({...})` of `@ai-sdk/openai`, `tools.imageGeneration`
 * of `@langchain/openai`, `imageGenerationTool` of the Agents SDK (`ImageGenerationTool(tool_config=...)` in Python).
 * `acceptsModel`: whether the tool's options take a `model` the fix may insert.
 */
export const toolFactories: readonly { readonly call: string; readonly acceptsModel: boolean; readonly optionsKey?: string }[] = [
  { call: 'tools.imageGeneration', acceptsModel: true },
  { call: 'imageGenerationTool', acceptsModel: true },
  // the Agents SDK for Python: `ImageGenerationTool(tool_config={"type": "image_generation", ...})`, the Responses tool itself
  { call: 'ImageGenerationTool', acceptsModel: true, optionsKey: 'tool_config' },
];

/**
 * Where a package's own types decide which model ids a call accepts, and the
 * first version that accepts the target. `null`: no released version does
 * yet, so the fix would not type-check: report and leave it.
 */
export const typedModelOptions: readonly {
  readonly package: string;
  readonly call: string;
  readonly acceptsFrom: string | null;
  readonly source: string;
}[] = [
  {
    package: '@langchain/openai',
    call: 'tools.imageGeneration',
    acceptsFrom: null,
    source:
      "@langchain/openai 1.5.6 (read 2026-12-02): tools.imageGeneration's `model` is typed \"gpt-image-1\" | \"gpt-image-1-mini\" | \"gpt-image-1.5\" (src/tools/imageGeneration.ts)",
  },
];

/**
 * The header that names the deployment the Responses image tool draws with on
 * Azure: the tool's model there is that deployment, not OpenAI's default.
 */
export const AZURE_IMAGE_DEPLOYMENT_HEADER = 'x-ms-oai-image-generation-deployment';

/**
 * Names that tie a value to Azure OpenAI's configuration (a deployment, an
 * Azure endpoint or API version): a model read from such a name is a
 * deployment name the user chose, never renamed blindly.
 */
export const azureSignals = {
  /** Environment variables and settings: `AZURE_OPENAI_IMAGE_DEPLOYMENT`, `imageDeployment`. */
  names: /azure|deploy/i,
  /** Text that makes a file an Azure client's: the deployment header, the deployments path, an API version. */
  text: [new RegExp(AZURE_IMAGE_DEPLOYMENT_HEADER, 'i'), /\/openai\/deployments\//, /[?&]api-version=/, /\bAZURE_OPENAI_\w+/],
  /** A key that is that header (HTTP header names are case-insensitive). */
  imageDeploymentHeader: new RegExp(`^${AZURE_IMAGE_DEPLOYMENT_HEADER}$`, 'i'),
} as const;
