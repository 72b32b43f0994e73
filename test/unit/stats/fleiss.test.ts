import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fleissKappa, fleissKappaFromCounts } from '../../../src/core/stats/fleiss';
import { DISTRIB_6RATERS } from './published';

// Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
// Published: P̄ = 0.378, P̄e = 0.213, κ = 0.210.
const WIKIPEDIA_COUNTS = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

test('Fleiss kappa, Wikipedia worked example: 0.210', () => {
  const kappa = fleissKappaFromCounts(WIKIPEDIA_COUNTS).value!;
  assert.ok(Math.abs(kappa - 0.21) < 0.0005, String(kappa));
});

test('the same example as a unit × rater matrix gives the same kappa', () => {
  // Spread each subject's counts over 14 rater columns.
  const matrix = WIKIPEDIA_COUNTS.map((row) => row.flatMap((count, category) => new Array<number>(count).fill(category + 1)));
  assert.ok(Math.abs(fleissKappa(matrix).value! - 0.21) < 0.0005);
});

test('an incomplete design (different numbers of ratings per item) gives null with a reason', () => {
  const result = fleissKappa([[1, 2, 3], [1, 1, null], [2, 2, 2]]);
  assert.equal(result.value, null);
  assert.match(result.reason ?? '', /same number of ratings/);
});

test('items nobody rated are not part of the design', () => {
  const result = fleissKappa([[1, 2], [null, null], [2, 2]]);
  assert.notEqual(result.value, null);
});

test('all ratings in one category: null with a reason', () => {
  const result = fleissKappa([[4, 4], [4, 4]]);
  assert.equal(result.value, null);
  assert.match(result.reason ?? '', /one category/);
});

test('Fleiss kappa, irrCAC README fleiss.kappa.dist(distrib.6raters) = 0.4139265', () => {
  const kappa = fleissKappaFromCounts(DISTRIB_6RATERS).value!;
  assert.ok(Math.abs(kappa - 0.4139265) < 5e-8, String(kappa));
});
