/**
 * What every rule shares: translate ESLint's ESTree into the normalized view
 * once per file, ask the planner, and report the findings of one rule id.
 * A file that cannot contain a match (a byte-level check) is never walked.
 */
import path from 'node:path';
import type { Rule, SourceCode } from 'eslint';
import { currentModels, OptionError, resolveOptions, type MigrationOptions, type MigrationOptionsInput } from '../src/catalog/index.js';
import { loadConfig } from '../src/config.js';
import { fileContext, mayContainMatch, planTree, type Finding } from '../src/engine.js';
import type { RuleId } from '../src/plan/planner.js';
import { isTooDeep, TOO_DEEP_REASON } from '../src/syntax/depth.js';
import { fromEstree, type EstreeNode } from '../src/syntax/from-estree.js';

export const DOCS_BASE = 'https://github.com/gpt-image-migrate/gpt-image-migrate/blob/main/docs/rules/';

/** The key of `settings` that sets options for every rule at once. */
export const SETTINGS_KEY = 'gpt-image-migrate';

const stringList = (description: string) => ({ type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, description }) as const;

/**
 * Rule options, also accepted as `settings['gpt-image-migrate']` for all
 * rules at once (a rule's own options win, key by key). The schema checks
 * shapes; what only the engine can judge (a real date, a retired id, a
 * surface with something to recognise it by) is checked by `resolveOptions`
 * and reported as a problem at the top of each file.
 *
 * No `default` here and no `meta.defaultOptions`: ESLint would write the
 * defaults into every rule's options (Ajv `useDefaults`, ESLint 9+
 * `defaultOptions` merging), and rule options override settings, so a
 * defaulted `target` would silently beat `settings['gpt-image-migrate'].target`.
 */
export const optionsSchema = [
  {
    type: 'object',
    properties: {
      now: {
        type: 'string',
        pattern: '^\\d{4}-\\d{2}-\\d{2}$',
        description: "Today's date (YYYY-MM-DD) for date-aware messages. Default: today, or `$GPT_IMAGE_MIGRATE_NOW`.",
      },
      target: {
        type: 'string',
        enum: [...currentModels.ids],
        description: `The model calls move to: a current model of the catalog (\`gpt-image-migrate models\`). Default: \`${currentModels.defaultTarget}\`.`,
      },
      tierMap: {
        description: 'quality → resolution tier on resolution-tier surfaces. Default: `low=1k,medium=2k,high=4k,auto=1k`.',
        anyOf: [
          { type: 'string', description: 'quality=tier pairs: low=1k,medium=2k,high=4k' },
          {
            type: 'object',
            properties: Object.fromEntries(['low', 'medium', 'high', 'auto'].map((quality) => [quality, { type: 'string', pattern: '^[124][kK]$' }])),
            additionalProperties: false,
          },
        ],
      },
      allow: stringList('Retired ids your team keeps on purpose (`dall-e-3`): nothing is reported about them.'),
      surfaces: {
        type: 'array',
        description: 'Your own gateways and wrappers, recognised like the built-in surfaces.',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1 },
            family: { enum: ['openai-shaped', 'resolution-tier'] },
            hosts: stringList('Hosts whose URLs are this surface'),
            wrappers: stringList('Functions whose first argument is the request'),
            idPrefix: { type: 'string' },
          },
          required: ['name', 'family'],
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
] as const;

type Resolved = ({ readonly key: string; readonly options: MigrationOptions } | { readonly key: string; readonly error: string }) & {
  /** The day "now" defaulted to today, or null when it was given: an editor's ESLint runs for days. */
  readonly day: string | null;
};

const today = (): string => new Date().toISOString().slice(0, 10);

const planCache = new WeakMap<SourceCode, Map<string, readonly Finding[]>>();
/** Whether a file can contain a match at all: the byte-level check, once per file for all rules. */
const candidates = new WeakMap<SourceCode, boolean>();
/** Resolved options by value, and by the identity of ESLint's settings and options objects (the same for every file a config covers). */
const optionCache = new Map<string, Resolved>();
const optionsByIdentity = new WeakMap<object, WeakMap<object, WeakMap<object, Resolved>>>();
const NONE = {};
/** Files already told about invalid options (one problem per file, not one per rule). */
const toldAboutOptions = new WeakSet<SourceCode>();

/**
 * The options of this rule in this file: the project's config file (the one
 * the CLI reads, searched up from the file), then settings, then the rule's
 * own options, resolved once per distinct input.
 */
function optionsOf(context: Rule.RuleContext): Resolved {
  const settings: unknown = context.settings?.[SETTINGS_KEY] ?? NONE;
  const own: MigrationOptionsInput = context.options[0] ?? NONE;
  const config = configOf(context);
  if ('error' in config) return { key: `config:${config.error}`, day: null, error: config.error };
  let bySettings = optionsByIdentity.get(config.options);
  if (!bySettings) {
    bySettings = new WeakMap();
    optionsByIdentity.set(config.options, bySettings);
  }
  const settingsKey = typeof settings === 'object' && settings !== null ? settings : NONE;
  let byOwn = bySettings.get(settingsKey);
  if (!byOwn) {
    byOwn = new WeakMap();
    bySettings.set(settingsKey, byOwn);
  }
  const known = byOwn.get(own);
  if (known && (known.day === null || known.day === today())) return known;
  const key = JSON.stringify([config.options, settings, own]);
  let resolved = optionCache.get(key);
  if (!resolved || (resolved.day !== null && resolved.day !== today())) {
    resolved = resolve(key, settings, own, config.options);
    optionCache.set(key, resolved);
  }
  byOwn.set(own, resolved);
  return resolved;
}

/** The config file's options for the linted file (lilconfig caches the search per directory). */
function configOf(context: Rule.RuleContext): { options: MigrationOptionsInput } | { error: string } {
  const file = context.filename;
  const from = path.isAbsolute(file) ? path.dirname(file) : (context.cwd ?? process.cwd());
  try {
    return loadConfig(from);
  } catch (error) {
    if (error instanceof OptionError) return { error: error.message };
    throw error;
  }
}

function mayMatch(sourceCode: SourceCode, options: MigrationOptions): boolean {
  let candidate = candidates.get(sourceCode);
  if (candidate === undefined) {
    candidate = mayContainMatch(sourceCode.text, options);
    candidates.set(sourceCode, candidate);
  }
  return candidate;
}

function resolve(key: string, settings: unknown, own: MigrationOptionsInput, fromConfig: MigrationOptionsInput): Resolved {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    return { key, day: null, error: `settings['${SETTINGS_KEY}'] must be an object of options (now, target, tierMap, allow, surfaces)` };
  }
  const input = { ...fromConfig, ...(settings as MigrationOptionsInput), ...own };
  const day = input.now === undefined && !process.env.GPT_IMAGE_MIGRATE_NOW ? today() : null;
  try {
    return { key: day ? `${key}@${day}` : key, day, options: resolveOptions(input) };
  } catch (error) {
    if (error instanceof OptionError) return { key, day, error: error.message };
    throw error;
  }
}

/** The plan of the file being linted, computed once for all rules with the same options. */
function planOf(context: Rule.RuleContext, resolved: { key: string; options: MigrationOptions }): readonly Finding[] {
  const sourceCode = context.sourceCode;
  let byOptions = planCache.get(sourceCode);
  if (!byOptions) {
    byOptions = new Map();
    planCache.set(sourceCode, byOptions);
  }
  let findings = byOptions.get(resolved.key);
  if (!findings) {
    try {
      const tree = fromEstree(sourceCode.ast as unknown as EstreeNode, sourceCode.visitorKeys as Record<string, string[]>);
      // the file's path lets the plan read what audit reads beyond the file: imported constants, the nearest package.json
      findings = planTree(tree, sourceCode.text, resolved.options, fileContext(context.filename, context.filename));
    } catch (error) {
      // what audit reports as a file it could not process: one report on the file, never a crash of the lint run
      if (!isTooDeep(error)) throw error;
      findings = TOO_DEEP;
    }
    byOptions.set(resolved.key, findings);
  }
  return findings;
}

/** The plan of a file nested deeper than the adapters convert (MAX_TREE_DEPTH). */
const TOO_DEEP: readonly Finding[] = Object.freeze([]);
const toldTooDeep = new WeakSet<SourceCode>();

export interface PlanRuleDocs {
  /** One sentence, shown in the rules table and the doc header. */
  readonly description: string;
}

/** A rule that reports the planner's findings for `ruleId`, with its fixes and suggestions. */
export function createPlanRule(ruleId: RuleId, docs: PlanRuleDocs): Rule.RuleModule {
  return {
    meta: {
      type: 'problem',
      docs: {
        description: docs.description,
        recommended: true,
        url: `${DOCS_BASE}${ruleId}.md`,
        dialects: ['javascript', 'typescript'],
      },
      // ESLint 10 refuses (with a clear message) to run these rules on a
      // non-JavaScript language (Markdown, JSON, CSS); ESLint 8 and 9 ignore it.
      languages: ['js/js'],
      fixable: 'code',
      hasSuggestions: true,
      schema: optionsSchema as unknown as Rule.RuleMetaData['schema'],
      messages: {
        finding: '{{message}}',
        suggestion: '{{description}}',
        invalidOptions: `Invalid gpt-image-migrate options (rule options or settings['${SETTINGS_KEY}']): {{error}}`,
        tooDeep: `gpt-image-migrate: ${TOO_DEEP_REASON}; check its image calls by hand`,
      },
    } as Rule.RuleMetaData,
    create(context) {
      return {
        'Program:exit'() {
          const sourceCode = context.sourceCode;
          const resolved = optionsOf(context);
          if ('error' in resolved) {
            if (!toldAboutOptions.has(sourceCode)) {
              toldAboutOptions.add(sourceCode);
              context.report({ loc: { line: 1, column: 0 }, messageId: 'invalidOptions', data: { error: resolved.error } });
            }
            return;
          }
          if (!mayMatch(sourceCode, resolved.options)) return;
          const findings = planOf(context, resolved);
          if (findings === TOO_DEEP) {
            if (!toldTooDeep.has(sourceCode)) {
              toldTooDeep.add(sourceCode);
              context.report({ loc: { line: 1, column: 0 }, messageId: 'tooDeep' });
            }
            return;
          }
          for (const finding of findings) {
            // info findings (mentions in comments) are audit-only: ESLint has no info level
            if (finding.rule !== ruleId || finding.severity === 'info') continue;
            const loc = { start: sourceCode.getLocFromIndex(finding.range[0]), end: sourceCode.getLocFromIndex(finding.range[1]) };
            const suggestion = finding.suggestion;
            context.report({
              loc,
              messageId: 'finding',
              data: { message: finding.message },
              fix:
                finding.fix === 'auto' && finding.edits.length > 0
                  ? (fixer) => finding.edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text))
                  : null,
              suggest: suggestion
                ? [
                    {
                      messageId: 'suggestion',
                      data: { description: suggestion.description },
                      fix: (fixer) => suggestion.edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)),
                    },
                  ]
                : [],
            });
          }
        },
      };
    },
  };
}
