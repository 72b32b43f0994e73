// Percentile bootstrap intervals (items resampled with replacement, seeded) for the
// chance-corrected coefficients: Gwet's generalised Fleiss' kappa, Gwet's AC1 and AC2 (all four
// weightings), and each pair's Cohen's kappa. Every resample reuses the per-item terms of
// ./agreementTerms, so a resample costs O(items × categories), not a re-read of the ratings.
import { AC2_WEIGHTINGS, type Ac2Weighting, type AgreementWeighting, agreementTerms, coefficientFromTerms } from './agreementTerms';
import { type BootstrapInterval, percentileInterval, resampleCounts } from './bootstrap';
import { type KappaWeighting, disagreementWeights, weightedKappaFromTable } from './cohen';
import type { RatingMatrix } from './matrix';
import { mulberry32 } from './random';

export interface ChanceCorrectedIntervals {
  fleiss_kappa: BootstrapInterval;
  gwet_ac1: BootstrapInterval;
  gwet_ac2: Record<Ac2Weighting, BootstrapInterval>;
}

function disabled(resamples: number, reason: string): BootstrapInterval {
  return { ci95: null, defined: 0, resamples: Math.max(0, resamples), reason };
}

/** Intervals of Fleiss' kappa (Gwet's generalisation), AC1 and AC2 over the rubric's categories. */
export function bootstrapChanceCorrected(matrix: RatingMatrix, categories: readonly number[], resamples: number, seed: number): ChanceCorrectedIntervals {
  const weightings: AgreementWeighting[] = ['identity', ...AC2_WEIGHTINGS];
  const terms = agreementTerms(matrix, categories, weightings);
  const pairable = terms.pairable.reduce((a, b) => a + b, 0);
  const reason = resamples <= 0 ? 'bootstrap disabled' : pairable < 2 ? 'fewer than 2 items with 2 or more ratings' : '';
  if (reason) {
    return {
      fleiss_kappa: disabled(resamples, reason),
      gwet_ac1: disabled(resamples, reason),
      gwet_ac2: Object.fromEntries(AC2_WEIGHTINGS.map((w) => [w, disabled(resamples, reason)])) as Record<Ac2Weighting, BootstrapInterval>,
    };
  }
  const random = mulberry32(seed);
  const counts = new Float64Array(terms.units);
  const fleiss: number[] = [];
  const ac1: number[] = [];
  const ac2 = new Map<Ac2Weighting, number[]>(AC2_WEIGHTINGS.map((w) => [w, []]));
  const push = (list: number[], value: number | null) => {
    if (value !== null) list.push(value);
  };
  for (let b = 0; b < resamples; b++) {
    resampleCounts(terms.units, random, counts);
    push(fleiss, coefficientFromTerms(terms, 'identity', 'fleiss', counts).value);
    push(ac1, coefficientFromTerms(terms, 'identity', 'gwet', counts).value);
    for (const w of AC2_WEIGHTINGS) push(ac2.get(w)!, coefficientFromTerms(terms, w, 'gwet', counts).value);
  }
  return {
    fleiss_kappa: percentileInterval(fleiss, resamples),
    gwet_ac1: percentileInterval(ac1, resamples),
    gwet_ac2: Object.fromEntries(AC2_WEIGHTINGS.map((w) => [w, percentileInterval(ac2.get(w)!, resamples)])) as Record<Ac2Weighting, BootstrapInterval>,
  };
}

const KAPPA_WEIGHTINGS: readonly KappaWeighting[] = ['unweighted', 'linear', 'quadratic'];

/**
 * Intervals of Cohen's kappa (unweighted, linear, quadratic) for two raters, resampling the
 * items both rated. `a` and `b` are the two raters' columns.
 */
export function bootstrapCohenKappa(
  a: ReadonlyArray<number | null>,
  b: ReadonlyArray<number | null>,
  categories: readonly number[],
  resamples: number,
  seed: number,
): Record<KappaWeighting, BootstrapInterval> {
  const index = new Map(categories.map((c, i) => [c, i]));
  const cells: number[] = [];
  const q = categories.length;
  for (let u = 0; u < a.length; u++) {
    const x = a[u];
    const y = b[u];
    if (x === null || y === null) continue;
    const i = index.get(x);
    const j = index.get(y);
    if (i !== undefined && j !== undefined) cells.push(i * q + j);
  }
  const reason = resamples <= 0 ? 'bootstrap disabled' : cells.length < 2 ? 'fewer than 2 items rated by both annotators' : '';
  if (reason) return Object.fromEntries(KAPPA_WEIGHTINGS.map((w) => [w, disabled(resamples, reason)])) as Record<KappaWeighting, BootstrapInterval>;
  const weights = KAPPA_WEIGHTINGS.map((w) => disagreementWeights(q, w));
  const estimates = KAPPA_WEIGHTINGS.map(() => [] as number[]);
  const random = mulberry32(seed);
  const table = categories.map(() => new Array<number>(q).fill(0));
  for (let r = 0; r < resamples; r++) {
    for (const row of table) row.fill(0);
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[Math.floor(random() * cells.length)];
      table[Math.floor(cell / q)][cell % q]++;
    }
    weights.forEach((w, k) => {
      const value = weightedKappaFromTable(table, w).value;
      if (value !== null) estimates[k].push(value);
    });
  }
  return Object.fromEntries(KAPPA_WEIGHTINGS.map((w, k) => [w, percentileInterval(estimates[k], resamples)])) as Record<KappaWeighting, BootstrapInterval>;
}

/** The two columns of a pair of raters, for bootstrapCohenKappa. */
export function raterColumns(matrix: RatingMatrix, r: number, s: number): [(number | null)[], (number | null)[]] {
  return [matrix.map((row) => row[r]), matrix.map((row) => row[s])];
}
