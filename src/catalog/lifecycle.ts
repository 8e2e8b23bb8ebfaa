/**
 * The catalog as one table of models, for `gpt-image-migrate models`: every
 * retired and current id with its status on a date, shutdown date,
 * replacement, what the vendor recommends and the public source of each.
 * Pure: the dates a run uses (the catalog's, a `--catalog` file's, the
 * vendor's with `--dates live`) come in as overrides.
 */
import { retiredModels } from './models.js';
import { sources, type PublicSource } from './sources.js';
import { DEFAULT_TARGET, targetModels } from './targets.js';
import { byCodeUnits } from '../text/order.js';

export type ModelStatus = 'shut down' | 'retiring' | 'current';

export interface ModelRow {
  readonly id: string;
  /** Other spellings (dated snapshots, Azure model versions). */
  readonly aliases: readonly string[];
  readonly status: ModelStatus;
  /** ISO date from which calls fail, or null when none is announced. */
  readonly shutdownDate: string | null;
  /** What `fix` moves calls to (our default; `--target` picks another), or null for a current model. */
  readonly replacement: string | null;
  /** What the vendor recommends instead, in its words, or null. */
  readonly recommended: string | null;
  /** For a current model: what it is (a snapshot, the default target). */
  readonly note: string;
  readonly sources: readonly PublicSource[];
  /** Where the shutdown date comes from when it is not the built-in catalog's. */
  readonly dateFrom: string | null;
}

/** A shutdown date that replaces the catalog's, with where it comes from. */
export interface DateOverride {
  readonly date: string | null;
  readonly from: string;
  /** Where the override's date was read, listed beside the catalog's sources. */
  readonly source?: PublicSource;
  readonly recommended?: string;
}

export function statusOn(shutdownDate: string | null, now: Date): ModelStatus {
  if (shutdownDate === null) return 'current';
  return Date.parse(`${shutdownDate}T00:00:00Z`) <= Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) ? 'shut down' : 'retiring';
}

/** Every model of the catalog, retired ones first (by shutdown date), then the current ones. */
export function modelRows(now: Date, overrides: Readonly<Record<string, DateOverride>> = {}): ModelRow[] {
  const retired = retiredModels.map((model): ModelRow => {
    const override = overrides[model.id];
    const shutdownDate = override ? override.date : model.shutdownDate;
    return {
      id: model.id,
      aliases: model.aliases,
      status: statusOn(shutdownDate, now),
      shutdownDate,
      replacement: model.replacement,
      recommended: override?.recommended ?? model.recommended,
      note: '',
      sources: override?.source ? [override.source, ...model.source.refs] : model.source.refs,
      dateFrom: override?.from ?? null,
    };
  });
  const current = targetModels.map((target): ModelRow => {
    const override = overrides[target.id];
    const shutdownDate = override?.date ?? null;
    return {
      id: target.id,
      aliases: [],
      status: statusOn(shutdownDate, now),
      shutdownDate,
      replacement: null,
      recommended: override?.recommended ?? null,
      note: target.id === DEFAULT_TARGET ? `${target.note} (a product decision)` : target.note,
      sources: [...(override?.source ? [override.source] : []), sources.imagesTypes, ...target.sources.filter((s) => s !== sources.imagesTypes && s !== sources.responsesTypes)],
      dateFrom: override?.from ?? null,
    };
  });
  return [...retired.sort((a, b) => byCodeUnits(a.shutdownDate ?? '', b.shutdownDate ?? '') || byCodeUnits(a.id, b.id)), ...current];
}

/** One difference between the vendor's shutdown dates and the catalog's. */
export interface DateDifference {
  readonly id: string;
  /** The catalog's date (null: none announced), and the vendor's. */
  readonly catalog: string | null;
  readonly vendor: string | null;
}

/** The vendor's view of one model: listed with a date, listed without one, or not listed. */
export type VendorDates = ReadonlyMap<string, string | null>;

/**
 * Where the vendor's dates differ from the catalog's, by canonical id (an
 * alias the vendor lists counts for its model). A model the vendor does not
 * list is not a difference: shut-down models leave the list.
 */
export function dateDifferences(rows: readonly ModelRow[], vendor: VendorDates): { differences: DateDifference[]; unlisted: string[] } {
  const differences: DateDifference[] = [];
  const unlisted: string[] = [];
  for (const row of rows) {
    const listed = [row.id, ...row.aliases].find((id) => vendor.has(id));
    if (listed === undefined) {
      unlisted.push(row.id);
      continue;
    }
    const date = vendor.get(listed) ?? null;
    if (date !== row.shutdownDate) differences.push({ id: row.id, catalog: row.shutdownDate, vendor: date });
  }
  return { differences, unlisted };
}
