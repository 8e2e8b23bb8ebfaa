/**
 * Cost per call site, before and after the migration, from the price tables
 * of the catalog (src/catalog/prices.ts, sources in docs/catalog.md) or a user's `--prices` file.
 * Each price names the table it came from; each guess (a quality that is not
 * set, a size that is `auto`) is an assumption the report prints.
 */
import {
  gatewayPrices,
  matchRetiredId,
  openaiParamPolicy,
  openaiPrices,
  surfaceInfo,
  surfaces,
  targetModel,
  type SurfaceId,
  type TierPriceTable,
  type TokenPriceTable,
} from '../catalog/index.js';
import type { Report, ReportCallSite, ReportFinding } from './model.js';

export type PriceTable = TokenPriceTable | TierPriceTable;
type SizeClass = keyof TokenPriceTable['prices'];
type Quality = 'low' | 'medium' | 'high';

const sizeClasses: readonly SizeClass[] = ['square', 'landscape-portrait', '3840x2160'];
const qualities: readonly Quality[] = ['low', 'medium', 'high'];

/** Price tables by key (`gpt-image-1`, or `unifically:openai/gpt-image-2` for a gateway's tiers). */
export interface PriceBook {
  readonly tables: ReadonlyMap<string, { readonly table: PriceTable; readonly origin: string }>;
  /** The `--prices` file, when one was given. */
  readonly overrides: string | null;
}

/** Where a price came from, as the report states it. */
export interface PriceTableInfo {
  readonly key: string;
  readonly kind: PriceTable['kind'];
  readonly model: string;
  readonly surface: string | null;
  readonly source: string;
  readonly date: string;
  /** `built-in` (src/catalog/prices.ts), or the `--prices` file. */
  readonly origin: string;
}

/** One side (before or after) of a call site's price. */
export interface PricedSide {
  readonly model: string;
  /** The quality the price was looked up by (after assumptions), on per-quality tables and old gateway tables. */
  readonly quality: string | null;
  /** The size the price was looked up by, on per-quality tables. */
  readonly size: string | null;
  /** The resolution tier, on resolution-tier surfaces after the migration. */
  readonly tier: string | null;
  /** USD per image, or null when no table has a price. */
  readonly perImage: number | null;
  /** Key of the table used. */
  readonly table: string | null;
  /** Why there is no price. */
  readonly unpriced: string | null;
}

export interface CallSiteCost {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly repository?: string;
  readonly surface: SurfaceId;
  /** Images per call: `n`, or 1. */
  readonly images: number;
  readonly before: PricedSide;
  readonly after: PricedSide;
  /** The guesses behind these prices (texts from `assumptionTexts`). */
  readonly assumptions: readonly string[];
}

export interface CostTotals {
  readonly callSites: number;
  /** Call sites with a price both before and after: only those are summed. */
  readonly priced: number;
  /** USD per set of calls (each priced call site once, times its images). */
  readonly before: number;
  readonly after: number;
}

export interface CostReport {
  readonly currency: 'USD';
  readonly callSites: readonly CallSiteCost[];
  readonly bySurface: Readonly<Record<string, CostTotals>>;
  readonly total: CostTotals;
  /** The tables that priced at least one call site. */
  readonly tables: readonly PriceTableInfo[];
  /** Every assumption used, once. */
  readonly assumptions: readonly string[];
  readonly overrides: string | null;
}

/** The assumptions a price can rest on, worded for the report. */
export const assumptionTexts = {
  qualityAuto: "quality not set, 'auto' or not a literal: priced as 'medium'",
  sizeAuto: "size not set, 'auto' or not a literal: priced as 1024x1024",
  nDefault: 'n not set or not a literal: one image per call',
  addedQuality: "gpt-image-1-mini with no literal quality: fix adds quality 'low' (the cookbook's equivalent), priced as 'low' after",
  snapshot: 'a dated gpt-image-2 snapshot is priced as gpt-image-2',
  dalleQuality: "dall-e quality 'hd'/'standard' is priced as 'high'/'medium'",
  onePerTask: 'one image per task on this gateway: n images are priced as n tasks (one task per image, as the finding advises)',
} as const;

export class PriceFileError extends Error {}

/** The reference's tables (src/catalog/prices.ts). */
export function builtInPrices(): PriceBook {
  const tables = new Map<string, { table: PriceTable; origin: string }>();
  for (const table of [...openaiPrices, ...gatewayPrices]) tables.set(keyOf(table), { table, origin: 'built-in' });
  return { tables, overrides: null };
}

function keyOf(table: PriceTable): string {
  return table.kind === 'per-quality' ? table.model : `${table.surface}:${table.model}`;
}

/**
 * Reads a `--prices` file: `{ "source", "date", "tables": [...] }` where each
 * table has the catalog's shape. A table replaces the built-in table with the
 * same model (and surface) as a whole; the others stay.
 */
export function parsePriceFile(data: unknown, origin: string, base: PriceBook = builtInPrices()): PriceBook {
  const fail = (where: string, what: string): never => {
    throw new PriceFileError(`${origin}: ${where} ${what}`);
  };
  if (!isObject(data)) return fail('the file', 'must hold a JSON object: { "source": "...", "date": "YYYY-MM-DD", "tables": [...] }');
  const text = (value: unknown, where: string): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') return fail(where, 'must be a non-empty string');
    return value;
  };
  const date = (value: unknown, where: string): string | undefined => {
    const d = text(value, where);
    if (d !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(d)) fail(where, `must be a date as YYYY-MM-DD, got '${d}'`);
    return d;
  };
  for (const key of Object.keys(data)) if (!['source', 'date', 'tables', '$schema'].includes(key)) fail(`'${key}'`, 'is not a field of a price file (source, date, tables)');
  const fileSource = text(data.source, 'source') ?? origin;
  const fileDate = date(data.date, 'date') ?? 'undated';
  if (!Array.isArray(data.tables) || data.tables.length === 0) return fail('tables', 'must be a non-empty array of price tables');
  const price = (value: unknown, where: string): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return fail(where, `must be a price in USD per image (a number >= 0), got ${JSON.stringify(value)}`);
    return value;
  };

  const tables = new Map(base.tables);
  data.tables.forEach((raw: unknown, i: number) => {
    const at = `tables[${i}]`;
    if (!isObject(raw)) return fail(at, 'must be an object');
    const model = text(raw.model, `${at}.model`) ?? fail(`${at}.model`, 'is required');
    const source = text(raw.source, `${at}.source`) ?? fileSource;
    const tableDate = date(raw.date, `${at}.date`) ?? fileDate;
    if (!isObject(raw.prices)) return fail(`${at}.prices`, 'must be an object');
    let table: PriceTable;
    if (raw.kind === 'per-quality') {
      const prices: Record<SizeClass, Partial<Record<Quality, number>>> = { square: {}, 'landscape-portrait': {}, '3840x2160': {} };
      for (const [size, byQuality] of Object.entries(raw.prices)) {
        if (!sizeClasses.includes(size as SizeClass)) fail(`${at}.prices.${size}`, `is not a size class (${sizeClasses.join(', ')})`);
        if (!isObject(byQuality)) return fail(`${at}.prices.${size}`, 'must map low/medium/high to prices');
        for (const [quality, value] of Object.entries(byQuality)) {
          if (!qualities.includes(quality as Quality)) fail(`${at}.prices.${size}.${quality}`, `is not a quality (${qualities.join(', ')})`);
          prices[size as SizeClass][quality as Quality] = price(value, `${at}.prices.${size}.${quality}`);
        }
      }
      table = { kind: 'per-quality', model, prices, source, date: tableDate };
    } else if (raw.kind === 'per-tier') {
      const surface = text(raw.surface, `${at}.surface`) ?? fail(`${at}.surface`, "is required for a per-tier table (e.g. 'unifically')");
      const prices: Record<string, number> = {};
      for (const [tier, value] of Object.entries(raw.prices)) prices[tier.toLowerCase()] = price(value, `${at}.prices.${tier}`);
      table = { kind: 'per-tier', surface, model, prices, source, date: tableDate };
    } else {
      return fail(`${at}.kind`, `must be 'per-quality' or 'per-tier', got ${JSON.stringify(raw.kind)}`);
    }
    tables.set(keyOf(table), { table, origin });
  });
  return { tables, overrides: origin };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a call site's price depends on: every field but where it is (a field added to call sites fails to compile until it is listed here). */
const PRICED_FIELDS = Object.entries({
  surface: true,
  modelBefore: true,
  modelAfter: true,
  quality: true,
  size: true,
  n: true,
  resolutionAfter: true,
  line: false,
  column: false,
} satisfies Record<keyof ReportCallSite, boolean>).flatMap(([field, priced]) => (priced ? [field as keyof ReportCallSite] : []));

/** Prices every call site of the findings (each request once) and sums them by surface. */
export function costOf(findings: readonly ReportFinding[], book: PriceBook): CostReport {
  const seen = new Set<string>();
  const callSites: CallSiteCost[] = [];
  // call sites that differ only in where they are cost the same: priced once (a file of 20,000 calls has a handful of kinds)
  const prices = new Map<string, ReturnType<typeof priceCallSite>>();
  for (const finding of findings) {
    for (const site of finding.callSites ?? []) {
      const id = `${finding.repository ?? ''}\0${finding.file}\0${site.line}:${site.column}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const kind = PRICED_FIELDS.map((field) => String(site[field])).join('\0');
      let priced = prices.get(kind);
      if (!priced) prices.set(kind, (priced = priceCallSite(site, book)));
      callSites.push({
        file: finding.file,
        line: site.line,
        column: site.column,
        ...(finding.repository !== undefined ? { repository: finding.repository } : {}),
        ...priced,
      });
    }
  }
  const empty = (): { callSites: number; priced: number; before: number; after: number } => ({ callSites: 0, priced: 0, before: 0, after: 0 });
  const total = empty();
  const bySurface: Record<string, ReturnType<typeof empty>> = {};
  for (const site of callSites) {
    const bucket = (bySurface[site.surface] ??= empty());
    for (const t of [bucket, total]) {
      t.callSites++;
      if (site.before.perImage !== null && site.after.perImage !== null) {
        t.priced++;
        t.before += site.before.perImage * site.images;
        t.after += site.after.perImage * site.images;
      }
    }
  }
  const round = (t: ReturnType<typeof empty>): CostTotals => ({ ...t, before: usd(t.before), after: usd(t.after) });
  const usedKeys = new Set(callSites.flatMap((s) => [s.before.table, s.after.table]).filter((k): k is string => k !== null));
  const tables = [...usedKeys].sort().map((key): PriceTableInfo => {
    const { table, origin } = book.tables.get(key)!;
    return { key, kind: table.kind, model: table.model, surface: table.kind === 'per-tier' ? table.surface : null, source: table.source, date: table.date, origin };
  });
  return {
    currency: 'USD',
    callSites,
    bySurface: Object.fromEntries(Object.entries(bySurface).map(([surface, t]) => [surface, round(t)])),
    total: round(total),
    tables,
    assumptions: [...new Set(callSites.flatMap((s) => s.assumptions))],
    overrides: book.overrides,
  };
}

/** The report with its cost section (recomputed from the findings' call sites). */
export function withCost<R extends Report>(report: R, book: PriceBook): R & { readonly cost: CostReport } {
  return { ...report, cost: costOf(report.findings, book) };
}

/** Rounds to a millionth of a dollar, so sums of binary fractions print as the tables read. */
export function usd(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** One call site's price per image before and after, with the assumptions made. */
export function priceCallSite(site: ReportCallSite, book: PriceBook): Omit<CallSiteCost, 'file' | 'line' | 'column' | 'repository'> {
  const assumptions = new Set<string>();
  // a side's assumptions count only when that side has a price
  const side = (price: (noted: Set<string>) => PricedSide): PricedSide => {
    const noted = new Set<string>();
    const priced = price(noted);
    if (priced.perImage !== null) for (const a of noted) assumptions.add(a);
    return priced;
  };
  const surface = surfaceInfo(site.surface);
  const images = site.n !== null && site.n >= 1 ? site.n : 1;
  let before: PricedSide;
  let after: PricedSide;
  if (surface?.tiers) {
    before = side((noted) => priceOldGatewayCall(site, book, noted));
    after = side((noted) => priceTierCall(site, book, noted));
    if (images > 1 && surface.tiers.oneImagePerCall && after.perImage !== null) assumptions.add(assumptionTexts.onePerTask);
  } else {
    const added = matchRetiredId(site.modelBefore)?.model.addWhenMissing;
    // fix adds the quality only for the targets the advice is about (gpt-image-2 and its snapshot)
    const adds = added?.param === 'quality' && added.targets.includes(canonicalModel(site.modelAfter));
    const qualityAfter = site.quality === null && adds ? added.value : site.quality;
    before = side((noted) => priceQualityCall(site.modelBefore, site.quality, site.size, book, noted));
    after = side((noted) => {
      if (qualityAfter !== site.quality) noted.add(assumptionTexts.addedQuality);
      return priceQualityCall(site.modelAfter, qualityAfter, site.size, book, noted);
    });
  }
  if (site.n === null && (before.perImage !== null || after.perImage !== null)) assumptions.add(assumptionTexts.nDefault);
  return { surface: site.surface, images, before, after, assumptions: [...assumptions] };
}

/** OpenAI-shaped surfaces: a per-quality table by model, size class and quality. */
function priceQualityCall(model: string, quality: string | null, size: string | null, book: PriceBook, assumptions: Set<string>): PricedSide {
  const valueMaps = openaiParamPolicy.valueMaps;
  let q = quality;
  if (q !== null && valueMaps.quality?.[q]) {
    q = valueMaps.quality[q];
    assumptions.add(assumptionTexts.dalleQuality);
  }
  if (q === null || q === 'auto') {
    q = 'medium';
    assumptions.add(assumptionTexts.qualityAuto);
  }
  let s = size !== null ? (valueMaps.size?.[size] ?? size) : null;
  if (s === null || s === 'auto') {
    s = '1024x1024';
    assumptions.add(assumptionTexts.sizeAuto);
  }
  const side = { model, quality: q, size: s, tier: null };
  const key = tableKeyForModel(model, book, assumptions);
  if (!key) return { ...side, perImage: null, table: null, unpriced: `no price table for '${model}'${targetModel(canonicalModel(model)) ? ' (no public price is known for this target yet: give one with --prices)' : ''}` };
  const table = book.tables.get(key)!.table as TokenPriceTable;
  const sizeClass = sizeClassOf(s);
  if (!sizeClass) return { ...side, perImage: null, table: null, unpriced: `no price for size ${s} in the ${key} table` };
  const perImage = table.prices[sizeClass]?.[q as Quality];
  if (perImage === undefined) return { ...side, perImage: null, table: null, unpriced: `no price for ${s} at quality '${q}' in the ${key} table` };
  return { ...side, perImage, table: key, unpriced: null };
}

/** Resolution-tier gateways before the migration: the old model's table is by quality. */
function priceOldGatewayCall(site: ReportCallSite, book: PriceBook, assumptions: Set<string>): PricedSide {
  let q = site.quality;
  if (q === null || q === 'auto') {
    q = 'medium';
    assumptions.add(assumptionTexts.qualityAuto);
  }
  const side = { model: site.modelBefore, quality: q, size: null, tier: null };
  const key = tierTableKey(site.surface, site.modelBefore, book, assumptions);
  if (!key) return { ...side, perImage: null, table: null, unpriced: `no ${surfaceInfo(site.surface).label} price table for '${site.modelBefore}'` };
  const perImage = (book.tables.get(key)!.table as TierPriceTable).prices[q.toLowerCase()];
  if (perImage === undefined) return { ...side, perImage: null, table: null, unpriced: `no price for quality '${q}' in the ${key} table` };
  return { ...side, perImage, table: key, unpriced: null };
}

/** Resolution-tier gateways after the migration: by the tier the tier map picked. */
function priceTierCall(site: ReportCallSite, book: PriceBook, assumptions: Set<string>): PricedSide {
  const side = { model: site.modelAfter, quality: null, size: null, tier: site.resolutionAfter };
  const key = tierTableKey(site.surface, site.modelAfter, book, assumptions);
  if (!key) return { ...side, perImage: null, table: null, unpriced: `no ${surfaceInfo(site.surface).label} price table for '${site.modelAfter}'` };
  if (site.resolutionAfter === null) return { ...side, perImage: null, table: null, unpriced: 'the resolution tier after the migration is not known' };
  const perImage = (book.tables.get(key)!.table as TierPriceTable).prices[site.resolutionAfter.toLowerCase()];
  if (perImage === undefined) return { ...side, perImage: null, table: null, unpriced: `no price for tier '${site.resolutionAfter}' in the ${key} table` };
  return { ...side, perImage, table: key, unpriced: null };
}

/** The per-quality table of a model id as a call spells it (`openai/gpt-image-1-2025-04-15` → `gpt-image-1`). */
function tableKeyForModel(model: string, book: PriceBook, assumptions: Set<string>): string | null {
  const canonical = canonicalModel(model);
  const direct = book.tables.get(canonical);
  if (direct?.table.kind === 'per-quality') return canonical;
  const base = snapshotBase(canonical);
  if (base && book.tables.get(base)?.table.kind === 'per-quality') {
    assumptions.add(assumptionTexts.snapshot);
    return base;
  }
  return null;
}

function tierTableKey(surface: SurfaceId, model: string, book: PriceBook, assumptions: Set<string>): string | null {
  const prefix = surfaceInfo(surface).idPrefix;
  const canonical = prefix + canonicalModel(model);
  const key = `${surface}:${canonical}`;
  if (book.tables.get(key)?.table.kind === 'per-tier') return key;
  const base = snapshotBase(canonicalModel(model));
  if (base && book.tables.get(`${surface}:${prefix}${base}`)?.table.kind === 'per-tier') {
    assumptions.add(assumptionTexts.snapshot);
    return `${surface}:${prefix}${base}`;
  }
  return null;
}

/** The id without a gateway prefix, a retired alias as its model's id. */
function canonicalModel(model: string): string {
  let id = model;
  for (const prefix of new Set(Object.values(surfaces).map((s) => s.idPrefix))) {
    if (prefix && id.startsWith(prefix)) id = id.slice(prefix.length);
  }
  return matchRetiredId(id)?.model.id ?? id;
}

/** `gpt-image-2-2026-04-21` → `gpt-image-2`. */
function snapshotBase(id: string): string | null {
  const match = /^(.+)-\d{4}-\d{2}-\d{2}$/.exec(id);
  return match ? match[1] : null;
}

function sizeClassOf(size: string): SizeClass | null {
  if (size === '1024x1024') return 'square';
  if (size === '1536x1024' || size === '1024x1536') return 'landscape-portrait';
  if (size === '3840x2160') return '3840x2160';
  return null;
}
