/**
 * What `fix` tells people and scripts: one line a file on stderr (what
 * changed or would, what is left for a person, why a file with something to
 * change was left alone), and `--format json`, the report of the same run with
 * a `fix` section, valid against schema/report.schema.json, true to what is
 * on disk, and readable by `report merge`.
 */
import { Ajv } from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/cli.js';
import { FIX_SUMMARY_FILES, fixResult, fixSummaryLines } from '../src/report/fix.js';
import type { PricedReport, Report } from '../src/report/model.js';
import { cleanTempDirs, cli, commitAll, GOOD_SOURCE, gitInit, read, tempDir, writeFiles } from './support/cli.js';

afterAll(cleanTempDirs);

const schema = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../schema/report.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

type FixJson = PricedReport & { fix: NonNullable<Report['fix']> };

/** A project whose own `openai` types take only gpt-image-1, so fix's type-check rolls back the edit of a call to it. */
const CALL = "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const r = client.images.generate({ model: 'gpt-image-1', prompt: 'a cat' });\n";
const SILENCED = "import OpenAI from 'openai';\nconst client = new OpenAI();\n// @ts-ignore the model union is checked elsewhere\nexport const r = client.images.generate({ model: 'gpt-image-1', prompt: 'a dog' });\n";
const MANUAL = "export const isOld = (model: string) => model === 'gpt-image-1';\n";

function project(): string {
  const dir = tempDir();
  gitInit(dir);
  writeFiles(dir, {
    '.gitignore': 'node_modules/\n',
    'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { openai: '1.0.0' } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', noEmit: true, types: [] }, include: ['src'] }),
    'node_modules/openai/package.json': JSON.stringify({ name: 'openai', version: '1.0.0', types: 'index.d.ts' }),
    'node_modules/openai/index.d.ts': "export default class OpenAI {\n  images: { generate(params: { model: 'gpt-image-1'; prompt: string }): Promise<{ data: unknown[] }> };\n}\n",
    'src/rejected.ts': CALL,
    'src/silenced.ts': SILENCED,
    'src/check.ts': MANUAL,
  });
  commitAll(dir);
  return dir;
}

describe('fix: one line a file on stderr', () => {
  it('names each file with what changed, what is left for a person, and why a file was left alone', async () => {
    const dir = project();
    const { code, stdout, stderr } = await cli(dir, 'fix');
    expect(code, stderr).toBe(EXIT.ok);
    expect(stdout).toBe('');
    const lines = stderr.split('\n');
    const line = (file: string) => lines.find((l) => l.trimStart().startsWith(`${file} `));
    expect(line('src/check.ts')).toMatch(/^ {2}src\/check\.ts +unchanged: 1 left for a person$/);
    expect(line('src/rejected.ts')).toMatch(/^ {2}src\/rejected\.ts +left unchanged \(its edits would add type errors; its findings name them\): 1 left for a person$/);
    expect(line('src/silenced.ts')).toMatch(/^ {2}src\/silenced\.ts +changed: 1 automatic change$/);
    expect(stderr).toMatch(/^1 file changed \(1 automatic change\); 2 items left for a person/m);
    // the per-file lines come before the totals, in the order of the report
    expect(lines.findIndex((l) => l.includes('src/check.ts'))).toBeLessThan(lines.findIndex((l) => l.includes('src/silenced.ts')));
    expect(lines.findIndex((l) => l.includes('src/silenced.ts'))).toBeLessThan(lines.findIndex((l) => l.startsWith('1 file changed')));
    expect(read(dir, 'src/silenced.ts')).toContain("'gpt-image-2'");
  });

  it('--dry-run says "would change"; a file with nothing to report is not listed', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.ts': GOOD_SOURCE, 'clean.ts': "export const model = 'gpt-image-2';\n" });
    const { code, stderr } = await cli(dir, 'fix', '--dry-run', '--no-verify');
    expect(code).toBe(EXIT.ok);
    expect(stderr).toMatch(/^ {2}a\.ts {2}would change: 1 automatic change$/m);
    expect(stderr).not.toContain('clean.ts');
  });

  it('lists at most FIX_SUMMARY_FILES files and counts the rest', () => {
    const findings = Array.from({ length: FIX_SUMMARY_FILES + 3 }, (_, i) => ({ file: `src/f${String(i).padStart(3, '0')}.ts`, fix: 'manual' as const }));
    const report = { findings, errors: [] } as unknown as Report;
    const text = fixSummaryLines(fixResult(report, [], false));
    expect(text.trimEnd().split('\n')).toHaveLength(FIX_SUMMARY_FILES + 1);
    expect(text).toMatch(/^ {2}… and 3 more files \(every file: --format json\)\n$/m);
    expect(text).not.toContain(`f${FIX_SUMMARY_FILES}.ts`);
  });

  it('a file that could not be written is left unchanged with its error, and its automatic changes are not counted', () => {
    const report = {
      findings: [
        { file: 'a.ts', fix: 'auto' },
        { file: 'a.ts', fix: 'auto' },
        { file: 'b.ts', fix: 'auto' },
        { file: 'b.ts', fix: 'manual' },
      ],
      errors: [{ file: 'a.ts', message: 'permission denied' }],
    } as unknown as Report;
    const result = fixResult(report, [{ file: 'b.ts', written: true }], false);
    expect(result).toEqual({
      dryRun: false,
      filesChanged: 1,
      changes: 1,
      manual: 1,
      files: [
        { file: 'a.ts', changed: false, written: false, changes: 0, manual: 0, leftUnchanged: 'permission denied' },
        { file: 'b.ts', changed: true, written: true, changes: 1, manual: 1 },
      ],
    });
  });
});

describe('fix --format json', () => {
  it('is the report of the run with a fix section: valid against the schema, and what it says is what is on disk', async () => {
    const dir = project();
    const { code, stdout } = await cli(dir, 'fix', '--format', 'json', '--name', 'acme/app');
    expect(code).toBe(EXIT.ok);
    const json = JSON.parse(stdout) as FixJson;
    validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(json.name).toBe('acme/app');
    expect(json.fix).toEqual({
      dryRun: false,
      filesChanged: 1,
      changes: 1,
      manual: 2,
      files: [
        { file: 'src/check.ts', changed: false, written: false, changes: 0, manual: 1 },
        { file: 'src/rejected.ts', changed: false, written: false, changes: 0, manual: 1, leftUnchanged: 'its edits would add type errors; its findings name them' },
        { file: 'src/silenced.ts', changed: true, written: true, changes: 1, manual: 0 },
      ],
    });
    for (const f of json.fix.files) expect(read(dir, f.file) !== { 'src/check.ts': MANUAL, 'src/rejected.ts': CALL, 'src/silenced.ts': SILENCED }[f.file], f.file).toBe(f.written);
    // the summary is the same run's: the findings fix planned, the files it changed
    expect(json.summary.filesChanged).toBe(json.fix.filesChanged);
    expect(json.summary.byFix.manual).toBe(json.fix.manual);
    expect(json.verification).toMatchObject({ rolledBack: ['src/rejected.ts'] });
  });

  it('--dry-run: stdout is only the JSON (no diff), nothing is written, and `changed` says what would change', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'src/a.ts': GOOD_SOURCE, 'src/b.ts': MANUAL });
    const { code, stdout } = await cli(dir, 'fix', '--dry-run', '--no-verify', '--format', 'json');
    expect(code).toBe(EXIT.ok);
    const json = JSON.parse(stdout) as FixJson;
    validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(json.fix.dryRun).toBe(true);
    expect(json.fix.files).toEqual([
      { file: 'src/a.ts', changed: true, written: false, changes: 1, manual: 0 },
      { file: 'src/b.ts', changed: false, written: false, changes: 0, manual: 1 },
    ]);
    expect(read(dir, 'src/a.ts')).toBe(GOOD_SOURCE);
  });

  it('-o writes it to a file that report merge reads; -o without --format json is bad usage, before anything is written', async () => {
    const out = tempDir();
    const web = tempDir();
    writeFiles(web, { 'src/a.ts': GOOD_SOURCE, 'src/b.ts': MANUAL });
    const refused = await cli(web, 'fix', '-o', path.join(out, 'web.json'));
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stderr).toMatch(/^gpt-image-migrate: -o\/--output writes the JSON: add --format json/m);
    expect(read(web, 'src/a.ts')).toBe(GOOD_SOURCE);
    expect(fs.existsSync(path.join(out, 'web.json'))).toBe(false);

    const written = await cli(web, 'fix', '--no-verify', '--format', 'json', '-o', path.join(out, 'web.json'), '--name', 'acme/web');
    expect(written.code).toBe(EXIT.ok);
    expect(written.stdout).toBe('');
    expect(read(web, 'src/a.ts')).toContain("'gpt-image-2'");
    const merged = await cli(out, 'report', 'merge', 'web.json', '--format', 'json');
    expect(merged.code, merged.stderr).toBe(EXIT.ok);
    const report = JSON.parse(merged.stdout) as PricedReport;
    expect(report.repositories!.map((r) => [r.name, r.summary.filesChanged])).toEqual([['acme/web', 1]]);
    expect(report.fix).toBeUndefined();
  });
});
