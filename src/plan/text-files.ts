/**
 * Files that are not JS/TS: configuration (`.env*`, JSON, YAML, TOML, shell
 * scripts, Dockerfiles), where an id is fixed when it is exactly the value of
 * a setting (`IMAGE_MODEL=gpt-image-1`, `"model": "gpt-image-1"`,
 * `ENV IMAGE_MODEL gpt-image-1`) and reported otherwise; and prose or code we
 * do not rewrite (Markdown/MDX, Python), reported as info. They go through
 * the same finding builder as code, so messages and severities match.
 */
import { azureSignals, idTokenPattern, matchRetiredId, plainRetiredIdSource, surfaceOfUrl, type MigrationOptions, type SurfaceId } from '../catalog/index.js';
import { foreignVendor } from '../analysis/provider.js';
import { existsSync } from 'node:fs';
import { allowed, assertedKey, idFinding, packageAssertedKey, quote, replacementId as replacementOf, uncoveredIds, type Finding, type Link } from './finding.js';
import type { FileContext } from '../analysis/view.js';
import { gateByRole, roleOf } from './roles.js';
import { isChangelog, textFileKind, type TextFileKind } from '../files/kind.js';

export { textFileKind, type TextFileKind };
import { dependencyFindings } from './params.js';

const TOKEN = idTokenPattern;

/** A shell-style default: `${NAME:-value}`, `${NAME-value}`, `${NAME:=value}`. */
const SHELL_DEFAULT = /\$\{(?<key>[A-Za-z_]\w*):?[-=](?<value>[^}'"\s]+)\}/dg;

/** An environment variable's name, as .env files, Compose and Dockerfiles write them. */
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;
/** Kinds whose settings can be environment variables. */
const ENV_KINDS: ReadonlySet<TextFileKind> = new Set(['env', 'shell', 'dockerfile', 'yaml', 'toml', 'json']);

/** Per kind: a line that sets KEY to exactly VALUE (group `key`, group `value`). */
const SETTING_LINE: Partial<Record<TextFileKind, RegExp>> = {
  env: /^[ \t]*(?:export[ \t]+)?(?<key>[A-Za-z_][\w.]*)[ \t]*=[ \t]*(?<q>['"]?)(?<value>[^'"\s#]+)\k<q>[ \t]*(?:#.*)?$/dgm,
  shell: /^[ \t]*(?:export[ \t]+|readonly[ \t]+|local[ \t]+)?(?<key>[A-Za-z_]\w*)=(?<q>['"]?)(?<value>[^'"\s#;]+)\k<q>[ \t]*;?[ \t]*(?:#.*)?$/dgm,
  dockerfile: /^[ \t]*(?:ENV|ARG)[ \t]+(?<key>[A-Za-z_]\w*)(?:[ \t]*=[ \t]*|[ \t]+)(?<q>['"]?)(?<value>[^'"\s]+)\k<q>[ \t]*$/dgim,
  yaml: /^[ \t]*(?:-[ \t]+)?(?:(?<key>[\w.-]+)[ \t]*:[ \t]*|(?<q0>['"]?)(?<envkey>[A-Z][A-Z0-9_]*)=)(?<q>['"]?)(?<value>[^'"\s#=]+)\k<q>\k<q0>?[ \t]*(?:#.*)?$/dgm,
  toml: /^[ \t]*(?<key>[\w.-]+)[ \t]*=[ \t]*(?<q>['"])(?<value>[^'"\s]+)\k<q>[ \t]*(?:#.*)?$/dgm,
  json: /"(?<key>[^"\\]+)"[ \t]*:[ \t]*(?<q>")(?<value>[^"\\]+)"/dg,
};

export function planTextFile(kind: TextFileKind, text: string, options: MigrationOptions, context: FileContext = { fileName: null, project: null }): Finding[] {
  return planTextFileWithLinks(kind, text, options, context).findings;
}

/** The plan of a text file, with the values it shares with code (env settings) and the ids its snapshots hold. */
export function planTextFileWithLinks(kind: TextFileKind, text: string, options: MigrationOptions, context: FileContext = { fileName: null, project: null }): { findings: Finding[]; links: Link[] } {
  const links: Link[] = kind === 'snapshot' ? snapshotLinks(text, context) : [];
  const findings =
    kind === 'docs' || isChangelog(context.fileName ?? '')
      ? planProse('docs', text, options, context.fileName)
      : kind === 'snapshot'
        ? planStored(text, options)
        : kind === 'bicep'
          ? planInfrastructure(text, options)
        : [...planSettings(kind === 'package-json' ? 'json' : kind, text, options), ...(kind === 'package-json' ? dependencyFindings(text, options) : [])];
  return { findings: gateByRole(allowed(findings, options), roleOf(context, text)).sort((a, b) => a.range[0] - b.range[0]), links };
}

/** Ids that are exactly a setting's value are fixed (a deployment name only by the map); other mentions are manual. */
function planSettings(kind: TextFileKind, text: string, options: MigrationOptions): Finding[] {
  const findings: Finding[] = [];
  const settings = new Map<number, { key: string; end: number }>();
  const pattern = SETTING_LINE[kind];
  if (pattern) {
    for (const found of text.matchAll(pattern)) {
      const [start, end] = found.indices!.groups!.value!;
      settings.set(start, { key: (found.groups!.key ?? found.groups!.envkey)!, end });
    }
  }
  // YAML's block scalars (`key: |`, `- >`): text, a description or a note, where an id is a mention
  const blocks = kind === 'yaml' ? blockScalars(text) : [];
  // `${IMAGE_MODEL:-gpt-image-1}` (Compose, shell, .env, an MCP config): the default of the variable it names
  for (const found of text.matchAll(SHELL_DEFAULT)) {
    const [start, end] = found.indices!.groups!.value!;
    settings.set(start, { key: found.groups!.key!, end });
  }
  for (const found of text.matchAll(TOKEN)) {
    const match = matchRetiredId(found[0])!;
    const range = [found.index, found.index + found[0].length] as const;
    const setting = settings.get(found.index);
    const occurrence = { match, range, idRange: range };
    if (COMMENT_KINDS.has(kind) && inComment(text, found.index)) {
      findings.push(idFinding(occurrence, 'config', 'config', 'manual', 'it is in a comment of a configuration file: update the comment when the setting has moved.', options, { severity: 'info' }));
    } else if ((!setting || setting.end !== range[1]) && (inProse(text, range) || (kind === 'yaml' && blocks.some(([s, e]) => s <= range[0] && range[1] <= e)))) {
      // a sentence (a `description:`, text extracted from a document): it names the model, it does not set one
      findings.push(idFinding(occurrence, 'doc', 'config', 'manual', 'it is a mention in a sentence of a configuration or data file: update the text when the code has moved.', options, { severity: 'info' }));
    } else if ((kind === 'json' || kind === 'yaml') && /^['"]?[ \t]*:/.test(text.slice(range[1], range[1] + 4)) && !setting) {
      // `"dall-e-3": { "standard": 0.04 }`: a key of a data file (a price table, a model list), as in code
      findings.push(
        idFinding(occurrence, 'data-key', 'config', 'manual', `it is a key of a data file (a price table, usage records, a model list): keep it for existing data and add a ${quote(replacementOf(match, options))} entry if the code looks the new model up.`, options, {
          severity: 'warning',
        }),
      );
    } else if (!setting || setting.end !== range[1]) {
      findings.push(idFinding(occurrence, 'config', 'config', 'manual', 'it is part of a longer value or a list; edit it by hand.', options));
    } else if (azureSignals.names.test(setting.key)) {
      const mapped = options.azureDeploymentMap[match.spelled];
      findings.push(
        mapped
          ? (() => {
              const finding = idFinding(occurrence, 'deployment', 'azure', 'auto', `the Azure deployment setting ${setting.key}, mapped by --azure-deployment-map`, options);
              // the message says what the edit writes: the deployment the map names, not the target model
              return { ...finding, message: finding.message.replace(/Rewrites it to '[^']*'\.$/, `Rewrites it to the deployment '${mapped}'.`), edits: [{ start: range[0], end: range[1], text: mapped }] };
            })()
          : {
              ...idFinding(occurrence, 'deployment', 'azure', 'manual', `${setting.key} names an Azure deployment you chose (or the model of one), not a model id to rename: create a gpt-image-2 deployment and point ${setting.key} at it (or use --azure-deployment-map).`, options),
              bindings: ENV_NAME.test(setting.key) ? [{ key: `env:${setting.key}`, role: 'blocks' as const }] : undefined,
            },
      );
    } else if (kind === 'shell' && scriptSends(text, setting.key)) {
      // `MODEL=gpt-image-1` … `curl https://api.openai.com/v1/images/generations -d "{\"model\": \"$MODEL\"}"`
      findings.push({
        ...idFinding(occurrence, 'config', 'config', 'auto', `the value of ${setting.key}, which this script sends to ${scriptSends(text, setting.key)}`, options),
        bindings: [{ key: `env:${setting.key}`, role: 'feeds' }],
      });
    } else if (ENV_NAME.test(setting.key) && ENV_KINDS.has(kind)) {
      // an environment variable: changed when the code that reads it sends a known provider's request (the CLI decides, over the repository)
      findings.push({
        ...idFinding(occurrence, 'config', 'config', 'manual', `${setting.key} is not seen reaching a request of a known provider; if it names the model to call, use '${options.target}'.`, options, {
          suggestion: { description: `Replace with '${replacementOf(match, options)}'`, edits: [{ start: range[0], end: range[1], text: replacementOf(match, options) }] },
        }),
        bindings: [{ key: `env:${setting.key}`, role: 'pending' }],
      });
    } else {
      findings.push(
        idFinding(occurrence, 'config', 'config', 'manual', `the value of ${setting.key} is a setting this tool cannot follow to a request; if it names the model to call, use '${replacementOf(match, options)}'.`, options, {
          suggestion: { description: `Replace with '${replacementOf(match, options)}'`, edits: [{ start: range[0], end: range[1], text: replacementOf(match, options) }] },
        }),
      );
    }
  }
  // an Azure deployment setting whose name starts with a retired id (`AZURE_OPENAI_IMAGE_DEPLOYMENT=gpt-image-1-prod`)
  for (const [start, { key, end }] of settings) {
    if (!azureSignals.names.test(key)) continue;
    const value = text.slice(start, end);
    const named = NAMED_DEPLOYMENT.exec(value);
    const match = named ? matchRetiredId(named[1]!) : null;
    if (!match || matchRetiredId(value)) continue;
    const range = [start, start + named![1]!.length] as const;
    findings.push({
      ...idFinding({ match, range, idRange: range }, 'deployment', 'azure', 'manual', `${key} names the Azure deployment '${value}', named after a retired model: if it serves that model, create a gpt-image-2 deployment and point ${key} at it (or use --azure-deployment-map ${value}=<new deployment>).`, options, { severity: 'warning' }),
      bindings: ENV_NAME.test(key) ? [{ key: `env:${key}`, role: 'blocks' as const }] : undefined,
    });
  }
  return findings.sort((a, b) => a.range[0] - b.range[0]);
}

/** Kinds whose `#` starts a comment. */
const COMMENT_KINDS = new Set<TextFileKind>(['env', 'yaml', 'toml', 'shell', 'dockerfile']);

/** Whether `at` is inside a `#` comment: a `#` at the start of its line or after whitespace, before it. */
function inComment(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /(?:^|\s)#/.test(text.slice(lineStart, at));
}

/** A deployment name that starts with a retired id and goes on (`gpt-image-1-prod`, `dall-e-3_eastus`). */
const NAMED_DEPLOYMENT = new RegExp(
  `^(${plainRetiredIdSource})[-_.]\\w`,
);

/**
 * The known provider host a shell script sends `$KEY` to: the script reads
 * the variable and names exactly one such host (and no Azure or other
 * vendor's host), as a smoke test's `curl` does. Null otherwise.
 */
function scriptSends(text: string, key: string): string | null {
  if (!new RegExp(`\\$\\{?${key}\\b`).test(text)) return null;
  const urls = [...text.matchAll(/https?:\/\/[^\s"'$]+/g)].map((m) => m[0]);
  const surfaces = new Set(urls.map((url) => surfaceOfUrl(url)).filter((id): id is SurfaceId => id !== null));
  if (surfaces.size !== 1 || urls.some((url) => foreignVendor(url))) return null;
  const [surface] = surfaces;
  if (surfaces.has('azure')) return null;
  return urls.find((url) => surfaceOfUrl(url) === surface) ?? null;
}

/** Committed build output: every id it names, reported where it is; the build is redone from the fixed source. */
export function planBuildOutput(text: string, options: MigrationOptions, context: FileContext): Finding[] {
  const findings = [...text.matchAll(TOKEN)].map((found) => {
    const match = matchRetiredId(found[0])!;
    const range = [found.index, found.index + found[0].length] as const;
    return idFinding({ match, range, idRange: range }, 'stored-value', 'unknown', 'manual', 'it is in compiled or bundled code.', options);
  });
  return gateByRole(allowed(findings, options), roleOf(context, text));
}

/**
 * What a snapshot records pins the files its test imports (`__snapshots__/x.test.ts.snap`
 * belongs to `x.test.ts`); when that test is not found, the whole package.
 */
function snapshotLinks(text: string, context: FileContext): Link[] {
  const { fileName, project } = context;
  const test = fileName ? fileName.replace(/[\\/]__snapshots__([\\/][^\\/]+)\.snap$/, '$1') : null;
  const pinned = fileName && project && test && test !== fileName && existsSync(test) ? project.importClosure(test) : null;
  const root = fileName && project ? project.packageRoot(fileName) : '';
  return [...text.matchAll(TOKEN)].flatMap((found) => {
    const range = [found.index, found.index + found[0].length] as const;
    const why = `a test snapshot records '${found[0]}'`;
    return pinned ? pinned.map((file) => ({ key: assertedKey(file, found[0]), role: 'blocks' as const, range, why })) : [{ key: packageAssertedKey(root, found[0]), role: 'blocks' as const, range, why }];
  });
}

/** Where a mention no planner reported stands, and so what it is: its role, why, and how loud. */
export interface MentionPlace {
  readonly role: 'stored-value' | 'other';
  readonly why: string;
  readonly severity: 'info' | 'warning';
}

/**
 * Every retired id of `text` that no finding of `covered` reaches, placed by `where`: the safety net that
 * keeps a file's report whole where its planner reads only part of it (a notebook's code and Markdown
 * cells, not its recorded outputs). Never rewritten.
 */
export function leftoverMentions(text: string, covered: readonly Finding[], where: (offset: number) => MentionPlace | null, options: MigrationOptions): Finding[] {
  const findings: Finding[] = [];
  for (const { match, range } of uncoveredIds(text, covered)) {
    const place = where(range[0]);
    if (place) findings.push(idFinding({ match, range, idRange: range }, place.role, 'unknown', 'manual', place.why, options, { severity: place.severity }));
  }
  return allowed(findings, options);
}

/**
 * Bicep (`*.bicep`, `*.bicepparam`): Azure's infrastructure as code, where an azd template declares the
 * image model's deployment (`model: { format: 'OpenAI', name: 'gpt-image-1', version: ... }`) and often
 * names the deployment after it. Every id is reported with the Azure guidance, never rewritten: the new
 * deployment needs its own model version and capacity, and the app settings that name it change with it.
 * A comment's mention is info.
 */
function planInfrastructure(text: string, options: MigrationOptions): Finding[] {
  return [...text.matchAll(TOKEN)].map((found) => {
    const match = matchRetiredId(found[0])!;
    const range = [found.index, found.index + found[0].length] as const;
    const line = text.slice(text.lastIndexOf('\n', found.index - 1) + 1, found.index);
    if (/\/\/|^\s*\*|\/\*/.test(line)) {
      return idFinding({ match, range, idRange: range }, 'doc', 'azure', 'manual', 'a comment of infrastructure code; update it when the deployment has moved.', options, { severity: 'info' });
    }
    return idFinding(
      { match, range, idRange: range },
      'deployment',
      'azure',
      'manual',
      `infrastructure code (Bicep) that deploys the model or names its deployment: deploy ${replacementOf(match, options)} with its own model version (and a deployment of its own name), then point the app settings that name the deployment at it.`,
      options,
    );
  });
}

/** A test snapshot (`*.snap`): what a test expects, recorded; reported, never rewritten. */
function planStored(text: string, options: MigrationOptions): Finding[] {
  return [...text.matchAll(TOKEN)].map((found) => {
    const match = matchRetiredId(found[0])!;
    const range = [found.index, found.index + found[0].length] as const;
    return idFinding({ match, range, idRange: range }, 'stored-value', 'unknown', 'manual', 'a test snapshot records what the code returned; update it (run the tests with -u) once the code has moved.', options, {
      severity: 'warning',
    });
  });
}

/** Every mention in prose: info, never rewritten. */
function planProse(kind: 'docs', text: string, options: MigrationOptions, fileName: string | null = null): Finding[] {
  const findings: Finding[] = [];
  const changelog = isChangelog(fileName ?? '');
  for (const found of text.matchAll(TOKEN)) {
    const match = matchRetiredId(found[0])!;
    const range = [found.index, found.index + found[0].length] as const;
    const why = changelog
      ? 'a changelog records what happened: keep it as it was written.'
      : 'documentation is reported, never rewritten; update the prose when the code has moved.';
    findings.push(idFinding({ match, range, idRange: range }, 'doc', 'docs', 'manual', why, options, { severity: 'info' }));
  }
  // a model inside an endpoint's URL or path (`/openai/deployments/gpt-image-1/images/generations`, `fal.run/fal-ai/gpt-image-1/…`)
  for (const found of text.matchAll(ENDPOINT_PATH)) {
    const spelled = (found.groups!.azure ?? found.groups!.fal ?? found.groups!.replicate)!;
    const match = matchRetiredId(spelled);
    if (!match) continue;
    const at = found.index + found[0].lastIndexOf(spelled);
    const range = [at, at + spelled.length] as const;
    const where = found[0].includes('/deployments/') ? 'an Azure deployment in an endpoint path (a name you chose: point it at a gpt-image-2 deployment)' : 'the model in an endpoint URL';
    findings.push(idFinding({ match, range, idRange: range }, 'doc', 'docs', 'manual', `${where}; documentation is reported, never rewritten.`, options, { severity: 'info' }));
  }
  return findings.sort((a, b) => a.range[0] - b.range[0]);
}

/** The model segment of an endpoint path in prose: Azure's deployments, fal's REST host, Replicate's models. */
const ENDPOINT_PATH = /\/openai\/deployments\/(?<azure>[\w-]+(?:\.[\w-]+)*)(?=[/?#`'"\s),.]|$)|fal\.run\/(?<fal>[\w-]+(?:\.[\w-]+)*\/[\w-]+(?:\.[\w-]+)*(?:\/[\w-]+(?:\.[\w-]+)*)?)(?=[/?#`'"\s),.]|$)|api\.replicate\.com\/v1\/models\/(?<replicate>[\w-]+(?:\.[\w-]+)*\/[\w-]+(?:\.[\w-]+)*)\/predictions/gm;

/** The ranges of a YAML text's block scalars: the lines after `key: |` or `- >` indented deeper than it. */
function blockScalars(text: string): [number, number][] {
  const out: [number, number][] = [];
  const opener = /^([ \t]*)(?:-[ \t]+)?(?:[^\n:#]+:[ \t]*)?[|>][-+0-9]*[ \t]*(?:#.*)?$/gm;
  for (const found of text.matchAll(opener)) {
    const indent = found[1]!.length;
    const start = found.index + found[0].length + 1;
    let end = start;
    const line = /^([ \t]*)(\S?).*$/gm;
    line.lastIndex = start;
    for (let next = line.exec(text); next && next.index < text.length; next = line.exec(text)) {
      if (next[2] && next[1]!.length <= indent) break;
      end = next.index + next[0].length;
      if (line.lastIndex === next.index) line.lastIndex++;
    }
    if (end > start) out.push([start, end]);
  }
  return out;
}

/**
 * Whether an id sits in running text: at least three words on each side
 * within its line (`This cookbook shows gpt-image-1.5 edits with masks`),
 * not a list (`[gpt-image-1, dall-e-3]`) or a value with a suffix.
 */
function inProse(text: string, range: readonly [number, number]): boolean {
  const lineStart = text.lastIndexOf('\n', range[0] - 1) + 1;
  const lineEnd = text.indexOf('\n', range[1]);
  const before = text.slice(lineStart, range[0]);
  const after = text.slice(range[1], lineEnd < 0 ? text.length : lineEnd);
  const words = (part: string) => (part.match(/[A-Za-z][a-z]+(?=[\s,.;:!?]|$)/g) ?? []).length;
  return / $/.test(before) && /^[ ,.;:!?]/.test(after) && words(before) + words(after) >= 4 && words(before) >= 1 && words(after) >= 1;
}
