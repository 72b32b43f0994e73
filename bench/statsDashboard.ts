// Benchmark of the statistics dashboard on a study the size of MultiMed-X: 2,450 items
// (7 languages × 350) × 3 annotators × 2 dimensions, seeded, ~10% "not assessable".
// Baseline, measured in the same run: computeStats, the `medco stats` document the panel starts
// from (with its 1000-resample bootstrap). Reported as ratios to it:
//   extras  = buildDashboard (score counts + per-language ordinal alpha with 1000-resample CIs)
//   charts  = dashboardCharts (all SVG markup and tables, as the webview and the export build them)
// Run: node --import tsx bench/statsDashboard.ts
import { performance } from 'node:perf_hooks';
import { buildDashboard, dashboardCharts } from '../src/core/charts';
import { computeStats } from '../src/core/stats/compute';
import { dashboardStudy } from './dashboardStudy';

const files = dashboardStudy('multimedx');

const t = (key: string, ...args: (string | number)[]) => key.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)]));
function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

const runs = 3;
const base: number[] = [];
const extras: number[] = [];
const charts: number[] = [];
for (let r = 0; r < runs + 1; r++) {
  const [stats, b] = time(() => computeStats(files, { bootstrap: 1000 }));
  const [dash, e] = time(() => buildDashboard(files, stats, { bootstrap: 1000 }));
  const [, c] = time(() => dashboardCharts(dash, t));
  if (r === 0) continue; // warm-up
  base.push(b);
  extras.push(e);
  charts.push(c);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [mb, me, mc] = [median(base), median(extras), median(charts)];
console.log(`items ${Object.keys(files[0].items).length}, annotators ${files.length}, dimensions 2, bootstrap 1000, median of ${runs}`);
console.log(`baseline computeStats     ${mb.toFixed(0)} ms   1.00`);
console.log(`buildDashboard (extras)   ${me.toFixed(0)} ms   ${(me / mb).toFixed(2)} × baseline`);
console.log(`dashboardCharts (SVG)     ${mc.toFixed(1)} ms   ${(mc / mb).toFixed(3)} × baseline`);
console.log(`panel total               ${(mb + me + mc).toFixed(0)} ms   ${((mb + me + mc) / mb).toFixed(2)} × baseline`);
