/**
 * A catalog file (`--catalog FILE`, or `catalog` in the config file): rows
 * that override the built-in lifecycle's shutdown dates, validated by
 * schema/catalog.schema.json. Read synchronously so the CLI, the ESLint
 * rules and jscodeshift (which all read the config file) see the same dates.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { matchRetiredId, OptionError, targetModel, type PublicSource } from './catalog/index.js';
import type { DateOverride } from './catalog/lifecycle.js';
import { packageFile } from './package-info.js';

export interface CatalogFile {
  readonly file: string;
  /** Retired models' dates for severity, by canonical id. */
  readonly shutdownDates: Readonly<Record<string, string>>;
  /** Every row, by canonical id, for `models`. */
  readonly overrides: Readonly<Record<string, DateOverride & { readonly source: PublicSource; readonly recommended?: string }>>;
  /** Current models the file gives a shutdown date: shown by `models`, not yet flagged in code. */
  readonly currentWithDates: readonly string[];
}

const require = createRequire(import.meta.url);
type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] | null };
let validate: Validate | undefined;

function validator(): Validate {
  if (validate) return validate;
  // ajv is loaded only when a catalog file is given
  const Ajv = require('ajv') as { default?: new (options: object) => { compile(schema: object): Validate } } & (new (options: object) => { compile(schema: object): Validate });
  const AjvClass = Ajv.default ?? Ajv;
  const schema = JSON.parse(readFileSync(packageFile('schema/catalog.schema.json'), 'utf8')) as object;
  validate = new AjvClass({ allErrors: true, strict: false }).compile(schema);
  return validate;
}

/** Reads and checks a catalog file; every problem is an OptionError naming the file and the row. */
export function loadCatalogFile(file: string, shownAs = file): CatalogFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new OptionError(`catalog (--catalog): cannot read ${shownAs}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new OptionError(`catalog (--catalog): ${shownAs} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const check = validator();
  if (!check(data)) {
    const problems = (check.errors ?? []).map((e) => `${e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'the file'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` ('${String(e.params.additionalProperty)}')` : ''}`);
    throw new OptionError(`catalog (--catalog): ${shownAs} does not match schema/catalog.schema.json: ${problems.join('; ')}`);
  }
  const rows = (data as { models: { id: string; shutdownDate: string; recommended?: string; source: { title?: string; url: string; retrieved: string } }[] }).models;
  const shutdownDates: Record<string, string> = {};
  const overrides: Record<string, DateOverride & { source: PublicSource; recommended?: string }> = {};
  const currentWithDates: string[] = [];
  for (const [i, row] of rows.entries()) {
    const retired = matchRetiredId(row.id);
    const current = targetModel(row.id);
    if (!retired && !current) {
      throw new OptionError(
        `catalog (--catalog): ${shownAs}: models.${i}.id '${row.id}' is not a model the catalog knows (\`gpt-image-migrate models\` lists them); a catalog file changes the dates of known models`,
      );
    }
    const date = new Date(`${row.shutdownDate}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== row.shutdownDate) {
      throw new OptionError(`catalog (--catalog): ${shownAs}: models.${i}.shutdownDate '${row.shutdownDate}' is not a real date`);
    }
    const id = retired ? retired.model.id : current!.id;
    const source: PublicSource = { title: row.source.title ?? row.source.url, url: row.source.url, retrieved: row.source.retrieved, kind: 'third-party' };
    overrides[id] = { date: row.shutdownDate, from: path.basename(shownAs), source, ...(row.recommended ? { recommended: row.recommended } : {}) };
    if (retired) shutdownDates[id] = row.shutdownDate;
    else currentWithDates.push(id);
  }
  return { file, shutdownDates, overrides, currentWithDates };
}
