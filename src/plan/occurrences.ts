/**
 * Every retired id gets a role from its context, and the role decides: API
 * arguments and settings are rewritten; comparisons, data, types, UI values,
 * Azure deployment names and APIs a rename cannot migrate are reported with
 * the reason (and a suggestion where one change is likely right).
 */
import { propertyOf, type FileView, type IdOccurrence, type ImageRequest, type OccurrenceContext, type TemplateModel } from '../analysis/view.js';
import type { Provider } from '../analysis/provider.js';
import type { FileContext } from '../analysis/view.js';
import { formBlock, requestBlock, sdkVersionBlock } from './request-blocks.js';
import { azureSignals, deadlineOf, knownSpelling, matchRetiredId, notMigratable, surfaceInfo, type MigrationOptions, type RetiredIdMatch, type Severity, type SurfaceId } from '../catalog/index.js';
import { idFinding, quote, replacementId, type CallSite, type Finding } from './finding.js';

export function planOccurrence(occurrence: IdOccurrence, view: FileView, options: MigrationOptions, fileContext: FileContext = { fileName: null, project: null }, text = ''): Finding {
  const { match } = occurrence;
  const to = replacementId(match, options);
  const context: OccurrenceContext = occurrence.context;
  const replaceSuggestion = (description: string, text = to): Finding['suggestion'] => ({
    description,
    edits: [{ start: occurrence.idRange[0], end: occurrence.idRange[1], text }],
  });
  const hint = view.surfaceHint ? surfaceInfo(view.surfaceHint, options.registry) : null;
  const fallbackSurface: SurfaceId =
    match.surface ?? (hint && hint.idPrefix === match.prefix && hint.family !== 'none' ? hint.id : match.prefix ? 'gateway' : 'unknown');

  const deploymentFinding = (): Finding => {
      const mapped = options.azureDeploymentMap[match.spelled];
      if (mapped) {
        const finding = idFinding(occurrence, 'deployment', 'azure', 'auto', `the Azure deployment name, mapped by --azure-deployment-map`, options);
        return {
          ...finding,
          message: finding.message.replace(`Rewrites it to ${quote(to)}.`, `Rewrites it to the deployment ${quote(mapped)}.`),
          edits: [{ start: occurrence.idRange[0], end: occurrence.idRange[1], text: mapped }],
        };
      }
      return idFinding(
        occurrence,
        'deployment',
        'azure',
        'manual',
        `on Azure OpenAI this is a deployment name you chose, not a model id. Create a gpt-image-2 deployment in your Azure resource, then point this code at it (or rerun fix with --azure-deployment-map ${match.spelled}=<new deployment>).`,
        options,
      );
      };

  /** An id the request's provider alone decides: edited when it is known, reported with the reason otherwise. */
  const byProvider = (provider: Provider, surface: SurfaceId, label: string, callSites: CallSite[], requests: readonly ImageRequest[] = []): Finding => {
    // a model with no request around it (`export const m = openai.image(id)`) is still held back by its package's version
    const typed =
      requests.map((request) => requestBlock(request, options, fileContext, view)).find((reason) => reason !== null) ??
      (requests.length === 0 && provider.kind === 'known' ? sdkVersionBlock(surface, fileContext) : null);
    if (provider.kind === 'known' && typed) {
      return idFinding(occurrence, 'api-argument', surface, 'manual', `the model of ${label}, but ${typed}.`, options, { suggestion: replaceSuggestion(`Replace with ${quote(to)}`) });
    }
    if (provider.kind === 'known' && surfaceInfo(surface, options.registry).deploymentNames) {
      return deploymentFinding();
    }
    if (provider.kind === 'known') {
      const finding = idFinding(occurrence, 'api-argument', surface, 'auto', `the model of ${label} (${provider.evidence})`, options);
      // a call whose target has no known spelling on its surface keeps its model: nothing to price after
      return finding.fix === 'auto' ? { ...finding, callSites } : finding;
    }
    const why = provider.kind === 'foreign' ? `${provider.evidence}, not OpenAI` : provider.why;
    return idFinding(occurrence, 'api-argument', provider.kind === 'foreign' ? 'unknown' : surface, 'manual', `the model of ${label}, but ${why}; if the request goes to OpenAI, use ${quote(to)}.`, options, {
      suggestion: replaceSuggestion(`Replace with ${quote(to)}`),
    });
  };

  // Azure by configuration: a value read from (or named as) a deployment setting is one, whatever call it reaches
  const azureSetting =
    occurrence.bindings?.find((key) => key.startsWith('env:') && azureSignals.names.test(key.slice(4))) ??
    (context.kind === 'constant' && azureSignals.names.test(context.name) ? context.name : undefined);
  if (azureSetting && context.kind !== 'comparison') return deploymentFinding();

  switch (context.kind) {
    case 'request-model':
      return byProvider(context.request.provider, context.request.surface, requestLabel(context.request, options), [callSiteOf(context.request, match, options)], [context.request]);
    case 'model-call':
      return byProvider(
        context.provider,
        context.surface,
        `${context.callee}()`,
        context.requests.map((request) => callSiteOf(request, match, options)),
        context.requests,
      );
    case 'form-field': {
      const { form } = context;
      if (form.notMigratable) return idFinding(occurrence, 'not-migratable', form.surface, 'manual', `${notMigratable[form.notMigratable]!.why}.`, options);
      const blocked = form.provider.kind === 'known' ? formBlock(form, view) : null;
      if (blocked) {
        return idFinding(occurrence, 'api-argument', form.surface, 'manual', `the model of the multipart form '${form.receiver}', but ${blocked}.`, options, { suggestion: replaceSuggestion(`Replace with ${quote(to)}`) });
      }
      return byProvider(form.provider, form.surface, `the multipart form '${form.receiver}'`, []);
    }
    case 'constant':
      if (context.feeds.length > 0) {
        const request = context.feeds.find((r) => r.provider.kind !== 'known') ?? context.feeds[0];
        const label = `${context.viaFallback ? 'the default of' : 'the constant'} '${context.name}', the model of ${requestLabel(request, options)}`;
        return byProvider(request.provider, request.surface, label, context.feeds.map((r) => callSiteOf(r, match, options)), context.feeds);
      }
      if (context.compared > 0) {
        return idFinding(occurrence, 'comparison', fallbackSurface, 'manual', comparisonAdvice(match, to), options, {
          suggestion: replaceSuggestion(`Compare with ${quote(to)} instead`),
        });
      }
      if (/model/i.test(context.name)) {
        return idFinding(
          occurrence,
          'setting',
          fallbackSurface,
          'manual',
          `the model setting '${context.name}' is not seen reaching a request of a known provider${context.exported ? ' in this file (it is exported)' : ''}; if it names the model to call, use ${quote(to)}.`,
          options,
          { suggestion: replaceSuggestion(`Replace with ${quote(to)}`) },
        );
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
      if (context.feeds.length > 0) {
        const request = context.feeds.find((r) => r.provider.kind !== 'known') ?? context.feeds[0];
        return byProvider(request.provider, request.surface, `the default of '${context.name}', the model of ${requestLabel(request, options)}`, context.feeds.map((r) => callSiteOf(r, match, options)), context.feeds);
      }
      if (context.name && /model/i.test(context.name)) {
        return idFinding(occurrence, 'setting', fallbackSurface, 'manual', `the default of '${context.name}' is not seen reaching a request of a known provider; if it names the model to call, use ${quote(to)}.`, options, {
          suggestion: replaceSuggestion(`Replace with ${quote(to)}`),
        });
      }
      return idFinding(occurrence, 'other', fallbackSurface, 'manual', `a default value of '${context.name ?? 'a pattern'}' that is not a model setting; check how it is used.`, options, {
        suggestion: replaceSuggestion(`Replace with ${quote(to)}`),
      });
    case 'setting':
      if (context.inList) {
        return idFinding(occurrence, 'stored-value', fallbackSurface, 'manual', `'${context.key}' in a list of records (past usage or stored data) is kept as it was written.`, options);
      }
      return idFinding(occurrence, 'setting', fallbackSurface, 'manual', `the '${context.key}' value is not seen reaching a request of a known provider; if it names the model to call, use ${quote(to)}.`, options, {
        suggestion: replaceSuggestion(`Replace with ${quote(to)}`),
      });
    case 'record':
      return idFinding(occurrence, 'stored-value', fallbackSurface, 'manual', `'${context.key}' of a record (${context.why}) is stored data, kept as it was written; the request that made it is elsewhere.`, options);
    case 'deployment':
      return deploymentFinding();
    case 'url': {
      const label = surfaceInfo(context.surface, options.registry).label;
      if (!context.sent) {
        return idFinding(occurrence, 'api-argument', context.surface, 'manual', `the model of a ${label} URL that no call in this file is seen sending; if it is a request URL, use ${quote(to)}.`, options, {
          suggestion: replaceSuggestion(`Replace with ${quote(to)}`),
        });
      }
      if (context.queue) {
        return idFinding(occurrence, 'api-argument', context.surface, 'manual', `the model of a request to ${label}'s queue: its status and result URLs carry the model's namespace too, so change them together to ${quote(to)}.`, options, {
          suggestion: replaceSuggestion(`Replace with ${quote(to)}`),
        });
      }
      const rejected = Object.keys(surfaceInfo(context.surface, options.registry).rejects ?? {});
      const call = context.call ? text.slice(context.call[0], context.call[1]) : '';
      const param = rejected.find((name) => new RegExp(`\\b${name}\\b`).test(call));
      if (param) {
        return idFinding(occurrence, 'api-argument', context.surface, 'manual', `the model of a request to ${label}, whose body sets '${param}', which ${label}'s ${to} does not accept as gpt-image-1 did; check it, then use ${quote(to)}.`, options, {
          suggestion: replaceSuggestion(`Replace with ${quote(to)}`),
        });
      }
      return idFinding(occurrence, 'api-argument', context.surface, 'auto', `the model in the URL of a request to ${label} (${label}'s REST endpoint)`, options);
    }
    case 'not-migratable':
      return idFinding(occurrence, 'not-migratable', fallbackSurface === 'unknown' ? (notMigratable[context.what]?.surface ?? 'unknown') : fallbackSurface, 'manual', `${context.why}.`, options);
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
    case 'type': {
      // a type names models; it does not call one: a warning at most, and info when the target already type-checks
      const union = context.union ? text.slice(context.union[0], context.union[1]) : '';
      const accepts = union.includes(`'${to}'`) || union.includes(`"${to}"`) || /\bstring\s*&\s*\{\s*\}|\|\s*string\b|\bstring\s*\|/.test(union) || /\bUnion\[\s*(?:[^[\]]*,\s*)?str\s*[,\]]|\bstr\s*\||\|\s*str\b/.test(union);
      return accepts
        ? idFinding(occurrence, 'type', fallbackSurface, 'manual', `it is part of a type that already accepts ${quote(to)}: drop the retired id when no stored value needs it.`, options, { severity: 'info' })
        : idFinding(occurrence, 'type', fallbackSurface, 'manual', `it is part of a type: add ${quote(to)} to the type so migrated calls type-check.`, options, { severity: 'warning' });
    }
    case 'jsx':
      return idFinding(occurrence, 'ui', fallbackSurface, 'manual', `it is the '${context.attribute}' value of a UI element (a model picker?): offer ${quote(to)} instead.`, options, {
        suggestion: replaceSuggestion(`Offer ${quote(to)} instead`),
      });
    case 'model-field':
      // what new rows get: the rows already stored keep theirs, and the schema changes only through a migration
      return idFinding(
        occurrence,
        'other',
        fallbackSurface,
        'manual',
        `it is the ${context.key} of the Django model field ${context.field}(): if it names the model to call, use ${quote(to)}; rows already stored keep the old value, and the change needs a new migration (makemigrations), plus a data migration if stored rows should move too.`,
        options,
        { suggestion: replaceSuggestion(`Replace with ${quote(to)}`) },
      );
    case 'other':
      return idFinding(occurrence, 'other', fallbackSurface, 'manual', `the ${context.detail} is not recognised as an image API argument; if it names the model to call, use ${quote(to)}.`, options, {
        suggestion: replaceSuggestion(`Replace with ${quote(to)}`),
      });
  }
}

export function callSiteOf(request: ImageRequest, match: RetiredIdMatch, options: MigrationOptions): CallSite {
  const staticString = (key: string): string | null => {
    const property = propertyOf(request.params, key);
    return property?.value.kind === 'string' ? property.value.value : null;
  };
  const tiers = surfaceInfo(request.surface, options.registry).tiers;
  // UniAll counts images in num_images
  const nProperty = propertyOf(request.params, 'n') ?? (tiers?.countParam ? propertyOf(request.params, tiers.countParam) : null);
  const quality = staticString('quality');
  const tier = tiers ? options.tierMap[quality ?? 'auto'] : undefined;
  return {
    range: request.request.range,
    surface: request.surface,
    modelBefore: match.spelled,
    modelAfter: knownSpelling(match, request.surface, options) ?? replacementId(match, options),
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
  const where = form === 'switch' ? 'a switch case' : form === 'regex' ? 'a regular expression' : method ? (/^(not )?in$/.test(method) ? `an '${method}' test` : `a .${method}() check`) : 'a comparison';
  return `it is ${where}, a decision a person must make: ${gate}.`;
}

export function requestLabel(request: ImageRequest, options: MigrationOptions): string {
  if (request.callee) return `${request.callee}()`;
  if (request.evidence === 'tool') return 'the image_generation tool';
  if (request.evidence === 'request-shape') return request.provider.kind === 'known' ? 'a request' : 'an object shaped like an image request';
  const label = surfaceInfo(request.surface, options.registry).label;
  return `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label} request`;
}

/**
 * A model built at run time from a retired family's stem (`` `dall-e-${v}` ``,
 * f"gpt-image-{v}"): never rewritten, as no edit of the template is known to
 * be right. As the model of a request or a model call, a warning, or an error
 * when every id it can name has shut down; elsewhere, info. Null when every
 * retired id it can name is allowed (`allow`).
 */
export function planTemplateModel(template: TemplateModel, options: MigrationOptions, text: string): Finding | null {
  const { ids } = template;
  const kept = new Set(options.allow.map((id) => matchRetiredId(id)?.model.id));
  if (ids.retired.every((model) => kept.has(model.id))) return null;
  const written = text.slice(template.range[0], template.range[1]);
  const shown = written.length <= 60 && !written.includes('\n') ? written : 'this expression';
  const deadlines = ids.retired.map((model) => ({ model, deadline: deadlineOf(model, options.now, options.shutdownDates) }));
  // one clause per shutdown date: 'dall-e-2' and 'dall-e-3' (shut down on 2026-05-12)
  const byDate = new Map<string, { ids: string[]; shutDown: boolean }>();
  for (const { model, deadline } of deadlines) {
    const date = options.shutdownDates[model.id] ?? model.shutdownDate;
    const entry = byDate.get(date) ?? { ids: [], shutDown: deadline.shutDown };
    entry.ids.push(quote(model.id));
    byDate.set(date, entry);
  }
  const retired = [...byDate].map(([date, { ids: list, shutDown }]) => `${list.join(list.length === 2 ? ' and ' : ', ')} (${shutDown ? 'shut down' : 'retiring'} on ${date})`).join(', ');
  const current = ids.current.length > 2 ? `${ids.current.slice(0, 2).map(quote).join(', ')} and ${ids.current.length - 2} more` : ids.current.map(quote).join(' and ');
  const can = ids.current.length > 0 ? `the values it can take include retired ids, ${retired}, as well as current ones (${current})` : `every id it can take is retired: ${retired}`;
  const to = quote(ids.prefix + options.target);
  const where = template.request
    ? { surface: template.request.surface, provider: template.request.provider, label: requestLabel(template.request, options) }
    : template.modelCall
      ? { surface: template.modelCall.surface, provider: template.modelCall.provider, label: `${template.modelCall.callee}()` }
      : null;
  const base = { rule: 'no-retired-model' as const, range: template.range, fix: 'manual' as const, model: null, edits: [] };
  if (!where || where.provider.kind === 'foreign') {
    const why = where?.provider.kind === 'foreign' ? `it is the model of ${where.label}, and ${where.provider.evidence}, not OpenAI` : 'it is not seen reaching an image call';
    return { ...base, severity: 'info', role: 'other', surface: 'unknown', message: `${shown} builds a model id at run time from a template; ${can}. Not rewritten: ${why}; if it names the model to call, make it ${to}.` };
  }
  const severity: Severity = ids.current.length === 0 && deadlines.every(({ deadline }) => deadline.shutDown) ? 'error' : 'warning';
  const head = `${shown} is the model of ${where.label}, chosen at run time from a template; ${can}.`;
  if (surfaceInfo(where.surface, options.registry).deploymentNames) {
    return {
      ...base,
      severity,
      role: 'deployment',
      surface: where.surface,
      message: `${head} Not rewritten: on Azure OpenAI this is a deployment name you chose, built at run time; create a gpt-image-2 deployment in your Azure resource, then make this code name it.`,
    };
  }
  const provider = where.provider.kind === 'known' ? ` (${where.provider.evidence})` : `, though ${where.provider.why}`;
  return {
    ...base,
    severity,
    role: 'api-argument',
    surface: where.surface,
    message: `${head} Not rewritten: a template cannot be renamed safely${provider}; check which values reach it and make the call use ${to}.`,
  };
}
