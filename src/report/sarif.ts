/**
 * The report as SARIF 2.1.0, for GitHub code scanning
 * (github/codeql-action/upload-sarif): one `rule` per ESLint rule of the
 * plugin, with its description and doc URL from the rule's `meta.docs`;
 * one `result` per finding with its region; `fixes` carrying the edits of
 * every automatic finding; files that could not be read as notifications.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Fix, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { rules as pluginRules } from '../../rules/index.js';
import { retirementsByDate, type Severity } from '../catalog/index.js';
import type { PricedReport, ReportFinding } from './model.js';
import { roleLabel, surfaceLabel } from './present.js';

export interface SarifOptions {
  /**
   * The directory result paths are relative to: the repository root on
   * GitHub (the workflow's working directory). Default: the report's root.
   */
  readonly srcRoot?: string;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const INFORMATION_URI = 'https://github.com/gpt-image-migrate/gpt-image-migrate';

/** What each rule's help says beyond its one-line description. */
const ruleHelp: Readonly<Record<string, string>> = {
  'no-retired-model':
    `OpenAI shuts its retired image models down on these dates: ${retirementsByDate()}. ` +
    'Calls that name them (or rely on a default that is one of them) fail. `gpt-image-migrate fix` rewrites API arguments and model settings to gpt-image-2; ' +
    'comparisons, data keys, stored values, types and UI values are left for a person, with the reason in the message.',
  'no-legacy-quality':
    "On resolution-tier gateways (Unifically, UniAll) gpt-image-2 takes `resolution` (1K/2K/4K) instead of `quality`; `fix` maps it with the tier map. " +
    "dall-e's `quality: 'hd'`/`'standard'` become `'high'`/`'medium'`.",
  'valid-params':
    'gpt-image-2 rejects `response_format`, `style`, `input_fidelity` and the dall-e-2 sizes 256x256/512x512; `fix` removes or maps them. ' +
    "`background: 'transparent'` and `n > 1` on one-image-per-task gateways need a decision and are only reported.",
};

const level: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(report: PricedReport, options: SarifOptions = {}): string {
  return JSON.stringify(sarifLog(report, options), null, 2) + '\n';
}

function sarifLog(report: PricedReport, options: SarifOptions): Log {
  const srcRoot = path.resolve(options.srcRoot ?? report.root);
  const ruleIds = [...new Set([...Object.keys(pluginRules), ...report.findings.map((f) => f.rule)])];
  const rules = ruleIds.map(ruleDescriptor);
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const location = (file: string): ArtifactLocation => artifactLocation(report.root, srcRoot, file);
  const seen = new Map<string, number>();

  const results = report.findings.map((f): Result => {
    const artifact = location(f.file);
    const fingerprint = fingerprintOf(f, seen);
    return {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule),
      level: level[f.severity],
      kind: 'fail',
      message: { text: messageOf(f) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifact,
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
            contextRegion: { startLine: f.snippet.line, endLine: f.snippet.line + f.snippet.text.split('\n').length - 1, snippet: { text: f.snippet.text } },
          },
        },
      ],
      partialFingerprints: { 'gptImageMigrate/v1': fingerprint },
      ...(f.fix === 'auto' && f.edits.length > 0 ? { fixes: [fixOf(f, artifact)] } : {}),
      properties: {
        fix: f.fix,
        role: f.role,
        roleLabel: roleLabel(f.role),
        surface: f.surface,
        surfaceLabel: surfaceLabel(f.surface),
        ...(f.model ? { model: f.model } : {}),
        tags: ['gpt-image-migrate', f.fix === 'auto' ? 'autofix' : 'manual', f.surface],
      },
    };
  });

  const notifications: Notification[] = [
    ...report.errors.map((e): Notification => ({
      level: 'error',
      message: { text: `${e.file}: ${e.message}` },
      locations: [{ physicalLocation: { artifactLocation: location(e.file) } }],
      descriptor: { id: 'file-not-processed' },
    })),
    ...report.skipped.map((e): Notification => ({
      level: 'note',
      message: { text: `${e.file}: ${e.message}` },
      locations: [{ physicalLocation: { artifactLocation: location(e.file) } }],
      descriptor: { id: 'file-skipped' },
    })),
  ];

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(srcRoot) } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results,
        properties: {
          now: report.now,
          target: report.target,
          summary: report.summary,
          cost: { currency: report.cost.currency, total: report.cost.total, bySurface: report.cost.bySurface },
        },
      },
    ],
  };
}

function ruleDescriptor(id: string): ReportingDescriptor {
  const docs = (pluginRules as Readonly<Record<string, { meta?: { docs?: { description?: string; url?: string } } } | undefined>>)[id]?.meta?.docs;
  const description = docs?.description ?? id;
  const url = docs?.url;
  const extra = ruleHelp[id] ?? '';
  return {
    id,
    name: id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: description },
    fullDescription: { text: extra ? `${description}. ${extra.replace(/`/g, '')}` : description },
    ...(url ? { helpUri: url } : {}),
    help: {
      text: `${description}.${extra ? `\n\n${extra.replace(/`/g, '')}` : ''}${url ? `\n\nDocumentation: ${url}` : ''}`,
      markdown: `**${description}.**${extra ? `\n\n${extra}` : ''}${url ? `\n\n[Documentation](${url})` : ''}`,
    },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['gpt-image-migrate', 'migration', 'openai'], precision: 'very-high' },
  };
}

function messageOf(f: ReportFinding): string {
  if (f.fix === 'auto') return `${f.message} (fixed by \`gpt-image-migrate fix\`)`;
  return f.suggestion ? `${f.message} Suggested: ${f.suggestion}.` : f.message;
}

function fixOf(f: ReportFinding, artifact: ArtifactLocation): Fix {
  return {
    description: {
      text: f.change ? `gpt-image-migrate fix: ${oneLine(f.change.before)} → ${oneLine(f.change.after) || '(removed)'}` : 'gpt-image-migrate fix',
    },
    artifactChanges: [
      {
        artifactLocation: artifact,
        replacements: f.edits.map((e) => ({
          deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn },
          insertedContent: { text: e.text },
        })),
      },
    ],
  };
}

/**
 * Stable across runs while the code line stays the same, wherever it
 * moves: the rule, the file and the finding's own source text, plus a
 * counter for identical lines in one file.
 */
function fingerprintOf(f: ReportFinding, seen: Map<string, number>): string {
  const hash = createHash('sha256').update(`${f.rule}\0${f.file}\0${f.model ?? ''}\0${f.snippet.text.trim()}`).digest('hex').slice(0, 32);
  const count = (seen.get(hash) ?? 0) + 1;
  seen.set(hash, count);
  return `${hash}:${count}`;
}

/** A path under `srcRoot` as a relative URI with the %SRCROOT% base; anything else as an absolute file URI. */
function artifactLocation(root: string, srcRoot: string, file: string): ArtifactLocation {
  const absolute = path.resolve(root, file);
  const relative = path.relative(srcRoot, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s*\r?\n\s*/g, ' ');
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}
