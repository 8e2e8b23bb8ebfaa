import { createPlanRule } from './plan-rule.js';

/**
 * Params gpt-image-2 rejects or ignores on the surface being called:
 * `input_fidelity`, `response_format`, `style`, dall-e-2 sizes and sizes
 * outside gpt-image-2's rules, more than 16 reference images, `size` and
 * tier values on resolution-tier surfaces, `n > 1` where one image comes
 * back, and `background: 'transparent'` (a decision).
 * Doc: docs/rules/valid-params.md.
 */
export default createPlanRule('valid-params', {
  description: 'Disallow request params that gpt-image-2 rejects or ignores on the surface being called',
});
