/**
 * What a file's analysis may need from beyond the file: the value of a
 * constant it imports (ES imports, re-exports, `export default`, CommonJS,
 * workspace packages of a monorepo) and the versions of its nearest
 * package.json. Reads are synchronous and cached, so the ESLint rules, the
 * transforms and the CLI all get the same answer the same way, without a
 * whole-program type check. Only files the prefilter would let through are parsed.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ts as TypeScript } from 'ts-morph';
import { fromTypeScript } from '../syntax/from-typescript.js';
import { walk, type Node } from '../syntax/tree.js';
import { mayContainMatch } from '../prefilter.js';

export interface ProjectLookup {
  /** The static string an import resolves to (`name` may be dotted: `MODELS.IMAGE`), or null. */
  importedValue(fromFile: string, source: string, name: string): string | null;
  /** Dependency ranges of the nearest package.json (dependencies, devDependencies, peerDependencies). */
  dependencies(fromFile: string): Readonly<Record<string, string>>;
}

const CODE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/**
 * Text that makes a module worth parsing for its exported values: anything
 * the prefilter looks for (an id, also escaped, or a surface's host, path or
 * call: an imported URL decides a call's surface), or a re-export to follow.
 */
const REEXPORT = /export\s*\*|export\s*\{[^}]*\}\s*from/;
const worthParsing = (text: string): boolean => mayContainMatch(text) || REEXPORT.test(text);

interface PackageJson {
  readonly dir: string;
  readonly name?: string;
  readonly dependencies: Readonly<Record<string, string>>;
  readonly json: Record<string, unknown>;
}

export class FileSystemProject implements ProjectLookup {
  private readonly exportsCache = new Map<string, { mtimeMs: number; values: Map<string, string> }>();
  private readonly packageCache = new Map<string, PackageJson | null>();
  private readonly workspaceCache = new Map<string, Map<string, string>>();

  importedValue(fromFile: string, source: string, name: string): string | null {
    const file = this.resolveModule(fromFile, source);
    if (!file) return null;
    return this.exportedValues(file, new Set()).get(name) ?? null;
  }

  dependencies(fromFile: string): Readonly<Record<string, string>> {
    return this.nearestPackage(path.dirname(fromFile))?.dependencies ?? {};
  }

  /** Exported name (dotted for object members) → static string. */
  exportedValues(file: string, seen: Set<string>): Map<string, string> {
    if (seen.has(file)) return new Map();
    seen.add(file);
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return new Map();
    }
    const cached = this.exportsCache.get(file);
    if (cached && cached.mtimeMs === mtimeMs) return cached.values;
    const values = this.readExports(file, seen);
    this.exportsCache.set(file, { mtimeMs, values });
    return values;
  }

  private readExports(file: string, seen: Set<string>): Map<string, string> {
    const values = new Map<string, string>();
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return values;
    }
    if (!worthParsing(text)) return values;
    const ts = typescript();
    const kind = /\.(tsx|jsx)$/.test(file) ? ts.ScriptKind.TSX : /\.(m|c)?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
    const root = fromTypeScript(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind));

    const locals = new Map<string, Node>();
    walk(root, (node) => {
      if (node.kind === 'variable' && node.init && isTopLevel(node)) locals.set(node.name, node.init);
    });
    const record = (name: string, value: Node | null | undefined, depth = 0): void => {
      if (!value || depth > 4) return;
      if (value.kind === 'string') values.set(name, value.value);
      else if (value.kind === 'identifier' && locals.has(value.name)) record(name, locals.get(value.name), depth + 1);
      else if (value.kind === 'object') {
        for (const property of value.properties) {
          if (property.kind === 'property' && property.key !== null) {
            record(name === '*' ? property.key : `${name}.${property.key}`, property.value, depth + 1);
          }
        }
      }
    };
    walk(root, (node) => {
      if (node.kind === 'variable' && node.exported) record(node.name, node.init);
      else if (node.kind === 'export') record(node.exported, node.value);
      else if (node.kind === 'reexport') {
        const target = this.resolveModule(file, node.source);
        if (!target) return;
        const theirs = this.exportedValues(target, seen);
        if (node.bindings === null) {
          for (const [name, value] of theirs) if (name !== 'default' && !values.has(name)) values.set(name, value);
        } else {
          for (const { exported, imported } of node.bindings) {
            for (const [name, value] of theirs) {
              if (name === imported) values.set(exported, value);
              else if (name.startsWith(`${imported}.`)) values.set(exported + name.slice(imported.length), value);
            }
          }
        }
      }
    });
    return values;
  }

  /** A relative path or a package (a workspace package of the monorepo, or one in node_modules) → its source file. */
  resolveModule(fromFile: string, specifier: string): string | null {
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      return resolveFile(path.resolve(path.dirname(fromFile), specifier));
    }
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    const subpath = parts.slice(specifier.startsWith('@') ? 2 : 1).join('/');
    const dir = this.packageDir(path.dirname(fromFile), name);
    if (!dir) return null;
    if (subpath) return resolveFile(path.join(dir, subpath)) ?? resolveFile(path.join(dir, 'src', subpath));
    const pkg = this.readPackage(dir);
    const exportsField = pkg?.json.exports as unknown;
    const dot = typeof exportsField === 'string' ? exportsField : pickExport((exportsField as Record<string, unknown> | undefined)?.['.'] ?? exportsField);
    const entries = [pkg?.json.source, pkg?.json.types, pkg?.json.typings, dot, pkg?.json.module, pkg?.json.main, 'src/index', 'index'];
    for (const entry of entries) {
      if (typeof entry !== 'string') continue;
      const resolved = resolveFile(path.join(dir, entry)) ?? resolveFile(path.join(dir, entry.replace(/^\.?\/?(dist|lib|build)\//, 'src/')));
      if (resolved && !resolved.endsWith('.d.ts')) return resolved;
    }
    return null;
  }

  private packageDir(fromDir: string, name: string): string | null {
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) return safeRealpath(candidate);
      const workspace = this.workspacePackages(dir).get(name);
      if (workspace) return workspace;
      if (path.dirname(dir) === dir) return null;
    }
  }

  /** Workspace packages declared at `dir` (package.json "workspaces" or pnpm-workspace.yaml): name → directory. */
  private workspacePackages(dir: string): Map<string, string> {
    const cached = this.workspaceCache.get(dir);
    if (cached) return cached;
    const found = new Map<string, string>();
    const pkg = this.readPackage(dir);
    const globs: string[] = [];
    const workspaces = pkg?.json.workspaces as string[] | { packages?: string[] } | undefined;
    if (Array.isArray(workspaces)) globs.push(...workspaces);
    else if (workspaces?.packages) globs.push(...workspaces.packages);
    const pnpm = path.join(dir, 'pnpm-workspace.yaml');
    if (existsSync(pnpm)) {
      for (const match of readFileSync(pnpm, 'utf8').matchAll(/^\s*-\s*['"]?([^'"\s#]+)['"]?/gm)) globs.push(match[1]);
    }
    for (const glob of globs) {
      if (glob.startsWith('!')) continue;
      const base = glob.replace(/\/\*\*?$/, '');
      const dirs = glob.endsWith('*') ? listDirs(path.join(dir, base)) : [path.join(dir, base)];
      for (const candidate of dirs) {
        const name = this.readPackage(candidate)?.name;
        if (name) found.set(name, candidate);
      }
    }
    this.workspaceCache.set(dir, found);
    return found;
  }

  private nearestPackage(fromDir: string): PackageJson | null {
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
      const pkg = this.readPackage(dir);
      if (pkg) return pkg;
      if (path.dirname(dir) === dir) return null;
    }
  }

  private readPackage(dir: string): PackageJson | null {
    if (this.packageCache.has(dir)) return this.packageCache.get(dir)!;
    let pkg: PackageJson | null = null;
    try {
      const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      const dependencies = {
        ...(json.peerDependencies as Record<string, string> | undefined),
        ...(json.devDependencies as Record<string, string> | undefined),
        ...(json.dependencies as Record<string, string> | undefined),
      };
      pkg = { dir, name: typeof json.name === 'string' ? json.name : undefined, dependencies, json };
    } catch {
      pkg = null;
    }
    this.packageCache.set(dir, pkg);
    return pkg;
  }
}

function isTopLevel(node: Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.kind === 'call' || parent.kind === 'object' || parent.kind === 'default') return false;
    if (parent.kind === 'other' && parent.parent && parent.parent.kind !== 'other') return false;
  }
  return true;
}

function pickExport(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const conditions = value as Record<string, unknown>;
    for (const key of ['source', 'types', 'import', 'require', 'default']) {
      const picked = pickExport(conditions[key]);
      if (picked) return picked;
    }
  }
  return undefined;
}

/** `./config` → `./config.ts`, `./config/index.ts`; `./x.js` → `./x.ts` (TS's ESM spelling). */
function resolveFile(base: string): string | null {
  const candidates = [base, ...CODE_EXTENSIONS.map((ext) => base + ext), ...CODE_EXTENSIONS.map((ext) => path.join(base, `index${ext}`))];
  const stripped = base.replace(/\.(m|c)?js$/, '');
  if (stripped !== base) candidates.push(...['.ts', '.tsx', '.mts', '.cts'].map((ext) => stripped + ext));
  for (const candidate of candidates) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next spelling
    }
  }
  return null;
}

/** Subdirectories of `dir` (a workspace glob's `packages/*`), without dependencies or dot folders. */
function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.'))
      .map((entry) => path.join(dir, entry.name));
  } catch {
    return [];
  }
}

function safeRealpath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

let loaded: typeof TypeScript | null = null;
/** The compiler, loaded on first use: most lint runs never need to read another file. */
function typescript(): typeof TypeScript {
  loaded ??= (createRequire(import.meta.url)('ts-morph') as { ts: typeof TypeScript }).ts;
  return loaded;
}

/** One lookup per process: its caches serve every file of a run (and every lint of an editor session). */
export const defaultProject = new FileSystemProject();
