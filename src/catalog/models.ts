/**
 * Model lifecycle: the first table of shared/reference/image-models.md (§1).
 * Adding or moving a retirement edits this table, never a rule.
 */

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
  readonly addWhenMissing?: { readonly param: string; readonly value: string; readonly why: string };
  readonly source: { readonly tag: SourceTag; readonly note: string };
}

export const retiredModels: readonly RetiredModel[] = [
  {
    id: 'gpt-image-1',
    aliases: ['gpt-image-1-2025-04-15'],
    shutdownDate: '2026-10-23',
    replacement: 'gpt-image-2',
    source: { tag: 'third-party', note: 'image-models.md §1; calls fail with model_not_found' },
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
    },
    source: { tag: 'third-party', note: 'image-models.md §1' },
  },
  {
    id: 'gpt-image-1.5',
    aliases: ['gpt-image-1.5-2025-12-16'],
    shutdownDate: '2026-12-01',
    replacement: 'gpt-image-2',
    source: { tag: 'third-party', note: 'image-models.md §1' },
  },
  {
    id: 'chatgpt-image-latest',
    aliases: [],
    shutdownDate: '2026-12-01',
    replacement: 'gpt-image-2',
    source: { tag: 'third-party', note: 'image-models.md §1' },
  },
  {
    id: 'dall-e-2',
    aliases: [],
    shutdownDate: '2026-05-12',
    replacement: 'gpt-image-2',
    source: { tag: 'third-party', note: 'image-models.md §1' },
  },
  {
    id: 'dall-e-3',
    aliases: [],
    shutdownDate: '2026-05-12',
    replacement: 'gpt-image-2',
    source: { tag: 'third-party', note: 'image-models.md §1' },
  },
];

/** Current ids: valid targets, never flagged (image-models.md §1). */
export const currentModels = {
  defaultTarget: 'gpt-image-2',
  ids: ['gpt-image-2', 'gpt-image-2-2026-04-21'],
  /** Newer families in openai@7's types; anything matching is valid. */
  validPattern: /^gpt-image-2(?:\.\d+)?(?:-[a-z0-9-]+)?$/,
} as const;

/** What a call that names no model gets (image-models.md §1, vendor). */
export const defaultModels = {
  'images.generate': 'dall-e-2',
  'images.edit': 'gpt-image-1.5',
  'responses.image_generation': 'gpt-image-1',
} as const;

/** True for the gpt-image family (old or new), whose calls reject `response_format`. */
export function isGptImageModel(id: string): boolean {
  return id.startsWith('gpt-image-') || id === 'chatgpt-image-latest';
}
