/**
 * The ESLint rules under ESLint's own RuleTester (flat config), with
 * @typescript-eslint/parser for TS and espree for JS: exact messages,
 * autofix output and suggestions.
 */
import tsParser from '@typescript-eslint/parser';
import { describe, it } from 'vitest';
import plugin from '../rules/index.js';
import { RuleTester } from './support/rule-tester.js';

const settings = { 'gpt-image-migrate': { now: '2026-11-21' } };
const ts = new RuleTester({ languageOptions: { parser: tsParser }, settings });
const js = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: 'module' }, settings });

const GONE = "'gpt-image-1' shut down on 2026-10-23 (29 days ago): these calls fail today.";
/** A snippet whose client is the OpenAI SDK's: only a known provider's request is ever rewritten. */
const sdk = (body: string) => `import OpenAI from 'openai';\nconst client = new OpenAI();\n${body}`;

ts.run('no-retired-model', plugin.rules['no-retired-model'], {
  valid: [
    "await client.images.generate({ model: 'gpt-image-2', prompt });",
    "const flag = 'gpt-image-1.restyle';",
    "const url = 'https://cdn.example.com/v1/gpt-image-1/x.png';",
    "const next = 'gpt-image-2.5-flare';",
    'await sharp(input).jpeg({ quality: 80 });',
  ],
  invalid: [
    {
      code: sdk("await client.images.generate({ model: 'gpt-image-1', prompt });"),
      output: sdk("await client.images.generate({ model: 'gpt-image-2', prompt });"),
      errors: [
        {
          message: `${GONE} The model of client.images.generate() ('OpenAI' comes from 'openai'): Rewrites it to 'gpt-image-2'.`,
          line: 3,
          column: 39,
          endColumn: 52,
        },
      ],
    },
    {
      name: 'the same call on a client the file cannot trace is reported with the reason and a suggestion, never fixed',
      code: "await client.images.generate({ model: 'gpt-image-1', prompt });",
      output: null,
      errors: [
        {
          message: `${GONE} Not rewritten: the model of client.images.generate(), but 'client' is not traced to a client of a known provider (no import of OpenAI's SDK or a provider package in this file); if the request goes to OpenAI, use 'gpt-image-2'.`,
          suggestions: [{ desc: "Replace with 'gpt-image-2'", output: "await client.images.generate({ model: 'gpt-image-2', prompt });" }],
        },
      ],
    },
    {
      name: 'a retiring id warns with its date (the message names it)',
      code: "const IMAGE_MODEL = 'gpt-image-1-mini';",
      output: null,
      errors: [
        {
          message: /^'gpt-image-1-mini' shuts down on 2026-12-01 \(in 10 days\)\. Not rewritten: the model setting 'IMAGE_MODEL' is not seen reaching a request/,
          suggestions: [{ desc: "Replace with 'gpt-image-2'", output: "const IMAGE_MODEL = 'gpt-image-2';" }],
        },
      ],
    },
    {
      name: 'a startsWith gate is manual: no autofix, a suggestion for every gpt-image model',
      code: "if (model.startsWith('gpt-image-1')) delete params.response_format;",
      output: null,
      errors: [
        {
          message: /Not rewritten: it is a \.startsWith\(\) check/,
          suggestions: [
            {
              desc: "Match every gpt-image model ('gpt-image-')",
              output: "if (model.startsWith('gpt-image-')) delete params.response_format;",
            },
          ],
        },
      ],
    },
    {
      name: 'a price table key is reported, never renamed',
      code: "const PRICES: Record<string, number> = { 'gpt-image-1': 0.042 };",
      output: null,
      errors: [{ message: /it is a data key/, suggestions: [] }],
    },
    {
      name: 'date from the rule option overrides settings',
      code: "const IMAGE_MODEL = 'gpt-image-1-mini';",
      options: [{ now: '2026-12-02' }],
      output: null,
      errors: [{ message: /^'gpt-image-1-mini' shut down on 2026-12-01 \(1 day ago\)/, suggestions: [{ desc: "Replace with 'gpt-image-2'", output: "const IMAGE_MODEL = 'gpt-image-2';" }] }],
    },
  ],
});

ts.run('no-legacy-quality', plugin.rules['no-legacy-quality'], {
  valid: [
    "await client.images.generate({ model: 'gpt-image-2', prompt, quality: 'high' });",
    "const opts = { quality: '720p' };",
  ],
  invalid: [
    {
      code: "await fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify({ model: 'openai/gpt-image-2', input: { prompt, quality: 'medium' } }) });",
      output:
        "await fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify({ model: 'openai/gpt-image-2', input: { prompt, resolution: '2k' } }) });",
      errors: [{ message: /has no 'quality': it takes 'resolution' \(1k, 2k, 4k\)\. Rewrites quality 'medium' to resolution '2k'/ }],
    },
    {
      code: sdk("await client.images.generate({ model: 'gpt-image-2', prompt, quality: 'hd' });"),
      output: sdk("await client.images.generate({ model: 'gpt-image-2', prompt, quality: 'high' });"),
      errors: [{ message: "quality 'hd' is a dall-e value that 'gpt-image-2' rejects. Rewrites it to 'high'." }],
    },
  ],
});

js.run('valid-params (JavaScript, espree)', plugin.rules['valid-params'], {
  valid: ["await client.images.generate({ model: 'gpt-image-2', prompt, size: '1536x1024' });"],
  invalid: [
    {
      code: sdk("await client.images.edit({\n  model: 'gpt-image-2',\n  image,\n  input_fidelity: 'high',\n  prompt,\n});"),
      output: sdk("await client.images.edit({\n  model: 'gpt-image-2',\n  image,\n  prompt,\n});"),
      errors: [{ message: /^'input_fidelity' is not accepted by 'gpt-image-2'/, line: 6 }],
    },
    {
      code: sdk("await client.images.generate({ model: 'gpt-image-2', prompt, background: 'transparent' });"),
      output: null,
      errors: [{ message: /background 'transparent' with 'gpt-image-2'.*Not rewritten/ }],
    },
  ],
});
