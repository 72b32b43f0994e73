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

test('an incomplete design gives null with a reason', () => {
  const result = intraclassCorrelations([[1, 2], [3, null], [4, 5]]);
  assert.equal(result.value, null);
  assert.match(result.reason ?? '', /lack a rating/);
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
