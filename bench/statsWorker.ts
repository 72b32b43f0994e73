// Benchmark of the statistics worker thread on a study the size of MultiMed-X (2,450 items × 3
// annotators × 2 dimensions, 1000-resample bootstraps), read from a real annotations folder.
// Baseline, measured in the same run: the computation on the calling thread (what the panel did
// before: loadDashboard in the extension host). Compared with it, for the worker (bundled and
// minified as in the VSIX), fresh per computation (as the export runs) and kept between
// computations (as the open panel runs):
//   wall      = time until the result is back on the calling thread
//   blocked   = the longest the calling thread's event loop could not run a 5 ms timer
//               (what freezes the extension host: every other extension, every UI request)
// Run: node --import tsx bench/statsWorker.ts
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';
import { loadDashboard } from '../src/core/charts/loadDashboard';
import { dashboardStudy } from './dashboardStudy';
import { LatestStatsJob, runStatsJobInWorker } from '../src/extension/stats/statsWorkerClient';

const DATASET = 'multimedx';
const files = dashboardStudy(DATASET);

const dir = mkdtempSync(path.join(tmpdir(), 'medco-bench-worker-'));
mkdirSync(path.join(dir, DATASET));
for (const f of files) writeFileSync(path.join(dir, DATASET, `${f.annotator.id}.json`), JSON.stringify(f, null, 2));
const workerPath = path.join(dir, 'statsWorker.js');

/** Runs `fn` while a 5 ms timer measures the longest stretch the event loop was held up. */
async function measure(fn: () => Promise<unknown>): Promise<{ wall: number; blocked: number }> {
  let last = performance.now();
  let blocked = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    blocked = Math.max(blocked, now - last);
    last = now;
  }, 5);
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  const end = performance.now();
  blocked = Math.max(blocked, end - last);
  clearInterval(timer);
  return { wall, blocked };
}

async function main(): Promise<void> {
  await esbuild.build({
    entryPoints: [path.join(__dirname, '../src/extension/stats/statsWorker.ts')],
    outfile: workerPath,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const runs = 3;
  const inline: { wall: number; blocked: number }[] = [];
  const worker: { wall: number; blocked: number }[] = [];
  const kept: { wall: number; blocked: number }[] = [];
  const jobs = new LatestStatsJob(workerPath);
  for (let r = 0; r < runs + 1; r++) {
    const a = await measure(() => loadDashboard(dir, DATASET, { bootstrap: 1000 }));
    const b = await measure(() => runStatsJobInWorker({ annotationsDir: dir, dataset: DATASET, bootstrap: 1000 }, { workerPath }));
    const c = await measure(() => jobs.run({ annotationsDir: dir, dataset: DATASET, bootstrap: 1000 }));
    if (r === 0) continue; // warm-up
    inline.push(a);
    worker.push(b);
    kept.push(c);
  }
  jobs.dispose();
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const iw = median(inline.map((m) => m.wall));
  const ib = median(inline.map((m) => m.blocked));
  const ww = median(worker.map((m) => m.wall));
  const wb = median(worker.map((m) => m.blocked));
  const kw = median(kept.map((m) => m.wall));
  const kb = median(kept.map((m) => m.blocked));
  console.log(`items ${Object.keys(files[0].items).length}, annotators ${files.length}, dimensions 2, bootstrap 1000, median of ${runs}`);
  console.log(`baseline on the calling thread   wall ${iw.toFixed(0)} ms   longest block ${ib.toFixed(0)} ms   1.00 / 1.00`);
  console.log(`worker thread (fresh per run)    wall ${ww.toFixed(0)} ms   longest block ${wb.toFixed(0)} ms   ${(ww / iw).toFixed(2)} × wall, ${(wb / ib).toFixed(3)} × block`);
  console.log(`worker thread (kept, reused)     wall ${kw.toFixed(0)} ms   longest block ${kb.toFixed(0)} ms   ${(kw / iw).toFixed(2)} × wall, ${(kb / ib).toFixed(3)} × block`);
}

void main();
