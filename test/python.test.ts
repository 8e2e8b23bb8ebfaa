/**
 * Python through the same engine: each case is a Python snippet and, where
 * the call has one, its JS/TS twin. Both must give the same findings (rule,
 * fix, role, severity, surface), so the planner stays language-neutral, and
 * the Python fix must be exactly the text written here, spelled the Python
 * way (`quality="low"`, `"model": "gpt-image-2"` in a dict), every other
 * byte kept. Every fixed text is compiled by CPython when the machine has it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveOptions, type MigrationOptionsInput } from '../src/catalog/index.js';
import { placeFindings } from '../src/report/model.js';
import { applyEdits } from '../src/text/edits.js';
import { loadPythonTransform, type PythonTransform } from '../transforms/python.js';
import { cleanTempDirs, cli, read, tempDir, writeFiles } from './support/cli.js';
import { NOW, planWithTsMorph } from './support/plan.js';

afterAll(cleanTempDirs);

let python: PythonTransform;
beforeAll(async () => {
  python = await loadPythonTransform();
});

function planPython(code: string, options: MigrationOptionsInput = {}, fileName = 'app.py') {
  return python.run(fileName, code, resolveOptions({ now: NOW, ...options }));
}

const line = (f: { rule: string; fix: string; role: string; severity: string; surface?: string }) => `${f.rule} ${f.fix} ${f.role} ${f.severity} ${f.surface}`;

/** CPython, when this machine has it: the fixed texts must compile. */
const cpython = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;

interface Twin {
  name: string;
  py: string;
  /** The JS/TS twin; null when the shape has no JS form (a module-level client, `**params`). */
  js: string | null;
  /** `rule fix role severity surface`, in source order. */
  findings: string[];
  /** The fixed Python; omitted = unchanged. */
  output?: string;
  options?: MigrationOptionsInput;
  file?: string;
}

/** A read of the result as base64: a dall-e request is fixed only in a file that shows it handles b64_json. */
const PY_READS_B64 = '\nsave(result.data[0].b64_json)';
const JS_READS_B64 = '\nsave(result.data[0].b64_json);';
const pySdk = (body: string) => `from openai import OpenAI\n\nclient = OpenAI()\n${body}\n`;
const jsSdk = (body: string) => `import OpenAI from 'openai';\nconst client = new OpenAI();\n${body}\n`;

const twins: Twin[] = [
  {
    name: 'SDK generate: the model keyword renamed, its quotes kept',
    py: pySdk(`result = client.images.generate(model="gpt-image-1", prompt='a cat')`),
    js: jsSdk(`await client.images.generate({ model: "gpt-image-1", prompt: 'a cat' });`),
    findings: ['no-retired-model auto api-argument error openai'],
    output: pySdk(`result = client.images.generate(model="gpt-image-2", prompt='a cat')`),
  },
  {
    name: 'SDK edit: input_fidelity removed on its own line with its comment, trailing comma kept',
    py: pySdk(`result = client.images.edit(\n    model='gpt-image-1',\n    image=image,\n    prompt=prompt,\n    input_fidelity="high",  # keep faces\n)`),
    js: jsSdk(`await client.images.edit({\n  model: 'gpt-image-1',\n  image,\n  prompt,\n  input_fidelity: 'high', // keep faces\n});`),
    findings: ['no-retired-model auto api-argument error openai', 'valid-params auto param error openai'],
    output: pySdk(`result = client.images.edit(\n    model='gpt-image-2',\n    image=image,\n    prompt=prompt,\n)`),
  },
  {
    name: 'dall-e-3 leftovers: hd becomes high, style and response_format removed inline',
    py: pySdk(`result = client.images.generate(model="dall-e-3", prompt=p, quality="hd", style="natural", response_format="url")${PY_READS_B64}`),
    js: jsSdk(`const result = await client.images.generate({ model: 'dall-e-3', prompt, quality: 'hd', style: 'natural', response_format: 'url' });${JS_READS_B64}`),
    findings: [
      'no-retired-model auto api-argument error openai',
      'no-legacy-quality auto param error openai',
      'valid-params auto param error openai',
      'valid-params auto param error openai',
    ],
    output: pySdk(`result = client.images.generate(model="gpt-image-2", prompt=p, quality="high")${PY_READS_B64}`),
  },
  {
    name: 'dall-e-2 sizes become 1024x1024, standard becomes medium',
    py: pySdk(`result = client.images.generate(model="dall-e-2", prompt=p, size="256x256", quality="standard")${PY_READS_B64}`),
    js: jsSdk(`const result = await client.images.generate({ model: 'dall-e-2', prompt, size: '256x256', quality: 'standard' });${JS_READS_B64}`),
    findings: ['no-retired-model auto api-argument error openai', 'valid-params auto param error openai', 'no-legacy-quality auto param error openai'],
    output: pySdk(`result = client.images.generate(model="gpt-image-2", prompt=p, size="1024x1024", quality="medium")${PY_READS_B64}`),
  },
  {
    name: 'a dall-e request whose result goes back to a caller keeps its model: the caller may read .url, which gpt-image models never send',
    py: pySdk(`def make_image(p):\n    return client.images.generate(model="dall-e-3", prompt=p, response_format="url")`),
    js: jsSdk(`export const makeImage = (p: string) => client.images.generate({ model: 'dall-e-3', prompt: p, response_format: 'url' });`),
    findings: ['no-retired-model manual api-argument error openai'],
  },
  {
    name: "a b64_json read is evidence for its own request's result only, also through a parsed HTTP body",
    py: `import requests\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\ndef thumb(p):\n    r = client.images.generate(model="dall-e-2", prompt=p)\n    return r.data[0].b64_json\n\n\ndef poster(p):\n    return client.images.generate(model="dall-e-3", prompt=p)\n\n\ndef raw(p):\n    body = requests.post("https://api.openai.com/v1/images/generations", json={"model": "dall-e-3", "prompt": p}).json()\n    return body["data"][0]["b64_json"]\n`,
    js: `import OpenAI from 'openai';\n\nconst client = new OpenAI();\n\nexport async function thumb(p: string) {\n  const r = await client.images.generate({ model: 'dall-e-2', prompt: p });\n  return r.data[0].b64_json;\n}\n\nexport function poster(p: string) {\n  return client.images.generate({ model: 'dall-e-3', prompt: p });\n}\n\nexport async function raw(p: string) {\n  const body = await (await fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ model: 'dall-e-3', prompt: p }) })).json();\n  return body['data'][0]['b64_json'];\n}\n`,
    findings: ['no-retired-model auto api-argument error openai', 'no-retired-model manual api-argument error openai', 'no-retired-model auto api-argument error openai-http'],
    output: `import requests\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\ndef thumb(p):\n    r = client.images.generate(model="gpt-image-2", prompt=p)\n    return r.data[0].b64_json\n\n\ndef poster(p):\n    return client.images.generate(model="dall-e-3", prompt=p)\n\n\ndef raw(p):\n    body = requests.post("https://api.openai.com/v1/images/generations", json={"model": "gpt-image-2", "prompt": p}).json()\n    return body["data"][0]["b64_json"]\n`,
  },
  {
    name: 'gpt-image-1-mini: quality="low" is added as a keyword, spelled the Python way',
    py: pySdk(`client.images.generate(model="gpt-image-1-mini", response_format="b64_json")`),
    js: jsSdk(`await client.images.generate({ model: 'gpt-image-1-mini', response_format: 'b64_json' });`),
    findings: ['no-retired-model auto param warning openai', 'no-retired-model auto api-argument warning openai', 'valid-params auto param warning openai'],
    output: pySdk(`client.images.generate(model="gpt-image-2", quality="low")`),
  },
  {
    name: 'gpt-image-1-mini in a multi-line call: the keyword goes on its own line, with the call indentation',
    py: pySdk(`client.images.generate(\n    model="gpt-image-1-mini",\n    prompt=prompt,\n)`),
    js: jsSdk(`await client.images.generate({\n  model: 'gpt-image-1-mini',\n  prompt,\n});`),
    findings: ['no-retired-model auto param warning openai', 'no-retired-model auto api-argument warning openai'],
    output: pySdk(`client.images.generate(\n    model="gpt-image-2",\n    quality="low",\n    prompt=prompt,\n)`),
  },
  {
    name: "background='transparent' is reported, never dropped",
    py: pySdk(`client.images.generate(model="gpt-image-1", prompt=p, background="transparent")`),
    js: jsSdk(`await client.images.generate({ model: 'gpt-image-1', prompt, background: 'transparent' });`),
    findings: ['no-retired-model auto api-argument error openai', 'valid-params manual param warning openai'],
    output: pySdk(`client.images.generate(model="gpt-image-2", prompt=p, background="transparent")`),
  },
  {
    name: 'an env default (os.getenv) that feeds a params dict passed as **kwargs',
    py: `import os\n${pySdk(`MODEL = os.getenv("IMAGE_MODEL", "gpt-image-1")\nparams = {"model": MODEL, "prompt": p, "response_format": "b64_json"}\nclient.images.generate(**params)`)}`,
    js: null,
    findings: ['no-retired-model auto api-argument error openai', 'valid-params auto param error openai'],
    output: `import os\n${pySdk(`MODEL = os.getenv("IMAGE_MODEL", "gpt-image-2")\nparams = {"model": MODEL, "prompt": p}\nclient.images.generate(**params)`)}`,
  },
  {
    name: 'an env default read inline (os.environ.get) in an async client',
    py: `import os\nfrom openai import AsyncOpenAI\n\nclient = AsyncOpenAI()\n\n\nasync def make(p):\n    return await client.images.generate(model=os.environ.get("IMAGE_MODEL", "gpt-image-1"), prompt=p)\n`,
    js: `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const make = (prompt: string) => client.images.generate({ model: process.env.IMAGE_MODEL ?? 'gpt-image-1', prompt });\n`,
    findings: ['no-retired-model auto api-argument error openai'],
    output: `import os\nfrom openai import AsyncOpenAI\n\nclient = AsyncOpenAI()\n\n\nasync def make(p):\n    return await client.images.generate(model=os.environ.get("IMAGE_MODEL", "gpt-image-2"), prompt=p)\n`,
  },
  {
    name: 'a client made inline (OpenAI().images.generate), no other param to go by',
    py: `from openai import OpenAI\n\nOpenAI().images.generate(model="gpt-image-1")\n`,
    js: `import OpenAI from 'openai';\nawait new OpenAI().images.generate({ model: 'gpt-image-1' });\n`,
    findings: ['no-retired-model auto api-argument error openai'],
    output: `from openai import OpenAI\n\nOpenAI().images.generate(model="gpt-image-2")\n`,
  },
  {
    name: 'the module-level client (openai.images.generate)',
    py: `import openai\n\nopenai.images.generate(model="gpt-image-1", prompt=p)\n`,
    js: null,
    findings: ['no-retired-model auto api-argument error openai'],
    output: `import openai\n\nopenai.images.generate(model="gpt-image-2", prompt=p)\n`,
  },
  {
    name: 'a default parameter that feeds the call',
    py: `from openai import OpenAI\n\n\ndef make(prompt, model: str = "gpt-image-1"):\n    return OpenAI().images.generate(model=model, prompt=prompt)\n`,
    js: `import OpenAI from 'openai';\nexport function make(prompt: string, model = 'gpt-image-1') {\n  return new OpenAI().images.generate({ model, prompt });\n}\n`,
    findings: ['no-retired-model auto api-argument error openai'],
    output: `from openai import OpenAI\n\n\ndef make(prompt, model: str = "gpt-image-2"):\n    return OpenAI().images.generate(model=model, prompt=prompt)\n`,
  },
  {
    name: 'the Responses image_generation tool names no model: "model" is inserted as a dict entry',
    py: pySdk(`client.responses.create(model="gpt-5", input=p, tools=[{"type": "image_generation", "quality": "high"}])`),
    js: jsSdk(`await client.responses.create({ model: 'gpt-5', input, tools: [{ type: 'image_generation', quality: 'high' }] });`),
    findings: ['no-retired-model auto api-argument error responses-tool'],
    output: pySdk(`client.responses.create(model="gpt-5", input=p, tools=[{"type": "image_generation", "model": "gpt-image-2", "quality": "high"}])`),
  },
  {
    name: "the Agents SDK's image tool names no model (its default is gpt-image-1): one is inserted after the tool's type",
    py: `from agents import Agent, ImageGenerationTool\n\nagent = Agent(name="images", tools=[ImageGenerationTool(tool_config={"type": "image_generation", "quality": "low"})])\n`,
    js: `import { Agent, imageGenerationTool } from '@openai/agents';\nexport const agent = new Agent({ name: 'images', tools: [imageGenerationTool({ quality: 'low' })] });\n`,
    findings: ['no-retired-model auto api-argument error responses-tool'],
    output: `from agents import Agent, ImageGenerationTool\n\nagent = Agent(name="images", tools=[ImageGenerationTool(tool_config={"type": "image_generation", "model": "gpt-image-2", "quality": "low"})])\n`,
  },
  {
    name: "another vendor's client (OpenAI pointed at api.x.ai) is reported, not edited",
    py: `import os\nfrom openai import OpenAI\n\nclient = OpenAI(base_url="https://api.x.ai/v1", api_key=os.environ["XAI_API_KEY"])\nclient.images.generate(model="dall-e-3", prompt=p)\n`,
    js: `import OpenAI from 'openai';\nconst client = new OpenAI({ baseURL: 'https://api.x.ai/v1', apiKey: process.env.XAI_API_KEY });\nawait client.images.generate({ model: 'dall-e-3', prompt });\n`,
    findings: ['no-retired-model manual api-argument error unknown'],
  },
  {
    name: 'a row written to a database (supabase insert) is stored data, not a request',
    py: `row = {"user_id": user_id, "prompt": prompt, "model": "dall-e-3", "quality": "hd", "size": "1024x1024"}\nsupabase.table("images").insert({"image": url, "meta": {"model": "dall-e-3", "quality": "hd", "size": "1024x1024"}}).execute()\n`,
    js: `const row = { user_id, prompt, model: 'dall-e-3', quality: 'hd', size: '1024x1024' };\nawait supabase.from('images').insert({ image: url, meta: { model: 'dall-e-3', quality: 'hd', size: '1024x1024' } });\n`,
    // the first object is sent nowhere the view can see: a request of an unknown provider, as before
    findings: ['no-retired-model manual api-argument error openai', 'no-retired-model manual stored-value error unknown'],
  },
  {
    name: 'AzureOpenAI: the model is a deployment name, reported',
    py: `from openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint=endpoint, api_version="2025-04-01-preview")\nclient.images.generate(model="gpt-image-1", prompt=p)\n`,
    js: `import { AzureOpenAI } from 'openai';\nconst client = new AzureOpenAI({ endpoint, apiVersion: '2025-04-01-preview' });\nawait client.images.generate({ model: 'gpt-image-1', prompt });\n`,
    findings: ['no-retired-model manual deployment error azure'],
  },
  {
    name: 'raw HTTP with requests: the json= body, a comment on the removed line goes with it',
    py: `import requests\n\n\ndef gen(prompt):\n    return requests.post(\n        "https://api.openai.com/v1/images/generations",\n        headers={"Authorization": f"Bearer {key}"},\n        json={\n            "model": "gpt-image-1",\n            "prompt": prompt,\n            "response_format": "b64_json",  # base64 back\n        },\n    )\n`,
    js: `export const gen = (prompt: string) =>\n  fetch('https://api.openai.com/v1/images/generations', {\n    method: 'POST',\n    body: JSON.stringify({\n      model: 'gpt-image-1',\n      prompt,\n      response_format: 'b64_json', // base64 back\n    }),\n  });\n`,
    findings: ['no-retired-model auto api-argument error openai-http', 'valid-params auto param error openai-http'],
    output: `import requests\n\n\ndef gen(prompt):\n    return requests.post(\n        "https://api.openai.com/v1/images/generations",\n        headers={"Authorization": f"Bearer {key}"},\n        json={\n            "model": "gpt-image-2",\n            "prompt": prompt,\n        },\n    )\n`,
  },
  {
    name: 'raw HTTP with aiohttp: quality hd becomes high, style removed',
    py: `async def gen(session, p):\n    async with session.post("https://api.openai.com/v1/images/generations", json={"model": "dall-e-3", "prompt": p, "quality": "hd", "style": "vivid", "response_format": "b64_json"}) as r:\n        return await r.json()\n`,
    js: `export const gen = (p: string) => fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ model: 'dall-e-3', prompt: p, quality: 'hd', style: 'vivid', response_format: 'b64_json' }) });\n`,
    findings: ['no-retired-model auto api-argument error openai-http', 'no-legacy-quality auto param error openai-http', 'valid-params auto param error openai-http', 'valid-params auto param error openai-http'],
    output: `async def gen(session, p):\n    async with session.post("https://api.openai.com/v1/images/generations", json={"model": "gpt-image-2", "prompt": p, "quality": "high"}) as r:\n        return await r.json()\n`,
  },
  {
    name: 'Unifically over httpx: quality becomes resolution, size becomes aspect_ratio (the resolution-tier policy)',
    py: `import httpx\n\nhttpx.post("https://api.unifically.com/v1/tasks", json={"model": "openai/gpt-image-1", "input": {"prompt": p, "quality": "high", "size": "1024x1536"}})\n`,
    js: `await fetch('https://api.unifically.com/v1/tasks', { method: 'POST', body: JSON.stringify({ model: 'openai/gpt-image-1', input: { prompt, quality: "high", size: '1024x1536' } }) });\n`,
    findings: ['no-retired-model auto api-argument error unifically', 'no-legacy-quality auto param error unifically', 'valid-params auto param error unifically'],
    output: `import httpx\n\nhttpx.post("https://api.unifically.com/v1/tasks", json={"model": "openai/gpt-image-2", "input": {"prompt": p, "resolution": "4k", "aspect_ratio": "2:3"}})\n`,
  },
  {
    name: "comparisons: == and an 'in' test of a set are a person's decision",
    py: `def legacy(model):\n    if model == "gpt-image-1":\n        return True\n    return model in {"dall-e-3"}\n`,
    js: `export function legacy(model: string) {\n  if (model === 'gpt-image-1') return true;\n  return ['dall-e-3'].includes(model);\n}\n`,
    findings: ['no-retired-model manual comparison error unknown', 'no-retired-model manual comparison error unknown'],
  },
  {
    name: 'a Literal[...] type names the ids: reported as a type',
    py: `from typing import Literal\n\nImageModel = Literal["gpt-image-1", "dall-e-3"]\n`,
    js: `export type ImageModel = 'gpt-image-1' | 'dall-e-3';\n`,
    findings: ['no-retired-model manual type warning unknown', 'no-retired-model manual type warning unknown'],
  },
  {
    name: "a type that already takes any string (Union[str, Literal[...]], as openai-python's types): info, not 'add gpt-image-2'",
    py: `from typing import Literal, Optional, Union\n\n\nclass ImageGeneration:\n    model: Union[\n        str,\n        Literal[\n            "gpt-image-1",\n            "gpt-image-2",\n        ],\n        None,\n    ] = None\n    legacy: Optional[Literal["dall-e-3"]] = None\n`,
    js: `export type Model = (string & {}) | 'gpt-image-1' | 'gpt-image-2';\nexport type Legacy = 'dall-e-3';\n`,
    findings: ['no-retired-model manual type info unknown', 'no-retired-model manual type warning unknown'],
  },
  {
    name: 'an Enum member naming an id is reported as its TS enum twin is',
    py: `from enum import Enum\n\n\nclass ImageModel(str, Enum):\n    OLD = "gpt-image-1"\n    NEW = "gpt-image-2"\n`,
    js: `export enum ImageModel {\n  OLD = 'gpt-image-1',\n  NEW = 'gpt-image-2',\n}\n`,
    findings: ['no-retired-model manual other error unknown'],
  },
  {
    name: 'a pydantic field default is a model setting, reported until a call is seen reading it',
    py: `from pydantic import BaseModel\n\n\nclass Job(BaseModel):\n    model: str = "gpt-image-1"\n`,
    js: `export const job = { model: 'gpt-image-1' };\n`,
    findings: ['no-retired-model manual setting error unknown'],
  },
  {
    name: 'a module constant no call is seen reading is a setting, reported',
    py: `IMAGE_MODEL = "gpt-image-1"  # used by the worker\n`,
    js: `export const IMAGE_MODEL = 'gpt-image-1'; // used by the worker\n`,
    findings: ['no-retired-model manual setting error unknown'],
  },
  {
    name: "LangChain's DallEAPIWrapper cannot be migrated by a rename",
    py: `from langchain_community.utilities.dalle_image_generator import DallEAPIWrapper\n\nwrapper = DallEAPIWrapper(model="dall-e-3")\n`,
    js: null,
    findings: ['no-retired-model manual not-migratable error langchain'],
  },
  {
    name: 'fal_client: the endpoint moves to its gpt-image-2 endpoint, params under arguments= follow the policy',
    py: `import fal_client\n\nfal_client.subscribe("fal-ai/gpt-image-1/text-to-image", arguments={"prompt": p, "quality": "hd"})\n`,
    js: `import { fal } from '@fal-ai/client';\nawait fal.subscribe('fal-ai/gpt-image-1/text-to-image', { input: { prompt, quality: 'hd' } });\n`,
    findings: ['no-retired-model auto api-argument error fal', 'no-legacy-quality auto param error fal'],
    output: `import fal_client\n\nfal_client.subscribe("openai/gpt-image-2", arguments={"prompt": p, "quality": "high"})\n`,
  },
  {
    name: "replicate.run: the owner's prefix is kept",
    py: `import replicate\n\nreplicate.run("openai/gpt-image-1", input={"prompt": p})\n`,
    js: `import Replicate from 'replicate';\nconst replicate = new Replicate();\nawait replicate.run('openai/gpt-image-1', { input: { prompt } });\n`,
    findings: ['no-retired-model auto api-argument error replicate'],
    output: `import replicate\n\nreplicate.run("openai/gpt-image-2", input={"prompt": p})\n`,
  },
  {
    name: 'a raw HTTP body with no model relies on the endpoint default dall-e-2: reported, never given a model',
    py: `import httpx\nimport requests\n\nrequests.post("https://api.openai.com/v1/images/generations", json={"prompt": p, "size": "512x512"})\nhttpx.post("https://api.openai.com/v1/images/generations", json={"prompt": p}, headers=h)\n`,
    js: `import axios from 'axios';\nawait fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify({ prompt: p, size: '512x512' }) });\nawait axios.post('https://api.openai.com/v1/images/generations', { prompt: p }, { headers: h });\n`,
    findings: ['no-retired-model manual api-argument error openai-http', 'no-retired-model manual api-argument error openai-http'],
  },
  {
    name: 'a raw HTTP body that gets its model after it is built is not reported',
    py: `import requests\n\npayload = {"prompt": p}\npayload["model"] = m\nrequests.post("https://api.openai.com/v1/images/generations", json=payload)\n`,
    js: `const payload = { prompt: p };\npayload['model'] = m;\nawait fetch('https://api.openai.com/v1/images/generations', { method: 'POST', body: JSON.stringify(payload) });\n`,
    findings: [],
  },
];

describe('Python and its JS twin: one engine, the same findings', () => {
  for (const c of twins) {
    it(c.name, () => {
      const plan = planPython(c.py, c.options, c.file);
      expect(plan.findings.map(line)).toEqual(c.findings);
      expect(plan.output).toBe(c.output ?? c.py);
      if (c.js !== null) {
        const js = planWithTsMorph(c.js, c.options, c.file?.replace(/\.py$/, '.ts'));
        expect(js.findings.map(line), 'the JS twin').toEqual(c.findings);
      }
      // idempotent: the fixed text plans no further edit
      expect(planPython(plan.output, c.options, c.file).output).toBe(plan.output);
    });
  }
});

/** Shapes a review of `fix` on public Python repositories found edited wrongly (docs/real-repos.md): each is now reported, in both languages. */
const fromRealRepos: Twin[] = [
  {
    name: "response_format='url' and a '.url' read: the call is left alone, its missing model reported (a cookbook notebook's images.edit)",
    py: `from openai import OpenAI\nimport requests\n\nclient = OpenAI()\nr = client.images.edit(image=img, prompt="p", n=1, size="1024x1024", response_format="url")\nrequests.get(r.data[0].url)\n`,
    js: `import OpenAI from 'openai';\nconst client = new OpenAI();\nconst r = await client.images.edit({ image, prompt: 'p', n: 1, size: '1024x1024', response_format: 'url' });\nawait fetch(r.data![0]!.url!);\n`,
    findings: ['no-retired-model manual api-argument warning openai', 'valid-params manual param warning openai'],
  },
  {
    name: 'a size read from a parameter default the target rejects: the model is not changed without it',
    py: `from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef gen_img(prompt, model="dall-e-2", size="256x256"):\n    return client.images.generate(model=model, prompt=prompt, size=size)\n`,
    js: `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport function genImg(prompt: string, model = 'dall-e-2', size: '256x256' | '1024x1024' = '256x256') {\n  return client.images.generate({ model, prompt, size });\n}\n`,
    findings: ['no-retired-model manual api-argument error openai'],
  },
  {
    name: "a parameter shadows the module constant of the same name: the constant is not the call's model",
    py: `from openai import OpenAI\n\nclient = OpenAI()\nmodel = "dall-e-3"  # legend only\n\n\ndef gen(prompt, model):\n    return client.images.generate(model=model, prompt=prompt)\n`,
    js: `import OpenAI from 'openai';\nconst client = new OpenAI();\nconst model = 'dall-e-3'; // legend only\nexport function gen(prompt: string, model: string) {\n  return client.images.generate({ model, prompt });\n}\n`,
    findings: ['no-retired-model manual setting error openai'],
  },
  {
    name: "an untraced client in a file that imports OpenAI's SDK and another vendor's: either may make it",
    py: `from openai import OpenAI\nfrom together import Together\n\n\nclass Images:\n    def __init__(self):\n        self._image_client = Together()\n\n    def run(self, p):\n        return self._image_client.images.generate(model="dall-e-3", prompt=p, response_format="b64_json")\n`,
    js: `import OpenAI from 'openai';\nimport Together from 'together-ai';\nexport class Images {\n  client = new Together();\n  run(p: string) {\n    return this.client.images.generate({ model: 'dall-e-3', prompt: p, response_format: 'b64_json' });\n  }\n}\n`,
    findings: ['no-retired-model manual api-argument error openai'],
  },
  {
    name: 'images.create_variation (dall-e-2 only) is not migratable by a rename, named or not',
    py: `from openai import OpenAI\n\nclient = OpenAI()\nclient.images.create_variation(image=f, model="dall-e-2")\nclient.images.create_variation(image=f, n=2)\n`,
    js: `import OpenAI from 'openai';\nconst client = new OpenAI();\nawait client.images.createVariation({ image, model: 'dall-e-2' });\nawait client.images.createVariation({ image, n: 2 });\n`,
    findings: ['no-retired-model manual not-migratable error openai', 'no-retired-model manual not-migratable error openai'],
  },
  {
    name: "a fal input the file does not show (a parameter of the function) keeps the model: its params cannot be checked (weirdfingers/boards)",
    py: `import fal_client\n\n\nasync def edit(arguments):\n    return await fal_client.submit_async("fal-ai/gpt-image-1/edit-image", arguments=arguments)\n`,
    js: `import { fal } from '@fal-ai/client';\nexport const edit = (input: Record<string, unknown>) => fal.subscribe('fal-ai/gpt-image-1/edit-image', { input });\n`,
    findings: ['no-retired-model manual api-argument error fal'],
  },
  {
    name: 'an image_generation tool a helper builds and returns names no model: reported where it is built; one that sets its model on some path, a warning (pydantic-ai)',
    py: `from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef configured(model=None):\n    tool = {"type": "image_generation", "quality": "low"}\n    if model is not None:\n        tool["model"] = model\n    return tool\n\n\ndef plain():\n    tool = {"type": "image_generation", "quality": "low"}\n    return tool\n\n\nr = client.responses.create(model="gpt-5", input="a cat", tools=[configured(), plain()])\n`,
    js: `import OpenAI from 'openai';\nconst client = new OpenAI();\nfunction configured(model?: string) {\n  const tool: Record<string, unknown> = { type: 'image_generation', quality: 'low' };\n  if (model) tool.model = model;\n  return tool;\n}\nfunction plain() {\n  const tool = { type: 'image_generation', quality: 'low' };\n  return tool;\n}\nawait client.responses.create({ model: 'gpt-5', input: 'a cat', tools: [configured(), plain()] });\n`,
    findings: ['no-retired-model manual api-argument warning responses-tool', 'no-retired-model manual api-argument error responses-tool'],
  },
  {
    name: 'a params dict passed as **kw may hold the model: a warning that says so, not an error that it names none',
    py: `from openai import OpenAI\n\nclient = OpenAI()\nkw = dict(model=m, prompt="p")\nclient.images.edit(image=i, **kw)\n`,
    js: `import OpenAI from 'openai';\nconst client = new OpenAI();\nawait client.images.edit({ image, ...kw });\n`,
    findings: ['no-retired-model manual api-argument warning openai'],
  },
];

/** Each case's findings, the same in Python and in its JS twin, and neither text edited. */
function reportedInBothNeverEdited(cases: readonly Twin[]): void {
  for (const c of cases) {
    it(c.name, () => {
      const plan = planPython(c.py, c.options, c.file);
      expect(plan.findings.map(line)).toEqual(c.findings);
      expect(plan.output).toBe(c.py);
      const js = planWithTsMorph(c.js!, c.options);
      expect(js.findings.map(line), 'the JS twin').toEqual(c.findings);
      expect(js.output).toBe(c.js);
    });
  }
}

describe('shapes from public Python repositories, reported instead of edited', () => reportedInBothNeverEdited(fromRealRepos));

/** What the code decides at run time (a model, an Azure deployment): reported in both languages, and nothing is edited. */
const decidedAtRunTime: Twin[] = [
  {
    name: 'an f-string, a % format and .format() of a dall-e stem, and their JS twins (a template, a concatenation): errors, never edited',
    py: pySdk(`def gen(v, prompt):\n    client.images.generate(model=f"dall-e-{v}", prompt=prompt)\n    client.images.generate(model="dall-e-%d" % v, prompt=prompt)\n    return client.images.generate(model="dall-e-{}".format(v), prompt=prompt)`),
    js: jsSdk(`export async function gen(v: number, prompt: string) {\n  await client.images.generate({ model: \`dall-e-\${v}\`, prompt });\n  await client.images.generate({ model: 'dall-e-' + v, prompt });\n  return client.images.generate({ model: \`dall-e-\${v}\`, prompt });\n}`),
    findings: ['no-retired-model manual api-argument error openai', 'no-retired-model manual api-argument error openai', 'no-retired-model manual api-argument error openai'],
  },
  {
    name: 'gpt-image-{v} may be gpt-image-2: a warning; the same template elsewhere is info',
    py: pySdk(`MODEL = f"gpt-image-{ver}"\nlabel = f"dall-e-{v}"\nclient.images.generate(model=MODEL, prompt=p)`),
    js: jsSdk(`const MODEL = \`gpt-image-\${ver}\`;\nconst label = \`dall-e-\${v}\`;\nawait client.images.generate({ model: MODEL, prompt });`),
    findings: ['no-retired-model manual api-argument warning openai', 'no-retired-model manual other info unknown'],
  },
  {
    name: "a model passed in as a parameter with dall-e-only params: each reported, as gpt-image models reject them",
    py: pySdk(`def gen(model, prompt):\n    return client.images.generate(model=model, prompt=prompt, style="vivid", response_format="url", quality="hd")`),
    js: jsSdk(`export function gen(model: string, prompt: string) {\n  return client.images.generate({ model, prompt, style: 'vivid', response_format: 'url', quality: 'hd' });\n}`),
    findings: ['valid-params manual param warning openai', 'valid-params manual param warning openai', 'no-legacy-quality manual param warning openai'],
  },
  {
    name: 'the Responses image tool on an Azure client names no model: the deployment header decides, reported with Azure guidance',
    py: `from openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint=endpoint, api_version="preview")\nclient.responses.create(model="gpt-4.1", input=p, tools=[{"type": "image_generation"}])\n`,
    js: `import { AzureOpenAI } from 'openai';\nconst client = new AzureOpenAI({ endpoint, apiVersion: 'preview' });\nawait client.responses.create({ model: 'gpt-4.1', input, tools: [{ type: 'image_generation' }] });\n`,
    findings: ['no-retired-model manual deployment warning azure'],
  },
];

describe('decided at run time: reported, never edited', () => reportedInBothNeverEdited(decidedAtRunTime));

describe('Python scopes', () => {
  it("a name assigned in one function is that function's own: another function's default, or its own local, is what its call sends", () => {
    const code = `from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef a():\n    model = pick()\n    return model\n\n\ndef b(prompt, model="dall-e-3"):\n    r = client.images.generate(model=model, prompt=prompt)\n    return r.data[0].b64_json\n\n\ndef c(prompt):\n    model = "gpt-image-1"\n    return client.images.generate(model=model, prompt=prompt)\n\n\ndef save(result):\n    return result.data[0].b64_json\n`;
    const plan = planPython(code);
    expect(plan.findings.map(line)).toEqual(['no-retired-model auto api-argument error openai', 'no-retired-model auto api-argument error openai']);
    expect(plan.output).toBe(code.replace('model="dall-e-3"', 'model="gpt-image-2"').replace('model = "gpt-image-1"', 'model = "gpt-image-2"'));
  });
});

describe('Python-only surfaces', () => {
  it("the openai package's pre-1.0 module API (openai.Image.create) is reported with how to port it; another library's Image.create is not", () => {
    const plan = planPython(`import openai\n\nopenai.Image.create(prompt="a cat", n=1, size="512x512")\n`);
    expect(plan.findings.map(line)).toEqual(['no-retired-model manual not-migratable error openai']);
    expect(plan.findings[0]!.message).toContain('before 1.0');
    // the exact modern call, params mapped as the inline policy maps them, and what the result handling needs
    const old = planPython(`import openai\n\nresponse = openai.Image.create(prompt="a cat", n=1, size="512x512", response_format="url", quality="hd")\nurl = response["data"][0]["url"]\n`);
    expect(old.findings[0]!.message).toContain('It becomes: client.images.generate(model="gpt-image-2", prompt="a cat", n=1, size="1024x1024", quality="high") with client = OpenAI()');
    expect(old.findings[0]!.message).toContain('result.data[0].b64_json');
    expect(planWithTsMorph(`import { fabric } from 'fabric';\nfabric.Image.create({ src });\n`).findings).toEqual([]);
  });

  it("LangChain's Python DallEAPIWrapper is described as itself: dall-e-2 by default, quality 'standard' and .url, with a Python replacement (hahaliu1029/llmops-api)", () => {
    const plan = planPython(`from langchain_community.utilities.dalle_image_generator import DallEAPIWrapper\n\npainter = DallEAPIWrapper()\nhd = DallEAPIWrapper(model_name="dall-e-3")\n`);
    expect(plan.findings.map(line)).toEqual(['no-retired-model manual not-migratable error langchain', 'no-retired-model manual not-migratable error langchain']);
    expect(plan.findings[0]!.message).toMatch(/^DallEAPIWrapper calls a dall-e model \(dall-e-2 unless another is named;.*quality 'standard'.*OpenAI\(\)\.images\.generate\(model='gpt-image-2'/);
    expect(plan.findings.map((f) => f.message).join(' ')).not.toMatch(/@langchain\/openai|always sends response_format/);
    expect(planWithTsMorph(`import { DallEAPIWrapper } from '@langchain/openai';\nexport const t = new DallEAPIWrapper();\n`).findings[0]!.message).toMatch(/dall-e-3 unless another is named.*@langchain\/openai/);
  });

  it("pydantic-settings' Field(default=..., alias=\"ENV_NAME\") is that environment variable's default: an Azure deployment setting is one (Microsoft's content accelerator)", () => {
    const code = `from pydantic import Field\nfrom pydantic_settings import BaseSettings\n\n\nclass ImageSettings(BaseSettings):\n    image_deployment: str = Field(default="gpt-image-1", alias="AZURE_OPENAI_IMAGE_DEPLOYMENT")\n    label: str = Field("dall-e-3", description="shown in the UI")\n`;
    const plan = planPython(code);
    expect(plan.findings.map(line)).toEqual(['no-retired-model manual deployment error azure', 'no-retired-model manual other error unknown']);
    expect(plan.findings[0]!.message).toMatch(/deployment name you chose/);
    expect(plan.output).toBe(code);
  });

  it('the pre-1.0 module API pointed at Azure (openai.api_type = "azure") is ported to AzureOpenAI and a gpt-image-2 deployment (bharaththippireddy/azureopenaidemo)', () => {
    const plan = planPython(`import openai\n\nopenai.api_type = "azure"\nopenai.api_base = "https://myres.openai.azure.com/"\nr = openai.Image.create(prompt="a cat", n=1, size="1024x1024")\n`);
    expect(plan.findings.map(line)).toEqual(['no-retired-model manual not-migratable error azure']);
    expect(plan.findings[0]!.message).toContain('with client = AzureOpenAI(azure_endpoint=..., api_version=...)');
    expect(plan.findings[0]!.message).toContain('model="<your gpt-image-2 deployment>"');
    expect(plan.findings[0]!.message).not.toContain('client = OpenAI()');
  });

  it('its async twins (openai.Image.acreate, acreate_edit, acreate_variation) are reported the same way, ported to AsyncOpenAI (soyelmismo/chatgpTG)', () => {
    const plan = planPython(
      `import openai\n\n\nasync def draw(p, img):\n    r = await openai.Image.acreate(prompt=p, n=1, size="512x512")\n    await openai.Image.acreate_edit(image=img, prompt=p)\n    await openai.Image.acreate_variation(image=img)\n    return [d.url for d in r.data]\n`,
    );
    expect(plan.findings.filter((f) => f.role === 'not-migratable').map(line)).toEqual([
      'no-retired-model manual not-migratable error openai',
      'no-retired-model manual not-migratable error openai',
      'no-retired-model manual not-migratable error openai',
    ]);
    expect(plan.findings[0]!.message).toContain('It becomes: await client.images.generate(model="gpt-image-2", prompt=p, n=1, size="1024x1024") with client = AsyncOpenAI()');
    expect(plan.findings[2]!.message).toMatch(/no gpt-image model serves them/);
  });

  it("LiteLLM: an 'openai/' id is renamed; a bare id is reported with the spelling that routes on every version; 'azure/' is a deployment", () => {
    const code = `import litellm\n\nresult = litellm.image_generation(model="openai/dall-e-3", prompt=p)\nlitellm.image_generation(model="gpt-image-1", prompt=p)\nlitellm.image_generation(model="azure/gpt-image-1", prompt=p)${PY_READS_B64}\n`;
    const plan = planPython(code);
    expect(plan.findings.map(line)).toEqual([
      'no-retired-model auto api-argument error litellm',
      'no-retired-model manual api-argument error litellm',
      'no-retired-model manual deployment error azure',
    ]);
    expect(plan.findings[1]!.message).toContain("write 'openai/gpt-image-2'");
    expect(plan.findings[2]!.message).toContain('deployment name you chose');
    expect(plan.output).toBe(code.replace('"openai/dall-e-3"', '"openai/gpt-image-2"'));
  });

  it("a file that only calls another vendor (xai_sdk) gets no OpenAI model in its image_generation tool", () => {
    const code = `from xai_sdk import Client\n\nclient = Client()\ntools = [{"type": "image_generation"}]\n`;
    expect(planPython(code).findings).toEqual([]);
  });

  it('a live Python call is an error and is fixed; a comment naming the id is info', () => {
    const plan = planPython(`from openai import OpenAI\nOpenAI().images.generate(model="gpt-image-1", prompt=p)\n# gpt-image-1 is gone\n`, {}, 'gen.py');
    expect(plan.findings.map((f) => [f.role, f.severity, f.fix])).toEqual([
      ['api-argument', 'error', 'auto'],
      ['doc', 'info', 'manual'],
    ]);
  });

  it('in a test module (test_*.py) nothing is rewritten: the call and its assertion change together or not at all', () => {
    const code = `${pySdk('')}\ndef test_sends_model(mock_post):\n    client.images.generate(model="gpt-image-1", prompt="x")\n    mock_post.assert_called_once_with(model="gpt-image-1", prompt="x")\n`;
    const plan = planPython(code, {}, 'tests/test_images.py');
    expect(plan.output).toBe(code);
    expect(plan.findings.map((f) => [f.role, f.fix])).toEqual([
      ['api-argument', 'manual'],
      ['api-argument', 'manual'],
    ]);
  });

  it('keeps CRLF line endings and a BOM-free file byte for byte outside the edits', () => {
    const code = pySdk(`client.images.edit(\n    model="gpt-image-1",\n    input_fidelity="low",\n    prompt=p,\n)`).replace(/\n/g, '\r\n');
    const { output } = planPython(code);
    expect(output).toBe(code.replace('gpt-image-1', 'gpt-image-2').replace('    input_fidelity="low",\r\n', ''));
  });

  it('a file that is not Python is refused with the line and column, not half-planned', () => {
    expect(() => planPython(`client.images.generate(model="gpt-image-1",\n`)).toThrow(/does not parse: .*line \d+/);
  });
});

if (cpython) {
  describe('CPython agrees the fixed files are Python', () => {
    it('every twin output compiles with py_compile', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'gim-pyc-'));
      try {
        const files = twins.map((c, i) => {
          const file = path.join(dir, `case_${i}.py`);
          writeFileSync(file, planPython(c.py, c.options, c.file).output);
          return file;
        });
        expect(() => execFileSync(cpython, ['-m', 'py_compile', ...files], { stdio: 'pipe' })).not.toThrow();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

/** A notebook as nbformat writes it: one-space indent, source as a list of lines, outputs beside. */
function notebook(cells: { cell_type: string; source: string[]; outputs?: unknown[] }[]): string {
  const full = cells.map((c) => (c.cell_type === 'code' ? { cell_type: 'code', execution_count: 1, metadata: {}, outputs: c.outputs ?? [], source: c.source } : { cell_type: c.cell_type, metadata: {}, source: c.source }));
  return `${JSON.stringify({ cells: full, metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } }, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}

describe('Django: a model field and its migrations', () => {
  const model = `from django.db import models\n\n\nclass Image(models.Model):\n    model = models.CharField(default="dall-e-3", max_length=200)\n    prompt = models.TextField()\n`;
  const migration = `# Generated by Django 4.2 on 2024-05-01 10:00\n\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("images", "0001_initial")]\n\n    operations = [\n        migrations.AddField(\n            model_name="image",\n            name="model",\n            field=models.CharField(default="dall-e-3", max_length=200),\n        ),\n    ]\n`;

  it("a model field's default is reported as before, saying that stored rows keep the old value and that a migration makes the change", () => {
    const plan = planPython(model, {}, 'images/models.py');
    expect(plan.findings.map(line)).toEqual(['no-retired-model manual other error unknown']);
    expect(plan.findings[0]!.suggestion?.description).toBe("Replace with 'gpt-image-2'");
    expect(plan.findings[0]!.message).toMatch(/Django model field models\.CharField\(\).*rows already stored keep the old value.*new migration/);
    expect(plan.output).toBe(model);
  });

  it('a migration is history: its ids are info, never edited, and the message says a new migration changes the default', () => {
    const plan = planPython(migration, {}, 'images/migrations/0002_image_model.py');
    expect(plan.findings.map(line)).toEqual(['no-retired-model manual other info unknown']);
    expect(plan.findings[0]!.suggestion).toBeUndefined();
    expect(plan.findings[0]!.message).toMatch(/Django migration \(migrations\/0002_image_model\.py\).*a new migration.*rows already stored keep the old id/);
    expect(plan.output).toBe(migration);
    // a migration subclassed without the import, hand-written: the same
    const bare = migration.replace('from django.db import migrations, models\n', 'import django.db.migrations as migrations\nfrom django.db import models\n');
    expect(planPython(bare, {}, 'images/migrations/0002_image_model.py').findings.map(line)).toEqual(['no-retired-model manual other info unknown']);
    // a file under migrations/ that is not Django's is planned as code
    expect(planPython(model, {}, 'images/migrations/helpers.py').findings.map(line)).toEqual(['no-retired-model manual other error unknown']);
  });
});

describe('Jupyter notebooks', () => {
  const recorded = { name: 'stdout', output_type: 'stream', text: ["model='gpt-image-1'\n"] };
  const before = notebook([
    { cell_type: 'markdown', source: ['# Images with dall-e-3\n', 'We call the API below.'] },
    { cell_type: 'code', source: ['%pip install openai\n', 'from openai import OpenAI\n', 'client = OpenAI()'] },
    {
      cell_type: 'code',
      source: ['result = client.images.generate(\n', '    model="dall-e-3",\n', '    prompt="a \\"quoted\\" cat",\n', '    response_format="b64_json",\n', '    quality="hd",\n', ')\n', "print(f\"model='{result.model}'\")"],
      outputs: [recorded],
    },
  ]);

  it('code cells are fixed in place; markdown is reported, outputs and formatting are untouched', () => {
    const plan = planPython(before, {}, 'notebooks/images.ipynb');
    const after = JSON.parse(plan.output);
    expect(after.cells[2].source).toEqual(['result = client.images.generate(\n', '    model="gpt-image-2",\n', '    prompt="a \\"quoted\\" cat",\n', '    quality="high",\n', ')\n', "print(f\"model='{result.model}'\")"]);
    // everything but the changed source lines is the same text: indent, key order, outputs, the final newline
    expect(plan.output).toBe(
      before
        .replace('"    model=\\"dall-e-3\\",\\n"', '"    model=\\"gpt-image-2\\",\\n"')
        .replace('    "    response_format=\\"b64_json\\",\\n",\n', '')
        .replace('"    quality=\\"hd\\",\\n"', '"    quality=\\"high\\",\\n"'),
    );
    expect(after.cells[2].outputs).toEqual([recorded]);
    expect(after.cells[0]).toEqual(JSON.parse(before).cells[0]);
    const byCell = plan.findings.map((f) => [f.message.match(/^cell (\d+)/)?.[1], f.role, f.fix]);
    expect(byCell).toEqual([
      ['1', 'doc', 'manual'],
      // the id the cell printed when it last ran: recorded output, reported as info
      ['3', 'stored-value', 'manual'],
      ['3', 'api-argument', 'auto'],
      ['3', 'param', 'auto'],
      ['3', 'param', 'auto'],
    ]);
    // the finding's range points into the notebook file, at the id in cell 3
    const id = plan.findings[2]!;
    expect(before.slice(id.range[0], id.range[1])).toContain('dall-e-3');
    // the fixed notebook plans nothing more
    expect(planPython(plan.output, {}, 'notebooks/images.ipynb').output).toBe(plan.output);
  });

  it('a source written as one string (not a list of lines) is fixed inside that string', () => {
    const text = JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, outputs: [], source: 'from openai import OpenAI\nOpenAI().images.generate(model="gpt-image-1", prompt=p)' }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    const plan = planPython(text, {}, 'one.ipynb');
    expect(plan.output).toBe(text.replace('gpt-image-1', 'gpt-image-2'));
  });

  /** A notebook of one code cell whose source is one string, as some tools save it; `ascii`: every non-ASCII character escaped, as Python's json writes by default. */
  const oneString = (source: string, ascii = false) => {
    const json = JSON.stringify({ cells: [{ cell_type: 'code', execution_count: 7, metadata: {}, outputs: [recorded], source }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
    return `${ascii ? json.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`) : json}\n`;
  };
  const request = 'from openai import OpenAI\nresult = OpenAI().images.generate(\n    model="dall-e-3",\n    prompt="a \\"quoted\\" café 😀",\n    style="vivid",\n    response_format="b64_json",\n    quality="hd",\n)\nprint(result)\n';
  const migrated = 'from openai import OpenAI\nresult = OpenAI().images.generate(\n    model="gpt-image-2",\n    prompt="a \\"quoted\\" café 😀",\n    quality="high",\n)\nprint(result)\n';

  it('a source written as one string takes every edit of the request, line breaks included: params removed, escapes and outputs kept', () => {
    for (const ascii of [false, true]) {
      const text = oneString(request, ascii);
      const plan = planPython(text, {}, 'one.ipynb');
      // the whole request moves: model, the dall-e-only params, the quality
      expect(plan.findings.map((f) => [f.rule, f.fix])).toEqual([
        // the recorded output's id, reported (outputs come before the source in the cell's JSON)
        ['no-retired-model', 'manual'],
        ['no-retired-model', 'auto'],
        ['valid-params', 'auto'],
        ['valid-params', 'auto'],
        ['no-legacy-quality', 'auto'],
      ]);
      // only the inside of the source string changes, escaped as the file escapes: \n, \", \u00e9 (or é) untouched around the edits
      expect(plan.output).toBe(oneString(migrated, ascii));
      expect(JSON.parse(plan.output).cells[0]).toEqual({ cell_type: 'code', execution_count: 7, metadata: {}, outputs: [recorded], source: migrated });
      expect(planPython(plan.output, {}, 'one.ipynb').output).toBe(plan.output);
    }
  });

  it('an edit written into a one-string source is escaped as JSON: the break and quotes of an inserted line', () => {
    // gpt-image-1-mini → gpt-image-2 adds quality="low" (an inserted line in a multi-line call)
    const code = 'from openai import OpenAI\nOpenAI().images.generate(\n    model="gpt-image-1-mini",\n    prompt="a \\\\ b",\n)\n';
    const text = oneString(code);
    const plan = planPython(text, {}, 'one.ipynb');
    const fixed = JSON.parse(plan.output).cells[0].source as string;
    expect(fixed).toBe(planPython(code).output);
    expect(fixed).toContain('quality=');
    expect(plan.output).toBe(oneString(fixed));
  });

  it("a request is changed whole or not at all: an edit that does not fit the notebook's lines keeps every edit of its request out, each finding saying why", () => {
    // a list of lines, one of which holds several lines (nbformat writes one line each, tools do not always):
    // the removal of style there cannot be written, so neither can the model (set in another cell) nor the quality
    const text = notebook([
      { cell_type: 'code', source: ['from openai import OpenAI\n', 'client = OpenAI()\n', 'MODEL = "dall-e-3"\n'] },
      { cell_type: 'code', source: ['result = client.images.generate(\n    model=MODEL,\n    prompt="a cat",\n    style="vivid",\n    quality="hd",\n)\n', 'print(result.data[0].b64_json)\n'] },
      { cell_type: 'code', source: ['other = client.images.generate(model="dall-e-2", prompt="a dog")\n', 'save(other.data[0].b64_json)'] },
    ]);
    const plan = planPython(text, {}, 'half.ipynb');
    expect(plan.findings.map((f) => [f.message.match(/^cell (\d+)/)?.[1], f.rule, f.fix])).toEqual([
      ['1', 'no-retired-model', 'manual'],
      ['2', 'valid-params', 'manual'],
      ['2', 'no-legacy-quality', 'manual'],
      // another request of the notebook is its own: it is fixed
      ['3', 'no-retired-model', 'auto'],
    ]);
    expect(plan.findings[1]!.message).toMatch(/Not rewritten: the change does not fit the notebook's lines; make it by hand\.$/);
    for (const related of [plan.findings[0]!, plan.findings[2]!]) {
      expect(related.message).toMatch(/Not rewritten: the change of `style="vivid"` in the same request cannot be written \(the change does not fit the notebook's lines\), and a request is changed whole or not at all/);
      expect(related.edits).toEqual([]);
    }
    expect(plan.output).toBe(text.replace('model=\\"dall-e-2\\"', 'model=\\"gpt-image-2\\"'));
  });

  it('reports show a notebook change as the cell\'s code, decoded, and a suggestion as edits of the notebook file', () => {
    const code = 'from openai import OpenAI\nclient = OpenAI()\nMODEL = "dall-e-3"\nif MODEL == "dall-e-3":\n    print("old")\nresult = client.images.generate(model=MODEL, prompt="a \\"cat\\"", quality="hd")\nsave(result.data[0].b64_json)\n';
    const lines = (source: string) => source.split(/(?<=\n)/);
    for (const [text, asLines] of [[oneString(code), false], [notebook([{ cell_type: 'code', source: lines(code) }]), true]] as const) {
      const plan = planPython(text, {}, 'nb.ipynb');
      // the one-string notebook's recorded output names an id too (reported as info); these are the code's findings
      const findings = plan.findings.filter((f) => f.role !== 'stored-value');
      expect(findings.length).toBe(plan.findings.length - (asLines ? 0 : 1));
      const placed = placeFindings('nb.ipynb', text, findings);
      expect(placed.map((f) => [f.role, f.fix, f.change])).toEqual([
        ['api-argument', 'auto', { before: '"dall-e-3"', after: '"gpt-image-2"' }],
        ['comparison', 'manual', { before: '"dall-e-3"', after: '"gpt-image-2"' }],
        ['param', 'auto', { before: 'quality="hd"', after: 'quality="high"' }],
      ]);
      // the call site is where the call is: line 6 of the cell's code, in the file's lines
      const site = placed[0]!.callSites![0]!;
      expect(text.split('\n')[site.line - 1]).toContain('client.images.generate(');
      // the comparison's suggestion, applied to the file, changes the comparison of the cell and nothing else
      const suggestion = findings[1]!.suggestion!;
      const compared = code.replace('MODEL == "dall-e-3"', 'MODEL == "gpt-image-2"');
      expect(JSON.parse(applyEdits(text, suggestion.edits)).cells[0].source).toEqual(asLines ? lines(compared) : compared);
    }
  });

  it('audit and fix agree on a notebook: every finding audit calls auto is gone after fix, and none stays auto', async () => {
    const dir = tempDir();
    const half = notebook([
      { cell_type: 'code', source: ['import os\n', 'from openai import OpenAI\n', 'client = OpenAI()\n', 'MODEL = os.getenv("IMAGE_MODEL", "dall-e-3")\n'] },
      { cell_type: 'code', source: ['result = client.images.generate(\n    model=MODEL,\n    prompt="a cat",\n    style="vivid",\n)\n', 'print(result.data[0].b64_json)\n'] },
    ]);
    writeFiles(dir, { 'one.ipynb': oneString(request), 'half.ipynb': half, '.env': 'IMAGE_MODEL=dall-e-3\n' });
    type Audit = { summary: { findings: number; byFix: { auto: number } }; findings: { file: string; fix: string; message: string }[] };
    const before = JSON.parse((await cli(dir, 'audit', '--format', 'json', '--fail-on', 'none')).stdout) as Audit;
    expect(before.findings.filter((f) => f.fix === 'auto').map((f) => f.file)).toEqual(['one.ipynb', 'one.ipynb', 'one.ipynb', 'one.ipynb']);
    // the variable the half-migrated request reads is not changed either: the request would get gpt-image-2 with style still sent
    expect(before.findings.find((f) => f.file === '.env')!.message).toMatch(/reaches half\.ipynb:\d+, where cell 2 of a notebook reads it, in a request whose changes cannot be written/);
    expect((await cli(dir, 'fix', '--force')).code).toBe(0);
    const after = JSON.parse((await cli(dir, 'audit', '--format', 'json', '--fail-on', 'none')).stdout) as Audit;
    expect(after.summary.byFix.auto).toBe(0);
    expect(after.summary.findings).toBe(before.summary.findings - before.summary.byFix.auto);
    expect(read(dir, 'half.ipynb')).toBe(half);
    expect(read(dir, '.env')).toBe('IMAGE_MODEL=dall-e-3\n');
    expect(read(dir, 'one.ipynb')).toBe(oneString(migrated));
  });

  it('a cell that does not parse keeps its bytes and its ids are still reported', () => {
    const text = notebook([{ cell_type: 'code', source: ['from openai import OpenAI\n', 'OpenAI().images.generate(model="gpt-image-1",\n'] }]);
    const plan = planPython(text, {}, 'broken.ipynb');
    expect(plan.output).toBe(text);
    expect(plan.findings.map((f) => [f.model, f.fix])).toEqual([['gpt-image-1', 'manual']]);
  });

  it('a notebook of another kernel (R) is not planned as Python', () => {
    const text = JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, outputs: [], source: ['x <- "gpt-image-1"'] }], metadata: { kernelspec: { language: 'R' } }, nbformat: 4, nbformat_minor: 5 });
    const plan = planPython(text, {}, 'r.ipynb');
    expect(plan.output).toBe(text);
    expect(plan.findings.every((f) => f.fix === 'manual')).toBe(true);
  });

  it("what no cell planner reads is still reported, never edited: recorded outputs, a raw cell, the notebook's metadata", () => {
    const text = `${JSON.stringify(
      {
        cells: [
          { cell_type: 'raw', metadata: {}, source: ['curl https://api.openai.com/v1/images/generations -d \'{"model": "dall-e-3"}\''] },
          {
            cell_type: 'code',
            execution_count: 3,
            metadata: {},
            outputs: [{ output_type: 'execute_result', data: { 'text/plain': ["{'dall-e-3': 0.08, 'gpt-image-1': 0.167}"] }, metadata: {}, execution_count: 3 }],
            source: ['prices = load_prices()\n', 'prices'],
          },
        ],
        metadata: { kernelspec: { language: 'python', name: 'python3' }, image_model: 'gpt-image-1.5' },
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    )}\n`;
    const plan = planPython(text, {}, 'notebooks/prices.ipynb');
    expect(plan.output).toBe(text);
    expect(plan.findings.map((f) => [text.slice(f.range[0], f.range[1]), f.role, f.severity, f.fix])).toEqual([
      ['dall-e-3', 'other', 'warning', 'manual'],
      ['dall-e-3', 'stored-value', 'info', 'manual'],
      ['gpt-image-1', 'stored-value', 'info', 'manual'],
      ['gpt-image-1.5', 'stored-value', 'info', 'manual'],
    ]);
    expect(plan.findings[0]!.message).toMatch(/^cell 1: .*not read as Python/);
    expect(plan.findings[1]!.message).toMatch(/^cell 2: .*recorded output of the cell .*run the cell again/);
    expect(plan.findings[3]!.message).toMatch(/in the notebook's metadata/);
  });

  it('a notebook that is not JSON is refused with a message that says so', () => {
    expect(() => planPython('{"cells": [{"source": "model=\\"gpt-image-1\\""', {}, 'bad.ipynb')).toThrow(/not valid JSON/);
    expect(() => planPython('{"metadata": {"model": "gpt-image-1"}}', {}, 'bad.ipynb')).toThrow(/no "cells" list/);
  });
});

describe('Python code samples in documentation', () => {
  it("a block is planned after the imports of the lesson's earlier blocks; google.colab is Colab's helper, not Google's SDK (aicouncil's lessons)", async () => {
    const dir = tempDir();
    const lesson = '```python\nfrom openai import OpenAI\n```\n\n```python\nfrom google.colab import userdata\nclient = OpenAI(api_key=userdata.get("key"))\nimg = client.images.generate(model="gpt-image-1", prompt="a fox")\nsave(img.data[0].b64_json)\n```\n';
    writeFiles(dir, { 'lesson.md': lesson });
    const report = JSON.parse((await cli(dir, 'audit', '--format', 'json', '--now', NOW, '--fail-on', 'none')).stdout) as { findings: { line: number; role: string; surface: string; message: string; change?: { before: string; after: string } }[] };
    expect(report.findings.map((f) => [f.line, f.role, f.surface])).toEqual([[8, 'api-argument', 'openai']]);
    expect(report.findings[0]!.message).not.toMatch(/not traced|Google|no import/);
    expect(report.findings[0]!.change).toEqual({ before: '"gpt-image-1"', after: '"gpt-image-2"' });
  });

  it('a ```python block is planned as code and reported as info with the change as a suggestion; the document is not rewritten', async () => {
    const dir = tempDir();
    const readme = '# Usage\n\n```python\nfrom openai import OpenAI\n\nclient = OpenAI()\nresult = client.images.generate(model="dall-e-3", prompt="a cat", quality="hd")\nprint(result.data[0].b64_json)\n```\n\nOr `pip install openai` first.\n';
    writeFiles(dir, { 'README.md': readme });
    const { stdout } = await cli(dir, 'audit', '--format', 'json', '--now', NOW, '--fail-on', 'none');
    const report = JSON.parse(stdout) as { findings: { file: string; line: number; severity: string; fix: string; rule: string; message: string; change?: { before: string; after: string } }[] };
    expect(report.findings.map((f) => [f.line, f.rule, f.severity, f.fix])).toEqual([
      [7, 'no-retired-model', 'info', 'manual'],
      [7, 'no-legacy-quality', 'info', 'manual'],
    ]);
    expect(report.findings[0]!.message).toMatch(/^In a code sample of this document:/);
    expect(report.findings.map((f) => f.change)).toEqual([
      { before: '"dall-e-3"', after: '"gpt-image-2"' },
      { before: 'quality="hd"', after: 'quality="high"' },
    ]);
    expect((await cli(dir, 'fix', '--now', NOW)).code).toBe(0);
    expect(read(dir, 'README.md')).toBe(readme);
  });
});
