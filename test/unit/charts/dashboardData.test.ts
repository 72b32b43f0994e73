import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDashboard, dashboardCharts, keyNumbersTable } from '../../../src/core/charts';
import { computeStats } from '../../../src/core/stats/compute';
import { annotationFile } from '../stats/fixtures';
import { KRIPPENDORFF_2011_OBSERVERS } from '../stats/published';

// Japanese items: Krippendorff (2011)'s 4 observers × 12 units (ordinal alpha .815 published).
// Chinese items: everyone gives 4 (alpha undefined: one category) except one "not assessable": 7 fours.
const ja = Array.from({ length: 12 }, (_, i) => `qa-ja-${String(i + 1).padStart(3, '0')}`);
const zh = ['qa-zh-001', 'qa-zh-002'];
const observers = ['A', 'B', 'C', 'D'];

function files() {
  return observers.map((name, o) => {
    const column = KRIPPENDORFF_2011_OBSERVERS[o];
    const values: (number | null | undefined)[] = column.map((v) => (v === null ? undefined : v));
    const zhValues: (number | null)[] = [4, o === 0 ? null : 4];
    return annotationFile(name, [...ja, ...zh], { clinical_soundness: [...values, ...zhValues] as (number | null)[] });
  });
}

const t = (key: string, ...args: (string | number)[]) => key.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)]));

test('score counts per language: Krippendorff 2011 value counts (n_c = 9, 13, 10, 5, 3 plus the lone 3 of unit 12)', () => {
  const f = files();
  const stats = computeStats(f, { bootstrap: 0 });
  const dash = buildDashboard(f, stats, { bootstrap: 0 });
  const dist = dash.distributions.clinical_soundness;
  assert.deepEqual(dist.scale, [1, 2, 3, 4, 5]);
  assert.deepEqual(dist.byLanguage.ja, { counts: [9, 13, 11, 5, 3], notAssessable: 0 });
  assert.deepEqual(dist.byLanguage.zh, { counts: [0, 0, 0, 7, 0], notAssessable: 1 });
});

test('alpha per language: published ordinal .815; undefined with a reason when there is one category', () => {
  const f = files();
  const stats = computeStats(f, { bootstrap: 0 });
  const dash = buildDashboard(f, stats, { bootstrap: 200, seed: 7 });
  const [jaAlpha, zhAlpha] = dash.alphaByLanguage.clinical_soundness;
  assert.equal(jaAlpha.lang, 'ja');
  assert.equal(jaAlpha.pairableItems, 11);
  assert.ok(Math.abs((jaAlpha.alpha ?? NaN) - 0.815) < 0.0005, String(jaAlpha.alpha));
  assert.ok(jaAlpha.ci95 && jaAlpha.ci95[0] < jaAlpha.ci95[1] && jaAlpha.ci95[1] <= 1);
  assert.equal(zhAlpha.lang, 'zh');
  assert.equal(zhAlpha.alpha, null);
  assert.equal(zhAlpha.ci95, null);
  assert.ok(zhAlpha.reason && zhAlpha.reason.length > 0);
  // Seeded: the same seed gives the same interval, another seed (almost surely) another one.
  assert.deepEqual(buildDashboard(f, stats, { bootstrap: 200, seed: 7 }).alphaByLanguage, dash.alphaByLanguage);
  assert.notDeepEqual(buildDashboard(f, stats, { bootstrap: 200, seed: 8 }).alphaByLanguage.clinical_soundness[0].ci95, jaAlpha.ci95);
});

test('every dashboard chart has a title, a text description and a table with one row per category', () => {
  const f = files();
  const stats = computeStats(f, { bootstrap: 0 });
  const charts = dashboardCharts(buildDashboard(f, stats, { bootstrap: 50 }), t);
  assert.deepEqual(charts.map((c) => c.id), ['scores-clinical_soundness', 'alpha-clinical_soundness', 'annotators']);
  for (const c of charts) {
    assert.ok(c.title.length > 0 && c.description.length > 0);
    assert.ok(c.svg.includes(`aria-label="${c.title.replace(/'/g, '&#39;')}"`), c.id);
  }
  const scores = charts[0].table;
  assert.deepEqual(scores.rows.map((r) => r[0]), ['ja', 'zh']);
  assert.deepEqual(scores.headers.slice(1, 7), ['1', '2', '3', '4', '5', 'not assessable']);
  assert.deepEqual(scores.rows[0].slice(1, 7), ['9', '13', '11', '5', '3', '0']);
  assert.equal(charts[1].table.rows[0][2], '0.815');
  assert.equal(charts[1].table.rows[1][2], '—');
  assert.deepEqual(charts[2].table.rows.map((r) => r[0]), observers);
  const key = keyNumbersTable(buildDashboard(f, stats, { bootstrap: 0 }), t);
  assert.equal(key.rows[0][0], 'clinical_soundness');
});
