// Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters"), in Gwet's
// generalisation to items with different numbers of ratings (Gwet 2014, "Handbook of Inter-Rater
// Reliability", 4th ed., ch. 2; R package irrCAC, `fleiss.kappa.raw`):
//   p_a = mean over items with r_i ≥ 2 of Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1))
//   π_k = mean over items with r_i ≥ 1 of r_ik / r_i,    p_e = Σ_k π_k²
// With the same number of ratings on every item this is Fleiss' (1971) kappa exactly.
import { agreementTerms, coefficientFromTerms } from './agreementTerms';
import { type Estimate, type RatingMatrix, defined, observedCategories, undefinedBecause } from './matrix';

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

/**
 * Fleiss' kappa on a unit × rater matrix, with missing ratings (Gwet's generalisation): items
 * nobody rated are not items of the design; items with one rating count in π but not in p_a.
 */
export function fleissKappa(matrix: RatingMatrix): Estimate {
  const categories = observedCategories(matrix);
  if (categories.length === 0) return undefinedBecause('no rated items');
  if (categories.length === 1) return undefinedBecause('all ratings fall in one category, so chance agreement is 1');
  return coefficientFromTerms(agreementTerms(matrix, categories, ['identity']), 'identity', 'fleiss');
}
