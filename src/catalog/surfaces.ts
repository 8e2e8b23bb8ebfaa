/**
 * Surfaces: who is called and the shape of the call (docs/catalog.md).
 * Every detection signal is data; the view walks them generically, so a new
 * gateway is a new entry here (or a user-declared one), not new code.
 */

export type BuiltInSurfaceId =
  | 'openai'
  | 'openai-http'
  | 'responses-tool'
  | 'azure'
  | 'vercel-ai'
  | 'fal'
  | 'replicate'
  | 'gateway'
  | 'unifically'
  | 'uniall'
  | 'langchain'
  | 'litellm'
  | 'config'
  | 'docs'
  | 'dependencies'
  | 'unknown';

/** Built-in ids, or `user:<name>` for a surface the user declared. */
export type SurfaceId = BuiltInSurfaceId | `user:${string}`;

export type ShapeFamily = 'openai-shaped' | 'resolution-tier' | 'none';

export interface TierShape {
  /** Accepted `resolution` values, in the surface's own casing. */
  readonly resolutions: readonly string[];
  readonly casing: 'lower' | 'upper';
  /** `size` → `aspect_ratio` (a product decision, docs/catalog.md). */
  readonly sizeToAspectRatio: Readonly<Record<string, string>>;
  readonly aspectRatios: readonly string[];
  /** Sizes that are simply dropped (the surface default applies). */
  readonly dropSizes: readonly string[];
  /** One image per task: `n > 1` cannot be honoured. */
  readonly oneImagePerCall: boolean;
  /** The surface's name for the image count, when it is not `n` (UniAll: `num_images`). */
  readonly countParam: string | null;
}

export interface Surface {
  readonly id: SurfaceId;
  readonly label: string;
  readonly family: ShapeFamily;
  /** How model ids are spelled on this surface (`openai/gpt-image-1`). */
  readonly idPrefix: string;
  /** Hosts whose URLs identify the surface. */
  readonly hosts: readonly string[];
  /** URL path fragments that identify an image request on the surface. */
  readonly paths: readonly string[];
  /** Words in a file (an import, a client name) that make its requests this surface's. */
  readonly markers: readonly RegExp[];
  /** The request body's shape: keys beside `model` that only this surface uses. */
  readonly shapeKeys: readonly string[];
  /** Calls whose first argument is the request (`images.generate`, a user's wrapper). */
  readonly requestCalls: readonly string[];
  /** Calls whose first argument is a model id (`openai.image('gpt-image-1')`, `replicate.run(id, { input })`). */
  readonly modelCalls: readonly string[];
  /** Object key under which the request's params live (`{ model, input: {...} }`), if any; `a|b` for alternatives (fal: `input` in JS, `arguments` in Python). */
  readonly paramsKey: string | null;
  /** The model strings are names the user chose (Azure deployments): never renamed blindly. */
  readonly deploymentNames: boolean;
  /** Param values this surface rejects (beyond the model's own policy). */
  readonly rejects: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly tiers?: TierShape;
  /**
   * When set, the only id prefixes under which the surface's spelling of the
   * target is known (LiteLLM: `openai/`); an id spelled otherwise is reported
   * with `why`, never guessed.
   */
  readonly spellings?: { readonly prefixes: readonly string[]; readonly why: string };
  readonly source: string;
}

/** A Python module imported at the start of a line: `import litellm`, `from fal_client import submit`. */
function pythonImport(module: string): RegExp {
  return new RegExp(`^[ \\t]*(?:import\\s+${module}\\b|from\\s+${module}(?:\\.\\w+)*\\s+import\\b)`, 'm');
}

const none = {
  hosts: [],
  paths: [],
  markers: [],
  shapeKeys: [],
  requestCalls: [],
  modelCalls: [],
  paramsKey: null,
  deploymentNames: false,
  rejects: {},
} as const;

export const surfaces: Readonly<Record<BuiltInSurfaceId, Surface>> = {
  openai: {
    ...none,
    id: 'openai',
    label: 'OpenAI SDK',
    family: 'openai-shaped',
    idPrefix: '',
    markers: [/from\s+['"]openai['"]/, /require\(\s*['"]openai['"]\s*\)/, pythonImport('openai')],
    requestCalls: ['images.generate', 'images.edit'],
    source: 'openai npm package types (resources/images.d.ts)',
  },
  'openai-http': {
    ...none,
    id: 'openai-http',
    label: 'OpenAI HTTP API',
    family: 'openai-shaped',
    idPrefix: '',
    hosts: ['api.openai.com'],
    paths: ['/images/generations', '/images/edits'],
    source: 'OpenAI Images API reference',
  },
  'responses-tool': {
    ...none,
    id: 'responses-tool',
    label: 'Responses API image_generation tool',
    family: 'openai-shaped',
    idPrefix: '',
    source: 'OpenAI Responses API, image_generation tool (openai 7.55.0, resources/responses/responses.d.ts)',
  },
  azure: {
    ...none,
    id: 'azure',
    label: 'Azure OpenAI',
    family: 'openai-shaped',
    idPrefix: '',
    hosts: ['.openai.azure.com', '.cognitiveservices.azure.com', '.services.ai.azure.com'],
    paths: ['/openai/deployments/', 'api-version='],
    markers: [/\bAzureOpenAI\b/, /@azure\/openai/, /@ai-sdk\/azure/, /\.openai\.azure\.com/],
    deploymentNames: true,
    source: 'Azure OpenAI: the model is a deployment name you chose' ,
  },
  'vercel-ai': {
    ...none,
    id: 'vercel-ai',
    label: 'Vercel AI SDK',
    family: 'openai-shaped',
    idPrefix: '',
    markers: [/from\s+['"]@ai-sdk\/openai['"]/, /from\s+['"]ai['"]/],
    requestCalls: ['generateImage', 'experimental_generateImage'],
    modelCalls: ['image', 'imageModel'],
    paramsKey: 'providerOptions.openai',
    source: '@ai-sdk/openai >= 3.0.54',
  },
  fal: {
    ...none,
    id: 'fal',
    label: 'fal.ai',
    family: 'openai-shaped',
    idPrefix: '',
    hosts: ['fal.run'],
    // the JS clients, and Python's fal_client (`fal_client.subscribe("fal-ai/...", arguments={...})`)
    markers: [/@fal-ai\/(client|serverless-client)/, pythonImport('fal_client')],
    modelCalls: ['subscribe', 'run', 'submit', 'stream', 'queue.submit', 'subscribe_async', 'run_async', 'submit_async'],
    paramsKey: 'input|arguments',
    source: 'fal.ai model pages',
  },
  replicate: {
    ...none,
    id: 'replicate',
    label: 'Replicate',
    family: 'openai-shaped',
    idPrefix: 'openai/',
    hosts: ['api.replicate.com'],
    markers: [/from\s+['"]replicate['"]/, /require\(\s*['"]replicate['"]\s*\)/, pythonImport('replicate')],
    modelCalls: ['run', 'predictions.create', 'stream', 'async_run'],
    paramsKey: 'input',
    rejects: { background: { transparent: "Replicate's openai/gpt-image-2 accepts background 'auto' or 'opaque' only" } },
    source: "Replicate's openai/gpt-image-2 model page",
  },
  gateway: {
    ...none,
    id: 'gateway',
    label: 'OpenAI-shaped gateway',
    family: 'openai-shaped',
    idPrefix: 'openai/',
    hosts: ['openrouter.ai', 'ai-gateway.vercel.sh'],
    markers: [/openrouter/i, /ai-gateway/i],
    source: 'Vercel AI Gateway, OpenRouter chat and Comfy Router model ids',
  },
  unifically: {
    ...none,
    id: 'unifically',
    label: 'Unifically',
    family: 'resolution-tier',
    idPrefix: 'openai/',
    hosts: ['api.unifically.com'],
    paths: ['/v1/tasks'],
    markers: [/unifically/i],
    shapeKeys: ['input'],
    paramsKey: 'input',
    tiers: {
      resolutions: ['1k', '2k', '4k'],
      casing: 'lower',
      sizeToAspectRatio: { '1024x1024': '1:1', '1536x1024': '3:2', '1024x1536': '2:3' },
      aspectRatios: ['1:1', '2:3', '3:2'],
      dropSizes: ['auto'],
      oneImagePerCall: true,
      countParam: null,
    },
    source: "Unifically's GPT Image 2 guide, May 2026",
  },
  uniall: {
    ...none,
    id: 'uniall',
    label: 'UniAll',
    family: 'resolution-tier',
    idPrefix: '',
    markers: [/uniall/i, /gpt-image-2-origin/],
    tiers: {
      resolutions: ['1K', '2K', '4K'],
      casing: 'upper',
      sizeToAspectRatio: { '1024x1024': '1:1', '1536x1024': '3:2', '1024x1536': '2:3' },
      aspectRatios: ['1:1', '2:3', '3:2'],
      dropSizes: ['auto'],
      oneImagePerCall: false,
      countParam: 'num_images',
    },
    source: "UniAll's GPT Image-2 guide, 2026-05-30",
  },
  langchain: {
    ...none,
    id: 'langchain',
    label: 'LangChain JS',
    family: 'openai-shaped',
    idPrefix: '',
    markers: [/@langchain\/openai/],
    source: '@langchain/openai',
  },
  litellm: {
    ...none,
    id: 'litellm',
    label: 'LiteLLM',
    family: 'openai-shaped',
    idPrefix: '',
    markers: [pythonImport('litellm')],
    requestCalls: ['image_generation', 'aimage_generation', 'image_edit', 'aimage_edit'],
    spellings: {
      prefixes: ['openai/'],
      why: "LiteLLM routes a bare id by the model map of the installed version, and versions released before gpt-image-2 do not list it (BerriAI/litellm#26232): the 'openai/' spelling routes to OpenAI on every version",
    },
    source: 'LiteLLM image_generation docs (docs.litellm.ai/docs/image_generation); OpenAI provider ids are openai/<model>',
  },
  config: { ...none, id: 'config', label: 'Configuration', family: 'none', idPrefix: '', source: 'the lifecycle catalog (docs/catalog.md)' },
  docs: { ...none, id: 'docs', label: 'Documentation', family: 'none', idPrefix: '', source: 'the lifecycle catalog (docs/catalog.md)' },
  dependencies: { ...none, id: 'dependencies', label: 'package.json', family: 'none', idPrefix: '', source: 'package versions (docs/catalog.md)' },
  unknown: { ...none, id: 'unknown', label: 'Code (no recognised call)', family: 'none', idPrefix: '', source: 'the lifecycle catalog (docs/catalog.md)' },
};

/** The Responses API tool object: `{ type: 'image_generation', ... }`. */
export const responsesTool = { typeKey: 'type', typeValue: 'image_generation' } as const;

/**
 * Calls a rename cannot migrate, with the model they use when they name none:
 * LangChain's DallEAPIWrapper (it always sends response_format), and image
 * variations, which only dall-e-2 ever served.
 */
export const notMigratable: Readonly<
  Record<string, { readonly why: string; readonly defaultModel: string; readonly surface: SurfaceId; readonly python?: { readonly why: string; readonly defaultModel: string } }>
> = {
  DallEAPIWrapper: {
    why: "LangChain's DallEAPIWrapper always sends response_format, which gpt-image models reject: replace it with client.images.generate or tools.imageGeneration from @langchain/openai",
    defaultModel: 'dall-e-3',
    surface: 'langchain',
    // langchain_community's wrapper (dalle_image_generator.py): model_name "dall-e-2", quality "standard", and it returns each image's .url
    python: {
      why: "langchain_community's DallEAPIWrapper sends quality 'standard', which gpt-image models reject, and returns each image's url, which they do not send (b64_json only): replace it with OpenAI().images.generate(model='gpt-image-2', ...) and decode b64_json, or bind the image_generation tool to a langchain_openai chat model",
      defaultModel: 'dall-e-2',
    },
  },
  'images.create_variation': {
    why: 'image variations (images.create_variation, /v1/images/variations) were served by dall-e-2 only, and no gpt-image model serves them: rewrite the call as images.edit of the source image with a prompt that asks for a variation',
    defaultModel: 'dall-e-2',
    surface: 'openai',
  },
  // the openai Python package before 1.0: its module API is gone, and its default model with it
  'Image.create': {
    why: "openai.Image.create is the API of the openai Python package before 1.0 (removed in 1.0), and its default model dall-e-2 is shut down: port the call to OpenAI().images.generate(model='gpt-image-2', ...)",
    defaultModel: 'dall-e-2',
    surface: 'openai',
  },
  'Image.create_edit': {
    why: "openai.Image.create_edit is the API of the openai Python package before 1.0 (removed in 1.0), and its default model dall-e-2 is shut down: port the call to OpenAI().images.edit(model='gpt-image-2', ...)",
    defaultModel: 'dall-e-2',
    surface: 'openai',
  },
  'Image.create_variation': {
    why: 'openai.Image.create_variation is the API of the openai Python package before 1.0, and variations were served by dall-e-2 only: no gpt-image model serves them; rewrite the call as OpenAI().images.edit of the source image with a prompt that asks for a variation',
    defaultModel: 'dall-e-2',
    surface: 'openai',
  },
  // their async twins of the same package (`await openai.Image.acreate(...)`), ported to AsyncOpenAI()
  'Image.acreate': {
    why: "openai.Image.acreate is the async API of the openai Python package before 1.0 (removed in 1.0), and its default model dall-e-2 is shut down: port the call to await AsyncOpenAI().images.generate(model='gpt-image-2', ...)",
    defaultModel: 'dall-e-2',
    surface: 'openai',
  },
  'Image.acreate_edit': {
    why: "openai.Image.acreate_edit is the async API of the openai Python package before 1.0 (removed in 1.0), and its default model dall-e-2 is shut down: port the call to await AsyncOpenAI().images.edit(model='gpt-image-2', ...)",
    defaultModel: 'dall-e-2',
    surface: 'openai',
  },
  'Image.acreate_variation': {
    why: 'openai.Image.acreate_variation is the async API of the openai Python package before 1.0, and variations were served by dall-e-2 only: no gpt-image model serves them; rewrite the call as await AsyncOpenAI().images.edit of the source image with a prompt that asks for a variation',
    defaultModel: 'dall-e-2',
    surface: 'openai',
  },
  // the openai v3 SDK (`new OpenAIApi(configuration)`, replaced in v4): its edit and variation methods take positional params, no model
  createImageEdit: {
    why: "openai.createImageEdit is the API of the openai v3 SDK (OpenAIApi, replaced in v4), whose positional params name no model, so the edit uses dall-e-2: port the call to client.images.edit({ model: 'gpt-image-2', image, prompt }) of openai v4 or later, and read the result as b64_json",
    defaultModel: 'dall-e-2',
    surface: 'openai',
  },
  createImageVariation: {
    why: 'openai.createImageVariation is the API of the openai v3 SDK (OpenAIApi, replaced in v4), and variations were served by dall-e-2 only: no gpt-image model serves them; rewrite the call as client.images.edit of the source image with a prompt that asks for a variation (openai v4 or later)',
    defaultModel: 'dall-e-2',
    surface: 'openai',
  },
  'images.createVariation': {
    why: 'image variations (images.createVariation, /v1/images/variations) were served by dall-e-2 only, and no gpt-image model serves them: rewrite the call as images.edit of the source image with a prompt that asks for a variation',
    defaultModel: 'dall-e-2',
    surface: 'openai',
  },
};

/**
 * The openai v3 SDK: its client, and its generate method, whose request object
 * names no model in code of its days (v3 typed none): it relies on dall-e-2.
 */
export const v3Sdk = { package: 'openai', client: 'OpenAIApi', generate: 'createImage' } as const;

/** The `notMigratable` entries that are methods of the v3 SDK's client: counted only in a file that imports it. */
export const v3SdkImageMethods: readonly string[] = ['createImageEdit', 'createImageVariation'];

/** URL paths of endpoints a rename cannot migrate, keyed like `notMigratable`. */
export const notMigratablePaths: Readonly<Record<string, string>> = { '/images/variations': 'images.createVariation' };

/** Package versions that block gpt-image-2 (docs/catalog.md). */
export const dependencyPolicy = [
  {
    name: '@ai-sdk/openai',
    below: '3.0.54',
    /** Each release line's first fixed version (gpt-image-2 in hasDefaultResponseFormat; read from the npm packages, 2026-12-02); 1.x never was. */
    fixedIn: ['2.0.104', '3.0.54'],
    severity: 'error',
    why: 'older @ai-sdk/openai versions send response_format to gpt-image-2, which rejects it',
  },
  {
    name: 'openai',
    below: '6.37.0',
    severity: 'info',
    why: 'gpt-image-2 custom sizes (any WxH) type-check only from openai 6.37.0 (earlier, size is a closed union)',
  },
] as const;

/** `ai` from this major on has no experimental_generateImage (docs/catalog.md). */
export const removedExports = [{ name: 'experimental_generateImage', from: 'ai', removedIn: 7, use: 'generateImage' }] as const;

/** The surface a URL points at, if any: hosts first, then path fragments. */
export function surfaceOfUrl(url: string, registry: Readonly<Record<string, Surface>> = surfaces): SurfaceId | null {
  for (const surface of Object.values(registry)) {
    if (surface.hosts.some((host) => url.includes(host))) return surface.id;
  }
  // Azure's paths (`/openai/deployments/`, `?api-version=`) are more specific than the image paths every gateway shares
  const bySpecificity = Object.values(registry).sort((a, b) => Number(b.deploymentNames) - Number(a.deploymentNames));
  for (const surface of bySpecificity) {
    if (surface.paths.some((p) => url.includes(p))) return surface.id;
  }
  return null;
}

/** The catalog entry of a surface id; a user surface (`user:<name>`) not in `registry` gets a generic entry. */
export function surfaceInfo(id: SurfaceId | string, registry: Readonly<Record<string, Surface>> = surfaces): Surface {
  const known = registry[id];
  if (known) return known;
  const name = id.startsWith('user:') ? id.slice(5) : id;
  return { ...surfaces.unknown, id: id as SurfaceId, label: name, family: 'openai-shaped', source: 'declared by the user' };
}
