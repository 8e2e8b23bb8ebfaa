import { createPlanRule } from './plan-rule.js';

/**
 * `quality` where the surface has resolution tiers (Unifically: `resolution`
 * 1k/2k/4k by the tier map, in the surface's casing), and dall-e leftovers
 * `hd`/`standard` on gpt-image calls. Doc: docs/rules/no-legacy-quality.md.
 */
export default createPlanRule('no-legacy-quality', {
  description: "Disallow `quality` where gpt-image-2 takes a resolution tier, and dall-e quality values ('hd', 'standard') on gpt-image calls",
});
