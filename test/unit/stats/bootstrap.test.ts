import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapPairwiseCohen } from '../../../src/core/stats/agreementBootstrap';
import { bootstrapAlpha, bootstrapAlphaLevels, bootstrapMean, percentileInterval, resampleCounts } from '../../../src/core/stats/bootstrap';
import { cohenKappa } from '../../../src/core/stats/cohen';
import { krippendorffAlphaFromData, prepareAlphaData } from '../../../src/core/stats/krippendorff';
import { mulberry32 } from '../../../src/core/stats/random';
import { KRIPPENDORFF_2011_OBSERVERS, byUnit } from './published';

const data = prepareAlphaData(byUnit(KRIPPENDORFF_2011_OBSERVERS));

test('same seed → identical alpha interval; another seed → a different one', () => {
  const a = bootstrapAlpha(data, 'ordinal', 500, 42);
  const b = bootstrapAlpha(data, 'ordinal', 500, 42);
  const c = bootstrapAlpha(data, 'ordinal', 500, 43);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.ci95, c.ci95);
});

test('the alpha interval contains the point estimate', () => {
  for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
    const point = krippendorffAlphaFromData(data, level).value!;
    const { ci95 } = bootstrapAlpha(data, level, 1000, 7);
    assert.ok(ci95 && ci95[0] <= point && point <= ci95[1], `${level}: ${point} not in ${ci95}`);
  }
});

test('resamples where alpha is undefined are counted out, not turned into numbers', () => {
  // Two units only: many resamples draw the same unit twice, a single category → alpha undefined.
  const tiny = prepareAlphaData([[1, 1], [2, 2]]);
  const interval = bootstrapAlpha(tiny, 'nominal', 200, 1);
  assert.ok(interval.defined < 200);
  assert.ok(interval.defined > 0);
  assert.deepEqual(interval.ci95, [1, 1]);
});

test('mean interval: reproducible, contains the mean, and null for a single item', () => {
  const units = [[4, 5], [3], [2, 2, 3], [5, 5], [1, 2]];
  const mean = units.flat().reduce((a, b) => a + b, 0) / units.flat().length;
  const a = bootstrapMean(units, 1000, 9);
  assert.deepEqual(a, bootstrapMean(units, 1000, 9));
  assert.ok(a.ci95 && a.ci95[0] <= mean && mean <= a.ci95[1]);
  assert.equal(bootstrapMean([[3, 4]], 100, 1).ci95, null);
});

test('mulberry32 is deterministic and stays in [0, 1)', () => {
  const r1 = mulberry32(123);
  const r2 = mulberry32(123);
  for (let i = 0; i < 1000; i++) {
    const x = r1();
    assert.equal(x, r2());
    assert.ok(x >= 0 && x < 1);
  }
});

test('intervals for several levels share the resamples: each equals the single-level interval', () => {
  const all = bootstrapAlphaLevels(data, ['nominal', 'ordinal', 'interval', 'ratio'], 300, 21);
  for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
    assert.deepEqual(all[level], bootstrapAlpha(data, level, 300, 21));
  }
});

test("each pair's Cohen interval is the percentile interval of kappa over the same item resamples, rated rows expanded by hand", () => {
  // 3 annotators, 40 items, some missing ratings: every pair has its own set of items both rated.
  const random = mulberry32(11);
  const matrix = Array.from({ length: 40 }, () => {
    const truth = 1 + Math.floor(random() * 4);
    return [0, 1, 2].map(() => (random() < 0.15 ? null : Math.min(4, Math.max(1, truth + Math.floor(random() * 3) - 1))));
  });
  const categories = [1, 2, 3, 4];
  const pairs = [[0, 1], [0, 2], [1, 2]] as const;
  const resamples = 300;
  const intervals = bootstrapPairwiseCohen(matrix, pairs, categories, resamples, 5);

  // Reference: draw the same item multiplicities, repeat each row that many times, and compute
  // kappa with the plain contingency-table code.
  const draw = mulberry32(5);
  const counts = new Float64Array(matrix.length);
  const kappas = pairs.map(() => ({ unweighted: [] as number[], linear: [] as number[], quadratic: [] as number[] }));
  for (let b = 0; b < resamples; b++) {
    resampleCounts(matrix.length, draw, counts);
    const rows = matrix.flatMap((row, u) => Array.from({ length: counts[u] }, () => row));
    pairs.forEach(([r, s], k) => {
      for (const weighting of ['unweighted', 'linear', 'quadratic'] as const) {
        const { value } = cohenKappa(rows.map((row) => row[r]), rows.map((row) => row[s]), categories, weighting);
        if (value !== null) kappas[k][weighting].push(value);
      }
    });
  }
  pairs.forEach((_, k) => {
    for (const weighting of ['unweighted', 'linear', 'quadratic'] as const) {
      const expected = percentileInterval(kappas[k][weighting], resamples);
      const actual = intervals[k][weighting];
      assert.equal(actual.defined, expected.defined, `pair ${k} ${weighting}`);
      assert.ok(actual.ci95 && expected.ci95);
      for (const end of [0, 1]) assert.ok(Math.abs(actual.ci95[end] - expected.ci95[end]) < 1e-12, `pair ${k} ${weighting} end ${end}`);
    }
  });
});
