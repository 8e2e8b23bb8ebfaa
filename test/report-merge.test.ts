/**
 * `report merge`: the JSON reports of several repositories as one report.
 * Counts are the sums of the inputs', each finding keeps its repository
 * (the report's `name`, else its root's basename, made unique), the merged
 * JSON validates against the same schema, and an input that is not a report
 * is named with the reason while the others are merged (exit 2).
 */
import { Ajv } from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/cli.js';
import type { PricedReport } from '../src/report/model.js';
import { cleanTempDirs, cli, GOOD_SOURCE, tempDir, writeFiles } from './support/cli.js';

afterAll(cleanTempDirs);

const repoRoot = path.resolve(import.meta.dirname, '..');
const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(fs.readFileSync(path.join(repoRoot, 'schema/report.schema.json'), 'utf8')) as object);
const fixture = (name: string) => path.join(repoRoot, 'fixtures', name, 'before');

let out: string;
const inputs: { file: string; name: string; report: PricedReport }[] = [];

beforeAll(async () => {
  out = tempDir();
  const billing = path.join(tempDir(), 'billing-service');
  writeFiles(billing, { 'src/a.ts': GOOD_SOURCE, 'README.md': 'Uses dall-e-3.\n' });
  const audits: [string, string, string[]][] = [
    [fixture('nextjs-openai-sdk'), 'web.json', ['--name', 'acme/web', '--link-base', 'https://github.com/acme/web/blob/main/']],
    [fixture('unifically-worker'), 'worker.json', []],
    [billing, 'billing.json', []],
    [fixture('unifically-worker'), 'worker-again.json', []],
  ];
  for (const [dir, file, extra] of audits) {
    const { code } = await cli(out, 'audit', dir, '--format', 'json', '-o', file, '--fail-on', 'none', ...extra);
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(fs.readFileSync(path.join(out, file), 'utf8')) as PricedReport;
    inputs.push({ file, name: '', report });
  }
  inputs[0].name = 'acme/web';
  inputs[1].name = 'before'; // the root's basename
  inputs[2].name = 'billing-service';
  inputs[3].name = 'before (2)'; // the same basename again, made unique
});

async function merge(...args: string[]) {
  return cli(out, 'report', 'merge', ...args);
}

describe('report merge', () => {
  it('json: counts are the sums of the inputs, every finding keeps its repository, and the result validates', async () => {
    const { code, stdout } = await merge(...inputs.map((i) => i.file), '--format', 'json');
    expect(code).toBe(EXIT.ok);
    const merged = JSON.parse(stdout) as PricedReport;
    validate(merged);
    expect(validate.errors ?? []).toEqual([]);

    expect(merged.repositories!.map((r) => r.name)).toEqual(inputs.map((i) => i.name));
    const sum = (pick: (r: PricedReport) => number) => inputs.reduce((total, i) => total + pick(i.report), 0);
    expect(merged.summary.findings).toBe(sum((r) => r.summary.findings));
    expect(merged.summary.bySeverity).toEqual({
      error: sum((r) => r.summary.bySeverity.error),
      warning: sum((r) => r.summary.bySeverity.warning),
      info: sum((r) => r.summary.bySeverity.info),
    });
    expect(merged.summary.byFix).toEqual({ auto: sum((r) => r.summary.byFix.auto), manual: sum((r) => r.summary.byFix.manual) });
    expect(merged.summary.filesWithFindings).toBe(sum((r) => r.summary.filesWithFindings));
    expect(merged.summary.filesScanned).toBe(sum((r) => r.summary.filesScanned));

    for (const input of inputs) {
      const key = (f: { file: string; line: number; rule: string }) => `${f.file}:${f.line} ${f.rule}`;
      expect(merged.findings.filter((f) => f.repository === input.name).map(key)).toEqual(input.report.findings.map(key));
      expect(merged.repositories!.find((r) => r.name === input.name)!.summary).toEqual(input.report.summary);
    }
    expect(merged.cost.total.before).toBeCloseTo(sum((r) => r.cost.total.before), 6);
    expect(merged.cost.total.after).toBeCloseTo(sum((r) => r.cost.total.after), 6);
    expect(merged.cost.total.callSites).toBe(sum((r) => r.cost.total.callSites));
    expect(merged.cost.callSites.every((c) => inputs.some((i) => i.name === c.repository))).toBe(true);
  });

  it('markdown: one row per repository with its counts, a total that is their sum, links only where a repository has a link base', async () => {
    const { code, stdout: md } = await merge(...inputs.map((i) => i.file), '--format', 'markdown');
    expect(code).toBe(EXIT.ok);
    expect(md).toContain(`# Image model migration: ${inputs.length} repositories`);
    for (const input of inputs) {
      const s = input.report.summary;
      expect(md).toContain(`| ${input.name.replace(/[*_[\]<>|#~`\\]/g, '\\$&')} | ${s.findings} | ${s.bySeverity.error} | ${s.bySeverity.warning} | ${s.bySeverity.info} | ${s.byFix.auto} | ${s.byFix.manual} | ${s.errors} |`);
    }
    const total = inputs.reduce((n, i) => n + i.report.summary.findings, 0);
    expect(md).toMatch(new RegExp(`^\\| \\*\\*total\\*\\* (\\| \\*\\*\\d+\\*\\* ){5}\\| \\*\\*${total}\\*\\* \\|$`, 'm'));
    const manualWeb = inputs[0].report.findings.find((f) => f.fix === 'manual')!;
    expect(md).toContain(`](https://github.com/acme/web/blob/main/${manualWeb.file}#L${manualWeb.line})`);
    const manualWorker = inputs[1].report.findings.find((f) => f.fix === 'manual')!;
    expect(md).toContain(`- [ ] **${manualWorker.severity}** before · ${manualWorker.file.replace(/_/g, '\\_')}:${manualWorker.line} ·`);
  });

  it('html: the summary cards and the repository rows show the merged counts', async () => {
    const { stdout: html } = await merge(...inputs.map((i) => i.file), '--format', 'html', '-o', 'merged.html');
    expect(html).toBe('');
    const page = fs.readFileSync(path.join(out, 'merged.html'), 'utf8');
    const total = inputs.reduce((n, i) => n + i.report.summary.findings, 0);
    expect(page).toContain(`data-count="findings"><b class="n">${total}</b>`);
    for (const input of inputs) expect(page).toContain(`<tr data-repository="${input.name}"><th scope="row">${input.name}</th><td class="num">${input.report.summary.findings}</td>`);
  });

  it('a merged report merges again: repositories and counts are kept', async () => {
    await merge(inputs[0].file, inputs[1].file, '--format', 'json', '-o', 'first.json');
    const { stdout } = await merge('first.json', inputs[2].file, '--format', 'json');
    const merged = JSON.parse(stdout) as PricedReport;
    expect(merged.repositories!.map((r) => r.name)).toEqual(['acme/web', 'before', 'billing-service']);
    expect(merged.summary.findings).toBe(inputs[0].report.summary.findings + inputs[1].report.summary.findings + inputs[2].report.summary.findings);
    expect(validate(merged)).toBe(true);
  });

  it('an input that is not a report is named with the reason; the others are merged; exit 2', async () => {
    writeFiles(out, {
      'not-json.json': '{ nope',
      'other.json': JSON.stringify({ hello: 'world' }),
      'future.json': JSON.stringify({ ...inputs[2].report, schemaVersion: 99 }),
    });
    const { code, stdout, stderr } = await merge(inputs[2].file, 'not-json.json', 'other.json', 'future.json', 'missing.json', '--format', 'json');
    expect(code).toBe(EXIT.fileErrors);
    const merged = JSON.parse(stdout) as PricedReport;
    expect(merged.summary.findings).toBe(inputs[2].report.summary.findings);
    const reason = (file: string) => merged.errors.find((e) => e.file === file)?.message ?? '';
    expect(reason('not-json.json')).toMatch(/not JSON/);
    expect(reason('other.json')).toMatch(/no schemaVersion/);
    expect(reason('future.json')).toMatch(/schemaVersion 99 is newer/);
    expect(reason('missing.json')).toMatch(/no such file/i);
    for (const file of ['not-json.json', 'other.json', 'future.json', 'missing.json']) expect(stderr).toContain(file);
    expect(validate(merged)).toBe(true);
  });

  it('usage: no input exits 3; --format sarif is not a merge format', async () => {
    expect((await merge()).code).toBe(EXIT.usage);
    expect((await merge(inputs[0].file, '--format', 'sarif')).code).toBe(EXIT.usage);
  });
});
