// Adapter from annotation files (docs/formats.md §3) to one unit × rater matrix per rubric dimension.
// A unit is an item of a dataset; a rater is an annotator id. A dimension value that is not an
// integer (absent, null = "not assessable", or malformed) is missing, never zero.
import type { AnnotationEntry, AnnotationFile } from '../types';
import { type ItemMetaLookup, itemMetaFromId } from './itemMeta';
import { DEFAULT_SCALE, type InvalidValue, type Scale, invalidReason, ratingStatus } from './ratingValue';

export interface UnitRef {
  dataset: string;
  itemId: string;
  lang: string;
  task: string;
}

export interface RatingTable {
  raters: string[];
  units: UnitRef[];
  dimensions: string[];
  /** dimension → units × raters (same order as `units` and `raters`). */
  matrices: Record<string, (number | null)[][]>;
  /** unit index → rater index → the annotation entry (for flags, durations, revisions). */
  entries: (AnnotationEntry | undefined)[][];
  /** Problems found while reading the ratings (not fatal). */
  problems: string[];
  /** Values that are not integers on the dimension's scale: null in `matrices`, listed here. */
  invalid: InvalidValue[];
}

export interface RatingTableOptions {
  dimensions?: readonly string[];
  itemMeta?: ItemMetaLookup;
  /** Scale per dimension (default 1–5): values off it are invalid. */
  scales?: ReadonlyMap<string, Scale>;
  /** The file an annotation file was read from, for messages (default `<dataset>/<annotator>.json`). */
  sourceOf?: (file: AnnotationFile) => string | undefined;
}

export function defaultSourceName(file: AnnotationFile): string {
  return `${file.dataset}/${file.annotator.id}.json`;
}

const NOT_DIMENSIONS = new Set(['flags', 'comment']);

/** Dimensions in the files' ratings: keys whose values are numbers or null. */
export function discoverDimensions(files: readonly AnnotationFile[]): string[] {
  const found = new Set<string>();
  for (const file of files) {
    for (const entry of Object.values(file.items ?? {})) {
      for (const [key, value] of Object.entries(entry?.rating ?? {})) {
        if (!NOT_DIMENSIONS.has(key) && (typeof value === 'number' || value === null)) found.add(key);
      }
    }
  }
  return [...found].sort();
}

export function buildRatingTable(
  files: readonly AnnotationFile[],
  options: RatingTableOptions = {},
): RatingTable {
  const itemMeta = options.itemMeta ?? itemMetaFromId;
  const dimensions = [...(options.dimensions ?? discoverDimensions(files))];
  const raters = [...new Set(files.map((f) => f.annotator.id))].sort();
  const raterIndex = new Map(raters.map((r, i) => [r, i]));
  const unitKeys = new Set<string>();
  const key = (dataset: string, itemId: string) => `${dataset}\u0000${itemId}`;
  for (const file of files) for (const itemId of Object.keys(file.items ?? {})) unitKeys.add(key(file.dataset, itemId));
  const units: UnitRef[] = [...unitKeys].sort().map((k) => {
    const [dataset, itemId] = k.split('\u0000');
    return { dataset, itemId, ...itemMeta(itemId) };
  });
  const unitIndex = new Map(units.map((u, i) => [key(u.dataset, u.itemId), i]));
  const matrices: Record<string, (number | null)[][]> = {};
  for (const dim of dimensions) matrices[dim] = units.map(() => new Array<number | null>(raters.length).fill(null));
  const entries = units.map(() => new Array<AnnotationEntry | undefined>(raters.length).fill(undefined));
  const problems: string[] = [];
  const invalid: InvalidValue[] = [];
  for (const file of files) {
    const r = raterIndex.get(file.annotator.id)!;
    const source = options.sourceOf?.(file) ?? defaultSourceName(file);
    for (const [itemId, entry] of Object.entries(file.items ?? {})) {
      const u = unitIndex.get(key(file.dataset, itemId))!;
      if (entries[u][r]) {
        problems.push(`${file.dataset}/${itemId}: annotator ${file.annotator.id} appears in more than one file; the last one read is used`);
      }
      entries[u][r] = entry;
      for (const dim of dimensions) {
        const value: unknown = entry?.rating?.[dim];
        const scale = options.scales?.get(dim) ?? DEFAULT_SCALE;
        const status = ratingStatus(value, scale);
        matrices[dim][u][r] = status === 'rated' ? (value as number) : null;
        if (status === 'invalid') {
          invalid.push({ file: source, itemId, dimension: dim, annotator: file.annotator.id, value, reason: invalidReason(value, scale) });
        }
      }
    }
  }
  return { raters, units, dimensions, matrices, entries, problems, invalid };
}

/** The rows of a matrix for a subset of units. */
export function selectUnits<T>(rows: readonly T[], unitIndices: readonly number[]): T[] {
  return unitIndices.map((u) => rows[u]);
}
