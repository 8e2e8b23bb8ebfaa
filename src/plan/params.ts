/**
 * Params of image requests once their model is gpt-image-2: what the target
 * rejects or ignores (removed), dall-e leftovers (mapped), quality and size
 * on resolution-tier surfaces (mapped to resolution and aspect_ratio by the
 * tier map), what needs a decision (reported), a model the request relies on
 * by default (inserted), and file-level checks that follow from them (`.url`
 * reads, package versions).
 */
import { belowFix, dependencyBelow, fixedText, safeMinVersion, semver } from './versions.js';
import {
  deadlineOf,
  defaultModels,
  dependencyPolicy,
  notMigratable,
  isCurrentId,
  knownSpelling,
  matchRetiredId,
  AZURE_IMAGE_DEPLOYMENT_HEADER,
  openaiParamPolicy,
  policyOf,
  standardSizes,
  targetAdvice,
  type TargetModel,
  removedExports,
  sizeLimits,
  surfaceInfo,
  cite,
  sources,
  type MigrationOptions,
  type RemovedParam,
  type RetiredIdMatch,
  type Severity,
  type Surface,
  type SurfaceId,
} from '../catalog/index.js';
import { propertyOf, type FileContext, type FileView, type FormRequest, type ImageRequest } from '../analysis/view.js';
import type { CallNode, Node, ObjectNode, PropertyNode } from '../syntax/tree.js';
import { insertionAfter, insertionBefore, removalRange, skipTrivia, type Edit } from '../text/edits.js';
import { INSERTED_MODEL, MARKER, quote, type Finding } from './finding.js';
import { callSiteOf, requestLabel } from './occurrences.js';
import { formBlock, requestBlock } from './request-blocks.js';

interface Effective {
  /** The model after `fix`. */
  readonly id: string;
  readonly severity: Severity;
  readonly retired: RetiredIdMatch | null;
  /** The param policy of that model (src/catalog/targets.ts). */
  readonly policy: TargetModel;
}

/**
 * The model a request will call once `fix` has run, if it is a gpt-image
 * model; null also when the target has no known spelling on the request's
 * surface (the id stays, reported, so its params stay too).
 */
function effectiveModel(value: string | null, defaultModel: string | null, options: MigrationOptions, surface: string): Effective | null {
  const id = value ?? defaultModel;
  if (id === null) return null;
  const retired = matchRetiredId(id);
  if (retired) {
    const spelled = knownSpelling(retired, surface, options);
    if (spelled === null) return null;
    return { id: spelled, severity: deadlineOf(retired.model, options.now, options.shutdownDates).severity, retired, policy: policyOf(options.target) };
  }
  if (isCurrentId(id)) return { id, severity: 'error', retired: null, policy: policyOf(canonicalCurrent(id)) };
  return null;
}

/** A current id without its gateway prefix (`openai/gpt-image-2` → `gpt-image-2`). */
function canonicalCurrent(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

type Base = Pick<Finding, 'model' | 'surface' | 'role'>;

/** A builder of findings about one param of a request. */
function findingAt(base: Base, property: PropertyNode) {
  return (rule: Finding['rule'], fix: Finding['fix'], severity: Severity, message: string, edits: readonly Edit[] = []): Finding => ({
    ...base,
    rule,
    range: property.range,
    severity,
    fix,
    message,
    edits,
  });
}

/** Findings on one request's params (and a model it must name). */
export function planParams(
  request: ImageRequest,
  text: string,
  options: MigrationOptions,
  context: FileContext,
  view: Pick<FileView, 'urlReads' | 'b64Results' | 'imageDeploymentHeaders'> = { urlReads: [], b64Results: new Set(), imageDeploymentHeaders: [] },
): Finding[] {
  const surface = surfaceInfo(request.surface, options.registry);
  if (surface.deploymentNames) {
    // an Azure call is a person's to migrate, as a whole: an image tool that names no deployment is reported here, and
    // the dall-e params that the request will send to the gpt-image-2 deployment the guidance asks for
    const tool = azureImageTool(request, view.imageDeploymentHeaders, options);
    const dallEParams = request.evidence === 'tool' ? [] : planRunTimeModelParams(request, text, options, `the model of ${requestLabel(request, options)} is the Azure deployment it names`, 'once that is a gpt-image-2 deployment');
    return [...(tool ? [tool] : []), ...dallEParams];
  }
  // only a known provider's request changes model, so only its params follow; the id's finding says why not
  if (request.provider.kind !== 'known') return [];
  if (request.model.source === 'dynamic' && surface.family === 'openai-shaped') return planRunTimeModelParams(request, text, options);
  if (request.defaultReportOnly && request.model.source === 'absent') return planReportedDefault(request, text, options);
  const model = effectiveModel(request.model.value, request.model.source === 'absent' ? request.defaultModel : null, options, request.surface);
  const blocked = requestBlock(request, options, context, view);
  if (blocked !== null) {
    // the call still relies on a retired default: reported, with why nothing changes
    const inserted = model ? planInsertedModel(request, text, options, model) : null;
    if (!inserted) return [];
    const head = inserted.message.replace(/\s*(?:Adds model: .*|Not rewritten: .*)$/, '');
    return [{ ...inserted, fix: 'manual', edits: [], callSites: undefined, bindings: undefined, message: `${head} Not rewritten: ${blocked}.` }];
  }
  if (!model) return [];
  const out: Finding[] = [];
  const base: Base = { model: model.retired?.spelled ?? null, surface: request.surface, role: 'param' };
  const modelName = `'${model.id}'${surface.family === 'resolution-tier' ? ` on ${surface.label}` : ''}`;
  const params = request.params;
  const removed = new Set(params.properties.filter((p) => isRemoved(p, surface, model.policy)));
  const removals = removalEdits(text, params.properties, removed);

  for (const property of params.properties) {
    if (property.kind !== 'property' || property.key === null) continue;
    const value = property.value.kind === 'string' ? property.value.value : null;
    const finding = findingAt(base, property);

    const rejected = value !== null ? surface.rejects[property.key]?.[value] : undefined;
    if (rejected) {
      out.push(finding('valid-params', 'manual', 'error', `${property.key} '${value}' is rejected: ${rejected}. Not rewritten: choose a value by hand.`));
      continue;
    }
    const references = referenceCount(property);
    if (references !== null && references > sizeLimits.maxReferenceImages) {
      out.push(finding('valid-params', 'manual', 'error', `${references} reference images in '${property.key}': ${modelName} accepts at most ${sizeLimits.maxReferenceImages}. Not rewritten.`));
      continue;
    }

    if (surface.tiers) {
      out.push(...planTierParam(property, value, surface, model, modelName, options, text, removals, base, params));
      continue;
    }

    const removable = removedParam(paramName(property.key), model.policy);
    if (removable === 'unknown') {
      out.push(finding('valid-params', 'manual', 'warning', unknownParamText(property.key, model)));
      continue;
    }
    if (removable && property.value.kind === 'conditional') {
      // `style: model === 'dall-e-3' ? style : undefined`: the code already decides per model
      out.push(finding('valid-params', 'manual', 'warning', `'${property.key}' is not accepted by ${modelName} (${removable.why}); its value already depends on a condition, so it is left for you to remove when the condition no longer holds.`));
      continue;
    }
    if (removable) {
      out.push(finding('valid-params', 'auto', model.severity, `'${property.key}' is not accepted by ${modelName}: ${removable.why}. Removes it.`, removals.get(property) ?? []));
      continue;
    }
    const valueMap = openaiParamPolicy.valueMaps[property.key];
    if (valueMap && value !== null && valueMap[value]) {
      out.push(
        finding(
          property.key === 'quality' ? 'no-legacy-quality' : 'valid-params',
          'auto',
          model.severity,
          `${property.key} '${value}' is a dall-e value that ${modelName} rejects. Rewrites it to '${valueMap[value]}'.`,
          [replaceValue(property.value, valueMap[value])],
        ),
      );
      continue;
    }
    const decision = decisionFor(property.key, value, model);
    if (decision) {
      out.push(finding('valid-params', 'manual', decision.severity, `${property.key} '${value}' with ${modelName}: ${decision.text}. Not rewritten.`));
      continue;
    }
    if (property.key === 'size' && value !== null && model.policy.customSizes !== 'yes') {
      const unsure = sizeUnsure(value, model.policy);
      if (unsure) out.push(finding('valid-params', 'manual', 'warning', `size '${value}' with ${modelName}: ${unsure}. Not rewritten.`));
      continue;
    }
    if (property.key === 'size' && value !== null) {
      const problem = sizeProblem(value);
      if (problem) out.push(finding('valid-params', 'manual', problem.severity, `size '${value}' with ${modelName}: ${problem.message}.`));
      else if (!(sizeLimits.named as readonly string[]).includes(value) && request.surface === 'openai') {
        const old = dependencyBelow(context, 'openai');
        if (old) out.push(finding('valid-params', 'manual', 'warning', `custom size '${value}': ${old.why}; this package has openai ${old.range}. Upgrade openai.`));
      }
    }
  }

  const insertedModel = planInsertedModel(request, text, options, model);
  if (insertedModel) out.push(insertedModel);
  const added = addedParam(request, text, model, base, modelName, options);
  if (added) out.push(added);
  return out;
}

/**
 * The image tool on Azure with no model of its own (`azure.tools.imageGeneration({...})`,
 * `tools: [{ type: 'image_generation' }]` on an AzureOpenAI client): it draws with the
 * deployment the `x-ms-oai-image-generation-deployment` header names, a name the user
 * chose, never OpenAI's default. Reported with Azure's guidance unless this file sets
 * that header to a model id (a retired one is reported where it is written; a current
 * one is fine).
 */
function azureImageTool(request: ImageRequest, headers: readonly (string | null)[], options: MigrationOptions): Finding | null {
  if (request.evidence !== 'tool' || request.model.source !== 'absent' || request.provider.kind !== 'known') return null;
  if (headers.length > 0 && headers.every((value) => value !== null && (matchRetiredId(value) !== null || isCurrentId(value)))) return null;
  const label = requestLabel(request, options);
  const header = AZURE_IMAGE_DEPLOYMENT_HEADER;
  const values = headers.map((value) => (value === null ? 'a value not known statically' : quote(value)));
  const seen = headers.length === 0 ? 'this file does not set that header' : `this file sets it to ${values.join(', ')}, not a model id`;
  return {
    rule: 'no-retired-model',
    range: request.request.range,
    severity: 'warning',
    fix: 'manual',
    role: 'deployment',
    model: null,
    surface: request.surface,
    message: `${label} names no model: on Azure OpenAI the image tool draws with the deployment named in the ${header} header, a name you chose, and ${seen}. Not rewritten: if that deployment runs gpt-image-1, dall-e or another retired model, create a gpt-image-2 deployment in your Azure resource and point the header at it.`,
    edits: [],
  };
}

/**
 * A known provider's request whose model is decided at run time (a parameter,
 * an environment variable, a template) and that sends what only dall-e took
 * (`style`, `response_format`, quality 'hd'): whatever gpt-image model it
 * gets, the API rejects those, and the dall-e models are shut down. Reported,
 * never edited: which models reach the call is not known here. A value that
 * already depends on a condition is the code's own decision.
 */
function planRunTimeModelParams(
  request: ImageRequest,
  text: string,
  options: MigrationOptions,
  why = `the model of ${requestLabel(request, options)} is decided at run time`,
  when = 'if it is gpt-image-2 (or another gpt-image model)',
): Finding[] {
  const out: Finding[] = [];
  // the dall-e models share one shutdown date (the catalog's, or the user's --catalog)
  const dallE = matchRetiredId('dall-e-3')!.model;
  const deadline = deadlineOf(dallE, options.now, options.shutdownDates);
  const gone = `dall-e, which took it, ${deadline.shutDown ? 'was shut down' : 'shuts down'} on ${options.shutdownDates[dallE.id] ?? dallE.shutdownDate}`;
  const properties = request.params.properties;
  const removals = removalEdits(text, properties, new Set(properties.filter((p) => p.kind === 'property' && p.key !== null && openaiParamPolicy.remove.some((r) => r.dallEOnly && r.param === paramName(p.key!)))));
  for (const property of properties) {
    if (property.kind !== 'property' || property.key === null || property.value.kind === 'conditional') continue;
    const base = { model: null, surface: request.surface, role: 'param' as const, range: property.range, severity: 'warning' as const, fix: 'manual' as const, edits: [] };
    const removable = openaiParamPolicy.remove.find((r) => r.dallEOnly && r.param === paramName(property.key!));
    if (removable) {
      out.push({
        ...base,
        rule: 'valid-params',
        message: `'${property.key}' is a dall-e param and ${why}: ${when}, the request is rejected (${removable.why}); ${gone}. Not rewritten: check which models reach this call, then remove it.`,
        suggestion: { description: `Remove '${property.key}'`, edits: removals.get(property) ?? [] },
      });
      continue;
    }
    const value = property.value.kind === 'string' ? property.value.value : null;
    const mapped = value !== null ? openaiParamPolicy.valueMaps[property.key]?.[value] : undefined;
    if (mapped) {
      out.push({
        ...base,
        rule: property.key === 'quality' ? 'no-legacy-quality' : 'valid-params',
        message: `${property.key} '${value}' is a dall-e value and ${why}: ${when}, the request is rejected ('${mapped}' is the equivalent there); ${gone}. Not rewritten: check which models reach this call, then use '${mapped}'.`,
        suggestion: { description: `Use ${property.key} '${mapped}'`, edits: [replaceValue(property.value, mapped)] },
      });
    }
  }
  return out;
}

function planTierParam(
  property: PropertyNode,
  value: string | null,
  surface: Surface,
  model: Effective,
  modelName: string,
  options: MigrationOptions,
  text: string,
  removals: Map<Node, Edit[]>,
  base: Base,
  params: ObjectNode,
): Finding[] {
  const tiers = surface.tiers!;
  const cased = (tier: string) => (tiers.casing === 'upper' ? tier.toUpperCase() : tier.toLowerCase());
  const finding = findingAt(base, property);
  const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(' | ');

  switch (property.key) {
    case 'quality': {
      const tier = value !== null ? options.tierMap[value] : undefined;
      if (tier) {
        return [
          finding(
            'no-legacy-quality',
            'auto',
            model.severity,
            `${modelName} has no 'quality': it takes 'resolution' (${tiers.resolutions.join(', ')}). Rewrites quality '${value}' to resolution '${cased(tier)}' (tier map ${tierMapText(options)}).`,
            [renameKey(property, 'resolution', text), replaceValue(property.value, cased(tier))],
          ),
        ];
      }
      return [
        reviewFinding(property, text, {
          ...base,
          rule: 'no-legacy-quality',
          severity: model.severity,
          message: `${modelName} has no 'quality': it takes 'resolution' (${tiers.resolutions.join(', ')}). The value ${value === null ? 'is not known statically' : `'${value}' is not in the tier map`}: set resolution by hand.`,
          marker: `set resolution (${list(tiers.resolutions)}) instead of quality`,
        }),
      ];
    }
    case 'size': {
      const ratio = value !== null ? tiers.sizeToAspectRatio[value] : undefined;
      const hasRatio = propertyOf(params, 'aspect_ratio') !== null;
      if (value !== null && tiers.dropSizes.includes(value)) {
        return [finding('valid-params', 'auto', model.severity, `${modelName} has no 'size'; size '${value}' is the surface default, so it is removed.`, removals.get(property) ?? [])];
      }
      if (ratio && !hasRatio) {
        return [
          finding(
            'valid-params',
            'auto',
            model.severity,
            `${modelName} has no 'size': it takes 'aspect_ratio' (${tiers.aspectRatios.join(', ')}). Rewrites size '${value}' to aspect_ratio '${ratio}'.`,
            [renameKey(property, 'aspect_ratio', text), replaceValue(property.value, ratio)],
          ),
        ];
      }
      return [
        reviewFinding(property, text, {
          ...base,
          rule: 'valid-params',
          severity: model.severity,
          message: `${modelName} has no 'size': it takes 'aspect_ratio' (${tiers.aspectRatios.join(', ')}). ${hasRatio ? 'The request already sets aspect_ratio: remove size by hand.' : value === null ? 'The value is not known statically: set aspect_ratio by hand.' : `Size '${value}' has no aspect ratio on this surface: choose one by hand.`}`,
          marker: `set aspect_ratio (${list(tiers.aspectRatios)}) instead of size`,
        }),
      ];
    }
    case 'resolution': {
      if (value === null || tiers.resolutions.includes(value)) return [];
      const fixed = tiers.resolutions.find((r) => r.toLowerCase() === value.toLowerCase());
      if (fixed) {
        return [finding('valid-params', 'auto', 'error', `${surface.label} spells resolution '${fixed}', not '${value}'. Rewrites it.`, [replaceValue(property.value, fixed)])];
      }
      return [finding('valid-params', 'manual', 'error', `resolution '${value}' is not accepted by ${modelName} (${tiers.resolutions.join(', ')}). Not rewritten.`)];
    }
    case 'aspect_ratio':
      if (value === null || tiers.aspectRatios.includes(value)) return [];
      return [finding('valid-params', 'manual', 'error', `aspect_ratio '${value}' is not accepted by ${modelName} (${tiers.aspectRatios.join(', ')}). Not rewritten.`)];
    case 'n': {
      if (tiers.countParam) {
        return [
          finding('valid-params', 'auto', model.severity, `${surface.label} names the image count '${tiers.countParam}', not 'n'. Renames it.`, [renameKey(property, tiers.countParam, text)]),
        ];
      }
      if (tiers.oneImagePerCall && property.value.kind === 'number' && property.value.value > 1) {
        return [finding('valid-params', 'manual', 'warning', `${surface.label} returns one image per task, so n: ${property.value.value} gives one image: create one task per image.`)];
      }
      return [];
    }
    default:
      return [];
  }
}

/**
 * A request that relies on the endpoint's default model where no model is
 * ever inserted: a raw HTTP body (`fetch`, `requests.post`, `axios.post` to
 * /v1/images/generations) or the openai v3 SDK's `createImage`. Reported
 * with the default it uses, once, on the request; its params are not planned
 * (they go to the dead default today, and change with whatever model a
 * person picks).
 */
function planReportedDefault(request: ImageRequest, text: string, options: MigrationOptions): Finding[] {
  const model = effectiveModel(null, request.defaultModel, options, request.surface);
  const found = model ? planInsertedModel({ ...request, insertModel: 'first' }, text, options, model) : null;
  if (!model || !found) return [];
  const head = found.message.replace(/\s*(?:Adds model: .*|Not rewritten: .*)$/, '');
  const target = quote(model.id);
  const why =
    request.defaultReportOnly === 'v3-sdk'
      ? `${request.callee ?? 'createImage'}() is the API of the openai v3 SDK (OpenAIApi, replaced in v4): port the call to client.images.generate({ model: ${target}, ... }) of openai v4 or later, and read the result as b64_json (gpt-image models return no URLs)`
      : `the body of a raw HTTP request is left to you: add model: ${target} to it by hand, and check what reads the response (gpt-image models return b64_json only, no URLs)`;
  return [{ ...found, fix: 'manual', edits: [], callSites: undefined, bindings: undefined, message: `${head} Not rewritten: ${why}.` }];
}

/** A request that relies on the API's default model (a dead or retiring one) gets an explicit `model`. */
function planInsertedModel(request: ImageRequest, text: string, options: MigrationOptions, model: Effective): Finding | null {
  if (request.model.source !== 'absent' || !request.defaultModel || !request.insertModel || !model.retired) return null;
  const label = requestLabel(request, options);
  const deadline = deadlineOf(model.retired.model, options.now, options.shutdownDates);
  const head = `${label} names no model, so it uses the default ${quote(request.defaultModel)}, which ${deadline.text}.`;
  const properties = request.request.properties;
  const anchor = request.insertModel === 'after-type' ? propertyOf(request.request, 'type') : properties[0];
  const base = { rule: 'no-retired-model' as const, severity: deadline.severity, role: 'api-argument' as const, model: request.defaultModel, surface: request.surface };
  const empty = request.emptyOptions;
  if (empty) {
    // nothing written that could set a model: the call uses the default for sure
    if (!empty.inside) {
      const why = empty.bare ? 'the call is not a plain `()` (a comment, type arguments or `?.`)' : 'the braces hold a comment';
      return { ...base, range: request.request.range, fix: 'manual', message: `${head} Not rewritten: ${why}, where an inserted model could land wrong; add model: ${quote(model.id)} by hand.`, edits: [] };
    }
    // an empty object bound to a name first is likely filled in later (`params.model = ...`)
    if (!empty.bare && !request.call?.args.includes(request.request)) return { ...base, range: request.request.range, fix: 'manual', message: `${head} Not rewritten: the object is built apart from the call and may get its model later; if it does not, add model: ${quote(model.id)} where it is built.`, edits: [] };
    const entry = entryText(request.request, 'model', model.id, text, empty.quote);
    const item = empty.bare ? `{ ${entry} }` : request.request.spelling === 'dict' ? entry : ` ${entry} `;
    return {
      ...base,
      range: request.request.range,
      fix: 'auto',
      message: `${head} Adds model: ${quote(model.id)}.`,
      edits: [{ start: empty.inside[0], end: empty.inside[1], text: item }],
      callSites: [callSiteOf(request, model.retired, options)],
      bindings: [{ key: INSERTED_MODEL, role: 'feeds' }],
    };
  }
  if (!anchor || properties.some((p) => p.kind === 'spread')) {
    // what the spread holds is not seen: the call may well name a model, so this is not an error of its own
    const unseen = `${label} names no model of its own, and a spread it cannot see may set one; if it does not, the call uses the default ${quote(request.defaultModel)}, which ${deadline.text}.`;
    const severity = base.severity === 'error' ? 'warning' : base.severity;
    return { ...base, severity, range: request.request.range, fix: 'manual', message: `${unseen} Not rewritten: add model: ${quote(model.id)} where the params are built.`, edits: [] };
  }
  const item = entryText(request.request, 'model', model.id, text);
  return {
    ...base,
    range: anchor.range,
    fix: 'auto',
    message: `${head} Adds model: ${quote(model.id)}.`,
    edits:
      request.insertModel === 'after-type' ? insertionAfter(text, anchor.range[0], anchor.range[1], item, hashComments(request.request)) : insertionBefore(text, anchor.range[0], item),
    callSites: [callSiteOf(request, model.retired, options)],
    // a test that expects exactly these params would break: the planner ties this to the package's tests
    bindings: [{ key: INSERTED_MODEL, role: 'feeds' }],
  };
}

/**
 * A param the retired model implied and the target needs spelled out
 * (gpt-image-1-mini → gpt-image-2 with quality 'low'), added when the request
 * sets none and could not set it through a spread.
 */
function addedParam(request: ImageRequest, text: string, model: Effective, base: Base, modelName: string, options: MigrationOptions): Finding | null {
  const add = model.retired?.model.addWhenMissing;
  const anchor = request.modelProperty;
  if (!add || !anchor || request.request.properties.some((p) => p.kind !== 'property')) return null;
  if (request.params !== request.request || propertyOf(request.params, add.param)) return null;
  if (!add.targets.includes(options.target)) {
    // the advice is about another model: the request keeps the target's default, and a person may choose
    return {
      ...base,
      rule: 'no-retired-model',
      range: anchor.range,
      severity: 'info',
      fix: 'manual',
      message: `The request sets no ${add.param}: ${add.why}; nothing says the same of ${modelName}, so no ${add.param} is added. Choose one by hand if speed and cost matter.`,
      edits: [],
    };
  }
  return {
    ...base,
    rule: 'no-retired-model',
    range: anchor.range,
    severity: model.severity,
    fix: 'auto',
    message: `The request sets no ${add.param}: ${add.why}. Adds ${add.param}: '${add.value}' for ${modelName}.`,
    edits: insertionAfter(text, anchor.range[0], anchor.range[1], entryText(request.request, add.param, add.value, text), hashComments(request.request)),
  };
}

/** Multipart fields (`form.append('input_fidelity', 'high')`): the same policy, statement by statement. */
export function planForm(form: FormRequest, text: string, options: MigrationOptions, view: Pick<FileView, 'urlReads' | 'b64Results'>): Finding[] {
  const surface = surfaceInfo(form.surface, options.registry);
  if (surface.deploymentNames || form.provider.kind !== 'known') return [];
  // a form whose model stays (its result handling or its endpoint first): its fields stay with it, a request changes whole or not at all
  if (formBlock(form, view) !== null) return [];
  const model = effectiveModel(form.model.value, null, options, form.surface);
  if (!model) return [];
  const out: Finding[] = [];
  const base: Base = { model: model.retired?.spelled ?? null, surface: form.surface, role: 'param' };
  for (const field of form.fields) {
    const value = field.value.kind === 'string' ? field.value.value : null;
    const removable = removedParam(field.key, model.policy);
    if (removable === 'unknown') {
      out.push({ ...base, rule: 'valid-params', range: field.call.range, severity: 'warning', fix: 'manual', message: unknownParamText(field.key, model), edits: [] });
      continue;
    }
    if (removable) {
      const statement = statementRange(text, field.call.range[0], field.call.range[1]);
      out.push({
        ...base,
        rule: 'valid-params',
        range: field.call.range,
        severity: model.severity,
        fix: statement ? 'auto' : 'manual',
        message: `'${field.key}' is not accepted by '${model.id}': ${removable.why}. ${statement ? 'Removes the field.' : 'Remove the field by hand (it shares its line with other code).'}`,
        edits: statement ? [{ ...statement, text: '' }] : [],
      });
      continue;
    }
    const valueMap = openaiParamPolicy.valueMaps[field.key];
    if (valueMap && value !== null && valueMap[value]) {
      out.push({
        ...base,
        rule: field.key === 'quality' ? 'no-legacy-quality' : 'valid-params',
        range: field.call.range,
        severity: model.severity,
        fix: 'auto',
        message: `${field.key} '${value}' is a dall-e value that '${model.id}' rejects. Rewrites it to '${valueMap[value]}'.`,
        edits: [replaceValue(field.value, valueMap[value])],
      });
      continue;
    }
    const decision = decisionFor(field.key, value, model);
    if (decision) {
      out.push({ ...base, rule: 'valid-params', range: field.call.range, severity: decision.severity, fix: 'manual', message: `${field.key} '${value}' with '${model.id}': ${decision.text}. Not rewritten.`, edits: [] });
    }
  }
  return out;
}

/** Checks of a whole file that follow from its requests: `.url` reads, removed exports of a newer `ai`. */
export function planFileChecks(view: FileView, options: MigrationOptions, context: FileContext, text: string): Finding[] {
  const out: Finding[] = [];
  const toolDefault = matchRetiredId(defaultModels['responses.image_generation'])!;
  for (const { object, setLater } of view.looseTools) {
    const deadline = deadlineOf(toolDefault.model, options.now, options.shutdownDates);
    const uses = `the tool's default ${quote(toolDefault.spelled)}, which ${deadline.text}`;
    out.push({
      rule: 'no-retired-model',
      range: object.range,
      severity: setLater && deadline.severity === 'error' ? 'warning' : deadline.severity,
      fix: 'manual',
      role: 'api-argument',
      model: toolDefault.spelled,
      surface: 'responses-tool',
      message: setLater
        ? `This image_generation tool sets its model only on some paths (the code assigns one later); where it does not, it uses ${uses}. Not rewritten: give it model: ${quote(options.target)} where it is built.`
        : `This image_generation tool, built apart from the request that sends it, names no model, so it uses ${uses}. Not rewritten: add model: ${quote(options.target)} where it is built.`,
      edits: [],
    });
  }
  const gptImage = [
    ...view.requests.map((r) => ({ surface: r.surface, model: effectiveModel(r.model.value, r.model.source === 'absent' ? r.defaultModel : null, options, r.surface) })),
    ...view.forms.map((f) => ({ surface: f.surface, model: effectiveModel(f.model.value, null, options, f.surface) })),
  ].find((r, i) => r.model && surfaceInfo(r.surface, options.registry).family === 'openai-shaped' && [...view.requests, ...view.forms][i].provider.kind === 'known');
  if (gptImage) {
    for (const read of view.urlReads) {
      out.push({
        rule: 'valid-params',
        range: read.range,
        severity: 'warning',
        fix: 'manual',
        role: 'param',
        model: gptImage.model!.retired?.spelled ?? null,
        surface: gptImage.surface,
        message: `gpt-image models return b64_json only, so '.url' of a result is undefined: decode b64_json (or upload it) instead. Not rewritten.`,
        edits: [],
      });
    }
  }
  for (const blocked of view.notMigratable) {
    if (blocked.namesModel) continue; // the id's own finding says it
    const entry = notMigratable[blocked.what];
    const defaultModel = blocked.defaultModel ?? entry.defaultModel;
    const model = matchRetiredId(defaultModel)!.model;
    out.push({
      rule: 'no-retired-model',
      range: blocked.call.range,
      severity: deadlineOf(model, options.now, options.shutdownDates).severity,
      fix: 'manual',
      role: 'not-migratable',
      model: null,
      surface: blocked.azure ? 'azure' : entry.surface,
      message: `${blocked.what} calls a dall-e model (${defaultModel} unless another is named; ${model.id} ${deadlineOf(model, options.now, options.shutdownDates).text}): ${azureWhy(blocked.why, blocked.azure)}.${modernCall(blocked.what, blocked.call, text, options, blocked.azure)} Not rewritten.`,
      edits: [],
    });
  }
  const dependencies = context.project && context.fileName ? context.project.dependencies(context.fileName) : {};
  for (const removed of view.removedImports) {
    const policy = removedExports.find((r) => r.name === removed.name && r.from === removed.source)!;
    const range = dependencies[policy.from];
    const min = range ? safeMinVersion(range) : null;
    if (!min || semver().major(min) < policy.removedIn) continue;
    out.push({
      rule: 'valid-params',
      range: removed.range,
      severity: 'error',
      fix: 'manual',
      role: 'dependency',
      model: null,
      surface: 'vercel-ai',
      message: `'${policy.name}' was removed in ${policy.from}@${policy.removedIn} (this package has ${policy.from} ${range}): import ${policy.use} instead. Not rewritten.`,
      edits: [],
    });
  }
  return out;
}

/** The package-level dependency checks (package.json), e.g. @ai-sdk/openai below 3.0.54. */
export function dependencyFindings(text: string, options: MigrationOptions): Finding[] {
  let json: Record<string, Record<string, string> | undefined>;
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    return [];
  }
  const out: Finding[] = [];
  for (const policy of dependencyPolicy) {
    if (policy.name === 'openai') continue; // judged where custom sizes are used
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const range = json[field]?.[policy.name];
      if (typeof range !== 'string') continue;
      const min = safeMinVersion(range);
      if (!min || !belowFix(min, policy)) continue;
      const at = text.indexOf(`"${policy.name}"`, text.indexOf(`"${field}"`));
      out.push({
        rule: 'valid-params',
        range: [at, at + policy.name.length + 2],
        severity: 'warning',
        fix: 'manual',
        role: 'dependency',
        model: null,
        surface: 'dependencies',
        message: `${policy.name} ${range} is below ${fixedText(policy)}: ${policy.why}. Upgrade it before moving image calls to gpt-image-2.`,
        edits: [],
      });
    }
  }
  void options;
  return out;
}

/** What is wrong with a gpt-image-2 size, if anything (the `size` docs of images.d.ts). */
export function sizeProblem(size: string): { severity: Severity; message: string } | null {
  if ((sizeLimits.named as readonly string[]).includes(size)) return null;
  const match = /^(\d+)x(\d+)$/.exec(size);
  if (!match) return { severity: 'error', message: "not a size: use 'auto' or WIDTHxHEIGHT" };
  const [w, h] = [Number(match[1]), Number(match[2])];
  const pixels = w * h;
  const problems: string[] = [];
  if (w % sizeLimits.multipleOf || h % sizeLimits.multipleOf) problems.push(`both sides must be multiples of ${sizeLimits.multipleOf}`);
  if (Math.max(w, h) / Math.min(w, h) > sizeLimits.maxRatio) problems.push(`the ratio must be within 1:${sizeLimits.maxRatio} to ${sizeLimits.maxRatio}:1`);
  if (pixels < sizeLimits.minPixels || pixels > sizeLimits.maxPixels) {
    problems.push(`it must have ${sizeLimits.minPixels.toLocaleString('en-US')} to ${sizeLimits.maxPixels.toLocaleString('en-US')} pixels (it has ${pixels.toLocaleString('en-US')})`);
  }
  if (Math.max(w, h) > sizeLimits.maxWidth || Math.min(w, h) > sizeLimits.maxHeight) problems.push(`it must fit within ${sizeLimits.maxWidth}x${sizeLimits.maxHeight}`);
  if (problems.length > 0) return { severity: 'error', message: `gpt-image-2 rejects it: ${problems.join('; ')}` };
  if (pixels > sizeLimits.experimentalAbovePixels) return { severity: 'warning', message: 'sizes above 2560x1440 are experimental on gpt-image-2' };
  return null;
}

/** The number of elements of an array literal of reference images, if the param holds one. */
function referenceCount(property: PropertyNode): number | null {
  if (!['image', 'images', 'image_urls', 'image_url', 'reference_images'].includes(property.key ?? '')) return null;
  return property.value.kind === 'array' ? property.value.elements.length : null;
}

/** Whether the planner removes this param of a request to `surface`. */
function isRemoved(property: Node, surface: Surface, policy: TargetModel): boolean {
  if (property.kind !== 'property' || property.key === null || property.value.kind === 'conditional') return false;
  if (surface.tiers) return property.key === 'size' && property.value.kind === 'string' && surface.tiers.dropSizes.includes(property.value.value);
  const removable = removedParam(paramName(property.key), policy);
  return removable !== null && removable !== 'unknown';
}

/**
 * A param the model rejects or ignores (removed by the fix), `unknown` when
 * the vendor says to omit it for gpt-image-2 but nothing of this model
 * (input_fidelity on gpt-image-2.5 and 2.6), or null.
 */
function removedParam(key: string, policy: TargetModel): RemovedParam | 'unknown' | null {
  const removable = openaiParamPolicy.remove.find((r) => r.param === key);
  if (!removable) return null;
  if (removable.param === 'input_fidelity' && policy.inputFidelity === 'unknown') return 'unknown';
  return removable;
}

function unknownParamText(key: string, model: Effective): string {
  return `'${key}' with '${model.id}': OpenAI's types say to omit it for gpt-image-2 and say nothing of ${model.policy.id} (${cite(sources.imagesTypes)}). Not rewritten: check the model's page, then keep or remove it by hand.`;
}

/** What a param value needs a person for on this model, with advice naming the targets that serve it. */
function decisionFor(key: string, value: string | null, model: Effective): { severity: Severity; text: string } | null {
  if (value === null) return null;
  const policy = model.policy;
  if (key === 'background' && value === 'transparent') {
    const advice = targetAdvice((t) => t.transparentBackground === 'yes', "background 'transparent'", policy.id);
    if (policy.transparentBackground === 'yes') return null;
    if (policy.transparentBackground === 'preview') return { severity: 'warning', text: `${openaiParamPolicy.needsDecision.background.transparent}.${advice}` };
    return { severity: 'warning', text: `OpenAI's types do not say whether ${policy.id} supports transparent backgrounds (${cite(sources.imagesTypes)}): check before relying on it.${advice}` };
  }
  if (key === 'quality' && extraQualities.includes(value) && !policy.qualities.includes(value)) {
    const advice = targetAdvice((t) => t.qualities.includes(value), `quality '${value}'`, policy.id);
    const said = policy.qualities.length > 0 ? `OpenAI's types list ${policy.qualities.join(', ')} and auto for ${policy.id}` : `nothing is known of ${policy.id}'s qualities`;
    return { severity: 'error', text: `${said} (${cite(sources.imagesTypes)}).${advice}` };
  }
  if (key === 'complexity' && policy.complexity !== 'yes') {
    const advice = targetAdvice((t) => t.complexity === 'yes', "'complexity'", policy.id);
    return { severity: 'warning', text: `'complexity' is documented for gpt-image-2.6 models, not ${policy.id} (${cite(sources.gptImage26Page)}).${advice}` };
  }
  return null;
}

/** Qualities only some current models take. */
const extraQualities: readonly string[] = ['xhigh', 'max'];

/** Why a size is not known to work on a model whose custom sizes the vendor does not document, or null. */
function sizeUnsure(size: string, policy: TargetModel): string | null {
  if (standardSizes.includes(size)) return null;
  if (size === 'auto') {
    return policy.autoSize === 'yes' ? null : `OpenAI's types say 'auto' works "for models that allow automatic sizing" without listing ${policy.id} (${cite(sources.imagesTypes)}): check it, or set a standard size`;
  }
  const advice = targetAdvice((t) => t.customSizes === 'yes', 'custom sizes', policy.id);
  return `OpenAI's types document custom sizes for gpt-image-2 and gpt-image-2.5 models, not ${policy.id}, whose known sizes are ${standardSizes.join(', ')} (${cite(sources.imagesTypes)}): choose one of those or check the model's page.${advice}`;
}

/** OpenAI's snake_case name of a param; `@ai-sdk/openai` 4 spells providerOptions in camelCase (`inputFidelity`). */
function paramName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Edits removing `removed` properties of an object, each within its own
 * property (with its comma, or its whole line), so comments between them stay
 * untouched. Neighbours never fight over a comma: when the last property of
 * a list goes inline, it would take the comma before it, which a removed
 * neighbour already took; the run then takes the comma before its first
 * property instead. The edits of a run are carried by its first property.
 */
function removalEdits(text: string, properties: readonly Node[], removed: ReadonlySet<Node>): Map<Node, Edit[]> {
  const edits = new Map<Node, Edit[]>();
  const owner = properties[0]?.parent;
  const hash = owner?.kind === 'object' && hashComments(owner);
  for (let i = 0; i < properties.length; i++) {
    if (!removed.has(properties[i])) continue;
    let j = i;
    while (j + 1 < properties.length && removed.has(properties[j + 1])) j++;
    const pieces: Edit[] = [];
    let previousEnd = -1;
    for (let k = i; k <= j; k++) {
      const own = removalRange(text, properties[k].range[0], properties[k].range[1], hash);
      const [start, end] = properties[k].range;
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const lastInline = text[skipTrivia(text, end, true, hash)] !== ',' && !/^[ \t]*$/.test(text.slice(lineStart, start));
      if (k > i && (own.start < previousEnd || lastInline)) {
        // the last item took the comma before it, which belongs to a removed neighbour:
        // remove the item and the blanks before it, and the comma before the run instead
        let start = properties[k].range[0];
        while (start > previousEnd && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
        pieces.push({ start, end: properties[k].range[1], text: '' });
        const first = properties[i].range[0];
        let comma = first;
        while (comma > 0 && (text[comma - 1] === ' ' || text[comma - 1] === '\t')) comma--;
        if (text[comma - 1] === ',') {
          const commentsBetween = /\/[*/]/.test(text.slice(first, properties[k].range[0]));
          // with a comment kept in between, the blank after the comma stays to separate it
          pieces.unshift({ start: comma - 1, end: commentsBetween ? comma : Math.min(first, pieces[0]?.start ?? first), text: '' });
        }
      } else {
        pieces.push({ start: Math.max(own.start, previousEnd), end: own.end, text: '' });
      }
      previousEnd = pieces[pieces.length - 1].end;
    }
    edits.set(properties[i], pieces.filter((piece) => piece.end > piece.start));
    for (let k = i + 1; k <= j; k++) edits.set(properties[k], []);
    i = j;
  }
  return edits;
}

/** The whole line of a statement (`form.append(...);`) when it stands alone on it, else null. */
function statementRange(text: string, start: number, end: number): { start: number; end: number } | null {
  let stop = skipTrivia(text, end, true);
  if (text[stop] === ';') stop = skipTrivia(text, stop + 1, true);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, start))) return null;
  if (stop < text.length && text[stop] !== '\n' && text[stop] !== '\r') return null;
  if (text[stop] === '\r') stop++;
  if (text[stop] === '\n') stop++;
  return { start: lineStart, end: stop };
}

function tierMapText(options: MigrationOptions): string {
  return Object.entries(options.tierMap)
    .map(([quality, tier]) => `${quality}=${tier}`)
    .join(',');
}

/** The quote character the object's own strings use (else `fallback`, else the language's usual one). */
function quoteOf(object: ObjectNode, text: string, fallback: string | null = null): string {
  for (const property of object.properties) {
    if (property.kind === 'property' && property.value.kind === 'string') {
      const q = text[property.value.range[0]];
      if (q === '"' || q === "'") return q;
    }
  }
  return fallback ?? (hashComments(object) ? '"' : "'");
}

/** A new entry `key` with the string `value`, spelled as the object spells its entries (`key: 'v'`, `key="v"`, `"key": "v"`). */
function entryText(object: ObjectNode, key: string, value: string, text: string, fallbackQuote: string | null = null): string {
  const q = quoteOf(object, text, fallbackQuote);
  if (object.spelling === 'keywords') return `${key}=${q}${value}${q}`;
  if (object.spelling === 'dict') return `${q}${key}${q}: ${q}${value}${q}`;
  return `${key}: ${q}${value}${q}`;
}

/** Python's entries (keyword arguments, dicts): `#` starts a comment around them. */
function hashComments(object: ObjectNode): boolean {
  return object.spelling === 'keywords' || object.spelling === 'dict';
}

/** Renames a property key in place, keeping its quotes. */
function renameKey(property: PropertyNode, key: string, text: string): Edit {
  const [start, end] = property.keyRange;
  if (property.shorthand) return { start, end, text: `${key}: ${text.slice(start, end)}` }; // `{ quality }` → `{ resolution: quality }`
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
function reviewFinding(property: PropertyNode, text: string, finding: Omit<Finding, 'range' | 'fix' | 'edits'> & { marker: string }): Finding {
  const { marker, ...rest } = finding;
  const comment = `/* ${MARKER} ${marker} */ `;
  // Python has no comment that fits inside a line: the finding is reported, the code left as it is
  if (property.parent?.kind === 'object' && hashComments(property.parent)) return { ...rest, range: property.range, fix: 'manual', edits: [] };
  const lineStart = text.lastIndexOf('\n', property.range[0] - 1) + 1;
  const alreadyMarked = text.slice(lineStart, property.range[0]).includes(MARKER);
  return { ...rest, range: property.range, fix: 'manual', edits: alreadyMarked ? [] : [{ start: property.range[0], end: property.range[0], text: comment }] };
}

export type { SurfaceId };

/** The pre-1.0 module API's advice, on Azure: its port is AzureOpenAI with a gpt-image-2 deployment, not OpenAI with the model. */
function azureWhy(why: string, azure = false): string {
  return azure ? why.replace(/(Async)?OpenAI\(\)\.images\.(\w+)\(model='[^']*', \.\.\.\)/, "$1AzureOpenAI(...).images.$2(model=<your gpt-image-2 deployment>, ...) (this file calls Azure OpenAI: create a gpt-image-2 deployment first)") : why;
}

/** The pre-1.0 module API and the client method each call becomes. */
const MODERN_METHODS: Readonly<Record<string, string>> = {
  'Image.create': 'images.generate',
  'Image.create_edit': 'images.edit',
  'Image.acreate': 'images.generate',
  'Image.acreate_edit': 'images.edit',
};
/**
 * ` It becomes: client.images.generate(model="gpt-image-2", prompt=p, size="1024x1024")`
 * for `openai.Image.create(prompt=p, size="512x512", response_format="url")`: the
 * modern call with the params mapped, and what the result handling needs. Empty
 * for a call that has no mechanical counterpart (variations).
 */
function modernCall(what: string, call: CallNode, text: string, options: MigrationOptions, azure = false): string {
  const method = MODERN_METHODS[what];
  if (!method) return '';
  const keywords = call.args.find((arg): arg is ObjectNode => arg.kind === 'object' && arg.spelling === 'keywords');
  // on Azure, `model` is the deployment: the gpt-image-2 deployment the user creates, whatever they name it
  const parts = [azure ? 'model="<your gpt-image-2 deployment>"' : `model="${options.target}"`];
  for (const property of keywords?.properties ?? []) {
    if (property.kind !== 'property' || property.key === null) {
      parts.push(text.slice(property.range[0], property.range[1]));
      continue;
    }
    // the inline policy's own maps: removed params go, dall-e values become their gpt-image equivalent
    if (property.key === 'model' || openaiParamPolicy.remove.some((removed) => removed.param === property.key)) continue;
    const mapped = property.value.kind === 'string' ? openaiParamPolicy.valueMaps[property.key]?.[property.value.value] : undefined;
    parts.push(mapped ? `${property.key}="${mapped}"` : text.slice(property.range[0], property.range[1]));
  }
  const async = what.startsWith('Image.a');
  const client = `${async ? 'Async' : ''}${azure ? 'AzureOpenAI' : 'OpenAI'}`;
  return (
    ` It becomes: ${async ? 'await ' : ''}client.images.${method.split('.')[1]}(${parts.join(', ')}) with client = ${client}(${azure ? 'azure_endpoint=..., api_version=...' : ''});` +
    ` the result is an object with base64 images: result.data[0].b64_json, not response["data"][0]["url"]`
  );
}