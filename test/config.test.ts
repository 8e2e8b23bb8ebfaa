/**
 * The config file is read the same way by the CLI and by the ESLint rules:
 * a user-declared gateway and `allow` give the same findings in both, flags
 * override the file, and a bad file is a clear usage error.
 */
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../rules/index.js';
import type { Report } from '../src/report/model.js';
import { runCli } from './support/run-cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function repo(config: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gim-config-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'gpt-image-migrate.config.json'), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  writeFileSync(
    path.join(dir, 'render.ts'),
    [
      "import { renderImage } from './gateway';",
      "export const hero = renderImage({ model: 'openai/gpt-image-1', input: { prompt: 'a fox', quality: 'high' } });",
      "export const legacy = { model: 'dall-e-3', prompt: 'a cat', size: '1024x1024' };",
      '',
    ].join('\n'),
  );
  return dir;
}

const CONFIG = {
  surfaces: [{ name: 'imagegw', family: 'resolution-tier', wrappers: ['renderImage'], idPrefix: 'openai/' }],
  allow: ['dall-e-3'],
};

async function audit(dir: string, ...flags: string[]): Promise<Report> {
  const { code, stdout, stderr } = await runCli(['audit', dir, '--format', 'json', '--now', '2026-11-21', '--fail-on', 'none', ...flags]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as Report;
}

describe('the config file', () => {
  it('declares a gateway by its wrapper and allows an id: audit applies both', async () => {
    const report = await audit(repo(CONFIG));
    expect(report.findings.map((f) => `${f.line} ${f.rule} ${f.fix} ${f.surface}`)).toEqual([
      '2 no-retired-model auto user:imagegw',
      '2 no-legacy-quality auto user:imagegw',
    ]);
    expect(report.findings[1].message).toContain("resolution '4k'");
  });

  it('ESLint reads the same file and reports the same findings', async () => {
    const dir = repo(CONFIG);
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, ...plugin.configs.strict, settings: { 'gpt-image-migrate': { now: '2026-11-21' } } }],
    });
    const [result] = await eslint.lintFiles(['render.ts']);
    const lint = result.messages.map((m) => `${m.line} ${m.ruleId!.replace('gpt-image-migrate/', '')}`);
    const report = await audit(dir);
    expect(lint).toEqual(report.findings.map((f) => `${f.line} ${f.rule}`));
  });

  it("a target and a catalog file in the config: ESLint's messages and audit's carry the same target and dates", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gim-config-'));
    dirs.push(dir);
    const source = { url: 'https://developers.openai.com/api/docs/deprecations', retrieved: '2026-11-20' };
    writeFileSync(path.join(dir, 'dates.json'), JSON.stringify({ models: [{ id: 'gpt-image-1-mini', shutdownDate: '2026-11-10', source }] }));
    writeFileSync(path.join(dir, 'gpt-image-migrate.config.json'), JSON.stringify({ target: 'gpt-image-2.6-flare', catalog: 'dates.json' }));
    writeFileSync(path.join(dir, 'images.ts'), "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const run = () => client.images.generate({ model: 'gpt-image-1-mini', prompt: 'a fox' });\n");
    const report = await audit(dir);
    const finding = report.findings.find((f) => f.rule === 'no-retired-model' && f.role === 'api-argument')!;
    expect(finding).toMatchObject({ severity: 'error', fix: 'auto' });
    expect(finding.message).toContain('shut down on 2026-11-10');
    expect(finding.message).toContain("'gpt-image-2.6-flare'");
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, ...plugin.configs.strict, settings: { 'gpt-image-migrate': { now: '2026-11-21' } } }],
    });
    const [result] = await eslint.lintFiles(['images.ts']);
    expect(result.messages.map((m) => m.message)).toContain(finding.message);
  });

  it('flags override the file: --allow replaces the allowed ids', async () => {
    const report = await audit(repo(CONFIG), '--allow', 'gpt-image-1');
    expect(report.findings.map((f) => f.model)).toEqual(['dall-e-3']);
  });

  it('without the file the wrapper is not a gateway, and dall-e-3 is reported', async () => {
    const dir = repo(CONFIG);
    rmSync(path.join(dir, 'gpt-image-migrate.config.json'));
    const report = await audit(dir);
    expect(report.findings.some((f) => f.surface === 'user:imagegw')).toBe(false);
    expect(report.findings.some((f) => f.model === 'dall-e-3')).toBe(true);
  });

  it.each([
    ['not JSON', '{ surfaces: [', /not valid JSON/],
    ['an unknown option', { target: 'gpt-image-2', tierMaps: 'low=1k' }, /unknown option 'tierMaps'/],
    ['a surface without a family', { surfaces: [{ name: 'x', wrappers: ['f'] }] }, /needs family/],
  ])('a bad file (%s) is a usage error naming the problem', async (_, config, message) => {
    const { code, stderr } = await runCli(['audit', repo(config), '--now', '2026-11-21']);
    expect(code).toBe(3);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/^ {4}at /m);
  });
});

describe('where the config file is found', () => {
  /** A repository with one gpt-image-1 call, the config written at `where` (a path under it). */
  function repoWithConfigAt(where: string, content: string, scanned = 'src'): { dir: string; scanned: string } {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gim-config-'));
    dirs.push(dir);
    mkdirSync(path.join(dir, scanned), { recursive: true });
    writeFileSync(path.join(dir, scanned, 'a.ts'), "import OpenAI from 'openai';\nexport const r = new OpenAI().images.generate({ model: 'gpt-image-1', prompt: 'x' });\n");
    mkdirSync(path.dirname(path.join(dir, where)), { recursive: true });
    writeFileSync(path.join(dir, where), content);
    return { dir, scanned: path.join(dir, scanned) };
  }
  // `allow` of the id makes the one finding go: that is how each file shows it was read
  const allowJson = JSON.stringify({ allow: ['gpt-image-1'] });

  it.each([
    ['gpt-image-migrate.config.json', allowJson],
    ['.gpt-image-migraterc', allowJson],
    ['.gpt-image-migraterc.json', allowJson],
    ['gpt-image-migrate.config.cjs', `module.exports = ${allowJson};\n`],
    ['package.json', JSON.stringify({ name: 'x', 'gpt-image-migrate': { allow: ['gpt-image-1'] } })],
  ])('%s in the scanned directory is read', async (file, content) => {
    const { scanned } = repoWithConfigAt(`src/${file}`, content);
    expect((await audit(scanned)).findings).toEqual([]);
  });

  it('found by searching up from the scanned directory', async () => {
    const { scanned } = repoWithConfigAt('gpt-image-migrate.config.json', allowJson, 'packages/web/src');
    expect((await audit(scanned)).findings).toEqual([]);
  });

  it('without a config file the finding is there (the cases above are not empty for another reason)', async () => {
    const { scanned } = repoWithConfigAt('unrelated.json', allowJson);
    expect((await audit(scanned)).findings.map((f) => f.model)).toEqual(['gpt-image-1']);
  });

  it('a package.json without the key is not a config: the finding stays', async () => {
    const { scanned } = repoWithConfigAt('src/package.json', JSON.stringify({ name: 'x' }));
    expect((await audit(scanned)).findings.map((f) => f.model)).toEqual(['gpt-image-1']);
  });

  it('--config FILE is read from anywhere, and wins over the file found by search', async () => {
    const { dir, scanned } = repoWithConfigAt('src/gpt-image-migrate.config.json', JSON.stringify({ allow: ['dall-e-3'] }));
    writeFileSync(path.join(dir, 'elsewhere.json'), allowJson);
    expect((await audit(scanned)).findings.map((f) => f.model)).toEqual(['gpt-image-1']);
    expect((await audit(scanned, '--config', path.join(dir, 'elsewhere.json'))).findings).toEqual([]);
  });

  it('--config FILE that does not exist is a usage error', async () => {
    const { scanned } = repoWithConfigAt('unrelated.json', '{}');
    const { code, stderr } = await runCli(['audit', scanned, '--config', path.join(scanned, 'missing.json'), '--now', '2026-11-21']);
    expect(code).toBe(3);
    expect(stderr).toMatch(/missing\.json/);
  });
});

