// The README promises means with a t-based 95% CI and the sample SD (n − 1). Checked against a
// hand computation with the t quantile from a printed table: with n = 5, t(0.975, 4) = 2.776
// while z = 1.960, so a normal-approximation interval fails these tests clearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../../src/core/stats/descriptive';
import { computeStats } from '../../../src/core/stats/compute';
import { annotationFile } from './fixtures';

// Values 2, 3, 3, 4, 5 (n = 5), by hand:
//   mean = 17 / 5 = 3.4
//   Σ(x − mean)² = 1.96 + 0.16 + 0.16 + 0.36 + 2.56 = 5.2;  SD = √(5.2 / 4) = √1.3 = 1.140175
//   SE = SD / √5 = 0.509902;  t(0.975, 4) = 2.776 (Student's t table, 4 df, two-sided 95%)
//   half-width = 2.776 × 0.509902 = 1.4155;  CI = [1.9845, 4.8155]
//   (a z interval would be 3.4 ± 1.960 × 0.509902 = [2.4006, 4.3994])
const VALUES = [2, 3, 3, 4, 5];
const HAND = { mean: 3.4, sd: 1.140175, ci95: [1.9845, 4.8155] };

const close = (actual: number | null | undefined, expected: number, tolerance: number, what: string) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance, `${what}: ${actual} ≠ ${expected}`);

test('summarize: mean, SD (n − 1) and t-based 95% CI match the hand computation (n = 5)', () => {
  const s = summarize(VALUES);
  assert.equal(s.n, 5);
  close(s.mean, HAND.mean, 1e-12, 'mean');
  close(s.sd, HAND.sd, 5e-7, 'sd');
  // 5e-4: the table's t is given to 3 decimals (2.776 vs 2.7764…); z would be off by 0.42.
  close(s.ci95?.[0], HAND.ci95[0], 5e-4, 'ci95 low');
  close(s.ci95?.[1], HAND.ci95[1], 5e-4, 'ci95 high');
});

test('medco stats means: the same numbers from one annotator\'s five ratings', () => {
  const ids = VALUES.map((_, i) => `qa-ja-00${i + 1}`);
  const stats = computeStats([annotationFile('x', ids, { clinical_soundness: VALUES })], { bootstrap: 0 });
  const dim = stats.dimensions.clinical_soundness;
  close(dim.mean, HAND.mean, 1e-12, 'mean');
  close(dim.sd, HAND.sd, 5e-7, 'sd');
  close(dim.ci95?.[0], HAND.ci95[0], 5e-4, 'ci95 low');
  close(dim.ci95?.[1], HAND.ci95[1], 5e-4, 'ci95 high');
});
