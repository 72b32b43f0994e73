// Per-item terms shared by Gwet's AC1/AC2 and Gwet's generalised Fleiss' kappa, so that the
// estimates and their bootstrap intervals (items resampled with replacement) come from one pass
// over the ratings. With r_ik raters putting item i in category k, r_i = Σ_k r_ik and
// r*_ik = Σ_l w_kl r_il (Gwet 2014, "Handbook of Inter-Rater Reliability", 4th ed., ch. 2–4):
//   p_a = Σ_{i: r_i ≥ 2} c_i · a_i / Σ_{i: r_i ≥ 2} c_i,   a_i = Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1))
//   π_k = Σ_{i: r_i ≥ 1} c_i · r_ik / r_i / Σ_{i: r_i ≥ 1} c_i
// where c_i is how often item i is taken (1 on the data as they are, a count in a resample).
// Gwet's AC:      p_e = T_w / (q (q − 1)) · Σ_k π_k (1 − π_k),   T_w = Σ_kl w_kl
// Fleiss (Gwet):  p_e = Σ_kl w_kl π_k π_l        (irrCAC's fleiss.kappa.raw; Fleiss 1971 when every
//                                                item has the same number of ratings)
// and the coefficient is (p_a − p_e) / (1 − p_e).
import { type Estimate, type RatingMatrix, defined, undefinedBecause } from './matrix';

/** Weights of Gwet (2014) ch. 3 and irrCAC: `identity` gives AC1 and unweighted kappa. */
export type AgreementWeighting = 'identity' | 'linear' | 'quadratic' | 'ordinal' | 'ratio';
export const AC2_WEIGHTINGS = ['linear', 'quadratic', 'ordinal', 'ratio'] as const;
export type Ac2Weighting = (typeof AC2_WEIGHTINGS)[number];

/**
 * Agreement weights w_kl in [0, 1] over the rubric's categories, as irrCAC defines them:
 * linear 1 − |k − l| / (max − min); quadratic 1 − (k − l)² / (max − min)²;
 * ordinal 1 − C(|i − j| + 1, 2) / C(q, 2) on category ranks i, j (Gwet 2014, §3.4);
 * ratio 1 − ((k − l)/(k + l))² / ((max − min)/(max + min))² on the category values.
 */
export function agreementWeights(categories: readonly number[], weighting: AgreementWeighting): number[][] {
  const q = categories.length;
  const min = categories[0];
  const max = categories[q - 1];
  const span = max - min;
  const ratioOf = (k: number, l: number) => (k + l === 0 ? 0 : ((k - l) / (k + l)) ** 2);
  const maxRatio = ratioOf(max, min);
  return categories.map((k, i) =>
    categories.map((l, j) => {
      if (i === j) return 1;
      if (weighting === 'identity' || span === 0) return 0;
      switch (weighting) {
        case 'linear':
          return 1 - Math.abs(k - l) / span;
        case 'quadratic':
          return 1 - (k - l) ** 2 / span ** 2;
        case 'ordinal': {
          const m = Math.abs(i - j) + 1;
          return 1 - (m * (m - 1)) / 2 / ((q * (q - 1)) / 2);
        }
        case 'ratio':
          return maxRatio === 0 ? 0 : 1 - ratioOf(k, l) / maxRatio;
      }
    }),
  );
}

/** The per-item terms of one rating matrix over a category list. */
export interface AgreementTerms {
  categories: number[];
  /** Items with at least one rating (others are not items of the design). */
  units: number;
  /** r_i ≥ 2 per item (0/1). */
  pairable: Uint8Array;
  /** Per item, r_ik / r_i (units × q, row-major). */
  shares: Float64Array;
  /** Per weighting, the item's agreement a_i (0 where r_i < 2). */
  agreement: Map<AgreementWeighting, Float64Array>;
}

export function agreementTerms(matrix: RatingMatrix, categories: readonly number[], weightings: readonly AgreementWeighting[]): AgreementTerms {
  const q = categories.length;
  const index = new Map(categories.map((c, i) => [c, i]));
  const counts: number[][] = [];
  for (const row of matrix) {
    const r = new Array<number>(q).fill(0);
    let ri = 0;
    for (const v of row) {
      if (v === null) continue;
      const k = index.get(v);
      if (k === undefined) continue;
      r[k]++;
      ri++;
    }
    if (ri > 0) counts.push(r);
  }
  const units = counts.length;
  const pairable = new Uint8Array(units);
  const shares = new Float64Array(units * q);
  const agreement = new Map<AgreementWeighting, Float64Array>();
  const weightsOf = new Map(weightings.map((w) => [w, agreementWeights(categories, w)]));
  for (const w of weightings) agreement.set(w, new Float64Array(units));
  counts.forEach((r, u) => {
    const ri = r.reduce((a, b) => a + b, 0);
    for (let k = 0; k < q; k++) shares[u * q + k] = r[k] / ri;
    if (ri < 2) return;
    pairable[u] = 1;
    for (const [name, w] of weightsOf) {
      let sum = 0;
      for (let k = 0; k < q; k++) {
        if (r[k] === 0) continue;
        let weighted = 0;
        for (let l = 0; l < q; l++) weighted += w[k][l] * r[l];
        sum += r[k] * (weighted - 1);
      }
      agreement.get(name)![u] = sum / (ri * (ri - 1));
    }
  });
  return { categories: [...categories], units, pairable, shares, agreement };
}

/** p_a and π from the terms, items taken `weights[u]` times (all once without weights). */
export function aggregateTerms(terms: AgreementTerms, weighting: AgreementWeighting, weights?: ArrayLike<number>): { pa: number | null; pi: Float64Array } {
  const q = terms.categories.length;
  const pi = new Float64Array(q);
  const a = terms.agreement.get(weighting);
  if (!a) throw new Error(`agreement terms lack the ${weighting} weighting`);
  let taken = 0;
  let pairableTaken = 0;
  let pa = 0;
  for (let u = 0; u < terms.units; u++) {
    const c = weights ? weights[u] : 1;
    if (c === 0) continue;
    taken += c;
    for (let k = 0; k < q; k++) pi[k] += c * terms.shares[u * q + k];
    if (terms.pairable[u]) {
      pairableTaken += c;
      pa += c * a[u];
    }
  }
  if (taken > 0) for (let k = 0; k < q; k++) pi[k] /= taken;
  return { pa: pairableTaken > 0 ? pa / pairableTaken : null, pi };
}

export type ChanceModel = 'gwet' | 'fleiss';

/** Gwet's AC (chance `gwet`) or Gwet's generalised Fleiss' kappa (chance `fleiss`) from the terms. */
export function coefficientFromTerms(terms: AgreementTerms, weighting: AgreementWeighting, chance: ChanceModel, weights?: ArrayLike<number>): Estimate {
  const q = terms.categories.length;
  if (q < 2) return undefinedBecause('the scale has fewer than 2 categories');
  if (terms.units === 0) return undefinedBecause('no rated items');
  const { pa, pi } = aggregateTerms(terms, weighting, weights);
  if (pa === null) return undefinedBecause('no item has 2 or more ratings');
  const w = agreementWeights(terms.categories, weighting);
  let pe = 0;
  if (chance === 'gwet') {
    let tw = 0;
    for (const row of w) for (const x of row) tw += x;
    let spread = 0;
    for (let k = 0; k < q; k++) spread += pi[k] * (1 - pi[k]);
    pe = (tw / (q * (q - 1))) * spread;
  } else {
    for (let k = 0; k < q; k++) for (let l = 0; l < q; l++) pe += w[k][l] * pi[k] * pi[l];
  }
  // Rounding can leave p_e a hair below 1 when every rating is in one category.
  if (pe >= 1 - 1e-12) return undefinedBecause(chance === 'fleiss' ? 'all ratings fall in one category, so chance agreement is 1' : 'chance agreement is 1');
  return defined((pa - pe) / (1 - pe));
}

/**
 * Every coefficient of a resample in one pass over the items: π does not depend on the
 * weighting, so it is summed once, and p_a once per weighting. `out` receives, per weighting in
 * `weightings` order, Gwet's AC (and Fleiss' kappa for `identity`, under key `fleiss`).
 */
export function coefficientsOfResample(
  terms: AgreementTerms,
  weightings: readonly AgreementWeighting[],
  weights: ArrayLike<number>,
  chanceFactors: ReadonlyMap<AgreementWeighting, number>,
  out: Map<string, number | null>,
): void {
  const q = terms.categories.length;
  const pi = new Float64Array(q);
  const pa = new Float64Array(weightings.length);
  const columns = weightings.map((w) => terms.agreement.get(w)!);
  let taken = 0;
  let pairableTaken = 0;
  for (let u = 0; u < terms.units; u++) {
    const c = weights[u];
    if (c === 0) continue;
    taken += c;
    const base = u * q;
    for (let k = 0; k < q; k++) pi[k] += c * terms.shares[base + k];
    if (terms.pairable[u]) {
      pairableTaken += c;
      for (let w = 0; w < columns.length; w++) pa[w] += c * columns[w][u];
    }
  }
  if (taken === 0 || pairableTaken === 0 || q < 2) {
    for (const w of weightings) out.set(w, null);
    out.set('fleiss', null);
    return;
  }
  let spread = 0;
  let squares = 0;
  for (let k = 0; k < q; k++) {
    const p = pi[k] / taken;
    spread += p * (1 - p);
    squares += p * p;
  }
  const ratio = (a: number, e: number) => (e >= 1 - 1e-12 ? null : (a - e) / (1 - e));
  weightings.forEach((w, i) => {
    const pe = (chanceFactors.get(w)! / (q * (q - 1))) * spread;
    out.set(w, ratio(pa[i] / pairableTaken, pe));
    if (w === 'identity') out.set('fleiss', ratio(pa[i] / pairableTaken, squares));
  });
}

/** T_w = Σ_kl w_kl for each weighting, the factor of Gwet's chance agreement. */
export function chanceFactors(categories: readonly number[], weightings: readonly AgreementWeighting[]): Map<AgreementWeighting, number> {
  return new Map(weightings.map((w) => [w, agreementWeights(categories, w).flat().reduce((a, b) => a + b, 0)]));
}
