// Long-format rows: one per item × annotator × dimension (CONTRACTS §4 `medco export`), the shape
// statistics packages (R, pandas) read directly. A "not assessable" rating is a row with value
// null, so that missingness stays visible in the export.
import type { AnnotationFile } from '../types';
import { type ItemMetaLookup, itemMetaFromId } from '../stats/itemMeta';
import { discoverDimensions } from '../stats/ratingTable';

export interface LongRow {
  dataset: string;
  itemId: string;
  lang: string;
  task: string;
  annotator: string;
  dimension: string;
  value: number | null;
  revision: number | null;
  updatedAt: string | null;
  durationMs: number | null;
  flags: string[];
}

export const LONG_COLUMNS: readonly (keyof LongRow)[] = [
  'dataset', 'itemId', 'lang', 'task', 'annotator', 'dimension', 'value', 'revision', 'updatedAt', 'durationMs', 'flags',
];

export function longFormatRows(
  files: readonly AnnotationFile[],
  options: { dimensions?: readonly string[]; itemMeta?: ItemMetaLookup } = {},
): LongRow[] {
  const itemMeta = options.itemMeta ?? itemMetaFromId;
  const dimensions = options.dimensions ?? discoverDimensions(files);
  const rows: LongRow[] = [];
  const sorted = [...files].sort((a, b) => a.dataset.localeCompare(b.dataset) || a.annotator.id.localeCompare(b.annotator.id));
  for (const file of sorted) {
    for (const itemId of Object.keys(file.items ?? {}).sort()) {
      const entry = file.items[itemId];
      const { lang, task } = itemMeta(itemId);
      const flags = Array.isArray(entry?.rating?.flags) ? entry.rating.flags.filter((f): f is string => typeof f === 'string') : [];
      for (const dimension of dimensions) {
        const raw = entry?.rating?.[dimension];
        rows.push({
          dataset: file.dataset,
          itemId,
          lang,
          task,
          annotator: file.annotator.id,
          dimension,
          value: typeof raw === 'number' && Number.isFinite(raw) ? raw : null,
          revision: typeof entry?.revision === 'number' ? entry.revision : null,
          updatedAt: typeof entry?.updatedAt === 'string' ? entry.updatedAt : null,
          durationMs: typeof entry?.durationMs === 'number' ? entry.durationMs : null,
          flags,
        });
      }
    }
  }
  return rows;
}
