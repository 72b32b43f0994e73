// Gwet's AC1 (unweighted) and AC2 (weighted) for any number of raters with missing ratings,
// following Gwet (2014), "Handbook of Inter-Rater Reliability", 4th ed., chapter 4; the formulas
// are in ./agreementTerms. The categories are the rubric scale (q of them), not only those
// observed: p_e depends on q. Weights as irrCAC defines them (linear, quadratic, ordinal, ratio).
import { type AgreementWeighting, agreementTerms, agreementWeights, coefficientFromTerms } from './agreementTerms';
import type { Estimate, RatingMatrix } from './matrix';

export type GwetWeighting = AgreementWeighting;

export function gwetWeights(categories: readonly number[], weighting: GwetWeighting): number[][] {
  return agreementWeights(categories, weighting);
}

export function gwetAC(matrix: RatingMatrix, categories: readonly number[], weighting: GwetWeighting = 'identity'): Estimate {
  return coefficientFromTerms(agreementTerms(matrix, categories, [weighting]), weighting, 'gwet');
}
