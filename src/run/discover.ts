/**
 * Which files a run reads: code, `.env*` and Markdown under the given paths,
 * honouring .gitignore (globby) and skipping dependencies and build output.
 * Symbolic links are not followed, so a link loop or a link out of the tree
 * cannot make the walk escape or spin.
 */
import { lstat } from 'node:fs/promises';
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
  /** Paths given on the command line that could not be used. */
  readonly errors: readonly { file: string; message: string }[];
}

/**
 * Expands `paths` (files or directories; default: the working directory).
 * The root is the single directory given, else the working directory.
 */
export async function discover(paths: readonly string[], cwd: string): Promise<Discovery> {
  const inputs = paths.length > 0 ? paths : ['.'];
  const files = new Set<string>();
  const errors: { file: string; message: string }[] = [];
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
      const found = await globby(SOURCE_PATTERNS, {
        cwd: absolute,
        absolute: true,
        dot: true,
        gitignore: true,
        ignore: DEFAULT_IGNORES,
        followSymbolicLinks: false,
        onlyFiles: true,
        suppressErrors: true,
      });
      for (const file of found) files.add(path.normalize(file));
    } else {
      files.add(absolute);
    }
  }
  const root = directories.length === 1 && inputs.length === 1 ? directories[0] : cwd;
  return { root, files: [...files].sort(), errors };
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
