/**
 * Model lifecycle: which image models are shut down, from when, what calls
 * move to and what the vendor recommends, each with its public source
 * (docs/catalog.md). Adding or moving a retirement edits this table (or a
 * user's `--catalog` file), never a rule.
 */
import { sources, type PublicSource } from './sources.js';
import { DEFAULT_TARGET, targetModels } from './targets.js';

export type SourceTag = 'vendor' | 'third-party' | 'decision';

export interface RetiredModel {
  /** Canonical id, as the OpenAI API spells it. */
  readonly id: string;
  /** Other spellings of the same model (dated snapshots, Azure model versions). */
  readonly aliases: readonly string[];
  /** ISO date (UTC) from which calls fail. */
  readonly shutdownDate: string;
  /** What a call should use instead, unless `--target` says otherwise. */
  readonly replacement: string;
  /** A param to add when the call sets none (gpt-image-1-mini → quality low). */
  readonly addWhenMissing?: { readonly param: string; readonly value: string; readonly why: string; readonly targets: readonly string[] };
  /** What the vendor recommends instead, in its own words (the default replacement stays our decision). */
  readonly recommended: string;
  readonly source: { readonly tag: SourceTag; readonly note: string; readonly refs: readonly PublicSource[] };
}

export const retiredModels: readonly RetiredModel[] = [
  {
    id: 'gpt-image-1',
    aliases: ['gpt-image-1-2025-04-15'],
    shutdownDate: '2026-10-23',
    replacement: 'gpt-image-2',
    recommended: 'gpt-image-2.5-sunburst or gpt-image-2.5-flare',
    source: { tag: 'vendor', note: 'shut down on October 23, 2026; calls fail with model_not_found', refs: [sources.imagesTypes] },
  },
  {
    id: 'gpt-image-1-mini',
    aliases: ['gpt-image-1-mini-2025-10-06'],
    shutdownDate: '2026-12-01',
    replacement: 'gpt-image-2',
    addWhenMissing: {
      param: 'quality',
      value: 'low',
      why: "gpt-image-2 at quality 'low' matches gpt-image-1-mini for speed and cost (OpenAI cookbook)",
      /** The advice is about gpt-image-2: other targets keep their default. */
      targets: ['gpt-image-2', 'gpt-image-2-2026-04-21'],
    },
    recommended: 'gpt-image-2.6-sunburst or gpt-image-2.6-flare',
    source: { tag: 'vendor', note: 'shut down on 2026-12-01', refs: [sources.deprecations] },
  },
  {
    id: 'gpt-image-1.5',
    aliases: ['gpt-image-1.5-2025-12-16'],
    shutdownDate: '2026-12-01',
    replacement: 'gpt-image-2',
    recommended: 'gpt-image-2.6-sunburst or gpt-image-2.6-flare',
    source: { tag: 'vendor', note: 'shut down on 2026-12-01', refs: [sources.deprecations] },
  },
  {
    id: 'chatgpt-image-latest',
    aliases: [],
    shutdownDate: '2026-12-01',
    replacement: 'gpt-image-2',
    recommended: 'gpt-image-2.6-sunburst or gpt-image-2.6-flare',
    source: { tag: 'vendor', note: 'shut down on 2026-12-01', refs: [sources.deprecations] },
  },
  {
    id: 'dall-e-2',
    aliases: [],
    shutdownDate: '2026-05-12',
    replacement: 'gpt-image-2',
    recommended: 'a GPT image model',
    source: { tag: 'vendor', note: 'retired on May 12, 2026', refs: [sources.imagesTypes] },
  },
  {
    id: 'dall-e-3',
    aliases: [],
    shutdownDate: '2026-05-12',
    replacement: 'gpt-image-2',
    recommended: 'a GPT image model',
    source: { tag: 'vendor', note: 'retired on May 12, 2026', refs: [sources.imagesTypes] },
  },
];

/** Current ids: every one a valid target (src/catalog/targets.ts), never flagged. */
export const currentModels = {
  defaultTarget: DEFAULT_TARGET,
  ids: targetModels.map((t) => t.id),
  /** Ids of the gpt-image-2 families, listed or newer: never flagged (a target must be listed). */
  validPattern: /^gpt-image-2(?:\.\d+)?(?:-[a-z0-9-]+)?$/,
} as const;

/** What a call that names no model gets (the `model` docs of images.d.ts and responses.d.ts). */
export const defaultModels = {
  'images.generate': 'dall-e-2',
  'images.edit': 'gpt-image-1.5',
  'responses.image_generation': 'gpt-image-1',
} as const;

/** True for the gpt-image family (old or new), whose calls reject `response_format`. */
export function isGptImageModel(id: string): boolean {
  return id.startsWith('gpt-image-') || id === 'chatgpt-image-latest';
}
