/**
 * The multi-gitter recipe (docs/multi-gitter/fix-one.sh), run the way
 * `multi-gitter run <script> --manual-commit` runs it: in a fresh clone of
 * each repository, on the feature branch, with REPOSITORY set; then read
 * back as multi-gitter reads it: the commits since the branch point, the
 * first one's subject as the pull request's title and the rest of its
 * message, trimmed, as the description (internal/multigitter/run.go,
 * getPRBodyAndTitle). No multi-gitter binary and no network: two local
 * repositories, and `report merge` over the JSON reports the script leaves.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/cli.js';
import type { PricedReport, Report } from '../src/report/model.js';
import { cleanTempDirs, cli, commitAll, git, gitInit, GOOD_SOURCE, NOW, tempDir, writeFiles } from './support/cli.js';
import { BIN, ensureBuilt, PACKAGE_ROOT } from './support/dist.js';

afterAll(cleanTempDirs);

const SCRIPT = path.join(PACKAGE_ROOT, 'docs/multi-gitter/fix-one.sh');
const BRANCH = 'gpt-image-2-migration';
const MANUAL = "export const isOld = (model: string) => model === 'gpt-image-1';\n";

interface Run {
  readonly code: number;
  readonly output: string;
  readonly clone: string;
  readonly base: string;
}

/** An "origin" repository with these files, committed on main. */
function origin(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  gitInit(dir);
  writeFiles(dir, files);
  commitAll(dir, 'initial');
  return dir;
}

/** What multi-gitter does for one repository: clone, switch to the feature branch, run the script there. */
function runAsMultiGitter(repository: string, from: string, env: NodeJS.ProcessEnv): Run {
  const clone = path.join(tempDir(), 'clone');
  git(path.dirname(clone), 'clone', '-q', from, clone);
  git(clone, 'config', 'user.email', 'bot@example.com');
  git(clone, 'config', 'user.name', 'Migration bot');
  git(clone, 'config', 'commit.gpgsign', 'false');
  // a cleanup setting of the user's that would strip the report's `#` headings from a message
  git(clone, 'config', 'commit.cleanup', 'strip');
  git(clone, 'checkout', '-q', '-b', BRANCH);
  const base = git(clone, 'rev-parse', 'HEAD').trim();
  // something of the clone's that is not fix's: never committed
  fs.writeFileSync(path.join(clone, 'setup.log'), 'installed dependencies\n');
  const child = spawnSync(SCRIPT, [], { cwd: clone, encoding: 'utf8', timeout: 120_000, env: { ...process.env, REPOSITORY: repository, ...env } });
  if (child.error) throw child.error;
  return { code: child.status ?? -1, output: child.stdout + child.stderr, clone, base };
}

/** The pull request multi-gitter opens with --manual-commit, or null (no commit: no pull request). */
function pullRequest(run: Run): { title: string; body: string; files: string[] } | null {
  const commits = git(run.clone, 'rev-list', '--reverse', `${run.base}..HEAD`).trim().split('\n').filter(Boolean);
  if (commits.length === 0) return null;
  const message = git(run.clone, 'log', '-1', '--pretty=format:%B', commits[0]);
  const [title, ...rest] = message.split('\n');
  const files = git(run.clone, 'diff', '--name-only', run.base, 'HEAD').trim().split('\n').filter(Boolean);
  return { title: title.trim(), body: rest.join('\n').trim(), files };
}

describe('multi-gitter run with docs/multi-gitter/fix-one.sh', () => {
  let reports: string;
  let env: NodeJS.ProcessEnv;
  let web: { origin: string; run: Run };
  let worker: { origin: string; run: Run };

  beforeAll(() => {
    ensureBuilt();
    reports = tempDir();
    env = { REPORTS_DIR: reports, GPT_IMAGE_MIGRATE: `${process.execPath} ${BIN}`, GPT_IMAGE_MIGRATE_NOW: NOW };
    const webOrigin = origin({
      'src/images.ts': GOOD_SOURCE,
      'src/models.ts': MANUAL,
      'README.md': '# web\n\nMade with dall-e-3.\n',
      // a file the CLI cannot read (exit 2): reported, and the rest is still migrated
      'src/vendored.ts': Buffer.concat([Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x01]), Buffer.from("client.images.generate({ model: 'gpt-image-1' });\n")]),
    });
    const workerOrigin = origin({ 'src/check.ts': MANUAL });
    web = { origin: webOrigin, run: runAsMultiGitter('acme/web', webOrigin, env) };
    worker = { origin: workerOrigin, run: runAsMultiGitter('acme/worker', workerOrigin, env) };
  });

  it('is executable, as multi-gitter runs it (no interpreter named; a clone keeps the mode git records)', () => {
    expect(fs.statSync(SCRIPT).mode & 0o111).toBe(0o111);
  });

  it('commits exactly the files fix wrote, with the Markdown report as the pull request description', async () => {
    expect(web.run.code, web.run.output).toBe(0);
    const pr = pullRequest(web.run)!;
    expect(pr).not.toBeNull();
    expect(pr.title).toBe("Move off OpenAI's retired image models to gpt-image-2");
    expect(pr.files).toEqual(['src/images.ts']);
    expect(fs.readFileSync(path.join(web.run.clone, 'src/images.ts'), 'utf8')).toBe(GOOD_SOURCE.replace("'gpt-image-1'", "'gpt-image-2'"));
    // the clone's own file stays out of the commit
    expect(git(web.run.clone, 'status', '--porcelain')).toBe('?? setup.log\n');

    // the description is the audit of the repository before the change, linked to that commit
    const link = `https://github.com/acme/web/blob/${web.run.base}/`;
    const audit = await cli(web.origin, 'audit', '.', '--verify', '--format', 'markdown', '--fail-on', 'none', '--name', 'acme/web', '--link-base', link);
    expect(pr.body).toBe(audit.stdout.trim());
    expect(pr.body).toMatch(/^# Image model migration: acme\/web$/m);
    expect(pr.body).toMatch(/^## For a person to decide \(2\)$/m);
    expect(pr.body).toContain(`(${link}src/models.ts#L1)`);
    expect(pr.body).toMatch(/^## Files that could not be processed \(1\)$/m);
    expect(pr.body).toContain('src/vendored.ts');
  });

  it('opens no pull request where nothing is to change, and still leaves the JSON report', () => {
    expect(worker.run.code, worker.run.output).toBe(0);
    expect(pullRequest(worker.run)).toBeNull();
    expect(worker.run.output).toContain('acme/worker: nothing for fix to change');
    const report = JSON.parse(fs.readFileSync(path.join(reports, 'acme__worker.json'), 'utf8')) as Report;
    expect(report.fix).toMatchObject({ filesChanged: 0, manual: 1 });
  });

  it('report merge over the JSON reports it leaves: one organisation view, each repository named and linked', async () => {
    const files = fs.readdirSync(reports).sort();
    expect(files).toEqual(['acme__web.json', 'acme__worker.json']);
    const inputs = files.map((f) => JSON.parse(fs.readFileSync(path.join(reports, f), 'utf8')) as Report);
    const merged = await cli(reports, 'report', 'merge', ...files, '--format', 'json');
    expect(merged.code, merged.stderr).toBe(EXIT.ok);
    const report = JSON.parse(merged.stdout) as PricedReport;
    expect(report.repositories!.map((r) => r.name)).toEqual(['acme/web', 'acme/worker']);
    expect(report.summary.findings).toBe(inputs[0].summary.findings + inputs[1].summary.findings);
    expect(report.summary.filesChanged).toBe(1);
    expect(report.repositories!.map((r) => r.linkBase)).toEqual([`https://github.com/acme/web/blob/${web.run.base}/`, `https://github.com/acme/worker/blob/${worker.run.base}/`]);
    const markdown = await cli(reports, 'report', 'merge', ...files, '--format', 'markdown');
    expect(markdown.stdout).toContain(`(https://github.com/acme/worker/blob/${worker.run.base}/src/check.ts#L1)`);
  });

  it('fails, so that multi-gitter opens no pull request, when it is not run as the recipe says or fix cannot run', () => {
    const noReports = runAsMultiGitter('acme/web', web.origin, { ...env, REPORTS_DIR: '' });
    expect(noReports.code).not.toBe(0);
    expect(noReports.output).toMatch(/REPORTS_DIR: is not set: set it to a directory outside the clones/);
    expect(pullRequest(noReports)).toBeNull();

    // a repository whose config the CLI refuses: its exit 3 is passed on
    const misconfigured = origin({ 'src/images.ts': GOOD_SOURCE, 'gpt-image-migrate.config.json': '{ "target": "dall-e-4" }\n' });
    const bad = runAsMultiGitter('acme/legacy', misconfigured, env);
    expect(bad.code, bad.output).toBe(EXIT.usage);
    expect(bad.output).toMatch(/^gpt-image-migrate: .*dall-e-4/m);
    expect(pullRequest(bad)).toBeNull();
    expect(git(bad.clone, 'status', '--porcelain')).toBe('?? setup.log\n');
  });
});
