// The statistics panel's Scores section: the sample's traces scored, one accuracy chart per task
// with bars per configuration and language, whiskers for the intervals, a table beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { scoresForDashboard } from '../../../src/core/scoring/dashboardScores';
import { scoreCharts } from '../../../src/core/charts/scoreCharts';
import { isStatsHostToWebview } from '../../../src/protocol/stats';

const root = path.resolve(__dirname, '../../..');
const t = (key: string, ...args: (string | number)[]) => key.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));

test('the sample workspace: NLI accuracy by language with Wilson whiskers; no traces file, no scores', async () => {
  const { scores, problems } = await scoresForDashboard({ datasetFiles: [path.join(root, 'sample/multimedx-sample.jsonl')], tracesFiles: [path.join(root, 'sample/multimedx-sample.traces.jsonl')] }, 1);
  assert.deepEqual(problems, []);
  assert.ok(scores);
  const charts = scoreCharts(scores, t);
  assert.deepEqual(charts.map((c) => c.id), ['accuracy-nli']);
  const [chart] = charts;
  assert.equal(chart.title, 'Accuracy on NLI by language and configuration (final answers)');
  // Seven languages, one configuration (the sample's traces have no config.name: coreasoner).
  assert.equal(chart.table.rows.length, 7);
  const th = chart.table.rows.find((r) => r[0] === 'th')!;
  // nli-th-002's final answer is wrong: 1 of 2, Wilson [9.5, 90.5].
  assert.deepEqual(th, ['th', 'coreasoner', '1', '2', '50.0', '[9.5, 90.5]']);
  assert.equal((chart.svg.match(/class="medco-bar /g) ?? []).length, 7);
  assert.match(chart.svg, /data-category="th" data-series="coreasoner" data-value="0.5" data-lo="0.09/);
  assert.equal((chart.svg.match(/class="medco-whisker"/g) ?? []).length, 7);
  // The dashboard with scores passes the protocol guard; malformed scores do not.
  const dashboard = { stats: { dimensions: {}, annotators: [], annotatorSummary: [], flags: {}, notes: [] }, distributions: {}, alphaByLanguage: {} };
  assert.ok(isStatsHostToWebview({ type: 'showStats', dashboard: { ...dashboard, scores }, strings: {}, computedAt: 'x' }));
  assert.ok(!isStatsHostToWebview({ type: 'showStats', dashboard: { ...dashboard, scores: { results: 1 } }, strings: {}, computedAt: 'x' }));
  const none = await scoresForDashboard({ datasetFiles: [path.join(root, 'sample/multimedx-sample.jsonl')], tracesFiles: [path.join(root, 'sample/none.traces.jsonl')] }, 1);
  assert.equal(none.scores, undefined);
});

test('several rounds: the bar is the mean, the whisker ± SD over rounds', () => {
  const result = (round: number, accuracy: number) => ({ config: 'direct', round, lang: 'ja', task: 'nli', side: 'final', n: 10, accuracy, ci95: [0, 1] as [number, number] });
  const charts = scoreCharts({ results: [result(1, 0.8), result(2, 0.9), result(3, 1)], rounds: [{ config: 'direct', lang: 'ja', task: 'nli', side: 'final', rounds: [1, 2, 3], accuracy_mean: 0.9, accuracy_sd: 0.1 }] }, t);
  assert.deepEqual(charts[0].table.rows, [['ja', 'direct', '3', '10/10/10', '90.0', '± 10.0']]);
  assert.match(charts[0].svg, /data-value="0.9" data-lo="0.8" data-hi="1"/);
});
