import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStatsHostToWebview, isStatsWebviewToHost } from '../../../src/protocol/stats';
import { buildDashboard } from '../../../src/core/charts';
import { computeStats } from '../../../src/core/stats/compute';
import { annotationFile } from '../stats/fixtures';

test('the webview accepts a real dashboard message and refuses malformed ones', () => {
  const files = [annotationFile('a', ['qa-ja-001', 'qa-ja-002'], { clinical_soundness: [4, 3] }), annotationFile('b', ['qa-ja-001', 'qa-ja-002'], { clinical_soundness: [4, 2] })];
  const stats = computeStats(files, { bootstrap: 0 });
  // What the host posts goes through JSON on its way to the webview.
  const message = JSON.parse(JSON.stringify({ type: 'showStats', dashboard: buildDashboard(files, stats, { bootstrap: 0 }), strings: { Statistics: '統計' }, computedAt: new Date().toISOString() }));
  assert.equal(isStatsHostToWebview(message), true);
  assert.equal(isStatsHostToWebview({ ...message, strings: { Statistics: 1 } }), false);
  assert.equal(isStatsHostToWebview({ ...message, dashboard: { stats: {} } }), false);
  assert.equal(isStatsHostToWebview({ type: 'statsError', message: 'x', strings: {} }), true);
  assert.equal(isStatsHostToWebview({ type: 'statsError', message: 3, strings: {} }), false);
  assert.equal(isStatsHostToWebview({ type: 'showItem' }), false);
  assert.equal(isStatsHostToWebview(null), false);
});

test('the host accepts only ready, refresh and export from the webview', () => {
  for (const type of ['ready', 'refresh', 'export']) assert.equal(isStatsWebviewToHost({ type }), true);
  for (const bad of [{ type: 'saveRating' }, { type: 'export ' }, 'ready', null, []]) assert.equal(isStatsWebviewToHost(bad), false);
});
