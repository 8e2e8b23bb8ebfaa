/**
 * The oxc transform (the CLI's parser) against the ts-morph one on what is
 * particular to a second parser: offsets in a text with non-ASCII characters
 * before an edit (oxc parses UTF-8 and hands back UTF-16 offsets), every
 * extension the engine parses (JSX in `.js`, TSX, `.d.ts`, `.mts`/`.cts`,
 * `.mjs`/`.cjs`), what TypeScript's parser accepts that a strict parser
 * would not (a top-level `return`, ambient declarations, JSX in `.mjs`), and files that do
 * not parse (ParseError with a line and column, counted as TypeScript counts),
 * and text nested too deeply for a native parser's stack.
 */
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../src/catalog/index.js';
import { ParseError } from '../src/syntax/parse-error.js';
import { jsParseProblem, MAX_OXC_DEPTH, parseJs, tooDeepForOxc } from '../src/syntax/oxc-parser.js';
import { walk } from '../src/syntax/tree.js';
import { OxcTransform } from '../transforms/oxc.js';
import { TsMorphTransform } from '../transforms/ts-morph.js';
import { NOW, planBothWays } from './support/plan.js';

const options = resolveOptions({ now: NOW });
const oxc = new OxcTransform();
const tsMorph = new TsMorphTransform();

describe('oxc transform: offsets are JavaScript string indices', () => {
  it('non-ASCII text of every UTF-8 length before the edits: the right bytes change, as with ts-morph', () => {
    // 2-byte é, 3-byte 日本語 and —, 4-byte 😀 (a surrogate pair in UTF-16), in a comment, a string and an identifier
    const code =
      "import OpenAI from 'openai';\n// café — 日本語 😀\nconst client = new OpenAI();\nconst légende = '😀😀 naïve';\n" +
      "const result = await client.images.generate({ model: 'dall-e-3', prompt: '東京の猫 🐈', quality: 'hd', response_format: 'url' });\nsave(result.data[0].b64_json);\n";
    const expected =
      "import OpenAI from 'openai';\n// café — 日本語 😀\nconst client = new OpenAI();\nconst légende = '😀😀 naïve';\n" +
      "const result = await client.images.generate({ model: 'gpt-image-2', prompt: '東京の猫 🐈', quality: 'high' });\nsave(result.data[0].b64_json);\n";
    const plan = oxc.run('input.ts', code, options);
    expect(plan.output).toBe(expected);
    expect(Buffer.from(plan.output, 'utf8').equals(Buffer.from(expected, 'utf8'))).toBe(true);
    // the finding's range is the literal, as a string index
    const model = plan.findings.find((f) => f.rule === 'no-retired-model')!;
    expect(code.slice(model.range[0], model.range[1])).toBe("'dall-e-3'");
    expect(planBothWays('input.ts', code, options).output).toBe(expected);
  });

  it('every node range of the tree lies on the text it spans', () => {
    const code = "const a = '😀';\nconst b = { m: 'é' };\nexport const c = `日${a}本`;\n";
    const strings: string[] = [];
    walk(parseJs('x.ts', code), (node) => {
      if (node.kind === 'string') strings.push(code.slice(node.range[0], node.range[1]));
    });
    expect(strings).toEqual(["'😀'", "'é'"]);
  });
});

describe('oxc transform: every extension parses as with ts-morph', () => {
  const call = `client.images.generate({ model: 'gpt-image-1', prompt })`;
  const files: Record<string, string> = {
    'a.ts': `import OpenAI from 'openai';\nconst client = new OpenAI();\nconst r = <const>{ x: 1 };\nexport const img = ${call} satisfies unknown;\n`,
    'a.tsx': `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const A = () => <img alt="x" onClick={() => ${call}} />;\nconst f = <T,>(x: T) => x;\n`,
    'a.js': `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const A = () => <button onClick={() => ${call}}>go</button>;\n`,
    'a.jsx': `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport default function A() { return <p>{${call} && 'ok'}</p>; }\n`,
    'a.mjs': `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const img = await ${call};\nexport const Tag = () => <i>{img}</i>;\n`,
    'a.cjs': `const OpenAI = require('openai');\nconst client = new OpenAI();\nif (!process.env.KEY) return;\nmodule.exports = () => ${call};\n`,
    'a.mts': `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const img = await ${call} as unknown;\n`,
    'a.cts': `import OpenAI = require('openai');\nconst client = new OpenAI();\nexport = () => ${call};\n`,
    // a parameter's literal type: the ESTree adapter once dropped a parameter's annotation (read as a mention in prose)
    'types.d.ts': `export type ImageModel = 'gpt-image-1' | 'dall-e-3';\nexport declare const DEFAULT: 'gpt-image-1';\nexport const FALLBACK: ImageModel;\ndeclare module 'x' {\n  export function f(model: 'gpt-image-1'): void;\n}\n`,
    // TypeScript's parser reads type annotations in a .js file (the checker, not the parser, objects)
    'typed.js': `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport function go(prompt: string) { return ${call}; }\n`,
  };
  for (const [file, code] of Object.entries(files)) {
    it(file, () => {
      const plan = planBothWays(file, code, options);
      expect(plan.findings.length, file).toBeGreaterThan(0);
      expect(oxc.run(file, code, options).parsed).toBe(true);
    });
  }
});

describe('oxc transform: a file that does not parse', () => {
  const broken: Record<string, string> = {
    'a.ts': `const x = { model: 'gpt-image-1', ;\n`,
    'b.ts': `// 日本語 😀\nconst 名前 = 'gpt-image-1';\nconst y = ;\n`,
    'c.tsx': `export const A = () => <div>{'gpt-image-1'}</span>;\n`,
    'd.mjs': `const m = 'gpt-image-1';\nexport default {;\n`,
    'e.js': `const A = () => <img alt={'gpt-image-1'} />\nconst B = () => <p>;\n`,
  };
  for (const [file, code] of Object.entries(broken)) {
    it(`${file}: ParseError with a line and column (the line TypeScript reports)`, () => {
      const viaOxc = thrown(() => oxc.run(file, code, options));
      const viaTs = thrown(() => tsMorph.run(file, code, options));
      expect(viaOxc).toBeInstanceOf(ParseError);
      expect(viaTs).toBeInstanceOf(ParseError);
      expect(viaOxc.message).toMatch(/^does not parse: .+ \(line \d+, column \d+\)$/);
      // each parser words its errors and may point at another token of the same construct
      expect(viaOxc.line).toBe(viaTs.line);
      expect(viaOxc.column).toBeGreaterThan(0);
      expect(jsParseProblem(file, code)).toBe(viaOxc.message.replace(/^does not parse: /, ''));
    });
  }

  it('counts lines as TypeScript does (\\n, \\r\\n, \\r, U+2028) and columns in UTF-16 code units', () => {
    const code = `const a = 1;\r\nconst b = 2;\rconst c = 3;\u2028const d = '😀 gpt-image-1'; const e = ;\n`;
    const error = thrown(() => oxc.run('x.ts', code, options));
    const fourth = code.split(/\r\n|\r|\n|\u2028/)[3]!;
    // the `;` where an expression should be; 😀 is two code units
    expect([error.line, error.column]).toEqual([4, fourth.indexOf('= ;') + 3]);
    const viaTs = thrown(() => tsMorph.run('x.ts', code, options));
    expect([error.line, error.column]).toEqual([viaTs.line, viaTs.column]);
  });
});

describe('oxc transform: nesting deeper than its native parser is given', () => {
  // oxc's parser is native code: nesting of about 15,000 levels overflows its thread's stack and ends the process
  const nested = (depth: number) => `export const nested = ${'['.repeat(depth)}${']'.repeat(depth)};\nclient.images.generate({ model: 'gpt-image-1', prompt: 'x' });\n`;

  it('is counted by brackets, with the first level past the limit', () => {
    expect(tooDeepForOxc(nested(MAX_OXC_DEPTH))).toBe(false);
    expect(tooDeepForOxc(nested(MAX_OXC_DEPTH + 1))).toBe(true);
    expect(tooDeepForOxc('('.repeat(MAX_OXC_DEPTH) + ')'.repeat(MAX_OXC_DEPTH) + '('.repeat(MAX_OXC_DEPTH))).toBe(false);
  });

  it("goes to TypeScript's parser: what --parser typescript gives, deep enough to crash oxc or not", () => {
    const fallback = new OxcTransform(() => tsMorph);
    for (const depth of [MAX_OXC_DEPTH + 1, 20_000]) {
      const code = nested(depth);
      const viaTs = attempt(() => tsMorph.run('deep.ts', code, options));
      expect(attempt(() => fallback.run('deep.ts', code, options))).toEqual(viaTs);
    }
  });

  it('without a fallback: too deeply nested to analyse (a RangeError, as running out of stack is), never a crash', () => {
    expect(() => oxc.run('deep.ts', nested(20_000), options)).toThrow(RangeError);
    expect(() => oxc.run('deep.ts', nested(20_000), options)).toThrow(/Maximum call stack size exceeded/);
  });
});

function attempt(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error;
  }
}

function thrown(run: () => unknown): ParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('expected a ParseError');
}
