/**
 * The repository pass (src/plan/repository.ts): one value, one decision. A
 * value several files hold (an environment variable, an exported constant,
 * an id a test asserts) is decided alike in every file, by the CLI, which
 * sees them all.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../src/report/model.js';
import { cleanTempDirs, cli, NOW, read, tempDir, writeFiles } from './support/cli.js';

afterEach(() => cleanTempDirs());

const SDK = "import OpenAI from 'openai';\nconst client = new OpenAI();\n";
/** A request of the OpenAI SDK whose model is `model` (source text). */
const call = (model: string) => `${SDK}export const r = () => client.images.generate({ model: ${model}, prompt: 'a cat' });\n`;

async function audit(dir: string): Promise<Report> {
  return JSON.parse((await cli(dir, 'audit', '--format', 'json', '--now', NOW, '--fail-on', 'none')).stdout) as Report;
}

describe('environment variables', () => {
  it('a setting in .env, Compose (also as ${VAR:-default}) and an env schema changes when the code sends the variable to OpenAI', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'package.json': '{"name":"app"}',
      '.env.example': 'IMAGE_MODEL=gpt-image-1\n',
      'docker-compose.yml': 'services:\n  app:\n    environment:\n      IMAGE_MODEL: ${IMAGE_MODEL:-gpt-image-1}\n',
      'src/env.ts': "import { z } from 'zod';\nexport const schema = z.object({ IMAGE_MODEL: z.string().default('gpt-image-1') });\n",
      'src/images.ts': call('process.env.IMAGE_MODEL!'),
    });
    const report = await audit(dir);
    const of = (file: string) => report.findings.find((f) => f.file === file && f.model)!;
    for (const file of ['.env.example', 'docker-compose.yml', 'src/env.ts']) {
      expect([file, of(file).fix, of(file).decidedBy]).toEqual([file, 'auto', 'the environment variable IMAGE_MODEL']);
      expect(of(file).message).toMatch(/is read at src\/images\.ts:3, where client\.images\.generate\(\) reads it/);
    }
    await cli(dir, 'fix', '--now', NOW);
    expect(read(dir, 'docker-compose.yml')).toBe('services:\n  app:\n    environment:\n      IMAGE_MODEL: ${IMAGE_MODEL:-gpt-image-2}\n');
    expect(read(dir, 'src/env.ts')).toContain(".default('gpt-image-2')");
  });

  it('no reader, or one reader that is not a known provider: every place stays, each saying why', async () => {
    const unread = tempDir();
    writeFiles(unread, { 'package.json': '{"name":"app"}', '.env': 'IMAGE_MODEL=gpt-image-1\n' });
    expect((await audit(unread)).findings.map((f) => f.fix)).toEqual(['manual']);

    const dir = tempDir();
    writeFiles(dir, {
      'package.json': '{"name":"app"}',
      '.env': 'IMAGE_MODEL=gpt-image-1\n',
      'src/images.ts': `${SDK}export const a = () => client.images.generate({ model: process.env.IMAGE_MODEL ?? 'gpt-image-1', prompt: 'a' });\n`,
      'src/proxy.ts': "export const b = () => proxy.generate({ model: process.env.IMAGE_MODEL ?? 'gpt-image-1', prompt: 'b', size: '1024x1024' });\n",
    });
    const report = await audit(dir);
    const models = report.findings.filter((f) => f.model && f.role !== 'doc');
    expect(models.map((f) => [f.file, f.fix])).toEqual([
      ['.env', 'manual'],
      ['src/images.ts', 'manual'],
      ['src/proxy.ts', 'manual'],
    ]);
    // the one the file alone would fix was changed by the other reader
    expect(models[1].decidedBy).toBe('the environment variable IMAGE_MODEL');
    expect(models[1].message).toMatch(/also reaches src\/proxy\.ts:1, where .*one value gets one decision/);
  });

  it('an Azure deployment variable blocks every place that holds it', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'package.json': '{"name":"app"}',
      '.env': 'AZURE_OPENAI_IMAGE_DEPLOYMENT=gpt-image-1\n',
      'src/images.ts': call("process.env.AZURE_OPENAI_IMAGE_DEPLOYMENT ?? 'gpt-image-1'"),
    });
    const report = await audit(dir);
    expect(report.findings.filter((f) => f.model).map((f) => [f.file, f.role, f.fix])).toEqual([
      ['.env', 'deployment', 'manual'],
      ['src/images.ts', 'deployment', 'manual'],
    ]);
  });
});

describe('exported constants', () => {
  it('a constant changes when a module that imports it (through a re-export, an alias) sends it; not otherwise', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'package.json': '{"name":"app"}',
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'src/config/models.ts': "export const IMAGE_MODEL = 'gpt-image-1';\nexport const ARCHIVE_MODEL = 'dall-e-3';\n",
      'src/config/index.ts': "export * from './models';\n",
      'src/images.ts': `import { IMAGE_MODEL } from '@/config';\n${call('IMAGE_MODEL')}`,
    });
    const report = await audit(dir);
    const of = (line: number) => report.findings.find((f) => f.file === 'src/config/models.ts' && f.line === line)!;
    expect([of(1).fix, of(1).decidedBy]).toEqual(['auto', 'the constant IMAGE_MODEL of models.ts']);
    expect(of(2).fix).toBe('manual');
  });
});

describe('tests pin what they import', () => {
  it('an id a test asserts stays in the files that test imports, directly or through them; other files are fixed', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'package.json': '{"name":"app"}',
      'src/pinned.ts': "export { render } from './render';\n",
      'src/render.ts': call("'gpt-image-1'"),
      'src/free.ts': call("'gpt-image-1'"),
      'test/render.test.ts': "import { render } from '../src/pinned';\nexpect(sent).toEqual({ model: 'gpt-image-1', prompt: 'a cat' });\nvoid render;\n",
    });
    const report = await audit(dir);
    const of = (file: string) => report.findings.find((f) => f.file === file && f.role === 'api-argument')!;
    expect(of('src/free.ts').fix).toBe('auto');
    expect(of('src/render.ts').fix).toBe('manual');
    expect(of('src/render.ts').message).toMatch(/a test that imports it asserts 'gpt-image-1' \(test\/render\.test\.ts:2\), so the code and that test change together, by hand/);
    expect(of('src/render.ts').decidedBy).toBe("'gpt-image-1'");

    await cli(dir, 'fix', '--now', NOW);
    expect(read(dir, 'src/free.ts')).toContain("model: 'gpt-image-2'");
    expect(read(dir, 'src/render.ts')).toContain("model: 'gpt-image-1'");
  });

  it("a Python test pins the module it imports from a src layout (pyproject at the root, the package under src/)", async () => {
    // round 4 (weirdfingers/boards): tests/ imports `pkg.edit`, which lives in src/pkg/edit.py
    const dir = tempDir();
    const edit = 'import fal_client\n\n\nasync def edit(prompt, urls):\n    return await fal_client.submit_async("fal-ai/gpt-image-1/edit-image", arguments={"prompt": prompt, "image_urls": urls})\n';
    writeFiles(dir, {
      'pyproject.toml': '[project]\nname = "pkg"\n\n[tool.setuptools.packages.find]\nwhere = ["src"]\n',
      'src/pkg/__init__.py': '',
      'src/pkg/edit.py': edit,
      'src/pkg/free.py': edit.replace('async def edit', 'async def free'),
      // a parenthesized import over several lines, as black writes a long one
      'tests/test_edit.py': 'from pkg.edit import (\n    edit,  # the function under test\n)\n\n\nasync def test_edit(m):\n    await edit("p", [])\n    m.submit_async.assert_called_once_with("fal-ai/gpt-image-1/edit-image", arguments={"prompt": "p", "image_urls": []})\n',
    });
    const report = await audit(dir);
    const of = (file: string) => report.findings.find((f) => f.file === file && f.role === 'api-argument')!;
    expect(of('src/pkg/edit.py').fix).toBe('manual');
    expect(of('src/pkg/edit.py').message).toMatch(/a test that imports it asserts 'fal-ai\/gpt-image-1\/edit-image' \(tests\/test_edit\.py:8\)/);
    expect(of('src/pkg/free.py').fix).toBe('auto');
    await cli(dir, 'fix', '--now', NOW);
    expect(read(dir, 'src/pkg/edit.py')).toBe(edit);
  });

  it('a test that expects a request with no model keeps fix from adding one to the code it imports', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'package.json': '{"name":"app"}',
      'src/render.ts': `${SDK}export const r = async () => (await client.images.generate({ prompt: 'a cat' })).data[0].b64_json;\n`,
      'test/render.test.ts': "import { r } from '../src/render';\nexpect(client.images.generate).toHaveBeenCalledWith({ prompt: 'a cat' });\nvoid r;\n",
    });
    const finding = (await audit(dir)).findings.find((f) => f.file === 'src/render.ts')!;
    expect([finding.fix, finding.decidedBy]).toEqual(['manual', "'(no model)'"]);
  });

  it("a snapshot pins what its test imports; an orphan snapshot, its whole package", async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'package.json': '{"name":"app"}',
      'src/render.ts': call("'gpt-image-1'"),
      'src/other.ts': call("'gpt-image-1'"),
      'test/render.test.ts': "import { r } from '../src/render';\nexpect(r()).toMatchSnapshot();\n",
      'test/__snapshots__/render.test.ts.snap': 'exports[`body 1`] = `{ "model": "gpt-image-1" }`;\n',
    });
    const report = await audit(dir);
    const fix = (file: string) => report.findings.find((f) => f.file === file && f.role === 'api-argument')!.fix;
    expect([fix('src/render.ts'), fix('src/other.ts')]).toEqual(['manual', 'auto']);

    writeFiles(dir, { 'test/__snapshots__/gone.test.ts.snap': 'exports[`body 1`] = `{ "model": "gpt-image-1" }`;\n' });
    const orphan = await audit(dir);
    expect(orphan.findings.find((f) => f.file === 'src/other.ts' && f.role === 'api-argument')!.fix).toBe('manual');
  });
});

describe('the packages a request goes through', () => {
  it('an AI SDK image model moves only once @ai-sdk/openai is of a fixed release line: before, it is reported with the upgrade (invert-inc/ai-chatbot)', async () => {
    const image = "import { openai } from '@ai-sdk/openai';\nexport const imageModel = openai.image('dall-e-3');\n";
    const dir = tempDir();
    writeFiles(dir, { 'old/package.json': '{"name":"old","dependencies":{"@ai-sdk/openai":"1.0.19"}}', 'old/img.ts': image, 'new/package.json': '{"name":"new","dependencies":{"@ai-sdk/openai":"^3.0.10"}}', 'new/img.ts': image });
    const report = await audit(dir);
    const of = (file: string) => report.findings.find((f) => f.file === file && f.role === 'api-argument')!;
    expect(of('old/img.ts').fix).toBe('manual');
    expect(of('old/img.ts').message).toMatch(/@ai-sdk\/openai 1\.0\.19, below the fixed release of its line .*Upgrade it first, then move the model/);
    // a range an update within reaches a fixed release (^3.0.10 takes 3.0.54): the model moves, package.json says to update
    expect(of('new/img.ts').fix).toBe('auto');
    await cli(dir, 'fix', '--now', NOW);
    expect(read(dir, 'old/img.ts')).toBe(image);
    expect(read(dir, 'new/img.ts')).toBe(image.replace('dall-e-3', 'gpt-image-2'));
  });
});

describe("a client whose base URL is an environment variable goes where the repository's configuration points it", () => {
  const ts = "import OpenAI from 'openai';\nconst client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL });\nexport const r = async (prompt: string) => (await client.images.generate({ model: 'gpt-image-1', prompt })).data[0].b64_json;\n";
  const py = 'import os\nfrom openai import OpenAI\n\nclient = OpenAI(base_url=os.environ["OPENAI_BASE_URL"])\n\n\ndef r(prompt):\n    return client.images.generate(model="gpt-image-1", prompt=prompt).data[0].b64_json\n';
  const decide = async (env: string | null) => {
    const dir = tempDir();
    writeFiles(dir, { 'package.json': '{"name":"app"}', 'a.ts': ts, 'b.py': py, ...(env === null ? {} : { '.env.example': `OPENAI_BASE_URL=${env}\n` }) });
    const report = await audit(dir);
    return ['a.ts', 'b.py'].map((file) => {
      const f = report.findings.find((finding) => finding.file === file && finding.model === 'gpt-image-1')!;
      return `${f.role} ${f.fix} ${f.surface}`;
    });
  };

  it('an Azure resource (round 4 probe: the v1 API with the plain client): a deployment name, reported, never renamed', async () => {
    expect(await decide('https://myres.openai.azure.com/openai/v1/')).toEqual(['deployment manual azure', 'deployment manual azure']);
  });

  it("another vendor's host or one the tool does not know: reported", async () => {
    const roleAndFix = (decided: string[]) => decided.map((d) => d.split(' ').slice(0, 2).join(' '));
    expect(roleAndFix(await decide('https://api.x.ai/v1'))).toEqual(['api-argument manual', 'api-argument manual']);
    expect(roleAndFix(await decide('https://llm-proxy.example.com/v1'))).toEqual(['api-argument manual', 'api-argument manual']);
  });

  it("OpenAI's own host, or no configuration: OpenAI, fixed", async () => {
    expect(await decide('https://api.openai.com/v1')).toEqual(['api-argument auto openai', 'api-argument auto openai']);
    expect(await decide(null)).toEqual(['api-argument auto openai', 'api-argument auto openai']);
  });
});
