/**
 * The repository pass: one value, one decision. A file's plan decides what
 * it can see; some values are shared across files, and every place that
 * holds one must be decided alike:
 *
 * - an environment variable (`IMAGE_MODEL=gpt-image-1` in `.env`, `?? 'gpt-image-1'`
 *   in code, `z.string().default('gpt-image-1')` in an env schema) changes
 *   everywhere when the code reads it into a known provider's request, and
 *   nowhere when any reader is an Azure deployment or a request of a
 *   provider the tool does not know;
 * - an exported constant changes when a module that imports it sends it;
 * - an id that a test of the package asserts (or a snapshot records) is not
 *   changed in that package's code: the test would break, so code and test
 *   change together, by hand.
 *
 * Only the CLI sees the whole repository, so only it runs this pass; ESLint
 * and jscodeshift, which see one file, keep each file's own (more cautious)
 * decision: a setting whose use is in another file stays a suggestion there.
 */
import { LineIndex } from '../text/edits.js';
import type { Binding, Finding, Link } from './finding.js';

export interface PlannedFile {
  /** The report path. */
  readonly file: string;
  readonly text: string;
  readonly findings: readonly Finding[];
  readonly links: readonly Link[];
}

interface Place {
  readonly file: string;
  readonly line: number;
  readonly why: string;
}

/** The findings of every file after the repository's shared values are decided, in the same order. */
export function planRepository(files: readonly PlannedFile[]): Finding[][] {
  const blocks = new Map<string, Place[]>();
  const feeds = new Map<string, Place[]>();
  const add = (map: Map<string, Place[]>, key: string, place: Place) => {
    const list = map.get(key) ?? [];
    list.push(place);
    map.set(key, list);
  };
  const lines = new Map<string, LineIndex>();
  const lineOf = (file: PlannedFile, offset: number): number => {
    let index = lines.get(file.file);
    if (!index) {
      index = new LineIndex(file.text);
      lines.set(file.file, index);
    }
    return index.position(offset).line;
  };

  for (const file of files) {
    for (const link of file.links) {
      add(link.role === 'blocks' ? blocks : feeds, link.key, { file: file.file, line: lineOf(file, link.range[0]), why: link.why });
    }
    for (const finding of file.findings) {
      for (const binding of finding.bindings ?? []) {
        if (binding.role === 'pending' || binding.key.startsWith('asserted:') && binding.role === 'feeds') continue;
        const place = { file: file.file, line: lineOf(file, finding.range[0]), why: shortReason(finding) };
        add(binding.role === 'blocks' ? blocks : feeds, binding.key, place);
      }
    }
  }

  const decide = () =>
    files.map((file) =>
      file.findings.map((finding) => {
        const bindings = finding.bindings ?? [];
        if (bindings.length === 0) return finding;
        const blocked = bindings.map((b) => ({ binding: b, places: (blocks.get(b.key) ?? []).filter((p) => !(p.file === file.file && b.role === 'blocks')) })).find((b) => b.places.length > 0);
        if (finding.fix === 'auto') return blocked ? downgrade(finding, blocked.binding, blocked.places[0]) : finding;
        const pending = bindings.filter((b) => b.role === 'pending');
        if (pending.length === 0 || !finding.suggestion) return finding;
        // still manual, as the file alone decided: the other file only adds the reason (decidedBy marks changed decisions)
        if (blocked) return { ...finding, message: `${finding.message} ${sharedReason(blocked.binding, blocked.places[0])}.` };
        // a value held under several keys (`IMAGE_MODEL = os.getenv("IMAGE_MODEL", "id")`, exported): whichever key a sender reads decides it
        const here = lineOf(file, finding.range[0]);
        const fed = pending
          .map((binding) => ({ binding, feeder: (feeds.get(binding.key) ?? []).find((p) => p.file !== file.file || p.line !== here) }))
          .find((p) => p.feeder);
        return fed ? upgrade(finding, fed.binding, fed.feeder!) : finding;
      }),
    );
  // A setting that changes feeds its other keys: the exported constant read by a sender changes, so does the
  // variable it defaults (`.env`'s IMAGE_MODEL), as one value gets one decision. Until nothing more changes.
  let decided = decide();
  for (let round = 0; round < 4; round++) {
    let more = false;
    for (const [i, file] of files.entries()) {
      for (const [j, finding] of decided[i]!.entries()) {
        if (finding.fix !== 'auto' || file.findings[j]!.fix === 'auto') continue;
        for (const binding of finding.bindings ?? []) {
          if (binding.role !== 'pending' || feeds.has(binding.key)) continue;
          add(feeds, binding.key, { file: file.file, line: lineOf(file, finding.range[0]), why: shortReason(finding) });
          more = true;
        }
      }
    }
    if (!more) break;
    decided = decide();
  }
  return decided;
}

/** What a key names, for messages: `IMAGE_MODEL`, `IMAGE_MODEL (exported by config.ts)`. */
function describe(key: string): string {
  if (key.startsWith('env:')) return `the environment variable ${key.slice(4)}`;
  if (key.startsWith('const:')) {
    const [file, name] = key.slice(6).split('#');
    return `the constant ${name} of ${file.split('/').pop()}`;
  }
  return `'${key.split(':').pop()}'`;
}

function sharedReason(binding: Binding, place: Place): string {
  if (binding.key.startsWith('asserted:')) {
    return `Not rewritten: ${place.why} (${place.file}:${place.line}), so the code and that test change together, by hand`;
  }
  return `Not rewritten: ${describe(binding.key)} also reaches ${place.file}:${place.line}, where ${place.why}; one value gets one decision, so change every place by hand once that one is settled`;
}

function downgrade(finding: Finding, binding: Binding, place: Place): Finding {
  const head = finding.message.replace(/\s*(?:Rewrites|Removes|Adds|Renames)\b.*$/, '').replace(/[:.]?\s*$/, '');
  return {
    ...finding,
    fix: 'manual',
    edits: [],
    decidedBy: describe(binding.key),
    suggestion: finding.edits.length > 0 ? { description: 'Apply the change once the code and its test move together', edits: finding.edits } : finding.suggestion,
    message: `${head}. ${sharedReason(binding, place)}.`,
  };
}

function upgrade(finding: Finding, binding: Binding, place: Place): Finding {
  const to = finding.suggestion!.edits[0]?.text ?? '';
  const head = finding.message.replace(/\s*Not rewritten:.*$/, '').replace(/[:.]?\s*$/, '');
  return {
    ...finding,
    fix: 'auto',
    edits: finding.suggestion!.edits,
    suggestion: undefined,
    decidedBy: describe(binding.key),
    message: `${head}. ${capital(describe(binding.key))} is read at ${place.file}:${place.line}, where ${place.why}: Rewrites it to '${to}'.`,
  };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A finding's message, cut to the part that says what the value is. */
function shortReason(finding: Finding): string {
  const text = finding.message.replace(/^'[^']+' (?:shut down|shuts down)[^.]*\.\s*/, '');
  // an edit says what the value is; a manual item says why it stays
  const cut = (finding.fix === 'manual' ? text.replace(/^.*?Not rewritten:\s*/, '') : text.replace(/\s*Rewrites\b.*$/, '')).replace(/\s*Not rewritten\b.*$/, '').replace(/[:.]\s*$/, '');
  return cut.charAt(0).toLowerCase() + cut.slice(1);
}

/**
 * The findings of a file whose edits would add type errors (the verification
 * step of `fix`): nothing is written, and each automatic finding says why.
 */
export function rejectedByTypes(findings: readonly Finding[], diagnostics: readonly string[]): Finding[] {
  const shown = diagnostics.slice(0, 3).join('; ') + (diagnostics.length > 3 ? `; and ${diagnostics.length - 3} more` : '');
  return findings.map((finding) => {
    if (finding.fix !== 'auto') return finding;
    const head = finding.message.replace(/\s*(?:Rewrites|Removes|Adds|Renames)\b.*$/, '').replace(/[:.]?\s*$/, '');
    return {
      ...finding,
      fix: 'manual',
      edits: [],
      suggestion: finding.edits.length > 0 ? { description: 'Apply the change once the types accept it', edits: finding.edits } : finding.suggestion,
      message: `${head}. Not rewritten: with fix's edits this file would not type-check (${shown}); the whole file is left as it was.`,
    };
  });
}
