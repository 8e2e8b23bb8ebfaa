/**
 * OpenAI's List models endpoint (`GET /v1/models`), whose entries carry an
 * optional `shutdown_date` (openai's resources/models.d.ts; OpenAI's
 * deprecations page says to monitor shutdowns this way). Called only by
 * `models --check` and `audit --dates live`, never otherwise.
 */

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Why the list could not be read: `usage` (no key, a key refused) or `unavailable` (network, server, shape). */
export class VendorError extends Error {
  constructor(
    message: string,
    readonly kind: 'usage' | 'unavailable',
  ) {
    super(message);
  }
}

export interface VendorModel {
  readonly id: string;
  readonly shutdownDate: string | null;
}

export interface ListModelsInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Milliseconds before giving up (default 15 s). */
  readonly timeoutMs?: number;
}

/** The endpoint a run asks: `$OPENAI_BASE_URL/models`. */
export function modelsUrl(env: Readonly<Record<string, string | undefined>>): string {
  const base = (env.OPENAI_BASE_URL?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, '');
  return `${base}/models`;
}

/** Every model the key can see, with its shutdown date (null when none is announced). */
export async function listModels({ env, timeoutMs = 15_000 }: ListModelsInput): Promise<{ url: string; models: VendorModel[] }> {
  const url = modelsUrl(env);
  const key = env.OPENAI_API_KEY?.trim();
  if (!key) {
    throw new VendorError(`asking the vendor for shutdown dates needs OPENAI_API_KEY (GET ${url} requires a key); nothing was sent`, 'usage');
  }
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${key}`, accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = error instanceof Error && 'cause' in error && error.cause instanceof Error ? error.cause : error;
    const code = typeof cause === 'object' && cause && 'code' in cause ? String((cause as { code: unknown }).code) : null;
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const why = timedOut ? `no answer within ${Math.round(timeoutMs / 1000)} s` : code ?? (cause instanceof Error ? cause.message : String(cause));
    throw new VendorError(`could not reach ${url} (${why}): check the network, or OPENAI_BASE_URL`, 'unavailable');
  }
  if (response.status === 401 || response.status === 403) {
    throw new VendorError(`${url} refused the key (HTTP ${response.status}): check OPENAI_API_KEY`, 'usage');
  }
  if (!response.ok) throw new VendorError(`${url} answered HTTP ${response.status} ${response.statusText}`.trimEnd(), 'unavailable');
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new VendorError(`${url} did not answer JSON`, 'unavailable');
  }
  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) throw new VendorError(`${url} did not answer a list of models ({ object: 'list', data: [...] })`, 'unavailable');
  const models: VendorModel[] = [];
  for (const entry of data) {
    if (typeof entry !== 'object' || entry === null || typeof (entry as { id?: unknown }).id !== 'string') continue;
    const { id, shutdown_date: date } = entry as { id: string; shutdown_date?: unknown };
    const shutdownDate = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
    models.push({ id, shutdownDate });
  }
  return { url, models };
}
