/**
 * Surfaces: who is called and the shape of the call (image-models.md §2).
 * Detection signals are data; the analysis walks them generically.
 */

export type SurfaceId = 'openai' | 'openai-http' | 'unifically' | 'gateway' | 'config' | 'docs' | 'unknown';

export type ShapeFamily = 'openai-shaped' | 'resolution-tier' | 'none';

export interface TierShape {
  /** Accepted `resolution` values, in the surface's own casing. */
  readonly resolutions: readonly string[];
  readonly casing: 'lower' | 'upper';
  /** `size` → `aspect_ratio` (image-models.md §4). */
  readonly sizeToAspectRatio: Readonly<Record<string, string>>;
  readonly aspectRatios: readonly string[];
  /** Sizes that are simply dropped (the surface default applies). */
  readonly dropSizes: readonly string[];
  /** Object key under which the request's params live (`{ model, input: {...} }`). */
  readonly paramsKey: string | null;
  /** One image per task: `n > 1` cannot be honoured. */
  readonly oneImagePerCall: boolean;
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
  /** Words in a file (an import path, a client name) that point at the surface. */
  readonly markers: readonly RegExp[];
  /** The request body's shape on this surface: keys beside `model` that only it uses. */
  readonly shapeKeys: readonly string[];
  readonly tiers?: TierShape;
  readonly source: string;
}

export const surfaces: Readonly<Record<SurfaceId, Surface>> = {
  openai: {
    id: 'openai',
    label: 'OpenAI SDK',
    family: 'openai-shaped',
    idPrefix: '',
    hosts: [],
    paths: [],
    markers: [/from\s+['"]openai['"]/, /require\(\s*['"]openai['"]\s*\)/],
    shapeKeys: [],
    source: 'openai npm package types (resources/images.d.ts)',
  },
  'openai-http': {
    id: 'openai-http',
    label: 'OpenAI HTTP API',
    family: 'openai-shaped',
    idPrefix: '',
    hosts: ['api.openai.com'],
    paths: ['/images/generations', '/images/edits'],
    markers: [],
    shapeKeys: [],
    source: 'OpenAI Images API reference',
  },
  unifically: {
    id: 'unifically',
    label: 'Unifically',
    family: 'resolution-tier',
    idPrefix: 'openai/',
    hosts: ['api.unifically.com'],
    paths: ['/v1/tasks'],
    markers: [/unifically/i],
    shapeKeys: ['input'],
    tiers: {
      resolutions: ['1k', '2k', '4k'],
      casing: 'lower',
      sizeToAspectRatio: { '1024x1024': '1:1', '1536x1024': '3:2', '1024x1536': '2:3' },
      aspectRatios: ['1:1', '2:3', '3:2'],
      dropSizes: ['auto'],
      paramsKey: 'input',
      oneImagePerCall: true,
    },
    source: "Unifically's GPT Image 2 guide, May 2026",
  },
  gateway: {
    id: 'gateway',
    label: 'OpenAI-shaped gateway',
    family: 'openai-shaped',
    idPrefix: 'openai/',
    hosts: ['openrouter.ai', 'ai-gateway.vercel.sh'],
    paths: [],
    markers: [/openrouter/i, /ai-gateway/i],
    shapeKeys: [],
    source: 'image-models.md §2 (Vercel AI Gateway, OpenRouter chat ids)',
  },
  config: {
    id: 'config',
    label: 'Configuration (.env)',
    family: 'none',
    idPrefix: '',
    hosts: [],
    paths: [],
    markers: [],
    shapeKeys: [],
    source: 'image-models.md §1',
  },
  docs: {
    id: 'docs',
    label: 'Documentation',
    family: 'none',
    idPrefix: '',
    hosts: [],
    paths: [],
    markers: [],
    shapeKeys: [],
    source: 'image-models.md §1',
  },
  unknown: {
    id: 'unknown',
    label: 'Code (no recognised call)',
    family: 'none',
    idPrefix: '',
    hosts: [],
    paths: [],
    markers: [],
    shapeKeys: [],
    source: 'image-models.md §1',
  },
};

/** The surface a URL literal points at, if any. */
export function surfaceOfUrl(url: string): SurfaceId | null {
  for (const surface of Object.values(surfaces)) {
    if (surface.hosts.some((host) => url.includes(host))) return surface.id;
  }
  for (const surface of Object.values(surfaces)) {
    if (surface.paths.some((path) => url.includes(path))) return surface.id;
  }
  return null;
}
