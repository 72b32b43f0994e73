// Mean, standard deviation (n − 1) and the t-based 95% confidence interval of the mean,
// mean ± t_{0.975, n−1} · sd / √n.
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

export interface Summary {
  n: number;
  mean: number | null;
  sd: number | null;
  ci95: [number, number] | null;
  reason?: string;
}

export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, ci95: null, reason: 'no ratings' };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, sd: null, ci95: null, reason: 'a single rating: no SD or confidence interval' };
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const half = tQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, ci95: [mean - half, mean + half] };
}
