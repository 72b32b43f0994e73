// Wilson intervals against Newcombe's published table, and the exact binomial (McNemar) test
// against a published worked example and hand-computed values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binomialTestTwoSided, wilsonInterval } from '../../../src/core/stats/proportions';

const round4 = (ci: [number, number] | null) => ci && ci.map((v) => Math.round(v * 10000) / 10000);

test('Wilson: Newcombe (1998, Stat Med 17:857), Table II, method 3 (score, no continuity correction)', () => {
  assert.deepEqual(round4(wilsonInterval(81, 263)), [0.2553, 0.3662]);
  assert.deepEqual(round4(wilsonInterval(15, 148)), [0.0624, 0.1605]);
  assert.deepEqual(round4(wilsonInterval(0, 20)), [0, 0.1611]); // 0%
  assert.deepEqual(round4(wilsonInterval(1, 29)), [0.0061, 0.1718]);
});

test('Wilson: 100% mirrors 0%, n = 1 by hand, n = 0 has no interval', () => {
  assert.deepEqual(round4(wilsonInterval(20, 20)), [0.8389, 1]);
  // n = 1, 1 success: centre (1 + z²/2)/(1 + z²) = 0.6033, half-width z/(1 + z²)·√(z²/4) = 0.3967.
  assert.deepEqual(round4(wilsonInterval(1, 1)), [0.2065, 1]);
  assert.deepEqual(round4(wilsonInterval(0, 1)), [0, 0.7935]);
  assert.equal(wilsonInterval(0, 0), null);
  assert.equal(wilsonInterval(3, 2), null);
  // The bounds stay on [0, 1] and contain the estimate.
  for (let n = 1; n <= 40; n++) {
    for (let k = 0; k <= n; k++) {
      const [lo, hi] = wilsonInterval(k, n)!;
      assert.ok(lo >= 0 && hi <= 1 && lo <= k / n && k / n <= hi, `${k}/${n}`);
    }
  }
});

test('exact McNemar: Fagerland, Lydersen & Laake (2013, BMC Med Res Methodol 13:91), 1 vs 7 discordant pairs: p = 0.070', () => {
  assert.equal(Math.round(binomialTestTwoSided(1, 8) * 1000) / 1000, 0.07);
  assert.equal(binomialTestTwoSided(7, 8), binomialTestTwoSided(1, 8));
  // By hand: 2·(1 + 8)/2⁸ = 18/256.
  assert.ok(Math.abs(binomialTestTwoSided(1, 8) - 18 / 256) < 1e-12);
});

test('exact binomial test: hand-computed values and edges', () => {
  assert.equal(binomialTestTwoSided(0, 0), 1); // no discordant pairs: no evidence
  assert.equal(binomialTestTwoSided(0, 1), 1); // 2·½ capped at 1
  assert.ok(Math.abs(binomialTestTwoSided(0, 5) - 2 / 32) < 1e-12);
  assert.ok(Math.abs(binomialTestTwoSided(2, 10) - (2 * (1 + 10 + 45)) / 1024) < 1e-12);
  assert.equal(binomialTestTwoSided(5, 10), 1);
  // R: binom.test(12, 17)$p.value = 0.1435
  assert.ok(Math.abs(binomialTestTwoSided(12, 17) - (2 * (1 + 17 + 136 + 680 + 2380 + 6188)) / 131072) < 1e-12);
  // Large n stays finite and tiny: 100 vs 300 discordant pairs.
  const p = binomialTestTwoSided(100, 400);
  assert.ok(p > 0 && p < 1e-20);
  assert.throws(() => binomialTestTwoSided(3, 2), RangeError);
});
