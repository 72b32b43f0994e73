// Gwet's AC1 (unweighted) and AC2 (weighted) for any number of raters with missing ratings,
// following Gwet (2014), "Handbook of Inter-Rater Reliability", 4th ed., chapter 4:
//   r_ik  raters who put unit i in category k;  r_i = Σ_k r_ik;  r*_ik = Σ_l w_kl r_il
//   p_a = (1/n') Σ_{i: r_i ≥ 2} Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1))
//   π_k = (1/n) Σ_{i: r_i ≥ 1} r_ik / r_i
//   p_e = T_w / (q (q − 1)) · Σ_k π_k (1 − π_k),  T_w = Σ_kl w_kl
//   AC = (p_a − p_e) / (1 − p_e)
// The categories are the rubric scale (q of them), not only those observed: p_e depends on q.
// Weights as defined in Gwet (2014), chapter 3: linear 1 − |k − l| / (max − min), quadratic 1 − (k − l)² / (max − min)².
import { type Estimate, type RatingMatrix, defined, undefinedBecause } from './matrix';

export type GwetWeighting = 'identity' | 'linear' | 'quadratic';

export function gwetWeights(categories: readonly number[], weighting: GwetWeighting): number[][] {
  const span = categories[categories.length - 1] - categories[0];
  return categories.map((k) =>
    categories.map((l) => {
      if (weighting === 'identity' || span === 0) return k === l ? 1 : 0;
      return weighting === 'linear' ? 1 - Math.abs(k - l) / span : 1 - (k - l) ** 2 / span ** 2;
    }),
  );
}

export function gwetAC(matrix: RatingMatrix, categories: readonly number[], weighting: GwetWeighting = 'identity'): Estimate {
  const q = categories.length;
  if (q < 2) return undefinedBecause('the scale has fewer than 2 categories');
  const w = gwetWeights(categories, weighting);
  const index = new Map(categories.map((c, i) => [c, i]));
  const pi = new Array<number>(q).fill(0);
  let ratedUnits = 0;
  let pairableUnits = 0;
  let agreement = 0;
  const r = new Array<number>(q);
  for (const row of matrix) {
    r.fill(0);
    let ri = 0;
    for (const v of row) {
      if (v === null) continue;
      const k = index.get(v);
      if (k === undefined) continue;
      r[k]++;
      ri++;
    }
    if (ri === 0) continue;
    ratedUnits++;
    for (let k = 0; k < q; k++) pi[k] += r[k] / ri;
    if (ri < 2) continue;
    pairableUnits++;
    let unit = 0;
    for (let k = 0; k < q; k++) {
      if (r[k] === 0) continue;
      let weighted = 0;
      for (let l = 0; l < q; l++) weighted += w[k][l] * r[l];
      unit += r[k] * (weighted - 1);
    }
    agreement += unit / (ri * (ri - 1));
  }
  if (pairableUnits === 0) return undefinedBecause('no item has 2 or more ratings');
  const pa = agreement / pairableUnits;
  let tw = 0;
  for (const rowW of w) for (const x of rowW) tw += x;
  let spread = 0;
  for (let k = 0; k < q; k++) {
    const p = pi[k] / ratedUnits;
    spread += p * (1 - p);
  }
  const pe = (tw / (q * (q - 1))) * spread;
  if (pe === 1) return undefinedBecause('chance agreement is 1');
  return defined((pa - pe) / (1 - pe));
}
