// Cohen's kappa for two raters (Cohen 1960), and weighted kappa (Cohen 1968, "Weighted kappa:
// Nominal scale agreement with provision for scaled disagreement or partial credit"), written
// with disagreement weights v_ij as in Cohen (1968):  κ_w = 1 − Σ v_ij p_o,ij / Σ v_ij p_e,ij.
// Unweighted kappa is the case v_ij = 1 for i ≠ j; linear and quadratic weights are the distance
// between category positions on the rubric scale, |i − j| and (i − j)².
import { type Estimate, type RatingMatrix, defined, undefinedBecause } from './matrix';

export type KappaWeighting = 'unweighted' | 'linear' | 'quadratic';

export function disagreementWeights(categories: number, weighting: KappaWeighting): number[][] {
  return Array.from({ length: categories }, (_, i) =>
    Array.from({ length: categories }, (_, j) => {
      if (weighting === 'unweighted') return i === j ? 0 : 1;
      return weighting === 'linear' ? Math.abs(i - j) : (i - j) ** 2;
    }),
  );
}

/**
 * Weighted kappa from a contingency table (counts or proportions; rows rater 1, columns rater 2)
 * and a matrix of disagreement weights.
 */
export function weightedKappaFromTable(
  table: ReadonlyArray<ReadonlyArray<number>>,
  weights: ReadonlyArray<ReadonlyArray<number>>,
): Estimate {
  const q = table.length;
  let total = 0;
  const rows = new Array<number>(q).fill(0);
  const cols = new Array<number>(q).fill(0);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      total += table[i][j];
      rows[i] += table[i][j];
      cols[j] += table[i][j];
    }
  }
  if (total === 0) return undefinedBecause('no items rated by both annotators');
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      observed += weights[i][j] * (table[i][j] / total);
      expected += weights[i][j] * (rows[i] / total) * (cols[j] / total);
    }
  }
  if (expected === 0) {
    return undefinedBecause('chance disagreement is 0 (both annotators used a single, identical category)');
  }
  return defined(1 - observed / expected);
}

/** Contingency table of two raters over the given categories, on units both rated. */
export function contingencyTable(
  a: ReadonlyArray<number | null>,
  b: ReadonlyArray<number | null>,
  categories: readonly number[],
): { table: number[][]; n: number } {
  const index = new Map(categories.map((c, i) => [c, i]));
  const table = categories.map(() => new Array<number>(categories.length).fill(0));
  let n = 0;
  for (let u = 0; u < a.length; u++) {
    const x = a[u];
    const y = b[u];
    if (x === null || y === null) continue;
    const i = index.get(x);
    const j = index.get(y);
    if (i === undefined || j === undefined) continue;
    table[i][j]++;
    n++;
  }
  return { table, n };
}

export function cohenKappa(
  a: ReadonlyArray<number | null>,
  b: ReadonlyArray<number | null>,
  categories: readonly number[],
  weighting: KappaWeighting = 'unweighted',
): Estimate {
  const { table } = contingencyTable(a, b, categories);
  return weightedKappaFromTable(table, disagreementWeights(categories.length, weighting));
}

export interface PairwiseKappa {
  annotators: [string, string];
  n: number;
  unweighted: number | null;
  linear: number | null;
  quadratic: number | null;
  /** Percentile bootstrap intervals, the items both rated resampled (seeded). */
  ci95?: { unweighted: [number, number] | null; linear: [number, number] | null; quadratic: [number, number] | null };
  /** Why a kappa is null, when one is. */
  reason?: string;
}

/** Cohen's kappa for every pair of raters (columns) on the units both rated. */
export function pairwiseCohenKappa(matrix: RatingMatrix, raters: readonly string[], categories: readonly number[]): PairwiseKappa[] {
  const out: PairwiseKappa[] = [];
  const column = (r: number) => matrix.map((row) => row[r]);
  for (let r = 0; r < raters.length; r++) {
    for (let s = r + 1; s < raters.length; s++) {
      const { table, n } = contingencyTable(column(r), column(s), categories);
      const result: PairwiseKappa = { annotators: [raters[r], raters[s]], n, unweighted: null, linear: null, quadratic: null };
      for (const weighting of ['unweighted', 'linear', 'quadratic'] as const) {
        const estimate = weightedKappaFromTable(table, disagreementWeights(categories.length, weighting));
        result[weighting] = estimate.value;
        if (estimate.reason) result.reason = estimate.reason;
      }
      out.push(result);
    }
  }
  return out;
}
