/**
 * Param policy shared by every target: what GPT image models reject and how
 * dall-e leftovers migrate (openai's images.d.ts), and the resolution tiers
 * of gateways (docs/catalog.md). What differs per target is in targets.ts.
 */

export interface RemovedParam {
  readonly param: string;
  readonly why: string;
  /** Only dall-e models took it: every gpt-image model rejects it, whichever one a call picks at run time. */
  readonly dallEOnly?: boolean;
}

export const openaiParamPolicy = {
  /** Params gpt-image-2 rejects or ignores: removed by the fix. */
  remove: [
    { param: 'input_fidelity', why: 'gpt-image-2 always uses high input fidelity; the param is disabled' },
    { param: 'response_format', why: "gpt-image models reject response_format (400 Unknown parameter) and return b64_json only", dallEOnly: true },
    { param: 'style', why: 'style was dall-e-3 only; GPT image models do not support it', dallEOnly: true },
  ] as readonly RemovedParam[],
  /** Values left over from dall-e (no gpt-image model takes them), mapped to their gpt-image equivalent. */
  valueMaps: {
    quality: { hd: 'high', standard: 'medium' },
    size: { '256x256': '1024x1024', '512x512': '1024x1024' },
  } as Readonly<Record<string, Readonly<Record<string, string>>>>,
  /** Values that need a person: never rewritten. */
  needsDecision: {
    background: {
      transparent:
        "gpt-image-2 returned an error for background 'transparent' (May 2026), later 'preview' (Aug 2026): decide between 'opaque', 'auto' or keeping it behind a check",
    },
  } as Readonly<Record<string, Readonly<Record<string, string>>>>,
};

/** Custom size limits of gpt-image-2 and gpt-image-2.5 (the `size` docs of images.d.ts). */
export const sizeLimits = {
  multipleOf: 16,
  minPixels: 655_360,
  maxPixels: 8_294_400,
  maxWidth: 3840,
  maxHeight: 2160,
  maxRatio: 3,
  experimentalAbovePixels: 2560 * 1440,
  /** Reference images per request (images.d.ts: up to 16 images). */
  maxReferenceImages: 16,
  named: ['1024x1024', '1536x1024', '1024x1536', 'auto'],
} as const;

/** quality → resolution, the default tier map (a product decision, docs/catalog.md). */
export const defaultTierMap: Readonly<Record<string, string>> = {
  low: '1k',
  medium: '2k',
  high: '4k',
  auto: '1k',
};

/** Params of an image request: an object holding `model` and one of these is a request. */
export const imageParamKeys: ReadonlySet<string> = new Set([
  'prompt',
  'input',
  'size',
  'quality',
  'n',
  'image',
  'images',
  'mask',
  'background',
  'output_format',
  'output_compression',
  'moderation',
  'response_format',
  'style',
  'input_fidelity',
  'aspect_ratio',
  'resolution',
  'image_urls',
]);
