/**
 * What the planner outputs: findings with their role, severity, the edits
 * `fix` applies and, for manual items, a suggestion. Shared by the code,
 * params and text-file planners, and by every consumer.
 */
import { deadlineOf, idTokenPattern, knownSpelling, matchRetiredId, surfaceInfo, type MigrationOptions, type RetiredIdMatch, type Severity, type SurfaceId } from '../catalog/index.js';
import type { IdOccurrence } from '../analysis/view.js';
import type { Range } from '../syntax/tree.js';
import type { Edit } from '../text/edits.js';

export type RuleId = 'no-retired-model' | 'no-legacy-quality' | 'valid-params';

/** What an occurrence is for the code around it; the role decides the fix. */
export type Role =
  | 'api-argument'
  | 'deployment'
  | 'not-migratable'
  | 'dependency'
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
  /**
   * Values this finding shares with other files (an environment variable, an
   * exported constant, an id a test asserts). The CLI, which sees the whole
   * repository, decides them alike everywhere (src/plan/repository.ts); a
   * one-file face (ESLint, jscodeshift) keeps the file's own decision.
   */
  readonly bindings?: readonly Binding[];
  /**
   * The change as a reader sees it, when the file's bytes are not the code
   * (a notebook: the cell's source, decoded from its JSON strings): the
   * before → after of the edits (auto) or of the suggestion (manual), which
   * reports show instead of the file's text around them.
   */
  readonly preview?: { readonly before: string; readonly after: string };
  /** Set by the repository pass when another file changed this file's own decision (auto to manual or back): the shared value, in words. */
  readonly decidedBy?: string;
}

/**
 * A finding's (or a request's) part in a shared value: it `feeds` a request
 * of a known provider, `blocks` (the value also reaches something the tool
 * must not change: an unknown provider, an Azure deployment, a test's
 * expectation), or is `pending` (a setting whose use is in another file).
 */
export interface Binding {
  readonly key: string;
  readonly role: 'feeds' | 'blocks' | 'pending';
}

/** A binding seen in a file without a finding of its own (a request reading `process.env.IMAGE_MODEL`), with where and why. */
export interface Link extends Binding {
  readonly range: Range;
  readonly why: string;
}

export const MARKER = 'gpt-image-migrate:';

const roleNames: Record<Role, string> = {
  'api-argument': 'API argument',
  deployment: 'Azure deployment name',
  'not-migratable': 'not migratable by a rename',
  dependency: 'dependency version',
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

/** The id a retired spelling becomes, for advice: same prefix, the target model (edits use knownSpelling). */
export function replacementId(match: RetiredIdMatch, options: Pick<MigrationOptions, 'target'>): string {
  return knownSpelling(match, 'unknown', options) ?? (match.replacementTarget === options.target && match.replacement ? match.replacement : match.prefix + options.target);
}

export function quote(id: string): string {
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
  const deadline = deadlineOf(match.model, options.now, options.shutdownDates);
  const spelled = knownSpelling(match, surface, options);
  const to = spelled ?? replacementId(match, options);
  // an info finding is a mention that sends nothing: its date, not "these calls fail today"
  const head = `${quote(match.spelled)} ${extra.severity === 'info' ? deadline.date : deadline.text}.`;
  if (spelled === null) {
    // no known spelling of the target here: reported, never guessed (nor suggested)
    const unknown = unknownSpelling(match, surface, options);
    // advice that would name the guessed id names what to look up instead
    const guesses = [quote(replacementId(match, options)), ...(match.prefix ? [quote(options.target)] : [])];
    const advice = detail.replace(new RegExp(guesses.map((g) => g.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g'), `the id its gateway lists for ${quote(options.target)}`);
    const why = fix === 'auto' ? `${advice}, but ${unknown}` : `${advice.replace(/\.$/, '')}; ${unknown}`;
    return { rule: 'no-retired-model', range: occurrence.range, severity: extra.severity ?? deadline.severity, fix: 'manual', role, model: match.spelled, surface, message: `${head} Not rewritten: ${why}.`, edits: [] };
  }
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

/** Why a retired spelling has no rewrite for the target on a surface, with what is known instead. */
export function unknownSpelling(match: RetiredIdMatch, surface: SurfaceId | string, options: MigrationOptions): string {
  const info = surfaceInfo(surface, options.registry);
  if (info.spellings && !info.spellings.prefixes.includes(match.prefix)) {
    const spelled = info.spellings.prefixes.map((prefix) => quote(prefix + options.target)).join(' or ');
    return `${info.spellings.why}: write ${spelled}`;
  }
  // an id in configuration or prose: its prefix says a gateway, not which one
  const where = info.family === 'none' ? `the gateways that spell ids '${match.prefix}…'` : info.label;
  const gateway = info.family === 'none' ? 'your gateway' : info.label;
  const known = knownSpelling(match, surface, { target: 'gpt-image-2' });
  return (
    `the catalog knows no spelling of '${options.target}' on ${where} (gateways name models their own way; guessing '${replacementId(match, options)}' could call nothing)` +
    `${known ? `: use the id ${gateway} lists for ${options.target}, or run with --target gpt-image-2 to move this to '${known}'` : ': use the id it lists for the model you choose'}`
  );
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Drops findings about ids the user chose to keep (`allow`). */
export function allowed(findings: Finding[], options: MigrationOptions): Finding[] {
  if (options.allow.length === 0) return findings;
  const kept = new Set(options.allow.map((id) => matchRetiredId(id)!.model.id));
  return findings.filter((f) => !(f.model && kept.has(matchRetiredId(f.model)?.model.id ?? '')));
}


/**
 * The key of an id (or of "no model", for inserted models) that a test asserts
 * about `file`: a test ties the ids it asserts to the files it imports, directly
 * or through them; a snapshot whose test is not found, to its whole package
 * (`packageAssertedKey`).
 */
export function assertedKey(file: string, id: string): string {
  return `asserted:${file}:${id}`;
}
export function packageAssertedKey(root: string, id: string): string {
  return `asserted-package:${root}:${id}`;
}
export const NO_MODEL = '(no model)';
/** Placeholder binding the params planner puts on an inserted model; the planner ties it to the package's tests. */
export const INSERTED_MODEL = 'inserted-model';

/**
 * The whole-token retired ids of `text` that no finding reaches, in text order: what a file's planners
 * left unreported (a comment, a longer string, a notebook's recorded output). One sweep: the ids come in
 * text order, so the findings that start before one are a growing prefix of them sorted by start.
 */
export function* uncoveredIds(text: string, findings: readonly Finding[]): Generator<{ readonly match: RetiredIdMatch; readonly range: readonly [number, number] }> {
  const covered = findings.map((f) => f.range).sort((a, b) => a[0] - b[0]);
  let next = 0;
  let reach = -1;
  for (const found of text.matchAll(idTokenPattern)) {
    const start = found.index;
    while (next < covered.length && covered[next]![0] <= start) reach = Math.max(reach, covered[next++]![1]);
    if (reach > start) continue;
    yield { match: matchRetiredId(found[0])!, range: [start, start + found[0].length] };
  }
}
