/**
 * The planner: the only place that decides what is reported and what is
 * rewritten. It reads the catalog and a file's view and returns findings,
 * each with the edits `fix` applies and, for manual items, a suggestion.
 * The ESLint rules, the transforms and the audit only translate this output.
 */
import {
  deadlineOf,
  isCurrentId,
  matchRetiredId,
  openaiParamPolicy,
  surfaces,
  type MigrationOptions,
  type RetiredIdMatch,
  type Severity,
  type SurfaceId,
} from '../catalog/index.js';
import type { FileView, IdOccurrence, ImageRequest, OccurrenceContext } from '../analysis/view.js';
import { propertyOf } from '../analysis/view.js';
import type { Node, PropertyNode, Range } from '../syntax/tree.js';
import { insertionAfter, removalRange, type Edit } from '../text/edits.js';

export type RuleId = 'no-retired-model' | 'no-legacy-quality' | 'valid-params';

/** What an occurrence is for the code around it; the role decides the fix. */
export type Role =
  | 'api-argument'
  | 'setting'
  | 'comparison'
  | 'data-key'
  | 'stored-value'
  | 'type'
  | 'ui'
  | 'config'
  | 'doc'
  | 'param'
  | 'other';

/** One image request a finding changes: what the audit prices before and after. */
export interface CallSite {
  /** The request object's range. */
  readonly range: Range;
  readonly surface: SurfaceId;
  /** The model called today, and after `fix`. */
  readonly modelBefore: string;
  readonly modelAfter: string;
  /** Static values of the params that set the price (null when not literal). */
  readonly quality: string | null;
  readonly size: string | null;
  readonly n: number | null;
  /** On resolution-tier surfaces: the tier the request will ask for. */
  readonly resolutionAfter: string | null;
}

export interface Finding {
  readonly rule: RuleId;
  /** Where the finding is reported. */
  readonly range: Range;
  readonly severity: Severity;
  readonly fix: 'auto' | 'manual';
  readonly role: Role;
  /** The retired id concerned, or null for a param finding on a current model. */
  readonly model: string | null;
  readonly surface: SurfaceId;
  readonly message: string;
  /** Applied by `fix` (auto changes; for manual items, at most a review marker). */
  readonly edits: readonly Edit[];
  /** A change a person may choose (ESLint suggestion), never applied by `fix`. */
  readonly suggestion?: { readonly description: string; readonly edits: readonly Edit[] };
  /** For API arguments: the requests this id is the model of. */
  readonly callSites?: readonly CallSite[];
}

export const MARKER = 'gpt-image-migrate:';

const roleNames: Record<Role, string> = {
  'api-argument': 'API argument',
  setting: 'model setting',
  comparison: 'comparison',
  'data-key': 'data key',
  'stored-value': 'stored value',
  type: 'type',
  ui: 'UI value',
  config: 'configuration value',
  doc: 'documentation mention',
  param: 'request parameter',
  other: 'unrecognised use',
};

export function describeRole(role: Role): string {
  return roleNames[role];
}

/** The id a retired spelling becomes: same prefix, the target model. */
export function replacementId(match: RetiredIdMatch, options: MigrationOptions): string {
  return match.prefix + options.target;
}

function quote(id: string): string {
  return `'${id}'`;
}

/** A finding about a retired id, with the date-aware severity and message head. */
export function idFinding(
  occurrence: Pick<IdOccurrence, 'match' | 'range' | 'idRange'>,
  role: Role,
  surface: SurfaceId,
  fix: 'auto' | 'manual',
  detail: string,
  options: MigrationOptions,
  extra: { severity?: Severity; suggestion?: Finding['suggestion'] } = {},
): Finding {
  const { match } = occurrence;
  const deadline = deadlineOf(match.model, options.now);
  const to = replacementId(match, options);
  const head = `${quote(match.spelled)} ${deadline.text}.`;
  const tail = fix === 'auto' ? `Rewrites it to ${quote(to)}.` : `Not rewritten: ${detail}`;
  return {
    rule: 'no-retired-model',
    range: occurrence.range,
    severity: extra.severity ?? deadline.severity,
    fix,
    role,
    model: match.spelled,
    surface,
    message: fix === 'auto' ? `${head} ${capitalize(detail)}: ${tail}` : `${head} ${tail}`,
    edits: fix === 'auto' ? [{ start: occurrence.idRange[0], end: occurrence.idRange[1], text: to }] : [],
    suggestion: extra.suggestion,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Plans a code file from its view. */
export function planView(view: FileView, text: string, options: MigrationOptions): Finding[] {
  const findings: Finding[] = [];
  for (const occurrence of view.occurrences) findings.push(planOccurrence(occurrence, view, options));
  for (const request of view.requests) findings.push(...planParams(request, text, options));
  return allowed(findings, options).sort((a, b) => a.range[0] - b.range[0] || a.rule.localeCompare(b.rule));
}

/** Drops findings about ids the user chose to keep (`allow`). */
export function allowed(findings: Finding[], options: MigrationOptions): Finding[] {
  if (options.allow.length === 0) return findings;
  const kept = new Set(options.allow.map((id) => matchRetiredId(id)!.model.id));
  return findings.filter((f) => !(f.model && kept.has(matchRetiredId(f.model)?.model.id ?? '')));
}

function planOccurrence(occurrence: IdOccurrence, view: FileView, options: MigrationOptions): Finding {
  const { match } = occurrence;
  const to = replacementId(match, options);
  const context: OccurrenceContext = occurrence.context;
  const replaceSuggestion = (description: string, text = to): Finding['suggestion'] => ({
    description,
    edits: [{ start: occurrence.idRange[0], end: occurrence.idRange[1], text }],
  });
  const fallbackSurface = view.surfaceHint && surfaces[view.surfaceHint].idPrefix === match.prefix ? view.surfaceHint : match.prefix ? 'gateway' : 'unknown';

  switch (context.kind) {
    case 'request-model':
      return {
        ...idFinding(occurrence, 'api-argument', context.request.surface, 'auto', `the model of ${requestLabel(context.request)}`, options),
        callSites: [callSiteOf(context.request, match, options)],
      };
    case 'constant':
      if (context.feeds.length > 0) {
        return {
          ...idFinding(
            occurrence,
            'api-argument',
            context.feeds[0].surface,
            'auto',
            `${context.viaFallback ? 'the default of' : 'the constant'} '${context.name}', the model of ${requestLabel(context.feeds[0])}`,
            options,
          ),
          callSites: context.feeds.map((request) => callSiteOf(request, match, options)),
        };
      }
      if (/model/i.test(context.name)) {
        return idFinding(occurrence, 'setting', fallbackSurface, 'auto', `the model setting '${context.name}'`, options);
      }
      if (context.compared > 0) {
        return idFinding(occurrence, 'comparison', fallbackSurface, 'manual', comparisonAdvice(match, to), options, {
          suggestion: replaceSuggestion(`Compare with ${quote(to)} instead`),
        });
      }
      return idFinding(
        occurrence,
        'other',
        fallbackSurface,
        'manual',
        `the constant '${context.name}' is not seen reaching an image call in this file; if it names the model to call, use ${quote(to)}.`,
        options,
        { suggestion: replaceSuggestion(`Replace with ${quote(to)}`) },
      );
    case 'default':
      if (context.name && /model/i.test(context.name)) {
        return idFinding(occurrence, 'setting', fallbackSurface, 'auto', `the default of '${context.name}'`, options);
      }
      return idFinding(occurrence, 'other', fallbackSurface, 'manual', `a default value of '${context.name ?? 'a pattern'}' that is not a model setting; check how it is used.`, options, {
        suggestion: replaceSuggestion(`Replace with ${quote(to)}`),
      });
    case 'setting':
      if (context.inList) {
        return idFinding(occurrence, 'stored-value', fallbackSurface, 'manual', `'${context.key}' in a list of records (past usage or stored data) is kept as it was written.`, options);
      }
      return idFinding(occurrence, 'setting', fallbackSurface, 'auto', `the '${context.key}' setting`, options);
    case 'comparison': {
      const suggestion =
        context.form === 'string-method' && match.model.id.startsWith('gpt-image-1') && (context.method === 'startsWith' || context.method === 'includes')
          ? replaceSuggestion(`Match every gpt-image model ('${match.prefix}gpt-image-')`, `${match.prefix}gpt-image-`)
          : context.form === 'regex'
            ? undefined
            : replaceSuggestion(`Compare with ${quote(to)} instead`);
      return idFinding(occurrence, 'comparison', fallbackSurface, 'manual', comparisonAdvice(match, to, context.form, context.method), options, { suggestion });
    }
    case 'data-key':
      return idFinding(
        occurrence,
        'data-key',
        fallbackSurface,
        'manual',
        `it is a data key (a price table, usage records): keep it for existing data and add a ${quote(to)} entry if the code looks the new model up.`,
        options,
      );
    case 'list':
      return idFinding(
        occurrence,
        'stored-value',
        fallbackSurface,
        'manual',
        context.use === 'enum'
          ? `it is a value of an enum of stored values: keep it for existing records and add ${quote(to)} beside it.`
          : `it is an element of a list of ids: decide whether ${quote(to)} belongs beside it or instead of it.`,
        options,
      );
    case 'type':
      return idFinding(occurrence, 'type', fallbackSurface, 'manual', `it is part of a type: add ${quote(to)} to the type so migrated calls type-check.`, options);
    case 'jsx':
      return idFinding(occurrence, 'ui', fallbackSurface, 'manual', `it is the '${context.attribute}' value of a UI element (a model picker?): offer ${quote(to)} instead.`, options, {
        suggestion: replaceSuggestion(`Offer ${quote(to)} instead`),
      });
    case 'other':
      return idFinding(occurrence, 'other', fallbackSurface, 'manual', `the ${context.detail} is not recognised as an image API argument; if it names the model to call, use ${quote(to)}.`, options, {
        suggestion: replaceSuggestion(`Replace with ${quote(to)}`),
      });
  }
}

function callSiteOf(request: ImageRequest, match: RetiredIdMatch, options: MigrationOptions): CallSite {
  const staticString = (key: string): string | null => {
    const property = propertyOf(request.params, key);
    return property?.value.kind === 'string' ? property.value.value : null;
  };
  const nProperty = propertyOf(request.params, 'n');
  const quality = staticString('quality');
  const tiers = surfaces[request.surface].tiers;
  const tier = tiers ? options.tierMap[quality ?? 'auto'] : undefined;
  return {
    range: request.request.range,
    surface: request.surface,
    modelBefore: match.spelled,
    modelAfter: replacementId(match, options),
    quality,
    size: staticString('size'),
    n: nProperty?.value.kind === 'number' ? nProperty.value.value : null,
    resolutionAfter: tier ? (tiers!.casing === 'upper' ? tier.toUpperCase() : tier) : null,
  };
}

function comparisonAdvice(match: RetiredIdMatch, to: string, form?: string, method?: string | null): string {
  const gate =
    match.model.id.startsWith('gpt-image-1') || match.model.id === 'chatgpt-image-latest'
      ? `if it gates behaviour of gpt-image models (response_format, b64_json), test every gpt-image model (model.startsWith('${match.prefix}gpt-image-')) rather than ${quote(to)}`
      : `after the migration no call uses ${quote(match.spelled)}, so this branch never runs: delete it or test for ${quote(to)}`;
  const where = form === 'switch' ? 'a switch case' : form === 'regex' ? 'a regular expression' : method ? `a .${method}() check` : 'a comparison';
  return `it is ${where}, a decision a person must make: ${gate}.`;
}

function requestLabel(request: ImageRequest): string {
  if (request.callee) return `${request.callee}()`;
  return `a ${surfaces[request.surface].label} request`;
}

/** The model a request will call once `fix` has run, if it is a gpt-image model. */
function effectiveModel(request: ImageRequest, options: MigrationOptions): { id: string; severity: Severity; retired: RetiredIdMatch | null } | null {
  const value = request.model.value;
  if (value === null) return null;
  const retired = matchRetiredId(value);
  if (retired) return { id: retired.prefix + options.target, severity: deadlineOf(retired.model, options.now).severity, retired };
  if (isCurrentId(value)) return { id: value, severity: 'error', retired: null };
  return null;
}

/**
 * Edits removing `removed` properties of an object: adjacent ones go as one
 * run, so two removals never fight over the comma between them. The edit is
 * carried by the first property of each run.
 */
function removalEdits(text: string, properties: readonly Node[], removed: ReadonlySet<Node>): Map<Node, Edit[]> {
  const edits = new Map<Node, Edit[]>();
  for (let i = 0; i < properties.length; i++) {
    if (!removed.has(properties[i])) continue;
    let j = i;
    while (j + 1 < properties.length && removed.has(properties[j + 1])) j++;
    edits.set(properties[i], [{ ...removalRange(text, properties[i].range[0], properties[j].range[1]), text: '' }]);
    for (let k = i + 1; k <= j; k++) edits.set(properties[k], []);
    i = j;
  }
  return edits;
}

/** Whether the planner removes this param of a request to `surface`. */
function isRemoved(property: Node, surfaceId: SurfaceId): boolean {
  if (property.kind !== 'property' || property.key === null) return false;
  const tiers = surfaces[surfaceId].tiers;
  if (tiers) return property.key === 'size' && property.value.kind === 'string' && tiers.dropSizes.includes(property.value.value);
  return openaiParamPolicy.remove.some((r) => r.param === property.key);
}

/** Params of a request that the target model rejects, or that need mapping. */
function planParams(request: ImageRequest, text: string, options: MigrationOptions): Finding[] {
  const model = effectiveModel(request, options);
  if (!model) return [];
  const removals = removalEdits(text, request.params.properties, new Set(request.params.properties.filter((p) => isRemoved(p, request.surface))));
  const surface = surfaces[request.surface];
  const out: Finding[] = [];
  const base = {
    model: model.retired?.spelled ?? null,
    surface: request.surface,
    role: 'param' as const,
  };
  const modelName = `'${model.id}'${surface.family === 'resolution-tier' ? ` on ${surface.label}` : ''}`;

  for (const property of request.params.properties) {
    if (property.kind !== 'property' || property.key === null) continue;
    const value = property.value.kind === 'string' ? property.value.value : null;

    if (surface.tiers) {
      const tiers = surface.tiers;
      if (property.key === 'quality') {
        const tier = value !== null ? options.tierMap[value] : undefined;
        if (tier) {
          const resolution = tiers.casing === 'upper' ? tier.toUpperCase() : tier.toLowerCase();
          out.push({
            ...base,
            rule: 'no-legacy-quality',
            range: property.range,
            severity: model.severity,
            fix: 'auto',
            message: `${modelName} has no 'quality': it takes 'resolution' (${tiers.resolutions.join(', ')}). Rewrites quality '${value}' to resolution '${resolution}' (tier map ${tierMapText(options)}).`,
            edits: [renameKey(property, 'resolution', text), replaceValue(property.value, resolution)],
          });
        } else {
          out.push(
            reviewFinding(property, text, {
              ...base,
              rule: 'no-legacy-quality',
              severity: model.severity,
              message: `${modelName} has no 'quality': it takes 'resolution' (${tiers.resolutions.join(', ')}). The value ${value === null ? 'is not known statically' : `'${value}' is not in the tier map`}: set resolution by hand.`,
              marker: `set resolution (${tiers.resolutions.map((r) => `'${r}'`).join(' | ')}) instead of quality`,
            }),
          );
        }
      } else if (property.key === 'size') {
        const ratio = value !== null ? tiers.sizeToAspectRatio[value] : undefined;
        const hasRatio = propertyOf(request.params, 'aspect_ratio') !== null;
        if (value !== null && tiers.dropSizes.includes(value)) {
          out.push({
            ...base,
            rule: 'valid-params',
            range: property.range,
            severity: model.severity,
            fix: 'auto',
            message: `${modelName} has no 'size'; size '${value}' is the surface default, so it is removed.`,
            edits: removals.get(property) ?? [],
          });
        } else if (ratio && !hasRatio) {
          out.push({
            ...base,
            rule: 'valid-params',
            range: property.range,
            severity: model.severity,
            fix: 'auto',
            message: `${modelName} has no 'size': it takes 'aspect_ratio' (${tiers.aspectRatios.join(', ')}). Rewrites size '${value}' to aspect_ratio '${ratio}'.`,
            edits: [renameKey(property, 'aspect_ratio', text), replaceValue(property.value, ratio)],
          });
        } else {
          out.push(
            reviewFinding(property, text, {
              ...base,
              rule: 'valid-params',
              severity: model.severity,
              message: `${modelName} has no 'size': it takes 'aspect_ratio' (${tiers.aspectRatios.join(', ')}). ${hasRatio ? 'The request already sets aspect_ratio: remove size by hand.' : value === null ? 'The value is not known statically: set aspect_ratio by hand.' : `Size '${value}' has no aspect ratio on this surface: choose one by hand.`}`,
              marker: `set aspect_ratio (${tiers.aspectRatios.map((r) => `'${r}'`).join(' | ')}) instead of size`,
            }),
          );
        }
      } else if (property.key === 'n' && tiers.oneImagePerCall && property.value.kind === 'number' && property.value.value > 1) {
        out.push({
          ...base,
          rule: 'valid-params',
          range: property.range,
          severity: 'warning',
          fix: 'manual',
          message: `${surface.label} returns one image per task, so n: ${property.value.value} gives one image: create one task per image.`,
          edits: [],
        });
      }
      continue;
    }

    const removed = openaiParamPolicy.remove.find((r) => r.param === property.key);
    if (removed) {
      out.push({
        ...base,
        rule: 'valid-params',
        range: property.range,
        severity: model.severity,
        fix: 'auto',
        message: `'${property.key}' is not accepted by ${modelName}: ${removed.why}. Removes it.`,
        edits: removals.get(property) ?? [],
      });
      continue;
    }
    const valueMap = openaiParamPolicy.valueMaps[property.key];
    if (valueMap && value !== null && valueMap[value] && property.value.kind === 'string') {
      out.push({
        ...base,
        rule: property.key === 'quality' ? 'no-legacy-quality' : 'valid-params',
        range: property.range,
        severity: model.severity,
        fix: 'auto',
        message: `${property.key} '${value}' is a dall-e value that ${modelName} rejects. Rewrites it to '${valueMap[value]}'.`,
        edits: [replaceValue(property.value, valueMap[value])],
      });
      continue;
    }
    const decision = openaiParamPolicy.needsDecision[property.key];
    if (decision && value !== null && decision[value]) {
      out.push({
        ...base,
        rule: 'valid-params',
        range: property.range,
        severity: 'warning',
        fix: 'manual',
        message: `${property.key} '${value}' with ${modelName}: ${decision[value]}. Not rewritten.`,
        edits: [],
      });
    }
  }
  const added = addedParam(request, text, model.retired, model.severity, base, modelName);
  if (added) out.push(added);
  return out;
}

/**
 * A param the retired model implied and the target needs spelled out
 * (gpt-image-1-mini → gpt-image-2 with quality 'low'), added when the request
 * sets none and could not set it through a spread.
 */
function addedParam(
  request: ImageRequest,
  text: string,
  retired: RetiredIdMatch | null,
  severity: Severity,
  base: Pick<Finding, 'model' | 'surface' | 'role'>,
  modelName: string,
): Finding | null {
  const add = retired?.model.addWhenMissing;
  const anchor = request.modelProperty;
  if (!add || !anchor || surfaces[request.surface].family !== 'openai-shaped' || request.params !== request.request) return null;
  if (request.params.properties.some((p) => p.kind !== 'property' || p.key === add.param)) return null;
  const quoteChar = request.model.literal ? text[request.model.literal.range[0]] : "'";
  const q = quoteChar === '"' || quoteChar === "'" ? quoteChar : "'";
  return {
    ...base,
    rule: 'no-retired-model',
    range: anchor.range,
    severity,
    fix: 'auto',
    message: `The request sets no ${add.param}: ${add.why}. Adds ${add.param}: '${add.value}' for ${modelName}.`,
    edits: insertionAfter(text, anchor.range[0], anchor.range[1], `${add.param}: ${q}${add.value}${q}`),
  };
}

function tierMapText(options: MigrationOptions): string {
  return Object.entries(options.tierMap)
    .map(([quality, tier]) => `${quality}=${tier}`)
    .join(',');
}

/** Renames a property key in place, keeping its quotes. */
function renameKey(property: PropertyNode, key: string, text: string): Edit {
  const [start, end] = property.keyRange;
  if (property.shorthand) {
    // `{ quality }` → `{ resolution: quality }`
    return { start, end, text: `${key}: ${text.slice(start, end)}` };
  }
  return property.keyIsString ? { start: start + 1, end: end - 1, text: key } : { start, end, text: key };
}

/** Replaces a string literal's value inside its quotes. */
function replaceValue(node: Node, value: string): Edit {
  return { start: node.range[0] + 1, end: node.range[1] - 1, text: value };
}

/**
 * A manual finding on a param that `fix` leaves in place, marked with a
 * review comment so the next reader sees it (added once: a second run finds
 * the marker and adds nothing).
 */
function reviewFinding(
  property: PropertyNode,
  text: string,
  finding: Omit<Finding, 'range' | 'fix' | 'edits'> & { marker: string },
): Finding {
  const { marker, ...rest } = finding;
  const comment = `/* ${MARKER} ${marker} */ `;
  const lineStart = text.lastIndexOf('\n', property.range[0] - 1) + 1;
  const alreadyMarked = text.slice(lineStart, property.range[0]).includes(MARKER);
  return {
    ...rest,
    range: property.range,
    fix: 'manual',
    edits: alreadyMarked ? [] : [{ start: property.range[0], end: property.range[0], text: comment }],
  };
}

