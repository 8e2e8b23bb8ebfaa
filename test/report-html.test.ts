/**
 * The HTML report in a real browser: Debian's headless `chromium` (installed
 * by .ci/run where missing) loads the self-contained file, and the DOM it
 * renders shows the same counts as the JSON report: the summary cards, the
 * bars of the surface chart, the surface table, one article per finding.
 * A screenshot is taken into the test's temporary directory; set
 * GIM_SCREENSHOT_DIR to keep a copy there.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { PricedReport } from '../src/report/model.js';
import { cleanTempDirs, cli, tempDir } from './support/cli.js';

afterAll(cleanTempDirs);

const run = promisify(execFile);
/** `chromium` on the PATH (Debian's package installs /usr/bin/chromium), or $CHROMIUM. */
const CHROMIUM =
  process.env.CHROMIUM ??
  (process.env.PATH ?? '/usr/bin')
    .split(path.delimiter)
    .map((dir) => path.join(dir, 'chromium'))
    .find((file) => fs.existsSync(file)) ??
  '/usr/bin/chromium';
const fixturesDir = path.resolve(import.meta.dirname, '../fixtures');

async function chromium(...args: string[]): Promise<string> {
  expect(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`).toBe(true);
  const { stdout } = await run(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${tempDir()}`,
      ...args,
    ],
    { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

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

    const dom = await chromium('--dump-dom', `file://${html}`);
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
    await chromium(`--screenshot=${png}`, '--window-size=1280,2000', `file://${html}`);
    const bytes = fs.readFileSync(png);
    expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(bytes.readUInt32BE(16)).toBe(1280); // IHDR width
    expect(bytes.readUInt32BE(20)).toBe(2000); // IHDR height
    expect(bytes.length).toBeGreaterThan(20_000); // not a blank page
    if (process.env.GIM_SCREENSHOT_DIR) fs.copyFileSync(png, path.join(process.env.GIM_SCREENSHOT_DIR, `${name}.png`));
  });
});
