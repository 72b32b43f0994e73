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

/**
 * Exact two-sided binomial test of k successes in n trials against p = 1/2: the probability of an
 * outcome at least as unlikely as k (R's binom.test; with p = 1/2 this is twice the smaller tail,
 * capped at 1). n = 0 gives 1 (no evidence either way).
 */
export function binomialTestTwoSided(k: number, n: number): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0 || k < 0 || k > n) {
    throw new RangeError(`binomialTestTwoSided: need integers 0 ≤ k ≤ n, got k = ${k}, n = ${n}`);
  }
  if (n === 0) return 1;
  const tail = Math.min(k, n - k);
  // log C(n, i) − n·log 2 summed in log space: exact enough for n in the hundreds of thousands.
  const logHalfPower = -n * Math.LN2;
  let logC = 0;
  const terms: number[] = [];
  for (let i = 0; i <= tail; i++) {
    terms.push(logC + logHalfPower);
    logC += Math.log(n - i) - Math.log(i + 1);
  }
  let max = -Infinity;
  for (const t of terms) if (t > max) max = t;
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - max);
  const oneTail = Math.exp(max) * sum;
  // k = n/2 exactly: both tails share the middle term; every outcome is as likely or less.
  return Math.min(1, 2 * oneTail);
}
