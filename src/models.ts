/**
 * `gpt-image-migrate models`: the catalog as a table or JSON, and with
 * `--check` the vendor's shutdown dates beside it. Words only: the rows come
 * from the catalog (src/catalog/lifecycle.ts), the dates from the vendor
 * client (src/vendor/list-models.ts).
 */
import { dateDifferences, type DateDifference, type ModelRow } from './catalog/lifecycle.js';
import type { VendorModel } from './vendor/list-models.js';

export interface ModelsJson {
  readonly now: string;
  readonly models: readonly ModelRow[];
  readonly check?: CheckResult;
}

export interface CheckResult {
  readonly url: string;
  readonly differences: readonly DateDifference[];
  /** Catalog models the vendor's list does not hold (shut-down models leave it). */
  readonly unlisted: readonly string[];
}

export function checkAgainst(rows: readonly ModelRow[], url: string, vendor: readonly VendorModel[]): CheckResult {
  const dates = new Map(vendor.map((m) => [m.id, m.shutdownDate] as const));
  return { url, ...dateDifferences(rows, dates) };
}

const dash = (value: string | null): string => value ?? '—';

/** The rows as an aligned text table, then each row's sources. */
export function renderModelsText(rows: readonly ModelRow[], now: string): string {
  const numbers = new Map<string, number>();
  const listed: ModelRow['sources'][number][] = [];
  for (const source of rows.flatMap((row) => row.sources)) {
    if (numbers.has(source.url)) continue;
    numbers.set(source.url, numbers.size + 1);
    listed.push(source);
  }
  const header = ['model', `status on ${now}`, 'shuts down', 'fix moves it to', 'the vendor recommends', 'sources'];
  const cells = rows.map((row) => [
    row.id + (row.aliases.length > 0 ? ` (+ ${row.aliases.join(', ')})` : ''),
    row.status,
    dash(row.shutdownDate) + (row.dateFrom ? ` (${row.dateFrom})` : ''),
    row.replacement ?? (row.note ? `— ${row.note}` : '—'),
    dash(row.recommended),
    row.sources.map((source) => `[${numbers.get(source.url)}]`).join(' '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: readonly string[]) => values.map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), '', 'Sources, with the date each was read:'];
  for (const source of listed) out.push(`  [${numbers.get(source.url)}] ${source.title}`, `      ${source.url} (read ${source.retrieved}${source.kind === 'third-party' ? ', third-party' : ''})`);
  out.push('', "Replacements are this tool's default (gpt-image-2); `--target` moves calls to any current model above.");
  const dated = rows.filter((row) => row.replacement === null && row.shutdownDate !== null).map((row) => row.id);
  if (dated.length > 0) out.push(`Note: ${dated.join(', ')} now ${dated.length === 1 ? 'has' : 'have'} a shutdown date, but audit and fix do not flag calls to current models yet: move them with --target.`);
  return `${out.join('\n')}\n`;
}

export function renderCheckText(check: CheckResult): string {
  const out = [`Shutdown dates from ${check.url}:`];
  if (check.differences.length === 0) out.push('  the vendor agrees with the catalog for every model it lists.');
  for (const d of check.differences) {
    out.push(`  ${d.id}: the catalog says ${d.catalog ?? 'no shutdown announced'}, the vendor says ${d.vendor ?? 'no shutdown announced'}`);
  }
  if (check.unlisted.length > 0) out.push(`  not in the vendor's list (shut-down models leave it, or this key cannot see them): ${check.unlisted.join(', ')}`);
  if (check.differences.length > 0) out.push('', '`audit --dates live` uses the vendor\'s dates for severity; a `--catalog` file keeps them for runs without network.');
  return `${out.join('\n')}\n`;
}
