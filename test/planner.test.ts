/**
 * The planner, table-driven: each case is a snippet, the findings it must
 * give (rule, fix, role, severity) and the text `fix` must produce. Every case runs
 * through both adapters, which must agree exactly.
 */
import { describe, expect, it } from 'vitest';
import { comparable, planWithEstree, planWithTsMorph } from './support/plan.js';

interface Case {
  name: string;
  code: string;
  /** `rule fix role severity`, in source order (severity: the date, the file's role, the kind of mention). */
  findings: string[];
  /** Expected fixed text; omitted = unchanged. */
  output?: string;
  options?: { tierMap?: string; target?: string; now?: string; azureDeploymentMap?: string };
  /** The file's name, which says what it is (a test, recorded data); default `input.ts`. */
  file?: string;
}

/** A read of the result as base64: a dall-e request is fixed only in a file that shows it handles b64_json (gpt-image models return nothing else). */
const READS_B64 = '\nsave(result.data[0].b64_json);';

const sdk = (body: string) => `import OpenAI from 'openai';\nconst client = new OpenAI();\n${body}\n`;

const cases: Case[] = [
  {
    name: 'SDK generate: model renamed, quotes kept',
    code: sdk(`await client.images.generate({ model: "gpt-image-1", prompt: 'a cat' });`),
    findings: ['no-retired-model auto api-argument error'],
    output: sdk(`await client.images.generate({ model: "gpt-image-2", prompt: 'a cat' });`),
  },
  {
    name: 'SDK edit: input_fidelity removed on its own line, with its comment',
    code: sdk(`await client.images.edit({\n  model: 'gpt-image-1',\n  image,\n  prompt,\n  input_fidelity: 'high', // keep faces\n});`),
    findings: ['no-retired-model auto api-argument error', 'valid-params auto param error'],
    output: sdk(`await client.images.edit({\n  model: 'gpt-image-2',\n  image,\n  prompt,\n});`),
  },
  {
    name: 'dall-e-3 leftovers: hd → high, style and response_format removed inline',
    code: sdk(`const result = await client.images.generate({ model: 'dall-e-3', prompt, quality: 'hd', style: 'natural', response_format: 'url' });${READS_B64}`),
    findings: ['no-retired-model auto api-argument error', 'no-legacy-quality auto param error', 'valid-params auto param error', 'valid-params auto param error'],
    output: sdk(`const result = await client.images.generate({ model: 'gpt-image-2', prompt, quality: 'high' });${READS_B64}`),
  },
  {
    name: 'dall-e-2 sizes become 1024x1024, standard becomes medium',
    code: sdk(`const result = await client.images.generate({ model: 'dall-e-2', prompt, size: '256x256', quality: 'standard' });${READS_B64}`),
    findings: ['no-retired-model auto api-argument error', 'valid-params auto param error', 'no-legacy-quality auto param error'],
    output: sdk(`const result = await client.images.generate({ model: 'gpt-image-2', prompt, size: '1024x1024', quality: 'medium' });${READS_B64}`),
  },
  {
    name: 'adjacent removals keep the comments between them (own line and inline)',
    code: sdk(`await client.images.generate({\n  model: 'gpt-image-1',\n  response_format: 'url', // old\n  // keep the look\n  style: 'vivid',\n  prompt,\n});\nawait client.images.edit({ model: 'gpt-image-1', image, input_fidelity: 'high', /* faces */ style: 'vivid' });`),
    findings: ['no-retired-model auto api-argument error', 'valid-params auto param error', 'valid-params auto param error', 'no-retired-model auto api-argument error', 'valid-params auto param error', 'valid-params auto param error'],
    output: sdk(`await client.images.generate({\n  model: 'gpt-image-2',\n  // keep the look\n  prompt,\n});\nawait client.images.edit({ model: 'gpt-image-2', image /* faces */ });`),
  },
  {
    name: "gpt-image-1-mini: quality 'low' inserted while the next param is removed",
    code: sdk(`await client.images.generate({ model: 'gpt-image-1-mini', response_format: 'b64_json' });`),
    findings: ['no-retired-model auto param warning', 'no-retired-model auto api-argument warning', 'valid-params auto param warning'],
    output: sdk(`await client.images.generate({ model: 'gpt-image-2', quality: 'low' });`),
  },
  {
    name: "background 'transparent' is reported, never dropped",
    code: sdk(`await client.images.generate({ model: 'gpt-image-1', prompt, background: 'transparent' });`),
    findings: ['no-retired-model auto api-argument error', 'valid-params manual param warning'],
    output: sdk(`await client.images.generate({ model: 'gpt-image-2', prompt, background: 'transparent' });`),
  },
  {
    name: 'OpenAI quality stays on OpenAI surfaces',
    code: sdk(`await client.images.generate({ model: 'gpt-image-1', prompt, quality: 'high', size: '1536x1024' });`),
    findings: ['no-retired-model auto api-argument error'],
    output: sdk(`await client.images.generate({ model: 'gpt-image-2', prompt, quality: 'high', size: '1536x1024' });`),
  },
  {
    name: 'params object built first, model from an env default',
    code: sdk(
      `const MODEL = process.env.IMAGE_MODEL ?? 'gpt-image-1';\nconst params = { model: MODEL, prompt, response_format: 'b64_json' as const };\nawait client.images.generate(params);`,
    ),
    findings: ['no-retired-model auto api-argument error', 'valid-params auto param error'],
    output: sdk(`const MODEL = process.env.IMAGE_MODEL ?? 'gpt-image-2';\nconst params = { model: MODEL, prompt };\nawait client.images.generate(params);`),
  },
  {
    name: 'raw fetch to the images endpoint',
    code: `await fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ model: 'gpt-image-1', prompt, response_format: 'b64_json' }) });\n`,
    findings: ['no-retired-model auto api-argument error', 'valid-params auto param error'],
    output: `await fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ model: 'gpt-image-2', prompt }) });\n`,
  },
  {
    name: 'fetch URL from a base constant and a template',
    code: `const BASE = 'https://api.openai.com/v1';\nconst body = { model: 'gpt-image-1', prompt, style: 'vivid' };\nawait fetch(\`\${BASE}/images/generations\`, { method: 'POST', body: JSON.stringify(body) });\n`,
    findings: ['no-retired-model auto api-argument error', 'valid-params auto param error'],
    output: `const BASE = 'https://api.openai.com/v1';\nconst body = { model: 'gpt-image-2', prompt };\nawait fetch(\`\${BASE}/images/generations\`, { method: 'POST', body: JSON.stringify(body) });\n`,
  },
  {
    name: 'Unifically task: quality → resolution (lower case), size → aspect_ratio',
    code: `await fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify({ model: 'openai/gpt-image-1', input: { prompt, quality: "high", size: '1024x1536' } }) });\n`,
    findings: ['no-retired-model auto api-argument error', 'no-legacy-quality auto param error', 'valid-params auto param error'],
    output: `await fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify({ model: 'openai/gpt-image-2', input: { prompt, resolution: "4k", aspect_ratio: '2:3' } }) });\n`,
  },
  {
    name: 'Unifically: a user tier map',
    options: { tierMap: 'low=1k,medium=1k,high=2k' },
    code: `const task = { model: 'openai/gpt-image-1', input: { prompt, quality: 'high' } };\nawait fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify(task) });\n`,
    findings: ['no-retired-model auto api-argument error', 'no-legacy-quality auto param error'],
    output: `const task = { model: 'openai/gpt-image-2', input: { prompt, resolution: '2k' } };\nawait fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify(task) });\n`,
  },
  {
    name: 'Unifically: a quality that is not static is left in place with a marker, once',
    code: `await fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify({ model: 'openai/gpt-image-2', input: { prompt, quality: opts.quality } }) });\n`,
    findings: ['no-legacy-quality manual param error'],
    output: `await fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify({ model: 'openai/gpt-image-2', input: { prompt, /* gpt-image-migrate: set resolution ('1k' | '2k' | '4k') instead of quality */ quality: opts.quality } }) });\n`,
  },
  {
    name: 'Unifically: n > 1 is reported, size auto is dropped',
    code: `const unifically = createClient('https://api.unifically.com');\nawait unifically.post({ model: 'openai/gpt-image-1', input: { prompt, size: 'auto', n: 4 } });\n`,
    findings: ['no-retired-model auto api-argument error', 'valid-params auto param error', 'valid-params manual param warning'],
    output: `const unifically = createClient('https://api.unifically.com');\nawait unifically.post({ model: 'openai/gpt-image-2', input: { prompt, n: 4 } });\n`,
  },
  {
    name: 'an OpenAI-shaped gateway keeps quality',
    code: `import OpenAI from 'openai';\nconst gateway = new OpenAI({ baseURL: 'https://ai-gateway.vercel.sh/v1' });\nawait gateway.images.generate({ model: 'openai/gpt-image-1', prompt, quality: 'low' });\n`,
    findings: ['no-retired-model auto api-argument error'],
    output: `import OpenAI from 'openai';\nconst gateway = new OpenAI({ baseURL: 'https://ai-gateway.vercel.sh/v1' });\nawait gateway.images.generate({ model: 'openai/gpt-image-2', prompt, quality: 'low' });\n`,
  },
  {
    name: 'a call of an unknown client is reported, never edited (shape alone is no evidence)',
    code: `await gateway.generate({ model: 'openai/gpt-image-1', prompt, quality: 'low' });\nawait images.generate({ model: 'dall-e-3', prompt, style: 'vivid' });\n`,
    findings: ['no-retired-model manual api-argument error', 'no-retired-model manual api-argument error'],
  },
  {
    name: 'an OpenAI client pointed at another vendor or an unknown host is not OpenAI',
    code: `import OpenAI from 'openai';\nconst xai = new OpenAI({ baseURL: 'https://api.x.ai/v1' });\nconst proxy = new OpenAI({ baseURL: 'https://llm-proxy.internal.example/v1' });\nawait xai.images.generate({ model: 'dall-e-3', prompt });\nawait proxy.images.generate({ model: 'gpt-image-1', prompt, response_format: 'b64_json' });\n`,
    findings: ['no-retired-model manual api-argument error', 'no-retired-model manual api-argument error'],
  },
  {
    name: 'startsWith gate: manual, never rewritten',
    code: `if (model.startsWith('gpt-image-1')) delete params.response_format;\n`,
    findings: ['no-retired-model manual comparison error'],
  },
  {
    name: 'equality and switch: manual',
    code: `if (model === 'gpt-image-1') x();\nswitch (m) { case "dall-e-3": break; }\n`,
    findings: ['no-retired-model manual comparison error', 'no-retired-model manual comparison error'],
  },
  {
    name: 'a constant only compared: manual',
    code: `const LEGACY = 'gpt-image-1';\nexport const isLegacy = (m: string) => m === LEGACY;\n`,
    findings: ['no-retired-model manual comparison error'],
  },
  {
    name: 'regex gate: manual; a regex for gpt-image-1.5 is not gpt-image-1',
    code: `const a = /^gpt-image-1$/.test(m);\nconst b = /gpt-image-1\\.5/.test(m);\n`,
    findings: ['no-retired-model manual comparison error', 'no-retired-model manual comparison warning'],
  },
  {
    name: 'regexes name gateway and retiring spellings too (the pattern comes from the catalog)',
    code: `const a = /^openai\\/gpt-image-1$/.test(m);\nconst b = /^chatgpt-image-latest/.test(m);\n`,
    findings: ['no-retired-model manual comparison error', 'no-retired-model manual comparison warning'],
  },
  {
    name: 'pricing table keys, stored-value enums and types: manual',
    code: `type M = 'gpt-image-1' | 'gpt-image-2';\nconst PRICE: Record<string, number> = { 'gpt-image-1': 0.042, 'gpt-image-2': 0.053 };\nconst Stored = z.enum(['dall-e-3', 'gpt-image-1']);\n`,
    findings: ['no-retired-model manual type info', 'no-retired-model manual data-key error', 'no-retired-model manual stored-value error', 'no-retired-model manual stored-value error'],
  },
  {
    name: 'records of past usage are data, not settings',
    code: `const history = [{ model: 'gpt-image-1', cost: 0.04 }];\n`,
    findings: ['no-retired-model manual stored-value error'],
  },
  {
    name: 'model settings not seen reaching a request are reported with a suggestion, not rewritten',
    code: `export const IMAGE_MODEL = 'gpt-image-1';\nexport const config = { imageModel: 'dall-e-3' };\nexport function make({ model = 'gpt-image-1-mini' } = {}) { return model; }\nconst model = params.model || 'gpt-image-1';\nconst price = PRICES[model];\n`,
    findings: ['no-retired-model manual setting error', 'no-retired-model manual setting error', 'no-retired-model manual setting warning', 'no-retired-model manual setting error'],
  },
  {
    name: 'a destructuring default that reaches a request is its model',
    code: sdk(`export async function make({ model = 'gpt-image-1-mini', prompt }: { model?: string; prompt: string }) {\n  return client.images.generate({ model, prompt });\n}`),
    findings: ['no-retired-model auto api-argument warning', 'no-retired-model auto param warning'],
    output: sdk(`export async function make({ model = 'gpt-image-2', prompt }: { model?: string; prompt: string }) {\n  return client.images.generate({ model, quality: 'low', prompt });\n}`),
  },
  {
    name: 'the retiring ids are their own ids: gpt-image-1.5 → gpt-image-2, never gpt-image-2.5',
    code: sdk(`await client.images.generate({ model: 'gpt-image-1.5', prompt });\nawait client.images.generate({ model: 'chatgpt-image-latest', prompt });`),
    findings: ['no-retired-model auto api-argument warning', 'no-retired-model auto api-argument warning'],
    output: sdk(`await client.images.generate({ model: 'gpt-image-2', prompt });\nawait client.images.generate({ model: 'gpt-image-2', prompt });`),
  },
  {
    name: '--target picks the pinned snapshot',
    options: { target: 'gpt-image-2-2026-04-21' },
    code: sdk(`await client.images.generate({ model: 'gpt-image-1', prompt });`),
    findings: ['no-retired-model auto api-argument error'],
    output: sdk(`await client.images.generate({ model: 'gpt-image-2-2026-04-21', prompt });`),
  },
  {
    name: "gpt-image-1-mini gains quality 'low' when the call sets none (inline)",
    code: sdk(`await client.images.generate({ model: "gpt-image-1-mini", prompt });`),
    findings: ['no-retired-model auto param warning', 'no-retired-model auto api-argument warning'],
    output: sdk(`await client.images.generate({ model: "gpt-image-2", quality: "low", prompt });`),
  },
  {
    name: "gpt-image-1-mini gains quality 'low' on its own line, after a trailing comment",
    code: sdk(`await client.images.generate({\n  model: 'gpt-image-1-mini', // cheap drafts\n  prompt,\n});`),
    findings: ['no-retired-model auto param warning', 'no-retired-model auto api-argument warning'],
    output: sdk(`await client.images.generate({\n  model: 'gpt-image-2', // cheap drafts\n  quality: 'low',\n  prompt,\n});`),
  },
  {
    name: 'gpt-image-1-mini keeps a quality it sets, and nothing is added past a spread',
    code: sdk(`await client.images.generate({ model: 'gpt-image-1-mini', prompt, quality: 'high' });\nawait client.images.generate({ ...defaults, model: 'gpt-image-1-mini', prompt });`),
    findings: ['no-retired-model auto api-argument warning', 'no-retired-model auto api-argument warning'],
    output: sdk(`await client.images.generate({ model: 'gpt-image-2', prompt, quality: 'high' });\nawait client.images.generate({ ...defaults, model: 'gpt-image-2', prompt });`),
  },
  {
    name: 'Responses tool without a model: model inserted after type (inline)',
    code: sdk(`await client.responses.create({ model: 'gpt-5', input, tools: [{ type: 'image_generation', quality: 'high' }] });`),
    findings: ['no-retired-model auto api-argument error'],
    output: sdk(`await client.responses.create({ model: 'gpt-5', input, tools: [{ type: 'image_generation', model: 'gpt-image-2', quality: 'high' }] });`),
  },
  {
    name: 'Responses tool without a model: model inserted on its own line (tools built first)',
    code: sdk(`const tools = [\n  {\n    type: "image_generation",\n    size: "1024x1024",\n  },\n];\nawait client.responses.create({ model: 'gpt-5', input, tools });`),
    findings: ['no-retired-model auto api-argument error'],
    output: sdk(`const tools = [\n  {\n    type: "image_generation",\n    model: "gpt-image-2",\n    size: "1024x1024",\n  },\n];\nawait client.responses.create({ model: 'gpt-5', input, tools });`),
  },
  {
    name: 'Responses tool naming a retiring model',
    code: sdk(`const tool = { type: 'image_generation', model: 'gpt-image-1.5', size: '1536x1024' };\nawait client.responses.create({ model: 'gpt-5', input, tools: [tool] });`),
    findings: ['no-retired-model auto api-argument warning'],
    output: sdk(`const tool = { type: 'image_generation', model: 'gpt-image-2', size: '1536x1024' };\nawait client.responses.create({ model: 'gpt-5', input, tools: [tool] });`),
  },
  {
    name: 'image_generation objects outside an OpenAI request: tool_choice, allowed_tools, another vendor, recorded data',
    code: sdk(
      `await client.responses.create({ model: 'gpt-5', input, tools: [{ type: 'image_generation' }], tool_choice: { type: 'image_generation' } });\nconst choice = { type: 'allowed_tools', tools: [{ type: 'image_generation' }] };\nxaiTools.push({ type: 'image_generation', action: args.action });\nconst recorded = { type: 'image_generation', model: 'gpt-image-1', background: 'auto' };`,
    ),
    findings: ['no-retired-model auto api-argument error', 'no-retired-model manual api-argument error'],
    output: sdk(
      `await client.responses.create({ model: 'gpt-5', input, tools: [{ type: 'image_generation', model: 'gpt-image-2' }], tool_choice: { type: 'image_generation' } });\nconst choice = { type: 'allowed_tools', tools: [{ type: 'image_generation' }] };\nxaiTools.push({ type: 'image_generation', action: args.action });\nconst recorded = { type: 'image_generation', model: 'gpt-image-1', background: 'auto' };`,
    ),
  },
  {
    name: "tool factories: the AI SDK's openai.tools gets a model, xAI's does not, Azure's is reported (its deployment decides)",
    code: `import { openai } from '@ai-sdk/openai';\nimport { xai } from '@ai-sdk/xai';\nimport { azure } from '@ai-sdk/azure';\nconst tools = {\n  a: openai.tools.imageGeneration({ quality: 'low' }),\n  b: xai.tools.imageGeneration({ action: 'generate' }),\n  c: azure.tools.imageGeneration({ quality: 'low' }),\n};\n`,
    findings: ['no-retired-model auto api-argument error', 'no-retired-model manual deployment warning'],
    output: `import { openai } from '@ai-sdk/openai';\nimport { xai } from '@ai-sdk/xai';\nimport { azure } from '@ai-sdk/azure';\nconst tools = {\n  a: openai.tools.imageGeneration({ model: 'gpt-image-2', quality: 'low' }),\n  b: xai.tools.imageGeneration({ action: 'generate' }),\n  c: azure.tools.imageGeneration({ quality: 'low' }),\n};\n`,
  },
  {
    name: "a tool factory called with no options uses the dead default: a plain () gets a model in the file's quotes, other shapes are reported",
    code: `import { Agent, imageGenerationTool } from "@openai/agents";\nexport const agent = new Agent({ name: 'a', tools: [imageGenerationTool()] });\nexport const empty = imageGenerationTool({});\nexport const noted = imageGenerationTool(/* the default */);\n`,
    findings: ['no-retired-model auto api-argument error', 'no-retired-model auto api-argument error', 'no-retired-model manual api-argument error'],
    output: `import { Agent, imageGenerationTool } from "@openai/agents";\nexport const agent = new Agent({ name: 'a', tools: [imageGenerationTool({ model: "gpt-image-2" })] });\nexport const empty = imageGenerationTool({ model: "gpt-image-2" });\nexport const noted = imageGenerationTool(/* the default */);\n`,
  },
  {
    name: "tool factories with no options: the AI SDK's openai.tools gets a model, xAI's does not, Azure's is reported (its deployment decides)",
    code: `import { openai } from '@ai-sdk/openai';\nimport { xai } from '@ai-sdk/xai';\nimport { azure } from '@ai-sdk/azure';\nconst tools = { a: openai.tools.imageGeneration(), b: xai.tools.imageGeneration(), c: azure.tools.imageGeneration() };\n`,
    findings: ['no-retired-model auto api-argument error', 'no-retired-model manual deployment warning'],
    output: `import { openai } from '@ai-sdk/openai';\nimport { xai } from '@ai-sdk/xai';\nimport { azure } from '@ai-sdk/azure';\nconst tools = { a: openai.tools.imageGeneration({ model: 'gpt-image-2' }), b: xai.tools.imageGeneration(), c: azure.tools.imageGeneration() };\n`,
  },
  {
    name: 'a tool factory with no options in a test file is reported, not edited',
    file: 'test/agent.test.ts',
    code: `import { Agent, imageGenerationTool } from '@openai/agents';\nconst agent = new Agent({ name: 'a', tools: [imageGenerationTool()] });\n`,
    findings: ['no-retired-model manual api-argument warning'],
  },
  {
    name: 'images.createVariation is not migratable: reported with or without a model, never rewritten',
    code: sdk(`await client.images.createVariation({ model: 'dall-e-2', image, n: 2 });\nawait client.images.createVariation({ image });`),
    findings: ['no-retired-model manual not-migratable error', 'no-retired-model manual not-migratable error'],
  },
  {
    name: 'images.generate and images.edit without a model: model inserted first',
    code: sdk(`const result = await client.images.generate({ prompt, size: '512x512' });\nconst edited = await client.images.edit({\n  image,\n  prompt,\n});${READS_B64}\nsave(edited.data[0].b64_json);`),
    findings: ['no-retired-model auto api-argument error', 'valid-params auto param error', 'no-retired-model auto api-argument warning'],
    output: sdk(`const result = await client.images.generate({ model: 'gpt-image-2', prompt, size: '1024x1024' });\nconst edited = await client.images.edit({\n  model: 'gpt-image-2',\n  image,\n  prompt,\n});${READS_B64}\nsave(edited.data[0].b64_json);`),
  },
  {
    name: 'a spread may hold the model: reported, not inserted',
    code: sdk(`await client.images.generate({ ...defaults, prompt });`),
    // not an error of its own: the spread may well name a model (a public cookbook's `**kw` did)
    findings: ['no-retired-model manual api-argument warning'],
  },
  {
    name: 'Azure: deployment names are reported, never renamed, and their params left alone (a dall-e param, reported for the gpt-image-2 deployment to come)',
    code: `import { AzureOpenAI } from 'openai';\nconst client = new AzureOpenAI({ endpoint, apiVersion, deployment: 'gpt-image-1' });\nawait client.images.generate({ model: 'gpt-image-1', prompt, response_format: 'b64_json' });\nawait fetch('https://contoso.openai.azure.com/openai/deployments/gpt-image-1/images/generations?api-version=2025-04-01-preview', { method: 'POST', body });\n`,
    findings: ['no-retired-model manual deployment error', 'no-retired-model manual deployment error', 'valid-params manual param warning', 'no-retired-model manual deployment error'],
  },
  {
    name: 'Azure: --azure-deployment-map renames the deployments it names',
    options: { azureDeploymentMap: 'gpt-image-1=images-v2' },
    code: `import { AzureOpenAI } from 'openai';\nconst client = new AzureOpenAI({ endpoint, apiVersion, deployment: 'gpt-image-1' });\n`,
    findings: ['no-retired-model auto deployment error'],
    output: `import { AzureOpenAI } from 'openai';\nconst client = new AzureOpenAI({ endpoint, apiVersion, deployment: 'images-v2' });\n`,
  },
  {
    name: "@ai-sdk/azure: azure.image() names a deployment, reported and never renamed, also beside generateImage from 'ai'",
    code: `import { azure, createAzure } from '@ai-sdk/azure';\nimport { generateImage } from 'ai';\nconst mine = createAzure({ resourceName: 'contoso' });\nawait generateImage({ model: azure.image('gpt-image-1'), prompt });\nawait generateImage({ model: mine.imageModel('gpt-image-1-mini'), prompt, providerOptions: { openai: { style: 'vivid' } } });\nconst model = azure.image('dall-e-3');\nawait generateImage({ model, prompt });\n`,
    findings: ['no-retired-model manual deployment error', 'no-retired-model manual deployment warning', 'no-retired-model manual deployment error'],
  },
  {
    name: '@ai-sdk/azure: --azure-deployment-map renames only the deployments it names',
    options: { azureDeploymentMap: 'gpt-image-1=images-v2' },
    code: `import { azure } from '@ai-sdk/azure';\nimport { generateImage } from 'ai';\nawait generateImage({ model: azure.image('gpt-image-1'), prompt });\nawait generateImage({ model: azure.image('dall-e-3'), prompt });\n`,
    findings: ['no-retired-model auto deployment error', 'no-retired-model manual deployment error'],
    output: `import { azure } from '@ai-sdk/azure';\nimport { generateImage } from 'ai';\nawait generateImage({ model: azure.image('images-v2'), prompt });\nawait generateImage({ model: azure.image('dall-e-3'), prompt });\n`,
  },
  {
    name: 'Vercel AI SDK: openai.image(), gateway strings, providerOptions.openai params',
    code: `import { openai } from '@ai-sdk/openai';\nimport { generateImage } from 'ai';\nawait generateImage({ model: openai.image('gpt-image-1'), prompt, providerOptions: { openai: { quality: 'hd', style: 'vivid' } } });\nawait generateImage({ model: 'openai/gpt-image-1', prompt });\nconst m = myOpenAI.imageModel('gpt-image-1-mini');\n`,
    findings: ['no-retired-model auto api-argument error', 'no-legacy-quality auto param error', 'valid-params auto param error', 'no-retired-model auto api-argument error', 'no-retired-model auto api-argument warning'],
    output: `import { openai } from '@ai-sdk/openai';\nimport { generateImage } from 'ai';\nawait generateImage({ model: openai.image('gpt-image-2'), prompt, providerOptions: { openai: { quality: 'high' } } });\nawait generateImage({ model: 'openai/gpt-image-2', prompt });\nconst m = myOpenAI.imageModel('gpt-image-2');\n`,
  },
  {
    name: '@ai-sdk/openai 4 spells providerOptions in camelCase: inputFidelity and responseFormat go too',
    code: `import { openai } from '@ai-sdk/openai';\nimport { generateImage } from 'ai';\nawait generateImage({ model: openai.image('gpt-image-2'), prompt, providerOptions: { openai: { inputFidelity: 'high', responseFormat: 'url', quality: 'low' } } });\n`,
    findings: ['valid-params auto param error', 'valid-params auto param error'],
    output: `import { openai } from '@ai-sdk/openai';\nimport { generateImage } from 'ai';\nawait generateImage({ model: openai.image('gpt-image-2'), prompt, providerOptions: { openai: { quality: 'low' } } });\n`,
  },
  {
    name: 'fal: endpoint ids move to the openai namespace',
    code: `import { fal } from '@fal-ai/client';\nawait fal.subscribe('fal-ai/gpt-image-1/text-to-image', { input: { prompt, quality: 'high' } });\nawait fal.subscribe('fal-ai/gpt-image-1/edit-image', { input: { prompt, image_urls } });\n`,
    findings: ['no-retired-model auto api-argument error', 'no-retired-model auto api-argument error'],
    output: `import { fal } from '@fal-ai/client';\nawait fal.subscribe('openai/gpt-image-2', { input: { prompt, quality: 'high' } });\nawait fal.subscribe('openai/gpt-image-2/edit', { input: { prompt, image_urls } });\n`,
  },
  {
    name: 'undici: request() and fetch() to the images endpoint are OpenAI HTTP calls',
    code: `import { request, fetch } from 'undici';\nawait request('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ model: 'gpt-image-1', prompt, response_format: 'b64_json' }) });\nawait fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ model: 'dall-e-3', prompt, quality: 'hd', response_format: 'b64_json' }) });\n`,
    findings: ['no-retired-model auto api-argument error', 'valid-params auto param error', 'no-retired-model auto api-argument error', 'no-legacy-quality auto param error', 'valid-params auto param error'],
    output: `import { request, fetch } from 'undici';\nawait request('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ model: 'gpt-image-2', prompt }) });\nawait fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ model: 'gpt-image-2', prompt, quality: 'high' }) });\n`,
  },
  {
    name: 'fal: run, submit and queue.submit move like subscribe',
    code: `import { fal } from '@fal-ai/client';\nconst a = await fal.run('fal-ai/gpt-image-1/text-to-image', { input: { prompt } });\nconst b = await fal.submit('fal-ai/gpt-image-1/edit-image', { input: { prompt, image_urls } });\nconst c = await fal.queue.submit('fal-ai/gpt-image-1/text-to-image', { input: { prompt } });\n`,
    findings: ['no-retired-model auto api-argument error', 'no-retired-model auto api-argument error', 'no-retired-model auto api-argument error'],
    output: `import { fal } from '@fal-ai/client';\nconst a = await fal.run('openai/gpt-image-2', { input: { prompt } });\nconst b = await fal.submit('openai/gpt-image-2/edit', { input: { prompt, image_urls } });\nconst c = await fal.queue.submit('openai/gpt-image-2', { input: { prompt } });\n`,
  },
  {
    name: '@azure/openai: its AzureOpenAI client and its requests name deployments, reported and left alone',
    code: `import { AzureOpenAI } from '@azure/openai';\nconst client = new AzureOpenAI({ endpoint, apiVersion, deployment: 'dall-e-3' });\nawait client.images.generate({ model: 'dall-e-3', prompt, style: 'vivid' });\n`,
    findings: ['no-retired-model manual deployment error', 'no-retired-model manual deployment error', 'valid-params manual param warning'],
  },
  {
    name: 'OpenRouter: an OpenAI client pointed at it, its AI SDK provider and its chat endpoint get the gateway id',
    code: `import OpenAI from 'openai';\nimport { createOpenRouter } from '@openrouter/ai-sdk-provider';\nimport { generateImage } from 'ai';\nconst router = new OpenAI({ baseURL: 'https://openrouter.ai/api/v1' });\nawait router.images.generate({ model: 'openai/gpt-image-1', prompt, style: 'vivid' });\nconst openrouter = createOpenRouter({ apiKey });\nawait generateImage({ model: openrouter.imageModel('openai/gpt-image-1'), prompt });\nawait fetch('https://openrouter.ai/api/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'openai/gpt-image-1', messages }) });\n`,
    findings: ['no-retired-model auto api-argument error', 'valid-params auto param error', 'no-retired-model auto api-argument error', 'no-retired-model auto api-argument error'],
    output: `import OpenAI from 'openai';\nimport { createOpenRouter } from '@openrouter/ai-sdk-provider';\nimport { generateImage } from 'ai';\nconst router = new OpenAI({ baseURL: 'https://openrouter.ai/api/v1' });\nawait router.images.generate({ model: 'openai/gpt-image-2', prompt });\nconst openrouter = createOpenRouter({ apiKey });\nawait generateImage({ model: openrouter.imageModel('openai/gpt-image-2'), prompt });\nawait fetch('https://openrouter.ai/api/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'openai/gpt-image-2', messages }) });\n`,
  },
  {
    name: "Replicate: the model moves, background 'transparent' is rejected there",
    code: `import Replicate from 'replicate';\nconst replicate = new Replicate();\nawait replicate.run('openai/gpt-image-1', { input: { prompt, background: 'transparent' } });\n`,
    findings: ['no-retired-model auto api-argument error', 'valid-params manual param error'],
    output: `import Replicate from 'replicate';\nconst replicate = new Replicate();\nawait replicate.run('openai/gpt-image-2', { input: { prompt, background: 'transparent' } });\n`,
  },
  {
    name: "UniAll: upper-case tiers, quality → resolution '4K', n → num_images",
    code: `await uniall.post('/v1/images/generations', { model: 'gpt-image-2-origin', prompt, quality: 'high', n: 2 });\nawait uniall.post('/v1/images/generations', { model: 'gpt-image-2-origin', prompt, resolution: '2k' });\n`,
    findings: ['no-legacy-quality auto param error', 'valid-params auto param error', 'valid-params auto param error'],
    output: `await uniall.post('/v1/images/generations', { model: 'gpt-image-2-origin', prompt, resolution: '4K', num_images: 2 });\nawait uniall.post('/v1/images/generations', { model: 'gpt-image-2-origin', prompt, resolution: '2K' });\n`,
  },
  {
    name: "LangChain: DallEAPIWrapper is not migratable by a rename; tools.imageGeneration's types reject the target",
    code: `import { DallEAPIWrapper, tools } from '@langchain/openai';\nconst dalle = new DallEAPIWrapper({ model: 'dall-e-3', n: 1 });\nconst tool = tools.imageGeneration({ model: 'gpt-image-1', size: '1024x1024' });\nconst bare = tools.imageGeneration({ size: '1024x1024' });\n`,
    // `bare` names no model: it uses the dead default, reported with why nothing is inserted
    findings: ['no-retired-model manual not-migratable error', 'no-retired-model manual api-argument error', 'no-retired-model manual api-argument error'],
  },
  {
    name: 'LangChain: a DallEAPIWrapper with no model is reported too (it defaults to dall-e-3)',
    code: `import { DallEAPIWrapper } from '@langchain/openai';\nconst dalle = new DallEAPIWrapper({ n: 1 });\n`,
    findings: ['no-retired-model manual not-migratable error'],
  },
  {
    name: 'multipart: model field renamed, input_fidelity statement removed, quality kept',
    code: `const OPENAI_BASE = process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';\nconst form = new FormData();\nform.append('model', 'gpt-image-1');\nform.append('image', file);\nform.append('input_fidelity', 'high');\nform.append('quality', 'high');\nawait got.post(\`\${OPENAI_BASE}/images/edits\`, { body: form });\n`,
    findings: ['no-retired-model auto api-argument error', 'valid-params auto param error'],
    output: `const OPENAI_BASE = process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';\nconst form = new FormData();\nform.append('model', 'gpt-image-2');\nform.append('image', file);\nform.append('quality', 'high');\nawait got.post(\`\${OPENAI_BASE}/images/edits\`, { body: form });\n`,
  },
  {
    name: '.url read from a gpt-image result is reported, and the request is left to the person who changes the result handling',
    code: sdk(`const result = await client.images.generate({ model: 'gpt-image-1', prompt });\nconst url = result.data[0].url;`),
    // the rename would make a failing call a billed one whose URL is empty: the result handling changes first, by hand
    findings: ['no-retired-model manual api-argument error', 'valid-params manual param warning'],
  },
  {
    name: 'an as-const map and an enum feeding requests are API arguments',
    code: sdk(`const MODELS = { IMAGE: 'gpt-image-1', CHAT: 'gpt-5' } as const;\nenum Stored { Legacy = 'dall-e-3' }\nenum ImageModel { Default = 'gpt-image-1' }\nawait client.images.generate({ model: MODELS.IMAGE, prompt });\nawait client.images.edit({ model: ImageModel.Default, image, prompt });`),
    findings: ['no-retired-model auto api-argument error', 'no-retired-model manual other error', 'no-retired-model auto api-argument error'],
    output: sdk(`const MODELS = { IMAGE: 'gpt-image-2', CHAT: 'gpt-5' } as const;\nenum Stored { Legacy = 'dall-e-3' }\nenum ImageModel { Default = 'gpt-image-2' }\nawait client.images.generate({ model: MODELS.IMAGE, prompt });\nawait client.images.edit({ model: ImageModel.Default, image, prompt });`),
  },
  {
    name: 'gpt-image-2 sizes: invalid custom sizes are errors, large ones warnings, dall-e-3 sizes valid',
    code: sdk(`await client.images.generate({ model: 'gpt-image-2', prompt, size: '1000x1000' });\nawait client.images.generate({ model: 'gpt-image-2', prompt, size: '3840x2160' });\nawait client.images.generate({ model: 'gpt-image-2', prompt, size: '1792x1024' });`),
    findings: ['valid-params manual param error', 'valid-params manual param warning'],
  },
  {
    name: 'more than 16 reference images',
    code: sdk(`await client.images.edit({ model: 'gpt-image-2', prompt, image: [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q] });`),
    findings: ['valid-params manual param error'],
  },
  {
    name: 'a settings object with satisfies, spread into the call',
    code: sdk(`const defaults = { model: 'gpt-image-1', quality: 'hd', size: '1024x1024' } satisfies Partial<ImageGenerateParams>;\nawait client.images.generate({ ...defaults, prompt });`),
    findings: ['no-retired-model auto api-argument error', 'no-legacy-quality auto param error'],
    output: sdk(`const defaults = { model: 'gpt-image-2', quality: 'high', size: '1024x1024' } satisfies Partial<ImageGenerateParams>;\nawait client.images.generate({ ...defaults, prompt });`),
  },
  {
    name: 'a local wrapper: its default and the options its callers pass',
    code: sdk(
      `async function makeImage(opts: { model?: string; prompt: string; quality?: string }) {\n  return client.images.generate({ model: opts.model ?? 'gpt-image-1', prompt: opts.prompt });\n}\nawait makeImage({ model: 'dall-e-3', prompt: 'a fox', quality: 'hd' });`,
    ),
    // the wrapper's default reaches the SDK; what its callers pass is not traced through the wrapper: reported
    findings: ['no-retired-model auto api-argument error', 'no-retired-model manual api-argument error'],
    output: sdk(
      `async function makeImage(opts: { model?: string; prompt: string; quality?: string }) {\n  return client.images.generate({ model: opts.model ?? 'gpt-image-2', prompt: opts.prompt });\n}\nawait makeImage({ model: 'dall-e-3', prompt: 'a fox', quality: 'hd' });`,
    ),
  },
  {
    name: 'ids in comments and longer strings are info mentions, never rewritten',
    code: `// TODO: gpt-image-1 is gone\nlogger.info('migrated off gpt-image-1 today');\n/* dall-e-3 leftovers */\n`,
    findings: ['no-retired-model manual doc info', 'no-retired-model manual doc info', 'no-retired-model manual doc info'],
  },
  {
    name: 'look-alikes are not ids',
    code: `const a = 'gpt-image-1.restyle';\nconst b = 'https://cdn.example.com/v1/gpt-image-1/';\nconst c = 'gpt-image-2';\nconst d = 'gpt-image-2.5-flare';\nconst e = 'my-gpt-image-1';\n`,
    findings: [],
  },
  {
    name: 'unrelated quality: sharp, video options',
    code: `await sharp(input).jpeg({ quality: 80 }).toBuffer();\nconst opts = { quality: 'high', codec: 'h264' };\nplayer.setQuality('hd');\n`,
    findings: [],
  },
  {
    name: 'gpt-image-2 calls: params it rejects are still flagged',
    code: sdk(`await client.images.generate({ model: 'gpt-image-2', prompt, response_format: 'b64_json' });`),
    findings: ['valid-params auto param error'],
    output: sdk(`await client.images.generate({ model: 'gpt-image-2', prompt });`),
  },
  {
    name: 'severity follows the date: a warning before 2026-12-01, an error after',
    options: { now: '2026-12-02' },
    code: sdk(`await client.images.generate({ model: 'gpt-image-1-mini', prompt, quality: 'medium' });`),
    findings: ['no-retired-model auto api-argument error'],
    output: sdk(`await client.images.generate({ model: 'gpt-image-2', prompt, quality: 'medium' });`),
  },
  // Trustworthy on real repositories: each failure class seen on public code, as a case
  {
    name: 'class 1: an image_generation tool of xAI (its own tools builder) is never given an OpenAI model',
    code: `import { xai } from '@ai-sdk/xai';\nconst tools = { image: xai.tools.imageGeneration({ action: 'generate' }) };\nexport function prepare(args: { action: string }) {\n  const xaiTools: object[] = [];\n  xaiTools.push({ type: 'image_generation', action: args.action });\n  return xaiTools;\n}\n`,
    findings: [],
  },
  {
    name: 'class 2: in a test file nothing is rewritten, assertions included, and the call under test is not either',
    file: 'src/image-model.test.ts',
    code: sdk(`it('sends the model', async () => {\n  await client.images.generate({ model: 'gpt-image-1', prompt: 'x', response_format: 'url' });\n  expect(spy).toHaveBeenCalledWith({ model: 'gpt-image-1', prompt: 'x' });\n  expect(body).toStrictEqual({ type: 'image_generation' });\n});`),
    findings: ['no-retired-model manual api-argument warning', 'valid-params manual param warning', 'no-retired-model manual api-argument warning'],
  },
  {
    name: 'class 2: a generic helper under test (a form-data converter) is not an image API',
    file: 'src/convert-to-form-data.test.ts',
    code: `const formData = convertToFormData({ model: 'gpt-image-1', prompt: 'A cute cat' });\nexpect(formData.get('model')).toBe('gpt-image-1');\n`,
    findings: ['no-retired-model manual api-argument warning', 'no-retired-model manual other warning'],
  },
  {
    name: "class 3: an Azure deployment read from env is reported, whatever the call looks like; its dall-e quality, for the gpt-image-2 deployment to come (osamum, neuropath)",
    code: `const deployment = process.env.AZURE_OPENAI_IMAGE_DEPLOYMENT || 'gpt-image-1';\nawait fetch(\`\${endpoint}/openai/deployments/\${deployment}/images/generations?api-version=2025-04-01-preview\`, { method: 'POST', body: JSON.stringify({ model: deployment, prompt, quality: 'standard' }) });\n`,
    findings: ['no-retired-model manual deployment error', 'no-legacy-quality manual param warning'],
  },
  {
    name: 'class 4: recorded API data (__fixtures__) is stored data, never rewritten',
    file: 'packages/azure/src/__fixtures__/azure-image-generation-tool.ts',
    code: sdk(`export const recorded = await client.responses.create({ model: 'gpt-5', input, tools: [{ type: 'image_generation', model: 'gpt-image-1', n: 1 }] });`),
    findings: ['no-retired-model manual api-argument warning'],
  },
  {
    name: 'class 4: a generated file (its header says so) is reported, never rewritten',
    code: `// File generated from our OpenAPI spec by Stainless. See CONTRIBUTING.md for details.\n${sdk(`const result = await client.images.generate({ model: 'dall-e-3', prompt, style: 'vivid' });${READS_B64}`)}`,
    findings: ['no-retired-model manual api-argument error', 'valid-params manual param error'],
  },
  {
    name: 'class 4: compiled TypeScript committed beside its source (tsc helpers in its header) is build output, never rewritten',
    file: 'src/tools/image-generation.js',
    code: `"use strict";\nvar __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) { return generator; };\nObject.defineProperty(exports, "__esModule", { value: true });\nconst openai_1 = require("openai");\nconst client = new openai_1.default();\nclient.images.generate({ model: 'gpt-image-1', prompt: 'x' });\n`,
    findings: ['no-retired-model manual api-argument error'],
  },
  {
    name: "class 5: a library whose types reject the target (LangChain's tools.imageGeneration): reported, no model inserted",
    code: `import { tools } from '@langchain/openai';\nconst a = tools.imageGeneration({ model: 'gpt-image-1.5' });\nconst b = tools.imageGeneration({ size: '1024x1024' });\n`,
    // b relies on the tool's default (gpt-image-1, dead): reported, nothing inserted
    findings: ['no-retired-model manual api-argument warning', 'no-retired-model manual api-argument error'],
  },
  {
    name: 'class 6: images.createVariation has no gpt-image model: reported, never rewritten, also without a model',
    code: sdk(`await client.images.createVariation({ model: 'dall-e-2', image });\nawait client.images.createVariation({ image, n: 2 });\nawait fetch('https://api.openai.com/v1/images/variations', { method: 'POST', body: form });`),
    findings: ['no-retired-model manual not-migratable error', 'no-retired-model manual not-migratable error', 'no-retired-model manual not-migratable error'],
  },
  {
    name: 'class 7: a param that depends on a model check is left to the code that checks',
    code: sdk(`const model = options.model || 'dall-e-3';\nconst result = await client.images.generate({ model, prompt, style: model === 'dall-e-3' ? options.style : undefined });${READS_B64}`),
    findings: ['no-retired-model auto api-argument error', 'valid-params manual param warning', 'no-retired-model manual comparison error'],
    output: sdk(`const model = options.model || 'gpt-image-2';\nconst result = await client.images.generate({ model, prompt, style: model === 'dall-e-3' ? options.style : undefined });${READS_B64}`),
  },
  {
    name: 'class 7: a dall-e call whose result leaves the file unread (returned to a caller) keeps its model: the caller may read a URL',
    code: sdk(`export const makeImage = (prompt: string) => client.images.generate({ model: 'dall-e-3', prompt, response_format: 'url' });\nexport const makeData = async (prompt: string) => (await client.images.generate({ model: 'dall-e-2', prompt })).data[0];`),
    findings: ['no-retired-model manual api-argument error', 'no-retired-model manual api-argument error'],
  },
  {
    name: "class 7: a dall-e call asking for b64_json is fixed, though nothing in the file reads the result",
    code: sdk(`export const makeImage = (prompt: string) => client.images.generate({ model: 'dall-e-3', prompt, response_format: 'b64_json' });`),
    findings: ['no-retired-model auto api-argument error', 'valid-params auto param error'],
    output: sdk(`export const makeImage = (prompt: string) => client.images.generate({ model: 'gpt-image-2', prompt });`),
  },
  {
    name: 'class 7: a dall-e call whose result is read as .url keeps its model until the result handling changes',
    code: sdk(`const res = await client.images.generate({ model: 'dall-e-3', prompt, response_format: 'url' });\nreturn res.data[0].url;`),
    findings: ['no-retired-model manual api-argument error', 'valid-params manual param warning'],
  },
  {
    name: 'class 8: the AI SDK image tool is labelled Vercel AI SDK, not LangChain',
    code: `import { openai } from '@ai-sdk/openai';\nexport const tool = openai.tools.imageGeneration({ model: 'gpt-image-1', quality: 'low' });\n`,
    findings: ['no-retired-model auto api-argument error'],
    output: `import { openai } from '@ai-sdk/openai';\nexport const tool = openai.tools.imageGeneration({ model: 'gpt-image-2', quality: 'low' });\n`,
  },
  {
    name: 'a row written to a database is stored data, not a request: its model is history, its quality no param',
    code: `const { data } = await supabase.from('images').insert({ user_id, prompt, size: '1024x1024', model: 'dall-e-3', quality: 'hd', style: 'vivid' });\n`,
    findings: ['no-retired-model manual stored-value error'],
  },
  {
    name: "a generated image's metadata inside the row written is stored data too",
    code: `await db.collection('images').insertOne({ url, metadata: { model: 'gpt-image-1', size: '1024x1024', quality: 'standard' } });\n`,
    findings: ['no-retired-model manual stored-value error'],
  },
  {
    name: 'an object with a key only a result has (revised_prompt, created_at) is a record',
    code: `export const sample = { model: 'dall-e-3', size: '1024x1792', quality: 'hd', revised_prompt: 'A cat', created_at: 1700000000 };\n`,
    findings: ['no-retired-model manual stored-value error'],
  },
  {
    name: 'a request-shaped object sent through an unknown call stays a request of an unknown provider (post is no record write)',
    code: `await api.post({ model: 'gpt-image-1', prompt, size: '1024x1024' });\n`,
    findings: ['no-retired-model manual api-argument error'],
  },
  {
    name: 'a file named after the retired model is about that model: reported',
    file: 'examples/generate-image/dall-e-3-style.ts',
    code: `import { openai } from '@ai-sdk/openai';\nimport { generateImage } from 'ai';\nawait generateImage({ model: openai.image('dall-e-3'), prompt, providerOptions: { openai: { style: 'vivid' } } });\n`,
    findings: ['no-retired-model manual api-argument error', 'valid-params manual param error'],
  },
  {
    // round 3 of the real-repository review: one request's base64 read said nothing about another's result
    name: "class 7: a b64_json read is evidence for its own request only: a returned dall-e request beside one that reads its result is reported",
    code: sdk(`export async function thumb(prompt: string) {\n  const r = await client.images.generate({ model: 'dall-e-2', prompt });\n  return r.data[0].b64_json;\n}\nexport function poster(prompt: string) {\n  return client.images.generate({ model: 'dall-e-3', prompt });\n}`),
    findings: ['no-retired-model auto api-argument error', 'no-retired-model manual api-argument error'],
    output: sdk(`export async function thumb(prompt: string) {\n  const r = await client.images.generate({ model: 'gpt-image-2', prompt });\n  return r.data[0].b64_json;\n}\nexport function poster(prompt: string) {\n  return client.images.generate({ model: 'dall-e-3', prompt });\n}`),
  },
  {
    name: 'class 7: a b64_json field of a type, or of another value, is no read of a request\'s result',
    code: sdk(`interface Saved { b64_json?: string }\nexport const cached = (s: Saved) => s.b64_json ?? null;\nexport const draw = (prompt: string) => client.images.generate({ model: 'dall-e-3', prompt });`),
    findings: ['no-retired-model manual api-argument error'],
  },
  {
    name: 'class 7: the result read through its parsed body (fetch, .json()) and through a name that holds part of it',
    code: `const res = await fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ model: 'dall-e-3', prompt }) });\nconst body = await res.json();\nconst images = body.data;\nsave(images[0].b64_json);\n`,
    findings: ['no-retired-model auto api-argument error'],
    output: `const res = await fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ model: 'gpt-image-2', prompt }) });\nconst body = await res.json();\nconst images = body.data;\nsave(images[0].b64_json);\n`,
  },
  {
    // darth-d: an edit call written when the endpoint's default was dall-e-2, its result read as .url in another module
    name: 'class 7: a request that names no model and whose result goes elsewhere gets no model inserted (code of the dall-e-2 days reads URLs)',
    code: sdk(`export const retouch = (image: File, prompt: string) => client.images.edit({ image, prompt });`),
    // (the edit endpoint's default today is gpt-image-1.5, which shuts down after this test's date)
    findings: ['no-retired-model manual api-argument warning'],
  },
  {
    // ai-carousel-enterprise: the rename makes a failing call a billed one that answers { url: '' }
    name: "class 7: a gpt-image request in a file that reads '.url' of a result is left with the result handling",
    code: sdk(`const img = await client.images.generate({ model: 'gpt-image-1', prompt });\nexport const body = { url: img.data[0].url || '' };`),
    findings: ['no-retired-model manual api-argument error', 'valid-params manual param warning'],
  },
  {
    // plus-also-challenge: b64_json first, .url as a fallback: the result handling already takes what gpt-image models send
    name: "class 7: a gpt-image request whose own result is read as b64_json, with '.url' as a fallback, is fixed",
    code: sdk(`const rsp = await client.images.edit({ model: 'gpt-image-1', image, prompt });\nexport const out = rsp.data?.[0]?.b64_json ?? rsp.data?.[0]?.url;`),
    findings: ['no-retired-model auto api-argument error', 'valid-params manual param warning'],
    output: sdk(`const rsp = await client.images.edit({ model: 'gpt-image-2', image, prompt });\nexport const out = rsp.data?.[0]?.b64_json ?? rsp.data?.[0]?.url;`),
  },
  // class 9 (round 4, forever-in-color and probes): multipart forms follow the JSON body's rules, and a form is the one its name resolves to
  {
    name: 'class 9: a multipart form sent to /v1/images/variations keeps its model: no gpt-image model serves variations',
    code: "export async function vary(image: Blob) {\n  const fd = new FormData();\n  fd.append('model', 'gpt-image-1');\n  fd.append('image', image);\n  const res = await fetch('https://api.openai.com/v1/images/variations', { method: 'POST', body: fd });\n  return (await res.json()).data[0].b64_json;\n}\n",
    findings: ['no-retired-model manual not-migratable error', 'no-retired-model manual not-migratable error'],
  },
  {
    name: "class 9: a multipart form whose result is read as .url keeps its model and its fields, as a JSON body does",
    code: "export async function edit(image: Blob) {\n  const fd = new FormData();\n  fd.append('model', 'gpt-image-1');\n  fd.append('input_fidelity', 'high');\n  const res = await fetch('https://api.openai.com/v1/images/edits', { method: 'POST', body: fd });\n  const json = await res.json();\n  return json.data[0].url;\n}\n",
    findings: ['no-retired-model manual api-argument error', 'valid-params manual param warning'],
  },
  {
    name: 'class 9: a dall-e form whose result leaves the file unread keeps its model; one whose result is read as b64_json is fixed',
    code: "export async function a(image: Blob) {\n  const fd = new FormData();\n  fd.append('model', 'dall-e-2');\n  return fetch('https://api.openai.com/v1/images/edits', { method: 'POST', body: fd });\n}\nexport async function b(image: Blob) {\n  const fd = new FormData();\n  fd.append('model', 'dall-e-2');\n  fd.append('response_format', 'url');\n  const res = await fetch('https://api.openai.com/v1/images/edits', { method: 'POST', body: fd });\n  return (await res.json()).data[0].b64_json;\n}\n",
    findings: ['no-retired-model manual api-argument error', 'no-retired-model auto api-argument error', 'valid-params auto param error'],
    output: "export async function a(image: Blob) {\n  const fd = new FormData();\n  fd.append('model', 'dall-e-2');\n  return fetch('https://api.openai.com/v1/images/edits', { method: 'POST', body: fd });\n}\nexport async function b(image: Blob) {\n  const fd = new FormData();\n  fd.append('model', 'gpt-image-2');\n  const res = await fetch('https://api.openai.com/v1/images/edits', { method: 'POST', body: fd });\n  return (await res.json()).data[0].b64_json;\n}\n",
  },
  {
    name: "class 9: two functions' forms of one name are two forms: each goes where its own fetch sends it (OpenAI fixed, an unknown proxy reported), in either order",
    code: "export async function direct(prompt: string) {\n  const form = new FormData();\n  form.append('model', 'gpt-image-1.5');\n  const res = await fetch('https://api.openai.com/v1/images/edits', { method: 'POST', body: form });\n  return (await res.json()).data[0].b64_json;\n}\nexport async function viaProxy(prompt: string) {\n  const form = new FormData();\n  form.append('model', 'gpt-image-1');\n  const res = await fetch('https://images.proxy.example.com/v1/images/edits', { method: 'POST', body: form });\n  return (await res.json()).data[0].b64_json;\n}\n",
    // gpt-image-1.5 shut down on 2026-12-01, after the tests' NOW: a warning
    findings: ['no-retired-model auto api-argument warning', 'no-retired-model manual api-argument error'],
    output: "export async function direct(prompt: string) {\n  const form = new FormData();\n  form.append('model', 'gpt-image-2');\n  const res = await fetch('https://api.openai.com/v1/images/edits', { method: 'POST', body: form });\n  return (await res.json()).data[0].b64_json;\n}\nexport async function viaProxy(prompt: string) {\n  const form = new FormData();\n  form.append('model', 'gpt-image-1');\n  const res = await fetch('https://images.proxy.example.com/v1/images/edits', { method: 'POST', body: form });\n  return (await res.json()).data[0].b64_json;\n}\n",
  },
  {
    name: "class 9: the same two forms with the proxy's first",
    code: "export async function viaProxy(prompt: string) {\n  const form = new FormData();\n  form.append('model', 'gpt-image-1');\n  const res = await fetch('https://images.proxy.example.com/v1/images/edits', { method: 'POST', body: form });\n  return (await res.json()).data[0].b64_json;\n}\nexport async function direct(prompt: string) {\n  const form = new FormData();\n  form.append('model', 'gpt-image-1.5');\n  const res = await fetch('https://api.openai.com/v1/images/edits', { method: 'POST', body: form });\n  return (await res.json()).data[0].b64_json;\n}\n",
    findings: ['no-retired-model manual api-argument error', 'no-retired-model auto api-argument warning'],
    output: "export async function viaProxy(prompt: string) {\n  const form = new FormData();\n  form.append('model', 'gpt-image-1');\n  const res = await fetch('https://images.proxy.example.com/v1/images/edits', { method: 'POST', body: form });\n  return (await res.json()).data[0].b64_json;\n}\nexport async function direct(prompt: string) {\n  const form = new FormData();\n  form.append('model', 'gpt-image-2');\n  const res = await fetch('https://api.openai.com/v1/images/edits', { method: 'POST', body: form });\n  return (await res.json()).data[0].b64_json;\n}\n",
  },
  {
    name: "a model with a framework's provider prefix ('openai:dall-e-3', genaiscript and pydantic-ai) is a model, reported as an error; inside a longer string, a mention",
    code: `for (const model of ['openai:dall-e-3', 'openai-responses:gpt-image-1']) await generateImage('a cat', { model });\nconsole.log('moved off openai:dall-e-3 today');\n`,
    findings: ['no-retired-model manual other error', 'no-retired-model manual other error', 'no-retired-model manual doc info'],
  },
  // class 10 (round 4, weirdfingers/boards): a gateway's input held by a name
  {
    name: "class 10: a fal input held by a name read nowhere else is the request's params: input_fidelity goes with the model",
    code: "import { fal } from '@fal-ai/client';\nexport async function edit(prompt: string, image_urls: string[]) {\n  const input = { prompt, image_urls, input_fidelity: 'high' };\n  return fal.subscribe('fal-ai/gpt-image-1/edit-image', { input });\n}\n",
    findings: ['valid-params auto param error', 'no-retired-model auto api-argument error'],
    output: "import { fal } from '@fal-ai/client';\nexport async function edit(prompt: string, image_urls: string[]) {\n  const input = { prompt, image_urls };\n  return fal.subscribe('openai/gpt-image-2/edit', { input });\n}\n",
  },
  {
    name: 'class 10: a fal input the file does not show (a parameter, a call, an object shared by two requests) keeps the model: its params cannot be checked',
    code: "import { fal } from '@fal-ai/client';\nexport const a = (input: Record<string, unknown>) => fal.subscribe('fal-ai/gpt-image-1/edit-image', { input });\nexport const b = (p: string) => fal.subscribe('fal-ai/gpt-image-1/text-to-image', { input: build(p) });\nconst shared = { prompt: 'x', input_fidelity: 'high' };\nexport const c = () => fal.subscribe('fal-ai/gpt-image-1/edit-image', { input: shared });\nexport const d = () => fal.subscribe('fal-ai/flux/dev', { input: shared });\n",
    findings: ['no-retired-model manual api-argument error', 'no-retired-model manual api-argument error', 'no-retired-model manual api-argument error'],
  },
  {
    // the ESTree adapter (ESLint's, and oxc's for the CLI) once dropped a parameter's annotation: its ids read as prose mentions
    name: "a parameter's literal types are types, with and without a default",
    code: `export function draw(model: 'gpt-image-1' | 'gpt-image-2', size: 'dall-e-3' = 'dall-e-3') {}\n`,
    findings: ['no-retired-model manual type info', 'no-retired-model manual type warning', 'no-retired-model manual other error'],
  },
  {
    name: 'a model built from a template of a retired family is reported, never edited: dall-e-${v} can only be retired (an error), gpt-image-${v} may be gpt-image-2 (a warning)',
    code: sdk(
      "export const a = (v: number) => client.images.generate({ model: `dall-e-${v}`, prompt });\nexport const b = (n: number) => client.images.generate({ model: 'dall-e-' + n, prompt });\nexport const c = (v: string) => client.images.generate({ model: `gpt-image-${v}`, prompt });\nexport const d = (s: string) => client.images.generate({ model: `gpt-image-1${s}`, prompt });",
    ),
    // gpt-image-1-mini and gpt-image-1.5 shut down on 2026-12-01, after NOW: not every id gpt-image-1${s} can take is dead yet
    findings: ['no-retired-model manual api-argument error', 'no-retired-model manual api-argument error', 'no-retired-model manual api-argument warning', 'no-retired-model manual api-argument warning'],
  },
  {
    name: 'a template reaches the call through a constant or a branch; a model call takes one too',
    code: `import OpenAI from 'openai';\nimport { openai } from '@ai-sdk/openai';\nconst client = new OpenAI();\nconst MODEL = \`dall-e-\${process.env.DALLE_VERSION}\`;\nexport const a = () => client.images.generate({ model: MODEL, prompt });\nexport const b = (hd: boolean) => client.images.generate({ model: hd ? \`dall-e-\${v}\` : 'gpt-image-2', prompt });\nexport const c = (v: string) => openai.image(\`dall-e-\${v}\`);\n`,
    findings: ['no-retired-model manual api-argument error', 'no-retired-model manual api-argument error', 'no-retired-model manual api-argument error'],
  },
  {
    name: 'a template elsewhere is info; one that names no id, or whose head is not a family, is nothing',
    code: "export const label = (v: number) => `dall-e-${v}`;\nconsole.log(`dall-e-${v} failed`);\nconst pinned = `gpt-image-2-${date}`;\nconst url = `${base}/v1/images/generations`;\nconst said = `using dall-e-${v}`;\n",
    findings: ['no-retired-model manual other info'],
  },
  {
    name: 'a template as an Azure model is a deployment name built at run time: reported as one',
    code: "import { AzureOpenAI } from 'openai';\nconst client = new AzureOpenAI({ endpoint, apiVersion });\nexport const a = (v: string) => client.images.generate({ model: `dall-e-${v}`, prompt });\n",
    findings: ['no-retired-model manual deployment error'],
  },
  {
    name: 'a model decided at run time with dall-e-only params: reported (gpt-image models reject them), never edited',
    code: sdk(
      "export const a = (model: string) => client.images.generate({ model, prompt, style: 'vivid', response_format: 'url', quality: 'hd', size: '512x512' });\nexport const b = () => client.images.generate({ model: process.env.IMAGE_MODEL!, prompt, quality: 'high', style: model === 'dall-e-3' ? 'vivid' : undefined });",
    ),
    findings: [
      'valid-params manual param warning',
      'valid-params manual param warning',
      'no-legacy-quality manual param warning',
      'valid-params manual param warning',
      'no-retired-model manual comparison error',
    ],
  },
  {
    name: 'the image tool on Azure names no model: reported with Azure guidance, unless the file sets the deployment header to a model id',
    code: `import { azure, createAzure } from '@ai-sdk/azure';\nimport { AzureOpenAI } from 'openai';\nconst client = new AzureOpenAI({ endpoint, apiVersion });\nawait client.responses.create({ model: 'gpt-4.1', input, tools: [{ type: 'image_generation' }] });\nexport const tools = { image: azure.tools.imageGeneration({ outputFormat: 'png' }) };\n`,
    findings: ['no-retired-model manual deployment warning', 'no-retired-model manual deployment warning'],
  },
  {
    name: "the Azure deployment header names the tool's model: a retired id there is reported once, where it is written",
    code: `import { createAzure } from '@ai-sdk/azure';\nconst a = createAzure({ headers: { 'x-ms-oai-image-generation-deployment': 'gpt-image-1' } });\nexport const tools = { image: a.tools.imageGeneration({ quality: 'low' }) };\n`,
    findings: ['no-retired-model manual deployment error'],
  },
  {
    name: 'the Azure deployment header set to a name of your own: the tool is reported',
    code: `import { createAzure } from '@ai-sdk/azure';\nconst a = createAzure({ headers: { 'x-ms-oai-image-generation-deployment': 'images-prod' } });\nexport const tools = { image: a.tools.imageGeneration({ quality: 'low' }) };\n`,
    findings: ['no-retired-model manual deployment warning'],
  },
  {
    // openai v3 SDK code (OpenAIApi) typed no model: createImage relied on dall-e-2, positional edits and variations too
    name: 'the openai v3 SDK: createImage with no model is reported with its default, edits and variations as not migratable; never edited',
    code: `import { Configuration, OpenAIApi } from 'openai';\nconst openai = new OpenAIApi(new Configuration({ apiKey }));\nawait openai.createImage({ prompt, n: 1, size: "512x512" });\nawait openai.createImageEdit(fs.createReadStream('a.png'), prompt, undefined, 1, '512x512');\nawait openai.createImageVariation(fs.createReadStream('a.png'), 1, '512x512');\n`,
    findings: ['no-retired-model manual api-argument error', 'no-retired-model manual not-migratable error', 'no-retired-model manual not-migratable error'],
  },
  {
    name: "the v3 SDK's method names count only where the file imports OpenAIApi: another library's createImage is nothing",
    code: `import { Editor } from 'canvas-kit';\nconst editor = new Editor();\nawait editor.createImage({ prompt, size: '512x512' });\nawait editor.createImageEdit(img, prompt);\n`,
    findings: [],
  },
  {
    name: 'a raw HTTP body with no model relies on the endpoint default: reported (fetch, axios.post), never given a model',
    code: `import axios from 'axios';\nconst res = await fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ prompt, size: '512x512' }) });\nawait axios.post('https://api.openai.com/v1/images/generations', { prompt, size: '512x512' });\nawait fetch('https://api.openai.com/v1/images/edits', { method: 'POST', headers, body: JSON.stringify({ prompt, images }) });\n`,
    // the edits endpoint's default is gpt-image-1.5, which shuts down after this test's date
    findings: ['no-retired-model manual api-argument error', 'no-retired-model manual api-argument error', 'no-retired-model manual api-argument warning'],
  },
  {
    name: 'a raw HTTP body that may get its model later, through a spread, or goes to a host not known is not an error of its own',
    code: `const body = { prompt, size: '512x512' };\nif (hd) body.model = 'gpt-image-2';\nawait fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify(body) });\nawait fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ ...defaults, prompt }) });\nawait fetch(\`\${base}/v1/images/generations\`, { method: 'POST', body: JSON.stringify({ prompt }) });\nexport class Images { generate(body) { return this._client.post('/images/generations', { body }); } }\n`,
    findings: ['no-retired-model manual api-argument warning'],
  },
  {
    name: 'an axios instance whose baseURL is OpenAI images: a post with no model is reported; one to another host, or with a model, is judged as before',
    code: `import axios from 'axios';\nconst api = axios.create({ baseURL: 'https://api.openai.com/v1/images' });\nawait api.post('/generations', { prompt, size: '512x512' });\nconst other = axios.create({ baseURL: 'https://example.com/v1/images' });\nawait other.post('/generations', { prompt, size: '512x512' });\n`,
    findings: ['no-retired-model manual api-argument error'],
  },
];

describe('planner', () => {
  for (const c of cases) {
    it(c.name, () => {
      const viaTs = planWithTsMorph(c.code, c.options, c.file);
      expect(viaTs.findings.map((f) => `${f.rule} ${f.fix} ${f.role} ${f.severity}`)).toEqual(c.findings);
      expect(viaTs.output).toBe(c.output ?? c.code);

      const viaEstree = planWithEstree(c.code, c.options, false, c.file);
      expect(comparable(viaEstree.findings)).toEqual(comparable(viaTs.findings));
      expect(viaEstree.output).toBe(viaTs.output);

      // idempotent: the fixed text plans no further edit
      const again = planWithTsMorph(viaTs.output, c.options, c.file);
      expect(again.output).toBe(viaTs.output);
    });
  }

  it('severity: gpt-image-1-mini warns before its shutdown date and names the date', () => {
    const code = sdk(`await client.images.generate({ model: 'gpt-image-1-mini', prompt });`);
    const before = planWithTsMorph(code, { now: '2026-11-21' }).findings;
    expect(before.map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(before.find((f) => f.role === 'api-argument')!.message).toContain('shuts down on 2026-12-01 (in 10 days)');
    const after = planWithTsMorph(code, { now: '2026-12-01' }).findings;
    expect(after.map((f) => f.severity)).toEqual(['error', 'error']);
    expect(after.find((f) => f.role === 'api-argument')!.message).toContain('shut down on 2026-12-01 (today)');
  });

  it('class 8: labels users read: the AI SDK tool is the Vercel AI SDK, not an OpenAI SDK call', () => {
    const tool = planWithTsMorph(`import { openai } from '@ai-sdk/openai';\nexport const t = openai.tools.imageGeneration({ model: 'gpt-image-1' });\n`).findings;
    expect(tool.map((f) => [f.surface, f.severity])).toEqual([['vercel-ai', 'error']]);
  });

  it('a file that does not parse is refused, not half-planned', () => {
    expect(() => planWithTsMorph(`const x = { model: 'gpt-image-1', ;\n`)).toThrow(/does not parse/);
  });

  it('keeps CRLF line endings when a whole line is removed', () => {
    const code = sdk(`await client.images.edit({\r\n  model: 'gpt-image-1',\r\n  input_fidelity: 'low',\r\n  prompt,\r\n});`).replace(/\n/g, '\r\n').replace(/\r\r\n/g, '\r\n');
    const { output } = planWithTsMorph(code);
    expect(output).not.toMatch(/[^\r]\n/);
    expect(output).toContain(`  model: 'gpt-image-2',\r\n  prompt,\r\n`);
  });
});

describe('what a finding says, in shapes seen on real repositories', () => {
  it('a type that already accepts the target is info; one that lacks it is a warning that says to add it', () => {
    const of = (type: string) => planWithTsMorph(`export type ImageModel = ${type};\n`).findings.map((f) => [f.role, f.severity, /already accepts/.test(f.message)]);
    expect(of(`'gpt-image-1' | 'gpt-image-2'`)).toEqual([['type', 'info', true]]);
    expect(of(`'gpt-image-1' | (string & {})`)).toEqual([['type', 'info', true]]);
    expect(of(`'gpt-image-1' | 'dall-e-3'`)).toEqual([
      ['type', 'warning', false],
      ['type', 'warning', false],
    ]);
  });

  it("an SDK's own endpoint table (a relative path) is not a call to the variations endpoint; an absolute URL is", () => {
    const table = `export class Images {\n  createVariation(body: object) {\n    return this._client.post('/images/variations', { body });\n  }\n}\n`;
    expect(planWithTsMorph(table).findings).toEqual([]);
    const call = `await fetch('https://api.openai.com/v1/images/variations', { method: 'POST', body: form });\n`;
    expect(planWithTsMorph(call).findings.map((f) => f.role)).toEqual(['not-migratable']);
  });

  it('a mention that sends nothing (info) gives the date; only what a call sends says the calls fail today', () => {
    const code = sdk(`// dall-e-3 leftovers\nawait client.images.generate({ model: 'dall-e-3', prompt });`);
    const findings = planWithTsMorph(code, { now: '2026-12-02' }).findings.map((f) => [f.severity, f.message.split('.')[0]]);
    expect(findings).toEqual([
      ['info', "'dall-e-3' shut down on 2026-05-12 (204 days ago)"],
      ['error', "'dall-e-3' shut down on 2026-05-12 (204 days ago): these calls fail today"],
    ]);
  });

  it('a changelog mention is kept as history; other docs are prose to update', () => {
    const [history] = planWithTsMorph('## 1.2.0\n- default model is gpt-image-1\n', {}, 'CHANGELOG.md').findings;
    expect(history!.message).toMatch(/changelog records what happened/);
    const [guide] = planWithTsMorph('Call gpt-image-1 with a prompt.\n', {}, 'docs/guide.md').findings;
    expect(guide!.message).toMatch(/update the prose/);
  });

  it('@ai-sdk/openai is checked against the fixed release of its own line (2.0.104 for 2.x, 3.0.54 for 3.x)', () => {
    const of = (range: string) => planWithTsMorph(`{ "dependencies": { "@ai-sdk/openai": "${range}" } }\n`, {}, 'package.json').findings.map((f) => f.role);
    expect(of('^2.0.110')).toEqual([]);
    expect(of('^3.0.54')).toEqual([]);
    expect(of('^2.0.50')).toEqual(['dependency']);
    expect(of('^3.0.10')).toEqual(['dependency']);
    expect(of('^1.3.22')).toEqual(['dependency']);
    const [finding] = planWithTsMorph(`{ "dependencies": { "@ai-sdk/openai": "2.0.50" } }\n`, {}, 'package.json').findings;
    expect(finding!.message).toContain('2.0.104 for 2.x, 3.0.54 for 3.x');
  });
});
