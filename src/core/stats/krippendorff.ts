// Krippendorff's alpha through the coincidence matrix, as in Krippendorff (2011) "Computing
// Krippendorff's Alpha-Reliability" (Annenberg School for Communication, Departmental Papers 43):
//   o_ck = Σ_u Σ_{i≠j in u} [v_ui = c][v_uj = k] / (m_u − 1)   over units with m_u ≥ 2 values,
//   α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
// Only pairable values count: a unit with fewer than two values is left out.
//
// The data are first reduced to per-unit contributions to the coincidence matrix (`AlphaData`), so
// that a bootstrap resample only adds up small sparse vectors and never re-reads the ratings.
import { type Estimate, type RatingMatrix, defined, undefinedBecause } from './matrix';

export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';
export const ALPHA_LEVELS: readonly AlphaLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/**
 * Every pairable unit's contribution to the coincidence matrix, as sparse entries of the K×K
 * matrix stored back to back (unit u owns entries offsets[u] .. offsets[u+1]): flat typed arrays
 * keep the bootstrap's inner loop cache-friendly.
 */
export interface AlphaData {
  /** Sorted distinct values found among pairable values. */
  values: number[];
  /** Number of pairable units (units with 2 or more values). */
  unitCount: number;
  offsets: Int32Array;
  cells: Int32Array;
  amounts: Float64Array;
}

export function prepareAlphaData(matrix: RatingMatrix): AlphaData {
  const valueSet = new Set<number>();
  const pairable: number[] = [];
  matrix.forEach((row, u) => {
    let present = 0;
    for (const v of row) if (v !== null) present++;
    if (present < 2) return;
    pairable.push(u);
    for (const v of row) if (v !== null) valueSet.add(v);
  });
  const values = [...valueSet].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const k = values.length;
  // Per-unit category counts in one reusable buffer; `touched` lists the categories seen.
  const counts = new Int32Array(k);
  const touched: number[] = [];
  const offsets = new Int32Array(pairable.length + 1);
  const cells: number[] = [];
  const amounts: number[] = [];
  pairable.forEach((u, p) => {
    touched.length = 0;
    let m = 0;
    for (const v of matrix[u]) {
      if (v === null) continue;
      const c = index.get(v)!;
      if (counts[c] === 0) touched.push(c);
      counts[c]++;
      m++;
    }
    for (const c of touched) {
      for (const d of touched) {
        const pairs = c === d ? counts[c] * (counts[c] - 1) : counts[c] * counts[d];
        if (pairs === 0) continue;
        cells.push(c * k + d);
        amounts.push(pairs / (m - 1));
      }
    }
    for (const c of touched) counts[c] = 0;
    offsets[p + 1] = cells.length;
  });
  return { values, unitCount: pairable.length, offsets, cells: Int32Array.from(cells), amounts: Float64Array.from(amounts) };
}

/** Sums unit contributions; `weights[u]` is how often unit u is taken (1 for the data as they are). */
export function coincidenceMatrix(data: AlphaData, weights?: ArrayLike<number>): Float64Array {
  const k = data.values.length;
  const o = new Float64Array(k * k);
  const { offsets, cells, amounts } = data;
  for (let u = 0; u < data.unitCount; u++) {
    const w = weights ? weights[u] : 1;
    if (w === 0) continue;
    for (let e = offsets[u]; e < offsets[u + 1]; e++) o[cells[e]] += w * amounts[e];
  }
  return o;
}

/** Squared difference function δ²_ck for each pair of category indices (Krippendorff 2011, §E). */
function deltaSquared(level: AlphaLevel, values: number[], marginals: Float64Array): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (values[c] - values[k]) ** 2;
    case 'ratio':
      return (c, k) => {
        const sum = values[c] + values[k];
        return sum === 0 ? 0 : ((values[c] - values[k]) / sum) ** 2;
      };
    case 'ordinal': {
      // (Σ_{g=c..k} n_g − (n_c + n_k)/2)², with cumulative marginals for O(1) per pair.
      const cumulative = new Float64Array(marginals.length + 1);
      for (let g = 0; g < marginals.length; g++) cumulative[g + 1] = cumulative[g] + marginals[g];
      return (c, k) => {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        const between = cumulative[hi + 1] - cumulative[lo];
        return (between - (marginals[c] + marginals[k]) / 2) ** 2;
      };
    }
  }
}

/** α from a coincidence matrix over `values` (row-major K×K). */
export function alphaFromCoincidence(o: Float64Array, values: number[], level: AlphaLevel): Estimate {
  const k = values.length;
  const marginals = new Float64Array(k);
  let n = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) marginals[c] += o[c * k + d];
    n += marginals[c];
  }
  if (n < 2) return undefinedBecause('fewer than 2 pairable values (each item needs at least 2 ratings)');
  const delta = deltaSquared(level, values, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      if (c === d) continue;
      const dd = delta(c, d);
      observed += o[c * k + d] * dd;
      expected += marginals[c] * marginals[d] * dd;
    }
  }
  if (expected === 0) return undefinedBecause('no variation among pairable values (a single category), so expected disagreement is 0');
  return defined(1 - ((n - 1) * observed) / expected);
}

export function krippendorffAlphaFromData(data: AlphaData, level: AlphaLevel): Estimate {
  return alphaFromCoincidence(coincidenceMatrix(data), data.values, level);
}

export function krippendorffAlpha(matrix: RatingMatrix, level: AlphaLevel): Estimate {
  return krippendorffAlphaFromData(prepareAlphaData(matrix), level);
}
