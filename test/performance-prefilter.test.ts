/**
 * The prefilter may only ever rule out files the planner would report
 * nothing on: a file it drops is never parsed, so a wrong "no" is a finding
 * lost without a trace. Checked here against the planner itself, reached
 * past the prefilter (both adapters), on generated files that spell model
 * ids in every way a string literal can (escapes, line continuations, HTML
 * character references), and on the runner's shortcut (`mayNeedPlan`: a file
 * it skips is one the transform returns untouched).
 */
import { parseForESLint } from '@typescript-eslint/parser';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { candidatePattern, resolveOptions } from '../src/catalog/index.js';
import { planTree, type Finding } from '../src/engine.js';
import { planTextFile, textFileKind } from '../src/plan/text-files.js';
import { codeLanguage, mayContainMatch, mayNeedPlan } from '../src/prefilter.js';
import { fromEstree, type EstreeNode } from '../src/syntax/from-estree.js';
import { fromTypeScript } from '../src/syntax/from-typescript.js';
import { TsMorphTransform } from '../transforms/ts-morph.js';

const OPTIONS = resolveOptions({ now: '2026-11-21' });
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const transform = new TsMorphTransform();

/** What the planner reports on a code file when nothing filters it first (TypeScript's parser). */
function planUnfiltered(fileName: string, code: string): Finding[] {
  const kind = fileName.endsWith('.tsx') || fileName.endsWith('.jsx') || fileName.endsWith('.js') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, kind);
  return planTree(fromTypeScript(sourceFile), code, OPTIONS);
}

/** The same through ESLint's parser (ESTree), which cooks JSX attribute strings differently. */
function planUnfilteredEstree(code: string): Finding[] {
  let parsed: ReturnType<typeof parseForESLint>;
  try {
    parsed = parseForESLint(code, { range: true, loc: true, ecmaFeatures: { jsx: true } });
  } catch {
    return []; // not every generated file is valid for this parser (octal escapes in strict code); a crash of the planner is not caught
  }
  return planTree(fromEstree(parsed.ast as unknown as EstreeNode, parsed.visitorKeys as Record<string, string[]>), code, OPTIONS);
}

const IDS = ['gpt-image-1', 'gpt-image-1-mini', 'gpt-image-1.5', 'chatgpt-image-latest', 'dall-e-2', 'dall-e-3', 'gpt-image-2', 'openai/gpt-image-1'];

/** One character as a string literal may spell it. */
const spelledChar = (char: string): fc.Arbitrary<string> => {
  const code = char.charCodeAt(0);
  const forms = [
    char,
    char,
    char,
    `\\x${code.toString(16).padStart(2, '0')}`,
    `\\x${code.toString(16).padStart(2, '0').toUpperCase()}`,
    `\\u${code.toString(16).padStart(4, '0')}`,
    `\\u{${code.toString(16)}}`,
    `\\u{000${code.toString(16)}}`,
    `${char}\\\n`, // the character, then a line continuation
  ];
  if (!/[bfnrtvux0-9]/.test(char)) forms.push(`\\${char}`);
  return fc.constantFrom(...forms);
};

/** An id, each character spelled its own way. */
const spelledId = fc.constantFrom(...IDS).chain((id) => fc.tuple(...[...id].map(spelledChar)).map((parts) => ({ id, spelled: parts.join('') })));

const quote = fc.constantFrom("'", '"');

/** A file holding the spelled id where the planner looks: a request, a constant, a comparison, a setting, a key. */
const codeFile = fc
  .tuple(spelledId, quote, fc.integer({ min: 0, max: 5 }), fc.constantFrom('a.ts', 'a.js', 'a.tsx'))
  .map(([{ spelled }, q, shape, fileName]) => {
    const lit = `${q}${spelled}${q}`;
    const bodies = [
      `const client = makeClient();\nexport const r = client.images.generate({ model: ${lit}, prompt: 'x', response_format: 'url' });\n`,
      `export const IMAGE_MODEL = ${lit};\n`,
      `export function old(model: string) { return model === ${lit}; }\n`,
      `export const settings = { imageModel: ${lit} };\n`,
      `export const prices = { [${lit}]: 0.04, ${lit}: 0.05 };\n`,
      `await fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ model: ${lit}, prompt: 'x' }) });\n`,
    ];
    return { fileName, code: bodies[shape] };
  });

describe('the prefilter never rules out a file the planner reports on', () => {
  it(`ids spelled with escapes and line continuations (${NUM_RUNS} runs)`, () => {
    let reportedOnlyThroughEscapes = 0;
    fc.assert(
      fc.property(codeFile, ({ fileName, code }) => {
        const reported = planUnfiltered(fileName, code).length > 0 || planUnfilteredEstree(code).length > 0;
        if (reported) expect(mayContainMatch(code), code).toBe(true);
        if (reported && !candidatePattern.test(code)) reportedOnlyThroughEscapes++;
      }),
      { numRuns: NUM_RUNS },
    );
    // the generator reaches the case the catalog's pattern alone misses
    expect(reportedOnlyThroughEscapes).toBeGreaterThan(0);
  });

  it('the escaped spellings the planner reads as ids are candidates', () => {
    const cases = [
      "export const IMAGE_MODEL = 'gpt\\u002dimage-1';",
      "export const IMAGE_MODEL = 'gpt-im\\x61ge-1';",
      "export const IMAGE_MODEL = 'dall\\-e-3';",
      "export const IMAGE_MODEL = 'gpt-ima\\\nge-1';",
      "export const IMAGE_MODEL = 'gpt\\u{2d}image-1.5';",
      "export const IMAGE_MODEL = 'chatgpt\\x2dimage\\x2dlatest';",
    ];
    for (const code of cases) {
      expect(planUnfiltered('a.ts', code).length, code).toBeGreaterThan(0);
      expect(mayContainMatch(code), code).toBe(true);
    }
    // and a JSX attribute's character reference, which ESLint's parser decodes
    expect(mayContainMatch('<option value="gpt&#45;image-1" />')).toBe(true);
  });

  it('a model built at run time from a family stem, with nothing else in the file, is a candidate', () => {
    const cases = ['export const label = (v: number) => `dall-e-${v}`;', "export const label = (n: number) => 'dall-e-' + n;"];
    for (const code of cases) {
      expect(planUnfiltered('a.ts', code).length, code).toBeGreaterThan(0);
      expect(mayContainMatch(code), code).toBe(true);
    }
    for (const code of ['label = f"dall-e-{v}"\n', 'label = "dall-e-%d" % n\n', 'label = "dall-e-{}".format(n)\n']) expect(mayContainMatch(code), code).toBe(true);
  });

  it('ordinary code stays out: escapes in regular expressions and strings are not ids', () => {
    const ordinary = [
      "const slug = /[^\\w\\-]+/g; const ws = /\\s+/; const label = 'Fehler \\u2014 bitte'; const nl = 'a\\nb';",
      "const sharp = require('sharp'); sharp(input).jpeg({ quality: 80 });",
      "export const video = { codec: 'h264', quality: 'high', size: '1920x1080' };",
      'const path = "C:\\\\dall\\\\images"; const t = `tab\\tseparated`;',
    ];
    for (const code of ordinary) expect(mayContainMatch(code), code).toBe(false);
  });
});

describe("the runner's shortcut: a file mayNeedPlan skips is one the transform leaves alone", () => {
  const names = ['a.ts', 'a.tsx', 'a.js', 'a.mjs', 'types.d.ts', '.env', '.env.js', 'prod.env', 'README.md', 'package.json', 'config.yaml', 'x.json', 'Dockerfile', 'run.sh', 'tool.py', 'stubs.pyi', 'analysis.ipynb', 'image.png'];
  const texts = [
    'export const x = 1;\n',
    "const client = makeClient();\nclient.images.generate({ model: 'gpt-image-1', prompt: 'x' });\n",
    'IMAGE_MODEL=gpt-image-1\n',
    '{ "name": "x", "dependencies": { "openai": "^4.0.0" } }\n',
    '# Images\n\nWe use dall-e-3.\n',
    'const broken = {\n',
  ];

  it.each(names.filter((name) => name !== 'package.json'))('%s', (fileName) => {
    const skipped = texts.filter((text) => !mayNeedPlan(fileName, text));
    // the shortcut is taken for some text of this kind, or the loop below checks nothing
    expect(skipped.length).toBeGreaterThan(0);
    for (const text of skipped) {
      const plan = transform.run(fileName, text, OPTIONS);
      expect(plan, `${fileName}: ${text}`).toEqual({ findings: [], output: text, parsed: false, links: [] });
    }
  });

  it('package.json is never skipped, whatever its text: its dependency ranges are checked', () => {
    for (const text of texts) expect(mayNeedPlan('package.json', text), text).toBe(true);
    const old = transform.run('package.json', '{ "dependencies": { "@ai-sdk/openai": "^1.3.22" } }\n', OPTIONS);
    expect(old.findings.map((f) => f.role)).toEqual(['dependency']);
  });

  it('agrees with the engine on which files are code and which are text kinds', () => {
    for (const fileName of names) {
      const kind = textFileKind(fileName);
      if (kind && kind !== 'package-json') {
        // a text kind with an id is planned from its text, never parsed
        expect(mayNeedPlan(fileName, 'IMAGE_MODEL=gpt-image-1\n')).toBe(true);
        expect(planTextFile(kind, 'nothing here\n', OPTIONS)).toEqual([]);
      }
      if (!kind) expect(mayNeedPlan(fileName, "m = 'gpt-image-1'")).toBe(codeLanguage(fileName) !== null);
    }
    expect(mayNeedPlan('package.json', '{}')).toBe(true);
  });
});
