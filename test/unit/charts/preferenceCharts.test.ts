import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dashboardCharts, preferenceSummary } from '../../../src/core/charts/dashboardCharts';
import { computeStats } from '../../../src/core/stats/compute';
import type { AnnotationFile } from '../../../src/core/types';
import { annotationFile } from '../stats/fixtures';

const t = (key: string, ...args: (string | number)[]) => key.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));

function statsWithComparisons() {
  const comparisons: Record<string, unknown> = {};
  ['medco', 'medco', 'base', 'tie', 'medco', 'both_bad', 'medco', 'base'].forEach((winner, i) => {
    comparisons[`qa-ja-00${i}::base::medco`] = { sides: { '1': i % 2 ? 'base' : 'medco', '2': i % 2 ? 'medco' : 'base' }, winner: { clinical_soundness: winner } };
  });
  const file = { ...annotationFile('dr-x', ['qa-ja-001'], { clinical_soundness: [4] }), comparisons } as AnnotationFile;
  return computeStats([file], { bootstrap: 100, seed: 4 });
}

test('the preferences tab: Bradley–Terry strengths and win rates per dimension, each chart with its table', () => {
  const stats = statsWithComparisons();
  const charts = dashboardCharts({ stats, distributions: {}, alphaByLanguage: {} }, t).filter((c) => c.tab === 'preferences');
  assert.deepEqual(charts.map((c) => c.id), ['strengths-clinical_soundness', 'winrates-clinical_soundness']);
  const [strengths, winrates] = charts;
  assert.deepEqual(strengths.table.rows.map((r) => r[0]), ['medco', 'base']);
  assert.match(strengths.svg, /^<svg/);
  // medco won 4, base 2, 1 tie, 1 both_bad of 8: base's win rate (2 + 1)/8.
  assert.deepEqual(winrates.table.rows[0].slice(0, 7), ['base vs medco', '8', '2', '4', '1', '1', '0.375']);
  // Response 1 (medco on even items, base on odd) won items 0, 4, 6 and 7: 4 of 6 decisive.
  const summary = preferenceSummary({ stats, distributions: {}, alphaByLanguage: {} }, t)!;
  assert.deepEqual(summary.rows[0].slice(0, 4), ['clinical_soundness', '8', '4', '6']);
});

test('no pairwise judgements: no preference charts and no summary', () => {
  const stats = computeStats([annotationFile('dr-x', ['qa-ja-001'], { clinical_soundness: [4] })], { bootstrap: 0 });
  const dash = { stats, distributions: {}, alphaByLanguage: {} };
  assert.equal(dashboardCharts(dash, t).filter((c) => c.tab === 'preferences').length, 0);
  assert.equal(preferenceSummary(dash, t), null);
});
