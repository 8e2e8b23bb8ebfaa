import { createPlanRule } from './plan-rule.js';

/**
 * Params gpt-image-2 rejects or ignores: `input_fidelity`, `response_format`,
 * `style`, dall-e-2 sizes, `size` on resolution-tier surfaces, `n > 1` where
 * one image comes back, `background: 'transparent'` (a decision).
 */
export default createPlanRule('valid-params', {
  description: 'Disallow request params that gpt-image-2 rejects or ignores on the surface being called',
  recommended: true,
});
