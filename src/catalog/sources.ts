/**
 * The public sources the catalog's facts come from, each with the address a
 * user can open and the date it was read. Every fact shown to a user (a
 * date, a price, a param rule) names one of these, never a file of ours.
 */

export interface PublicSource {
  /** What it is, in words: "OpenAI API deprecations". */
  readonly title: string;
  readonly url: string;
  /** ISO date the source was read. */
  readonly retrieved: string;
  /** `vendor`: OpenAI's own material; `third-party`: someone else's page quoting it. */
  readonly kind: 'vendor' | 'third-party';
}

const READ = '2026-12-02';

export const sources = {
  imagesTypes: {
    title: 'openai 7.55.0 (npm), resources/images.d.ts: ImageModel and the params of images.generate / images.edit',
    url: 'https://unpkg.com/openai@7.55.0/resources/images.d.ts',
    retrieved: READ,
    kind: 'vendor',
  },
  responsesTypes: {
    title: 'openai 7.55.0 (npm), resources/responses/responses.d.ts: the image_generation tool',
    url: 'https://unpkg.com/openai@7.55.0/resources/responses/responses.d.ts',
    retrieved: READ,
    kind: 'vendor',
  },
  modelsTypes: {
    title: 'openai 7.55.0 (npm), resources/models.d.ts: Model.shutdown_date',
    url: 'https://unpkg.com/openai@7.55.0/resources/models.d.ts',
    retrieved: READ,
    kind: 'vendor',
  },
  deprecations: {
    title: 'OpenAI API deprecations',
    url: 'https://developers.openai.com/api/docs/deprecations',
    retrieved: READ,
    kind: 'vendor',
  },
  gptImage26Page: {
    title: 'OpenAI model pages: gpt-image-2.6-flare, gpt-image-2.6-sunburst',
    url: 'https://developers.openai.com/api/docs/models/gpt-image-2.6-flare',
    retrieved: READ,
    kind: 'vendor',
  },
  gptImage25Page: {
    title: 'OpenAI model pages: gpt-image-2.5-flare, gpt-image-2.5-sunburst (released 2026-09-08)',
    url: 'https://developers.openai.com/api/docs/models/gpt-image-2.5-flare',
    retrieved: READ,
    kind: 'vendor',
  },
  gptImage2Prices: {
    title: 'Yingtu AI, "GPT Image 2 Cost Per Image" (quotes OpenAI\'s pricing page and image generation guide, 2026-05-06)',
    url: 'https://yingtu.ai/en/blog/gpt-image-2-cost-per-image',
    retrieved: READ,
    kind: 'third-party',
  },
  gptImage1Prices: {
    title: 'AIFreeAPI, "GPT Image 1.5 pricing" (gpt-image-1, gpt-image-1-mini and gpt-image-1.5 rows, 2026-03-23)',
    url: 'https://www.aifreeapi.com/en/posts/gpt-image-1-5-pricing',
    retrieved: READ,
    kind: 'third-party',
  },
  gptImage1LandscapePrices: {
    title: 'BurnCloud, GPT Image 1 model page (portrait and landscape rows)',
    url: 'https://www.burncloud.com/aiapi-detail/gpt-image-1.html',
    retrieved: READ,
    kind: 'third-party',
  },
  gptImage15LandscapePrices: {
    title: 'AIFreeAPI, "GPT Image 1.5 cost per image" (portrait and landscape rows, 2026-03-24)',
    url: 'https://www.aifreeapi.com/en/posts/gpt-image-1-5-cost-per-image',
    retrieved: READ,
    kind: 'third-party',
  },
} as const satisfies Record<string, PublicSource>;

/** `title <url> (read 2026-12-02)`: how a source is cited in messages and reports. */
export function cite(source: PublicSource): string {
  return `${source.title} <${source.url}> (read ${source.retrieved})`;
}
