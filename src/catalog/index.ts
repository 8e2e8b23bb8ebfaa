/**
 * The catalog: facts as data (models, surfaces, params, prices) and the few
 * pure lookups every consumer shares. Lint, fix and audit read only this.
 */
import { retiredModels, currentModels, type RetiredModel } from './models.js';
import { notMigratable, notMigratablePaths, surfaces, v3Sdk, type Surface, type SurfaceId } from './surfaces.js';
import { defaultTierMap } from './params.js';
import { DEFAULT_TARGET, targetModel, targetModels } from './targets.js';
import { byCodeUnits } from '../text/order.js';

export * from './models.js';
export * from './targets.js';
export * from './sources.js';
export * from './surfaces.js';
export * from './params.js';
export * from './prices.js';
export * from './providers.js';

/** Prefixes under which gateways spell OpenAI's ids (`openai/gpt-image-1`). */
const idPrefixes = [...new Set(Object.values(surfaces).map((s) => s.idPrefix))];

export interface RetiredIdMatch {
  readonly model: RetiredModel;
  /** The exact text matched, e.g. `openai/gpt-image-1`. */
  readonly spelled: string;
  /** `openai/` for gateway spellings, '' for OpenAI's own. */
  readonly prefix: string;
  /** A fixed replacement for spellings that are endpoints, not ids (fal's `fal-ai/gpt-image-1/edit-image`); null: an endpoint with none known. */
  readonly replacement?: string | null;
  /** The target `replacement` is the spelling of. */
  readonly replacementTarget?: string;
  /** The surface the spelling alone identifies. */
  readonly surface?: SurfaceId;
}

/**
 * Endpoint ids that name a retired model but move to a differently spelled
 * endpoint (fal's model pages): known for the `target` named, so another
 * target's call there is reported.
 */
export const endpointSpellings: readonly { spelled: string; model: string; replacement: string | null; target: string; surface: SurfaceId }[] = [
  { spelled: 'fal-ai/gpt-image-1/text-to-image', model: 'gpt-image-1', replacement: 'openai/gpt-image-2', target: 'gpt-image-2', surface: 'fal' },
  { spelled: 'fal-ai/gpt-image-1/edit-image', model: 'gpt-image-1', replacement: 'openai/gpt-image-2/edit', target: 'gpt-image-2', surface: 'fal' },
  // fal's endpoints of the two models shut down on 2026-12-01 (fal.ai model pages: fal-ai/gpt-image-1.5, fal-ai/gpt-image-1-mini, each with /edit)
  { spelled: 'fal-ai/gpt-image-1.5', model: 'gpt-image-1.5', replacement: 'openai/gpt-image-2', target: 'gpt-image-2', surface: 'fal' },
  { spelled: 'fal-ai/gpt-image-1.5/edit', model: 'gpt-image-1.5', replacement: 'openai/gpt-image-2/edit', target: 'gpt-image-2', surface: 'fal' },
  { spelled: 'fal-ai/gpt-image-1-mini', model: 'gpt-image-1-mini', replacement: 'openai/gpt-image-2', target: 'gpt-image-2', surface: 'fal' },
  { spelled: 'fal-ai/gpt-image-1-mini/edit', model: 'gpt-image-1-mini', replacement: 'openai/gpt-image-2/edit', target: 'gpt-image-2', surface: 'fal' },
  // bring-your-own-key variants: fal lists no gpt-image-2 BYOK endpoint the catalog could name, so these are reported, never guessed
  { spelled: 'fal-ai/gpt-image-1/text-to-image/byok', model: 'gpt-image-1', replacement: null, target: 'gpt-image-2', surface: 'fal' },
  { spelled: 'fal-ai/gpt-image-1/edit-image/byok', model: 'gpt-image-1', replacement: null, target: 'gpt-image-2', surface: 'fal' },
];

const retiredIndex = new Map<string, RetiredIdMatch>();
for (const model of retiredModels) {
  for (const id of [model.id, ...model.aliases]) {
    for (const prefix of idPrefixes) {
      retiredIndex.set(prefix + id, { model, spelled: prefix + id, prefix });
    }
  }
}
// LiteLLM's Azure spelling (`azure/<deployment>`): a deployment named after a retired model is Azure's, so it is reported, never renamed
for (const model of retiredModels) {
  for (const id of [model.id, ...model.aliases]) retiredIndex.set(`azure/${id}`, { model, spelled: `azure/${id}`, prefix: 'azure/', surface: 'azure' });
}
for (const endpoint of endpointSpellings) {
  const model = retiredModels.find((m) => m.id === endpoint.model)!;
  retiredIndex.set(endpoint.spelled, { model, spelled: endpoint.spelled, prefix: '', replacement: endpoint.replacement, replacementTarget: endpoint.target, surface: endpoint.surface });
}

/**
 * The retired model a string names, only when the whole string is the id:
 * `gpt-image-1.restyle`, `/v1/gpt-image-1/` and `gpt-image-1.5` are not `gpt-image-1`.
 */
export function matchRetiredId(value: string): RetiredIdMatch | null {
  return retiredIndex.get(value) ?? null;
}

/** True when the whole string names an image model the catalog knows: a retired one (any spelling) or a current one. */
export function namesImageModel(value: string): boolean {
  return matchRetiredId(value) !== null || isCurrentId(value);
}

const currentEndpoints = new Set(endpointSpellings.flatMap((endpoint) => (endpoint.replacement ? [endpoint.replacement] : [])));
/** True for an endpoint id that a retired endpoint migrates to (fal's `openai/gpt-image-2/edit`). */
export function isCurrentEndpoint(value: string): boolean {
  return currentEndpoints.has(value);
}

/** True when the whole string names a current gpt-image model (`gpt-image-2`, `openai/gpt-image-2`). */
export function isCurrentId(value: string): boolean {
  for (const prefix of idPrefixes) {
    if (prefix && value.startsWith(prefix)) value = value.slice(prefix.length);
  }
  return currentModels.validPattern.test(value);
}

/** Surfaces that call OpenAI's models by OpenAI's own ids (an SDK, the HTTP API, the Responses tool). */
export const ownIdSurfaces: ReadonlySet<string> = new Set(['openai', 'openai-http', 'responses-tool', 'azure', 'vercel-ai', 'langchain']);

/**
 * How `surface` spells the target for a retired spelling, or null when the
 * catalog knows no spelling there (a gateway that lists only gpt-image-2):
 * the call is then reported, never guessed. OpenAI's own surfaces take the
 * id as it is; a gateway's prefix (`openai/`) is kept only where the target's
 * row lists it; a surface the user declared spells every target as its
 * prefix + id; fal's endpoints move only to the endpoint of their target.
 */
export function knownSpelling(match: RetiredIdMatch, surface: SurfaceId | string, options: Pick<MigrationOptions, 'target'>): string | null {
  if (match.replacement !== undefined) return match.replacement !== null && match.replacementTarget === options.target ? match.replacement : null;
  // an Azure deployment spelled with LiteLLM's prefix: the deployment is the user's to name; this is its likely name, for advice
  if (match.surface === 'azure' && match.prefix === 'azure/') return match.prefix + options.target;
  const spellings = surface in surfaces ? surfaces[surface as keyof typeof surfaces].spellings : undefined;
  if (spellings && !spellings.prefixes.includes(match.prefix)) return null;
  const gatewaySurface = surface in surfaces && surfaces[surface as keyof typeof surfaces].family !== 'none' && !ownIdSurfaces.has(surface);
  if (!gatewaySurface && (match.prefix === '' || surface.startsWith('user:'))) return match.prefix + options.target;
  return targetModel(options.target)?.gatewayPrefixes.includes(match.prefix) ? match.prefix + options.target : null;
}

/**
 * The family stems of the retired ids (`dall-e-`, `gpt-image-`, `chatgpt-image-`):
 * each id up to its last dash, the shortest of each family kept. A string
 * built at run time whose constant head starts with one plainly names a family.
 */
const familyStems: readonly string[] = (() => {
  const stems = [...new Set(retiredModels.map((m) => m.id.slice(0, m.id.lastIndexOf('-') + 1)).filter((stem) => stem.length > 1))];
  return stems.filter((stem) => !stems.some((other) => other !== stem && stem.startsWith(other)));
})();

/** What an id built at run time (a template, a concatenation, a format string) can be, from its constant parts. */
export interface TemplateIds {
  /** The retired models it can name (canonical ids, catalog order). */
  readonly retired: readonly RetiredModel[];
  /** The current ids it can name as well (`gpt-image-${v}` may be `gpt-image-2`). */
  readonly current: readonly string[];
  /** The gateway prefix its head is spelled with (`openai/`), '' for OpenAI's own. */
  readonly prefix: string;
}

/**
 * The ids a string built at run time can take: `parts` are its constant
 * pieces in order, each gap a value filled in at run time (any text, empty
 * included). Null unless the first piece starts with a retired family's stem
 * (after a gateway prefix) and some retired id fits: a template that merely
 * ends in an id, or whose head is a variable, names no family plainly.
 */
export function idsOfTemplate(parts: readonly string[]): TemplateIds | null {
  if (parts.length < 2) return null;
  const head = parts[0]!;
  // (most templates of a file name no family: the common answer, before any prefix or pattern work)
  if (!familyStems.some((stem) => head.includes(stem))) return null;
  const prefix = idPrefixes.filter((p) => p !== '' && head.startsWith(p)).sort((a, b) => b.length - a.length)[0] ?? '';
  const bare = head.slice(prefix.length);
  if (!familyStems.some((stem) => bare.startsWith(stem))) return null;
  const pattern = new RegExp(`^${[bare, ...parts.slice(1)].map(escapeText).join('[\\s\\S]*')}$`);
  const retired = retiredModels.filter((m) => [m.id, ...m.aliases].some((id) => pattern.test(id)));
  if (retired.length === 0) return null;
  return { retired, current: currentModels.ids.filter((id) => pattern.test(id)), prefix };
}

/** Every retired spelling, for byte-level prefilters and reports. */
export const retiredSpellings: readonly string[] = [...retiredIndex.keys()];

/** OpenAI's own retired ids (no gateway prefix) as a regex alternation, longest first: for ids inside names (`dall-e-3-style.ts`, `gpt-image-1-prod`). */
export const plainRetiredIdSource: string = retiredSpellings
  .filter((id) => !id.includes('/'))
  .sort((a, b) => b.length - a.length)
  .map((id) => id.replace(/[.]/g, '\\.'))
  .join('|');

/**
 * A retired id as a whole token of free text (prose, comments, config): not
 * inside `gpt-image-1.5` (nor a regex's `gpt-image-1\\.5`), `gpt-image-1.restyle`, `my-gpt-image-1` or a
 * `/v1/gpt-image-1/` path (a sentence's final period is fine). Global: use
 * with `matchAll`.
 */
export const idTokenPattern = new RegExp(
  // a shell-style default (`${IMAGE_MODEL:-gpt-image-1}`) counts: the id follows `:-`, `-`, `:=` or `=`
  `(?:(?<![\\w./-])|(?<=\\$\\{\\w+:?[-=]))(?:${[...retiredSpellings]
    .sort((a, b) => b.length - a.length)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|')})(?![\\w-]|\\\\*\\.\\w)`,
  'g',
);

const escapeText = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A call name as text: `images.generate` also matches `images . generate`; a bare name as a word. */
const callText = (call: string): string => {
  const parts = call.split('.').slice(-2).map(escapeText);
  return parts.length > 1 ? parts.join('\\s*\\.\\s*') : `\\b${parts[0]}\\b`;
};

/**
 * Text that can make a file interesting at all: a retired or current id, or
 * any signal the view recognises a surface by (a host, a URL path, a request
 * call, the Responses tool, an API a rename cannot migrate). Built from the
 * catalog, so the prefilter can never rule out what the view would find. A
 * file without any of these is never parsed.
 */
/** What names a model or an image call on its own: ids, family stems, image endpoints' paths and calls (no host: a host alone sends many other requests). */
const imageSignals: readonly string[] = [
  'gpt-image-',
  'dall-e-[23]',
  'chatgpt-image-latest',
  // a family's stem where a value is filled in at run time: `dall-e-${v}`, f"dall-e-{v}", 'dall-e-' + n, "dall-e-%d" % n (idsOfTemplate)
  `(?:${familyStems.map(escapeText).join('|')})(?:\\$\\{|\\{|%|['"\`])`,
  'image_generation',
  'imageGeneration',
  ...Object.keys(notMigratable).map(callText),
  callText(v3Sdk.generate),
  ...Object.keys(notMigratablePaths).map(escapeText),
  ...Object.values(surfaces).flatMap((s) => s.paths.filter((p) => p.includes('image')).map(escapeText)),
  ...Object.values(surfaces).flatMap((s) => s.requestCalls.map(callText)),
];

export const candidatePattern = new RegExp(
  [
    ...imageSignals,
    ...Object.values(surfaces).flatMap((s) => [...s.hosts, ...s.paths].map(escapeText)),
    'unifically',
    'uniall',
  ].join('|'),
);

/**
 * A text that names a retired model or an image call by itself, hosts left out: what makes a file
 * over the size limit an error (its calls went unchecked), where a chat cassette or a compiled ARM
 * template that only names api.openai.com or an Azure host is passed over.
 */
export const imageSignalPattern = new RegExp(imageSignals.join('|'));

/** The same for the user's own surfaces (hosts and wrapper names), or null when there are none. */
export function userSurfacePattern(options: Pick<MigrationOptions, 'surfaces'>): RegExp | null {
  const signals = options.surfaces.flatMap((s) => [...(s.hosts ?? []).map(escapeText), ...(s.wrappers ?? []).map(callText)]);
  return signals.length > 0 ? new RegExp(signals.join('|')) : null;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Deadline {
  readonly shutDown: boolean;
  /** Whole days between now and the shutdown date (positive: in the past). */
  readonly daysAgo: number;
  readonly severity: Severity;
  /** "shut down on 2026-10-23 (29 days ago): these calls fail today": for a call, or a value one sends. */
  readonly text: string;
  /** The date alone, "shut down on 2026-10-23 (29 days ago)": for a mention that calls nothing (docs, a comparison, recorded history). */
  readonly date: string;
}

const DAY = 86_400_000;

/**
 * The retired models by shutdown date, oldest first, for prose (help texts,
 * SARIF rule help): `dall-e-2 and dall-e-3 on 2026-05-12; gpt-image-1 on 2026-10-23; ...`.
 */
export function retirementsByDate(): string {
  const byDate = new Map<string, string[]>();
  for (const model of retiredModels) byDate.set(model.shutdownDate, [...(byDate.get(model.shutdownDate) ?? []), model.id]);
  const list = (ids: string[]): string => (ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`);
  return [...byDate]
    .sort(([a], [b]) => byCodeUnits(a, b))
    .map(([date, ids]) => `${list(ids)} on ${date}`)
    .join('; ');
}

/** Severity follows the date: past shutdown = error, before = warning naming the date. `dates` overrides the catalog's (`--catalog`, `--dates live`). */
export function deadlineOf(model: RetiredModel, now: Date, dates: Readonly<Record<string, string>> = {}): Deadline {
  const shutdownDate = dates[model.id] ?? model.shutdownDate;
  const shutdown = Date.parse(`${shutdownDate}T00:00:00Z`);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysAgo = Math.round((today - shutdown) / DAY);
  if (daysAgo >= 0) {
    const when = daysAgo === 0 ? 'today' : `${daysAgo} day${daysAgo === 1 ? '' : 's'} ago`;
    const date = `shut down on ${shutdownDate} (${when})`;
    return { shutDown: true, daysAgo, severity: 'error', text: `${date}: these calls fail today`, date };
  }
  const days = -daysAgo;
  const date = `shuts down on ${shutdownDate} (in ${days} day${days === 1 ? '' : 's'})`;
  return { shutDown: false, daysAgo, severity: 'warning', text: date, date };
}

/** An in-house gateway or wrapper, declared by the user (config file or rule option). */
export interface UserSurface {
  /** Shown in reports. */
  readonly name: string;
  /** Whether it takes OpenAI's params or resolution tiers. */
  readonly family: 'openai-shaped' | 'resolution-tier';
  /** Hosts whose URLs are this surface (`images.internal.example.com`). */
  readonly hosts?: readonly string[];
  /** Functions whose first argument is the request (`generateImage`, `imageClient.create`). */
  readonly wrappers?: readonly string[];
  /** How model ids are spelled (`openai/`), default ''. */
  readonly idPrefix?: string;
}

export interface MigrationOptions {
  /** "Today" for date-aware severity. */
  readonly now: Date;
  /** The id calls move to. */
  readonly target: string;
  /** quality → resolution tier, lower-case (`1k`); each surface applies its own casing. */
  readonly tierMap: Readonly<Record<string, string>>;
  /** Retired ids the user has decided to keep (reported nowhere). */
  readonly allow: readonly string[];
  /** User-declared surfaces. */
  readonly surfaces: readonly UserSurface[];
  /** Every surface by id: the built-ins and the user's (`user:<name>`). */
  readonly registry: Readonly<Record<string, Surface>>;
  /** Azure deployment renames the user asked for (old deployment → new). */
  readonly azureDeploymentMap: Readonly<Record<string, string>>;
  /** Shutdown dates that replace the catalog's, by canonical id (`--catalog`, `--dates live`). */
  readonly shutdownDates: Readonly<Record<string, string>>;
}

export interface MigrationOptionsInput {
  now?: Date | string;
  target?: string;
  tierMap?: string | Readonly<Record<string, string>>;
  allow?: readonly string[];
  surfaces?: readonly UserSurface[];
  azureDeploymentMap?: string | Readonly<Record<string, string>>;
  shutdownDates?: Readonly<Record<string, string>>;
}

export class OptionError extends Error {}

/** Normalise user options (CLI flags, ESLint rule options) into one shape, with clear errors. */
export function resolveOptions(input: MigrationOptionsInput = {}): MigrationOptions {
  const userSurfaces = parseSurfaces(input.surfaces);
  return {
    now: parseNow(input.now),
    target: parseTarget(input.target),
    tierMap: parseTierMap(input.tierMap),
    allow: parseAllow(input.allow),
    surfaces: userSurfaces,
    registry: { ...surfaces, ...Object.fromEntries(userSurfaces.map((s) => [`user:${s.name}`, toSurface(s)])) },
    azureDeploymentMap: parsePairs(input.azureDeploymentMap, 'azureDeploymentMap (--azure-deployment-map)', 'old=new'),
    shutdownDates: input.shutdownDates ?? {},
  };
}

/** A user's surface as a full surface entry: OpenAI's shape, or Unifically's tiers. */
function toSurface(user: UserSurface): Surface {
  const like = user.family === 'resolution-tier' ? surfaces.unifically : surfaces['openai-http'];
  return {
    ...like,
    id: `user:${user.name}`,
    label: user.name,
    idPrefix: user.idPrefix ?? '',
    hosts: user.hosts ?? [],
    paths: [],
    markers: [],
    shapeKeys: [],
    requestCalls: user.wrappers ?? [],
    modelCalls: [],
    source: 'declared by the user',
  };
}

function parsePairs(input: string | Readonly<Record<string, string>> | undefined, flag: string, shape: string): Readonly<Record<string, string>> {
  if (input === undefined) return {};
  if (typeof input !== 'string') return input;
  const out: Record<string, string> = {};
  for (const part of input.split(',').filter((p) => p.trim() !== '')) {
    const [key, value, extra] = part.split('=').map((x) => x.trim());
    if (!key || !value || extra !== undefined) throw new OptionError(`${flag} takes ${shape} pairs separated by commas; '${part}' is not one`);
    out[key] = value;
  }
  return out;
}

function parseAllow(allow: readonly string[] | undefined): readonly string[] {
  for (const id of allow ?? []) {
    if (!matchRetiredId(id)) throw new OptionError(`allow (--allow): '${id}' is not a retired model id (${retiredModels.map((m) => m.id).join(', ')})`);
  }
  return allow ?? [];
}

function parseSurfaces(list: readonly UserSurface[] | undefined): readonly UserSurface[] {
  for (const surface of list ?? []) {
    if (!surface || typeof surface.name !== 'string' || !surface.name) throw new OptionError('surfaces: every surface needs a name');
    if (surface.family !== 'openai-shaped' && surface.family !== 'resolution-tier') {
      throw new OptionError(`surfaces: '${surface.name}' needs family 'openai-shaped' or 'resolution-tier'`);
    }
    if (!surface.hosts?.length && !surface.wrappers?.length) {
      throw new OptionError(`surfaces: '${surface.name}' needs hosts or wrappers to be recognised by`);
    }
  }
  return list ?? [];
}

function parseNow(now: Date | string | undefined): Date {
  if (now === undefined) {
    const fromEnv = process.env.GPT_IMAGE_MIGRATE_NOW;
    return fromEnv ? parseNow(fromEnv) : new Date();
  }
  if (now instanceof Date) return now;
  const date = new Date(`${now}T00:00:00Z`);
  // the round trip rejects what Date rolls over (2026-02-30 would become 2026-03-02)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(now) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== now) {
    throw new OptionError(`now (--now) must be a real date as YYYY-MM-DD, got '${now}'`);
  }
  return date;
}

function parseTarget(target: string | undefined): string {
  const value = target ?? DEFAULT_TARGET;
  if (!targetModel(value)) {
    throw new OptionError(`target (--target) must be a current image model in the catalog (${targetModels.map((t) => t.id).join(', ')}), got '${value}'; list them with \`gpt-image-migrate models\``);
  }
  return value;
}

function parseTierMap(tierMap: string | Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> {
  if (tierMap === undefined) return defaultTierMap;
  const entries =
    typeof tierMap === 'string'
      ? tierMap
          .split(',')
          .filter((part) => part.trim() !== '')
          .map((part) => {
            const [key, value, extra] = part.split('=').map((s) => s.trim());
            if (!key || !value || extra !== undefined) {
              throw new OptionError(`tierMap (--tier-map) takes quality=tier pairs such as low=1k,medium=2k,high=4k; '${part}' is not one`);
            }
            return [key, value] as const;
          })
      : Object.entries(tierMap);
  const map: Record<string, string> = { ...defaultTierMap };
  for (const [key, value] of entries) {
    if (!(key in defaultTierMap)) {
      throw new OptionError(`tierMap (--tier-map): unknown quality '${key}' (expected ${Object.keys(defaultTierMap).join(', ')})`);
    }
    const tier = value.toLowerCase();
    if (!['1k', '2k', '4k'].includes(tier)) {
      throw new OptionError(`tierMap (--tier-map): '${value}' is not a resolution tier (expected 1k, 2k or 4k)`);
    }
    map[key] = tier;
  }
  return map;
}
