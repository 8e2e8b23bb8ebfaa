/**
 * Git safety for `fix`: refuse to rewrite files with uncommitted changes
 * (the user could not tell our edits from theirs, nor undo them), unless
 * forced. Outside a git repository the fix runs, with a note. Inside one
 * that git will not answer for (a `.git` here or above, but a repository
 * owned by another user, "dubious ownership"; git missing; a broken .git),
 * nothing tells our edits from the user's, so that counts as uncommitted
 * changes too.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { stat } from 'node:fs/promises';
import path from 'node:path';

const run = promisify(execFile);

export type GitState =
  | { readonly kind: 'clean' }
  /** `files`: the dirty paths (relative to the cwd), and for a repository git could not check, one line saying so. */
  | { readonly kind: 'dirty'; readonly files: readonly string[]; readonly unchecked?: readonly string[] }
  | { readonly kind: 'not-a-repository' };

/**
 * The state of the work trees holding `paths` (relative to `cwd`; default
 * the cwd). Each path is asked from its own directory, so a path in another
 * repository, or a monorepo subdirectory, is judged by its own repository.
 */
export async function gitState(cwd: string, paths: readonly string[]): Promise<GitState> {
  const dirty: string[] = [];
  const unchecked: string[] = [];
  let inRepository = false;
  for (const input of paths.length > 0 ? paths : ['.']) {
    const absolute = path.resolve(cwd, input);
    const isDirectory = await stat(absolute).then((s) => s.isDirectory(), () => false);
    const directory = isDirectory ? absolute : path.dirname(absolute);
    if (!(await exists(directory))) continue; // the path does not exist: the run reports it
    let top: string;
    try {
      top = (await git(['rev-parse', '--show-toplevel'], directory)).trim();
    } catch (error) {
      // "not a git repository" with no .git here or above: a plain directory
      if (!(await insideWorkTree(directory))) continue;
      inRepository = true;
      unchecked.push(`${shown(cwd, directory)} (git cannot check it: ${gitFailure(error)})`);
      continue;
    }
    inRepository = true;
    let status: string;
    try {
      status = await git(['status', '--porcelain', '--', isDirectory ? '.' : path.basename(absolute)], directory);
    } catch (error) {
      unchecked.push(`${shown(cwd, directory)} (git cannot check it: ${gitFailure(error)})`);
      continue;
    }
    for (const line of status.split('\n')) {
      // porcelain paths are relative to the repository's top, whatever the directory asked from
      if (line.trim() !== '') dirty.push(path.relative(cwd, path.join(top, line.slice(3))) || line.slice(3));
    }
  }
  if (!inRepository) return { kind: 'not-a-repository' };
  if (unchecked.length > 0) return { kind: 'dirty', files: [...dirty, ...unchecked], unchecked };
  return dirty.length > 0 ? { kind: 'dirty', files: dirty } : { kind: 'clean' };
}

async function git(args: readonly string[], cwd: string): Promise<string> {
  const { stdout } = await run('git', args as string[], { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Why git failed, in one line. */
function gitFailure(error: unknown): string {
  const { code, stderr } = error as { code?: unknown; stderr?: string };
  if (code === 'ENOENT') return 'git is not installed';
  const first = (stderr ?? '').trim().split('\n')[0]?.replace(/^fatal:\s*/, '') ?? '';
  return first || `git exited with ${String(code)}`;
}

/** Whether a `.git` (directory or gitfile) is in `directory` or above it. */
async function insideWorkTree(directory: string): Promise<boolean> {
  for (let dir = directory; ; dir = path.dirname(dir)) {
    if (await exists(path.join(dir, '.git'))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function shown(cwd: string, directory: string): string {
  return path.relative(cwd, directory) || '.';
}
