import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intraclassCorrelations } from '../../../src/core/stats/icc';

// Shrout & Fleiss (1979), "Intraclass correlations: Uses in assessing rater reliability",
// Psychological Bulletin 86(2): the Table 2 data (6 targets × 4 judges) and the ICCs the paper reports for them:
// ICC(1,1) = .17, ICC(2,1) = .29, ICC(3,1) = .71, ICC(1,4) = .44, ICC(2,4) = .62, ICC(3,4) = .91.
const TABLE_2 = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

test('Shrout & Fleiss 1979 Table 2: all six ICCs match the published values to 2 decimals', () => {
  const result = intraclassCorrelations(TABLE_2);
  assert.ok(result.value, result.reason);
  const values: Record<string, number | null> = { ...result.value };
  const published = { ICC1: 0.17, ICC2: 0.29, ICC3: 0.71, ICC1k: 0.44, ICC2k: 0.62, ICC3k: 0.91 };
  for (const [key, expected] of Object.entries(published)) {
    const actual = values[key]!;
    assert.equal(Math.round(actual * 100) / 100, expected, `${key}: ${actual}`);
  }
});

// The same data in R's psych::ICC (its documented example on the Shrout & Fleiss table), whose
// bounds follow McGraw & Wong (1996): ICC1 [-0.133, 0.72], ICC2 [0.019, 0.76], ICC3 [0.342, 0.95],
// ICC1k [-0.884, 0.91], ICC2k [0.071, 0.93], ICC3k [0.676, 0.99] (printed to 3 and 2 decimals).
test('Shrout & Fleiss Table 2: F-distribution 95% intervals match McGraw & Wong as psych::ICC prints them', () => {
  const { ci95 } = intraclassCorrelations(TABLE_2);
  assert.ok(ci95);
  const published: Record<string, [number, number]> = {
    ICC1: [-0.133, 0.72], ICC2: [0.019, 0.76], ICC3: [0.342, 0.95], ICC1k: [-0.884, 0.91], ICC2k: [0.071, 0.93], ICC3k: [0.676, 0.99],
  };
  for (const [key, [lo, hi]] of Object.entries(published)) {
    const got: [number, number] = ci95[key as keyof typeof ci95]!;
    assert.equal(Number(got[0].toFixed(3)), lo, `${key} lower ${got[0]}`);
    assert.equal(Number(got[1].toFixed(2)), hi, `${key} upper ${got[1]}`);
  }
});

test('each interval holds its ICC', () => {
  const { value, ci95 } = intraclassCorrelations(TABLE_2);
  for (const key of ['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'] as const) {
    assert.ok(ci95![key]![0] <= value![key]! && value![key]! <= ci95![key]![1], key);
  }
});

test('an incomplete design uses the complete cases and says how many', () => {
  const withGaps = [...TABLE_2, [3, null, 4, 5], [null, 2, 2, 2]];
  const result = intraclassCorrelations(withGaps);
  assert.equal(result.items, 6);
  assert.deepEqual(result.value, intraclassCorrelations(TABLE_2).value);
  assert.match(result.reason ?? '', /2 of 8 rated items lack a rating/);
});

test('fewer than 2 complete items: null with a reason', () => {
  const result = intraclassCorrelations([[1, 2], [3, null], [null, 5]]);
  assert.equal(result.value, null);
  assert.equal(result.items, 1);
  assert.match(result.reason ?? '', /fewer than 2 items rated by every annotator/);
});

test('an annotator who rated nothing on the dimension is not a judge of the design', () => {
  const result = intraclassCorrelations(TABLE_2.map((row) => [...row, null]));
  assert.deepEqual(result.value, intraclassCorrelations(TABLE_2).value);
});

test('rows nobody rated are not targets', () => {
  const withEmpty = [...TABLE_2, [null, null, null, null]];
  assert.deepEqual(intraclassCorrelations(withEmpty).value, intraclassCorrelations(TABLE_2).value);
});

test('a single rated item: null with a reason', () => {
  const result = intraclassCorrelations([[1, 2, 3]]);
  assert.equal(result.value, null);
  assert.match(result.reason ?? '', /fewer than 2/);
});
