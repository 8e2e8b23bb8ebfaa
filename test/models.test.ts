/**
 * `gpt-image-migrate models`: the catalog as a table and as JSON, and
 * `--check` / `audit --dates live` against a local server on 127.0.0.1 that
 * serves the documented shape of OpenAI's List models endpoint
 * (`{ object: 'list', data: [{ id, object: 'model', created, owned_by, shutdown_date? }] }`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { retiredModels, targetModels } from '../src/catalog/index.js';
import type { ModelsJson } from '../src/models.js';
import type { Report } from '../src/report/model.js';
import { runCli } from './support/run-cli.js';

const NOW = '2026-11-21';
const KEY = 'sk-test-key';

interface Vendor {
  readonly url: string;
  readonly requests: IncomingMessage[];
  close(): Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A List models endpoint on 127.0.0.1: `dates` by id (undefined: no shutdown_date field), or a status to answer. */
async function vendor(dates: Readonly<Record<string, string | null | undefined>>, status = 200): Promise<Vendor> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    if (status !== 200) {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } }));
      return;
    }
    const data = Object.entries(dates).map(([id, date]) => ({ id, object: 'model', created: 1_776_000_000, owned_by: 'system', ...(date === undefined ? {} : { shutdown_date: date }) }));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ object: 'list', data }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** What the vendor lists when it agrees with the catalog: every retiring model with its date, every current one with none. */
function agreeing(now = NOW): Record<string, string | null | undefined> {
  const out: Record<string, string | null | undefined> = {};
  for (const model of retiredModels) if (model.shutdownDate > now) out[model.id] = model.shutdownDate;
  for (const target of targetModels) out[target.id] = null;
  out['gpt-5'] = undefined; // not an image model: ignored
  return out;
}

const models = (...flags: string[]) => runCli(['models', '--now', NOW, ...flags]);

describe('models', () => {
  it('--format json lists every catalog model with its status on --now and public sources', async () => {
    const { code, stdout } = await models('--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as ModelsJson;
    expect(json.now).toBe(NOW);
    expect(json.models.map((m) => m.id).sort()).toEqual([...retiredModels.map((m) => m.id), ...targetModels.map((t) => t.id)].sort());
    for (const model of retiredModels) {
      const row = json.models.find((m) => m.id === model.id)!;
      expect(row.shutdownDate).toBe(model.shutdownDate);
      expect(row.status).toBe(model.shutdownDate <= NOW ? 'shut down' : 'retiring');
      expect(row.recommended).toBe(model.recommended);
    }
    for (const target of targetModels) expect(json.models.find((m) => m.id === target.id)).toMatchObject({ status: 'current', shutdownDate: null });
    for (const row of json.models) {
      expect(row.sources.length).toBeGreaterThan(0);
      for (const source of row.sources) {
        expect(source.url).toMatch(/^https:\/\//);
        expect(source.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    expect(stdout).not.toMatch(/image-models\.md|§/);
  });

  it('the status follows --now', async () => {
    const model = retiredModels.find((m) => m.shutdownDate > NOW)!;
    const { stdout } = await runCli(['models', '--now', model.shutdownDate, '--format', 'json']);
    expect((JSON.parse(stdout) as ModelsJson).models.find((m) => m.id === model.id)!.status).toBe('shut down');
  });

  it('the text table names every model, its shutdown date and every source URL', async () => {
    const { code, stdout } = await models();
    expect(code).toBe(0);
    const json = JSON.parse((await models('--format', 'json')).stdout) as ModelsJson;
    for (const row of json.models) {
      const line = stdout.split('\n').find((l) => l.startsWith(`${row.id} `))!;
      expect(line, row.id).toBeDefined();
      expect(line).toContain(row.status);
      if (row.shutdownDate) expect(line).toContain(row.shutdownDate);
      for (const source of row.sources) expect(stdout).toContain(source.url);
    }
    expect(stdout).not.toMatch(/image-models\.md|§/);
  });

  it('--help explains the command, --check and its exit codes', async () => {
    const { code, stdout } = await runCli(['models', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--check/);
    expect(stdout).toMatch(/OPENAI_BASE_URL/);
    expect(stdout).toMatch(/OPENAI_API_KEY/);
    expect(stdout).toMatch(/--target/);
  });
});

describe('models --check', () => {
  it('asks GET $OPENAI_BASE_URL/models with the key; agreeing dates exit 0', async () => {
    const server = await vendor(agreeing());
    const { code, stdout } = await runCli(['models', '--now', NOW, '--check'], process.cwd(), { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url });
    expect(code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].method).toBe('GET');
    expect(server.requests[0].url).toBe('/v1/models');
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
    expect(stdout).toMatch(/agrees with the catalog/);
  });

  it('a changed shutdown date is printed, in text and JSON, and exits 1', async () => {
    const changed = retiredModels.find((m) => m.shutdownDate > NOW)!;
    const server = await vendor({ ...agreeing(), [changed.id]: '2026-11-15', 'gpt-image-2': '2027-06-30' });
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${server.url}/` };
    const text = await runCli(['models', '--now', NOW, '--check'], process.cwd(), env);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`${changed.id}: the catalog says ${changed.shutdownDate}, the vendor says 2026-11-15`);
    expect(text.stdout).toContain('gpt-image-2: the catalog says no shutdown announced, the vendor says 2027-06-30');
    const json = await runCli(['models', '--now', NOW, '--check', '--format', 'json'], process.cwd(), env);
    expect(json.code).toBe(1);
    const check = (JSON.parse(json.stdout) as ModelsJson).check!;
    expect(check.differences).toEqual([
      { id: changed.id, catalog: changed.shutdownDate, vendor: '2026-11-15' },
      { id: 'gpt-image-2', catalog: null, vendor: '2027-06-30' },
    ]);
    // models the vendor no longer lists are named, not counted as differences
    expect([...check.unlisted].sort()).toEqual(retiredModels.filter((m) => m.shutdownDate <= NOW).map((m) => m.id).sort());
  });

  it('without OPENAI_API_KEY: a clear message, exit 3, and nothing is sent', async () => {
    const server = await vendor(agreeing());
    const { code, stderr } = await runCli(['models', '--check'], process.cwd(), { OPENAI_BASE_URL: server.url });
    expect(code).toBe(3);
    expect(stderr).toMatch(/needs OPENAI_API_KEY.*nothing was sent/);
    expect(server.requests).toHaveLength(0);
  });

  it('a refused key (401): a clear message and exit 3', async () => {
    const server = await vendor({}, 401);
    const { code, stderr } = await runCli(['models', '--check'], process.cwd(), { OPENAI_API_KEY: 'sk-wrong', OPENAI_BASE_URL: server.url });
    expect(code).toBe(3);
    expect(stderr).toMatch(/refused the key \(HTTP 401\): check OPENAI_API_KEY/);
  });

  it('no server listening: a clear message and exit 2', async () => {
    const server = await vendor({});
    await server.close();
    const { code, stderr } = await runCli(['models', '--check'], process.cwd(), { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url });
    expect(code).toBe(2);
    expect(stderr).toMatch(/could not reach http:\/\/127\.0\.0\.1:\d+\/v1\/models \(ECONNREFUSED\)/);
  });

  it('a server error or an answer that is not a list: exit 2', async () => {
    const failing = await vendor({}, 500);
    expect((await runCli(['models', '--check'], process.cwd(), { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: failing.url })).code).toBe(2);
  });
});

describe('audit --dates live', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gim-dates-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const changed = retiredModels.find((m) => m.shutdownDate > NOW)!;
  writeFileSync(path.join(dir, 'images.ts'), `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const run = () => client.images.generate({ model: '${changed.id}', prompt: 'a cat', quality: 'low' });\n`);

  const audit = (env: Record<string, string>, ...flags: string[]) => runCli(['audit', dir, '--now', NOW, '--format', 'json', '--fail-on', 'none', ...flags], process.cwd(), env);

  it("uses the vendor's date for severity: a warning before the catalog's date becomes an error", async () => {
    const server = await vendor({ ...agreeing(), [changed.id]: '2026-11-15' });
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url };

    const catalog = JSON.parse((await audit(env)).stdout) as Report;
    expect(server.requests).toHaveLength(0); // never asked without the flag
    const before = catalog.findings.find((f) => f.model === changed.id)!;
    expect(before.severity).toBe('warning');
    expect(catalog.dates).toBeUndefined();

    const run = await audit(env, '--dates', 'live');
    expect(run.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(run.stderr).toContain(`${changed.id} ${changed.shutdownDate} → 2026-11-15`);
    const live = JSON.parse(run.stdout) as Report;
    const after = live.findings.find((f) => f.model === changed.id)!;
    expect(after.severity).toBe('error');
    expect(after.message).toContain('2026-11-15');
    expect(live.dates).toEqual({ from: `${server.url}/models`, shutdownDates: expect.objectContaining({ [changed.id]: '2026-11-15' }) });
  });

  it('--dates live without a key is a usage error (exit 3) before anything is scanned', async () => {
    const { code, stderr, stdout } = await audit({}, '--dates', 'live');
    expect(code).toBe(3);
    expect(stderr).toMatch(/OPENAI_API_KEY/);
    expect(stdout).toBe('');
  });
});
