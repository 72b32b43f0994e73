// The Scores tab's judge-versus-physicians count grids: counts by hand, the statistics' agreement
// figures in the caption, only the physicians' traces, and accessible, theme-coloured SVG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDashboard } from '../../../src/core/charts/dashboardData';
import { dashboardCharts } from '../../../src/core/charts/dashboardCharts';
import { halfSteps, judgeGrids } from '../../../src/core/charts/judgeGrid';
import { computeStats } from '../../../src/core/stats/compute';
import type { AnnotationFile } from '../../../src/core/types';
import { annotationFile } from '../stats/fixtures';

const ITEMS = ['qa-ja-001', 'qa-ja-002', 'qa-ja-003', 'qa-ja-004'];
const U = undefined as unknown as null;
const physicians = [
  annotationFile('dr-a', ITEMS, { clinical_soundness: [4, 2, 5, 1] }),
  annotationFile('dr-b', ITEMS, { clinical_soundness: [4, 3, 5, U] }),
];
function judge(id: string, values: (number | null)[]): AnnotationFile {
  return { ...annotationFile(id, ITEMS, { clinical_soundness: values }), annotator: { id, role: 'model', model: 'm' } };
}
const t = (key: string, ...args: (string | number)[]) => key.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));

test('half steps of a 1–5 scale are the medians two or more physicians can have', () => {
  assert.deepEqual(halfSteps([1, 2, 3, 4, 5]), [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
  assert.deepEqual(halfSteps([]), []);
});

test('the grid counts (judge score, physicians\' median) per item, by hand', () => {
  // Medians: 001 4, 002 2.5, 003 5, 004 1. Judge: 4, 3, 4, 2 → (4,4) (3,2.5) (4,5) (2,1).
  const [grid] = judgeGrids([...physicians, judge('judge-m', [4, 3, 4, 2])], { clinical_soundness: [1, 2, 3, 4, 5] });
  assert.equal(grid.judge, 'judge-m');
  assert.equal(grid.n, 4);
  const at = (score: number, median: number) => grid.counts[grid.scale.indexOf(score)][grid.medians.indexOf(median)];
  assert.deepEqual([at(4, 4), at(3, 2.5), at(4, 5), at(2, 1)], [1, 1, 1, 1]);
  assert.equal(grid.counts.flat().reduce((a, b) => a + b, 0), 4);
});

test('a judge\'s rating of another trace than the physicians rated is not counted', () => {
  const withTrace = (f: AnnotationFile, trace: (id: string) => string): AnnotationFile => ({ ...f, items: Object.fromEntries(Object.entries(f.items).map(([id, e]) => [id, { ...e, traceId: trace(id) }])) });
  const humans = physicians.map((f) => withTrace(f, (id) => `t-${id}`));
  const other = withTrace(judge('judge-m--cot-local', [4, 3, 4, 2]), (id) => (id === 'qa-ja-001' ? `t-${id}` : `cot-${id}`));
  const [grid] = judgeGrids([...humans, other], { clinical_soundness: [1, 2, 3, 4, 5] });
  assert.equal(grid.n, 1);
});

test('the dashboard has one count grid per judge and dimension on the Scores tab, with the agreement figures and a table', () => {
  const files = [...physicians, judge('judge-m', [4, 3, 4, 2])];
  const stats = computeStats(files, { bootstrap: 0 });
  const dash = buildDashboard(files, stats, { bootstrap: 0 });
  const chart = dashboardCharts(dash, t).find((c) => c.id === 'judge-judge-m-clinical_soundness');
  assert.ok(chart, 'a judge chart');
  assert.equal(chart.tab, 'scores');
  // Figures from the statistics (judges.test.ts computes them by hand: κ 0.8125, bias +0.125).
  assert.match(chart.table.caption, /items 4; weighted kappa \(quadratic\) 0\.81; .*bias \(judge − median\) \+0\.13, 95% CI \[/);
  assert.deepEqual(chart.table.headers.slice(1), ['1', '1.5', '2', '2.5', '3', '3.5', '4', '4.5', '5']);
  assert.deepEqual(chart.table.rows.map((r) => r[0]), ['5', '4', '3', '2', '1'], 'highest judge score first');
  assert.deepEqual(chart.table.rows[1], ['4', '0', '0', '0', '0', '0', '0', '1', '0', '1']);
  assert.match(chart.svg, /^<svg [^>]*role="img"[^>]*aria-label="judge-m against the physicians&#39; median: clinical_soundness"/);
  assert.equal((chart.svg.match(/<circle /g) ?? []).length, 4);
  assert.match(chart.svg, /class="medco-point"/);
  assert.match(chart.svg, /<desc [^>]*>items 4; .*4\/4: 1, 4\/5: 1/);
  // Standalone export: the theme rules with fallbacks are embedded.
  const exported = dashboardCharts(dash, t, { standalone: true }).find((c) => c.id === chart.id)!;
  assert.match(exported.svg, /<style>[^<]*var\(--vscode-charts-blue, #3794ff\)/);
});
