// How each annotator agrees with the adjudicated (gold) values: exact match rate, mean absolute
// difference and quadratic-weighted Cohen's kappa, per dimension. Only decisions with status
// "adjudicated" and a non-null value are gold; agreement among annotators never uses them.
import type { AdjudicationFile } from '../types';
import { contingencyTable, disagreementWeights, weightedKappaFromTable } from './cohen';
import type { RatingTable } from './ratingTable';

export interface GoldAgreement {
  annotator: string;
  n: number;
  exactMatch: number | null;
  meanAbsDiff: number | null;
  quadraticKappa: number | null;
  reason?: string;
}

export function compareWithAdjudication(
  table: RatingTable,
  adjudication: AdjudicationFile,
  categoriesByDimension: Record<string, number[]>,
): Record<string, GoldAgreement[]> {
  const out: Record<string, GoldAgreement[]> = {};
  for (const dim of table.dimensions) {
    const gold = table.units.map((unit) => {
      if (unit.dataset !== adjudication.dataset) return null;
      const decision = adjudication.items?.[unit.itemId]?.[dim];
      return decision && decision.status === 'adjudicated' && typeof decision.value === 'number' ? decision.value : null;
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
      const categories = categoriesByDimension[dim];
      const kappa = weightedKappaFromTable(contingencyTable(ratings, gold, categories).table, disagreementWeights(categories.length, 'quadratic'));
      return { annotator, n, exactMatch: exact / n, meanAbsDiff: absDiff / n, quadraticKappa: kappa.value, ...(kappa.reason ? { reason: kappa.reason } : {}) };
    });
  }
  return out;
}
