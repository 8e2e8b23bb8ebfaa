/**
 * Which files a run reads: code, `.env*` and Markdown under the given paths,
 * honouring .gitignore (as globby does; src/run/walk.ts) and skipping dependencies and build output.
 * Symbolic links are not followed, so a link loop or a link out of the tree
 * cannot make the walk escape or spin. The temporary file of a write that
 * was killed half-way (`.env.123456789` beside `.env`) is not a source.
 */
import fs from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError } from '../text/source-file.js';
import { compileWalk, walk } from './walk.js';

export { describeFsError };

export const SOURCE_PATTERNS = [
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/.env',
  '**/.env.*',
  '**/*.env',
  '**/*.{md,mdx,markdown}',
  '**/*.{json,jsonc,yaml,yml,toml}',
  '**/*.{sh,bash,zsh}',
  '**/{Dockerfile,Dockerfile.*,*.Dockerfile,Containerfile}',
  '**/*.{py,pyi,ipynb}',
  '**/*.snap',
  '**/*.{bicep,bicepparam}',
];

/**
 * Never scanned: dependencies, framework caches and build output that is
 * not committed. Committed build output (`dist/`, `build/`, `out/` that no
 * .gitignore excludes) is read for mentions only and reported with "rebuild
 * it from source", never parsed or edited (src/files/kind.ts). Declaration
 * files are read: a hand-written `.d.ts` is code, one the compiler emitted is
 * passed over with its reason (src/run/runner.ts).
 */
export const DEFAULT_IGNORES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/.turbo/**',
  '**/.vercel/**',
  '**/coverage/**',
  '**/*.min.js',
  '**/gpt-image-migrate.config.*',
  '**/.gpt-image-migraterc',
  '**/.gpt-image-migraterc.json',
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/pnpm-lock.yaml',
  '**/yarn.lock',
  '**/.venv/**',
  '**/__pycache__/**',
];

/** Files the skip list names by their whole name (lock files, our own config): passed over even when named on the command line, as pre-commit names every staged file. */
const SKIPPED_NAMES = new Set(DEFAULT_IGNORES.flatMap((pattern) => /^\*\*\/([^*/]+)$/.exec(pattern)?.[1] ?? []));

export interface Discovery {
  /** The directory report paths are relative to. */
  readonly root: string;
  /** Absolute paths, sorted. */
  readonly files: readonly string[];
  /** Paths that could not be used: missing arguments, link loops, broken links. */
  readonly errors: readonly { file: string; message: string }[];
  /** Paths passed over on purpose, with the reason (a link out of the scanned tree). */
  readonly skipped: readonly { file: string; message: string }[];
}

/**
 * Expands `paths` (files or directories; default: the working directory).
 * The root is the single directory given, else the working directory.
 */
export async function discover(paths: readonly string[], cwd: string): Promise<Discovery> {
  const inputs = paths.length > 0 ? paths : ['.'];
  const files = new Set<string>();
  const links: string[] = [];
  const errors: { file: string; message: string }[] = [];
  const skipped: { file: string; message: string }[] = [];
  const directories: string[] = [];
  const unreadable = new Set<string>();

  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stats;
    try {
      stats = await lstat(absolute);
    } catch (error) {
      errors.push({ file: input, message: describeFsError(error, 'cannot be read') });
      continue;
    }
    if (stats.isDirectory()) {
      directories.push(absolute);
      const walkPlan = compileWalk(SOURCE_PATTERNS, DEFAULT_IGNORES);
      if (walkPlan) {
        // one synchronous pass that finds what globby below finds, several times faster (src/run/walk.ts)
        const found = walk(absolute, walkPlan);
        for (const file of found.files) files.add(file);
        links.push(...found.links);
        for (const directory of found.unreadable) unreadable.add(directory);
        continue;
      }
      const { globby } = await import('globby');
      const entries = await globby(SOURCE_PATTERNS, {
        cwd: absolute,
        absolute: true,
        dot: true,
        gitignore: true,
        ignore: DEFAULT_IGNORES,
        followSymbolicLinks: false,
        // `README.MD` is Markdown too, as the walk and file-kind detection read it
        caseSensitiveMatch: false,
        onlyFiles: false,
        objectMode: true,
        suppressErrors: true,
        fs: fsNotingUnreadable(unreadable),
      });
      for (const entry of entries) {
        if (entry.dirent.isFile()) files.add(path.normalize(entry.path));
        else if (entry.dirent.isSymbolicLink()) links.push(path.normalize(entry.path));
      }
    } else if (stats.isSymbolicLink()) {
      links.push(absolute);
    } else if (SKIPPED_NAMES.has(path.basename(absolute))) {
      skipped.push({ file: input, message: /lock|shrinkwrap/.test(path.basename(absolute)) ? 'lock file: not read (the package manager writes it; update the dependency instead)' : 'in the skip list: not read' });
    } else {
      files.add(absolute);
    }
  }
  const root = directories.length === 1 && inputs.length === 1 ? directories[0] : cwd;
  for (const directory of [...unreadable].sort()) {
    errors.push({ file: relativePath(root, directory), message: 'permission denied: directory not read' });
  }

  // A link is read through only when it stays inside the scanned tree (and then as its
  // target, so a file is never read twice); loops and broken links are errors.
  const realRoot = await realpath(root).catch(() => root);
  for (const link of links) {
    const shown = relativePath(root, link);
    let target: string;
    try {
      target = await realpath(link);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      errors.push({ file: shown, message: code === 'ENOENT' ? 'broken symbolic link (its target does not exist)' : describeFsError(error, 'cannot be resolved') });
      continue;
    }
    if (target !== realRoot && !target.startsWith(realRoot + path.sep)) {
      skipped.push({ file: shown, message: 'symbolic link that points outside the scanned directory: not followed' });
      continue;
    }
    const targetStats = await lstat(target).catch(() => null);
    if (targetStats?.isFile()) files.add(path.join(root, path.relative(realRoot, target)));
  }
  for (const file of files) {
    if (await isInterruptedWrite(file, files)) {
      files.delete(file);
      skipped.push({ file: relativePath(root, file), message: 'temporary file of an interrupted write: not read (safe to delete)' });
    }
  }
  return { root, files: [...files].sort(), errors, skipped };
}

/**
 * node:fs for the walk, noting each directory it may not list: the walk
 * skips it (suppressErrors) and goes on, and the run names it.
 */
function fsNotingUnreadable(unreadable: Set<string>): typeof fs {
  const readdir = (directory: fs.PathLike, ...rest: unknown[]): void => {
    const callback = rest.pop() as (error: NodeJS.ErrnoException | null, entries?: unknown) => void;
    (fs.readdir as (...args: unknown[]) => void)(directory, ...rest, (error: NodeJS.ErrnoException | null, entries?: unknown) => {
      if (error?.code === 'EACCES' || error?.code === 'EPERM') unreadable.add(path.normalize(String(directory)));
      callback(error, entries);
    });
  };
  return { ...fs, readdir } as typeof fs;
}

/**
 * write-file-atomic writes `<file>.<uint32>` and renames it over `<file>`;
 * a SIGKILL or a power cut between the two leaves it behind. Only `.env.*`
 * among the source patterns can match such a name, and the next run must
 * not take it for a `.env.<stage>` file: it is one when `<file>` is beside it.
 */
async function isInterruptedWrite(file: string, files: ReadonlySet<string>): Promise<boolean> {
  const match = /^(.+)\.\d{1,10}$/.exec(file);
  if (!match) return false;
  return files.has(match[1]) || (await lstat(match[1]).then((s) => s.isFile(), () => false));
}

/**
 * A path relative to the root, with `/` separators. Files the walk found are
 * `root + sep + ...` already: slicing them is a tenth of the cost of
 * path.relative, which showed in the profile of a 10k-file run.
 */
export function relativePath(root: string, file: string): string {
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const relative = file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(root, file) || path.basename(file);
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}
