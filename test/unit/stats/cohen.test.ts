import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cohenKappa, disagreementWeights, pairwiseCohenKappa, weightedKappaFromTable } from '../../../src/core/stats/cohen';
import { CONT3X3_ABSTRACTORS, rowsFromTable } from './published';

test("Cohen's kappa, Wikipedia worked example (50 proposals, 20/5/10/15): 0.4", () => {
  // Rows: reader A yes/no; columns: reader B yes/no.
  const kappa = weightedKappaFromTable([[20, 5], [10, 15]], disagreementWeights(2, 'unweighted')).value!;
  assert.ok(Math.abs(kappa - 0.4) < 1e-12, String(kappa));
});

test("Cohen's kappa, irrCAC vignette (Gwet) kappa2.table(cont3x3abstractors) = 0.7964094", () => {
  const kappa = weightedKappaFromTable(CONT3X3_ABSTRACTORS, disagreementWeights(3, 'unweighted')).value!;
  assert.ok(Math.abs(kappa - 0.7964094) < 5e-8, String(kappa));
});

// Cohen (1968), "Weighted kappa", Psychological Bulletin 70(4): the worked example with cell
// proportions p_o (rows rater 1, columns rater 2) and disagreement weights v
// (0 1 3 / 1 0 6 / 3 6 0). Published: κ = .492 unweighted, κ_w = .348 (also reproduced in the
// documentation of R's psych::cohen.kappa).
const COHEN_1968_PROPORTIONS = [
  [0.44, 0.07, 0.09],
  [0.05, 0.2, 0.05],
  [0.01, 0.03, 0.06],
];
const COHEN_1968_WEIGHTS = [
  [0, 1, 3],
  [1, 0, 6],
  [3, 6, 0],
];

test('Cohen 1968 worked example: unweighted kappa .492', () => {
  const kappa = weightedKappaFromTable(COHEN_1968_PROPORTIONS, disagreementWeights(3, 'unweighted')).value!;
  assert.ok(Math.abs(kappa - 0.492) < 0.0005, String(kappa));
});

test('Cohen 1968 worked example: weighted kappa .348', () => {
  const kappa = weightedKappaFromTable(COHEN_1968_PROPORTIONS, COHEN_1968_WEIGHTS).value!;
  assert.ok(Math.abs(kappa - 0.348) < 0.0005, String(kappa));
});

test('quadratic-weighted kappa, irrCAC weighting vignette (Gwet): cont3x3abstractors 0.8921569', () => {
  const kappa = weightedKappaFromTable(CONT3X3_ABSTRACTORS, disagreementWeights(3, 'quadratic')).value!;
  assert.ok(Math.abs(kappa - 0.8921569) < 5e-8, String(kappa));
});

test('linear and quadratic weights on a hand-computed 3×3 table', () => {
  // Table (counts, 10 items): [[2,1,0],[0,3,1],[1,0,2]]. Rows 3,4,3; columns 3,4,3 (/10).
  // Linear v = |i−j|: observed Σ v p_o, cell by cell:
  //   (0,1)=1·.1, (1,2)=1·.1, (2,0)=2·.1 → 0.4
  //   expected Σ v r_i c_j: |i−j|=1 cells: .3·.4+.4·.3+.4·.3+.3·.4 = .48; |i−j|=2: 2(.3·.3+.3·.3) = .36 → 0.84
  //   κ_linear = 1 − 0.4/0.84 = 0.523809…
  // Quadratic v = (i−j)²: observed .1+.1+4·.1 = 0.6; expected .48 + 4·.18 = 1.2 → κ = 0.5
  const a = [1, 1, 1, 2, 2, 2, 2, 3, 3, 3];
  const b = [1, 1, 2, 2, 2, 2, 3, 1, 3, 3];
  assert.ok(Math.abs(cohenKappa(a, b, [1, 2, 3], 'linear').value! - (1 - 0.4 / 0.84)) < 1e-12);
  assert.ok(Math.abs(cohenKappa(a, b, [1, 2, 3], 'quadratic').value! - 0.5) < 1e-12);
});

test('pairwise kappa uses only the items both annotators rated', () => {
  const table = rowsFromTable([[20, 5], [10, 15]]);
  // A third annotator who rated nothing in common with the others, and extra half-rated rows.
  const matrix = [...table.map((r) => [...r, null]), [1, null, 2], [null, 2, 1]];
  const pairs = pairwiseCohenKappa(matrix, ['a', 'b', 'c'], [1, 2]);
  assert.deepEqual(pairs.map((p) => p.annotators), [['a', 'b'], ['a', 'c'], ['b', 'c']]);
  assert.equal(pairs[0].n, 50);
  assert.ok(Math.abs(pairs[0].unweighted! - 0.4) < 1e-12);
  assert.equal(pairs[1].n, 1);
});

test('both annotators used one identical category: kappa is null with a reason', () => {
  const result = cohenKappa([3, 3, 3], [3, 3, 3], [1, 2, 3, 4, 5]);
  assert.equal(result.value, null);
  assert.match(result.reason ?? '', /chance disagreement is 0/);
});

test('no items in common: null with a reason', () => {
  const result = cohenKappa([1, null], [null, 2], [1, 2]);
  assert.equal(result.value, null);
  assert.match(result.reason ?? '', /no items/);
});
