/**
 * The README's copy-paste workflows (section "In CI, and across
 * repositories"): each parses as YAML; the one that uses the action passes
 * only inputs action.yml declares and reads only outputs it sets; and the
 * scheduled fix is run, its `run:` steps in bash as the runner runs them (with
 * `npx --yes gpt-image-migrate@0` as this build), in a temporary git
 * repository, so that what it hands create-pull-request (the description
 * file, the paths to commit) is checked, not just written down.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanTempDirs, commitAll, git, gitInit, GOOD_SOURCE, NOW, tempDir, writeFiles } from './support/cli.js';
import { BIN, ensureBuilt, PACKAGE_ROOT } from './support/dist.js';
import { parseGithubOutput } from './support/github.js';

afterAll(cleanTempDirs);

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | boolean | number>;
}
interface Workflow {
  name: string;
  on: unknown;
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

const readme = fs.readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
const section = (() => {
  const start = readme.indexOf('\n## In CI, and across repositories\n');
  if (start < 0) throw new Error('README.md has no section "In CI, and across repositories"');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end);
})();
const workflows = [...section.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => parse(m[1]) as Workflow);
const action = parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; outputs: Record<string, unknown> };
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);

describe("the README's workflows", () => {
  it('are YAML workflows with jobs and steps', () => {
    expect(workflows).toHaveLength(2);
    for (const workflow of workflows) {
      expect(typeof workflow.name).toBe('string');
      expect(steps(workflow).length).toBeGreaterThan(0);
    }
  });

  it('the audit workflow gives the action only inputs it declares, reads only outputs it sets, and may upload SARIF', () => {
    const workflow = workflows.find((w) => steps(w).some((s) => s.uses?.startsWith('gpt-image-migrate/gpt-image-migrate@')))!;
    const step = steps(workflow).find((s) => s.uses?.startsWith('gpt-image-migrate/gpt-image-migrate@'))!;
    for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs), key).toContain(key);
    const read = [...JSON.stringify(steps(workflow)).matchAll(new RegExp(`steps\\.${step.id}\\.outputs\\.([\\w-]+)`, 'g'))].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(0);
    for (const name of read) expect(Object.keys(action.outputs), name).toContain(name);
    expect(workflow.permissions['security-events']).toBe('write');
  });
});

describe('the scheduled fix workflow, run', () => {
  const workflow = workflows.find((w) => steps(w).some((s) => s.uses?.startsWith('peter-evans/create-pull-request@')))!;
  let repo: string;
  let runnerTemp: string;
  let outputs: Record<string, string>;
  const codes: number[] = [];

  beforeAll(() => {
    ensureBuilt();
    repo = tempDir();
    gitInit(repo);
    writeFiles(repo, {
      'src/images.ts': GOOD_SOURCE,
      'src/models.ts': "export const isOld = (model: string) => model === 'gpt-image-1';\n",
      // a file the CLI cannot read: exit 2, which the workflow lets through
      'src/vendored.ts': Buffer.concat([Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x01]), Buffer.from("client.images.generate({ model: 'gpt-image-1' });\n")]),
    });
    commitAll(repo);
    runnerTemp = tempDir();
    const outputFile = path.join(runnerTemp, 'github_output');
    fs.writeFileSync(outputFile, '');
    for (const step of steps(workflow)) {
      // actions (checkout, setup-node, create-pull-request) are the runner's; this repository has no dependencies to install
      if (!step.run || step.run.startsWith('npm ci')) continue;
      const script = path.join(runnerTemp, 'step.sh');
      fs.writeFileSync(script, step.run.replaceAll('npx --yes gpt-image-migrate@0', `'${process.execPath}' '${BIN}'`));
      const child = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd: repo,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          GITHUB_WORKSPACE: repo,
          GITHUB_OUTPUT: outputFile,
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_REPOSITORY: 'acme/web',
          GITHUB_SHA: git(repo, 'rev-parse', 'HEAD').trim(),
          RUNNER_TEMP: runnerTemp,
          GPT_IMAGE_MIGRATE_NOW: NOW,
        },
      });
      if (child.error) throw child.error;
      expect(child.status, `${step.name}:\n${child.stdout}${child.stderr}`).toBe(0);
      codes.push(child.status ?? -1);
    }
    outputs = parseGithubOutput(fs.readFileSync(outputFile, 'utf8'));
  });

  it('runs every step, also with a file the CLI cannot read', () => {
    expect(codes).toEqual([0, 0]);
  });

  it('hands create-pull-request the report as the description and exactly the files fix wrote', () => {
    const pr = steps(workflow).find((s) => s.uses?.startsWith('peter-evans/create-pull-request@'))!;
    const expression = (value: string) =>
      value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
        if (expr === 'runner.temp') return runnerTemp;
        const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
        if (output) return outputs[output[2]] ?? '';
        throw new Error(`an expression this test does not evaluate: ${expr}`);
      });
    expect(pr.if).toBe("${{ steps.fix.outputs.files != '' }}");
    expect(outputs.files).toBe('src/images.ts');

    const body = fs.readFileSync(expression(String(pr.with!['body-path'])), 'utf8');
    expect(body).toMatch(/^# Image model migration: /m);
    expect(body).toMatch(/^## For a person to decide \(1\)$/m);
    expect(body).toMatch(/^## Files that could not be processed \(1\)$/m);
    expect(body).toContain(`(https://github.com/acme/web/blob/${git(repo, 'rev-parse', 'HEAD').trim()}/src/models.ts#L1)`);

    // add-paths is newline-separated, and names exactly what is modified in the checkout
    expect(expression(String(pr.with!['add-paths'])).split('\n')).toEqual(
      git(repo, 'status', '--porcelain').split('\n').filter(Boolean).map((line) => line.slice(3)),
    );
    expect(fs.readFileSync(path.join(repo, 'src/images.ts'), 'utf8')).toContain("'gpt-image-2'");
  });
});
