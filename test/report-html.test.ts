/**
 * The HTML report in a real browser: the headless Chromium that
 * @sparticuz/chromium ships inside its npm package (no download at install
 * or run time), driven by puppeteer-core; a system Chromium ($CHROMIUM, or
 * `chromium` on the PATH) is the fallback where that binary cannot run. The
 * browser loads the self-contained file, and the DOM it renders shows the
 * same counts as the JSON report: the summary cards, the bars of the surface
 * chart, the surface table, one article per finding. A screenshot is taken
 * into the test's temporary directory; set GIM_SCREENSHOT_DIR to keep a copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import type { PricedReport } from '../src/report/model.js';
import { cleanTempDirs, cli, tempDir } from './support/cli.js';

afterAll(cleanTempDirs);

const fixturesDir = path.resolve(import.meta.dirname, '../fixtures');
/** Flags for a closed network: no background connections, no component updates. */
const QUIET = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

let browser: Browser;
beforeAll(async () => {
  const puppeteer = (await import('puppeteer-core')).default;
  const { default: chromium } = await import('@sparticuz/chromium');
  const launch = (executablePath: string, args: string[]) => puppeteer.launch({ executablePath, args: [...args, ...QUIET], headless: 'shell', timeout: 60_000 });
  try {
    browser = await launch(await chromium.executablePath(), chromium.args);
  } catch (bundled) {
    const system = process.env.CHROMIUM ?? (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'chromium')).find((file) => fs.existsSync(file));
    if (!system) throw bundled;
    browser = await launch(system, ['--headless', '--no-sandbox', '--disable-gpu']);
  }
}, 120_000);
afterAll(async () => browser?.close());

/** The text content of the element with this data-count (the number it shows). */
function shown(dom: string, key: string): number {
  const match = dom.match(new RegExp(`data-count="${key}"[^>]*>(?:<b class="n">)?(\\d+)<`));
  expect(match, `no element with data-count="${key}"`).not.toBeNull();
  return Number(match![1]);
}

describe('the HTML report in headless Chromium', () => {
  it.each(['nextjs-openai-sdk', 'unifically-worker'])('%s: the rendered DOM shows the JSON counts, and a screenshot is taken', async (name) => {
    const dir = tempDir();
    const source = path.join(fixturesDir, name, 'before');
    const html = path.join(dir, 'report.html');
    await cli(dir, 'audit', source, '--format', 'html', '-o', html, '--fail-on', 'none');
    const report = JSON.parse((await cli(dir, 'audit', source, '--format', 'json', '--fail-on', 'none')).stdout) as PricedReport;
    const s = report.summary;

    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 2000 });
    await page.goto(`file://${html}`, { waitUntil: 'load' });
    const dom = await page.content();
    expect(dom).toContain('<title>Image model migration');
    expect(shown(dom, 'findings')).toBe(s.findings);
    expect(shown(dom, 'error')).toBe(s.bySeverity.error);
    expect(shown(dom, 'warning')).toBe(s.bySeverity.warning);
    expect(shown(dom, 'info')).toBe(s.bySeverity.info);
    expect(shown(dom, 'auto')).toBe(s.byFix.auto);
    expect(shown(dom, 'manual')).toBe(s.byFix.manual);
    expect(shown(dom, 'errors')).toBe(s.errors);
    expect(shown(dom, 'total')).toBe(s.findings);
    for (const sev of ['error', 'warning', 'info'] as const) expect(shown(dom, `total-${sev}`)).toBe(s.bySeverity[sev]);
    expect(shown(dom, 'call-sites')).toBe(report.cost.total.callSites);

    // the chart: per surface, the bars' values add up to the surface's count
    const bars = [...dom.matchAll(/<rect [^>]*data-surface="([^"]+)" data-severity="(\w+)" data-value="(\d+)"/g)];
    const bySurface: Record<string, number> = {};
    for (const [, surface, , value] of bars) bySurface[surface] = (bySurface[surface] ?? 0) + Number(value);
    expect(bySurface).toEqual(s.bySurface);
    expect(dom.match(/<article class="finding /g)?.length ?? 0).toBe(s.findings);
    expect(dom.match(/<article [^>]*data-fix="manual"/g)?.length ?? 0).toBe(s.byFix.manual);

    const png = path.join(dir, 'report.png');
    await page.screenshot({ path: png as `${string}.png` });
    await page.close();
    const bytes = fs.readFileSync(png);
    expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(bytes.readUInt32BE(16)).toBe(1280); // IHDR width
    expect(bytes.readUInt32BE(20)).toBe(2000); // IHDR height
    expect(bytes.length).toBeGreaterThan(20_000); // not a blank page
    if (process.env.GIM_SCREENSHOT_DIR) fs.copyFileSync(png, path.join(process.env.GIM_SCREENSHOT_DIR, `${name}.png`));
  });
});
