// A 95% interval of a mean rating that cannot leave the rubric's scale (a mean of 4.63 on 1–5
// must not get an upper bound of 5.06, as the t interval gives it).
//
// With bootstrap resamples (the default): the percentile interval of the cluster bootstrap, items
// resampled with replacement (an item's ratings are not independent). Every resampled mean is a
// mean of observed ratings, so the interval lies within [lowest, highest rating] ⊂ scale.
// With --bootstrap 0: the t interval mean ± t_{.975, n−1}·sd/√n truncated to the scale, and the
// document says so in its notes.
import { bootstrapMean } from './bootstrap';
import { summarize } from './descriptive';
import type { Scale } from './ratingValue';

export type MeanIntervalMethod = 'bootstrap-percentile' | 't-truncated';

export interface MeanInterval {
  ci95: [number, number] | null;
  method: MeanIntervalMethod;
  reason?: string;
}

export function boundedMeanInterval(byUnit: ReadonlyArray<ReadonlyArray<number>>, scale: Scale, resamples: number, seed: number): MeanInterval {
  if (resamples > 0) {
    const interval = bootstrapMean(byUnit, resamples, seed);
    return interval.ci95 ? { ci95: interval.ci95, method: 'bootstrap-percentile' } : { ci95: null, method: 'bootstrap-percentile', reason: interval.reason };
  }
  const summary = summarize(byUnit.flat());
  if (!summary.ci95) return { ci95: null, method: 't-truncated', reason: summary.reason };
  const clamp = (v: number) => Math.min(scale.max, Math.max(scale.min, v));
  return { ci95: [clamp(summary.ci95[0]), clamp(summary.ci95[1])], method: 't-truncated' };
}

/** A seed for a named group (language, task…), fixed by the run's seed and the group's path. */
export function groupSeed(seed: number, path: string): number {
  let h = seed >>> 0;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
