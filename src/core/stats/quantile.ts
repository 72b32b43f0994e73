// Sample quantile with linear interpolation between order statistics (Hyndman & Fan 1996 type 7,
// the default of R and NumPy), used for percentile bootstrap intervals and medians.

export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return quantileSorted([...values].sort((a, b) => a - b), 0.5);
}
