// Intraclass correlations of Shrout & Fleiss (1979), "Intraclass correlations: Uses in assessing
// rater reliability", Psychological Bulletin 86(2), 420–428, from the two-way ANOVA mean squares
// of a complete targets × judges table (n targets, k judges):
//   ICC(1,1) = (BMS − WMS) / (BMS + (k−1) WMS)          ICC(1,k) = (BMS − WMS) / BMS
//   ICC(2,1) = (BMS − EMS) / (BMS + (k−1) EMS + k (JMS − EMS) / n)
//                                                       ICC(2,k) = (BMS − EMS) / (BMS + (JMS − EMS) / n)
//   ICC(3,1) = (BMS − EMS) / (BMS + (k−1) EMS)          ICC(3,k) = (BMS − EMS) / BMS
import type { RatingMatrix } from './matrix';

export interface IccValues {
  ICC1: number | null;
  ICC2: number | null;
  ICC3: number | null;
  ICC1k: number | null;
  ICC2k: number | null;
  ICC3k: number | null;
}

export type IccResult = { value: IccValues; reason?: string } | { value: null; reason: string };

function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const r = numerator / denominator;
  return Number.isFinite(r) ? r : null;
}

/** ICCs of a complete design; units nobody rated are not targets of the design. */
export function intraclassCorrelations(matrix: RatingMatrix): IccResult {
  const rows = matrix.filter((row) => row.some((v) => v !== null));
  const k = rows[0]?.length ?? 0;
  const n = rows.length;
  if (n < 2) return { value: null, reason: 'fewer than 2 rated items' };
  if (k < 2) return { value: null, reason: 'fewer than 2 annotators' };
  const missing = rows.filter((row) => row.some((v) => v === null)).length;
  if (missing > 0) {
    return { value: null, reason: `${missing} of ${n} items lack a rating by some annotator; ICCs need every annotator to rate every item` };
  }
  const table = rows as ReadonlyArray<ReadonlyArray<number>>;
  let grand = 0;
  for (const row of table) for (const v of row) grand += v;
  grand /= n * k;
  const rowMeans = table.map((row) => row.reduce((a, b) => a + b, 0) / k);
  const colMeans = Array.from({ length: k }, (_, j) => table.reduce((s, row) => s + row[j], 0) / n);
  let total = 0;
  for (const row of table) for (const v of row) total += (v - grand) ** 2;
  const between = k * rowMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const judges = n * colMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const bms = between / (n - 1);
  const wms = (total - between) / (n * (k - 1));
  const jms = judges / (k - 1);
  const ems = (total - between - judges) / ((n - 1) * (k - 1));
  const value: IccValues = {
    ICC1: ratio(bms - wms, bms + (k - 1) * wms),
    ICC2: ratio(bms - ems, bms + (k - 1) * ems + (k * (jms - ems)) / n),
    ICC3: ratio(bms - ems, bms + (k - 1) * ems),
    ICC1k: ratio(bms - wms, bms),
    ICC2k: ratio(bms - ems, bms + (jms - ems) / n),
    ICC3k: ratio(bms - ems, bms),
  };
  const undefinedOnes = Object.entries(value).filter(([, v]) => v === null).map(([key]) => key);
  return undefinedOnes.length > 0
    ? { value, reason: `${undefinedOnes.join(', ')} undefined: no variance between items` }
    : { value };
}
