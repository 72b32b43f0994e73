// Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters") for complete
// designs: every unit carries the same number of ratings. With unequal numbers of ratings per unit
// the statistic is not defined (use Krippendorff's alpha or Gwet's AC1, which allow missing data).
import { type Estimate, type RatingMatrix, defined, observedCategories, presentValues, undefinedBecause } from './matrix';

/** Kappa from a subjects × categories count table (n_ij = raters who put subject i in category j). */
export function fleissKappaFromCounts(counts: ReadonlyArray<ReadonlyArray<number>>): Estimate {
  if (counts.length === 0) return undefinedBecause('no rated items');
  const raters = counts[0].reduce((a, b) => a + b, 0);
  if (counts.some((row) => row.reduce((a, b) => a + b, 0) !== raters)) {
    return undefinedBecause('items have different numbers of ratings; Fleiss\' kappa needs a complete design');
  }
  if (raters < 2) return undefinedBecause('fewer than 2 ratings per item');
  const subjects = counts.length;
  const categories = counts[0].length;
  const columnTotals = new Array<number>(categories).fill(0);
  let meanAgreement = 0;
  for (const row of counts) {
    let squares = 0;
    row.forEach((nij, j) => {
      squares += nij * nij;
      columnTotals[j] += nij;
    });
    meanAgreement += (squares - raters) / (raters * (raters - 1));
  }
  meanAgreement /= subjects;
  const chance = columnTotals.reduce((s, t) => s + (t / (subjects * raters)) ** 2, 0);
  if (chance === 1) return undefinedBecause('all ratings fall in one category, so chance agreement is 1');
  return defined((meanAgreement - chance) / (1 - chance));
}

/** Fleiss' kappa on a unit × rater matrix; units nobody rated are not units of the design. */
export function fleissKappa(matrix: RatingMatrix): Estimate {
  const rated = matrix.map(presentValues).filter((row) => row.length > 0);
  if (rated.length === 0) return undefinedBecause('no rated items');
  const sizes = new Set(rated.map((row) => row.length));
  if (sizes.size > 1) {
    const list = [...sizes].sort((a, b) => a - b);
    return undefinedBecause(
      `items have between ${list[0]} and ${list[list.length - 1]} ratings; Fleiss' kappa needs the same number of ratings on every item`,
    );
  }
  const categories = observedCategories(matrix);
  const index = new Map(categories.map((c, i) => [c, i]));
  const counts = rated.map((row) => {
    const out = new Array<number>(categories.length).fill(0);
    for (const v of row) out[index.get(v)!]++;
    return out;
  });
  return fleissKappaFromCounts(counts);
}
