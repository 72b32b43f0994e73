// Intraclass correlations of Shrout & Fleiss (1979), "Intraclass correlations: Uses in assessing
// rater reliability", Psychological Bulletin 86(2), 420–428, from the two-way ANOVA mean squares
// of a complete targets × judges table (n targets, k judges):
//   ICC(1,1) = (BMS − WMS) / (BMS + (k−1) WMS)          ICC(1,k) = (BMS − WMS) / BMS
//   ICC(2,1) = (BMS − EMS) / (BMS + (k−1) EMS + k (JMS − EMS) / n)
//                                                       ICC(2,k) = (BMS − EMS) / (BMS + (JMS − EMS) / n)
//   ICC(3,1) = (BMS − EMS) / (BMS + (k−1) EMS)          ICC(3,k) = (BMS − EMS) / BMS
// The design must be complete, so the ICCs use the complete cases: the items every annotator (who
// rated anything on this dimension) rated; `items` says how many.
//
// 95% intervals from the F distribution, McGraw & Wong (1996), "Forming inferences about some
// intraclass correlation coefficients", Psychological Methods 1(1), 30–46, Table 7 (as R's
// psych::ICC computes them). With F = BMS/WMS (one-way) or BMS/EMS (two-way), F_L = F / F_{.975}(df1, df2),
// F_U = F · F_{.975}(df2, df1):
//   ICC(1,1), ICC(3,1): [(F_L − 1)/(F_L + k − 1), (F_U − 1)/(F_U + k − 1)];   ICC(1,k), ICC(3,k): [1 − 1/F_L, 1 − 1/F_U]
//   ICC(2,1) with Satterthwaite's ν for the judges' and error mean squares:
//     L = n (BMS − F* EMS) / (F* (k JMS + (kn − k − n) EMS) + n BMS),  F* = F_{.975}(n − 1, ν)
//     U = n (F° BMS − EMS) / (k JMS + (kn − k − n) EMS + n F° BMS),    F° = F_{.975}(ν, n − 1)
//   ICC(2,k): each bound b as k b / (1 + (k − 1) b).
import { fQuantile } from './fQuantile';
import type { RatingMatrix } from './matrix';

export interface IccValues {
  ICC1: number | null;
  ICC2: number | null;
  ICC3: number | null;
  ICC1k: number | null;
  ICC2k: number | null;
  ICC3k: number | null;
}

export type IccKey = keyof IccValues;
export const ICC_KEYS: readonly IccKey[] = ['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'];
export type IccIntervals = Record<IccKey, [number, number] | null>;

export interface IccResult {
  value: IccValues | null;
  ci95: IccIntervals | null;
  /** Complete items the ICCs used. */
  items: number;
  reason?: string;
}

function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const r = numerator / denominator;
  return Number.isFinite(r) ? r : null;
}

function interval(lo: number, hi: number): [number, number] | null {
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

/** Rows of the complete cases: raters who rated nothing are not judges of the design. */
export function completeCases(matrix: RatingMatrix): { rows: number[][]; judges: number; ratedItems: number } {
  const width = matrix[0]?.length ?? 0;
  const judges = Array.from({ length: width }, (_, j) => j).filter((j) => matrix.some((row) => row[j] !== null));
  const rated = matrix.filter((row) => row.some((v) => v !== null));
  const rows = rated.filter((row) => judges.every((j) => row[j] !== null)).map((row) => judges.map((j) => row[j] as number));
  return { rows, judges: judges.length, ratedItems: rated.length };
}

/** Every form null, for documents where the ICCs are undefined. */
export const NO_ICC: IccValues = { ICC1: null, ICC2: null, ICC3: null, ICC1k: null, ICC2k: null, ICC3k: null };

/** ICCs on the complete cases, with their F-distribution 95% intervals. */
export function intraclassCorrelations(matrix: RatingMatrix): IccResult {
  const { rows: table, judges: k, ratedItems } = completeCases(matrix);
  const n = table.length;
  const left = ratedItems - n;
  const leftOut = left > 0 ? `; ${left} of ${ratedItems} rated items lack a rating by some annotator and are left out` : '';
  if (k < 2) return { value: null, ci95: null, items: n, reason: 'fewer than 2 annotators' };
  if (n < 2) return { value: null, ci95: null, items: n, reason: `fewer than 2 items rated by every annotator (${n} of ${ratedItems})` };
  let grand = 0;
  for (const row of table) for (const v of row) grand += v;
  grand /= n * k;
  const rowMeans = table.map((row) => row.reduce((a, b) => a + b, 0) / k);
  const colMeans = Array.from({ length: k }, (_, j) => table.reduce((s, row) => s + row[j], 0) / n);
  let total = 0;
  for (const row of table) for (const v of row) total += (v - grand) ** 2;
  const between = k * rowMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const judgesSS = n * colMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const bms = between / (n - 1);
  const wms = (total - between) / (n * (k - 1));
  const jms = judgesSS / (k - 1);
  const ems = (total - between - judgesSS) / ((n - 1) * (k - 1));
  const value: IccValues = {
    ICC1: ratio(bms - wms, bms + (k - 1) * wms),
    ICC2: ratio(bms - ems, bms + (k - 1) * ems + (k * (jms - ems)) / n),
    ICC3: ratio(bms - ems, bms + (k - 1) * ems),
    ICC1k: ratio(bms - wms, bms),
    ICC2k: ratio(bms - ems, bms + (jms - ems) / n),
    ICC3k: ratio(bms - ems, bms),
  };
  const ci95 = iccIntervals(value, { n, k, bms, wms, jms, ems });
  const undefinedOnes = ICC_KEYS.filter((key) => value[key] === null);
  const reason = undefinedOnes.length > 0 ? `${undefinedOnes.join(', ')} undefined: no variance between items${leftOut}` : leftOut ? leftOut.slice(2) : undefined;
  return reason ? { value, ci95, items: n, reason } : { value, ci95, items: n };
}

interface MeanSquares {
  n: number;
  k: number;
  bms: number;
  wms: number;
  jms: number;
  ems: number;
}

export function iccIntervals(value: IccValues, { n, k, bms, wms, jms, ems }: MeanSquares): IccIntervals {
  const out: IccIntervals = { ICC1: null, ICC2: null, ICC3: null, ICC1k: null, ICC2k: null, ICC3k: null };
  const p = 0.975;
  if (wms > 0 && bms > 0) {
    const f = bms / wms;
    const df1 = n - 1;
    const df2 = n * (k - 1);
    const fl = f / fQuantile(p, df1, df2);
    const fu = f * fQuantile(p, df2, df1);
    out.ICC1 = interval((fl - 1) / (fl + k - 1), (fu - 1) / (fu + k - 1));
    out.ICC1k = interval(1 - 1 / fl, 1 - 1 / fu);
  }
  if (ems > 0 && bms > 0) {
    const f = bms / ems;
    const df1 = n - 1;
    const df2 = (n - 1) * (k - 1);
    const fl = f / fQuantile(p, df1, df2);
    const fu = f * fQuantile(p, df2, df1);
    out.ICC3 = interval((fl - 1) / (fl + k - 1), (fu - 1) / (fu + k - 1));
    out.ICC3k = interval(1 - 1 / fl, 1 - 1 / fu);
  }
  const icc2 = value.ICC2;
  if (icc2 !== null && ems > 0) {
    const fj = jms / ems;
    const vn = (k - 1) * (n - 1) * (k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
    const vd = (n - 1) * k ** 2 * icc2 ** 2 * fj ** 2 + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
    const v = vn / vd;
    if (v > 0 && Number.isFinite(v)) {
      const fStar = fQuantile(p, n - 1, v);
      const fCirc = fQuantile(p, v, n - 1);
      const lo = (n * (bms - fStar * ems)) / (fStar * (k * jms + (k * n - k - n) * ems) + n * bms);
      const hi = (n * (fCirc * bms - ems)) / (k * jms + (k * n - k - n) * ems + n * fCirc * bms);
      out.ICC2 = interval(lo, hi);
      const average = (b: number) => (k * b) / (1 + (k - 1) * b);
      out.ICC2k = interval(average(lo), average(hi));
    }
  }
  return out;
}
