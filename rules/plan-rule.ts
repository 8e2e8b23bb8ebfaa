/**
 * What every rule shares: translate ESLint's ESTree into the normalized view
 * once per file, ask the planner, and report the findings of one rule id.
 * A file that cannot contain a match (a byte-level check) is never walked.
 */
import type { Rule, SourceCode } from 'eslint';
import { resolveOptions, type MigrationOptions, type MigrationOptionsInput } from '../src/catalog/index.js';
import { mayContainMatch, planTree, type Finding } from '../src/engine.js';
import type { RuleId } from '../src/plan/planner.js';
import { fromEstree, type EstreeNode } from '../src/syntax/from-estree.js';

export const DOCS_BASE = 'https://github.com/gpt-image-migrate/gpt-image-migrate/blob/main/docs/rules/';

/** Rule options, also accepted as `settings['gpt-image-migrate']` for all rules at once. */
export const optionsSchema = [
  {
    type: 'object',
    properties: {
      now: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "Today's date for date-aware severity (YYYY-MM-DD)" },
      target: { type: 'string', description: 'The model calls move to (default gpt-image-2)' },
      tierMap: {
        anyOf: [
          { type: 'string', description: 'quality=tier pairs: low=1k,medium=2k,high=4k' },
          { type: 'object', additionalProperties: { type: 'string' } },
        ],
      },
    },
    additionalProperties: false,
  },
] as const;

const planCache = new WeakMap<SourceCode, Map<string, readonly Finding[]>>();
const optionCache = new Map<string, MigrationOptions>();

function optionsOf(context: Rule.RuleContext): { key: string; options: MigrationOptions } {
  const settings = (context.settings?.['gpt-image-migrate'] ?? {}) as MigrationOptionsInput;
  const input = { ...settings, ...((context.options[0] ?? {}) as MigrationOptionsInput) };
  const key = JSON.stringify(input);
  let options = optionCache.get(key);
  if (!options) {
    options = resolveOptions(input);
    optionCache.set(key, options);
  }
  return { key, options };
}

/** The plan of the file being linted, computed once for all rules with the same options. */
export function planOf(context: Rule.RuleContext): readonly Finding[] {
  const sourceCode = context.sourceCode;
  if (!mayContainMatch(sourceCode.text)) return [];
  const { key, options } = optionsOf(context);
  let byOptions = planCache.get(sourceCode);
  if (!byOptions) {
    byOptions = new Map();
    planCache.set(sourceCode, byOptions);
  }
  let findings = byOptions.get(key);
  if (!findings) {
    const tree = fromEstree(sourceCode.ast as unknown as EstreeNode, sourceCode.visitorKeys as Record<string, string[]>);
    findings = planTree(tree, sourceCode.text, options);
    byOptions.set(key, findings);
  }
  return findings;
}

export interface PlanRuleMeta {
  readonly description: string;
  readonly recommended: boolean;
}

/** A rule that reports the planner's findings for `ruleId`, with its fixes and suggestions. */
export function createPlanRule(ruleId: RuleId, meta: PlanRuleMeta): Rule.RuleModule {
  return {
    meta: {
      type: 'problem',
      docs: { description: meta.description, recommended: meta.recommended, url: `${DOCS_BASE}${ruleId}.md` },
      fixable: 'code',
      hasSuggestions: true,
      schema: optionsSchema as unknown as Rule.RuleMetaData['schema'],
      messages: {
        finding: '{{message}}',
        suggestion: '{{description}}',
      },
    },
    create(context) {
      return {
        'Program:exit'() {
          const sourceCode = context.sourceCode;
          for (const finding of planOf(context)) {
            if (finding.rule !== ruleId) continue;
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
