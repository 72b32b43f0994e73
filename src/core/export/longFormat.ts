// Long-format rows: one per item × annotator × dimension (docs/formats.md §4 `medco export`, columns of
// docs/formats.md §8), the shape statistics packages (R, pandas) read directly. `status` says what an
// empty value means: `not_assessable` (saved null), `unrated` (no value saved for the dimension)
// or `invalid` (a saved value off the rubric's scale, left out of the statistics); `value` is
// set only for `rated` rows, so a script summing `value` never uses an invalid one.
import type { AdjudicationFile, AnnotationFile } from '../types';
import { type ItemMetaLookup, itemMetaFromId } from '../stats/itemMeta';
import { DEFAULT_SCALE, type RatingStatus, type Scale, ratingStatus } from '../stats/ratingValue';
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
  status: RatingStatus;
  role: string | null;
  traceId: string | null;
  /** Pipeline configuration and round of the rated trace, when a traces file holds it. */
  config: string | null;
  round: number | null;
  /** The item's trace changed since the rating (needs a traces file; null without one). */
  stale: boolean | null;
  /** The adjudicated value of this item and dimension, when there is a valid one. */
  gold: number | null;
  /** The annotator's free-text comment on the item (the same on every row of the entry). */
  comment: string | null;
  /** The model of the rated trace (`config.model`), when a traces file holds it. */
  model: string | null;
}

/** Today's columns first, in their order; the docs/formats.md §8 additions after them. */
export const LONG_COLUMNS: readonly (keyof LongRow)[] = [
  'dataset', 'itemId', 'lang', 'task', 'annotator', 'dimension', 'value', 'revision', 'updatedAt', 'durationMs', 'flags',
  'status', 'role', 'traceId', 'config', 'round', 'stale', 'gold', 'comment', 'model',
];

/** What a traces file says about an item's current trace. */
export interface CurrentTrace {
  id: string;
  sha256: string;
  config: string | null;
  round: number | null;
  /** `config.model` of the trace, when it names one. */
  model?: string | null;
}

export interface LongFormatOptions {
  dimensions?: readonly string[];
  itemMeta?: ItemMetaLookup;
  /** Scale per dimension (default 1–5): decides `rated` vs `invalid`. */
  scales?: ReadonlyMap<string, Scale>;
  /** Dataset → its adjudication file, for the `gold` column. */
  adjudications?: ReadonlyMap<string, AdjudicationFile>;
  /** Item id → its current trace, for `config`, `round` and `stale`. */
  traces?: ReadonlyMap<string, CurrentTrace>;
}

function goldValue(adjudication: AdjudicationFile | undefined, itemId: string, dimension: string, scale: Scale): number | null {
  const decision = adjudication?.items?.[itemId]?.[dimension];
  if (!decision || decision.status !== 'adjudicated') return null;
  return ratingStatus(decision.value, scale) === 'rated' ? decision.value : null;
}

export function longFormatRows(files: readonly AnnotationFile[], options: LongFormatOptions = {}): LongRow[] {
  const itemMeta = options.itemMeta ?? itemMetaFromId;
  const dimensions = options.dimensions ?? discoverDimensions(files);
  const rows: LongRow[] = [];
  const sorted = [...files].sort((a, b) => a.dataset.localeCompare(b.dataset) || a.annotator.id.localeCompare(b.annotator.id));
  for (const file of sorted) {
    const adjudication = options.adjudications?.get(file.dataset);
    const role = typeof file.annotator.role === 'string' ? file.annotator.role : null;
    for (const itemId of Object.keys(file.items ?? {}).sort()) {
      const entry = file.items[itemId];
      const { lang, task } = itemMeta(itemId);
      const comment = typeof entry?.rating?.comment === 'string' && entry.rating.comment !== '' ? entry.rating.comment : null;
      const flags = Array.isArray(entry?.rating?.flags) ? entry.rating.flags.filter((f): f is string => typeof f === 'string') : [];
      const traceId = typeof entry?.traceId === 'string' ? entry.traceId : null;
      const current = options.traces?.get(itemId);
      const ratedTrace = current && traceId !== null && current.id === traceId ? current : undefined;
      const stale = !options.traces ? null : current && typeof entry?.traceSha256 === 'string' ? current.sha256 !== entry.traceSha256 : null;
      for (const dimension of dimensions) {
        const raw: unknown = entry?.rating?.[dimension];
        const scale = options.scales?.get(dimension) ?? DEFAULT_SCALE;
        const status = ratingStatus(raw, scale);
        rows.push({
          dataset: file.dataset,
          itemId,
          lang,
          task,
          annotator: file.annotator.id,
          dimension,
          value: status === 'rated' ? (raw as number) : null,
          revision: typeof entry?.revision === 'number' ? entry.revision : null,
          updatedAt: typeof entry?.updatedAt === 'string' ? entry.updatedAt : null,
          durationMs: typeof entry?.durationMs === 'number' ? entry.durationMs : null,
          flags,
          status,
          role,
          traceId,
          config: ratedTrace?.config ?? null,
          round: ratedTrace?.round ?? null,
          stale,
          gold: goldValue(adjudication, itemId, dimension, scale),
          comment,
          model: ratedTrace?.model ?? null,
        });
      }
    }
  }
  return rows;
}
