#!/usr/bin/env node
/**
 * `npm run bench:python`: a generated Python repository (2,000 files by
 * default: packages of modules, 5% with image calls of the shapes the
 * planner knows, a few notebooks, tests, settings modules, docs) and, in the
 * same run, a JS/TS repository of the same size from bench/generate.mjs, so
 * the Python figure is read as a ratio, not as seconds on a noisy machine.
 * Each is audited `--repeat` times (best wall time kept) by the built CLI,
 * beside the floor: `grep -rlE` with the ids over the same tree.
 *
 * Options: --files N (default 2000), --repeat N (default 3), --cli PATH.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo, rng } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
if (args.includes('--help')) {
  console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
  process.exit(0);
}
const files = Number(option('--files', '2000'));
const repeat = Math.max(1, Number(option('--repeat', '3')));
const cli = path.resolve(option('--cli', path.join(root, 'bin/gpt-image-migrate.js')));

const WORDS = ['user', 'order', 'cart', 'invoice', 'product', 'session', 'account', 'payment', 'report', 'metric', 'event', 'queue', 'task', 'asset', 'banner', 'avatar'];

function plainModule(random, i) {
  const w = () => WORDS[Math.floor(random() * WORDS.length)];
  const body = [];
  const functions = 3 + Math.floor(random() * 12);
  for (let f = 0; f < functions; f++) {
    body.push(
      `def ${w()}_${w()}_${f}(items: list[dict], limit: int = ${10 + f}) -> list[dict]:\n    """Filter the ${w()} list (${w()} ${w()})."""\n    seen = set()\n    out = []\n    for item in items:\n        key = item.get("${w()}_id")\n        if key in seen:\n            continue\n        seen.add(key)\n        out.append({**item, "${w()}": str(item.get("${w()}", "")).strip()})\n        if len(out) >= limit:\n            break\n    return out\n`,
    );
  }
  return `"""Module ${i}: ${w()} helpers."""\nfrom __future__ import annotations\n\nimport logging\nfrom dataclasses import dataclass\n\nlog = logging.getLogger(__name__)\n\n\n@dataclass\nclass ${w().replace(/^./, (c) => c.toUpperCase())}${i}:\n    id: str\n    quality: int = 80\n\n\n${body.join('\n\n')}`;
}

const IMAGE_MODULES = [
  (i) => `from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef render_${i}(prompt: str) -> str:\n    result = client.images.generate(\n        model="gpt-image-1",\n        prompt=prompt,\n        size="1024x1024",\n        quality="high",\n        response_format="b64_json",\n    )\n    return result.data[0].b64_json\n`,
  (i) => `import os\n\nfrom openai import AsyncOpenAI\n\nMODEL = os.getenv("IMAGE_MODEL", "dall-e-3")\nclient = AsyncOpenAI()\n\n\nasync def poster_${i}(prompt):\n    r = await client.images.generate(model=MODEL, prompt=prompt, quality="hd", style="vivid")\n    return r.data[0].url\n`,
  (i) => `import httpx\n\n\ndef task_${i}(prompt):\n    return httpx.post("https://api.openai.com/v1/images/generations", json={"model": "gpt-image-1-mini", "prompt": prompt, "n": 1}).json()\n`,
  (i) => `PRICES_${i} = {"gpt-image-1": 0.04, "dall-e-3": 0.08}\n\n\ndef legacy_${i}(model: str) -> bool:\n    return model == "gpt-image-1" or model in {"dall-e-2", "dall-e-3"}\n`,
  (i) => `import litellm\n\n\ndef route_${i}(prompt):\n    return litellm.image_generation(model="openai/gpt-image-1", prompt=prompt, quality="standard")\n`,
];

function notebook(i) {
  const cells = [
    { cell_type: 'markdown', metadata: {}, source: [`# Experiment ${i}\n`, 'Images with dall-e-3.'] },
    { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source: ['from openai import OpenAI\n', 'client = OpenAI()'] },
    { cell_type: 'code', execution_count: 2, metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text: ['done\n'] }], source: ['r = client.images.generate(\n', '    model="dall-e-3",\n', '    prompt="a cat",\n', '    quality="hd",\n', ')'] },
  ];
  return `${JSON.stringify({ cells, metadata: { kernelspec: { language: 'python', name: 'python3' } }, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}

function generatePython(dir, count) {
  const stamp = path.join(dir, '.git', 'bench-python.json');
  if (fs.existsSync(stamp) && JSON.parse(fs.readFileSync(stamp, 'utf8')).count === count) return;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'ignore' });
  const random = rng(11);
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('pyproject.toml', '[project]\nname = "bench"\nversion = "0.1.0"\n');
  write('.gitignore', '.venv/\n__pycache__/\n');
  // an ignored virtualenv that names the ids: no tool may read it
  for (let v = 0; v < 50; v++) write(`.venv/lib/python3.11/site-packages/pkg${v}/__init__.py`, 'MODEL = "gpt-image-1"\n');
  let written = 0;
  for (let i = 0; written < count; i++) {
    const pkg = `services/svc_${Math.floor(i / 40)}`;
    let rel;
    let text;
    if (i % 40 === 0) {
      rel = `${pkg}/README.md`;
      text = `# Service ${i}\n\nRuns jobs.${random() < 0.2 ? ' Uses gpt-image-1 for thumbnails.' : ''}\n`;
    } else if (i % 97 === 0) {
      rel = `notebooks/experiment_${i}.ipynb`;
      text = notebook(i);
    } else if (random() < 0.05) {
      rel = `${pkg}/images_${i}.py`;
      text = IMAGE_MODULES[i % IMAGE_MODULES.length](i);
    } else if (i % 10 === 3) {
      rel = `${pkg}/tests/test_mod_${i}.py`;
      text = `import unittest\n\n\nclass T${i}(unittest.TestCase):\n    def test_ok(self):\n        self.assertEqual(${i} + 1, ${i + 1})\n`;
    } else {
      rel = `${pkg}/mod_${i}.py`;
      text = plainModule(random, i);
    }
    write(rel, text);
    written++;
  }
  fs.writeFileSync(stamp, JSON.stringify({ count }));
}

function best(label, command, argv, cwd) {
  const walls = [];
  spawnSync(command, argv, { cwd, stdio: 'ignore' }); // warm the file cache
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(command, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
    walls.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (run.status !== 0 && !(command === 'grep' && run.status === 1)) throw new Error(`${label} exited ${run.status}: ${run.stderr}`);
  }
  const wall = Math.min(...walls);
  process.stderr.write(`  ${label.padEnd(28)} ${walls.map((w) => w.toFixed(2)).join(' / ')} s\n`);
  return wall;
}

const benchDir = path.join(root, '.bench');
const pyRepo = path.join(benchDir, `python-${files}`);
const jsRepo = path.join(benchDir, `js-${files}`);
process.stderr.write(`generating ${files} Python files and ${files} JS/TS files under .bench/ ...\n`);
generatePython(pyRepo, files);
generateRepo(jsRepo, { files });
const ids = 'gpt-image-1|dall-e-[23]|chatgpt-image-latest';
const audit = (repo) => [cli, 'audit', repo, '--format', 'json', '--fail-on', 'none', '--no-progress'];
const py = best(`audit (Python, ${files})`, process.execPath, audit(pyRepo), root);
const pyFloor = best('grep -rlE (Python)', 'grep', ['-rlE', '--exclude-dir=.git', '--exclude-dir=.venv', ids, '.'], pyRepo);
const js = best(`audit (JS/TS, ${files})`, process.execPath, audit(jsRepo), root);
const jsFloor = best('grep -rlE (JS/TS)', 'grep', ['-rlE', '--exclude-dir=.git', '--exclude-dir=node_modules', ids, '.'], jsRepo);
const report = JSON.parse(spawnSync(process.execPath, audit(pyRepo), { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout);
console.log(`| repository | audit | grep -rlE | audit / grep |\n|---|---|---|---|`);
console.log(`| Python, ${files} files (${report.findings.length} findings in ${new Set(report.findings.map((f) => f.file)).size} files) | ${py.toFixed(2)} s | ${pyFloor.toFixed(2)} s | ${(py / pyFloor).toFixed(1)}x |`);
console.log(`| JS/TS, ${files} files (bench/generate.mjs) | ${js.toFixed(2)} s | ${jsFloor.toFixed(2)} s | ${(js / jsFloor).toFixed(1)}x |`);
console.log(`\nPython / JS audit time, same size, same run: ${(py / js).toFixed(2)}; Python under 3 s: ${py < 3 ? 'yes' : 'NO'}`);
