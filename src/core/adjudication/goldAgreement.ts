// How each annotator agrees with the adjudicated (gold) values: exact match rate, mean absolute
// difference and quadratic-weighted Cohen's kappa, per dimension. Only decisions with status
// "adjudicated" and a non-null value are gold; agreement among annotators never uses them.
import type { AdjudicationFile } from '../types';
import { contingencyTable, disagreementWeights, weightedKappaFromTable } from '../stats/cohen';
import type { RatingTable } from '../stats/ratingTable';
import { type InvalidValue, invalidReason } from '../stats/ratingValue';

export interface GoldAgreement {
  annotator: string;
  n: number;
  exactMatch: number | null;
  meanAbsDiff: number | null;
  quadraticKappa: number | null;
  reason?: string;
}

/**
 * A gold value off the dimension's scale (or not an integer) is invalid: it is left out and
 * returned in `invalid`, like an annotator's.
 */
export function compareWithAdjudication(
  table: RatingTable,
  adjudication: AdjudicationFile,
  categoriesByDimension: Record<string, number[]>,
  source = `${adjudication.dataset}/_adjudication.json`,
): { agreement: Record<string, GoldAgreement[]>; invalid: InvalidValue[] } {
  const out: Record<string, GoldAgreement[]> = {};
  const invalid: InvalidValue[] = [];
  for (const dim of table.dimensions) {
    const categories = categoriesByDimension[dim];
    const onScale = new Set(categories);
    const scale = { min: categories[0], max: categories[categories.length - 1] };
    const gold = table.units.map((unit) => {
      if (unit.dataset !== adjudication.dataset) return null;
      const decision = adjudication.items?.[unit.itemId]?.[dim];
      if (!decision || decision.status !== 'adjudicated' || decision.value === null) return null;
      const value: unknown = decision.value;
      if (typeof value === 'number' && onScale.has(value)) return value;
      invalid.push({ file: source, itemId: unit.itemId, dimension: dim, annotator: 'gold', value, reason: invalidReason(value, scale) });
      return null;
    });
    out[dim] = table.raters.map((annotator, r) => {
      const ratings = table.matrices[dim].map((row) => row[r]);
      let n = 0;
      let exact = 0;
      let absDiff = 0;
      ratings.forEach((v, u) => {
        const g = gold[u];
        if (v === null || g === null) return;
        n++;
        if (v === g) exact++;
        absDiff += Math.abs(v - g);
      });
      if (n === 0) return { annotator, n, exactMatch: null, meanAbsDiff: null, quadraticKappa: null, reason: 'no adjudicated item rated by this annotator' };
      const kappa = weightedKappaFromTable(contingencyTable(ratings, gold, categories).table, disagreementWeights(categories.length, 'quadratic'));
      return { annotator, n, exactMatch: exact / n, meanAbsDiff: absDiff / n, quadraticKappa: kappa.value, ...(kappa.reason ? { reason: kappa.reason } : {}) };
    });
  }
  return { agreement: out, invalid };
}
