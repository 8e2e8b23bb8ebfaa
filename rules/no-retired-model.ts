import { createPlanRule } from './plan-rule.js';

/**
 * Retired and retiring image model ids, in every role the planner knows:
 * API arguments and model settings are fixed; comparisons, data keys,
 * types and UI values are reported, with a suggestion where one is safe.
 * The message says whether the id is shut down or when it will be.
 * Doc: docs/rules/no-retired-model.md.
 */
export default createPlanRule('no-retired-model', {
  description:
    'Disallow OpenAI image model ids that are shut down or shutting down (gpt-image-1, gpt-image-1-mini, gpt-image-1.5, chatgpt-image-latest, dall-e-2, dall-e-3)',
});
