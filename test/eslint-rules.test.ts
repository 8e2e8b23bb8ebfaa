/**
 * The plugin as ESLint sees it, beyond the per-rule cases of rules.test.ts:
 * JSX under espree and TSX under @typescript-eslint/parser, the `allow` and
 * `surfaces` options end to end, a default `now` that follows the calendar, invalid options (ESLint's own configuration error for
 * a wrong shape, one clear problem per file for what only the engine can
 * judge: never a crash), and the configs and metadata ESLint 8, 9 and 10 read.
 */
import tsParser from '@typescript-eslint/parser';
import { ESLint, Linter } from 'eslint';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import plugin, { configs, meta, rules } from '../rules/index.js';
import { RuleTester } from './support/rule-tester.js';


const NOW = '2026-11-21';
const settings = { 'gpt-image-migrate': { now: NOW } };
const repoRoot = path.resolve(import.meta.dirname, '..');
const GONE = (id: string, date: string, days: number) => `'${id}' shut down on ${date} (${days} days ago): these calls fail today.`;

const jsx = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } }, settings });
const ts = new RuleTester({ languageOptions: { parser: tsParser }, settings });

jsx.run('no-retired-model (JSX, espree)', rules['no-retired-model'], {
  valid: [
    { code: '<option value="gpt-image-2">GPT Image 2</option>;', filename: 'picker.jsx' },
    { code: '<img src="/v1/gpt-image-1/cover.png" alt="" />;', filename: 'cover.jsx' },
  ],
  invalid: [
    {
      name: 'a model picker option: a suggestion, never a fix',
      filename: 'picker.jsx',
      code: 'export const Picker = () => (\n  <select name="model">\n    <option value="gpt-image-1">GPT Image 1</option>\n  </select>\n);',
      output: null,
      errors: [
        {
          message: `${GONE('gpt-image-1', '2026-10-23', 29)} Not rewritten: it is the 'value' value of a UI element (a model picker?): offer 'gpt-image-2' instead.`,
          line: 3,
          column: 19,
          endColumn: 32,
          suggestions: [
            {
              desc: "Offer 'gpt-image-2' instead",
              output: 'export const Picker = () => (\n  <select name="model">\n    <option value="gpt-image-2">GPT Image 1</option>\n  </select>\n);',
            },
          ],
        },
      ],
    },
  ],
});

const posterTsx = (model: string, extra: string) =>
  `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport function Poster({ prompt }: { prompt: string }) {\n  const render = async () => (await client.images.generate({ model: '${model}', prompt${extra} })).data[0].b64_json;\n  return <button onClick={render}>Render</button>;\n}\n`;

ts.run('no-retired-model (TSX, @typescript-eslint/parser)', rules['no-retired-model'], {
  valid: [{ code: posterTsx('gpt-image-2', ''), filename: 'poster.tsx' }],
  invalid: [
    {
      filename: 'poster.tsx',
      code: posterTsx('dall-e-3', ", style: 'vivid'"),
      output: posterTsx('gpt-image-2', ", style: 'vivid'"),
      errors: [{ message: `${GONE('dall-e-3', '2026-05-12', 193)} The model of client.images.generate() ('OpenAI' comes from 'openai'): Rewrites it to 'gpt-image-2'.`, line: 4, column: 69 }],
    },
  ],
});

ts.run('valid-params (TSX, @typescript-eslint/parser)', rules['valid-params'], {
  valid: [{ code: posterTsx('gpt-image-2', ", size: '1536x1024'"), filename: 'poster.tsx' }],
  invalid: [
    {
      filename: 'poster.tsx',
      code: posterTsx('gpt-image-2', ", style: 'vivid'"),
      output: posterTsx('gpt-image-2', ''),
      errors: [{ message: /^'style' is not accepted by 'gpt-image-2'.*Removes it\.$/, line: 4, column: 92 }],
    },
  ],
});

const unifically = (model: string) =>
  `await fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify({ model: '${model}', input: { prompt, quality: 'high', size: '1536x1024' } }) });`;

describe('allow: retired ids a team keeps', () => {
  ts.run('no-retired-model with allow', rules['no-retired-model'], {
    valid: [
      { name: 'as a rule option', code: "const ARCHIVE_MODEL = 'dall-e-3';", options: [{ allow: ['dall-e-3'] }] },
      { name: 'in settings', code: "const ARCHIVE_MODEL = 'dall-e-3';", settings: { 'gpt-image-migrate': { now: NOW, allow: ['dall-e-3'] } } },
      { name: 'an allowed id covers its gateway spelling', code: unifically('openai/gpt-image-1'), options: [{ allow: ['gpt-image-1'] }] },
      { name: 'and its dated alias', code: "const MODEL = 'gpt-image-1-2025-04-15';", options: [{ allow: ['gpt-image-1'] }] },
    ],
    invalid: [
      {
        name: 'other ids are still reported',
        code: "const ARCHIVE_MODEL = 'dall-e-3';\nconst IMAGE_MODEL = 'gpt-image-1';",
        options: [{ allow: ['dall-e-3'] }],
        output: null,
        errors: [{ message: /^'gpt-image-1' shut down/, line: 2, suggestions: [{ desc: "Replace with 'gpt-image-2'", output: "const ARCHIVE_MODEL = 'dall-e-3';\nconst IMAGE_MODEL = 'gpt-image-2';" }] }],
      },
      {
        name: "a rule's own allow replaces the one in settings",
        code: "const ARCHIVE_MODEL = 'dall-e-3';",
        options: [{ allow: ['gpt-image-1'] }],
        settings: { 'gpt-image-migrate': { now: NOW, allow: ['dall-e-3'] } },
        output: null,
        errors: [{ message: /^'dall-e-3' shut down/, suggestions: [{ desc: "Replace with 'gpt-image-2'", output: "const ARCHIVE_MODEL = 'gpt-image-2';" }] }],
      },
    ],
  });

  ts.run('param rules on an allowed model stay quiet (the call keeps its model)', rules['no-legacy-quality'], {
    valid: [{ code: unifically('openai/gpt-image-1'), options: [{ allow: ['gpt-image-1'] }] }],
    invalid: [
      {
        code: unifically('openai/gpt-image-1'),
        output: unifically('openai/gpt-image-1').replace("quality: 'high'", "resolution: '4k'"),
        errors: [{ message: /Rewrites quality 'high' to resolution '4k'/ }],
      },
    ],
  });
});

const gateway = { name: 'image-gateway', family: 'openai-shaped', hosts: ['images.internal.example.com'], wrappers: ['renderImage'], idPrefix: '' };

const tierGateway = { name: 'image-gateway', family: 'resolution-tier', hosts: ['images.internal.example.com'], wrappers: ['renderImage'] };

ts.run('surfaces: a declared gateway is recognised by its wrapper and by its host', rules['no-legacy-quality'], {
  valid: [
    { name: 'not declared: no tiers to map to', code: "await renderImage({ model: 'gpt-image-2', prompt, quality: 'high' });" },
    { code: "await renderImage({ model: 'gpt-image-2', prompt, resolution: '4k' });", options: [{ surfaces: [tierGateway] }] },
  ],
  invalid: [
    {
      name: 'by wrapper (rule option)',
      code: "await renderImage({ model: 'gpt-image-2', prompt, quality: 'high' });",
      options: [{ surfaces: [tierGateway] }],
      output: "await renderImage({ model: 'gpt-image-2', prompt, resolution: '4k' });",
      errors: [{ message: /^'gpt-image-2' on image-gateway has no 'quality': it takes 'resolution' \(1k, 2k, 4k\)\. Rewrites quality 'high' to resolution '4k'/ }],
    },
    {
      name: 'by host (settings), with the tier map from settings',
      code: "await fetch('https://images.internal.example.com/v1/render', { method: 'POST', body: JSON.stringify({ model: 'gpt-image-2', prompt, quality: 'high' }) });",
      settings: { 'gpt-image-migrate': { now: NOW, surfaces: [tierGateway], tierMap: 'high=2k' } },
      output: "await fetch('https://images.internal.example.com/v1/render', { method: 'POST', body: JSON.stringify({ model: 'gpt-image-2', prompt, resolution: '2k' }) });",
      errors: [{ message: /on image-gateway has no 'quality'.*Rewrites quality 'high' to resolution '2k'/ }],
    },
  ],
});

ts.run('surfaces: accepted by the schema and the engine', rules['no-retired-model'], {
  valid: [
    { code: "await renderImage({ model: 'gpt-image-2', prompt });", options: [{ surfaces: [gateway] }] },
    { code: 'const x = 1;', settings: { 'gpt-image-migrate': { now: NOW, surfaces: [{ name: 'tiers', family: 'resolution-tier', hosts: ['img.example.com'] }] } } },
  ],
  invalid: [
    {
      name: 'a surface with nothing to recognise it by is reported, at line 1',
      code: 'const x = 1;',
      options: [{ surfaces: [{ name: 'image-gateway', family: 'openai-shaped' }] }],
      output: null,
      errors: [
        {
          messageId: 'invalidOptions',
          data: { error: "surfaces: 'image-gateway' needs hosts or wrappers to be recognised by" },
          line: 1,
          column: 1,
        },
      ],
    },
  ],
});

describe('invalid options: a clear ESLint error, never a crash', () => {
  const linter = new Linter();
  const lint = (code: string, options: unknown, extraSettings: Record<string, unknown> = { now: NOW }) =>
    linter.verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser },
          plugins: { 'gpt-image-migrate': plugin },
          rules: Object.fromEntries(Object.keys(rules).map((name) => [`gpt-image-migrate/${name}`, options === undefined ? 'error' : ['error', options]])),
          settings: { 'gpt-image-migrate': extraSettings },
        },
      ],
      { filename: 'file.ts' },
    );

  it.each([
    ['an unknown option', { nope: true }, /Unexpected property "nope"\. Expected properties: "now", "target", "tierMap", "allow", "surfaces"/],
    ['now that is not a date', { now: 'tomorrow' }, /Value "tomorrow" (must|should) match pattern/],
    ['a target that is not a current model', { target: 'gpt-image-1' }, /Value "gpt-image-1" (must|should) be equal to one of the allowed values/],
    ['a target the catalog does not list', { target: 'gpt-image-2.7-nova' }, /Value "gpt-image-2.7-nova" (must|should) be equal to one of the allowed values/],
    ['a tier that does not exist', { tierMap: { high: '8k' } }, /Value .* (must|should) match/],
    ['a surface without a family', { surfaces: [{ name: 'gw', hosts: ['gw.example.com'] }] }, /(must|should) have required property 'family'/],
    ['allow that is not a list', { allow: 'dall-e-3' }, /(must|should) be array/],
  ])('%s in rule options is ESLint’s configuration error', (_name, options, message) => {
    expect(() => lint("const MODEL = 'gpt-image-1';", options)).toThrow(message);
  });

  it.each([
    ['a date that does not exist (rule option)', { now: '2026-02-30' }, undefined, "now (--now) must be a real date as YYYY-MM-DD, got '2026-02-30'"],
    ['an allow entry that is not a retired id (rule option)', { allow: ['gpt-image-3'] }, undefined, "allow (--allow): 'gpt-image-3' is not a retired model id"],
    ['an allow entry that is not a retired id (settings)', undefined, { now: NOW, allow: ['gpt-image-3'] }, "allow (--allow): 'gpt-image-3' is not a retired model id"],
    ['a bad tier map string (settings)', undefined, { tierMap: 'high:4k' }, "tierMap (--tier-map) takes quality=tier pairs"],
    ['settings that are not an object', undefined, 'gpt-image-2' as unknown as Record<string, unknown>, "settings['gpt-image-migrate'] must be an object"],
  ])('%s: one problem at line 1, from one rule, even in a file with no image code', (_name, options, extraSettings, message) => {
    for (const code of ["const MODEL = 'gpt-image-1';", 'export const answer = 42;']) {
      const messages = lint(code, options, extraSettings);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ line: 1, column: 1, severity: 2, messageId: 'invalidOptions' });
      expect(messages[0].message).toContain("Invalid gpt-image-migrate options (rule options or settings['gpt-image-migrate']): ");
      expect(messages[0].message).toContain(message);
    }
  });
});

describe('now', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('defaults to the day of each lint, not of the first one (an editor runs ESLint for days)', () => {
    vi.stubEnv('GPT_IMAGE_MIGRATE_NOW', '');
    const linter = new Linter();
    const config: Linter.Config[] = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, ...configs.recommended }];
    const lint = () => linter.verify("const IMAGE_MODEL = 'gpt-image-1-mini';", config, { filename: 'models.ts' }).map((m) => m.message);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-21T12:00:00Z'));
    expect(lint()).toEqual([expect.stringMatching(/^'gpt-image-1-mini' shuts down on 2026-12-01 \(in 10 days\)/)]);
    vi.setSystemTime(new Date('2026-12-02T12:00:00Z'));
    expect(lint()).toEqual([expect.stringMatching(/^'gpt-image-1-mini' shut down on 2026-12-01 \(1 day ago\)/)]);
  });
});

describe('configs and metadata', () => {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const ruleIds = Object.keys(rules).map((name) => `gpt-image-migrate/${name}`);

  it('the plugin names itself and its version (flat config caching, --print-config)', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'gpt-image-migrate' });
    expect(meta).toBe(plugin.meta);
    expect(configs).toBe(plugin.configs);
  });

  it.each(Object.entries(rules))('%s has a description, a doc that exists, and declares JavaScript as its language', (name, rule) => {
    expect(rule.meta?.docs?.description).toMatch(/^Disallow /);
    expect(rule.meta?.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
    expect(existsSync(path.join(repoRoot, 'docs/rules', `${name}.md`))).toBe(true);
    expect((rule.meta as { languages?: string[] }).languages).toEqual(['js/js']);
    // no defaults: ESLint would write them into the rule's options, where they would override settings
    expect(rule.meta).not.toHaveProperty('defaultOptions');
  });

  it('ESLint 10 refuses to run the rules on another language (meta.languages), with its own message', () => {
    // a language plugin that never gets to parse: the configuration is rejected first
    const notReached = () => {
      throw new Error('not reached');
    };
    const text = { fileType: 'text', lineStart: 1, columnStart: 0, nodeTypeKey: 'type', visitorKeys: {}, validateLanguageOptions() {}, parse: notReached, createSourceCode: notReached };
    const config = {
      files: ['**/*.txt'],
      plugins: { text: { languages: { text } }, 'gpt-image-migrate': plugin },
      language: 'text/text',
      rules: configs.recommended.rules,
    } as unknown as Linter.Config;
    expect(() => new Linter().verify("model: 'gpt-image-1'", [config], { filename: 'notes.txt' })).toThrow(
      /The following rules do not support the language "text\/text":\n\t- "gpt-image-migrate\/no-retired-model"/,
    );
  });

  it('strict sets every rule to error; recommended warns on valid-params only', () => {
    expect(configs.strict.rules).toEqual(Object.fromEntries(ruleIds.map((id) => [id, 'error'])));
    expect(configs.recommended.rules).toEqual({
      'gpt-image-migrate/no-retired-model': 'error',
      'gpt-image-migrate/no-legacy-quality': 'error',
      'gpt-image-migrate/valid-params': 'warn',
    });
  });

  it('the legacy configs carry the same rules, for eslintrc', () => {
    expect(configs['legacy-recommended']).toMatchObject({ plugins: ['gpt-image-migrate'], overrides: [{ rules: configs.recommended.rules }] });
    expect(configs['legacy-strict']).toMatchObject({ plugins: ['gpt-image-migrate'], overrides: [{ rules: configs.strict.rules }] });
    expect(configs['legacy-recommended'].overrides![0]).toMatchObject({ excludedFiles: ['*.d.ts'] });
  });

  it('the flat configs apply to the files audit reads as code, and not to declaration files', async () => {
    const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: true, overrideConfig: [configs.recommended] });
    for (const file of ['a.js', 'a.jsx', 'a.mjs', 'a.cjs', 'a.ts', 'a.tsx', 'a.mts', 'a.cts']) {
      const config = (await eslint.calculateConfigForFile(file)) as Linter.Config;
      expect(Object.keys(config.rules ?? {}).filter((id) => id.startsWith('gpt-image-migrate/')), file).toEqual(ruleIds);
    }
    for (const file of ['types/globals.d.ts', 'README.md', '.env']) {
      const config = (await eslint.calculateConfigForFile(file)) as Linter.Config | undefined;
      expect(Object.keys(config?.rules ?? {}).filter((id) => id.startsWith('gpt-image-migrate/')), file).toEqual([]);
    }
  });
});
