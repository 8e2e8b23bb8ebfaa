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
import { isTooDeep } from '../syntax/depth.js';
import { fromTypeScript } from '../syntax/from-typescript.js';
import { parseJsModule } from '../syntax/oxc-parser.js';
import { pythonSpecifier } from '../syntax/from-python.js';
import { parsePython, pythonParserLoaded } from '../syntax/python-parser.js';
import { envRead, walk, type Node } from '../syntax/tree.js';
import { codeLanguage, mayContainMatch } from '../prefilter.js';

export interface ProjectLookup {
  /** The static string an import resolves to (`name` may be dotted: `MODELS.IMAGE`), or null. */
  importedValue(fromFile: string, source: string, name: string): string | null;
  /** Dependency ranges of the nearest package.json (dependencies, devDependencies, peerDependencies). */
  dependencies(fromFile: string): Readonly<Record<string, string>>;
  /**
   * What a local module is made of, for the provider of a client or wrapper
   * it exports: the packages it imports and the URL hosts it names. Null when
   * the module cannot be found.
   */
  moduleOrigin(fromFile: string, source: string): ModuleOrigin | null;
  /**
   * The project files a file imports, directly or through them (relative
   * paths, tsconfig aliases, workspace packages; never node_modules), itself
   * excluded: what a test's assertions pin.
   */
  importClosure(file: string): readonly string[];
  /** `FILE#NAME` of the module that defines an imported name (following re-exports), or null. */
  exportOrigin(fromFile: string, source: string, name: string): string | null;
  /** The file a module specifier resolves to (relative, tsconfig alias, workspace package), or null. */
  resolveModule(fromFile: string, specifier: string): string | null;
  /** The file's path inside its package (`src/a.ts`): relative to the nearest folder with a package.json, pyproject.toml, setup.py, setup.cfg or .git. */
  packagePath(file: string): string;
  /** The folder `packagePath` is relative to. */
  packageRoot(file: string): string;
  /** Whether the repository's `.gitattributes` marks the file `linguist-generated`. */
  isGeneratedByAttributes(file: string): boolean;
  /** The version of a package installed for the file (its node_modules, searched up), or null. */
  installedVersion(fromFile: string, name: string): string | null;
  /**
   * The values the repository's own configuration gives an environment variable, for a file: `.env*`
   * files and Compose files in the file's folder and each folder above it, up to the repository's root
   * (`NAME=value`, `NAME: value`, and a shell-style default `${NAME:-value}`).
   */
  envValues(fromFile: string, name: string): readonly string[];
}

export interface ModuleOrigin {
  /** The module's resolved path. */
  readonly file: string;
  /** Packages it imports or requires (specifiers as written, relative ones excluded). */
  readonly packages: readonly string[];
  /** Hosts of the http(s) URLs it names. */
  readonly hosts: readonly string[];
  /** Whether it sends image requests itself (`images.generate(`, `images.edit(`, an images endpoint path). */
  readonly sendsImages: boolean;
}

/** What makes a folder a package's root: npm's manifest, Python's (pyproject.toml, setup.py, setup.cfg), a repository. */
const PACKAGE_MARKERS = ['package.json', 'pyproject.toml', 'setup.py', 'setup.cfg', '.git'];

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
  /** Exported name → `FILE#NAME` of the module that defines it (through re-exports), per module. */
  private readonly originsCache = new Map<string, Map<string, string>>();
  private readonly packageCache = new Map<string, PackageJson | null>();
  private readonly workspaceCache = new Map<string, Map<string, string>>();
  private readonly originCache = new Map<string, ModuleOrigin | null>();
  private readonly closureCache = new Map<string, readonly string[]>();
  private readonly importsCache = new Map<string, readonly string[]>();
  private readonly rootCache = new Map<string, string>();
  private readonly aliasCache = new Map<string, readonly { prefix: string; suffix: string; targets: readonly string[] }[]>();
  private readonly attributesCache = new Map<string, readonly { pattern: RegExp; generated: boolean }[]>();
  private readonly envCache = new Map<string, readonly string[]>();

  /** Forgets what was read of modules (their exported values and origins). */
  forgetModules(): void {
    this.exportsCache.clear();
    this.originsCache.clear();
  }

  importedValue(fromFile: string, source: string, name: string): string | null {
    const file = this.resolveModule(fromFile, source);
    if (!file) return null;
    return this.exportedValues(file, new Set()).get(name) ?? null;
  }

  importClosure(file: string): readonly string[] {
    const cached = this.closureCache.get(file);
    if (cached) return cached;
    const seen = new Set<string>([file]);
    const queue: { file: string; depth: number }[] = [{ file, depth: 0 }];
    while (queue.length > 0 && seen.size < CLOSURE_LIMIT) {
      const { file: current, depth } = queue.shift()!;
      if (depth >= CLOSURE_DEPTH) continue;
      for (const target of this.projectImports(current)) {
        if (seen.has(target)) continue;
        seen.add(target);
        queue.push({ file: target, depth: depth + 1 });
      }
    }
    seen.delete(file);
    const closure = [...seen];
    this.closureCache.set(file, closure);
    return closure;
  }

  /**
   * The project files a module imports directly (resolved, in order; never
   * node_modules or a declaration file), read once per module: every test's
   * closure walks the same modules (a package's sources), and reading and
   * resolving them again for each test was most of a run on a monorepo.
   */
  private projectImports(file: string): readonly string[] {
    const cached = this.importsCache.get(file);
    if (cached) return cached;
    let text: string | null;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      text = null;
    }
    const targets: string[] = [];
    for (const specifier of text === null ? [] : importSpecifiers(file, text)) {
      const target = this.resolveModule(file, specifier);
      if (!target || target.includes(`${path.sep}node_modules${path.sep}`) || target.endsWith('.d.ts')) continue;
      targets.push(target);
    }
    this.importsCache.set(file, targets);
    return targets;
  }

  exportOrigin(fromFile: string, source: string, name: string): string | null {
    const file = this.resolveModule(fromFile, source);
    if (!file) return null;
    this.exportedValues(file, new Set());
    return this.originsCache.get(file)?.get(name) ?? null;
  }

  dependencies(fromFile: string): Readonly<Record<string, string>> {
    return this.nearestPackage(path.dirname(fromFile))?.dependencies ?? {};
  }

  moduleOrigin(fromFile: string, source: string): ModuleOrigin | null {
    const file = this.resolveModule(fromFile, source);
    if (!file) return null;
    if (this.originCache.has(file)) return this.originCache.get(file)!;
    let origin: ModuleOrigin | null = null;
    try {
      const text = readFileSync(file, 'utf8');
      const packages = new Set<string>();
      for (const specifier of importSpecifiers(file, text)) {
        if (!specifier.startsWith('.') && !specifier.startsWith('/')) packages.add(specifier);
      }
      const hosts = new Set<string>();
      for (const match of text.matchAll(URL_HOST)) hosts.add(match[1].toLowerCase());
      origin = { file, packages: [...packages], hosts: [...hosts], sendsImages: IMAGE_CALL.test(text) };
    } catch {
      origin = null;
    }
    this.originCache.set(file, origin);
    return origin;
  }

  packageRoot(file: string): string {
    const start = path.dirname(file);
    const cached = this.rootCache.get(start);
    if (cached !== undefined) return cached;
    // no package.json or .git above: every folder of the path counts (a `dist/` in a plain
    // directory is still build output), so the answer errs on the side of not editing
    let root = path.parse(start).root;
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (PACKAGE_MARKERS.some((marker) => existsSync(path.join(dir, marker)))) {
        root = dir;
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
    this.rootCache.set(start, root);
    return root;
  }

  packagePath(file: string): string {
    return path.relative(this.packageRoot(file), file).split(path.sep).join('/');
  }

  isGeneratedByAttributes(file: string): boolean {
    const gitRoot = this.gitRoot(path.dirname(file));
    if (!gitRoot) return false;
    let rules = this.attributesCache.get(gitRoot);
    if (!rules) {
      rules = readAttributes(gitRoot);
      this.attributesCache.set(gitRoot, rules);
    }
    if (rules.length === 0) return false;
    const relative = path.relative(gitRoot, file).split(path.sep).join('/');
    let generated = false;
    for (const rule of rules) if (rule.pattern.test(relative)) generated = rule.generated;
    return generated;
  }

  installedVersion(fromFile: string, name: string): string | null {
    const dir = this.packageDir(path.dirname(fromFile), name, false);
    const version = dir ? this.readPackage(dir)?.json.version : undefined;
    return typeof version === 'string' ? version : null;
  }

  envValues(fromFile: string, name: string): readonly string[] {
    const values: string[] = [];
    const top = this.gitRoot(path.dirname(fromFile)) ?? this.packageRoot(fromFile);
    for (let dir = path.dirname(fromFile); ; dir = path.dirname(dir)) {
      for (const text of this.envTexts(dir)) {
        for (const found of text.matchAll(envSetting(name))) {
          const value = (found.groups!.plain ?? found.groups!.default ?? '').trim();
          if (value && !values.includes(value)) values.push(value);
        }
      }
      if (dir === top || !dir.startsWith(top) || path.dirname(dir) === dir) break;
    }
    return values;
  }

  /** The texts of a folder's `.env*` and Compose files (cached per folder). */
  private envTexts(dir: string): readonly string[] {
    const cached = this.envCache.get(dir);
    if (cached) return cached;
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((entry) => ENV_FILE.test(entry));
    } catch {
      names = [];
    }
    const texts = names.flatMap((entry) => {
      try {
        const file = path.join(dir, entry);
        return statSync(file).size <= 1_000_000 ? [readFileSync(file, 'utf8')] : [];
      } catch {
        return [];
      }
    });
    this.envCache.set(dir, texts);
    return texts;
  }

  private gitRoot(fromDir: string): string | null {
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, '.git'))) return dir;
      if (path.dirname(dir) === dir) return null;
    }
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
    const origins = new Map<string, string>();
    this.originsCache.set(file, origins);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return values;
    }
    if (!worthParsing(text)) return values;
    const root = this.parse(file, text);
    if (!root) return values;

    const locals = new Map<string, Node>();
    walk(root, (node) => {
      if (node.kind === 'variable' && node.init && isTopLevel(node)) locals.set(node.name, node.init);
    });
    const record = (name: string, value: Node | null | undefined, depth = 0): void => {
      if (!value || depth > 4) return;
      if (value.kind === 'string') {
        values.set(name, value.value);
        origins.set(name, `${file}#${name}`);
      } else if (value.kind === 'identifier' && locals.has(value.name)) record(name, locals.get(value.name), depth + 1);
      // `process.env.IMAGE_MODEL ?? 'id'`, `os.getenv("IMAGE_MODEL", "id")`: the default is what the importer sends when the variable is unset
      else if (value.kind === 'binary' && (value.operator === '??' || value.operator === '||') && envRead(value.left)) record(name, value.right, depth + 1);
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
        const theirOrigins = this.originsCache.get(target);
        const copy = (from: string, to: string, value: string) => {
          values.set(to, value);
          const origin = theirOrigins?.get(from);
          if (origin) origins.set(to, origin);
        };
        if (node.bindings === null) {
          for (const [name, value] of theirs) if (name !== 'default' && !values.has(name)) copy(name, name, value);
        } else {
          for (const { exported, imported } of node.bindings) {
            for (const [name, value] of theirs) {
              if (name === imported) copy(name, exported, value);
              else if (name.startsWith(`${imported}.`)) copy(name, exported + name.slice(imported.length), value);
            }
          }
        }
      }
    });
    return values;
  }

  /**
   * `app/config` from a Python file: a module under the file's folder or one of its parents (where Python's
   * path would start), up to the package root, and under the root's `src/` (the src layout PyPA recommends,
   * where `tests/` imports the installed package that lives in `src/<name>/`).
   */
  private resolvePythonModule(fromFile: string, specifier: string): string | null {
    const root = this.packageRoot(fromFile);
    const python = (candidate: string) => {
      const found = resolveFile(candidate);
      return found && codeLanguage(found) === 'python' ? found : null;
    };
    for (let dir = path.dirname(fromFile); ; dir = path.dirname(dir)) {
      const found = python(path.join(dir, specifier));
      if (found) return found;
      if (dir === root || !dir.startsWith(root) || path.dirname(dir) === dir) break;
    }
    return specifier.startsWith('.') ? null : python(path.join(root, 'src', specifier));
  }

  /** A module's normalized tree: JS/TS through oxc's or TypeScript's parser (`useModuleParser`), Python through tree-sitter's once it is loaded (a file that does not parse gives null). */
  private parse(file: string, text: string): Node | null {
    if (codeLanguage(file) === 'python') {
      if (!pythonParserLoaded()) return null;
      try {
        return parsePython(text);
      } catch {
        return null;
      }
    }
    try {
      if (moduleParser === 'oxc') {
        const tree = parseJsModule(file, text);
        if (tree) return tree;
        // a module with a syntax error: TypeScript's parser recovers and still gives its exports, as it did before oxc
      }
      const ts = typescript();
      const kind = /\.(tsx|jsx)$/.test(file) ? ts.ScriptKind.TSX : /\.(m|c)?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
      return fromTypeScript(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind));
    } catch (error) {
      // a module nested too deeply to read gives no values: what imports from it is planned without them
      if (isTooDeep(error)) return null;
      throw error;
    }
  }

  /** A relative path or a package (a workspace package of the monorepo, or one in node_modules) → its source file. */
  resolveModule(fromFile: string, specifier: string): string | null {
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      return resolveFile(path.resolve(path.dirname(fromFile), specifier));
    }
    if (codeLanguage(fromFile) === 'python') return this.resolvePythonModule(fromFile, specifier);
    for (const target of this.aliasTargets(fromFile, specifier)) {
      const resolved = resolveFile(target);
      if (resolved) return resolved;
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

  /**
   * `@/lib/openai` → the files a tsconfig `paths` alias maps it to (the
   * nearest tsconfig.json or jsconfig.json with `compilerOptions.paths`;
   * `baseUrl` honoured; `extends` not followed).
   */
  private aliasTargets(fromFile: string, specifier: string): string[] {
    const dir = path.dirname(fromFile);
    let aliases = this.aliasCache.get(dir);
    if (!aliases) {
      aliases = readAliases(dir);
      this.aliasCache.set(dir, aliases);
    }
    const out: string[] = [];
    for (const alias of aliases) {
      if (specifier.startsWith(alias.prefix) && specifier.endsWith(alias.suffix) && specifier.length >= alias.prefix.length + alias.suffix.length) {
        const middle = specifier.slice(alias.prefix.length, specifier.length - alias.suffix.length);
        for (const target of alias.targets) out.push(target.replace('*', middle));
      }
    }
    return out;
  }

  private packageDir(fromDir: string, name: string, workspaces = true): string | null {
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) return safeRealpath(candidate);
      const workspace = workspaces ? this.workspacePackages(dir).get(name) : undefined;
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
      for (const match of readFileSync(pnpm, 'utf8').matchAll(/^[ \t]*-[ \t]*['"]?([^'"\s#]+)['"]?/gm)) globs.push(match[1]);
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

/** A folder's configuration files that set environment variables: `.env`, `.env.example`, `app.env`, Compose files. */
const ENV_FILE = /^(?:\.env(?:\..+)?|.+\.env|(?:docker-)?compose(?:[.-].+)?\.ya?ml)$/i;

/** `NAME=value` / `NAME: value` (group `plain`, quotes and a trailing comment left out) or `${NAME:-value}` (group `default`). */
function envSetting(name: string): RegExp {
  return new RegExp(
    `^[ \\t]*(?:-[ \\t]+)?(?:export[ \\t]+)?['"]?${name}['"]?[ \\t]*[=:][ \\t]*['"]?(?<plain>[^'"\\s#$]+)|\\$\\{${name}:?[-=](?<default>[^}'"\\s]+)\\}`,
    'gm',
  );
}

/** `from .settings import X`, `import app.config`, `from app import settings` (each name may be a module), in a Python file. */
const PYTHON_IMPORT = /^[ \t]*(?:from[ \t]+([.\w]+)[ \t]+import[ \t]+(?:\(([^)]*)\)|([\w, \t]+))|import[ \t]+([\w.]+))/gm;

/** The module specifiers a file imports (Python's spelled as JS's: `.settings` → `./settings`). */
function importSpecifiers(file: string, text: string): string[] {
  const out: string[] = [];
  if (codeLanguage(file) === 'python') {
    for (const match of text.matchAll(PYTHON_IMPORT)) {
      if (match[4]) {
        out.push(pythonSpecifier(match[4]));
        continue;
      }
      const from = pythonSpecifier(match[1]!);
      out.push(from);
      // `from app import settings`, `from app import (\n    a,\n    b,\n)`: the names may be modules of the package
      const names = (match[2] ?? match[3]!).replace(/#[^\n]*/g, '');
      for (const name of names.split(',').map((n) => n.trim().split(/\s+/)[0]!).filter(Boolean)) out.push(`${from}/${name}`);
    }
    return out;
  }
  for (const match of text.matchAll(IMPORT_SPECIFIER)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier) out.push(specifier);
  }
  return out;
}

/** `import … from 'x'`, `import 'x'`, `require('x')`, `import('x')`. */
const IMPORT_SPECIFIER = /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
/** How far, and over how many files, a test's imports are followed. */
const CLOSURE_DEPTH = 8;
const CLOSURE_LIMIT = 2000;
const IMAGE_CALL = /\bimages\s*\.\s*(?:generate|edit)\s*\(|\/images\/(?:generations|edits)\b/;
const URL_HOST = /https?:\/\/([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

/** The `paths` aliases of the nearest tsconfig.json / jsconfig.json that has them, as absolute targets. */
function readAliases(fromDir: string): { prefix: string; suffix: string; targets: string[] }[] {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const file = path.join(dir, name);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const options = parseJsonc(text)?.compilerOptions as { paths?: Record<string, string[]>; baseUrl?: string } | undefined;
      if (!options?.paths) continue;
      const base = path.resolve(dir, options.baseUrl ?? '.');
      return Object.entries(options.paths).flatMap(([pattern, targets]) => {
        const star = pattern.indexOf('*');
        const prefix = star === -1 ? pattern : pattern.slice(0, star);
        const suffix = star === -1 ? '' : pattern.slice(star + 1);
        return Array.isArray(targets) ? [{ prefix, suffix, targets: targets.map((t) => path.resolve(base, t)) }] : [];
      });
    }
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, '.git'))) return [];
    if (path.dirname(dir) === dir) return [];
  }
}

/** JSON with comments and trailing commas (tsconfig's dialect), or null. */
export function parseJsonc(text: string): Record<string, unknown> | null {
  const stripped = text
    .replace(/"(?:[^"\\]|\\.)*"|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m) => (m.startsWith('"') ? m : ''))
    .replace(/,(\s*[}\]])/g, '$1');
  try {
    const value = JSON.parse(stripped) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** `linguist-generated` rules of the repository's root .gitattributes, in order (the last match wins). */
function readAttributes(gitRoot: string): { pattern: RegExp; generated: boolean }[] {
  let text: string;
  try {
    text = readFileSync(path.join(gitRoot, '.gitattributes'), 'utf8');
  } catch {
    return [];
  }
  const rules: { pattern: RegExp; generated: boolean }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [pattern, ...attributes] = line.trim().split(/\s+/);
    if (!pattern || pattern.startsWith('#')) continue;
    const flag = attributes.find((a) => /^-?linguist-generated(=.*)?$/.test(a));
    if (!flag) continue;
    const generated = !flag.startsWith('-') && !/=false$/.test(flag);
    rules.push({ pattern: globToRegExp(pattern), generated });
  }
  return rules;
}

/** A .gitattributes pattern as a regular expression over `/`-separated paths from the root. */
function globToRegExp(glob: string): RegExp {
  const anchored = glob.includes('/') && !glob.startsWith('**/');
  const body = glob
    .replace(/^\//, '')
    .split(/(\*\*\/|\/\*\*|\*|\?)/)
    .map((part) =>
      part === '**/' ? '(?:.*/)?' : part === '/**' ? '/.*' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`${anchored ? '^' : '(?:^|/)'}${body}$`);
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

/** `./config` → `./config.ts`, `./config/index.ts`; `./x.js` → `./x.ts` (TS's ESM spelling); `./settings` → `./settings.py`, `./app/__init__.py`. */
function resolveFile(base: string): string | null {
  const candidates = [base, ...CODE_EXTENSIONS.map((ext) => base + ext), ...CODE_EXTENSIONS.map((ext) => path.join(base, `index${ext}`)), `${base}.py`, path.join(base, '__init__.py')];
  const stripped = base.replace(/\.(m|c)?js$/, '');
  if (stripped !== base) candidates.push(...['.ts', '.tsx', '.mts', '.cts'].map((ext) => stripped + ext));
  for (const candidate of candidates) {
    // no exception for a missing spelling: most are (a thrown ENOENT cost more than the stat)
    try {
      if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
    } catch {
      // not a directory on the way (ENOTDIR), no permission: try the next spelling
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

/**
 * Which parser reads imported JS/TS modules in this thread: TypeScript's (the
 * ESLint rules and the ts-morph transform: nothing more to load) or oxc's
 * (the CLI's, so a run loads no TypeScript). Both give the same trees for
 * every module that parses (test/project.test.ts); a module oxc rejects is
 * still read with TypeScript's, which recovers from syntax errors.
 */
export type ModuleParser = 'typescript' | 'oxc';
let moduleParser: ModuleParser = 'typescript';

export function useModuleParser(parser: ModuleParser): void {
  // what is cached was read by the other parser
  if (parser !== moduleParser) defaultProject.forgetModules();
  moduleParser = parser;
}

let loaded: typeof TypeScript | null = null;
/** The compiler, loaded on first use: most lint runs never need to read another file. */
function typescript(): typeof TypeScript {
  loaded ??= (createRequire(import.meta.url)('ts-morph') as { ts: typeof TypeScript }).ts;
  return loaded;
}

/** One lookup per process: its caches serve every file of a run (and every lint of an editor session). */
export const defaultProject = new FileSystemProject();
