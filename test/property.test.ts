/**
 * Property-based tests (fast-check) of `fix` on generated image calls: quote
 * styles, quoted and bare keys, trailing commas, comments between and after
 * properties, param order, nesting (functions, class methods, params objects,
 * a Unifically task inside a fetch body), model ids from literals, constants
 * and env defaults, CRLF, tabs, a BOM. Every case runs through both fix
 * paths, ts-morph (the CLI) and jscodeshift (Babel), which must agree, and:
 *
 * - the fixed text parses (TypeScript's parser, independently of the path's own re-parse);
 * - the fix is idempotent: fixing the fixed text changes nothing;
 * - no byte changes outside the planned ranges: the output is exactly the
 *   planned edits applied, and every edit lies inside a span the generator
 *   knows may change (a property's own slot, a model literal), so braces,
 *   other code and comments on their own lines are never touched;
 * - comments survive, except a trailing comment on the line of a property
 *   that is removed (it goes with its line);
 * - a replaced string literal keeps its quotes; line endings stay as they were;
 *   no retired id is left in an API argument.
 *
 * Runs: PROPERTY_RUNS (default 150) per property.
 */
import fc from 'fast-check';
import jscodeshift from 'jscodeshift';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../src/catalog/index.js';
import { editsOf } from '../src/engine.js';
import { applyEdits, type Edit } from '../src/text/edits.js';
import { planWithJscodeshift, transform } from '../transforms/jscodeshift-transform.js';
import { parseProblem, reparse, TsMorphTransform } from '../transforms/ts-morph.js';
import { OxcTransform } from '../transforms/oxc.js';
import { jsParseProblem } from '../src/syntax/oxc-parser.js';
import { ts as tsMorphTs } from 'ts-morph';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparable } from './support/plan.js';

const NOW = '2026-11-21';
const OPTIONS = resolveOptions({ now: NOW });
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const tsMorph = new TsMorphTransform();
const oxc = new OxcTransform();

const RETIRED = ['gpt-image-1', 'gpt-image-1-mini', 'gpt-image-1.5', 'chatgpt-image-latest', 'dall-e-2', 'dall-e-3'] as const;
const MODELS = [...RETIRED, 'gpt-image-2'] as const;

type Quote = "'" | '"' | '`';

interface Style {
  readonly quote: Quote;
  readonly keyQuote: '' | "'" | '"';
  readonly layout: 'inline' | 'multiline';
  readonly trailingComma: boolean;
  readonly eol: '\n' | '\r\n';
  readonly indent: string;
}

/** Param values by key; `''` marks a shorthand (`image`), digits a number. */
const PARAMS: Record<string, readonly string[]> = {
  prompt: ['a cat', 'a red fox, watercolour', ''],
  image: [''],
  size: ['1024x1024', '256x256', '512x512', '1536x1024', '1024x1536', 'auto'],
  quality: ['hd', 'standard', 'low', 'medium', 'high', 'auto'],
  n: ['1', '2'],
  response_format: ['b64_json', 'url'],
  style: ['vivid', 'natural'],
  input_fidelity: ['high', 'low'],
  background: ['transparent', 'opaque', 'auto'],
  output_format: ['png', 'webp'],
  user: ['user-42'],
};

interface ParamSpec {
  readonly key: string;
  readonly choice: number;
  /** A comment before the property: a block comment on its line, or a line comment on the line above (multiline). */
  readonly leading: 'none' | 'block' | 'line';
  /** A `// comment` after the property on its line (multiline). */
  readonly trailing: boolean;
}

interface CallSpec {
  readonly surface: 'generate' | 'edit' | 'params-object' | 'arrow' | 'method' | 'fetch' | 'unifically';
  readonly model: (typeof MODELS)[number];
  readonly modelSource: 'literal' | 'constant' | 'env-default';
  readonly modelAt: number;
  readonly params: readonly ParamSpec[];
}

interface FileSpec {
  readonly style: Style;
  readonly calls: readonly CallSpec[];
  readonly finalEol: boolean;
  readonly bom: boolean;
}

const paramArb: fc.Arbitrary<ParamSpec> = fc.record({
  key: fc.constantFrom(...Object.keys(PARAMS)),
  choice: fc.nat(),
  leading: fc.constantFrom('none', 'none', 'block', 'line'),
  trailing: fc.boolean(),
});

const callArb: fc.Arbitrary<CallSpec> = fc.record({
  surface: fc.constantFrom('generate', 'edit', 'params-object', 'arrow', 'method', 'fetch', 'unifically'),
  model: fc.constantFrom(...MODELS),
  modelSource: fc.constantFrom('literal', 'literal', 'constant', 'env-default'),
  modelAt: fc.nat(),
  params: fc.uniqueArray(paramArb, { selector: (p) => p.key, maxLength: 6 }),
});

const fileArb: fc.Arbitrary<FileSpec> = fc.record({
  style: fc.record({
    quote: fc.constantFrom<Quote>("'", '"', '`'),
    keyQuote: fc.constantFrom<'' | "'" | '"'>('', '', "'", '"'),
    layout: fc.constantFrom('inline', 'multiline'),
    trailingComma: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n'),
    indent: fc.constantFrom('  ', '    ', '\t'),
  }),
  calls: fc.array(callArb, { minLength: 1, maxLength: 3 }),
  finalEol: fc.boolean(),
  bom: fc.boolean(),
});

type Range = readonly [number, number];

interface Generated {
  readonly text: string;
  /** Spans that may change: each property's slot, each model literal outside an object. */
  readonly slots: readonly Range[];
  /** Comment markers that must survive. */
  readonly kept: readonly string[];
  /** Trailing comment markers, which may go with their property's line. */
  readonly trailing: readonly string[];
}

/** Renders a file spec to source text, recording where changes may happen. */
function generate(spec: FileSpec): Generated {
  const { style } = spec;
  const { eol, indent, quote: q } = style;
  let text = '';
  const slots: Range[] = [];
  const kept: string[] = [];
  const trailing: string[] = [];
  let marker = 0;
  const comment = (list: string[]) => {
    const id = `m${++marker}z`;
    list.push(id);
    return id;
  };
  const add = (s: string) => {
    text += s;
  };
  const slot = (write: () => void) => {
    const start = text.length;
    write();
    slots.push([start, text.length]);
  };

  interface Prop {
    readonly key: string;
    /** Writes the value (it may record its own slot). */
    readonly value: () => void;
    readonly shorthand: boolean;
    readonly leading: ParamSpec['leading'];
    readonly trailing: boolean;
  }

  const propsOf = (call: CallSpec, index: number, withModel: boolean): Prop[] => {
    const props: Prop[] = call.params.map((p) => {
      const values = PARAMS[p.key];
      const raw = values[p.choice % values.length];
      const shorthand = raw === '';
      const value = /^\d+$/.test(raw) ? raw : `${q}${raw}${q}`;
      return { key: p.key, value: () => add(value), shorthand, leading: p.leading, trailing: p.trailing };
    });
    if (withModel) {
      const modelValue =
        call.modelSource === 'literal'
          ? `${q}${call.model}${q}`
          : call.modelSource === 'constant'
            ? `IMAGE_MODEL_${index}`
            : `process.env.IMAGE_MODEL_${index} ?? ${q}${call.model}${q}`;
      props.splice(call.modelAt % (props.length + 1), 0, { key: 'model', value: () => add(modelValue), shorthand: false, leading: 'none', trailing: false });
    }
    return props;
  };

  const object = (props: readonly Prop[], baseIndent: string) => {
    const key = (name: string) => `${style.keyQuote}${name}${style.keyQuote}`;
    const writeProp = (prop: Prop) => {
      if (prop.leading === 'block') add(`/* ${comment(kept)} */ `);
      if (prop.shorthand) add(prop.key);
      else {
        add(`${key(prop.key)}: `);
        prop.value();
      }
    };
    if (props.length === 0) return add('{}');
    if (style.layout === 'inline') {
      // a property's slot runs from the end of the previous value (the last property takes the
      // comma before it when it goes) through its own comma and the blank after it
      add('{ ');
      let slotStart = text.length;
      props.forEach((prop, i) => {
        const last = i === props.length - 1;
        writeProp(prop);
        const valueEnd = text.length;
        if (!last || style.trailingComma) add(',');
        add(' ');
        slots.push([slotStart, text.length]);
        slotStart = valueEnd;
      });
      add('}');
      return;
    }
    const inner = baseIndent + indent;
    add(`{${eol}`);
    props.forEach((prop, i) => {
      const last = i === props.length - 1;
      if (prop.leading === 'line') add(`${inner}// ${comment(kept)}${eol}`);
      slot(() => {
        add(inner);
        writeProp(prop);
        if (!last || style.trailingComma) add(',');
        if (prop.trailing) add(` // ${comment(trailing)}`);
        add(eol);
      });
    });
    add(`${baseIndent}}`);
  };

  // every result is read as base64, so the dall-e requests are the planner's to fix (one whose result goes elsewhere is reported)
  add(`// header ${comment(kept)}${eol}import OpenAI from 'openai';${eol}const client = new OpenAI();${eol}declare function save(b64: string | undefined): void;${eol}${eol}`);
  spec.calls.forEach((call, index) => {
    if (call.modelSource === 'constant' && call.surface !== 'unifically') {
      add(`const IMAGE_MODEL_${index} = `);
      slot(() => add(`${q}${call.model}${q}`));
      add(`;${eol}`);
    }
    const props = propsOf(call, index, call.surface !== 'unifically');
    switch (call.surface) {
      case 'generate':
      case 'edit':
        add(`const result${index} = await client.images.${call.surface}(`);
        object(props, '');
        add(`);${eol}save(result${index}.data[0].b64_json);${eol}`);
        break;
      case 'params-object':
        add(`const params${index} = `);
        object(props, '');
        add(`;${eol}const result${index} = await client.images.generate(params${index});${eol}save(result${index}.data[0].b64_json);${eol}`);
        break;
      case 'arrow':
        add(`export const draw${index} = async (prompt: string, image: unknown) => (await client.images.edit(`);
        object(props, '');
        add(`)).data[0].b64_json;${eol}`);
        break;
      case 'method':
        add(`class Generator${index} {${eol}${indent}async run(prompt: string) {${eol}${indent}${indent}return (await client.images.generate(`);
        object(props, indent + indent);
        add(`)).data[0].b64_json;${eol}${indent}}${eol}}${eol}`);
        break;
      case 'fetch':
        add(`const response${index} = await fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify(`);
        object(props, '');
        add(`) });${eol}save((await response${index}.json()).data[0].b64_json);${eol}`);
        break;
      case 'unifically':
        add(`await fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify({ model: `);
        slot(() => add(`${q}openai/${call.model}${q}`));
        add(', input: ');
        object(props, '');
        add(` }) });${eol}`);
        break;
    }
  });
  add(`// footer ${comment(kept)}`);
  if (spec.finalEol) add(eol);
  return { text, slots, kept, trailing };
}

const jscodeshiftApi = { j: jscodeshift, jscodeshift, stats: () => {}, report: () => {} } as never;

function parseErrors(text: string): string[] {
  const file = ts.createSourceFile('gen.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

/** Slots that overlap or touch, merged: one edit may remove two neighbouring properties at once. */
function mergedSlots(slots: readonly Range[]): Range[] {
  const merged: [number, number][] = [];
  for (const [start, end] of [...slots].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

const within = (edit: Edit, [start, end]: Range) => edit.start >= start && edit.end <= end;
const QUOTES = new Set(["'", '"', '`']);

/** Checks one fix of `input` whose plan is `edits` and result `output`. */
function expectCarefulFix(generated: Generated, edits: readonly Edit[], output: string, eol: string): void {
  const input = generated.text;
  expect(parseErrors(output), output).toEqual([]);
  expect(applyEdits(input, edits)).toBe(output);
  const slots = mergedSlots(generated.slots);
  for (const edit of edits) {
    expect(
      slots.some((slot) => within(edit, slot)),
      `edit ${JSON.stringify(edit)} (replacing ${JSON.stringify(input.slice(edit.start, edit.end))}) is outside every slot`,
    ).toBe(true);
    // a replaced string literal keeps its quote character
    const first = input[edit.start];
    if (QUOTES.has(first) && edit.end - edit.start >= 2 && input[edit.end - 1] === first && edit.text !== '') {
      expect(edit.text[0], `quotes of ${input.slice(edit.start, edit.end)} → ${edit.text}`).toBe(first);
      expect(edit.text.at(-1)).toBe(first);
    }
  }
  for (const id of generated.kept) expect(output, `comment ${id} is lost`).toContain(id);
  for (const id of generated.trailing) {
    if (output.includes(id)) continue;
    // it may only go with the whole line of its property
    const at = input.indexOf(id);
    const removal = edits.find((e) => e.start <= at && e.end > at);
    expect(removal, `trailing comment ${id} is lost without its line`).toBeDefined();
    expect(removal!.text).toBe('');
    expect(removal!.start === 0 || input[removal!.start - 1] === '\n', `${id}: the removal starts mid-line`).toBe(true);
  }
  if (eol === '\r\n') expect(output).not.toMatch(/(^|[^\r])\n/);
  else expect(output).not.toContain('\r');
  // no retired id is left as an API argument (the only role the generator writes)
  const left = RETIRED.filter((id) => new RegExp(`(['"\`])(openai/)?${id.replace(/\./g, '\\.')}\\1`).test(output));
  expect(left, output).toEqual([]);
}

describe('property: generated image calls, through the ts-morph, oxc and jscodeshift fix paths', () => {
  it(`the fix parses, is idempotent, and changes no byte outside the planned ranges (${NUM_RUNS} runs)`, () => {
    fc.assert(
      fc.property(fileArb, (spec) => {
        const generated = generate(spec);
        const { text } = generated;

        const viaTsMorph = tsMorph.run('gen.ts', text, OPTIONS);
        expect(viaTsMorph.outputError).toBeUndefined();
        expectCarefulFix(generated, editsOf(viaTsMorph.findings), viaTsMorph.output, spec.style.eol);
        // the CLI's parser: the same plan, every finding whole, the same bytes
        expect(oxc.run('gen.ts', text, OPTIONS)).toEqual(viaTsMorph);

        const viaJscodeshift = planWithJscodeshift('gen.ts', text, jscodeshift, OPTIONS);
        expect(viaJscodeshift.outputError).toBeUndefined();
        expect(comparable(viaJscodeshift.findings)).toEqual(comparable(viaTsMorph.findings));
        expectCarefulFix(generated, editsOf(viaJscodeshift.findings), viaJscodeshift.output, spec.style.eol);

        // the transform itself, on the file as jscodeshift reads it (BOM included)
        const bom = spec.bom ? '\uFEFF' : '';
        const written = transform({ path: 'virtual/gen.ts', source: bom + text }, jscodeshiftApi, { now: NOW });
        expect(written).toBe(bom + viaTsMorph.output);

        // idempotent, on both paths
        expect(tsMorph.run('gen.ts', viaTsMorph.output, OPTIONS).output).toBe(viaTsMorph.output);
        expect(oxc.run('gen.ts', viaTsMorph.output, OPTIONS).output).toBe(viaTsMorph.output);
        expect(planWithJscodeshift('gen.ts', viaJscodeshift.output, jscodeshift, OPTIONS).output).toBe(viaJscodeshift.output);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('the generator writes what it claims: every case parses and names the model ids it was given', () => {
    // guards the property above against a generator that only writes trivial files
    fc.assert(
      fc.property(fileArb, (spec) => {
        const { text, slots } = generate(spec);
        expect(parseErrors(text), text).toEqual([]);
        for (const call of spec.calls) expect(text).toContain(call.model);
        expect(slots.length).toBeGreaterThanOrEqual(spec.calls.length);
      }),
      { numRuns: Math.min(NUM_RUNS, 50) },
    );
  });
});

/**
 * Cases the property found, kept by hand as regressions: each was a planner
 * bug, fixed since, and fails again if it comes back. Both fix paths are
 * checked, since both apply the same plan.
 */
describe('cases the property found', () => {
  const sdk = (call: string) => `import OpenAI from 'openai';\nconst client = new OpenAI();\n${call}\n`;

  function fixBothWays(code: string): string {
    const viaTsMorph = tsMorph.run('gen.ts', code, OPTIONS);
    const viaJscodeshift = planWithJscodeshift('gen.ts', code, jscodeshift, OPTIONS);
    expect(viaJscodeshift.output).toBe(viaTsMorph.output);
    expect(oxc.run('gen.ts', code, OPTIONS)).toEqual(viaTsMorph);
    expect(viaTsMorph.outputError).toBeUndefined();
    expect(parseErrors(viaTsMorph.output)).toEqual([]);
    return viaTsMorph.output;
  }

  it("gpt-image-1-mini right before a removed last param (inline, no trailing comma): the added quality and the removal do not overlap", () => {
    // threw OverlappingEditsError ("overlapping edits at offset …"): `quality: 'low'` is
    // inserted after the model's comma, inside the removal of `, response_format: 'b64_json'`,
    // which takes that comma; the CLI reported an internal error and fixed nothing in the file
    const code = sdk("await client.images.generate({ model: 'gpt-image-1-mini', response_format: 'b64_json' });");
    // what the same call gives with the params in the other order
    expect(fixBothWays(code)).toBe(sdk("await client.images.generate({ model: 'gpt-image-2', quality: 'low' });"));
  });

  it('two neighbouring removed params keep the comment on its own line between them', () => {
    // the two removals are merged into one edit that also deletes `// why we pin the style`;
    // removing `style` alone keeps it
    const code = sdk("await client.images.generate({\n  model: 'gpt-image-1',\n  response_format: 'b64_json',\n  // why we pin the style\n  style: 'vivid'\n});");
    const output = fixBothWays(code);
    expect(output).not.toMatch(/response_format|style:/);
    expect(output).toContain('  // why we pin the style\n');
  });

  it('two neighbouring removed params keep the block comment between them (inline)', () => {
    const code = sdk("await client.images.generate({ model: 'gpt-image-1', input_fidelity: 'high', /* faces */ style: 'vivid' });");
    const output = fixBothWays(code);
    expect(output).not.toMatch(/input_fidelity|style:/);
    expect(output).toContain('/* faces */');
  });
});

describe('property: the incremental re-parse that checks a fix', () => {
  // ts-morph's own TypeScript, which `reparse` runs
  const tsm = tsMorphTs;
  const namedFiles = readdirSync(new URL('../fixtures', import.meta.url), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\/before\b/.test(entry.parentPath) && /\.(?:[cm]?[jt]sx?)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => ({ name: entry.name, text: readFileSync(join(entry.parentPath, entry.name), 'utf8') }));
  const codeFiles = namedFiles.map((file) => file.text);
  // what an edit of a fix puts in or takes out, and the kinds of damage a bad edit could do
  const snippets = ["'gpt-image-2'", ', ', "quality: 'high',", '{', '}', '(', ')', "'", '`', '/*', ',,', '\n', ''];

  it(`reports the first syntax error a full parse reports, or none (${NUM_RUNS} runs)`, () => {
    expect(codeFiles.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(12), fc.constantFrom(...snippets)), { minLength: 1, maxLength: 3 }), (pick, edits) => {
        const before = codeFiles[pick % codeFiles.length];
        let after = before;
        for (const [at, removed, inserted] of edits) {
          const start = Math.floor(at * after.length);
          after = after.slice(0, start) + inserted + after.slice(Math.min(after.length, start + removed));
        }
        const previous = tsm.createSourceFile('/virtual/a.tsx', before, tsm.ScriptTarget.Latest, true, tsm.ScriptKind.TSX);
        const full = tsm.createSourceFile('/virtual/a.tsx', after, tsm.ScriptTarget.Latest, true, tsm.ScriptKind.TSX);
        const incremental = reparse(previous, before, after);
        const first = (file: typeof full) => {
          const [diagnostic] = (file as unknown as { parseDiagnostics: { start: number; code: number }[] }).parseDiagnostics;
          return diagnostic ? { start: diagnostic.start, code: diagnostic.code } : null;
        };
        expect(incremental.text).toBe(after);
        expect(first(incremental)).toEqual(first(full));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it(`oxc's check of a fix refuses exactly what TypeScript's refuses, on the same damage (${NUM_RUNS} runs)`, () => {
    // whether a fixed text parses decides whether fix writes it: both parsers must decide the same
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(12), fc.constantFrom(...snippets)), { minLength: 1, maxLength: 3 }), (pick, edits) => {
        const { name, text: before } = namedFiles[pick % namedFiles.length];
        let after = before;
        for (const [at, removed, inserted] of edits) {
          const start = Math.floor(at * after.length);
          after = after.slice(0, start) + inserted + after.slice(Math.min(after.length, start + removed));
        }
        expect(jsParseProblem(name, after) === null, `${name}:\n${after}`).toBe(parseProblem(name, after) === null);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
