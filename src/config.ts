/**
 * The project's config file, read the same way by the CLI and by the ESLint
 * rules, so lint and audit see the same user surfaces, allowed ids, target
 * and maps. Found by searching up from the scanned directory (or the linted
 * file) with lilconfig: `gpt-image-migrate.config.json`, `.gpt-image-migraterc`
 * (JSON), `.gpt-image-migraterc.json`, `gpt-image-migrate.config.cjs`, or a
 * "gpt-image-migrate" key in package.json.
 */
import { lilconfigSync, type LilconfigResult } from 'lilconfig';
import path from 'node:path';
import { OptionError, type MigrationOptionsInput } from './catalog/index.js';
import { loadCatalogFile } from './catalog-file.js';

const NAME = 'gpt-image-migrate';

export const CONFIG_FILES = [
  'package.json',
  `${NAME}.config.json`,
  `.${NAME}rc`,
  `.${NAME}rc.json`,
  `${NAME}.config.cjs`,
];

const KEYS = new Set(['now', 'target', 'tierMap', 'allow', 'surfaces', 'azureDeploymentMap', 'catalog']);

const searcher = lilconfigSync(NAME, {
  searchPlaces: CONFIG_FILES,
  packageProp: NAME,
  loaders: { noExt: (filepath, content) => parseJson(filepath, content), '.json': (filepath, content) => parseJson(filepath, content) },
});

export interface LoadedConfig {
  readonly file: string | null;
  readonly options: MigrationOptionsInput;
  /** The catalog file the config names, resolved. */
  readonly catalogFile?: string;
}

/** The config that applies to `from` (a directory or a file), or an empty one. Throws OptionError on a bad file. */
export function loadConfig(from: string, explicitFile?: string): LoadedConfig {
  let result: LilconfigResult;
  try {
    result = explicitFile ? searcher.load(path.resolve(explicitFile)) : searcher.search(from);
  } catch (error) {
    if (error instanceof OptionError) throw error;
    const file = explicitFile ?? 'the config file';
    throw new OptionError(`${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (!result || result.isEmpty) return { file: result?.filepath ?? null, options: {} };
  const config = result.config as unknown;
  const where = path.relative(process.cwd(), result.filepath) || result.filepath;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new OptionError(`${where}: the config must be an object of options (${[...KEYS].join(', ')})`);
  }
  const unknown = Object.keys(config).filter((key) => !KEYS.has(key));
  if (unknown.length > 0) throw new OptionError(`${where}: unknown option ${unknown.map((k) => `'${k}'`).join(', ')} (known: ${[...KEYS].join(', ')})`);
  const { catalog, ...options } = config as MigrationOptionsInput & { catalog?: unknown };
  if (catalog === undefined) return { file: result.filepath, options };
  if (typeof catalog !== 'string' || catalog === '') throw new OptionError(`${where}: 'catalog' must be the path of a catalog file (schema/catalog.schema.json), relative to the config file`);
  // a catalog file's dates reach every face that reads this config: the CLI, the ESLint rules, jscodeshift
  const file = path.resolve(path.dirname(result.filepath), catalog);
  const loaded = loadCatalogFile(file, path.relative(process.cwd(), file) || file);
  return { file: result.filepath, options: { ...options, shutdownDates: { ...loaded.shutdownDates, ...options.shutdownDates } }, catalogFile: file };
}

function parseJson(filepath: string, content: string): unknown {
  try {
    return JSON.parse(content);
  } catch (error) {
    throw new OptionError(`${path.basename(filepath)} is not valid JSON: ${(error as Error).message}`);
  }
}
