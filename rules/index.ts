/**
 * The ESLint plugin: `import plugin from 'gpt-image-migrate/eslint-plugin'`.
 *
 * - Flat config (ESLint 9, 10): `plugin.configs.recommended` or `plugin.configs.strict`.
 * - eslintrc (ESLint 8.57, and 9 with ESLINT_USE_FLAT_CONFIG=false):
 *   `extends: ['plugin:gpt-image-migrate/legacy-recommended']` (or
 *   `legacy-strict`), loaded through the `eslint-plugin-gpt-image-migrate`
 *   package (packages/eslint-plugin-gpt-image-migrate), because eslintrc only
 *   resolves plugins by that naming convention.
 *
 * The module also has named exports (`meta`, `rules`, `configs`), so
 * `require('gpt-image-migrate/eslint-plugin')` (Node >= 20.19 loads ES
 * modules with require) is a plugin object for eslintrc as it is.
 * See docs/eslint.md.
 */
import type { ESLint, Linter, Rule } from 'eslint';
import noLegacyQuality from './no-legacy-quality.js';
import noRetiredModel from './no-retired-model.js';
import validParams from './valid-params.js';
import { codeExtensions } from '../src/engine.js';
import { packageInfo } from '../src/package-info.js';

const PREFIX = 'gpt-image-migrate';

export const meta = { name: packageInfo.name, version: packageInfo.version, namespace: PREFIX };

export const rules = {
  'no-retired-model': noRetiredModel,
  'no-legacy-quality': noLegacyQuality,
  'valid-params': validParams,
} satisfies Record<string, Rule.RuleModule>;

type RuleName = keyof typeof rules;

/**
 * `recommended`: what fails a build. A retired or retiring id and a `quality`
 * the target rejects are errors; `valid-params` warns, because part of what
 * it reports is a decision rather than a certain failure (`background:
 * 'transparent'`, `n > 1` on a one-image surface). `strict` makes every rule
 * an error. ESLint has one severity per rule: a retiring id is an error
 * before its date too, and the message names the date.
 */
const recommendedSeverity: Record<RuleName, Linter.StringSeverity> = {
  'no-retired-model': 'error',
  'no-legacy-quality': 'error',
  'valid-params': 'warn',
};

function rulesAt(severity: (name: RuleName) => Linter.StringSeverity): Linter.RulesRecord {
  return Object.fromEntries((Object.keys(rules) as RuleName[]).map((name) => [`${PREFIX}/${name}`, severity(name)]));
}

const recommendedRules = rulesAt((name) => recommendedSeverity[name]);
const strictRules = rulesAt(() => 'error');

/**
 * The files the engine reads as code, as `audit` does: declaration files are
 * not (they are generated, or describe someone else's API).
 */
const codeFiles = codeExtensions.map((ext) => `**/*${ext}`);
const declarationFiles = ['**/*.d.ts'];

const plugin = {
  meta,
  rules,
  configs: {} as Record<string, Linter.Config | Linter.LegacyConfig>,
} satisfies ESLint.Plugin;

function flatConfig(name: string, configRules: Linter.RulesRecord): Linter.Config {
  return { name: `${PREFIX}/${name}`, files: codeFiles, ignores: declarationFiles, plugins: { [PREFIX]: plugin }, rules: configRules };
}

/** eslintrc: the rules on the same files; `overrides` also makes `eslint .` lint those extensions. */
function legacyConfig(configRules: Linter.RulesRecord): Linter.LegacyConfig {
  return {
    plugins: [PREFIX],
    overrides: [{ files: codeFiles.map((glob) => glob.slice('**/'.length)), excludedFiles: declarationFiles.map((glob) => glob.slice('**/'.length)), rules: configRules }],
  };
}

export const configs = plugin.configs as {
  recommended: Linter.Config;
  strict: Linter.Config;
  'legacy-recommended': Linter.LegacyConfig;
  'legacy-strict': Linter.LegacyConfig;
};

configs.recommended = flatConfig('recommended', recommendedRules);
configs.strict = flatConfig('strict', strictRules);
configs['legacy-recommended'] = legacyConfig(recommendedRules);
configs['legacy-strict'] = legacyConfig(strictRules);

export default plugin as typeof plugin & { configs: typeof configs };
