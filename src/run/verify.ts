/**
 * The verification step of `fix` (and of the audit that predicts it): where
 * the scanned repository has a tsconfig.json and its dependencies are
 * installed, the files `fix` would change are type-checked with the
 * project's own compiler options against its own node_modules, before and
 * after the edits. A file whose edits add a diagnostic (a model union that
 * lacks the target, a removed param a type requires) is rolled back: its
 * findings become manual, with the diagnostic, and nothing is written.
 *
 * The check covers the changed files and the project files that import them
 * (a changed exported constant can break its importers). It uses the
 * TypeScript that ts-morph bundles; before and after are compared with the
 * same compiler, so a project on another TypeScript version sees only the
 * difference the edits make.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ts as TS } from 'ts-morph';

export interface VerifyInput {
  readonly file: string;
  readonly absolute: string;
  readonly before: string;
  readonly after: string;
}

export interface Verification {
  /** Changed files that were type-checked. */
  readonly files: number;
  /** tsconfig projects they belong to. */
  readonly projects: number;
  readonly ms: number;
  /** Files whose edits add diagnostics: report path → the new diagnostics, as `file:line: message`. */
  readonly rejected: ReadonlyMap<string, readonly string[]>;
  /** Why changed files could not be checked (no tsconfig, no node_modules), with how many. */
  readonly unchecked: readonly { readonly reason: string; readonly files: number }[];
}

const TS_FILE = /\.(?:[cm]?tsx?|[cm]?jsx?)$/;

let loaded: typeof TS | null = null;
function typescript(): typeof TS {
  loaded ??= (createRequire(import.meta.url)('ts-morph') as { ts: typeof TS }).ts;
  return loaded;
}

export function verifyChanges(changes: readonly VerifyInput[], stopAt: string): Verification {
  const started = performance.now();
  const code = changes.filter((c) => TS_FILE.test(c.file) && !c.file.endsWith('.d.ts'));
  const byProject = new Map<string, VerifyInput[]>();
  const unchecked = new Map<string, number>();
  for (const change of code) {
    const config = nearest(path.dirname(change.absolute), 'tsconfig.json', stopAt);
    if (!config) {
      unchecked.set('no tsconfig.json above it', (unchecked.get('no tsconfig.json above it') ?? 0) + 1);
      continue;
    }
    if (!nearest(path.dirname(config), 'node_modules', path.parse(config).root)) {
      const reason = `dependencies not installed for ${path.relative(stopAt, config) || 'tsconfig.json'} (no node_modules)`;
      unchecked.set(reason, (unchecked.get(reason) ?? 0) + 1);
      continue;
    }
    byProject.set(config, [...(byProject.get(config) ?? []), change]);
  }
  const rejected = new Map<string, string[]>();
  let files = 0;
  for (const [config, group] of byProject) {
    const result = checkProject(config, group);
    if (result === null) {
      unchecked.set(`${path.relative(stopAt, config) || 'tsconfig.json'} could not be read`, group.length);
      continue;
    }
    files += group.length;
    for (const [file, diagnostics] of result) rejected.set(file, diagnostics);
  }
  return {
    files,
    projects: byProject.size,
    ms: Math.round(performance.now() - started),
    rejected,
    unchecked: [...unchecked].map(([reason, count]) => ({ reason, files: count })),
  };
}

/** The nearest `name` in `dir` or above it, not above `stopAt` (unless `stopAt` is a filesystem root). */
function nearest(dir: string, name: string, stopAt: string): string | null {
  for (let current = dir; ; current = path.dirname(current)) {
    const candidate = path.join(current, name);
    if (existsSync(candidate)) return candidate;
    if (current === stopAt || path.dirname(current) === current || !current.startsWith(stopAt)) return null;
  }
}

/** The changed files of one project whose edits add diagnostics (there or in a project file that imports them). */
function checkProject(config: string, changes: readonly VerifyInput[]): Map<string, string[]> | null {
  const ts = typescript();
  const parsed = ts.getParsedCommandLineOfConfigFile(config, { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => {},
  });
  if (!parsed) return null;
  const options: TS.CompilerOptions = { ...parsed.options, noEmit: true, incremental: false, composite: false, declaration: false, declarationMap: false };
  const changed = new Map(changes.map((c) => [path.resolve(c.absolute), c]));
  const importers = importersOf(parsed.fileNames, changes);
  // the project's own declaration files (shims, globals) are part of every file's types
  const declarations = parsed.fileNames.filter((f) => f.endsWith('.d.ts')).map((f) => path.resolve(f));
  const roots = [...new Set([...changed.keys(), ...importers.keys(), ...declarations])];

  const program = (edited: boolean, old?: TS.Program): TS.Program => {
    const host = ts.createCompilerHost(options, true);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, language, onError, shouldCreate) => {
      const change = changed.get(path.resolve(fileName));
      if (change) return ts.createSourceFile(fileName, edited ? change.after : change.before, language, true);
      return getSourceFile(fileName, language, onError, shouldCreate);
    };
    const readFile = host.readFile.bind(host);
    host.readFile = (fileName) => {
      const change = changed.get(path.resolve(fileName));
      return change ? (edited ? change.after : change.before) : readFile(fileName);
    };
    return ts.createProgram({ rootNames: roots, options, host, oldProgram: old });
  };
  const before = program(false);
  const after = program(true, before);

  const out = new Map<string, string[]>();
  for (const root of [...changed.keys(), ...importers.keys()]) {
    const added = newDiagnostics(ts, before, after, root);
    if (added.length === 0) continue;
    // a diagnostic in a changed file is that file's; in an importer, the changed files it imports are to blame
    const blamed = changed.has(root) ? [changed.get(root)!] : (importers.get(root) ?? []);
    for (const change of blamed) out.set(change.file, [...(out.get(change.file) ?? []), ...added]);
  }
  return out;
}

/**
 * Diagnostics of `file` after the edits that it did not have before, compared
 * by code: an error the file already had keeps its code when an edit changes
 * its wording (the object it names gained a property), and positions move.
 */
function newDiagnostics(ts: typeof TS, before: TS.Program, after: TS.Program, file: string): string[] {
  const describe = (d: TS.Diagnostic) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/\s+/g, ' ')}`;
  const of = (program: TS.Program) => {
    const source = program.getSourceFile(file);
    return source ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)] : [];
  };
  const seen = new Map<number, number>();
  for (const d of of(before)) seen.set(d.code, (seen.get(d.code) ?? 0) + 1);
  const added: string[] = [];
  for (const d of of(after)) {
    const key = d.code;
    const left = seen.get(key) ?? 0;
    if (left > 0) {
      seen.set(key, left - 1);
      continue;
    }
    const where = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : path.basename(file);
    added.push(`${where}: ${describe(d).slice(0, 300)}`);
  }
  return added;
}

/** Project files that import a changed file (by its module name), with the changed files each imports. */
function importersOf(projectFiles: readonly string[], changes: readonly VerifyInput[]): Map<string, VerifyInput[]> {
  const stems = changes.map((c) => ({ change: c, stem: path.basename(c.absolute).replace(/\.[^.]+$/, '') }));
  const out = new Map<string, VerifyInput[]>();
  const changedPaths = new Set(changes.map((c) => path.resolve(c.absolute)));
  for (const file of projectFiles) {
    if (changedPaths.has(path.resolve(file)) || file.endsWith('.d.ts')) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const hits = stems.filter(({ stem }) => new RegExp(`from\\s*['"][^'"]*\\b${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\.[cm]?[jt]sx?)?['"]`).test(text));
    if (hits.length > 0) out.set(path.resolve(file), hits.map((h) => h.change));
  }
  return out;
}
