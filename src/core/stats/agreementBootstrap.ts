// Percentile bootstrap intervals (items resampled with replacement, seeded) for the
// chance-corrected coefficients: Gwet's generalised Fleiss' kappa, Gwet's AC1 and AC2 (all four
// weightings), and each pair's Cohen's kappa. Every resample reuses the per-item terms of
// ./agreementTerms, so a resample costs O(items × categories), not a re-read of the ratings.
import { AC2_WEIGHTINGS, type Ac2Weighting, type AgreementWeighting, agreementTerms, chanceFactors, coefficientsOfResample } from './agreementTerms';
import { type BootstrapInterval, percentileInterval, resampleCounts } from './bootstrap';
import { type KappaWeighting, disagreementWeights } from './cohen';
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
  const factors = chanceFactors(categories, weightings);
  const values = new Map<string, number | null>();
  for (let b = 0; b < resamples; b++) {
    resampleCounts(terms.units, random, counts);
    coefficientsOfResample(terms, weightings, counts, factors, values);
    push(fleiss, values.get('fleiss')!);
    push(ac1, values.get('identity')!);
    for (const w of AC2_WEIGHTINGS) push(ac2.get(w)!, values.get(w)!);
  }
  return {
    fleiss_kappa: percentileInterval(fleiss, resamples),
    gwet_ac1: percentileInterval(ac1, resamples),
    gwet_ac2: Object.fromEntries(AC2_WEIGHTINGS.map((w) => [w, percentileInterval(ac2.get(w)!, resamples)])) as Record<Ac2Weighting, BootstrapInterval>,
  };
}

const KAPPA_WEIGHTINGS: readonly KappaWeighting[] = ['unweighted', 'linear', 'quadratic'];

export type CohenIntervals = Record<KappaWeighting, BootstrapInterval>;

/** κ_w = 1 − Σ v p_o / Σ v p_e from a flat q × q table of (weighted) counts; null when undefined. */
function kappaFromFlatTable(table: Float64Array, q: number, v: Float64Array, rows: Float64Array, cols: Float64Array): number | null {
  rows.fill(0);
  cols.fill(0);
  let total = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const x = table[i * q + j];
      rows[i] += x;
      cols[j] += x;
      total += x;
    }
  }
  if (total === 0) return null;
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const w = v[i * q + j];
      if (w === 0) continue;
      observed += w * table[i * q + j];
      expected += (w * rows[i] * cols[j]) / total;
    }
  }
  if (expected === 0) return null;
  const kappa = 1 - observed / expected;
  return Number.isFinite(kappa) ? kappa : null;
}

/**
 * A pair's items grouped by cell: `units` lists the items both rated, those of cell c at
 * positions starts[c] .. starts[c + 1] − 1, so a resampled table is q² sums over contiguous runs
 * (a running total in a register, not repeated read-modify-writes of the same few cells).
 */
interface PairCells {
  units: Int32Array;
  starts: Int32Array;
}

function groupByCell(units: number[], cells: number[], cellCount: number): PairCells {
  const starts = new Int32Array(cellCount + 1);
  for (const c of cells) starts[c + 1]++;
  for (let c = 0; c < cellCount; c++) starts[c + 1] += starts[c];
  const next = starts.slice(0, cellCount);
  const grouped = new Int32Array(units.length);
  units.forEach((u, e) => (grouped[next[cells[e]]++] = u));
  return { units: grouped, starts };
}

/** The pair's resampled table: each item both rated counts as often as it was drawn. */
function tallyResample(table: Float64Array, pair: PairCells, counts: Float64Array): void {
  const { units, starts } = pair;
  for (let c = 0; c < table.length; c++) {
    let sum = 0;
    for (let e = starts[c]; e < starts[c + 1]; e++) sum += counts[units[e]];
    table[c] = sum;
  }
}

/**
 * Intervals of every pair's Cohen's kappa (unweighted, linear, quadratic). Items (rows of the
 * matrix) are resampled once per resample for the whole design, and each pair's table is built
 * from the multiplicities of the items both rated: one cluster bootstrap of the study, and
 * O(pairs × items) additions per resample with no further random draws.
 */
export function bootstrapPairwiseCohen(
  matrix: RatingMatrix,
  pairs: ReadonlyArray<readonly [number, number]>,
  categories: readonly number[],
  resamples: number,
  seed: number,
): CohenIntervals[] {
  const q = categories.length;
  const index = new Map(categories.map((c, i) => [c, i]));
  const perPair = pairs.map(([r, s]) => {
    const units: number[] = [];
    const cells: number[] = [];
    matrix.forEach((row, u) => {
      const x = row[r];
      const y = row[s];
      if (x === null || y === null) return;
      const i = index.get(x);
      const j = index.get(y);
      if (i === undefined || j === undefined) return;
      units.push(u);
      cells.push(i * q + j);
    });
    return groupByCell(units, cells, q * q);
  });
  const reasonOf = (n: number) => (resamples <= 0 ? 'bootstrap disabled' : n < 2 ? 'fewer than 2 items rated by both annotators' : '');
  const weights = KAPPA_WEIGHTINGS.map((w) => Float64Array.from(disagreementWeights(q, w).flat()));
  const estimates = perPair.map(() => KAPPA_WEIGHTINGS.map(() => [] as number[]));
  const active = perPair.map((p) => reasonOf(p.units.length) === '');
  if (resamples > 0 && active.some(Boolean)) {
    const random = mulberry32(seed);
    const counts = new Float64Array(matrix.length);
    const table = new Float64Array(q * q);
    const rows = new Float64Array(q);
    const cols = new Float64Array(q);
    for (let b = 0; b < resamples; b++) {
      resampleCounts(matrix.length, random, counts);
      perPair.forEach((p, k) => {
        if (!active[k]) return;
        tallyResample(table, p, counts);
        weights.forEach((v, w) => {
          const kappa = kappaFromFlatTable(table, q, v, rows, cols);
          if (kappa !== null) estimates[k][w].push(kappa);
        });
      });
    }
  }
  return perPair.map((p, k) => {
    const reason = reasonOf(p.units.length);
    return Object.fromEntries(
      KAPPA_WEIGHTINGS.map((w, i) => [w, reason ? disabled(resamples, reason) : percentileInterval(estimates[k][i], resamples)]),
    ) as CohenIntervals;
  });
}
