/**
 * SARIF 2.1.0 for GitHub code scanning.
 *
 * The log is checked four ways: sarif.ts builds it as @types/sarif's `Log`
 * (the type-check holds it to the schema's shapes), the official OASIS
 * sarif-2.1.0.json (as the SARIF Multitool dev dependency ships it) and a
 * hand-written JSON schema (support/sarif.ts) with the structural rules of GitHub's
 * ingestion (required properties, enums, 1-based regions, no unknown
 * property on the objects we write) validate it, and the tests check what no
 * schema can: rule indexes, regions that point at the finding, and fixes
 * that, applied to the sources, give what `fix` writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Log, Result } from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { rules as pluginRules } from '../rules/index.js';
import { retiredModels } from '../src/catalog/index.js';
import { SNIPPET_WIDTH, type PricedReport } from '../src/report/model.js';
import { cleanTempDirs, cli, GOOD_SOURCE, tempDir, writeFiles } from './support/cli.js';
import { expectValid, officialSchema, validateOfficial } from './support/sarif.js';

afterAll(cleanTempDirs);

const fixturesDir = path.resolve(import.meta.dirname, '../fixtures');
const fixtures = fs.readdirSync(fixturesDir).filter((name) => fs.existsSync(path.join(fixturesDir, name, 'before')));

async function sarifOf(cwd: string, ...args: string[]): Promise<{ log: Log; report: PricedReport; code: number }> {
  const sarif = await cli(cwd, 'audit', ...args, '--format', 'sarif', '--fail-on', 'none');
  const json = await cli(cwd, 'audit', ...args, '--format', 'json', '--fail-on', 'none');
  return { log: JSON.parse(sarif.stdout) as Log, report: JSON.parse(json.stdout) as PricedReport, code: sarif.code };
}

/** The text with the replacements of these fixes applied (1-based lines and UTF-16 columns). */
function applyFixes(text: string, results: readonly Result[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (line: number, column: number) => starts[line - 1] + column - 1;
  const edits = results
    .flatMap((r) => r.fixes ?? [])
    .flatMap((f) => f.artifactChanges.flatMap((c) => c.replacements))
    .map((r) => ({ start: offset(r.deletedRegion.startLine!, r.deletedRegion.startColumn!), end: offset(r.deletedRegion.endLine!, r.deletedRegion.endColumn!), text: r.insertedContent?.text ?? '' }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

describe('the official SARIF 2.1.0 schema', () => {
  it('is the OASIS schema, and it rejects a log that breaks it', () => {
    expect(officialSchema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
    expect(validateOfficial({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validateOfficial({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'loud' }] }] })).toBe(false);
  });
});

describe.each(fixtures)('SARIF of fixture %s', (name) => {
  const before = path.join(fixturesDir, name, 'before');
  const after = path.join(fixturesDir, name, 'after');

  it('passes the structural schema; rule indexes, rule docs and regions are right', async () => {
    const { log, report } = await sarifOf(before, '.');
    expectValid(log);
    const run = log.runs[0];
    const rules = run.tool.driver.rules!;
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const [id, rule] of Object.entries(pluginRules)) {
      const descriptor = rules.find((r) => r.id === id);
      expect(descriptor, id).toBeDefined();
      expect(descriptor!.helpUri).toBe(rule.meta!.docs!.url);
      expect(descriptor!.shortDescription!.text).toBe(rule.meta!.docs!.description);
      expect(descriptor!.help!.text).toContain(rule.meta!.docs!.url!);
    }
    // the retirement dates come from the catalog, not from a sentence written beside it
    const retiredHelp = rules.find((r) => r.id === 'no-retired-model')!.help!.text;
    for (const model of retiredModels) expect(retiredHelp).toMatch(new RegExp(`\\b${model.id.replace(/\./g, '\\.')}\\b[^;]* on ${model.shutdownDate}`));
    expect(run.originalUriBaseIds!['%SRCROOT%'].uri).toBe(`file://${before}/`);
    const sources = new Map<string, string[]>();
    for (const result of run.results!) {
      expect(rules[result.ruleIndex!].id).toBe(result.ruleId);
      const location = result.locations![0].physicalLocation!;
      expect(location.artifactLocation!.uriBaseId).toBe('%SRCROOT%');
      const file = decodeURIComponent(location.artifactLocation!.uri!);
      const lines = sources.get(file) ?? fs.readFileSync(path.join(before, file), 'utf8').replace(/^\uFEFF/, '').split('\n');
      sources.set(file, lines);
      const region = location.region!;
      expect(region.endLine! > region.startLine! || (region.endLine === region.startLine && region.endColumn! >= region.startColumn!)).toBe(true);
      // the region starts on the text of the finding, and the context snippet is that line
      expect(lines[region.startLine! - 1].length).toBeGreaterThanOrEqual(region.startColumn! - 1);
      const raw = lines[region.startLine! - 1].replace(/\r$/, '');
      expect(location.contextRegion!.snippet!.text!.split('\n')[0]).toBe(raw.length > SNIPPET_WIDTH ? `${raw.slice(0, SNIPPET_WIDTH - 1)}…` : raw);
    }
    const fingerprints = run.results!.map((r) => r.partialFingerprints!['gptImageMigrate/v1']);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    expect(run.results!.length).toBe(report.findings.length);
  });

  it("its fixes, applied to before/, give fix's output (after/) byte for byte, file by file", async () => {
    const { log } = await sarifOf(before, '.');
    const byFile = new Map<string, Result[]>();
    for (const result of log.runs[0].results!) {
      const file = decodeURIComponent(result.locations![0].physicalLocation!.artifactLocation!.uri!);
      byFile.set(file, [...(byFile.get(file) ?? []), result]);
    }
    // every file of the fixture: one the log reports on gets its fixes, any other must be one fix leaves alone
    const files = fs.readdirSync(before, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const entry of files) {
      const file = path.relative(before, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      const source = fs.readFileSync(path.join(before, file), 'utf8');
      const bom = source.startsWith('\uFEFF') ? '\uFEFF' : '';
      const fixed = byFile.has(file) ? bom + applyFixes(source.slice(bom.length), byFile.get(file)!) : source;
      expect(fixed, file).toBe(fs.readFileSync(path.join(after, file), 'utf8'));
    }
  });
});

describe('SARIF paths and notifications', () => {
  it('paths are relative to the working directory (the repository root in CI) when a subdirectory is audited', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'packages/web/src/a b.ts': GOOD_SOURCE });
    const { log } = await sarifOf(dir, 'packages/web');
    expectValid(log);
    expect(log.runs[0].results![0].locations![0].physicalLocation!.artifactLocation).toEqual({ uri: 'packages/web/src/a%20b.ts', uriBaseId: '%SRCROOT%' });
  });

  it('a file that cannot be read is an error notification and the run is not successful; exit 2', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.ts': GOOD_SOURCE, 'bad.ts': Buffer.concat([Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x01]), Buffer.from("client.images.generate({ model: 'gpt-image-1' });\n")]) });
    const { log, report, code } = await sarifOf(dir, '.');
    expectValid(log);
    expect(code).toBe(2);
    const invocation = log.runs[0].invocations![0];
    expect(invocation.executionSuccessful).toBe(false);
    const errors = invocation.toolExecutionNotifications!.filter((n) => n.level === 'error');
    expect(errors.map((n) => n.message.text)).toEqual(report.errors.map((e) => `${e.file}: ${e.message}`));
    expect(errors[0].locations![0].physicalLocation!.artifactLocation!.uri).toBe('bad.ts');
  });

  it('a result with no fix is never given a fixes entry, and every auto result says `fix` changes it', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.ts': GOOD_SOURCE, 'b.ts': "export const isOld = (m: string) => m === 'gpt-image-1';\n" });
    const { log, report } = await sarifOf(dir, '.');
    for (const [i, result] of log.runs[0].results!.entries()) {
      const finding = report.findings[i];
      expect(Boolean(result.fixes), `${finding.file}:${finding.line}`).toBe(finding.fix === 'auto');
      expect(result.properties!.fix).toBe(finding.fix);
    }
  });
});
