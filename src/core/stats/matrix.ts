// The shape every agreement measure works on: one row per unit (item), one column per rater
// (annotator). `null` is a missing or "not assessable" rating: never zero, never imputed.

export type RatingMatrix = ReadonlyArray<ReadonlyArray<number | null>>;

/** A statistic that may be undefined for the data: then `value` is null and `reason` says why. */
export interface Estimate {
  value: number | null;
  reason?: string;
}

export function defined(value: number): Estimate {
  return Number.isFinite(value) ? { value } : { value: null, reason: 'not a finite number for these data' };
}

export function undefinedBecause(reason: string): Estimate {
  return { value: null, reason };
}

/** The non-null values of one row. */
export function presentValues(row: ReadonlyArray<number | null>): number[] {
  const out: number[] = [];
  for (const v of row) if (v !== null) out.push(v);
  return out;
}

/** Sorted distinct values in the matrix. */
export function observedCategories(matrix: RatingMatrix): number[] {
  const set = new Set<number>();
  for (const row of matrix) for (const v of row) if (v !== null) set.add(v);
  return [...set].sort((a, b) => a - b);
}

/** Integer categories min..max of a rubric scale, merged with any observed values outside it. */
export function scaleCategories(min: number, max: number, observed: readonly number[] = []): number[] {
  const set = new Set<number>(observed);
  for (let v = min; v <= max; v++) set.add(v);
  return [...set].sort((a, b) => a - b);
}
