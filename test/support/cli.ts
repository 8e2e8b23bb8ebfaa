/**
 * Helpers for in-process CLI tests: collecting streams, a throwaway
 * directory per test, and git.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli.js';

export const NOW = '2026-11-21';

/** The smallest file `fix` rewrites automatically. */
export const GOOD_SOURCE =
  "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const r = client.images.generate({ model: 'gpt-image-1', prompt: 'a cat' });\n";

/** A writable that keeps what it is given; `isTTY` stays unset. */
export class Collector {
  private readonly chunks: string[] = [];
  write(chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown): boolean {
    this.chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (typeof done === 'function') (done as () => void)();
    return true;
  }
  get text(): string {
    return this.chunks.join('');
  }
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process in `cwd`; `--now` is always pinned. */
export async function cli(cwd: string, ...args: string[]): Promise<CliResult> {
  const stdout = new Collector();
  const stderr = new Collector();
  const argv = args.includes('--now') ? args : [...args, '--now', NOW];
  const code = await main(argv, {
    stdout: stdout as unknown as NodeJS.WritableStream,
    stderr: stderr as unknown as NodeJS.WritableStream,
    cwd,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const made: string[] = [];

/** A fresh temporary directory, removed by `cleanTempDirs`. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gim-'));
  made.push(dir);
  return dir;
}

export function cleanTempDirs(): void {
  for (const dir of made.splice(0)) {
    // make everything removable again (a test may have chmod-ed a file to 000)
    try {
      execFileSync('chmod', ['-R', 'u+rwX', dir], { stdio: 'ignore' });
    } catch {
      /* best effort */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes `files` (path → content) under `dir`, creating directories. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

export function read(dir: string, name: string): string {
  return fs.readFileSync(path.join(dir, name), 'utf8');
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' },
  });
}

/** `git init` with an identity and no signing, so commits work anywhere. */
export function gitInit(cwd: string): void {
  git(cwd, 'init', '-q', '-b', 'main');
  git(cwd, 'config', 'user.email', 'test@example.com');
  git(cwd, 'config', 'user.name', 'Test');
  git(cwd, 'config', 'commit.gpgsign', 'false');
  git(cwd, 'config', 'core.autocrlf', 'false');
}

export function commitAll(cwd: string, message = 'commit'): void {
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-q', '-m', message);
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}
