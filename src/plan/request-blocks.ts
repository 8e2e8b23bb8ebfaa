/**
 * Requests whose move to the target is not a mechanical change, though their
 * provider is known:
 *
 * - calls whose library types decide which model ids they accept (LangChain's
 *   `tools.imageGeneration` types `model` as a closed union of gpt-image-1
 *   ids): writing the target would not type-check, so the planner reports
 *   "upgrade X to >= V" or, when no released version accepts it yet, says so;
 * - a dall-e request whose result the file reads as `.url`: gpt-image models
 *   return b64_json only, so the rename would turn a call that fails loudly
 *   into one that silently yields `undefined`. The result handling changes
 *   first, by hand;
 * - a gpt-image request in a file that reads `.url` of a result, unless its
 *   own result is read as b64_json first: the rename would turn a failing
 *   call into a billed one whose URL is empty;
 * - a request that gets URLs back today (a dall-e model, whose default
 *   response_format is 'url', an explicit 'url', or no model at all: code of
 *   the days every images endpoint defaulted to dall-e-2) whose own result
 *   the file does not read as base64 (`FileView.b64Results`): the result is
 *   returned or passed on, and what reads it elsewhere (another module, a
 *   caller) may expect a URL that the target will not send.
 */
import { dependencyStuck, fixedText, semver } from './versions.js';
import { notMigratable, openaiParamPolicy, typedModelOptions } from '../catalog/index.js';
import { matchRetiredId, type MigrationOptions } from '../catalog/index.js';
import type { FileContext, FileView, FormRequest, ImageRequest } from '../analysis/view.js';

/** Why the request's library types reject the target, or null when nothing is known against it. */
export function typedModelBlock(request: ImageRequest, target: string, context: FileContext): string | null {
  if (!request.callee || request.provider.kind !== 'known') return null;
  const callee = request.callee;
  const entry = typedModelOptions.find((t) => (callee === t.call || callee.endsWith(`.${t.call}`)) && request.provider.kind === 'known' && request.provider.package === t.package);
  if (!entry) return null;
  const installed = context.project && context.fileName ? context.project.installedVersion(context.fileName, entry.package) : null;
  const declared = context.project && context.fileName ? context.project.dependencies(context.fileName)[entry.package] : undefined;
  const have = installed ? `${entry.package} ${installed} is installed` : declared ? `this package asks for ${entry.package} ${declared}` : `${entry.package} is used`;
  if (entry.acceptsFrom === null) {
    return `${have}, and no released version types ${callee}()'s model to accept '${target}' (${entry.source}): widen the type (a cast) by hand or wait for an upgrade`;
  }
  const version = installed ?? (declared ? semver().minVersion(declared)?.version : null);
  if (version && semver().gte(version, entry.acceptsFrom)) return null;
  return `${have}, whose types reject '${target}' in ${callee}(): upgrade ${entry.package} to >= ${entry.acceptsFrom} first (${entry.source})`;
}

/**
 * An image model of the AI SDK whose package cannot be of a fixed release as it stands (installed, or
 * pinned, below it): it sends response_format with every image request, which gpt-image-2 rejects, so
 * the model moves only after the upgrade (the dependency finding of package.json says the same).
 */
export function sdkVersionBlock(surface: string, context: FileContext): string | null {
  if (surface !== 'vercel-ai') return null;
  const old = dependencyStuck(context, '@ai-sdk/openai');
  return old ? `this package has @ai-sdk/openai ${old.range}, below ${fixedText(old.policy)}: ${old.why}. Upgrade it first, then move the model` : null;
}

/** Why a known provider's request must not be changed by `fix`, or null. */
export function requestBlock(request: ImageRequest, options: MigrationOptions, context: FileContext, view: Pick<FileView, 'urlReads' | 'b64Results'>): string | null {
  const typed = typedModelBlock(request, options.target, context);
  if (typed) return typed;
  if (request.evidence !== 'tool' && request.provider.kind === 'known') {
    const old = sdkVersionBlock(request.surface, context);
    if (old) return old;
  }
  if (request.hiddenParams && request.model.source !== 'absent') {
    return `its params are in '${request.hiddenParams}', which this file does not show as an object of this request alone, so they cannot be checked against ${options.target} (it rejects input_fidelity, and some gateways' params differ): move the model and its params together, by hand`;
  }
  const id = request.model.value ?? (request.model.source === 'absent' ? request.defaultModel : null);
  const retired = id ? matchRetiredId(id) : null;
  const dallE = retired?.model.id.startsWith('dall-e') === true;
  if (retired && dallE && view.urlReads.length > 0) return dallEUrlReads(retired.model.id);
  // a gpt-image request in a file that reads URLs: the code expects what no gpt-image model sends, and the rename would
  // turn a call that fails into a billed one whose result reads as nothing
  // (one whose own result the file reads as b64_json, with `.url` as a fallback, already handles what gpt-image models send)
  const readHere = request.call !== null && view.b64Results.has(request.call);
  if (retired && view.urlReads.length > 0 && RETURNS_IMAGES_RESPONSE.has(request.surface) && request.evidence !== 'tool' && !readHere) return URL_READS;
  // a param read from a name (`size=size`, its default `"256x256"`) that the target rejects: the fix would change the model and leave it
  for (const [key, value] of Object.entries(request.indirectParams ?? {})) {
    if (rejectedByTarget(key, value)) {
      return `its ${key} comes from a name whose value is '${value}', which ${options.target} rejects: change that value and the model together`;
    }
  }
  // `response_format: 'url'` asked for a URL, and the file reads one: whatever the model, gpt-image models return none
  const format = request.params.properties.find((p) => p.kind === 'property' && p.key === 'response_format');
  if (view.urlReads.length > 0 && format?.kind === 'property' && format.value.kind === 'string' && format.value.value === 'url') {
    return `the request asks for response_format 'url' and this file reads '.url' of an image result, which gpt-image models do not return (b64_json only): change the result handling to b64_json first, then the request`;
  }
  // (a gpt-image model rejected response_format outright: nothing got URLs from such a call)
  // A request that names no model was written against whatever the default was then: dall-e-2 for every images endpoint until 2025.
  const asksB64 = format?.kind === 'property' && format.value.kind === 'string' && format.value.value === 'b64_json';
  const relied = request.model.source === 'absent' && retired !== null && !dallE;
  const getsUrls = (dallE || relied) && !asksB64;
  if (getsUrls && RETURNS_IMAGES_RESPONSE.has(request.surface) && request.evidence !== 'tool' && !readHere) {
    const today =
      format?.kind === 'property'
        ? format.value.kind === 'string'
          ? `asks for response_format '${format.value.value}'`
          : 'sets response_format from a value not seen here'
        : relied
          ? `names no model: code written when the default was dall-e-2 gets URLs back`
          : `gets URLs back (${retired!.model.id}'s default response_format is 'url')`;
    return resultElsewhere(today);
  }
  return null;
}

/**
 * Why a multipart request (`form.append('model', id)`, sent by `fetch(url, { body: form })`) must not be
 * changed by `fix`, or null: the same result rules as a JSON body's, read off the form's fields and the
 * call that sends it, and an endpoint no gpt-image model serves.
 */
export function formBlock(form: FormRequest, view: Pick<FileView, 'urlReads' | 'b64Results'>): string | null {
  if (form.notMigratable) return notMigratable[form.notMigratable]!.why;
  const retired = form.model.value ? matchRetiredId(form.model.value) : null;
  if (!retired) return null;
  const dallE = retired.model.id.startsWith('dall-e');
  if (dallE && view.urlReads.length > 0) return dallEUrlReads(retired.model.id);
  const readHere = form.send !== null && view.b64Results.has(form.send.call);
  if (view.urlReads.length > 0 && !readHere) return URL_READS;
  const format = form.fields.find((field) => field.key === 'response_format')?.value;
  const asked = format?.kind === 'string' ? format.value : format ? null : undefined;
  if (dallE && asked !== 'b64_json' && !readHere) {
    return resultElsewhere(
      asked === undefined ? `gets URLs back (${retired.model.id}'s default response_format is 'url')` : asked === null ? 'sets response_format from a value not seen here' : `asks for response_format '${asked}'`,
    );
  }
  return null;
}

const dallEUrlReads = (model: string): string =>
  `this file reads '.url' of an image result, which ${model} returns and gpt-image models do not (they return b64_json only): change the result handling to b64_json first, then the model`;

const URL_READS =
  "this file reads '.url' of an image result, which gpt-image models do not return (b64_json only): the rename would make a failing call a billed one whose URL is empty. Change the result handling to b64_json first, then the model";

const resultElsewhere = (today: string): string =>
  `the request ${today}, gpt-image models return b64_json only, and this file does not read b64_json of this request's result: whatever reads it (a caller, another module) may expect a URL. Change the result handling to b64_json, then the model`;

/** Surfaces whose response is OpenAI's images response (`data[i].url` or `data[i].b64_json`), as opposed to an SDK's own result type (the AI SDK's `images[i].base64`) or a gateway's task. */
const RETURNS_IMAGES_RESPONSE: ReadonlySet<string> = new Set(['openai', 'openai-http', 'gateway', 'litellm']);

/** A value the inline policy would rewrite (a dall-e size or quality), or a param it removes: the catalog's policy, not a copy of it. */
function rejectedByTarget(key: string, value: string): boolean {
  return openaiParamPolicy.valueMaps[key]?.[value] !== undefined || openaiParamPolicy.remove.some((removed) => removed.param === key);
}
