/**
 * The ESLint plugin: `import plugin from 'gpt-image-migrate/eslint-plugin'`.
 * Flat config: `plugin.configs.recommended`.
 */
import type { ESLint, Linter, Rule } from 'eslint';
import noLegacyQuality from './no-legacy-quality.js';
import noRetiredModel from './no-retired-model.js';
import validParams from './valid-params.js';
import { packageInfo } from '../src/package-info.js';

const { name, version } = packageInfo;


export const rules: Record<string, Rule.RuleModule> = {
  'no-retired-model': noRetiredModel,
  'no-legacy-quality': noLegacyQuality,
  'valid-params': validParams,
};

const recommendedRules: Linter.RulesRecord = Object.fromEntries(
  Object.entries(rules)
    .filter(([, rule]) => rule.meta?.docs?.recommended)
    .map(([id]) => [`gpt-image-migrate/${id}`, 'error']),
);

const plugin = {
  meta: { name, version },
  rules,
  configs: {} as Record<string, Linter.Config>,
} satisfies ESLint.Plugin;

plugin.configs.recommended = {
  name: 'gpt-image-migrate/recommended',
  plugins: { 'gpt-image-migrate': plugin },
  rules: recommendedRules,
};

export default plugin;
