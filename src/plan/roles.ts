/**
 * A file's role decides whether its findings may be edits at all: only
 * application code is rewritten. A test's ids and the expectations that
 * depend on them change together or not at all, so a test is reported, never
 * rewritten; so are recorded data (its truth is what a service returned),
 * generated files (their truth is the generator) and committed build output
 * (its truth is the source the build reads).
 */
import { plainRetiredIdSource } from '../catalog/index.js';
import { fileRole, type FileRoleInfo } from '../files/kind.js';
import type { FileContext } from '../analysis/view.js';
import type { Finding } from './finding.js';

/** The role of the planned file, the same way for every face (from its path in its package and its header). */
export function roleOf(context: FileContext, text: string): FileRoleInfo {
  const { fileName, project } = context;
  const role = fileName && project ? fileRole(project.packagePath(fileName), text, project.isGeneratedByAttributes(fileName)) : fileRole(fileName ?? '', text);
  if (role.role !== 'source' || !fileName) return role;
  // `dall-e-3-style.ts`, `gpt-image-1.5.ts`: an example or module whose subject is the retired model
  const file = fileName.split(/[\\/]/).pop()!;
  const base = file.replace(/\.[cm]?[jt]sx?$/, '');
  const named = NAMED_AFTER.exec(base)?.[1];
  return named ? { role: 'about-model', why: `a file named after '${named}' (${file})` } : role;
}

/** A retired id as a whole part of a file name (`dall-e-3-style`, `gpt-image-1.5`), longest first. */
const NAMED_AFTER = new RegExp(
  `(?:^|[-_])(${plainRetiredIdSource})(?:$|[-_])`,
);

const ADVICE: Record<Exclude<FileRoleInfo['role'], 'source'>, string> = {
  test: 'a test changes with the code it tests, by hand: its ids and the expectations that depend on them change together or not at all',
  recorded: 'recorded data is kept as it was recorded; record it again once the code calls the new model',
  migration:
    'editing a migration changes no existing database: change the default in models.py and add a new migration (makemigrations); the rows already stored keep the old id until a data migration updates them',
  generated: 'edit what generates it, then regenerate',
  'build-output': 'fix the source and rebuild',
  'about-model': 'its subject is that model, so a person decides whether it is rewritten, renamed or removed',
};

/**
 * Findings of a file that is not application code: no edits, each message
 * saying why. Tests and recorded data do not call the API, so what they name
 * is a warning at most; generated code and build output run, and keep their
 * severity.
 */
export function gateByRole(findings: readonly Finding[], role: FileRoleInfo): Finding[] {
  if (role.role === 'source') return [...findings];
  // a test or a generated file neither feeds nor waits for a value shared with application code
  const quiet = role.role === 'test' || role.role === 'recorded';
  // a migration is the history of a schema: what it names is told, not flagged as a fault to fix
  const history = role.role === 'migration';
  return findings.map((finding) => {
    const head = history
      ? finding.message.replace(/ Not rewritten\b.*$/, '')
      : finding.fix === 'auto'
        ? finding.message.replace(/ Rewrites it to .*$|\. (Removes|Rewrites|Adds|Renames) .*$/, '')
        : finding.message;
    const severity = history ? 'info' : quiet && finding.severity === 'error' ? 'warning' : finding.severity;
    // no suggested edit either: replacing the id in a migration is the one change that does nothing
    const change = history ? undefined : finding.fix === 'auto' && finding.edits.length > 0 ? { description: 'Apply the change fix would make in application code', edits: finding.edits } : finding.suggestion;
    const { bindings: _shared, ...rest } = finding;
    void _shared;
    return {
      ...rest,
      fix: 'manual',
      severity,
      edits: [],
      suggestion: change,
      message: `${head.replace(/[.:]?\s*$/, '')}. Not rewritten in ${role.why}: ${ADVICE[role.role as keyof typeof ADVICE]}.`,
    };
  });
}
