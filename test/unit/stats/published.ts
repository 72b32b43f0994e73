// Reliability data published in the literature, shared by the statistics tests.

const _ = null;

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example of nominal data,
 * any number of observers, missing data: 4 observers × 12 units, values 1–5 with gaps.
 * Rows are observers A–D as printed; `byUnit` turns them into our unit × rater orientation.
 * The same data are Gwet (2014) "Handbook of Inter-Rater Reliability" p. 120 (irrCAC's cac.raw4raters).
 */
export const KRIPPENDORFF_2011_OBSERVERS: (number | null)[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

export function byUnit(observers: (number | null)[][]): (number | null)[][] {
  return observers[0].map((_v, u) => observers.map((row) => row[u]));
}

/** Expands a 2-rater contingency table (categories 1..q) into unit × rater rows. */
export function rowsFromTable(table: number[][]): (number | null)[][] {
  const rows: (number | null)[][] = [];
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let c = 0; c < count; c++) rows.push([i + 1, j + 1]);
    }),
  );
  return rows;
}

/**
 * irrCAC vignette "Calculating Chance-corrected Agreement Coefficients" (Gwet), dataset
 * cont3x3abstractors: 100 pregnant women classified by 2 abstractors (Ectopic, AIU, NIU).
 * Published: Cohen's kappa 0.7964094, Gwet's AC1 0.8493305, Krippendorff's alpha 0.7972585.
 */
export const CONT3X3_ABSTRACTORS = [
  [13, 0, 0],
  [0, 20, 7],
  [0, 4, 56],
];

/**
 * irrCAC README (Gwet), dataset distrib.6raters: 15 psychiatric patients, each classified by
 * 6 psychiatrists into Depression, Personality Disorder, Schizophrenia, Neurosis, Other (counts).
 * Published: Gwet's AC1 0.4448007, Fleiss' kappa 0.4139265, Krippendorff's alpha 0.4204384.
 */
export const DISTRIB_6RATERS = [
  [0, 0, 0, 6, 0],
  [0, 3, 0, 0, 3],
  [0, 1, 4, 0, 1],
  [0, 0, 0, 0, 6],
  [0, 3, 0, 3, 0],
  [2, 0, 4, 0, 0],
  [0, 0, 4, 0, 2],
  [2, 0, 3, 1, 0],
  [2, 0, 0, 4, 0],
  [0, 0, 0, 0, 6],
  [1, 0, 0, 5, 0],
  [1, 1, 0, 4, 0],
  [0, 3, 3, 0, 0],
  [1, 0, 0, 5, 0],
  [0, 2, 0, 3, 1],
];

/** Spreads per-subject category counts (categories 1..q) over rater columns. */
export function rowsFromCounts(counts: number[][]): (number | null)[][] {
  return counts.map((row) => row.flatMap((count, category) => new Array<number>(count).fill(category + 1)));
}
