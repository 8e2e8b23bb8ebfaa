/**
 * The package as a user has it after `npm install`: package.json and the
 * compiled `dist/` of the ESLint plugin's module graph, in a directory of its
 * own, plus the eslintrc shim package beside it. Compiled here (TypeScript's
 * transpiler, no type check: `npm run typecheck` does that) so the tests load
 * the current source by package name, never a stale `dist/` of the work tree.
 */
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const shimDir = path.join(repoRoot, 'packages/eslint-plugin-gpt-image-migrate');

/** Compiles `rules/index.ts` and every module it imports into `<packageDir>/dist`, as `tsc -p tsconfig.build.json` lays them out. */
export function buildPackage(packageDir: string): string {
  mkdirSync(packageDir, { recursive: true });
  cpSync(path.join(repoRoot, 'package.json'), path.join(packageDir, 'package.json'));
  const seen = new Set<string>();
  const queue = [path.join(repoRoot, 'rules/index.ts')];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const { fileName } of ts.preProcessFile(source, true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      queue.push(path.resolve(path.dirname(file), fileName.replace(/\.js$/, '.ts')));
    }
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, isolatedModules: true },
    });
    const out = path.join(packageDir, 'dist', path.relative(repoRoot, file).replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(packageDir, 'node_modules'), 'dir');
  return packageDir;
}

/**
 * Makes `projectDir/node_modules` what `npm install -D gpt-image-migrate
 * eslint-plugin-gpt-image-migrate @typescript-eslint/parser` would leave:
 * the package (a link to the built one), the shim (a copy: a registry
 * install is files, and the shim must find gpt-image-migrate from there), the parser.
 */
export function installInto(projectDir: string, packageDir: string): void {
  const modules = path.join(projectDir, 'node_modules');
  mkdirSync(path.join(modules, '@typescript-eslint'), { recursive: true });
  symlinkSync(packageDir, path.join(modules, 'gpt-image-migrate'), 'dir');
  cpSync(shimDir, path.join(modules, 'eslint-plugin-gpt-image-migrate'), { recursive: true });
  symlinkSync(path.join(repoRoot, 'node_modules/@typescript-eslint/parser'), path.join(modules, '@typescript-eslint/parser'), 'dir');
}
