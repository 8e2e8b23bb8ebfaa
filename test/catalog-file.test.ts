/**
 * A catalog file (`--catalog FILE`, or `catalog` in the config file): rows
 * that override the built-in shutdown dates, validated by
 * schema/catalog.schema.json, so a team can act on a new date with no release.
 */
import { Ajv } from 'ajv';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { retiredModels } from '../src/catalog/index.js';
import type { ModelsJson } from '../src/models.js';
import type { Report } from '../src/report/model.js';
import { runCli } from './support/run-cli.js';

const NOW = '2026-11-21';
const dir = mkdtempSync(path.join(os.tmpdir(), 'gim-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const retiring = retiredModels.find((m) => m.shutdownDate > NOW)!;
const source = { title: 'OpenAI API deprecations', url: 'https://developers.openai.com/api/docs/deprecations', retrieved: '2026-11-20' };
const earlier = { models: [{ id: retiring.id, shutdownDate: '2026-11-10', source }] };

function write(name: string, data: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

function repoWith(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(dir, 'repo-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, name), text);
  return root;
}
const code = `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const run = () => client.images.generate({ model: '${retiring.id}', prompt: 'a cat', quality: 'low' });\n`;

async function severity(root: string, ...flags: string[]): Promise<{ severity: string | undefined; report: Report }> {
  const { code: exit, stdout, stderr } = await runCli(['audit', root, '--now', NOW, '--format', 'json', '--fail-on', 'none', ...flags], root);
  expect(exit, stderr).toBe(0);
  const report = JSON.parse(stdout) as Report;
  return { severity: report.findings.find((f) => f.model === retiring.id)?.severity, report };
}

describe('catalog file', () => {
  it('the shipped schema is a JSON Schema that accepts a valid file and rejects a row without its source', () => {
    const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../schema/catalog.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(earlier)).toBe(true);
    expect(validate({ models: [{ id: retiring.id, shutdownDate: '2026-11-10' }] })).toBe(false);
  });

  it('--catalog moves a date: the warning before the built-in date becomes an error, and the report says where the date came from', async () => {
    const root = repoWith({ 'images.ts': code });
    expect((await severity(root)).severity).toBe('warning');
    const file = write('earlier.json', earlier);
    const { severity: moved, report } = await severity(root, '--catalog', file);
    expect(moved).toBe('error');
    expect(report.dates).toEqual({ from: file, shutdownDates: { [retiring.id]: '2026-11-10' } });
    expect(report.findings.find((f) => f.model === retiring.id)!.message).toContain('2026-11-10');
  });

  it("the config file's catalog applies, relative to the config file", async () => {
    const root = repoWith({ 'images.ts': code, 'dates.json': JSON.stringify(earlier), 'gpt-image-migrate.config.json': JSON.stringify({ catalog: 'dates.json' }) });
    expect((await severity(root)).severity).toBe('error');
  });

  it('models --catalog shows the date, where it came from and its source; a current model given a date is retiring', async () => {
    const file = write('current.json', { models: [...earlier.models, { id: 'gpt-image-2', shutdownDate: '2027-06-30', recommended: 'gpt-image-2.6-flare', source }] });
    const { code: exit, stdout } = await runCli(['models', '--now', NOW, '--format', 'json', '--catalog', file]);
    expect(exit).toBe(0);
    const rows = (JSON.parse(stdout) as ModelsJson).models;
    expect(rows.find((r) => r.id === retiring.id)).toMatchObject({ shutdownDate: '2026-11-10', status: 'shut down', dateFrom: 'current.json' });
    expect(rows.find((r) => r.id === 'gpt-image-2')).toMatchObject({ shutdownDate: '2027-06-30', status: 'retiring', recommended: 'gpt-image-2.6-flare' });
    expect(rows.find((r) => r.id === 'gpt-image-2')!.sources[0].url).toBe(source.url);
  });

  it("markdown and HTML reports cite each deadline's source: the catalog's public page, or the file that replaced it", async () => {
    const root = repoWith({ 'images.ts': code });
    const ref = retiring.source.refs[0];
    for (const format of ['markdown', 'html']) {
      const builtIn = await runCli(['audit', root, '--now', NOW, '--format', format, '--fail-on', 'none'], root);
      expect(builtIn.stdout).toContain(ref.url);
      expect(builtIn.stdout).toContain(`read ${ref.retrieved}`);
      const file = write('report-dates.json', earlier);
      const replaced = await runCli(['audit', root, '--now', NOW, '--format', format, '--fail-on', 'none', '--catalog', file], root);
      expect(replaced.stdout).toContain(`replaced by ${file}`);
    }
  });

  it.each([
    ['not JSON', '{ models: [', /current-case\.json is not JSON/],
    ['a row without its source', { models: [{ id: retiring.id, shutdownDate: '2026-11-10' }] }, /does not match schema\/catalog\.schema\.json: models\.0 must have required property 'source'/],
    ['an unknown field', { models: [{ ...earlier.models[0], shutdown: '2026-11-10' }] }, /must NOT have additional properties \('shutdown'\)/],
    ['a date that does not exist', { models: [{ ...earlier.models[0], shutdownDate: '2026-02-30' }] }, /models\.0\.shutdownDate '2026-02-30' is not a real date/],
    ['a model the catalog does not know', { models: [{ ...earlier.models[0], id: 'gpt-image-9' }] }, /models\.0\.id 'gpt-image-9' is not a model the catalog knows/],
  ])('%s: a clear usage error (exit 3)', async (_name, data, message) => {
    const file = write('current-case.json', data);
    const root = repoWith({ 'images.ts': code });
    const { code: exit, stderr, stdout } = await runCli(['audit', root, '--now', NOW, '--catalog', file]);
    expect(exit).toBe(3);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });
});
