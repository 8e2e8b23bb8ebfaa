/**
 * removalRange and applyEdits: the two text primitives every rewrite goes
 * through. Each row removes the property marked by `target` (its first
 * occurrence) and states the whole expected text, so every byte around the
 * removal is checked.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, keepsTokens, OverlappingEditsError, removalRange, type Edit } from '../src/text/edits.js';
import { jsParseProblem } from '../src/syntax/oxc-parser.js';

interface Row {
  readonly name: string;
  readonly text: string;
  /** The property to remove, e.g. `b: 2` (first occurrence in `text`). */
  readonly target: string;
  readonly expected: string;
}

function remove(text: string, target: string): string {
  const start = text.indexOf(target);
  if (start < 0) throw new Error(`test bug: '${target}' is not in the text`);
  const range = removalRange(text, start, start + target.length);
  return applyEdits(text, [{ ...range, text: '' }]);
}

const crlf = (text: string): string => text.replace(/\n/g, '\r\n');

const rows: readonly Row[] = [
  {
    name: 'own line, LF: the whole line goes',
    text: 'f({\n  a: 1,\n  b: 2,\n  c: 3,\n});\n',
    target: 'b: 2',
    expected: 'f({\n  a: 1,\n  c: 3,\n});\n',
  },
  {
    name: 'own line, CRLF: the whole line goes with its \\r\\n',
    text: crlf('f({\n  a: 1,\n  b: 2,\n  c: 3,\n});\n'),
    target: 'b: 2',
    expected: crlf('f({\n  a: 1,\n  c: 3,\n});\n'),
  },
  {
    name: 'own line with a trailing // comment, LF: the comment goes with the line',
    text: 'f({\n  a: 1,\n  b: 2, // why b\n  c: 3,\n});\n',
    target: 'b: 2',
    expected: 'f({\n  a: 1,\n  c: 3,\n});\n',
  },
  {
    name: 'own line with a trailing // comment, CRLF: no \\r is left behind',
    text: crlf('f({\n  a: 1,\n  b: 2, // why b\n  c: 3,\n});\n'),
    target: 'b: 2',
    expected: crlf('f({\n  a: 1,\n  c: 3,\n});\n'),
  },
  {
    name: 'own line, the last property without a trailing comma',
    text: 'f({\n  a: 1,\n  b: 2\n});\n',
    target: 'b: 2',
    expected: 'f({\n  a: 1,\n});\n',
  },
  {
    name: 'own line, indented with tabs',
    text: 'f({\n\ta: 1,\n\tb: 2,\n\tc: 3,\n});\n',
    target: 'b: 2',
    expected: 'f({\n\ta: 1,\n\tc: 3,\n});\n',
  },
  {
    name: 'inline, a middle property: it, its comma and the blanks after it go',
    text: 'f({ a: 1, b: 2, c: 3 });',
    target: 'b: 2',
    expected: 'f({ a: 1, c: 3 });',
  },
  {
    name: 'inline, the first property',
    text: 'f({ a: 1, b: 2, c: 3 });',
    target: 'a: 1',
    expected: 'f({ b: 2, c: 3 });',
  },
  {
    name: 'inline, the last property: takes the comma before it',
    text: 'f({ a: 1, b: 2 });',
    target: 'b: 2',
    expected: 'f({ a: 1 });',
  },
  {
    name: 'inline, the last property with a trailing comma',
    text: 'f({ a: 1, b: 2, });',
    target: 'b: 2',
    expected: 'f({ a: 1, });',
  },
  {
    name: 'the last property on a line that continues (`a: 1, b: 2,⏎`)',
    text: 'f({\n  a: 1, b: 2,\n  c: 3,\n});\n',
    target: 'b: 2',
    expected: 'f({\n  a: 1,\n  c: 3,\n});\n',
  },
  {
    name: 'the last property on a line that continues, CRLF',
    text: crlf('f({\n  a: 1, b: 2,\n  c: 3,\n});\n'),
    target: 'b: 2',
    expected: crlf('f({\n  a: 1,\n  c: 3,\n});\n'),
  },
  {
    name: 'the only property, on its own line',
    text: 'f({\n  a: 1,\n});\n',
    target: 'a: 1',
    expected: 'f({\n});\n',
  },
  {
    name: 'the last property on its own line, the closing brace after it: the comma before it stays',
    text: 'f({\n  a: 1,\n  b: 2 });\n',
    target: 'b: 2',
    expected: 'f({\n  a: 1,\n});\n',
  },
  {
    name: 'inline last property after a block comment: the comment stays',
    text: 'f({ a: 1 /* why */, b: 2 });',
    target: 'b: 2',
    expected: 'f({ a: 1 /* why */ });',
  },
  {
    name: 'an array element in the middle',
    text: "const xs = ['a', 'b', 'c'];",
    target: "'b'",
    expected: "const xs = ['a', 'c'];",
  },
];

describe('removalRange + applyEdits: removing one property', () => {
  it.each(rows)('$name', ({ text, target, expected }) => {
    expect(remove(text, target)).toBe(expected);
  });

  it('the only property, inline: leaves an empty object, and nothing outside the braces changes', () => {
    const out = remove('f({ a: 1 });', 'a: 1');
    expect(out).toMatch(/^f\(\{ *\}\);$/);
  });

  it('the last inline property after a line whose // comment ends in a comma: the code around it survives', () => {
    // Regression: removalRange used to search backwards over comments for the
    // comma before the last item; a `//` comment after a quoted value was not
    // recognised, the comma ending the comment's text was taken for the
    // separator and the line break went with it, leaving
    // `f({\n  a: 'x', // one, two });` (the `});` inside the comment).
    const out = remove("f({\n  a: 'x', // one, two,\n  b: 2 });\n", 'b: 2');
    const code = out.replace(/\/\/[^\n]*/g, '').replace(/\s+/g, '');
    expect(code).toMatch(/^f\(\{a:'x',?\}\);$/);
  });

  it('never leaves a lone \\r or \\n in a CRLF text', () => {
    for (const row of rows.filter((r) => r.text.includes('\r\n'))) {
      const out = remove(row.text, row.target);
      expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
  });
});

describe('applyEdits', () => {
  const cases: readonly { name: string; text: string; edits: Edit[]; expected: string }[] = [
    { name: 'no edits: the same text', text: 'abcdef', edits: [], expected: 'abcdef' },
    { name: 'one replacement', text: 'abcdef', edits: [{ start: 1, end: 3, text: 'XY' }], expected: 'aXYdef' },
    {
      name: 'edits in any order are applied by position',
      text: 'abcdef',
      edits: [
        { start: 4, end: 5, text: '4' },
        { start: 0, end: 1, text: '0' },
      ],
      expected: '0bcd4f',
    },
    { name: 'an insertion (empty range)', text: 'abc', edits: [{ start: 3, end: 3, text: 'd' }], expected: 'abcd' },
    { name: 'a deletion', text: 'abcdef', edits: [{ start: 2, end: 4, text: '' }], expected: 'abef' },
    {
      name: 'adjacent edits (one ends where the next starts) are not an overlap',
      text: 'abcdef',
      edits: [
        { start: 0, end: 2, text: 'X' },
        { start: 2, end: 4, text: 'Y' },
      ],
      expected: 'XYef',
    },
  ];

  it.each(cases)('$name', ({ text, edits, expected }) => {
    expect(applyEdits(text, edits)).toBe(expected);
  });

  it.each([
    {
      name: 'partly overlapping',
      edits: [
        { start: 0, end: 3, text: 'X' },
        { start: 2, end: 5, text: 'Y' },
      ],
    },
    {
      name: 'one inside the other',
      edits: [
        { start: 0, end: 6, text: 'X' },
        { start: 2, end: 3, text: 'Y' },
      ],
    },
    {
      name: 'the same range twice',
      edits: [
        { start: 1, end: 2, text: 'X' },
        { start: 1, end: 2, text: 'Y' },
      ],
    },
    {
      name: 'overlapping, given in reverse order',
      edits: [
        { start: 2, end: 5, text: 'Y' },
        { start: 0, end: 3, text: 'X' },
      ],
    },
  ])('throws on overlapping edits: $name', ({ edits }) => {
    expect(() => applyEdits('abcdef', edits)).toThrow(OverlappingEditsError);
  });

  it('does not modify the edits array it is given', () => {
    const edits = [
      { start: 4, end: 5, text: '4' },
      { start: 0, end: 1, text: '0' },
    ];
    const copy = JSON.parse(JSON.stringify(edits));
    applyEdits('abcdef', edits);
    expect(edits).toEqual(copy);
  });
});

describe('keepsTokens: the edits after which a parsing text needs no second parse', () => {
  /** The edit that writes `to` over the first `from` in `text`. */
  const at = (text: string, from: string, to: string): Edit => {
    const start = text.indexOf(from);
    if (start < 0) throw new Error(`test bug: '${from}' is not in the text`);
    return { start, end: start + from.length, text: to };
  };

  // each text parses; the id is replaced inside whatever its quotes are in
  const safe: readonly { name: string; text: string; to: string }[] = [
    { name: "a '…' string", text: "f({ model: 'gpt-image-1' });", to: 'gpt-image-2' },
    { name: 'a "…" string, to a path-like id', text: 'f({ model: "gpt-image-1" });', to: 'openai/gpt-image-2' },
    { name: 'quotes in a line comment', text: "// uses 'gpt-image-1'\nf();", to: 'gpt-image-2' },
    { name: 'quotes in a block comment', text: "/* 'gpt-image-1' */ f();", to: 'a/b' },
    { name: 'quotes in a template literal', text: "const s = `a 'gpt-image-1' ${x} b`;", to: 'gpt-image-2' },
    { name: 'quotes in a regular expression', text: "const r = /'gpt-image-1'/;", to: 'gpt-image-2' },
    { name: 'quotes in JSX text', text: "const e = <p>'gpt-image-1'</p>;", to: 'gpt-image-2' },
  ];
  for (const { name, text, to } of safe) {
    it(`accepts a rename inside ${name}, and the text still parses`, () => {
      const edit = at(text, 'gpt-image-1', to);
      expect(keepsTokens(text, [edit])).toBe(true);
      expect(jsParseProblem('a.tsx', text)).toBeNull();
      expect(jsParseProblem('a.tsx', applyEdits(text, [edit]))).toBeNull();
    });
  }

  const text = "f({ model: 'gpt-image-1', size: `1024x1024` });";
  const unsafe: readonly { name: string; edit: Edit }[] = [
    { name: 'a quote in the new text', edit: at(text, 'gpt-image-1', "gpt-image-2'") },
    { name: 'a backslash in the new text', edit: at(text, 'gpt-image-1', 'gpt\\image') },
    { name: 'a line break in the new text', edit: at(text, 'gpt-image-1', 'gpt\nimage') },
    { name: 'a ${ in the new text', edit: at(text, 'gpt-image-1', '${x}') },
    { name: 'a `*` in the new text (with a `/`, the end of a block comment)', edit: at(text, 'gpt-image-1', '*/') },
    { name: 'a rename inside backticks (a template may hold substitutions)', edit: at(text, '1024x1024', '1536x1024') },
    { name: 'an edit across the closing quote', edit: at(text, "gpt-image-1'", 'gpt-image-2') },
    { name: 'an edit that replaces text with spaces or punctuation', edit: at(text, "model: 'gpt-image-1', ", '') },
    { name: 'an insertion outside any quotes', edit: { start: text.indexOf(' }'), end: text.indexOf(' }'), text: ", quality: 'low'" } },
  ];
  for (const { name, edit } of unsafe) {
    it(`refuses ${name}`, () => {
      expect(keepsTokens(text, [edit])).toBe(false);
    });
  }

  it('refuses a set of edits when any one of them is unsafe, and accepts none', () => {
    const rename = at(text, 'gpt-image-1', 'gpt-image-2');
    expect(keepsTokens(text, [rename])).toBe(true);
    expect(keepsTokens(text, [rename, unsafe[0].edit])).toBe(false);
    expect(keepsTokens(text, [])).toBe(true);
  });

  it('refuses mismatched quotes around the edit', () => {
    const mixed = "f('gpt-image-1\", 'x');";
    expect(keepsTokens(mixed, [at(mixed, 'gpt-image-1', 'gpt-image-2')])).toBe(false);
  });
});
