import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapAlpha, bootstrapAlphaLevels, bootstrapMean } from '../../../src/core/stats/bootstrap';
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
