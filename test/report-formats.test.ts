/**
 * Every audit format is produced from the same findings: on each fixture
 * repository, and on a repository built here with a file that cannot be
 * read, the counts in text, markdown, SARIF and HTML equal the JSON report's,
 * and the JSON report's summary equals a recount of its own findings. The
 * JSON validates against schema/report.schema.json (shipped in the package),
 * and --fail-on drives the exit code the same way whatever the format.
 */
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { deadlineOf, matchRetiredId } from '../src/catalog/index.js';
import { EXIT } from '../src/cli.js';
import type { PricedReport, ReportFinding } from '../src/report/model.js';
import { cleanTempDirs, cli, GOOD_SOURCE, tempDir, writeFiles } from './support/cli.js';

afterAll(cleanTempDirs);

const repoRoot = path.resolve(import.meta.dirname, '..');
const fixturesDir = path.join(repoRoot, 'fixtures');
const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schema/report.schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats.default(ajv);
const validateReport = ajv.compile(schema);

const MINI_SOURCE = "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const r = client.images.generate({ model: 'gpt-image-1-mini', prompt: 'a cat' });\n";

/** The fixtures, plus a repository made here: code, docs, .env, a binary file the run cannot read. */
function unseenRepository(): string {
  const dir = tempDir();
  writeFiles(dir, {
    'src/generate.ts': GOOD_SOURCE,
    'src/mini.ts': MINI_SOURCE,
    'src/compare.ts': "export const isOld = (m: string) => m === 'gpt-image-1';\n",
    'docs/notes.md': '# Notes\n\nWe call dall-e-3 for covers.\n',
    '.env': 'IMAGE_MODEL=gpt-image-1\n',
    'src/broken.ts': Buffer.from([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x00, 0xff, 0xfe, 0x00, 0x67, 0x70, 0x74, 0x2d, 0x69, 0x6d, 0x61, 0x67, 0x65, 0x2d, 0x31]),
  });
  return dir;
}

const repositories: [string, () => string][] = [
  ...fs
    .readdirSync(fixturesDir)
    .filter((name) => fs.existsSync(path.join(fixturesDir, name, 'before')))
    .map((name): [string, () => string] => [name, () => path.join(fixturesDir, name, 'before')]),
  ['unseen repository (with an unreadable file)', unseenRepository],
];

interface Counts {
  findings: number;
  error: number;
  warning: number;
  info: number;
  auto: number;
  manual: number;
}

function countsOf(findings: readonly Pick<ReportFinding, 'severity' | 'fix'>[]): Counts {
  const c: Counts = { findings: findings.length, error: 0, warning: 0, info: 0, auto: 0, manual: 0 };
  for (const f of findings) {
    c[f.severity]++;
    c[f.fix]++;
  }
  return c;
}

function tally(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

async function audit(dir: string, format: string, ...extra: string[]) {
  return cli(dir, 'audit', dir, '--format', format, '--fail-on', 'none', ...extra);
}

describe.each(repositories)('every format of %s', (_name, make) => {
  const dir = make();
  // each test reads the JSON report itself (made once, on first use), so none depends on another having run first
  let jsonRun: Promise<{ stdout: string; code: number }> | undefined;
  const jsonAudit = () => (jsonRun ??= audit(dir, 'json'));
  const report = async () => JSON.parse((await jsonAudit()).stdout) as PricedReport;

  it('json: validates against schema/report.schema.json, and its summary is a recount of its findings', async () => {
    const { stdout, code } = await jsonAudit();
    const json = JSON.parse(stdout) as PricedReport;
    expect(code).toBe(json.errors.length > 0 ? EXIT.fileErrors : EXIT.ok);
    const valid = validateReport(json);
    expect(validateReport.errors ?? [], JSON.stringify(validateReport.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);

    const recount = countsOf(json.findings);
    const s = json.summary;
    expect({ findings: s.findings, ...s.bySeverity, ...s.byFix }).toEqual(recount);
    expect(s.bySurface).toEqual(tally(json.findings.map((f) => f.surface)));
    expect(s.byRule).toEqual(tally(json.findings.map((f) => f.rule)));
    expect(s.filesWithFindings).toBe(new Set(json.findings.map((f) => f.file)).size);
    expect(s.errors).toBe(json.errors.length);
    // every API argument carries the requests it is the model of, and the cost section prices each request once
    const sites = new Set(json.findings.flatMap((f) => (f.callSites ?? []).map((c) => `${f.file}:${c.line}:${c.column}`)));
    expect(json.cost.callSites.map((c) => `${c.file}:${c.line}:${c.column}`).sort()).toEqual([...sites].sort());
  });

  it('text: the closing summary states the same counts', async () => {
    const json = await report();
    const { stdout } = await audit(dir, 'text');
    const c = countsOf(json.findings);
    const line = stdout.split('\n').find((l) => /^\d+ findings? in \d+ files?/.test(l));
    expect(line, stdout).toBeDefined();
    const numbers = line!.match(/\d+/g)!.map(Number);
    expect(numbers).toEqual([c.findings, json.summary.filesWithFindings, c.error, c.warning, c.info, c.auto, c.manual]);
    for (const error of json.errors) expect(stdout).toContain(`${error.file}: ${error.message}`);
  });

  it('markdown: the total row, each surface row, the checklist and the change list agree with the JSON', async () => {
    const json = await report();
    const { stdout: md } = await audit(dir, 'markdown');
    const c = countsOf(json.findings);
    const total = md.match(/^\| \*\*total\*\* \| \*\*(\d+)\*\* \| \*\*(\d+)\*\* \| \*\*(\d+)\*\* \| \*\*(\d+)\*\* \| \*\*(\d+)\*\* \| \*\*(\d+)\*\* \|$/m);
    expect(total, md).not.toBeNull();
    expect(total!.slice(1).map(Number)).toEqual([c.error, c.warning, c.info, c.auto, c.manual, c.findings]);

    const table = md.split('## Findings by surface and severity')[1].split('\n## ')[0];
    const rows = table.split('\n').filter((l) => /^\| (?!surface|---|\*\*total)/.test(l));
    const bySurface = Object.values(json.summary.bySurface).sort((a, b) => a - b);
    expect(rows.map((r) => Number(r.split('|').at(-2)!.trim())).sort((a, b) => a - b)).toEqual(bySurface);

    expect(md.match(/^- \[ \] /gm)?.length ?? 0).toBe(c.manual);
    expect(md).toContain(`## For a person to decide (${c.manual})`);
    if (c.auto > 0) expect(md).toContain(`## Changed by \`gpt-image-migrate fix\` (${c.auto})`);
    // every manual item links its file and line
    for (const f of json.findings.filter((x) => x.fix === 'manual')) expect(md).toContain(`](${f.file.split('/').map(encodeURIComponent).join('/')}#L${f.line})`);
    for (const error of json.errors) expect(md).toContain(error.file);
    // package.json versions that block gpt-image-2 are listed up front
    const dependencies = json.findings.filter((f) => f.role === 'dependency').length;
    if (dependencies > 0) expect(md).toContain(`## Dependencies that block gpt-image-2 (${dependencies})`);
    else expect(md).not.toContain('## Dependencies');
    // the deadline of every retired model found, as of --now
    for (const spelled of new Set(json.findings.map((f) => f.model).filter((m): m is string => m !== null))) {
      const model = matchRetiredId(spelled)?.model;
      if (!model) continue;
      const deadline = deadlineOf(model, new Date(`${json.now}T00:00:00Z`));
      expect(md).toContain(`| \`${model.id}\` | ${model.shutdownDate} | ${deadline.shutDown ? '⛔' : '⏳'} ${deadline.text.replace(/[*_[\]<>|#~`\\]/g, '\\$&')} |`);
    }
  });

  it('sarif: one result per finding at the same place, levels and fixes from severity and fix', async () => {
    const json = await report();
    const { stdout } = await audit(dir, 'sarif');
    const log = JSON.parse(stdout) as Log;
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    const results = run.results!;
    expect(results).toHaveLength(json.findings.length);
    const level = { error: 'error', warning: 'warning', info: 'note' } as const;
    expect(tally(results.map((r) => r.level!))).toEqual(tally(json.findings.map((f) => level[f.severity])));
    const placed = (uri: string, line: number, rule: string) => `${decodeURIComponent(uri)}:${line} ${rule}`;
    expect(results.map((r) => placed(r.locations![0].physicalLocation!.artifactLocation!.uri!, r.locations![0].physicalLocation!.region!.startLine!, r.ruleId!)).sort()).toEqual(
      json.findings.map((f) => placed(f.file, f.line, f.rule)).sort(),
    );
    expect(results.filter((r) => r.fixes?.length).length).toBe(json.findings.filter((f) => f.fix === 'auto' && f.edits.length > 0).length);
    expect(run.invocations![0].executionSuccessful).toBe(json.errors.length === 0);
    expect(run.invocations![0].toolExecutionNotifications?.filter((n) => n.level === 'error').length ?? 0).toBe(json.errors.length);
  });

  it('html: the cards and the surface table carry the same counts', async () => {
    const json = await report();
    const { stdout: html } = await audit(dir, 'html');
    const c = countsOf(json.findings);
    const card = (key: string) => Number(html.match(new RegExp(`data-count="${key}"><b class="n">(\\d+)</b>`))?.[1]);
    expect([card('findings'), card('error'), card('warning'), card('info'), card('auto'), card('manual'), card('errors')]).toEqual([
      c.findings,
      c.error,
      c.warning,
      c.info,
      c.auto,
      c.manual,
      json.errors.length,
    ]);
    expect(html.match(/<article class="finding /g)?.length ?? 0).toBe(c.findings);
    // no script, no stylesheet or image from anywhere: one self-contained file
    expect(html).not.toMatch(/<script|<link\b|<img\b|\bsrc=|url\(/i);
    expect(html).toContain("default-src 'none'");
  });

  it('--fail-on drives the exit code the same way in every format', async () => {
    const json = await report();
    const c = countsOf(json.findings);
    const fileErrors = json.errors.length > 0;
    for (const format of ['json', 'markdown', 'sarif', 'html', 'text']) {
      const byDefault = await cli(dir, 'audit', dir, '--format', format);
      expect(byDefault.code, format).toBe(fileErrors ? EXIT.fileErrors : c.error > 0 ? EXIT.findings : EXIT.ok);
      const onWarning = await cli(dir, 'audit', dir, '--format', format, '--fail-on', 'warning');
      expect(onWarning.code, format).toBe(fileErrors ? EXIT.fileErrors : c.error + c.warning > 0 ? EXIT.findings : EXIT.ok);
      expect((await cli(dir, 'audit', dir, '--format', format, '--fail-on', 'none')).code, format).toBe(fileErrors ? EXIT.fileErrors : EXIT.ok);
    }
  });
});

describe('the repository made here exercises every part of a report', () => {
  it('has errors and warnings, auto and manual items, docs, an unreadable file and a priced call site', async () => {
    const dir = unseenRepository();
    const report = JSON.parse((await audit(dir, 'json')).stdout) as PricedReport;
    const c = countsOf(report.findings);
    expect(Object.entries(c).filter(([, n]) => n === 0)).toEqual([]);
    expect(report.errors.map((e) => e.file)).toEqual(['src/broken.ts']);
    expect(report.cost.total.priced).toBeGreaterThan(0);
    const sarif = JSON.parse((await audit(dir, 'sarif')).stdout) as Log;
    expect(sarif.runs[0].results!.some((r) => r.fixes?.length)).toBe(true);
  });
});

describe('the JSON schema ships with the package', () => {
  it('package.json "files" includes schema/, and npm pack puts report.schema.json in the tarball', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schema');
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as {
      files: { path: string }[];
    }[];
    expect(packed[0].files.map((f) => f.path)).toContain('schema/report.schema.json');
  });

  it('the schema rejects a report with a finding that lacks its position or has an unknown severity', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.ts': GOOD_SOURCE });
    const report = JSON.parse((await cli(dir, 'audit', '--format', 'json')).stdout) as PricedReport;
    expect(validateReport(report)).toBe(true);
    const { line: _line, ...noLine } = report.findings[0];
    expect(validateReport({ ...report, findings: [noLine] })).toBe(false);
    expect(validateReport({ ...report, findings: [{ ...report.findings[0], severity: 'fatal' }] })).toBe(false);
    expect(validateReport({ ...report, schemaVersion: 2 })).toBe(false);
  });
});

describe('audit output options', () => {
  it('-o writes each format to the file and nothing to stdout; --name and --link-base reach the report', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'src/a.ts': GOOD_SOURCE });
    for (const [format, file] of [
      ['markdown', 'audit.md'],
      ['sarif', 'audit.sarif'],
      ['html', 'audit.html'],
      ['json', 'audit.json'],
    ]) {
      const { stdout, stderr, code } = await cli(dir, 'audit', '--format', format, '-o', file, '--name', 'acme/web', '--link-base', 'https://github.com/acme/web/blob/main/');
      expect(code).toBe(EXIT.findings);
      expect(stdout).toBe('');
      expect(stderr).toContain(file);
      expect(fs.readFileSync(path.join(dir, file), 'utf8').length).toBeGreaterThan(100);
    }
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'audit.json'), 'utf8')) as PricedReport;
    expect(report).toMatchObject({ name: 'acme/web', linkBase: 'https://github.com/acme/web/blob/main/' });
    expect(fs.readFileSync(path.join(dir, 'audit.md'), 'utf8')).toContain('(https://github.com/acme/web/blob/main/src/a.ts#L3)');
    expect(fs.readFileSync(path.join(dir, 'audit.html'), 'utf8')).toContain('href="https://github.com/acme/web/blob/main/src/a.ts#L3"');
  });

  it('a bad --format exits 3 and names the choices', async () => {
    const dir = tempDir();
    const { code, stderr } = await cli(dir, 'audit', '--format', 'pdf');
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(/sarif/);
  });
});
