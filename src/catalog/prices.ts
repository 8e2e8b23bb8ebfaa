/**
 * Price tables in USD per image. Each table carries its date and its public
 * source (an address a user can open) so a report can say which one it used
 * (docs/catalog.md lists them).
 */
import { sources, type PublicSource } from './sources.js';

const cited = (...refs: PublicSource[]): string => refs.map((r) => `${r.title} <${r.url}>`).join('; ');

export interface TokenPriceTable {
  readonly kind: 'per-quality';
  readonly model: string;
  /** size class → quality → USD */
  readonly prices: Readonly<Record<'square' | 'landscape-portrait' | '3840x2160', Partial<Record<'low' | 'medium' | 'high', number>>>>;
  readonly source: string;
  readonly date: string;
}

export interface TierPriceTable {
  readonly kind: 'per-tier';
  readonly surface: string;
  readonly model: string;
  /** tier (resolution or old quality) → USD */
  readonly prices: Readonly<Record<string, number>>;
  readonly perImageParam?: string;
  readonly source: string;
  readonly date: string;
}

export const openaiPrices: readonly TokenPriceTable[] = [
  {
    kind: 'per-quality',
    model: 'gpt-image-1',
    prices: { square: { low: 0.011, medium: 0.042, high: 0.167 }, 'landscape-portrait': { low: 0.016, medium: 0.063, high: 0.25 }, '3840x2160': {} },
    source: cited(sources.gptImage1Prices, sources.gptImage1LandscapePrices),
    date: '2026-11-21',
  },
  {
    kind: 'per-quality',
    model: 'gpt-image-1-mini',
    prices: { square: { low: 0.005, medium: 0.011, high: 0.036 }, 'landscape-portrait': { low: 0.006, medium: 0.015, high: 0.052 }, '3840x2160': {} },
    source: cited(sources.gptImage1Prices),
    date: '2026-11-21',
  },
  {
    kind: 'per-quality',
    model: 'gpt-image-1.5',
    prices: { square: { low: 0.009, medium: 0.034, high: 0.133 }, 'landscape-portrait': { low: 0.013, medium: 0.05, high: 0.2 }, '3840x2160': {} },
    source: cited(sources.gptImage1Prices, sources.gptImage15LandscapePrices),
    date: '2026-11-21',
  },
  {
    kind: 'per-quality',
    model: 'gpt-image-2',
    prices: {
      square: { low: 0.006, medium: 0.053, high: 0.211 },
      'landscape-portrait': { low: 0.005, medium: 0.041, high: 0.165 },
      '3840x2160': { low: 0.012, medium: 0.101, high: 0.401 },
    },
    source: `${cited(sources.gptImage2Prices)}; 3840x2160 from fal's gpt-image-2 price table`,
    date: '2026-11-21',
  },
];

export const gatewayPrices: readonly TierPriceTable[] = [
  {
    kind: 'per-tier',
    surface: 'unifically',
    model: 'openai/gpt-image-2',
    prices: { '1k': 0.03, '2k': 0.05, '4k': 0.06 },
    source: "Unifically's GPT Image 2 guide, May 2026",
    date: '2026-05-31',
  },
  {
    kind: 'per-tier',
    surface: 'unifically',
    model: 'openai/gpt-image-1',
    prices: { low: 0.01, medium: 0.02, high: 0.04 },
    source: "Unifically's GPT Image 2 guide, May 2026",
    date: '2026-05-31',
  },
  {
    kind: 'per-tier',
    surface: 'uniall',
    model: 'gpt-image-2-origin',
    prices: { '1K': 0.01836, '2K': 0.05576, '4K': 0.11424 },
    perImageParam: 'num_images',
    source: "UniAll's GPT Image-2 guide, 2026-05-30",
    date: '2026-05-30',
  },
];
