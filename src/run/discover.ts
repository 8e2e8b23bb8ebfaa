/**
 * Which files a run reads: code, `.env*` and Markdown under the given paths,
 * honouring .gitignore (globby) and skipping dependencies and build output.
 * Symbolic links are not followed, so a link loop or a link out of the tree
 * cannot make the walk escape or spin.
 */
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { globby } from 'globby';

export const SOURCE_PATTERNS = [
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/.env',
  '**/.env.*',
  '**/*.env',
  '**/*.{md,mdx,markdown}',
];

/** Never scanned: dependencies, build output, caches. */
export const DEFAULT_IGNORES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/.turbo/**',
  '**/.vercel/**',
  '**/coverage/**',
  '**/*.min.js',
  '**/*.d.ts',
];

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
      const entries = await globby(SOURCE_PATTERNS, {
        cwd: absolute,
        absolute: true,
        dot: true,
        gitignore: true,
        ignore: DEFAULT_IGNORES,
        followSymbolicLinks: false,
        onlyFiles: false,
        objectMode: true,
        suppressErrors: true,
      });
      for (const entry of entries) {
        if (entry.dirent.isFile()) files.add(path.normalize(entry.path));
        else if (entry.dirent.isSymbolicLink()) links.push(path.normalize(entry.path));
      }
    } else if (stats.isSymbolicLink()) {
      links.push(absolute);
    } else {
      files.add(absolute);
    }
  }
  const root = directories.length === 1 && inputs.length === 1 ? directories[0] : cwd;

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
  return { root, files: [...files].sort(), errors, skipped };
}

/** A one-line reason for a file system error, without a stack. */
export function describeFsError(error: unknown, fallback: string): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'is a directory';
    case 'ENAMETOOLONG':
      return 'path too long';
    default:
      return `${fallback}${code ? ` (${code})` : ''}`;
  }
}

/** A path relative to the root, with `/` separators. */
export function relativePath(root: string, file: string): string {
  const relative = path.relative(root, file) || path.basename(file);
  return relative.split(path.sep).join('/');
}
