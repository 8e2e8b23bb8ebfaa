/**
 * The negative set: code that must give zero findings and zero edits, on
 * every path (ts-morph for fix and audit, Babel for jscodeshift, ESTree for
 * ESLint). Hand-written: `quality` and `size` of libraries that are not an
 * image-generation API (sharp, jimp, canvas, video players, camera APIs),
 * other model ids (gpt-5, gpt-image-2 and its snapshots and successors),
 * retired ids glued into longer strings (`gpt-image-1.restyle`,
 * `/v1/gpt-image-1/`, `gpt-image-10`) and identifiers. Generated: the same
 * families with random libraries, values, quotes and layouts.
 *
 * A retired id named as a word in prose (a comment, a log message: "we
 * moved off gpt-image-1") is not in that set: the planner lists it as an
 * info-level mention so the audit shows every line that names one. Those
 * are checked here to stay info, never edited, never an error.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import jscodeshift from 'jscodeshift';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveOptions, retiredSpellings } from '../src/catalog/index.js';
import { planWithJscodeshift } from '../transforms/jscodeshift-transform.js';
import { cleanTempDirs, cli, tempDir, writeFiles } from './support/cli.js';
import { comparable, NOW, planWithEstree, planWithTsMorph } from './support/plan.js';

afterEach(() => cleanTempDirs());

const OPTIONS = resolveOptions({ now: NOW });
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

/** Zero findings and an unchanged text on every path. `jsx` files go through the TSX/JSX parsers. */
function expectNothing(code: string, jsx = false): void {
  const fileName = jsx ? 'negative.tsx' : 'negative.ts';
  const viaTsMorph = planWithTsMorph(code, {}, fileName);
  expect(viaTsMorph.findings.map((f) => `${f.rule}: ${f.message}`), code).toEqual([]);
  expect(viaTsMorph.output).toBe(code);
  const viaJscodeshift = planWithJscodeshift(fileName, code, jscodeshift, OPTIONS);
  expect(viaJscodeshift.findings.map((f) => `${f.rule}: ${f.message}`), code).toEqual([]);
  expect(viaJscodeshift.output).toBe(code);
  const viaEstree = planWithEstree(code, {}, jsx);
  expect(viaEstree.findings.map((f) => `${f.rule}: ${f.message}`), code).toEqual([]);
}

const HAND_WRITTEN: Record<string, string> = {
  sharp: `import sharp from 'sharp';
export async function thumbnail(input: Buffer) {
  await sharp(input).resize({ width: 256, height: 256, fit: 'cover' }).jpeg({ quality: 80, mozjpeg: true }).toFile('thumb.jpg');
  return sharp(input).webp({ quality: 75, effort: 4 }).png({ quality: 90, compressionLevel: 9 }).toBuffer();
}
`,
  jimp: `import { Jimp } from 'jimp';
export async function shrink(path: string) {
  const image = await Jimp.read(path);
  image.quality(60).resize({ w: 512, h: 512 });
  return image.getBuffer('image/jpeg', { quality: 60 });
}
`,
  canvas: `export function snapshot(canvas: HTMLCanvasElement) {
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  canvas.toBlob((blob) => upload(blob), 'image/webp', 0.8);
  return canvas.toDataURL('image/jpeg', 0.92);
}
`,
  'video players': `import videojs from 'video.js';
const player = videojs('clip', { quality: 'hd', sources: [{ src: '/v.mp4', type: 'video/mp4' }], style: 'vivid' });
player.qualityLevels().on('change', () => {});
ytPlayer.setPlaybackQuality('hd720');
hls.currentLevel = levels.findIndex((l) => l.attrs.quality === 'high');
export const settings = { quality: 'standard', size: '256x256', response_format: 'url' };
`,
  'camera APIs': `import * as ImagePicker from 'expo-image-picker';
export async function takePhoto(camera: { takePictureAsync(o: object): Promise<unknown> }) {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 1024, height: 1024, facingMode: 'user' } });
  const photo = await new ImageCapture(stream.getVideoTracks()[0]).takePhoto({ imageWidth: 1024, imageHeight: 1024 });
  await ImagePicker.launchCameraAsync({ quality: 0.7, allowsEditing: true, aspect: [1, 1] });
  return camera.takePictureAsync({ quality: 0.5, base64: true, size: '1024x1024' }) ?? photo;
}
`,
  'a camera and a player in JSX': `export const Capture = () => (
  <>
    <Camera quality="high" ratio="1:1" />
    <VideoPlayer quality={'hd'} size="1024x1024" style={{ width: 512 }} />
  </>
);
`,
  'other model ids: gpt-5, gpt-image-2, its snapshot, a successor, a gateway id': `import OpenAI from 'openai';
const client = new OpenAI();
export const reply = await client.chat.completions.create({ model: 'gpt-5', messages: [] });
export const answer = await client.responses.create({ model: 'gpt-5', input: 'hi', tools: [{ type: 'image_generation', model: 'gpt-image-2', quality: 'high' }] });
export const a = await client.images.generate({ model: 'gpt-image-2', prompt: 'a cat', quality: 'high', size: '1024x1024' });
export const b = await client.images.generate({ model: "gpt-image-2-2026-04-21", prompt: 'a cat', quality: 'low' });
export const c = await client.images.edit({ model: \`gpt-image-2.5-flare\`, image, prompt: 'a cat' });
const IMAGE_MODEL = process.env.IMAGE_MODEL ?? 'gpt-image-2';
export const gateway = { imageModel: 'openai/gpt-image-2', chatModel: 'gpt-4o', fallback: 'gpt-5-mini' };
export const isNew = (m: string) => m === 'gpt-image-2' || m.startsWith('gpt-5') || m === IMAGE_MODEL;
`,
  'retired ids glued into longer strings, and names': `export const styles = ['gpt-image-1.restyle', 'my-gpt-image-1', 'gpt-image-10', 'gpt-image-1x', 'xdall-e-3', 'dall-e-30'];
export const paths = { cache: '/v1/gpt-image-1/', cdn: 'https://cdn.example.com/dall-e-2/cat.png', log: 'legacy_gpt-image-1_usage.json' };
export const gptImage1 = 1;
export const dall_e_3_count = 2;
export const key = { gpt_image_1: true };
export const message = \`the old gpt-image-1-mini-preview and chatgpt-image-latest-2 ids\`;
`,
};

/** Info-level mentions only (role `doc`), no edit, the same on every path. */
function expectMentionsOnly(code: string): void {
  const viaTsMorph = planWithTsMorph(code, {}, 'mention.ts');
  expect(viaTsMorph.findings.length, code).toBeGreaterThan(0);
  for (const finding of viaTsMorph.findings) {
    expect({ severity: finding.severity, role: finding.role, fix: finding.fix, edits: finding.edits }, finding.message).toEqual({
      severity: 'info',
      role: 'doc',
      fix: 'manual',
      edits: [],
    });
  }
  expect(viaTsMorph.output).toBe(code);
  const viaJscodeshift = planWithJscodeshift('mention.ts', code, jscodeshift, OPTIONS);
  expect(comparable(viaJscodeshift.findings)).toEqual(comparable(viaTsMorph.findings));
  expect(viaJscodeshift.output).toBe(code);
}

describe('negative set, hand-written: zero findings, zero edits on every path', () => {
  it.each(Object.entries(HAND_WRITTEN))('%s', (name, code) => {
    expectNothing(code, name.includes('JSX'));
  });

  it('a retired id named as a word in a comment or a log message: an info mention, never an edit', () => {
    expectMentionsOnly(`// we moved off gpt-image-1 and dall-e-3 last year
/* chatgpt-image-latest was an alias */
export const log = (m: string) => console.warn('gpt-image-1 is retired; now using', m);
`);
  });

  it('a repository of them: audit reports nothing, fix changes nothing (code, .env, Markdown)', async () => {
    const dir = tempDir();
    const files: Record<string, string> = {
      ...Object.fromEntries(Object.entries(HAND_WRITTEN).map(([name, code], i) => [`src/case${i}.${name.includes('JSX') ? 'tsx' : 'ts'}`, code])),
      '.env': 'IMAGE_MODEL=gpt-image-2\nCHAT_MODEL=gpt-5\nSTYLE_PRESET=gpt-image-1.restyle\n',
      'README.md': 'Images come from `gpt-image-2`; thumbnails use sharp with `quality: 80`. The old `gpt-image-10` typo is gone.\n',
    };
    writeFiles(dir, files);

    const audit = await cli(dir, 'audit', '--format', 'json', '--fail-on', 'info');
    const report = JSON.parse(audit.stdout) as { findings: unknown[]; errors: unknown[] };
    expect(report.findings).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(audit.code).toBe(0);

    const fix = await cli(dir, 'fix');
    expect(fix.code).toBe(0);
    expect(fix.stderr).toMatch(/^0 files changed/m);
    for (const [file, text] of Object.entries(files)) expect(fs.readFileSync(path.join(dir, file), 'utf8'), file).toBe(text);
  });
});

describe('negative set, generated', () => {
  const quote = fc.constantFrom("'", '"', '`');
  const str = (q: string, value: string) => `${q}${value}${q}`;

  it(`unrelated quality, size and style on libraries that are not an image-generation API (${NUM_RUNS} runs)`, () => {
    const callee = fc.constantFrom(
      'sharp(input).jpeg',
      'sharp(input).webp',
      'image.quality',
      'jimp.getBuffer',
      'canvas.toDataURL',
      'videojs',
      'player.setQuality',
      'hls.loadSource',
      'camera.takePictureAsync',
      'ImagePicker.launchCameraAsync',
      'new ImageCapture(track).takePhoto',
      'ffmpeg().outputOptions',
      'cloudinary.url',
    );
    const value = fc.oneof(
      fc.integer({ min: 0, max: 100 }).map(String),
      fc.constantFrom('0.5', '0.92', '1'),
      fc.tuple(quote, fc.constantFrom('hd', 'standard', 'high', 'low', 'medium', 'auto', 'hd720', 'best')).map(([q, v]) => str(q, v)),
    );
    const extra = fc.uniqueArray(
      fc.tuple(fc.constantFrom('size', 'style', 'response_format', 'format', 'n', 'background'), quote, fc.constantFrom('256x256', '1024x1024', 'vivid', 'url', 'b64_json', 'png', 'transparent', '2')),
      { selector: ([key]) => key, maxLength: 3 },
    );
    fc.assert(
      fc.property(callee, value, extra, fc.boolean(), fc.constantFrom('\n', '\r\n'), (fn, quality, others, multiline, eol) => {
        const props = [`quality: ${quality}`, ...others.map(([key, q, v]) => `${key}: ${str(q, v)}`)];
        const object = multiline ? `{${eol}  ${props.join(`,${eol}  `)},${eol}}` : `{ ${props.join(', ')} }`;
        expectNothing(`export const out = await ${fn}(${object});${eol}`);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it(`other model ids, in API arguments, settings and comparisons (${NUM_RUNS} runs)`, () => {
    const id = fc.constantFrom('gpt-5', 'gpt-5-mini', 'gpt-4o', 'gpt-image-2', 'gpt-image-2-2026-04-21', 'gpt-image-2.5-flare', 'gpt-image-2-mini', 'openai/gpt-image-2', 'o3');
    const imageId = fc.constantFrom('gpt-image-2', 'gpt-image-2-2026-04-21', 'gpt-image-2.5-flare', 'gpt-image-2-mini');
    const shape = fc.constantFrom('chat', 'images', 'constant', 'setting', 'comparison', 'env-default');
    fc.assert(
      fc.property(id, imageId, shape, quote, (model, imageModel, where, q) => {
        const header = "import OpenAI from 'openai';\nconst client = new OpenAI();\n";
        const body = {
          chat: `await client.chat.completions.create({ model: ${str(q, model)}, messages: [] });`,
          images: `await client.images.generate({ model: ${str(q, imageModel)}, prompt: 'a cat', quality: 'high', size: '1536x1024' });`,
          constant: `export const IMAGE_MODEL = ${str(q, model)};`,
          setting: `export const config = { imageModel: ${str(q, model)} };`,
          comparison: `export const isCurrent = (m: string) => m === ${str(q, model)};`,
          'env-default': `const MODEL = process.env.MODEL ?? ${str(q, imageModel)};\nawait client.images.generate({ model: MODEL, prompt: 'x' });`,
        }[where];
        expectNothing(`${header}${body}\n`);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it(`a retired id named as a word in prose is an info mention, never an edit (${NUM_RUNS} runs)`, () => {
    const retired = fc.constantFrom('gpt-image-1', 'gpt-image-1-mini', 'gpt-image-1.5', 'chatgpt-image-latest', 'dall-e-2', 'dall-e-3');
    const before = fc.constantFrom('', 'we moved off ', 'was: ', '(', 'old model ');
    const after = fc.constantFrom('', ' is retired', '.', ', see the runbook', ')', '!');
    const place = fc.constantFrom('line comment', 'block comment', 'log message', 'JSDoc');
    fc.assert(
      fc.property(retired, before, after, place, (id, head, tail, where) => {
        const prose = `${head}${id}${tail}`;
        // a string that is the id and nothing else is an id, not prose
        fc.pre(where !== 'log message' || prose !== id);
        const code = {
          'line comment': `// ${prose}\nexport const x = 1;\n`,
          'block comment': `/* ${prose} */\nexport const x = 1;\n`,
          'log message': `console.warn('${prose}');\n`,
          JSDoc: `/**\n * ${prose}\n */\nexport function draw() {}\n`,
        }[where];
        expectMentionsOnly(code);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it(`a retired id glued into a longer string is not an id (${NUM_RUNS} runs)`, () => {
    const retired = fc.constantFrom('gpt-image-1', 'gpt-image-1-mini', 'gpt-image-1.5', 'chatgpt-image-latest', 'dall-e-2', 'dall-e-3');
    // glued: a letter, digit, `_`, `.`, `/` or `-` touches the id on at least one side
    const prefix = fc.constantFrom('', '', 'x', 'my-', '/v1/', 'models/', 'https://cdn.example.com/', 'legacy_', 'azure-', 'v2.');
    const suffix = fc.constantFrom('', '', '.restyle', '-preview', 'x', '0', '.png', '_v2', '-2024', '.json', '-edit');
    const place = fc.constantFrom('model', 'constant', 'array', 'value', 'comparison', 'template');
    const spellings = new Set(retiredSpellings);
    fc.assert(
      fc.property(retired, prefix, suffix, place, quote, (id, before, after, where, q) => {
        const text = `${before}${id}${after}`;
        // a gateway spelling (`openai/gpt-image-1`) is an id; so is one after `/deployments/` (an Azure URL)
        fc.pre(!spellings.has(text) && !/^(?:openai|azure|fal-ai|replicate)\/[^/]+$/.test(text) && !text.includes('/deployments/'));
        const literal = str(q, text);
        const header = "import OpenAI from 'openai';\nconst client = new OpenAI();\n";
        const body = {
          model: `await client.images.generate({ model: ${literal}, prompt: 'a cat' });`,
          constant: `export const PRESET = ${literal};`,
          array: `export const presets = [${literal}, 'plain'];`,
          value: `export const paths = { cache: ${literal} };`,
          comparison: `export const isPreset = (m: string) => m === ${literal};`,
          template: `export const label = \`\${name}: ${text}\`;`,
        }[where];
        expectNothing(`${header}${body}\n`);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
