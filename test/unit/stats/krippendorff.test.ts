import { test } from 'node:test';
import assert from 'node:assert/strict';
import { krippendorffAlpha } from '../../../src/core/stats/krippendorff';
import { CONT3X3_ABSTRACTORS, DISTRIB_6RATERS, KRIPPENDORFF_2011_OBSERVERS, byUnit, rowsFromCounts, rowsFromTable } from './published';

const close = (actual: number | null, expected: number, digits: number) => {
  assert.notEqual(actual, null);
  assert.ok(Math.abs(actual! - expected) <= 0.5 * 10 ** -digits, `${actual} ≠ ${expected} to ${digits} decimals`);
};

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": the example of nominal data
// from any number of observers with missing values, and the alphas the paper reports for the same
// data at the other levels of measurement: nominal .743, ordinal .815, interval .849, ratio .797.
const data = byUnit(KRIPPENDORFF_2011_OBSERVERS);

test('Krippendorff 2011 example with missing data: nominal alpha = .743', () => {
  close(krippendorffAlpha(data, 'nominal').value, 0.743, 3);
});

test('Krippendorff 2011 example: ordinal alpha = .815', () => {
  close(krippendorffAlpha(data, 'ordinal').value, 0.815, 3);
});

test('Krippendorff 2011 example: interval alpha = .849', () => {
  close(krippendorffAlpha(data, 'interval').value, 0.849, 3);
});

test('Krippendorff 2011 example: ratio alpha = .797', () => {
  close(krippendorffAlpha(data, 'ratio').value, 0.797, 3);
});

test('two raters on a contingency table: irrCAC vignette (Gwet) krippen2.table(cont3x3abstractors) = 0.7972585', () => {
  close(krippendorffAlpha(rowsFromTable(CONT3X3_ABSTRACTORS), 'nominal').value, 0.7972585, 6);
});

test('Krippendorff 2011, binary data, two observers, 10 units: nominal alpha = .095', () => {
  // Observer A: 0 1 0 0 0 0 0 0 1 0; observer B: 1 1 1 0 0 1 0 0 0 0.
  const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
  const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
  close(krippendorffAlpha(a.map((v, u) => [v, b[u]]), 'nominal').value, 0.095, 3);
});

test('6 raters, 15 subjects: irrCAC README krippen.alpha.dist(distrib.6raters) = 0.4204384', () => {
  close(krippendorffAlpha(rowsFromCounts(DISTRIB_6RATERS), 'nominal').value, 0.4204384, 6);
});

test('a unit with a single value is not pairable and changes nothing', () => {
  const withLoneValue = [...data, [5, null, null, null]];
  assert.equal(krippendorffAlpha(withLoneValue, 'nominal').value, krippendorffAlpha(data, 'nominal').value);
});

test('one category only: alpha is null with a reason, not a number', () => {
  const result = krippendorffAlpha([[3, 3], [3, 3, null]], 'ordinal');
  assert.equal(result.value, null);
  assert.match(result.reason ?? '', /single category|no variation/);
});

test('fewer than 2 pairable values: alpha is null with a reason', () => {
  const result = krippendorffAlpha([[1, null], [null, 2]], 'nominal');
  assert.equal(result.value, null);
  assert.match(result.reason ?? '', /pairable/);
});

test('perfect agreement with variation gives alpha = 1 at every level', () => {
  for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
    assert.equal(krippendorffAlpha([[1, 1], [2, 2], [4, 4, 4]], level).value, 1);
  }
});
