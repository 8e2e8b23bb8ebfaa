/**
 * The fast walk (src/run/walk.ts) must find exactly what globby finds with
 * the options discovery used before it: the same sources, the same links,
 * the same .gitignore semantics (nested files, negations, anchored and
 * directory-only rules, a .gitignore above the scanned directory).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { globby } from 'globby';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/report/model.js';
import { DEFAULT_IGNORES, discover, SOURCE_PATTERNS } from '../src/run/discover.js';
import { compileWalk, walk } from '../src/run/walk.js';
import { cleanTempDirs, cli, NOW, tempDir } from './support/cli.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gim-walk-'));
afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
  cleanTempDirs();
});

function write(root: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

async function viaGlobby(root: string): Promise<{ files: string[]; links: string[] }> {
  const entries = await globby(SOURCE_PATTERNS, {
    cwd: root,
    absolute: true,
    dot: true,
    gitignore: true,
    ignore: DEFAULT_IGNORES,
    followSymbolicLinks: false,
    caseSensitiveMatch: false,
    onlyFiles: false,
    objectMode: true,
    suppressErrors: true,
  });
  return {
    files: entries.filter((e) => e.dirent.isFile()).map((e) => path.normalize(e.path)).sort(),
    links: entries.filter((e) => e.dirent.isSymbolicLink()).map((e) => path.normalize(e.path)).sort(),
  };
}

function viaWalk(root: string): { files: string[]; links: string[] } {
  const plan = compileWalk(SOURCE_PATTERNS, DEFAULT_IGNORES);
  expect(plan, 'the discovery patterns are ones the walk understands').not.toBeNull();
  const { files, links, unreadable } = walk(root, plan!);
  expect(unreadable).toEqual([]);
  return { files, links };
}

/** A monorepo with every .gitignore feature discovery has to get right. */
function trickyRepo(root: string, withGit: boolean): void {
  if (withGit) execFileSync('git', ['init', '-q'], { cwd: root, stdio: 'ignore' });
  write(root, {
    '.gitignore': ['# comment', 'generated/', '*.log.ts', '/top-only.ts', 'packages/*/tmp', '!keep.generated.ts', 'secret.ts   ', 'trailing\\ ', 'cache'].join('\r\n') + '\r\n',
    'top-only.ts': 'x',
    'src/top-only.ts': 'kept: not at the top',
    'src/a.ts': 'a',
    'src/b.log.ts': 'ignored',
    'src/secret.ts': 'ignored (trailing spaces in the rule)',
    'src/trailing ': 'not a source anyway',
    'src/generated/x.ts': 'ignored directory',
    'src/keep.generated.ts': 'kept',
    'src/cache/c.ts': 'ignored (a directory named by a rule without a slash)',
    'src/cache.ts': 'kept',
    'packages/p1/tmp/t.ts': 'ignored (anchored with a middle slash)',
    'packages/p1/src/tmp/t.ts': 'kept',
    'packages/p1/.gitignore': 'local.ts\n!*.keep.ts\n*.ts\n!index.ts\n',
    'packages/p1/index.ts': 're-included by the nested file',
    'packages/p1/local.ts': 'ignored by the nested file',
    'packages/p1/deep/index.ts': 're-included (no slash: any depth)',
    'packages/p1/deep/other.ts': 'ignored by *.ts',
    'packages/p1/README.md': 'kept',
    'packages/p2/index.ts': 'the nested .gitignore of p1 does not apply here',
    'packages/p2/node_modules/dep/index.js': 'default ignore',
    'packages/p2/dist/out.js': 'default ignore',
    'packages/p2/app.min.js': 'default ignore',
    'packages/p2/types.d.ts': 'default ignore',
    'packages/p2/.env': 'KEY=1',
    'packages/p2/.env.local': 'KEY=2',
    'packages/p2/prod.env': 'KEY=3',
    'packages/p2/Dockerfile': 'FROM node',
    'packages/p2/deploy.Dockerfile': 'FROM node',
    'packages/p2/config.yaml': 'a: 1',
    'packages/p2/.github/workflows/ci.yml': 'on: push',
    'packages/p2/.hidden/h.ts': 'dot directories are walked',
    'packages/p2/build.ts': 'a file named like an ignored directory... is a file',
    'packages/p2/build/b.ts': 'default ignore',
    'packages/p2/x.ts/inner.ts': 'a directory named like a source',
    'packages/p2/picture.png': 'not a source',
    'packages/p2/script.py': 'x = 1',
    'packages/p2/NOTES.MD': 'an extension in upper case',
    'packages/p2/Legacy.JS': 'an extension in upper case',
    'packages/p2/NODE_MODULES/dep/index.js': 'default ignore, in any case',
    'packages/p2/PICTURE.PNG': 'not a source, in any case',
  });
  fs.symlinkSync('a.ts', path.join(root, 'src/link.ts'));
  fs.symlinkSync('generated', path.join(root, 'src/linked-dir'));
  fs.symlinkSync('missing.ts', path.join(root, 'src/broken.ts'));
}

describe('the fast walk finds what globby finds', () => {
  it.each([
    ['in a git repository', true],
    ['outside any git repository', false],
  ])('%s', async (_, withGit) => {
    const root = fs.mkdtempSync(path.join(scratch, 'repo-'));
    trickyRepo(root, withGit);
    const expected = await viaGlobby(root);
    expect(expected.files.length).toBeGreaterThan(10);
    expect(viaWalk(root)).toEqual(expected);
    // and from a subdirectory, where the root .gitignore still applies in a git repository
    const sub = path.join(root, 'packages');
    expect(viaWalk(sub)).toEqual(await viaGlobby(sub));
  });

  it('a directory a .gitignore above it excludes yields nothing, as with globby', async () => {
    const root = fs.mkdtempSync(path.join(scratch, 'repo-'));
    execFileSync('git', ['init', '-q'], { cwd: root, stdio: 'ignore' });
    write(root, { '.gitignore': 'vendor/\n', 'vendor/lib/a.ts': "export const m = 'gpt-image-1';", 'src/b.ts': 'b' });
    const vendor = path.join(root, 'vendor/lib');
    expect(await viaGlobby(vendor)).toEqual({ files: [], links: [] });
    expect(viaWalk(vendor)).toEqual({ files: [], links: [] });
  });

  it('discovery uses the walk for its own patterns', async () => {
    const root = fs.mkdtempSync(path.join(scratch, 'repo-'));
    trickyRepo(root, true);
    const found = await discover([root], scratch);
    const expected = await viaGlobby(root);
    const inside = expected.links.filter((link) => fs.existsSync(link)).map((link) => path.join(root, path.relative(fs.realpathSync(root), fs.realpathSync(link))));
    expect(found.files).toEqual([...new Set([...expected.files, ...inside])].sort());
  });

  it('an extension in upper case is found by a directory scan, as naming the file finds it, and planned as its kind', async () => {
    const root = tempDir();
    const notebook = { cells: [{ cell_type: 'code', metadata: {}, outputs: [], source: ["client.images.generate(model='dall-e-3', prompt='a cat')\n"] }], metadata: {}, nbformat: 4, nbformat_minor: 5 };
    write(root, {
      'README.MD': 'Images come from gpt-image-1.\n',
      'src/App.TS': "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const r = client.images.generate({ model: 'gpt-image-1', prompt: 'a cat' });\n",
      'notebook.IPYNB': JSON.stringify(notebook),
      'PICTURE.PNG': 'gpt-image-1',
    });
    const found = await discover(['.'], root);
    expect(found.files.map((file) => path.relative(root, file)).sort()).toEqual(['notebook.IPYNB', 'README.MD', path.join('src', 'App.TS')].sort());
    const report = JSON.parse((await cli(root, 'audit', '--format', 'json', '--now', NOW, '--fail-on', 'none')).stdout) as Report;
    expect([...new Set(report.findings.map((f) => `${f.file} ${f.role}`))].sort()).toEqual(['README.MD doc', 'notebook.IPYNB api-argument', 'src/App.TS api-argument']);
  });

  it('patterns of another shape are left to globby', () => {
    expect(compileWalk(['src/**/*.ts'], [])).toBeNull();
    expect(compileWalk(['**/*.[jt]s'], [])).toBeNull();
    expect(compileWalk(['**/*.ts'], ['**/a/b/**'])).toBeNull();
    expect(compileWalk(['**/*.{ts,tsx}'], ['**/node_modules/**', '**/*.d.ts'])).not.toBeNull();
  });
});
