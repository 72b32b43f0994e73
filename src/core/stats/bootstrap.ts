// Percentile bootstrap intervals with a seeded PRNG (same seed → same interval).
//
// Alpha: simple resampling of units (items) with replacement, each resample's coincidence matrix
// summed from the units' precomputed contributions. This is NOT the Hayes & Krippendorff (2007)
// procedure, which resamples pairable values under a fixed expected disagreement; unit
// resampling keeps the rating design of every item intact, which is what a reader of the paper
// table expects when items are the sampling unit.
// Means: the same unit (cluster) resampling, since ratings of one item are not independent.
import { type AlphaData, type AlphaLevel, alphaFromCoincidence, coincidenceMatrix } from './krippendorff';
import { mulberry32 } from './random';
import { quantileSorted } from './quantile';

export interface BootstrapInterval {
  ci95: [number, number] | null;
  /** Resamples on which the statistic was defined (others, e.g. one category only, are left out). */
  defined: number;
  resamples: number;
  reason?: string;
}

/** Multiplicities of a resample of `units` units drawn with replacement. */
export function resampleCounts(units: number, random: () => number, into: Float64Array): Float64Array {
  into.fill(0);
  for (let i = 0; i < units; i++) into[Math.floor(random() * units)]++;
  return into;
}

export function percentileInterval(estimates: number[], resamples: number): BootstrapInterval {
  if (estimates.length === 0) {
    return { ci95: null, defined: 0, resamples, reason: 'the statistic was undefined on every resample' };
  }
  const sorted = Float64Array.from(estimates).sort();
  return { ci95: [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)], defined: estimates.length, resamples };
}

/**
 * Intervals for several levels of measurement from the same resamples: the coincidence matrix
 * is the costly part, and α at another level from it costs only K² more.
 */
export function bootstrapAlphaLevels<L extends AlphaLevel>(
  data: AlphaData,
  levels: readonly L[],
  resamples: number,
  seed: number,
): Record<L, BootstrapInterval> {
  const out = {} as Record<L, BootstrapInterval>;
  if (resamples <= 0 || data.unitCount < 2) {
    const reason = resamples <= 0 ? 'bootstrap disabled' : 'fewer than 2 items with 2 or more ratings';
    for (const level of levels) out[level] = { ci95: null, defined: 0, resamples: Math.max(0, resamples), reason };
    return out;
  }
  const random = mulberry32(seed);
  const counts = new Float64Array(data.unitCount);
  const estimates = levels.map(() => [] as number[]);
  for (let b = 0; b < resamples; b++) {
    const o = coincidenceMatrix(data, resampleCounts(data.unitCount, random, counts));
    levels.forEach((level, i) => {
      const alpha = alphaFromCoincidence(o, data.values, level).value;
      if (alpha !== null) estimates[i].push(alpha);
    });
  }
  levels.forEach((level, i) => (out[level] = percentileInterval(estimates[i], resamples)));
  return out;
}

export function bootstrapAlpha(data: AlphaData, level: AlphaLevel, resamples: number, seed: number): BootstrapInterval {
  return bootstrapAlphaLevels(data, [level], resamples, seed)[level];
}

/** Bootstrap interval of the mean rating, resampling units; `units` holds each unit's values. */
export function bootstrapMean(units: ReadonlyArray<ReadonlyArray<number>>, resamples: number, seed: number): BootstrapInterval {
  const rated = units.filter((u) => u.length > 0);
  if (resamples <= 0) return { ci95: null, defined: 0, resamples: 0, reason: 'bootstrap disabled' };
  if (rated.length < 2) return { ci95: null, defined: 0, resamples, reason: 'fewer than 2 rated items' };
  const sums = rated.map((u) => u.reduce((a, b) => a + b, 0));
  const sizes = rated.map((u) => u.length);
  const random = mulberry32(seed);
  const counts = new Float64Array(rated.length);
  const estimates: number[] = [];
  for (let b = 0; b < resamples; b++) {
    resampleCounts(rated.length, random, counts);
    let sum = 0;
    let n = 0;
    for (let u = 0; u < rated.length; u++) {
      sum += counts[u] * sums[u];
      n += counts[u] * sizes[u];
    }
    estimates.push(sum / n);
  }
  return percentileInterval(estimates, resamples);
}
