// Intervals and tests for a single proportion, shared by scoring (accuracy) and preferences (win
// rates, sign tests).
//
// Wilson (1927) score interval: the set of p whose score test does not reject, in closed form
//   centre = (p̂ + z²/2n) / (1 + z²/n),  half = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²).
// It never leaves [0, 1] and behaves at 0 and n, unlike the Wald interval (Newcombe 1998).
//
// Exact two-sided binomial test of p = 1/2 (the sign test): the probability of an outcome at
// least as far from n/2 as k, i.e. Σ P(X = i) over i with P(X = i) ≤ P(X = k), as R's binom.test.
// For p = 1/2 the distribution is symmetric, so this is min(1, 2 · P(X ≤ min(k, n − k))).

/** Wilson score interval of `successes` out of `n` (null when n = 0). Successes may be fractional (a tie as half). */
export function wilsonInterval(successes: number, n: number, z = 1.959964): [number, number] | null {
  if (!(n > 0) || !Number.isFinite(successes) || successes < 0 || successes > n) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // p̂ = 0 or 1 gives exactly 0 or 1 in exact arithmetic: do not leave a rounding residue there.
  const lo = successes === 0 ? 0 : Math.max(0, centre - half);
  const hi = successes === n ? 1 : Math.min(1, centre + half);
  return [lo, hi];
}

/** Exact two-sided p-value of k successes in n trials under p = 1/2 (1 when n = 0). */
export function binomialTestTwoSided(k: number, n: number): number {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(`binomialTestTwoSided: need integers 0 ≤ k ≤ n (got k = ${k}, n = ${n})`);
  }
  if (n === 0) return 1;
  const tail = Math.min(k, n - k);
  if (2 * tail === n) return 1;
  // P(X ≤ tail) summed in log space from i = 0: log C(n, i) by the recurrence C(n, i+1) = C(n, i)(n−i)/(i+1).
  let logChoose = 0;
  let sum = 0;
  for (let i = 0; i <= tail; i++) {
    sum += Math.exp(logChoose - n * Math.LN2);
    logChoose += Math.log(n - i) - Math.log(i + 1);
  }
  return Math.min(1, 2 * sum);
}
