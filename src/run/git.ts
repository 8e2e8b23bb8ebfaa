/**
 * Git safety for `fix`: refuse to rewrite files with uncommitted changes
 * (the user could not tell our edits from theirs, nor undo them), unless
 * forced. Outside a git repository the fix runs, with a note.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { stat } from 'node:fs/promises';
import path from 'node:path';

const run = promisify(execFile);

export type GitState =
  | { readonly kind: 'clean' }
  | { readonly kind: 'dirty'; readonly files: readonly string[] }
  | { readonly kind: 'not-a-repository' };

/**
 * The state of the work trees holding `paths` (relative to `cwd`; default
 * the cwd). Each path is asked from its own directory, so a path in another
 * repository, or a monorepo subdirectory, is judged by its own repository.
 */
export async function gitState(cwd: string, paths: readonly string[]): Promise<GitState> {
  const dirty: string[] = [];
  let inRepository = false;
  for (const input of paths.length > 0 ? paths : ['.']) {
    const absolute = path.resolve(cwd, input);
    const isDirectory = await stat(absolute).then((s) => s.isDirectory(), () => false);
    const directory = isDirectory ? absolute : path.dirname(absolute);
    let top: string;
    try {
      top = (await run('git', ['rev-parse', '--show-toplevel'], { cwd: directory })).stdout.trim();
    } catch {
      continue; // not in a repository (or the path does not exist: the run reports it)
    }
    inRepository = true;
    const { stdout } = await run('git', ['status', '--porcelain', '--', isDirectory ? '.' : path.basename(absolute)], {
      cwd: directory,
      maxBuffer: 64 * 1024 * 1024,
    });
    for (const line of stdout.split('\n')) {
      // porcelain paths are relative to the repository's top, whatever the directory asked from
      if (line.trim() !== '') dirty.push(path.relative(cwd, path.join(top, line.slice(3))) || line.slice(3));
    }
  }
  if (!inRepository) return { kind: 'not-a-repository' };
  return dirty.length > 0 ? { kind: 'dirty', files: dirty } : { kind: 'clean' };
}
