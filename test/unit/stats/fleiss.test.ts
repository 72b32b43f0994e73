import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fleissKappa, fleissKappaFromCounts } from '../../../src/core/stats/fleiss';
import { DISTRIB_6RATERS, KRIPPENDORFF_2011_OBSERVERS, byUnit } from './published';

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

// irrCAC README (Gwet): fleiss.kappa.raw(cac.raw4raters) on 12 units × 4 raters with missing
// ratings gives Fleiss' kappa 0.7612 (Gwet's generalisation; p_a 0.818 as for AC1).
test("Fleiss kappa with missing ratings, irrCAC fleiss.kappa.raw(cac.raw4raters) = 0.7612", () => {
  const result = fleissKappa(byUnit(KRIPPENDORFF_2011_OBSERVERS));
  assert.ok(result.value !== null, result.reason);
  assert.equal(Number(result.value.toFixed(4)), 0.7612, String(result.value));
});

test('an incomplete design is no longer null: items with fewer ratings take part (hand-computed)', () => {
  // Items [1,2,3], [1,1,–], [2,2,2]: p_a = (0 + 1 + 1)/3 = 2/3;
  // π = mean of per-item shares: 1 → (1/3 + 1 + 0)/3 = 4/9, 2 → (1/3 + 0 + 1)/3 = 4/9, 3 → 1/9;
  // p_e = 16/81 + 16/81 + 1/81 = 33/81; κ = (2/3 − 33/81)/(1 − 33/81) = (21/81)/(48/81) = 0.4375.
  const result = fleissKappa([[1, 2, 3], [1, 1, null], [2, 2, 2]]);
  assert.ok(Math.abs(result.value! - 0.4375) < 1e-12, String(result.value));
});

test('an item with one rating counts in the category shares, not in the observed agreement', () => {
  const withSingle = fleissKappa([[1, 1], [2, 2], [1, 2], [2, null]]).value!;
  // p_a = (1 + 1 + 0)/3 = 2/3; π_1 = (1 + 0 + ½ + 0)/4 = 3/8, π_2 = 5/8; p_e = 34/64.
  assert.ok(Math.abs(withSingle - (2 / 3 - 34 / 64) / (1 - 34 / 64)) < 1e-12, String(withSingle));
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
