/**
 * Current image models: every one is a valid `--target`, and each carries its
 * own param policy as data, read from the vendor's types and pages (the
 * sources next to each fact). `unknown` means the vendor's material does not
 * say: the planner then reports and never edits on a guess.
 */
import { sources, type PublicSource } from './sources.js';

/** Whether a model accepts a param value: `preview` works but is not generally available. */
export type Support = 'yes' | 'preview' | 'no' | 'unknown';

export interface TargetModel {
  readonly id: string;
  /** The model a dated snapshot pins (gpt-image-2-2026-04-21 → gpt-image-2). */
  readonly snapshotOf: string | null;
  /** Words for the `models` table. */
  readonly note: string;
  /** `quality` values the vendor says it accepts (besides `auto`, which every gpt-image model takes). */
  readonly qualities: readonly string[];
  /** The `complexity` param (low / medium / high). */
  readonly complexity: Support;
  /** `background: 'transparent'`. */
  readonly transparentBackground: Support;
  /** `input_fidelity`: `omit` when the vendor says to leave it out (the fix removes it). */
  readonly inputFidelity: 'omit' | 'unknown';
  /** Any WIDTHxHEIGHT within the size rules (multiples of 16, 1:3..3:1, up to 3840x2160). */
  readonly customSizes: Support;
  /** `size: 'auto'`. */
  readonly autoSize: Support;
  /**
   * Prefixes under which the gateways the catalog knows (Replicate, OpenRouter,
   * Vercel AI Gateway, Unifically, fal, UniAll) are written with this model as
   * prefix + id. Empty: no gateway spelling is known, so a gateway's call is
   * reported, not guessed.
   */
  readonly gatewayPrefixes: readonly string[];
  readonly sources: readonly PublicSource[];
}

/** Standard sizes every GPT image model takes (images.d.ts, `size`). */
export const standardSizes: readonly string[] = ['1024x1024', '1536x1024', '1024x1536'];

const gptImage2 = {
  snapshotOf: null,
  qualities: ['low', 'medium', 'high'],
  complexity: 'no',
  transparentBackground: 'preview',
  inputFidelity: 'omit',
  customSizes: 'yes',
  autoSize: 'yes',
  sources: [sources.imagesTypes, sources.responsesTypes],
} as const;

const gptImage25 = {
  snapshotOf: null,
  qualities: ['low', 'medium', 'high', 'xhigh', 'max'],
  complexity: 'no',
  transparentBackground: 'yes',
  inputFidelity: 'unknown',
  customSizes: 'yes',
  autoSize: 'unknown',
  gatewayPrefixes: [],
  sources: [sources.imagesTypes, sources.responsesTypes, sources.gptImage25Page],
} as const;

const gptImage26 = {
  snapshotOf: null,
  // the types list xhigh and max for 2.5 only, and custom sizes for gpt-image-2 and 2.5 only
  qualities: ['low', 'medium', 'high'],
  complexity: 'yes',
  transparentBackground: 'unknown',
  inputFidelity: 'unknown',
  customSizes: 'unknown',
  autoSize: 'unknown',
  gatewayPrefixes: [],
  sources: [sources.imagesTypes, sources.responsesTypes, sources.gptImage26Page],
} as const;

export const targetModels: readonly TargetModel[] = [
  { ...gptImage2, id: 'gpt-image-2', note: 'the default target', gatewayPrefixes: ['', 'openai/'] },
  { ...gptImage2, id: 'gpt-image-2-2026-04-21', snapshotOf: 'gpt-image-2', note: 'pinned snapshot of gpt-image-2', gatewayPrefixes: [] },
  { ...gptImage25, id: 'gpt-image-2.5-flare', note: 'released 2026-09-08; fast' },
  { ...gptImage25, id: 'gpt-image-2.5-flare-2026-09-08', snapshotOf: 'gpt-image-2.5-flare', note: 'pinned snapshot of gpt-image-2.5-flare' },
  { ...gptImage25, id: 'gpt-image-2.5-sunburst', note: 'released 2026-09-08; more detail' },
  { ...gptImage25, id: 'gpt-image-2.5-sunburst-2026-09-08', snapshotOf: 'gpt-image-2.5-sunburst', note: 'pinned snapshot of gpt-image-2.5-sunburst' },
  { ...gptImage26, id: 'gpt-image-2.6-flare', note: 'recommended by OpenAI for the models shut down on 2026-12-01' },
  { ...gptImage26, id: 'gpt-image-2.6-sunburst', note: 'recommended by OpenAI for the models shut down on 2026-12-01' },
];

export const DEFAULT_TARGET = 'gpt-image-2';

/** The catalog row of a current model id (no gateway prefix), or null. */
export function targetModel(id: string): TargetModel | null {
  return targetModels.find((t) => t.id === id) ?? null;
}

/**
 * The policy a request to `id` follows: its own row, or for an id the catalog
 * does not list but that extends a listed one (`gpt-image-2-origin`), the
 * longest listed id it starts with; gpt-image-2's otherwise.
 */
export function policyOf(id: string): TargetModel {
  const own = targetModel(id);
  if (own) return own;
  const base = [...targetModels].filter((t) => id.startsWith(t.id)).sort((a, b) => b.id.length - a.id.length)[0];
  return base ?? targetModel(DEFAULT_TARGET)!;
}

/** The current models (not snapshots) that accept a param value, for advice: `gpt-image-2.5-flare or gpt-image-2.5-sunburst`. */
export function targetsWith(accepts: (t: TargetModel) => boolean): readonly TargetModel[] {
  return targetModels.filter((t) => t.snapshotOf === null && accepts(t));
}

/** `a`, `a or b`, `a, b or c`. */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/**
 * Advice naming the targets that can serve what the current one cannot:
 * "gpt-image-2.5-flare or gpt-image-2.5-sunburst support it (rerun with
 * --target gpt-image-2.5-flare to move these calls there)", or '' when none does.
 */
export function targetAdvice(accepts: (t: TargetModel) => boolean, what: string, current: string): string {
  const able = targetsWith(accepts).filter((t) => t.id !== current);
  if (able.length === 0) return '';
  const names = orList(able.map((t) => t.id));
  return ` ${names} ${able.length === 1 ? 'supports' : 'support'} ${what}: \`--target ${able[0].id}\` moves the calls there instead`;
}
