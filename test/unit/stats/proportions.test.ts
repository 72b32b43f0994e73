import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binomialTestTwoSided, wilsonInterval } from '../../../src/core/stats/proportions';

// Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of seven
// methods", Statistics in Medicine 17, 857–872, Table II, method 3 (Wilson score, no continuity
// correction), to the 4 decimals printed.
const NEWCOMBE_1998: [number, number, [number, number]][] = [
  [81, 263, [0.2553, 0.3662]],
  [15, 148, [0.0624, 0.1605]],
  [0, 20, [0, 0.1611]],
  [1, 29, [0.0061, 0.1718]],
];

for (const [k, n, [lo, hi]] of NEWCOMBE_1998) {
  test(`Wilson interval of ${k}/${n} matches Newcombe 1998: [${lo}, ${hi}]`, () => {
    const ci = wilsonInterval(k, n)!;
    assert.equal(Number(ci[0].toFixed(4)), lo, String(ci));
    assert.equal(Number(ci[1].toFixed(4)), hi, String(ci));
  });
}

test('Wilson interval: n = 0 has none; all successes reach exactly 1', () => {
  assert.equal(wilsonInterval(0, 0), null);
  assert.equal(wilsonInterval(10, 10)![1], 1);
  assert.ok(wilsonInterval(10, 10)![0] < 1);
});

test('Wilson interval takes fractional successes (a tie counted as half)', () => {
  const ci = wilsonInterval(5.5, 10)!;
  assert.ok(ci[0] < 0.55 && 0.55 < ci[1]);
});

// Exact sign-test p-values, P(X ≤ k) doubled for Binomial(n, 1/2), as printed in binomial tables
// (e.g. Conover, "Practical Nonparametric Statistics", Table A3) and by R's binom.test:
//   binom.test(1, 10)$p.value = 22/1024 = 0.02148438; binom.test(2, 10) = 112/1024 = 0.109375;
//   binom.test(3, 12) = 2 · 299/4096 = 0.1459961; binom.test(0, 5) = 2/32 = 0.0625.
test('exact two-sided binomial test against published binomial-table values', () => {
  assert.ok(Math.abs(binomialTestTwoSided(1, 10) - 22 / 1024) < 1e-12);
  assert.ok(Math.abs(binomialTestTwoSided(9, 10) - 22 / 1024) < 1e-12);
  assert.ok(Math.abs(binomialTestTwoSided(2, 10) - 0.109375) < 1e-12);
  assert.ok(Math.abs(binomialTestTwoSided(3, 12) - 0.1459961) < 1e-7);
  assert.ok(Math.abs(binomialTestTwoSided(0, 5) - 0.0625) < 1e-12);
  assert.equal(binomialTestTwoSided(5, 10), 1);
  assert.equal(binomialTestTwoSided(0, 0), 1);
});

test('binomial test stays accurate for large n (normal approximation agrees at 25,000 trials)', () => {
  // 12,700 of 25,000: z = (12,700 − 12,500) / √6,250 = 2.5298; two-sided normal p ≈ 0.01141.
  const p = binomialTestTwoSided(12_700, 25_000);
  assert.ok(Math.abs(p - 0.0114) < 0.0005, String(p));
});

test('binomial test refuses impossible counts', () => {
  assert.throws(() => binomialTestTwoSided(11, 10), RangeError);
  assert.throws(() => binomialTestTwoSided(1.5, 10), RangeError);
});
