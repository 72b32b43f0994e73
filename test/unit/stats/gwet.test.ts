import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gwetAC, gwetWeights } from '../../../src/core/stats/gwet';
import { CONT3X3_ABSTRACTORS, DISTRIB_6RATERS, KRIPPENDORFF_2011_OBSERVERS, byUnit, rowsFromCounts, rowsFromTable } from './published';

test("Gwet's AC1, irrCAC vignette (Gwet) gwet.ac1.table(cont3x3abstractors) = 0.8493305", () => {
  const ac1 = gwetAC(rowsFromTable(CONT3X3_ABSTRACTORS), [1, 2, 3]).value!;
  assert.ok(Math.abs(ac1 - 0.8493305) < 5e-8, String(ac1));
});

test('AC1 on a hand-computed 2×2 table (Wikipedia kappa example, 20/5/10/15)', () => {
  // p_a = (20 + 15)/50 = 0.7.
  // π_yes = mean over items of (yes ratings / 2) = (2·20 + 5 + 10)/(2·50) = 0.55; π_no = 0.45.
  // p_e = T_w/(q(q−1)) Σ π_k(1−π_k) = 2/2 · (0.55·0.45 + 0.45·0.55) = 0.495.
  // AC1 = (0.7 − 0.495)/(1 − 0.495) = 0.205/0.505 = 0.405940…
  const ac1 = gwetAC(rowsFromTable([[20, 5], [10, 15]]), [1, 2]).value!;
  assert.ok(Math.abs(ac1 - 0.205 / 0.505) < 1e-12, String(ac1));
});

test('AC1, 4 raters with missing ratings: irrCAC README gwet.ac1.raw(cac.raw4raters) = 0.77544', () => {
  // cac.raw4raters (Gwet 2014, p. 120) is the Krippendorff (2011) matrix; the README prints
  // p_a 0.8181818, p_e 0.1903212, AC1 0.77544.
  const ac1 = gwetAC(byUnit(KRIPPENDORFF_2011_OBSERVERS), [1, 2, 3, 4, 5]).value!;
  assert.ok(Math.abs(ac1 - 0.77544) < 0.000005, String(ac1));
});

test('AC1, 6 raters, 15 subjects: irrCAC README gwet.ac1.dist(distrib.6raters) = 0.4448007', () => {
  const ac1 = gwetAC(rowsFromCounts(DISTRIB_6RATERS), [1, 2, 3, 4, 5]).value!;
  assert.ok(Math.abs(ac1 - 0.4448007) < 5e-8, String(ac1));
});

test('with 2 categories, linear and quadratic weights equal identity, so AC2 = AC1', () => {
  const rows = rowsFromTable([[20, 5], [10, 15]]);
  const ac1 = gwetAC(rows, [1, 2]).value!;
  assert.equal(gwetAC(rows, [1, 2], 'linear').value, ac1);
  assert.equal(gwetAC(rows, [1, 2], 'quadratic').value, ac1);
});

test('near-misses count as partial agreement: AC2 quadratic ≥ linear ≥ AC1 when raters differ by one step', () => {
  const rows = [[1, 2], [2, 3], [3, 4], [4, 5], [5, 5], [1, 1]];
  const ac1 = gwetAC(rows, [1, 2, 3, 4, 5]).value!;
  const linear = gwetAC(rows, [1, 2, 3, 4, 5], 'linear').value!;
  const quadratic = gwetAC(rows, [1, 2, 3, 4, 5], 'quadratic').value!;
  assert.ok(ac1 < linear && linear < quadratic, `${ac1} ${linear} ${quadratic}`);
});

test('no item with 2 ratings: null with a reason', () => {
  const result = gwetAC([[1, null], [null, 2]], [1, 2]);
  assert.equal(result.value, null);
  assert.match(result.reason ?? '', /2 or more ratings/);
});

test('AC2 weights match the irrCAC weighting vignette: linear.weights(1:3), quadratic.weights(1:3)', () => {
  assert.deepEqual(gwetWeights([1, 2, 3], 'linear'), [[1, 0.5, 0], [0.5, 1, 0.5], [0, 0.5, 1]]);
  assert.deepEqual(gwetWeights([1, 2, 3], 'quadratic'), [[1, 0.75, 0], [0.75, 1, 0.75], [0, 0.75, 1]]);
});

// irrCAC weighting vignette "Weighted Chance-corrected Agreement Coefficients" (Gwet), quadratic weights.
test('AC2 quadratic, irrCAC weighting vignette: cont3x3abstractors 0.9402369', () => {
  const ac2 = gwetAC(rowsFromTable(CONT3X3_ABSTRACTORS), [1, 2, 3], 'quadratic').value!;
  assert.ok(Math.abs(ac2 - 0.9402369) < 5e-8, String(ac2));
});

test('AC2 quadratic, irrCAC weighting vignette: cac.raw4raters (4 raters, missing data) 0.914', () => {
  const ac2 = gwetAC(byUnit(KRIPPENDORFF_2011_OBSERVERS), [1, 2, 3, 4, 5], 'quadratic').value!;
  assert.ok(Math.abs(ac2 - 0.914) < 0.0005, String(ac2));
});

test('AC2 quadratic, irrCAC weighting vignette: distrib.6raters 0.4837438', () => {
  const ac2 = gwetAC(rowsFromCounts(DISTRIB_6RATERS), [1, 2, 3, 4, 5], 'quadratic').value!;
  assert.ok(Math.abs(ac2 - 0.4837438) < 5e-8, String(ac2));
});

// Linear-weighted AC2, as published with the irrCAC package's worked examples (Gwet 2014 data):
// the Python port of irrCAC checks gwet(weights='linear') against them, to 3 decimals.
test('AC2 linear, irrCAC: cac.raw4raters (4 raters, missing data) p_a 0.939, p_e 0.571, AC2 0.859', () => {
  const ac2 = gwetAC(byUnit(KRIPPENDORFF_2011_OBSERVERS), [1, 2, 3, 4, 5], 'linear').value!;
  assert.ok(Math.abs(ac2 - 0.859) < 0.0005, String(ac2));
});

test('AC2 linear, irrCAC: cont3x3abstractors 0.900', () => {
  const ac2 = gwetAC(rowsFromTable(CONT3X3_ABSTRACTORS), [1, 2, 3], 'linear').value!;
  assert.ok(Math.abs(ac2 - 0.9) < 0.0005, String(ac2));
});

// irrCAC (Python port of Gwet's R package, its unit tests against the R package's printed output):
// gwet() on raw_4raters with weights "ordinal": p_a 0.968, p_e 0.685, AC2 0.899; "ratio": 0.954, 0.678, 0.857.
test('AC2 ordinal, irrCAC: cac.raw4raters 0.899', () => {
  const ac2 = gwetAC(byUnit(KRIPPENDORFF_2011_OBSERVERS), [1, 2, 3, 4, 5], 'ordinal').value!;
  assert.equal(Number(ac2.toFixed(3)), 0.899, String(ac2));
});

test('AC2 ratio, irrCAC: cac.raw4raters 0.857', () => {
  const ac2 = gwetAC(byUnit(KRIPPENDORFF_2011_OBSERVERS), [1, 2, 3, 4, 5], 'ratio').value!;
  assert.equal(Number(ac2.toFixed(3)), 0.857, String(ac2));
});

test('ordinal weights match the irrCAC weighting vignette: ordinal.weights(1:3)', () => {
  const w = gwetWeights([1, 2, 3], 'ordinal');
  assert.deepEqual(w.map((row) => row.map((x) => Number(x.toFixed(7)))), [[1, 0.6666667, 0], [0.6666667, 1, 0.6666667], [0, 0.6666667, 1]]);
});

test('ratio weights use the category values: 1 − ((k − l)/(k + l))² / ((max − min)/(max + min))²', () => {
  const w = gwetWeights([1, 2, 3], 'ratio');
  // (1,2): (1/3)² / (2/4)² = 4/9 → 5/9; (2,3): (1/5)² / (1/2)² = 4/25 → 21/25.
  assert.ok(Math.abs(w[0][1] - 5 / 9) < 1e-12 && Math.abs(w[1][2] - 21 / 25) < 1e-12 && w[0][2] === 0);
});
