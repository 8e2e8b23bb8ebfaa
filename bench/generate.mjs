/**
 * Synthetic monorepos for the benchmark: `packages/*` and `apps/*` of TS, TSX
 * and JS files of realistic sizes (log-normal, median about 2 KB, a long tail
 * to 60 KB), Markdown docs, a few `.env` files, a root and nested
 * `.gitignore`, an ignored `node_modules` full of files that mention the ids
 * (which no tool may read), and about 1% of source files with image calls of
 * several shapes: SDK `images.generate`/`images.edit`, raw `fetch` to
 * `/v1/images/generations`, Unifically task bodies, model constants, price
 * tables, comparisons. About 3% carry an unrelated `quality` (sharp, video).
 *
 * Each repository is its own `git init`ed root, so the `.gitignore` of the
 * project around it (which ignores `.bench/`) does not apply.
 *
 * Deterministic: the same (files, seed) always gives the same bytes, so a
 * repository is generated once and reused (a stamp file records the recipe).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Bump when the recipe changes, so cached repositories are regenerated. */
export const GENERATOR_VERSION = 8;

/** The manifest a repository generated from this recipe recorded (its stamp inside .git/, which no tool reads), or null: generate it again. */
function cachedManifest(stampFile, recipe) {
  if (!fs.existsSync(stampFile)) return null;
  const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  return JSON.stringify(stamp.recipe) === JSON.stringify(recipe) ? (stamp.manifest ?? null) : null;
}

/** Writes `text` to `rel` under `dir`, each parent directory made once. */
function fileWriter(dir) {
  const madeDirs = new Set();
  return (rel, text) => {
    const file = path.join(dir, rel);
    const parent = path.dirname(file);
    if (!madeDirs.has(parent)) {
      fs.mkdirSync(parent, { recursive: true });
      madeDirs.add(parent);
    }
    fs.writeFileSync(file, text);
  };
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'user', 'order', 'cart', 'invoice', 'product', 'session', 'account', 'payment', 'shipping', 'address', 'review', 'rating',
  'catalog', 'search', 'filter', 'price', 'discount', 'coupon', 'report', 'metric', 'event', 'queue', 'task', 'job', 'cache',
  'token', 'profile', 'avatar', 'banner', 'layout', 'theme', 'modal', 'dialog', 'table', 'row', 'column', 'chart', 'widget',
  'feature', 'flag', 'tenant', 'team', 'member', 'role', 'permission', 'audit', 'log', 'webhook', 'stream', 'upload', 'asset',
];

function makeWords(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const cap = (w) => w[0].toUpperCase() + w.slice(1);
  let serial = 0; // declared names are unique within a file (Babel rejects redeclarations)
  return {
    pick,
    int: (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)),
    word: () => pick(WORDS),
    camel: () => pick(WORDS) + cap(pick(WORDS)) + (serial++).toString(36),
    pascal: () => cap(pick(WORDS)) + cap(pick(WORDS)) + (serial++).toString(36),
    sentence: () => {
      const n = 6 + Math.floor(random() * 10);
      const out = [];
      for (let i = 0; i < n; i++) out.push(pick(WORDS));
      return cap(out.join(' ')) + '.';
    },
  };
}

/* ----------------------------- ordinary code ----------------------------- */

const blocksTs = [
  (w) => `export interface ${w.pascal()} {\n  id: string;\n  ${w.camel()}: number;\n  ${w.camel()}?: string | null;\n  createdAt: Date;\n  tags: readonly string[];\n}\n`,
  (w) => `/**\n * ${w.sentence()}\n * ${w.sentence()}\n */\nexport function ${w.camel()}(input: ${w.pascal()}[], limit = ${w.int(5, 100)}): ${w.pascal()}[] {\n  const seen = new Set<string>();\n  const out: ${w.pascal()}[] = [];\n  for (const item of input) {\n    if (seen.has(item.id)) continue;\n    seen.add(item.id);\n    out.push(item);\n    if (out.length >= limit) break;\n  }\n  return out;\n}\n`,
  (w) => `const ${w.camel()}Pattern = /^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$/i;\nconst ${w.camel()}Slug = /[^\\w\\-]+/g;\n\nexport function normalize${w.pascal()}(value: string): string {\n  return value.trim().toLowerCase().replace(${w.camel()}Slug, '-').replace(/\\s+/g, ' ');\n}\n`,
  (w) => `export async function fetch${w.pascal()}(id: string, signal?: AbortSignal): Promise<${w.pascal()} | null> {\n  const res = await fetch(\`/api/${w.word()}/\${encodeURIComponent(id)}\`, { signal, headers: { accept: 'application/json' } });\n  if (res.status === 404) return null;\n  if (!res.ok) throw new Error(\`${w.word()} \${id}: HTTP \${res.status}\`);\n  return (await res.json()) as ${w.pascal()};\n}\n`,
  (w) => `export class ${w.pascal()}Service {\n  private readonly cache = new Map<string, ${w.pascal()}>();\n\n  constructor(private readonly db: Database, private readonly logger: Logger) {}\n\n  async get(id: string): Promise<${w.pascal()} | undefined> {\n    const hit = this.cache.get(id);\n    if (hit) return hit;\n    const row = await this.db.query<${w.pascal()}>('SELECT * FROM ${w.word()}s WHERE id = $1', [id]);\n    if (row) this.cache.set(id, row);\n    this.logger.debug('${w.word()} loaded', { id, cached: false });\n    return row ?? undefined;\n  }\n\n  invalidate(id: string): void {\n    this.cache.delete(id);\n  }\n}\n`,
  (w) => `export const ${w.camel().toUpperCase()}_LABELS: Record<string, string> = {\n  ${w.word()}: '${w.sentence()}',\n  ${w.word()}Pending: 'En attente — ${w.word()} « ${w.word()} »',\n  ${w.word()}Done: '完了しました: ${w.word()}',\n  ${w.word()}Error: 'Fehler beim Laden \\u2014 bitte erneut versuchen',\n};\n`,
  (w) => `export type ${w.pascal()}Event =\n  | { type: '${w.word()}.created'; payload: ${w.pascal()} }\n  | { type: '${w.word()}.updated'; payload: Partial<${w.pascal()}> }\n  | { type: '${w.word()}.deleted'; id: string };\n\nexport function reduce${w.pascal()}(state: State, event: ${w.pascal()}Event): State {\n  switch (event.type) {\n    case '${w.word()}.created':\n      return { ...state, items: [...state.items, event.payload] };\n    case '${w.word()}.updated':\n      return { ...state, dirty: true };\n    default:\n      return state;\n  }\n}\n`,
  (w) => `// ${w.sentence()}\nexport const ${w.camel()}Config = {\n  retries: ${w.int(1, 5)},\n  timeoutMs: ${w.int(1, 30) * 1000},\n  endpoint: process.env.${w.word().toUpperCase()}_URL ?? 'https://${w.word()}.internal.example.com/v2',\n  features: ['${w.word()}', '${w.word()}', '${w.word()}'],\n} as const;\n`,
];

const blocksTsx = [
  (w) => {
    const name = w.pascal();
    return `interface ${name}Props {\n  ${w.camel()}: string;\n  onSelect?: (id: string) => void;\n  disabled?: boolean;\n}\n\nexport function ${name}({ onSelect, disabled = false, ...rest }: ${name}Props) {\n  const [open, setOpen] = useState(false);\n  const items = useMemo(() => Object.entries(rest).filter(([, v]) => Boolean(v)), [rest]);\n  return (\n    <div className="${w.word()}-panel flex items-center gap-2" data-open={open}>\n      <button type="button" disabled={disabled} onClick={() => setOpen((o) => !o)}>\n        {open ? 'Hide ${w.word()}' : 'Show ${w.word()}'}\n      </button>\n      {open && (\n        <ul>\n          {items.map(([key, value]) => (\n            <li key={key} onClick={() => onSelect?.(key)}>\n              <span>{key}</span>: <strong>{String(value)}</strong>\n            </li>\n          ))}\n        </ul>\n      )}\n    </div>\n  );\n}\n`;
  },
  (w) => `export const ${w.pascal()}Card = ({ title, children }: { title: string; children?: React.ReactNode }) => (\n  <section className="rounded border p-4">\n    <h2 className="text-lg font-semibold">{title}</h2>\n    <img src="/static/${w.word()}.png" alt="${w.sentence()}" width={${w.int(32, 640)}} />\n    {children}\n  </section>\n);\n`,
];

const blocksJs = [
  (w) => `/**\n * ${w.sentence()}\n */\nasync function ${w.camel()}(req, res, next) {\n  try {\n    const { id } = req.params;\n    const item = await db.${w.word()}s.findById(id);\n    if (!item) return res.status(404).json({ error: '${w.word()} not found' });\n    res.json(item);\n  } catch (err) {\n    next(err);\n  }\n}\n`,
  (w) => `router.get('/${w.word()}/:id', requireAuth, ${w.camel()});\nrouter.post('/${w.word()}', requireAuth, validate(${w.camel()}Schema), async (req, res) => {\n  const created = await ${w.camel()}Service.create({ ...req.body, owner: req.user.id });\n  res.status(201).json(created);\n});\n`,
  (w) => `module.exports.${w.camel()} = function ${w.camel()}(list) {\n  return list\n    .filter((x) => x && x.${w.word()} !== undefined)\n    .map((x) => ({ ...x, label: String(x.${w.word()}).replace(/[\\r\\n]+/g, ' ') }))\n    .sort((a, b) => a.label.localeCompare(b.label));\n};\n`,
];

const headerTs = (w) =>
  `import { ${w.camel()}, ${w.camel()} } from '../${w.word()}/${w.word()}';\nimport type { Database, Logger, State } from '@acme/${w.word()}-core';\nimport { z } from 'zod';\n\n`;
const headerTsx = (w) => `import { useMemo, useState } from 'react';\nimport { ${w.pascal()} } from '@acme/ui';\n\n`;
const headerJs = (w) => `'use strict';\nconst express = require('express');\nconst db = require('../db');\nconst router = express.Router();\n\n`;

/** An unrelated `quality`: image processing and video encoding that no tool should touch. */
const unrelatedQuality = [
  (w) => `import sharp from 'sharp';\n\nexport async function thumbnail${w.pascal()}(input: Buffer): Promise<Buffer> {\n  return sharp(input).resize(${w.int(64, 512)}).jpeg({ quality: ${w.int(60, 90)}, mozjpeg: true }).toBuffer();\n}\n`,
  (w) => `export const ${w.camel()}Encoding = { codec: 'h264', quality: 'high', bitrate: '${w.int(1, 8)}M', size: '1920x1080' };\n`,
  (w) => `export const imageDefaults = { quality: 'medium', size: '1024x1024', format: 'webp' }; // CDN resize presets, not a model\n`,
];

/* ------------------------------ image calls ------------------------------ */

const imageCalls = [
  // SDK, gpt-image-1 with response_format (removed by fix)
  (w) => `import OpenAI from 'openai';\n\nconst client = new OpenAI();\n\nexport async function render${w.pascal()}(prompt: string) {\n  const result = await client.images.generate({\n    model: 'gpt-image-1',\n    prompt,\n    size: '1024x1024',\n    quality: 'high',\n    response_format: 'b64_json',\n  });\n  return result.data?.[0]?.b64_json;\n}\n`,
  // SDK, dall-e-3 with dall-e params
  (w) => `import OpenAI from 'openai';\n\nconst openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n\nexport async function poster${w.pascal()}(prompt: string) {\n  const { data } = await openai.images.generate({ model: "dall-e-3", prompt, quality: "hd", style: "vivid", size: "1024x1024" });\n  return data[0].url;\n}\n`,
  // SDK edit with a model constant
  (w) => `import OpenAI, { toFile } from 'openai';\n\nexport const IMAGE_MODEL = process.env.IMAGE_MODEL ?? 'gpt-image-1.5';\nconst openai = new OpenAI();\n\nexport async function retouch${w.pascal()}(png: Buffer, prompt: string) {\n  const image = await toFile(png, 'in.png', { type: 'image/png' });\n  return openai.images.edit({ model: IMAGE_MODEL, image, prompt, input_fidelity: 'high' });\n}\n`,
  // raw fetch to the HTTP API
  (w) => `export async function generate${w.pascal()}(prompt) {\n  const res = await fetch('https://api.openai.com/v1/images/generations', {\n    method: 'POST',\n    headers: { Authorization: \`Bearer \${process.env.OPENAI_API_KEY}\`, 'Content-Type': 'application/json' },\n    body: JSON.stringify({ model: 'gpt-image-1-mini', prompt, n: 1, size: '512x512' }),\n  });\n  if (!res.ok) throw new Error(\`images: HTTP \${res.status}\`);\n  return res.json();\n}\n`,
  // Unifically task body
  (w) => `const UNIFICALLY_URL = 'https://api.unifically.com/v1/tasks';\n\nexport async function submit${w.pascal()}Task(prompt: string, tier: 'low' | 'medium' | 'high') {\n  const response = await fetch(UNIFICALLY_URL, {\n    method: 'POST',\n    headers: { authorization: \`Bearer \${process.env.UNIFICALLY_KEY}\` },\n    body: JSON.stringify({\n      model: 'openai/gpt-image-1',\n      input: { prompt, quality: 'medium', size: '1536x1024' },\n    }),\n  });\n  return (await response.json()) as { task_id: string };\n}\n`,
  // price table and comparison (manual findings)
  (w) => `export const IMAGE_PRICES: Record<string, number> = {\n  'gpt-image-1': 0.04,\n  'gpt-image-1-mini': 0.011,\n  'gpt-image-2': 0.05,\n};\n\nexport function needsB64(model: string): boolean {\n  return model === 'gpt-image-1' || model.startsWith('gpt-image-1');\n}\n`,
  // already migrated: a current id (a candidate that yields nothing)
  (w) => `import OpenAI from 'openai';\n\nconst client = new OpenAI();\n\nexport const ${w.camel()}Image = (prompt: string) => client.images.generate({ model: 'gpt-image-2', prompt, size: '1024x1536' });\n`,
];

/** An image file is an ordinary file with one image block spliced in. */

function lognormalSize(random) {
  // Box-Muller; median e^7.6 ≈ 2 KB, mean about 3.5 KB, capped at 60 KB
  const u = Math.max(random(), 1e-9);
  const v = random();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.min(60_000, Math.max(200, Math.round(Math.exp(7.6 + 0.95 * z))));
}

function codeFile(w, random, kind, target, extra = []) {
  const blocks = kind === 'tsx' ? [...blocksTs, ...blocksTsx] : kind === 'js' ? blocksJs : blocksTs;
  const header = kind === 'tsx' ? headerTsx : kind === 'js' ? headerJs : headerTs;
  let out = header(w);
  const insertAt = extra.length > 0 ? Math.floor(random() * 3) : -1;
  let i = 0;
  while (out.length < target || i <= insertAt) {
    if (i === insertAt) for (const block of extra) out += '\n' + block(w);
    out += '\n' + w.pick(blocks)(w);
    i++;
  }
  return out;
}

function markdown(w, withId) {
  let out = `# ${w.pascal()}\n\n${w.sentence()} ${w.sentence()}\n\n## Usage\n\n\`\`\`ts\nimport { ${w.camel()} } from '@acme/${w.word()}';\n\`\`\`\n\n${w.sentence()}\n`;
  if (withId) out += `\nImages are generated with \`gpt-image-1\` (see the image service).\n`;
  return out;
}

/** node_modules content: the ids everywhere, none of it may be read. */
function vendorFile(w, i) {
  return `"use strict";\n// vendored build ${i}\nexports.models = ['gpt-image-1', 'dall-e-3', 'gpt-image-1-mini'];\nexports.generate = function (client, prompt) { return client.images.generate({ model: 'gpt-image-1', prompt, response_format: 'b64_json' }); };\n${'exports.pad' + i + " = '" + w.sentence().repeat(20) + "';\n"}`;
}

/**
 * Writes a repository of `files` scanned source files (code, docs, env,
 * package.json) under `dir`, plus `vendorFiles` ignored ones; `imageShare`
 * of the code files get an image call. Returns the manifest.
 */
export function generateRepo(dir, { files, seed = 7, vendorFiles = Math.round(files * 0.4), imageShare = 0.01 }) {
  // inside .git/, which no tool reads
  const stampFile = path.join(dir, '.git', 'bench-stamp.json');
  const recipe = { version: GENERATOR_VERSION, files, seed, vendorFiles, imageShare };
  const cached = cachedManifest(stampFile, recipe);
  if (cached) return cached;
  fs.rmSync(dir, { recursive: true, force: true });
  const random = rng(seed);
  const w = makeWords(random);
  const write = fileWriter(dir);

  // its own git repository: .gitignore files above it (this project's ignores .bench/) must not apply
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  write('.gitignore', 'node_modules/\ndist/\n*.log\n.cache/\ngenerated/\ncoverage/\n');
  write('package.json', JSON.stringify({ name: 'acme-monorepo', private: true, workspaces: ['packages/*', 'apps/*'] }, null, 2) + '\n');
  write('README.md', markdown(w, false));

  const manifest = { files, packageJsonFiles: 0, imageFiles: 0, unrelatedQualityFiles: 0, docsWithIds: 0, envFiles: 0, bytes: 0, vendorFiles, ignoredGenerated: 0 };
  const packages = Math.max(8, Math.round(files / 80));
  const subdirs = ['src/components', 'src/lib', 'src/hooks', 'src/services', 'src/utils', 'src/routes', 'test'];
  let written = 1; // README.md
  let p = 0;
  while (written < files) {
    const pkg = p < packages * 0.8 ? `packages/${w.word()}-${p}` : `apps/${w.word()}-${p}`;
    p++;
    write(`${pkg}/package.json`, JSON.stringify({ name: `@acme/${path.basename(pkg)}`, version: '1.0.0' }) + '\n');
    manifest.packageJsonFiles++;
    if (p % 5 === 0) {
      write(`${pkg}/.gitignore`, '.turbo/\n*.tsbuildinfo\nsnapshots/\n');
      // ignored by the nested .gitignore: mentions the ids, must not be read
      write(`${pkg}/snapshots/render.snap.ts`, `export const snap = { model: 'gpt-image-1', response_format: 'url' };\n`);
      manifest.ignoredGenerated++;
    }
    if (p % 3 === 0) {
      write(`${pkg}/generated/client.ts`, `export const MODEL = 'gpt-image-1';\n`);
      manifest.ignoredGenerated++;
    }
    const perPackage = Math.min(files - written, Math.round(files / packages));
    for (let i = 0; i < perPackage; i++) {
      const r = random();
      let rel;
      let text;
      if (i === 0) {
        const withId = random() < 0.1;
        if (withId) manifest.docsWithIds++;
        rel = `${pkg}/README.md`;
        text = markdown(w, withId);
      } else if (i === 1 && p % 7 === 0) {
        rel = `${pkg}/.env.example`;
        text = p % 14 === 0 ? 'IMAGE_MODEL=gpt-image-1\nLOG_LEVEL=info\n' : 'LOG_LEVEL=info\nPORT=3000\n';
        manifest.envFiles++;
      } else {
        const kind = r < 0.5 ? 'ts' : r < 0.8 ? 'tsx' : 'js';
        const ext = kind === 'js' ? w.pick(['js', 'js', 'mjs', 'cjs']) : kind;
        const dirName = random() < 0.5 ? `${w.pick(subdirs)}/${w.word()}` : w.pick(subdirs);
        const base = `${w.word()}-${w.word()}-${i}`;
        rel = `${pkg}/${dirName}/${base}${dirName === 'test' ? '.test' : ''}.${ext}`;
        const extra = [];
        const roll = random();
        if (roll < imageShare) {
          extra.push(w.pick(imageCalls));
          manifest.imageFiles++;
        } else if (roll < imageShare + 0.03) {
          extra.push(w.pick(unrelatedQuality));
          manifest.unrelatedQualityFiles++;
        }
        text = codeFile(w, random, kind, lognormalSize(random), extra);
      }
      write(rel, text);
      manifest.bytes += Buffer.byteLength(text);
      written++;
    }
  }

  // dependencies: many files, all ignored (root .gitignore and the default ignores)
  for (let i = 0; i < vendorFiles; i++) {
    const pkgName = `vendor-${i % Math.max(1, Math.round(vendorFiles / 40))}`;
    write(`node_modules/${pkgName}/lib/part-${i}.js`, vendorFile(w, i));
  }
  write('node_modules/.package-lock.json', '{}\n');

  fs.writeFileSync(stampFile, JSON.stringify({ recipe, manifest }, null, 2));
  return manifest;
}

/* ------------------------- a provider SDK monorepo ------------------------ */

const PROVIDERS = [
  'openai', 'azure', 'anthropic', 'google', 'google-vertex', 'amazon-bedrock', 'mistral', 'cohere', 'groq', 'fireworks',
  'togetherai', 'deepinfra', 'replicate', 'fal', 'luma', 'xai', 'perplexity', 'deepseek', 'cerebras', 'openai-compatible',
  'gateway', 'elevenlabs', 'lmnt', 'hume', 'revai', 'assemblyai', 'deepgram', 'gladia', 'black-forest-labs', 'vercel',
];
const CORE = ['ai', 'provider', 'provider-utils', 'react', 'vue', 'svelte', 'angular', 'rsc', 'valibot', 'codemod', 'mcp', 'langchain', 'llamaindex'];
const EXAMPLES = ['next-openai', 'next-openai-pages', 'nuxt-openai', 'sveltekit-openai', 'express', 'fastify', 'hono', 'nest', 'node-http-server', 'ai-core', 'next-fastapi', 'solidstart-openai'];

/** A chat model id list: the provider's own models, and for the image providers the image ids. */
function modelIdFile(provider, image) {
  const chat = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'o3-mini', 'o4-mini', 'gpt-5'].map((m) => `  | '${m}'`).join('\n');
  const images = image ? `\n\nexport type ${provider.replace(/\W/g, '')}ImageModelId =\n  | 'dall-e-2'\n  | 'dall-e-3'\n  | 'gpt-image-1'\n  | 'gpt-image-1-mini'\n  | 'gpt-image-1.5'\n  | (string & {});\n\nexport const modelMaxImagesPerCall: Record<string, number> = {\n  'dall-e-3': 1,\n  'dall-e-2': 10,\n  'gpt-image-1': 10,\n  'gpt-image-1-mini': 10,\n};\n\nexport const hasDefaultResponseFormat = new Set(['gpt-image-1', 'gpt-image-1-mini', 'gpt-image-1.5']);\n` : '';
  return `// Model ids the ${provider} provider accepts.\nexport type ChatModelId =\n${chat}\n  | (string & {});${images}\n`;
}

/** A large provider test file: one recorded response after another, each naming the model it was recorded with. */
function providerTest(w, provider, cases, image, idShare = 1) {
  let out = `import { createTestServer } from '@ai-sdk/provider-utils/test';\nimport { describe, expect, it } from 'vitest';\nimport { create${provider.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())} } from './${provider}-provider';\n\nconst server = createTestServer({ 'https://api.example.com/v1/*': {} });\n\n`;
  for (let i = 0; i < cases; i++) {
    const model = image && w.int(0, 999) < idShare * 1000 ? w.pick(['dall-e-3', 'gpt-image-1', 'dall-e-2', 'gpt-image-1-mini']) : image ? w.pick(['imagen-3.0-generate-002', 'flux-pro-1.1', 'grok-2-image']) : w.pick(['gpt-4o', 'gpt-4o-mini', 'o3-mini']);
    const call = image
      ? `const result = await provider.image('${model}').doGenerate({ prompt: '${w.sentence()}', n: 1, size: '1024x1024', providerOptions: { openai: { quality: 'hd', style: 'vivid' } } });`
      : `const result = await provider.chat('${model}').doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: '${w.sentence()}' }] }] });`;
    out += `describe('${w.sentence()}', () => {\n  it('${w.sentence()}', async () => {\n    server.urls['https://api.example.com/v1/*'].response = {\n      type: 'json-value',\n      body: { id: '${w.camel()}', created: ${1700000000 + i}, model: '${model}', data: [{ ${image ? `b64_json: 'iVBORw0KGgo${w.camel()}'` : `text: '${w.sentence()}'`} }] },\n    };\n    ${call}\n    expect(result.response).toStrictEqual({ modelId: '${model}', timestamp: expect.any(Date), headers: expect.any(Object) });\n    expect(await server.calls[0].requestBodyJson).toMatchInlineSnapshot(\`\n      {\n        "model": "${model}",\n        "n": 1,\n      }\n    \`);\n  });\n});\n\n`;
  }
  return out;
}

/** A recorded-response fixture of a language model test: hundreds of KB of chunks, an `image_generation` tool call among them. */
function recordedFixture(w, kb) {
  let out = `export const chunks = [\n`;
  for (let i = 0; out.length < kb * 1024; i++) {
    out += `  { type: 'response.output_text.delta', item_id: 'msg_${w.camel()}', output_index: ${i % 7}, content_index: 0, delta: '${w.sentence()}' },\n`;
    if (i % 400 === 0) out += `  { type: 'response.output_item.added', item: { type: 'image_generation_call', id: 'ig_${w.camel()}', status: 'in_progress' } },\n`;
  }
  return out + `];\nexport const request = { model: 'gpt-5', tools: [{ type: 'image_generation', model: 'gpt-image-1', quality: 'low' }] };\n`;
}

/** A provider source that calls the provider's HTTP API. */
function providerHttp(w, random, provider) {
  return codeFile(w, random, 'ts', lognormalSize(random)).replace(/@acme\//g, '@ai-sdk/') + `\nexport const ${w.camel()}BaseURL = withoutTrailingSlash(options.baseURL) ?? 'https://api.openai.com/v1';\n// ${provider}\n`;
}

function providerSource(w, random, provider, part) {
  return codeFile(w, random, 'ts', lognormalSize(random)).replace(/@acme\//g, '@ai-sdk/') + `\nexport const ${w.camel()}Provider = '${provider}';\n// part ${part}\n`;
}

function exampleImage(w, retired) {
  const [pkg, factory, model] = retired ? ['openai', 'openai', w.pick(['dall-e-3', 'gpt-image-1', 'dall-e-2'])] : w.pick([['fal', 'fal', 'fal-ai/flux/dev'], ['google', 'google', 'imagen-3.0-generate-002'], ['xai', 'xai', 'grok-2-image'], ['replicate', 'replicate', 'black-forest-labs/flux-schnell'], ['luma', 'luma', 'photon-flash-1']]);
  return `import { ${factory} } from '@ai-sdk/${pkg}';\nimport { generateImage } from 'ai';\nimport 'dotenv/config';\n\nasync function main() {\n  const { image } = await generateImage({\n    model: ${factory}.image('${model}'),\n    prompt: '${w.sentence()}',\n    size: '1024x1024',\n    providerOptions: { openai: { style: 'vivid', quality: 'hd' } },\n  });\n  console.log(image.base64.length);\n}\n\nmain().catch(console.error);\n`;
}

function mdxDoc(w, withImage, retired = true) {
  let out = `---\ntitle: ${w.pascal()}\ndescription: ${w.sentence()}\n---\n\n# ${w.pascal()}\n\n${w.sentence()} ${w.sentence()}\n\n\`\`\`ts\nimport { generateText } from 'ai';\nconst { text } = await generateText({ model: openai('gpt-4o'), prompt: '${w.sentence()}' });\n\`\`\`\n`;
  if (withImage && retired) out += `\n## Image models\n\n| Model | Sizes |\n| --- | --- |\n| \`dall-e-3\` | 1024x1024, 1792x1024 |\n| \`gpt-image-1\` | 1024x1024, 1536x1024 |\n\n\`\`\`ts\nconst { image } = await generateImage({ model: openai.image('dall-e-3'), prompt: 'Santa Claus driving a Cadillac' });\n\`\`\`\n`;
  else if (withImage) out += `\n## Images\n\n\`\`\`ts\nimport { generateImage } from 'ai';\nconst { image } = await generateImage({ model: fal.image('fal-ai/flux/dev'), prompt: '${w.sentence()}' });\n\`\`\`\n`;
  return out;
}

/**
 * A repository shaped like a public AI SDK monorepo: `packages/<provider>`
 * (sources, large recorded-response tests, CHANGELOGs), core packages,
 * `examples/*` apps and `content/` MDX docs, with about 5% of the files
 * candidates (model id lists, image tests naming ids dozens of times, image
 * examples, docs with an image section) and an ignored node_modules.
 */
export function generateProviderMonorepo(dir, { files = 8000, seed = 11, candidateShare = 0.05, vendorFiles = 4000 } = {}) {
  const stampFile = path.join(dir, '.git', 'bench-stamp.json');
  const recipe = { version: GENERATOR_VERSION, kind: 'provider-monorepo', shape: 3, files, seed, candidateShare, vendorFiles };
  const cached = cachedManifest(stampFile, recipe);
  if (cached) return cached;
  fs.rmSync(dir, { recursive: true, force: true });
  const random = rng(seed);
  const w = makeWords(random);
  const manifest = { files: 0, candidates: 0, bytes: 0, largestTestBytes: 0, vendorFiles };
  const writeFile = fileWriter(dir);
  const write = (rel, text, candidate = false) => {
    writeFile(rel, text);
    manifest.files++;
    manifest.bytes += Buffer.byteLength(text);
    if (candidate) manifest.candidates++;
  };
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\ndist/\n.turbo/\ncoverage/\n.next/\n*.tsbuildinfo\n.env\n');
  write('package.json', JSON.stringify({ name: 'ai-monorepo', private: true, workspaces: ['packages/*', 'examples/*'] }, null, 2) + '\n');
  write('pnpm-workspace.yaml', "packages:\n  - 'packages/*'\n  - 'examples/*'\n");
  write('README.md', markdown(w, false));

  const candidatesWanted = Math.round(files * candidateShare);
  const imageProviders = new Set(['openai', 'azure', 'fal', 'replicate', 'togetherai', 'deepinfra', 'fireworks', 'luma', 'xai', 'gateway', 'openai-compatible', 'black-forest-labs']);
  // the candidates first, spread over their places, then ordinary files to the total
  const plan = [];
  // the candidates, as they are spread over such a repository: few name a retired id; most name an
  // image surface (generateImage, the image_generation tool, the provider's host)
  for (const provider of PROVIDERS) {
    const image = imageProviders.has(provider);
    plan.push({ rel: `packages/${provider}/src/${provider}-model-ids.ts`, make: () => modelIdFile(provider, image), candidate: image });
    if (image) {
      plan.push({ rel: `packages/${provider}/src/${provider}-image-model.test.ts`, make: () => providerTest(w, provider, 20 + Math.floor(random() * 30), true, 0.6), candidate: true });
      plan.push({ rel: `packages/${provider}/CHANGELOG.md`, make: () => Array.from({ length: 60 }, (_, i) => `## 1.${i}.0\n\n- ${w.sentence()}${i % 20 === 0 ? ' Adds gpt-image-1 support.' : ''}\n`).join('\n'), candidate: true });
      for (let i = 0; i < 3; i++) plan.push({ rel: `packages/${provider}/src/${provider}-${w.word()}-${i}.ts`, make: () => providerHttp(w, random, provider), candidate: true });
    }
  }
  // the large test files: recorded responses of 100 to 600 KB
  for (let i = 0; i < 8; i++) {
    const rel = i % 2 === 0 ? `packages/openai/src/responses/openai-responses-${w.word()}-${i}.test.ts` : `packages/openai/src/responses/__fixtures__/${w.word()}-${i}.ts`;
    plan.push({ rel, make: () => recordedFixture(w, 100 + Math.floor(random() * 500)), candidate: true });
  }
  for (const example of EXAMPLES) {
    for (let i = 0; i < 15; i++) plan.push({ rel: `examples/${example}/src/generate-image/${w.word()}-${i}.ts`, make: () => exampleImage(w, i % 5 === 0), candidate: true });
  }
  for (let i = 0; i < 50; i++) plan.push({ rel: `content/providers/${w.word()}-${i}.mdx`, make: () => mdxDoc(w, true, i % 5 === 0), candidate: true });
  for (let i = 0; i < 80; i++) plan.push({ rel: `packages/ai/src/generate-image/${w.word()}-${i}.test.ts`, make: () => `import { generateImage } from './generate-image';\nimport { MockImageModelV3 } from '../test/mock-image-model-v3';\n\n` + providerTest(w, 'openai', 5 + Math.floor(random() * 20), true, 0.05), candidate: true });
  const candidates = plan.filter((entry) => entry.candidate).slice(0, candidatesWanted);
  const ordinary = [];
  const packages = [...PROVIDERS.map((p) => `packages/${p}`), ...CORE.map((p) => `packages/${p}`), ...EXAMPLES.map((e) => `examples/${e}`)];
  for (const pkg of packages) ordinary.push({ rel: `${pkg}/package.json`, make: () => JSON.stringify({ name: `@ai-sdk/${path.basename(pkg)}`, version: '2.0.0', dependencies: { '@ai-sdk/provider': 'workspace:*' } }) + '\n' });
  while (candidates.length + ordinary.length < files) {
    const i = ordinary.length;
    const pkg = packages[i % packages.length];
    const r = random();
    if (r < 0.06) ordinary.push({ rel: `content/docs/${w.word()}/${w.word()}-${i}.mdx`, make: () => mdxDoc(w, false) });
    else if (r < 0.25) ordinary.push({ rel: `${pkg}/src/${w.word()}-${w.word()}-${i}.test.ts`, make: () => providerTest(w, path.basename(pkg), 3 + Math.floor(random() * 12), false) });
    else if (r < 0.35) ordinary.push({ rel: `${pkg}/src/${w.word()}/${w.word()}-${i}.tsx`, make: () => codeFile(w, random, 'tsx', lognormalSize(random)) });
    else ordinary.push({ rel: `${pkg}/src/${w.word()}-${w.word()}-${i}.ts`, make: () => providerSource(w, random, path.basename(pkg), i) });
  }
  for (const entry of [...candidates, ...ordinary]) {
    const text = entry.make();
    if (/\.test\.ts$/.test(entry.rel)) manifest.largestTestBytes = Math.max(manifest.largestTestBytes, Buffer.byteLength(text));
    write(entry.rel, text, entry.candidate === true);
  }
  for (let i = 0; i < vendorFiles; i++) {
    const file = path.join(dir, `node_modules/.pnpm/vendor-${i % 50}/lib/part-${i}.js`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, vendorFile(w, i));
  }
  fs.writeFileSync(stampFile, JSON.stringify({ recipe, manifest }, null, 2));
  return manifest;
}

/** A small app (Next.js-like, 16 files: pages, an API route with image calls, a lib, config, docs). */
export function generateApp(dir) {
  const stampFile = path.join(dir, '.git', 'bench-stamp.json');
  const recipe = { version: GENERATOR_VERSION, kind: 'app' };
  if (cachedManifest(stampFile, recipe)) return { files: 16 };
  fs.rmSync(dir, { recursive: true, force: true });
  const random = rng(5);
  const w = makeWords(random);
  const files = {
    'package.json': JSON.stringify({ name: 'image-app', private: true, dependencies: { next: '15.0.0', openai: '^5.0.0', react: '19.0.0' } }, null, 2) + '\n',
    'README.md': `# Image app\n\nGenerates posters with \`gpt-image-1\`.\n`,
    '.env.example': 'OPENAI_API_KEY=\nIMAGE_MODEL=gpt-image-1\n',
    'tsconfig.json': '{ "compilerOptions": { "strict": true, "jsx": "preserve" } }\n',
    'next.config.mjs': 'export default { reactStrictMode: true };\n',
    'app/layout.tsx': codeFile(w, random, 'tsx', 900),
    'app/page.tsx': codeFile(w, random, 'tsx', 2500),
    'app/gallery/page.tsx': codeFile(w, random, 'tsx', 1800),
    'app/api/generate/route.ts': imageCalls[0](w),
    'app/api/edit/route.ts': imageCalls[2](w),
    'lib/openai.ts': `import OpenAI from 'openai';\n\nexport const openai = new OpenAI();\nexport const IMAGE_MODEL = process.env.IMAGE_MODEL ?? 'gpt-image-1';\n`,
    'lib/prices.ts': imageCalls[5](w),
    'lib/format.ts': codeFile(w, random, 'ts', 1500),
    'lib/db.ts': codeFile(w, random, 'ts', 2200),
    'components/poster.tsx': codeFile(w, random, 'tsx', 1600),
    'components/upload.tsx': codeFile(w, random, 'tsx', 1400),
  };
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  fs.writeFileSync(stampFile, JSON.stringify({ recipe, manifest: { files: 16 } }, null, 2));
  return { files: Object.keys(files).length };
}
