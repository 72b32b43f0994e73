// Benchmark of the statistics dashboard on a study the size of MultiMed-X: 2,450 items
// (7 languages × 350) × 3 annotators × 2 dimensions, seeded, ~10% "not assessable".
// Baseline, measured in the same run: computeStats, the `medco stats` document the panel starts
// from (with its 1000-resample bootstrap). Reported as ratios to it:
//   extras  = buildDashboard (score counts + per-language ordinal alpha with 1000-resample CIs)
//   charts  = dashboardCharts (all SVG markup and tables, as the webview and the export build them)
// Protocol: one warm-up round, then 3 rounds each timing the three steps in turn; medians over
// rounds of the wall time and of the process CPU time (on a loaded machine wall time includes
// waiting for a core).
// Run: node --import tsx bench/statsDashboard.ts
import { performance } from 'node:perf_hooks';
import { buildDashboard, dashboardCharts } from '../src/core/charts';
import { computeStats } from '../src/core/stats/compute';
import { dashboardStudy } from './dashboardStudy';

const files = dashboardStudy('multimedx');

const t = (key: string, ...args: (string | number)[]) => key.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)]));
function time<T>(fn: () => T): [T, { wall: number; cpu: number }] {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const value = fn();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return [value, { wall, cpu: (cpu.user + cpu.system) / 1000 }];
}

const runs = 3;
type Time = { wall: number; cpu: number };
const base: Time[] = [];
const extras: Time[] = [];
const charts: Time[] = [];
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
const m = (xs: Time[]) => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) });
const [mb, me, mc] = [m(base), m(extras), m(charts)];
const total = { wall: mb.wall + me.wall + mc.wall, cpu: mb.cpu + me.cpu + mc.cpu };
const row = (name: string, x: Time) =>
  console.log(`| ${name} | ${x.wall.toFixed(x.wall < 100 ? 1 : 0)} | ${x.cpu.toFixed(x.cpu < 100 ? 1 : 0)} | ${(x.wall / mb.wall).toFixed(3)} | ${(x.cpu / mb.cpu).toFixed(3)} |`);
console.log(`items ${Object.keys(files[0].items).length}, annotators ${files.length}, dimensions 2, bootstrap 1000, warm-up round, then median of ${runs} rounds`);
console.log('| step | wall ms | CPU ms | × baseline, wall | × baseline, CPU |');
console.log('|---|---:|---:|---:|---:|');
row('baseline: computeStats', mb);
row('buildDashboard (extras)', me);
row('dashboardCharts (SVG)', mc);
row('panel total', total);
