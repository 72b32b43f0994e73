// What a saved rubric value is, for statistics and exports. One rule everywhere (stats, export,
// dashboard): an integer on the rubric's scale is `rated`; `null` is `not_assessable`; a missing
// key is `unrated`; anything else (7 on a 1–5 scale, 3.5, "4", a gold value 9 hand-edited into
// `_adjudication.json`) is `invalid` and is left out of every statistic, named in the notes.

export type RatingStatus = 'rated' | 'not_assessable' | 'unrated' | 'invalid';

export interface Scale {
  min: number;
  max: number;
}

/** The built-in rubric's scale, used for dimensions no rubric describes. */
export const DEFAULT_SCALE: Scale = { min: 1, max: 5 };

/**
 * The most points a rubric scale may have (0–100 is the widest). Agreement tables are q × q per
 * pair of annotators, so a 1–20000 scale would need gigabytes; 101 points keep them small.
 */
export const MAX_SCALE_POINTS = 101;

export function ratingStatus(raw: unknown, scale: Scale): RatingStatus {
  if (raw === undefined) return 'unrated';
  if (raw === null) return 'not_assessable';
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= scale.min && raw <= scale.max ? 'rated' : 'invalid';
}

/** Why a value is invalid, for messages ("7 is outside the scale 1–5"). */
export function invalidReason(raw: unknown, scale: Scale): string {
  const shown = JSON.stringify(raw) ?? String(raw);
  if (typeof raw !== 'number') return `${shown} is not a number`;
  if (!Number.isInteger(raw)) return `${shown} is not an integer`;
  return `${shown} is outside the scale ${scale.min}–${scale.max}`;
}

/** Problems of a rubric's scales that statistics cannot work with (empty when fine). */
export function scaleProblems(dimensions: ReadonlyArray<{ id: string; min: number; max: number }>): { index: number; message: string }[] {
  const out: { index: number; message: string }[] = [];
  dimensions.forEach((d, index) => {
    if (!Number.isInteger(d.min) || !Number.isInteger(d.max)) {
      out.push({ index, message: `dimension "${d.id}": min and max must be integers (got ${d.min}–${d.max})` });
    } else if (d.max - d.min + 1 > MAX_SCALE_POINTS) {
      out.push({ index, message: `dimension "${d.id}": the scale ${d.min}–${d.max} has ${d.max - d.min + 1} points; at most ${MAX_SCALE_POINTS} are supported` });
    }
  });
  return out;
}

/** A value left out of the statistics, with where it is. */
export interface InvalidValue {
  /** The file holding it (an annotator file or `_adjudication.json`). */
  file: string;
  itemId: string;
  dimension: string;
  /** The annotator, or "gold" for a value of the adjudication file. */
  annotator: string;
  value: unknown;
  reason: string;
}

export function formatInvalidValue(v: InvalidValue): string {
  const who = v.annotator === 'gold' ? 'gold value' : `${v.annotator}'s value`;
  return `${v.file}: item ${v.itemId}, ${v.dimension}: ${who} ${v.reason}; left out of every statistic`;
}

/** The scale of each dimension of a statistics document (its `scale` lists every category). */
export function scalesOfStats(dimensions: Record<string, { scale: number[] }>): Map<string, Scale> {
  return new Map(Object.entries(dimensions).map(([id, d]) => [id, { min: d.scale[0], max: d.scale[d.scale.length - 1] }]));
}

/**
 * The invalid values of one annotator file against a rubric's dimensions (a hand-edited 7 on 1–5).
 * `medco rate` keeps them (they are the annotator's record) but says so after every save.
 */
export function invalidValuesOfFile(
  file: { annotator: { id: string }; items?: Record<string, { rating?: Record<string, unknown> } | undefined> },
  source: string,
  dimensions: ReadonlyArray<{ id: string; min: number; max: number }>,
): InvalidValue[] {
  const out: InvalidValue[] = [];
  for (const [itemId, entry] of Object.entries(file.items ?? {})) {
    for (const dim of dimensions) {
      const value: unknown = entry?.rating?.[dim.id];
      if (ratingStatus(value, dim) === 'invalid') {
        out.push({ file: source, itemId, dimension: dim.id, annotator: file.annotator.id, value, reason: invalidReason(value, dim) });
      }
    }
  }
  return out;
}
