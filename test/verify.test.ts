/**
 * fix's verification step: the files it would change are type-checked with
 * the project's own tsconfig.json and node_modules, before and after; a file
 * whose edits add a diagnostic is left alone and reported with it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../src/report/model.js';
import { cleanTempDirs, cli, NOW, read, tempDir, writeFiles } from './support/cli.js';

afterEach(() => cleanTempDirs());

/** A project with its own (tiny) `openai` package whose types take the models `accepts` lists. */
function project(accepts: string[], source: Record<string, string>): string {
  const dir = tempDir();
  const union = accepts.map((m) => `'${m}'`).join(' | ');
  writeFiles(dir, {
    'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { openai: '1.0.0' } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', noEmit: true, types: [] }, include: ['src'] }),
    'node_modules/openai/package.json': JSON.stringify({ name: 'openai', version: '1.0.0', types: 'index.d.ts' }),
    'node_modules/openai/index.d.ts': `export default class OpenAI {\n  images: { generate(params: { model: ${union}; prompt: string }): Promise<{ data: unknown[] }> };\n}\n`,
    ...source,
  });
  return dir;
}

const CALL = "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const r = client.images.generate({ model: 'gpt-image-1', prompt: 'a cat' });\n";
/** The same call with the checker silenced on it: its edit adds no diagnostic, so the rollback is per file. */
const SILENCED = "import OpenAI from 'openai';\nconst client = new OpenAI();\n// @ts-ignore the model union is checked elsewhere\nexport const r = client.images.generate({ model: 'gpt-image-1', prompt: 'a dog' });\n";

describe('the type-check of what fix changes', () => {
  it('a file whose edits the installed types reject is left alone, reported with the diagnostic; the others are written', async () => {
    const dir = project(['gpt-image-1', 'dall-e-3'], { 'src/a.ts': CALL, 'src/b.ts': SILENCED });
    const { code, stderr } = await cli(dir, 'fix', '--force', '--now', NOW);
    expect(code).toBe(0);
    expect(read(dir, 'src/a.ts')).toBe(CALL);
    expect(read(dir, 'src/b.ts')).toBe(SILENCED.replace("'gpt-image-1'", "'gpt-image-2'"));
    expect(stderr).toMatch(/^Type-checked 2 changed files in 1 project \(\d+\.\d s\): 1 left unchanged because the edits would add type errors \(src\/a\.ts; see audit\)\.$/m);

    const audit = await cli(dir, 'audit', '--verify', '--format', 'json', '--now', NOW, '--fail-on', 'none');
    const report = JSON.parse(audit.stdout) as Report;
    const finding = report.findings.find((f) => f.file === 'src/a.ts' && f.role === 'api-argument')!;
    expect(finding.fix).toBe('manual');
    expect(finding.message).toMatch(/would not type-check \(a\.ts:3: TS\d+: Type '"gpt-image-2"' is not assignable to type '"gpt-image-1" \| "dall-e-3"'/);
    // b.ts was written by fix, so only a.ts is still to change
    expect(report.verification).toMatchObject({ files: 1, projects: 1, rolledBack: ['src/a.ts'] });
    // without --verify, audit predicts from the plan alone and does not load the project's types
    const quick = JSON.parse((await cli(dir, 'audit', '--format', 'json', '--now', NOW, '--fail-on', 'none')).stdout) as Report;
    expect(quick.verification).toBeUndefined();
    expect(quick.findings.find((f) => f.file === 'src/a.ts' && f.role === 'api-argument')!.fix).toBe('auto');
  });

  it('edits the types accept are written, and the summary says they were checked', async () => {
    const dir = project(['gpt-image-1', 'gpt-image-2'], { 'src/a.ts': CALL });
    const { code, stderr } = await cli(dir, 'fix', '--force', '--now', NOW);
    expect(code).toBe(0);
    expect(read(dir, 'src/a.ts')).toBe(CALL.replace("'gpt-image-1'", "'gpt-image-2'"));
    expect(stderr).toMatch(/^Type-checked 1 changed file in 1 project \(\d+\.\d s\): no new type errors\.$/m);
  });

  it('a diagnostic the file already had is not the edits\' fault', async () => {
    const broken = CALL + "export const n: number = 'not a number';\n";
    const dir = project(['gpt-image-1', 'gpt-image-2'], { 'src/a.ts': broken });
    await cli(dir, 'fix', '--force', '--now', NOW);
    expect(read(dir, 'src/a.ts')).toBe(broken.replace("'gpt-image-1'", "'gpt-image-2'"));
  });

  it('--no-verify writes without checking', async () => {
    const dir = project(['gpt-image-1'], { 'src/a.ts': CALL });
    const { stderr } = await cli(dir, 'fix', '--force', '--no-verify', '--now', NOW);
    expect(read(dir, 'src/a.ts')).toBe(CALL.replace("'gpt-image-1'", "'gpt-image-2'"));
    expect(stderr).not.toMatch(/type-checked/i);
  });

  it('without a tsconfig.json or installed dependencies it says so once, and writes', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'package.json': '{"name":"x"}', 'src/a.ts': CALL, 'src/b.ts': CALL });
    const bare = await cli(dir, 'fix', '--force', '--now', NOW);
    expect(bare.stderr).toMatch(/^Not type-checked: 2 changed files, no tsconfig.json above it\.$/m);
    expect(read(dir, 'src/a.ts')).toContain("'gpt-image-2'");

    const noModules = tempDir();
    writeFiles(noModules, { 'package.json': '{"name":"x"}', 'tsconfig.json': '{}', 'src/a.ts': CALL });
    const result = await cli(noModules, 'fix', '--force', '--now', NOW);
    expect(result.stderr).toMatch(/^Not type-checked: 1 changed file, dependencies not installed for tsconfig\.json \(no node_modules\)\.$/m);
  });
});
