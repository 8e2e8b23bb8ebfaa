/**
 * Files that are not JS/TS: configuration (`.env*`, JSON, YAML, TOML, shell
 * scripts, Dockerfiles), where an id is fixed when it is exactly the value of
 * a setting (`IMAGE_MODEL=gpt-image-1`, `"model": "gpt-image-1"`,
 * `ENV IMAGE_MODEL gpt-image-1`) and reported otherwise; and prose or code we
 * do not rewrite (Markdown/MDX, Python), reported as info. They go through
 * the same finding builder as code, so messages and severities match.
 */
import { idTokenPattern, matchRetiredId, type MigrationOptions } from '../catalog/index.js';
import { allowed, idFinding, type Finding } from './finding.js';
import { dependencyFindings } from './params.js';

const TOKEN = idTokenPattern;

export type TextFileKind = 'env' | 'json' | 'package-json' | 'yaml' | 'toml' | 'shell' | 'dockerfile' | 'docs' | 'python';

export function textFileKind(fileName: string): TextFileKind | null {
  const base = fileName.split('/').pop() ?? fileName;
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'env';
  if (base === 'package.json') return 'package-json';
  if (/\.(json|jsonc|json5)$/i.test(base)) return 'json';
  if (/\.ya?ml$/i.test(base)) return 'yaml';
  if (/\.toml$/i.test(base)) return 'toml';
  if (/\.(sh|bash|zsh)$/i.test(base)) return 'shell';
  if (/^Dockerfile(\..+)?$/.test(base) || /\.Dockerfile$/i.test(base) || /^Containerfile$/.test(base)) return 'dockerfile';
  if (/\.(md|mdx|markdown)$/i.test(base)) return 'docs';
  if (/\.py$/i.test(base)) return 'python';
  return null;
}

/** Per kind: a line that sets KEY to exactly VALUE (group `key`, group `value`). */
const SETTING_LINE: Partial<Record<TextFileKind, RegExp>> = {
  env: /^[ \t]*(?:export[ \t]+)?(?<key>[A-Za-z_][\w.]*)[ \t]*=[ \t]*(?<q>['"]?)(?<value>[^'"\s#]+)\k<q>[ \t]*(?:#.*)?$/dgm,
  shell: /^[ \t]*(?:export[ \t]+|readonly[ \t]+|local[ \t]+)?(?<key>[A-Za-z_]\w*)=(?<q>['"]?)(?<value>[^'"\s#;]+)\k<q>[ \t]*;?[ \t]*(?:#.*)?$/dgm,
  dockerfile: /^[ \t]*(?:ENV|ARG)[ \t]+(?<key>[A-Za-z_]\w*)(?:[ \t]*=[ \t]*|[ \t]+)(?<q>['"]?)(?<value>[^'"\s]+)\k<q>[ \t]*$/dgim,
  yaml: /^[ \t]*(?:-[ \t]+)?(?<key>[\w.-]+)[ \t]*:[ \t]*(?<q>['"]?)(?<value>[^'"\s#]+)\k<q>[ \t]*(?:#.*)?$/dgm,
  toml: /^[ \t]*(?<key>[\w.-]+)[ \t]*=[ \t]*(?<q>['"])(?<value>[^'"\s]+)\k<q>[ \t]*(?:#.*)?$/dgm,
  json: /"(?<key>[^"\\]+)"[ \t]*:[ \t]*(?<q>")(?<value>[^"\\]+)"/dg,
};

export function planTextFile(kind: TextFileKind, text: string, options: MigrationOptions): Finding[] {
  const findings =
    kind === 'docs' || kind === 'python'
      ? planProse(kind, text, options)
      : [...planSettings(kind === 'package-json' ? 'json' : kind, text, options), ...(kind === 'package-json' ? dependencyFindings(text, options) : [])];
  return allowed(findings, options).sort((a, b) => a.range[0] - b.range[0]);
}

/** Ids that are exactly a setting's value are fixed (a deployment name only by the map); other mentions are manual. */
function planSettings(kind: TextFileKind, text: string, options: MigrationOptions): Finding[] {
  const findings: Finding[] = [];
  const settings = new Map<number, { key: string; end: number }>();
  const pattern = SETTING_LINE[kind];
  if (pattern) {
    for (const found of text.matchAll(pattern)) {
      const [start, end] = found.indices!.groups!.value!;
      settings.set(start, { key: found.groups!.key!, end });
    }
  }
  for (const found of text.matchAll(TOKEN)) {
    const match = matchRetiredId(found[0])!;
    const range = [found.index, found.index + found[0].length] as const;
    const setting = settings.get(found.index);
    const occurrence = { match, range, idRange: range };
    if (!setting || setting.end !== range[1]) {
      findings.push(idFinding(occurrence, 'config', 'config', 'manual', 'it is part of a longer value or a list; edit it by hand.', options));
    } else if (/deploy/i.test(setting.key)) {
      const mapped = options.azureDeploymentMap[match.spelled];
      findings.push(
        mapped
          ? { ...idFinding(occurrence, 'deployment', 'azure', 'auto', `the Azure deployment setting ${setting.key}, mapped by --azure-deployment-map`, options), edits: [{ start: range[0], end: range[1], text: mapped }] }
          : idFinding(occurrence, 'deployment', 'azure', 'manual', `${setting.key} names an Azure deployment you chose, not a model id: create a gpt-image-2 deployment and point ${setting.key} at it (or use --azure-deployment-map).`, options),
      );
    } else {
      findings.push(idFinding(occurrence, 'config', 'config', 'auto', `the value of ${setting.key}`, options));
    }
  }
  return findings;
}

/** Every mention in prose or Python: info, never rewritten. */
function planProse(kind: 'docs' | 'python', text: string, options: MigrationOptions): Finding[] {
  const findings: Finding[] = [];
  for (const found of text.matchAll(TOKEN)) {
    const match = matchRetiredId(found[0])!;
    const range = [found.index, found.index + found[0].length] as const;
    const why =
      kind === 'docs'
        ? 'documentation is reported, never rewritten; update the prose when the code has moved.'
        : 'Python code is reported, never rewritten by this tool; migrate it by hand.';
    findings.push(idFinding({ match, range, idRange: range }, kind === 'docs' ? 'doc' : 'other', kind === 'docs' ? 'docs' : 'unknown', 'manual', why, options, { severity: 'info' }));
  }
  return findings;
}
