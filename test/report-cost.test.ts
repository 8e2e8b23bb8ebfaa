/**
 * Cost per call site: every price is the vendor's published price of its
 * cell (written below, independently of src/catalog/prices.ts) or a cell of a
 * `--prices` file, every guess is stated, and the totals are the sums of the
 * priced call sites.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gatewayPrices, openaiPrices } from '../src/catalog/index.js';
import { EXIT } from '../src/cli.js';
import { assumptionTexts, builtInPrices, costOf, parsePriceFile, PriceFileError, priceCallSite, type PricedSide, type PriceBook } from '../src/report/cost.js';
import type { PricedReport, ReportCallSite, ReportFinding } from '../src/report/model.js';
import { cleanTempDirs, cli, GOOD_SOURCE, tempDir, writeFiles } from './support/cli.js';

afterAll(cleanTempDirs);

const fixturesDir = path.resolve(import.meta.dirname, '../fixtures');
const fixtures = fs.readdirSync(fixturesDir).filter((name) => fs.existsSync(path.join(fixturesDir, name, 'before')));

/**
 * The vendors' prices in USD per image, typed here by hand from their own
 * statements, not read from src/catalog/prices.ts: a wrong cell in the
 * catalog fails the test that compares them, and every expected price below
 * comes from these.
 *
 * - OpenAI: the API pricing page, https://platform.openai.com/docs/pricing
 *   (image generation, price per image by quality and size), as recorded on
 *   2026-11-21; the gpt-image-2 3840x2160 column from fal's gpt-image-2 model
 *   page (OpenAI's page lists no price for that size).
 * - Unifically: its GPT Image 2 guide (May 2026).
 * - UniAll: its GPT Image-2 guide (2026-05-30).
 */
const VENDOR_PRICES = {
  'gpt-image-1': { square: { low: 0.011, medium: 0.042, high: 0.167 }, 'landscape-portrait': { low: 0.016, medium: 0.063, high: 0.25 }, '3840x2160': {} },
  'gpt-image-1-mini': { square: { low: 0.005, medium: 0.011, high: 0.036 }, 'landscape-portrait': { low: 0.006, medium: 0.015, high: 0.052 }, '3840x2160': {} },
  'gpt-image-1.5': { square: { low: 0.009, medium: 0.034, high: 0.133 }, 'landscape-portrait': { low: 0.013, medium: 0.05, high: 0.2 }, '3840x2160': {} },
  'gpt-image-2': {
    square: { low: 0.006, medium: 0.053, high: 0.211 },
    'landscape-portrait': { low: 0.005, medium: 0.041, high: 0.165 },
    '3840x2160': { low: 0.012, medium: 0.101, high: 0.401 },
  },
} as const satisfies Record<string, Record<'square' | 'landscape-portrait' | '3840x2160', Partial<Record<'low' | 'medium' | 'high', number>>>>;
const GATEWAY_PRICES = {
  'unifically:openai/gpt-image-2': { '1k': 0.03, '2k': 0.05, '4k': 0.06 },
  'unifically:openai/gpt-image-1': { low: 0.01, medium: 0.02, high: 0.04 },
  'uniall:gpt-image-2-origin': { '1K': 0.01836, '2K': 0.05576, '4K': 0.11424 },
} as const satisfies Record<string, Record<string, number>>;

/** The vendor's price of one cell (OpenAI's tables). */
function openai(model: keyof typeof VENDOR_PRICES, size: 'square' | 'landscape-portrait' | '3840x2160', quality: 'low' | 'medium' | 'high'): number {
  const price = (VENDOR_PRICES[model][size] as Partial<Record<string, number>>)[quality];
  if (price === undefined) throw new Error(`test bug: no vendor price for ${model} ${size} ${quality}`);
  return price;
}
function gateway(surface: string, model: string, key: string): number {
  const price = (GATEWAY_PRICES as Record<string, Record<string, number>>)[`${surface}:${model}`]?.[key];
  if (price === undefined) throw new Error(`test bug: no vendor price for ${surface}:${model} ${key}`);
  return price;
}

describe('the built-in price tables', () => {
  it("hold the vendors' published prices, cell for cell, and no other", () => {
    expect(Object.fromEntries(openaiPrices.map((t) => [t.model, t.prices]))).toEqual(VENDOR_PRICES);
    expect(Object.fromEntries(gatewayPrices.map((t) => [`${t.surface}:${t.model}`, t.prices]))).toEqual(GATEWAY_PRICES);
    for (const table of [...openaiPrices, ...gatewayPrices]) {
      expect(table.source, table.model).not.toBe('');
      expect(table.date, table.model).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

const site = (over: Partial<ReportCallSite>): ReportCallSite => ({
  line: 1,
  column: 1,
  surface: 'openai',
  modelBefore: 'gpt-image-1',
  modelAfter: 'gpt-image-2',
  quality: 'high',
  size: '1024x1024',
  n: 1,
  resolutionAfter: null,
  ...over,
});

const book = builtInPrices();

describe('the price of one call site', () => {
  it('OpenAI SDK, gpt-image-1 high 1024x1024 → gpt-image-2 high 1024x1024, no assumption', () => {
    const priced = priceCallSite(site({}), book);
    expect(priced.before).toMatchObject({ perImage: openai('gpt-image-1', 'square', 'high'), table: 'gpt-image-1', quality: 'high', size: '1024x1024' });
    expect(priced.after).toMatchObject({ perImage: openai('gpt-image-2', 'square', 'high'), table: 'gpt-image-2' });
    expect(priced.assumptions).toEqual([]);
  });

  it("no quality → priced as 'medium', and says so; a portrait size uses the landscape/portrait column", () => {
    const priced = priceCallSite(site({ quality: null, size: '1024x1536', surface: 'openai-http' }), book);
    expect(priced.before.perImage).toBe(openai('gpt-image-1', 'landscape-portrait', 'medium'));
    expect(priced.after.perImage).toBe(openai('gpt-image-2', 'landscape-portrait', 'medium'));
    expect(priced.assumptions).toContain(assumptionTexts.qualityAuto);
  });

  it("quality 'auto' and size 'auto' → medium at 1024x1024, both stated; n not literal → one image, stated", () => {
    const priced = priceCallSite(site({ quality: 'auto', size: 'auto', n: null }), book);
    expect(priced.before.perImage).toBe(openai('gpt-image-1', 'square', 'medium'));
    expect(priced.images).toBe(1);
    expect(priced.assumptions).toEqual(expect.arrayContaining([assumptionTexts.qualityAuto, assumptionTexts.sizeAuto, assumptionTexts.nDefault]));
  });

  it("gpt-image-1-mini with no quality becomes gpt-image-2 at 'low' (what fix adds)", () => {
    const priced = priceCallSite(site({ modelBefore: 'gpt-image-1-mini', quality: null }), book);
    expect(priced.before.perImage).toBe(openai('gpt-image-1-mini', 'square', 'medium'));
    expect(priced.after).toMatchObject({ quality: 'low', perImage: openai('gpt-image-2', 'square', 'low') });
    expect(priced.assumptions).toContain(assumptionTexts.addedQuality);
  });

  it('an alias and a gateway spelling are priced as their model; a dated target snapshot as gpt-image-2', () => {
    const alias = priceCallSite(site({ modelBefore: 'gpt-image-1-2025-04-15', modelAfter: 'gpt-image-2-2026-04-21' }), book);
    expect(alias.before).toMatchObject({ table: 'gpt-image-1', perImage: openai('gpt-image-1', 'square', 'high') });
    expect(alias.after).toMatchObject({ table: 'gpt-image-2', perImage: openai('gpt-image-2', 'square', 'high') });
    expect(alias.assumptions).toContain(assumptionTexts.snapshot);
    const prefixed = priceCallSite(site({ surface: 'gateway', modelBefore: 'openai/gpt-image-1.5', modelAfter: 'openai/gpt-image-2', quality: 'low' }), book);
    expect(prefixed.before.perImage).toBe(openai('gpt-image-1.5', 'square', 'low'));
  });

  it("dall-e: 'hd' is priced as 'high' after the fix maps it; no table for dall-e-3, and 1792x1024 has no price: not priced, with the reason", () => {
    const priced = priceCallSite(site({ modelBefore: 'dall-e-3', quality: 'hd', size: '1792x1024' }), book);
    expect(priced.before).toMatchObject({ perImage: null, unpriced: "no price table for 'dall-e-3'" });
    expect(priced.after.perImage).toBeNull();
    expect(priced.after.unpriced).toMatch(/1792x1024/);
    const small = priceCallSite(site({ modelBefore: 'dall-e-2', quality: 'standard', size: '512x512' }), book);
    expect(small.after).toMatchObject({ quality: 'medium', size: '1024x1024', perImage: openai('gpt-image-2', 'square', 'medium') });
  });

  it('Unifically: before by the old quality table, after by the tier the tier map picked; n images priced as n tasks', () => {
    const priced = priceCallSite(site({ surface: 'unifically', modelBefore: 'openai/gpt-image-1', modelAfter: 'openai/gpt-image-2', quality: 'low', size: '1024x1024', n: 2, resolutionAfter: '1k' }), book);
    expect(priced.before).toMatchObject({ perImage: gateway('unifically', 'openai/gpt-image-1', 'low'), table: 'unifically:openai/gpt-image-1' });
    expect(priced.after).toMatchObject({ perImage: gateway('unifically', 'openai/gpt-image-2', '1k'), tier: '1k' });
    expect(priced.images).toBe(2);
    expect(priced.assumptions).toContain(assumptionTexts.onePerTask);
  });
});

describe('totals', () => {
  it('sum price × images over call sites priced on both sides, per surface and overall; the same request is priced once', () => {
    const finding = (callSites: ReportCallSite[], file = 'a.ts'): ReportFinding =>
      ({ file, line: 1, column: 1, callSites }) as unknown as ReportFinding;
    const a = site({ line: 3 });
    const b = site({ line: 9, quality: 'low', n: 3 });
    const dead = site({ line: 20, modelBefore: 'dall-e-3' });
    const uni = site({ line: 30, surface: 'unifically', modelBefore: 'openai/gpt-image-1', modelAfter: 'openai/gpt-image-2', quality: 'medium', resolutionAfter: '2k' });
    const cost = costOf([finding([a, b]), finding([a]), finding([dead]), finding([uni], 'b.ts')], book);
    expect(cost.callSites).toHaveLength(4);
    const before = openai('gpt-image-1', 'square', 'high') + 3 * openai('gpt-image-1', 'square', 'low');
    const after = openai('gpt-image-2', 'square', 'high') + 3 * openai('gpt-image-2', 'square', 'low');
    expect(cost.bySurface.openai.callSites).toBe(3);
    expect(cost.bySurface.openai.priced).toBe(2);
    expect(cost.bySurface.openai.before).toBeCloseTo(before, 9);
    expect(cost.bySurface.openai.after).toBeCloseTo(after, 9);
    expect(cost.total.before).toBeCloseTo(before + gateway('unifically', 'openai/gpt-image-1', 'medium'), 9);
    expect(cost.total.after).toBeCloseTo(after + gateway('unifically', 'openai/gpt-image-2', '2k'), 9);
    expect(cost.tables.map((t) => t.key).sort()).toEqual(['gpt-image-1', 'gpt-image-2', 'unifically:openai/gpt-image-1', 'unifically:openai/gpt-image-2']);
    for (const t of cost.tables) expect(t.source.length).toBeGreaterThan(0);
  });
});

/**
 * Fixtures whose requests have a price on both sides somewhere, and those
 * that have none (Azure deployments have no price by name; the others send no
 * priceable literal request), so every fixture is one or the other.
 */
const PRICED_FIXTURES = [
  'agent-mixed-tools',
  'agent-responses-tool',
  'express-multipart',
  'fastapi-image-service',
  'monorepo-python-worker',
  'nextjs-openai-sdk',
  'notebooks-design',
  'provider-monorepo',
  'unifically-worker',
  'vercel-ai-sdk',
];
const UNPRICED_FIXTURES = ['azure-app-env', 'azure-functions', 'nothing-to-change', 'turborepo-unifically'];

it('every fixture is listed as priced or unpriced', () => {
  expect([...PRICED_FIXTURES, ...UNPRICED_FIXTURES].sort()).toEqual([...fixtures].sort());
});

describe.each(PRICED_FIXTURES)('cost of fixture %s', (name) => {
  it("every price is the vendor's price of the cell its side names, and the totals add up", async () => {
    const dir = path.join(fixturesDir, name, 'before');
    const report = JSON.parse((await cli(dir, 'audit', '.', '--format', 'json', '--fail-on', 'none')).stdout) as PricedReport;
    expect(report.cost.callSites.filter((s) => s.before.perImage !== null && s.after.perImage !== null).length).toBeGreaterThan(0);
    // the vendor's price of the cell a side names (its table, size class and quality or tier)
    const cell = (side: PricedSide): number | undefined => {
      if (side.table === null) return undefined;
      if (side.table in GATEWAY_PRICES) {
        const tiers = GATEWAY_PRICES[side.table as keyof typeof GATEWAY_PRICES] as Record<string, number>;
        const key = side.tier ?? side.quality!;
        return tiers[key] ?? tiers[key.toLowerCase()] ?? tiers[key.toUpperCase()];
      }
      const size = side.size === '1024x1024' ? 'square' : side.size === '3840x2160' ? '3840x2160' : 'landscape-portrait';
      return openai(side.table as keyof typeof VENDOR_PRICES, size, side.quality as 'low' | 'medium' | 'high');
    };
    let before = 0;
    let after = 0;
    for (const s of report.cost.callSites) {
      for (const side of [s.before, s.after]) {
        if (side.perImage === null) expect(side.unpriced).toBeTruthy();
        else expect(side.perImage).toBe(cell(side));
      }
      // the quality priced is the call's own, unless an assumption says otherwise
      const call = report.findings.flatMap((f) => (f.file === s.file ? (f.callSites ?? []) : [])).find((c) => c.line === s.line && c.column === s.column)!;
      if (call.quality !== null && call.quality !== 'auto' && s.before.quality !== null && !['hd', 'standard'].includes(call.quality)) expect(s.before.quality).toBe(call.quality);
      if (call.quality === null && s.before.perImage !== null) expect(s.assumptions).toContain(assumptionTexts.qualityAuto);
      if (s.before.perImage !== null && s.after.perImage !== null) {
        before += s.before.perImage * s.images;
        after += s.after.perImage * s.images;
      }
    }
    expect(report.cost.total.before).toBeCloseTo(before, 6);
    expect(report.cost.total.after).toBeCloseTo(after, 6);
    const md = (await cli(dir, 'audit', '.', '--format', 'markdown', '--fail-on', 'none')).stdout;
    for (const t of report.cost.tables) expect(md).toContain(`\`${t.key}\``);
    for (const a of report.cost.assumptions) expect(md).toContain(a.replace(/[*_[\]<>|#~`\\]/g, '\\$&'));
  });
});

describe('--prices FILE', () => {
  const prices = {
    source: 'Contract rates 2026',
    date: '2026-11-01',
    tables: [{ kind: 'per-quality', model: 'gpt-image-2', prices: { square: { low: 0.004, medium: 0.03, high: 0.15 } } }],
  };

  it('replaces the built-in table of that model, and every format names the file', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'src/a.ts': GOOD_SOURCE, 'prices.json': JSON.stringify(prices) });
    const report = JSON.parse((await cli(dir, 'audit', 'src', '--format', 'json', '--prices', 'prices.json')).stdout) as PricedReport;
    const [call] = report.cost.callSites;
    expect(call.after).toMatchObject({ perImage: prices.tables[0].prices.square.medium, table: 'gpt-image-2' });
    expect(call.before.perImage).toBe(openai('gpt-image-1', 'square', 'medium'));
    expect(report.cost.overrides).toBe('prices.json');
    expect(report.cost.tables.find((t) => t.key === 'gpt-image-2')).toMatchObject({ source: 'Contract rates 2026', date: '2026-11-01', origin: 'prices.json' });
    expect(report.cost.tables.find((t) => t.key === 'gpt-image-1')).toMatchObject({ origin: 'built-in' });
    const md = (await cli(dir, 'audit', 'src', '--format', 'markdown', '--prices', 'prices.json')).stdout;
    expect(md).toContain('`prices.json` over the built-in tables');
    expect(md).toContain('Contract rates 2026 (2026-11-01, from prices.json)');
    const html = (await cli(dir, 'audit', 'src', '--format', 'html', '--prices', 'prices.json')).stdout;
    expect(html).toContain('Contract rates 2026');
  });

  it('a replaced table without a size class leaves that call site unpriced, with the reason', () => {
    const custom: PriceBook = parsePriceFile(prices, 'prices.json');
    const priced = priceCallSite(site({ size: '1536x1024' }), custom);
    expect(priced.after.perImage).toBeNull();
    expect(priced.after.unpriced).toContain('1536x1024');
  });

  it.each([
    ['a missing file', null, /cannot read/],
    ['not JSON', '{ nope', /not JSON/],
    ['a negative price', { tables: [{ kind: 'per-quality', model: 'gpt-image-2', prices: { square: { low: -1 } } }] }, /tables\[0\]\.prices\.square\.low/],
    ['an unknown size class', { tables: [{ kind: 'per-quality', model: 'gpt-image-2', prices: { huge: { low: 1 } } }] }, /tables\[0\]\.prices\.huge is not a size class/],
    ['no kind', { tables: [{ model: 'gpt-image-2', prices: {} }] }, /tables\[0\]\.kind/],
    ['a per-tier table without a surface', { tables: [{ kind: 'per-tier', model: 'openai/gpt-image-2', prices: { '1k': 0.02 } }] }, /tables\[0\]\.surface/],
    ['no tables', { source: 'x' }, /tables must be a non-empty array/],
  ])('%s: exit 3 with the reason, before scanning anything', async (_case, content, reason) => {
    const dir = tempDir();
    writeFiles(dir, { 'a.ts': GOOD_SOURCE });
    if (content !== null) writeFiles(dir, { 'prices.json': typeof content === 'string' ? content : JSON.stringify(content) });
    const { code, stdout, stderr } = await cli(dir, 'audit', '--prices', 'prices.json');
    expect(code).toBe(EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/--prices/);
    expect(stderr).toMatch(reason);
  });

  it('parsePriceFile throws PriceFileError naming the origin', () => {
    expect(() => parsePriceFile([], 'x.json')).toThrow(PriceFileError);
    expect(() => parsePriceFile([], 'x.json')).toThrow(/^x\.json: /);
  });
});
