// Benchmark of the statistics core on a synthetic study the size of MultiMed-X:
// 2,450 items (7 languages × 350) × 12 annotators × 2 dimensions, seeded, ~10% "not assessable".
// Baseline, measured in the same run: one pass that only sums every rating of both matrices.
// Run: node --import tsx bench/stats.ts
import { performance } from 'node:perf_hooks';
import { bootstrapAlpha } from '../src/core/stats/bootstrap';
import { pairwiseCohenKappa } from '../src/core/stats/cohen';
import { computeStats } from '../src/core/stats/compute';
import { fleissKappa } from '../src/core/stats/fleiss';
import { gwetAC } from '../src/core/stats/gwet';
import { intraclassCorrelations } from '../src/core/stats/icc';
import { ALPHA_LEVELS, krippendorffAlpha, prepareAlphaData } from '../src/core/stats/krippendorff';
import { mulberry32 } from '../src/core/stats/random';
import type { AnnotationFile } from '../src/core/types';

const ITEMS = 2450;
const RATERS = 12;
const DIMS = ['clinical_soundness', 'cultural_grounding'];
const LANGS = ['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'];
const SCALE = [1, 2, 3, 4, 5];
const RESAMPLES = 1000;

const random = mulberry32(2601_08267);
const ids = Array.from({ length: ITEMS }, (_, i) => {
  const lang = LANGS[i % LANGS.length];
  const k = Math.floor(i / LANGS.length);
  return k < 200 ? `qa-${lang}-${String(k + 1).padStart(3, '0')}` : `bionli-${lang}-${String(k - 199).padStart(3, '0')}`;
});
// Each item has a latent quality; annotators add noise of ±1 step; 10% not assessable.
const matrices = DIMS.map(() =>
  ids.map(() => {
    const truth = 1 + Math.floor(random() * 5);
    return Array.from({ length: RATERS }, () => {
      if (random() < 0.1) return null;
      return Math.min(5, Math.max(1, truth + Math.round((random() - 0.5) * 2.2)));
    });
  }),
);
const files: AnnotationFile[] = Array.from({ length: RATERS }, (_, r) => ({
  schema: 'medco.annotations/1',
  dataset: 'multimedx-all',
  annotator: { id: `dr-${String(r + 1).padStart(2, '0')}` },
  rubric: { id: 'medco-expert', version: 1 },
  items: Object.fromEntries(
    ids.map((id, u) => [
      id,
      {
        revision: 1,
        rating: Object.fromEntries(DIMS.map((d, di) => [d, matrices[di][u][r]])),
        updatedAt: '2026-11-21T10:05:00.000Z',
        durationMs: Math.floor(random() * 120_000),
        history: [],
      },
    ]),
  ),
}));

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Baseline: the cheapest possible pass over the same data. Median of 21 runs after warm-up.
const baseline = median(
  Array.from({ length: 21 }, () =>
    time(() => {
      let sum = 0;
      for (const m of matrices) for (const row of m) for (const v of row) if (v !== null) sum += v;
      return sum;
    }).ms,
  ),
);

const rows: [string, number][] = [];
// Each measure: one warm-up call (JIT), then the median of 3 timed calls.
const measure = (name: string, fn: () => unknown) => {
  fn();
  rows.push([name, median([time(fn).ms, time(fn).ms, time(fn).ms])]);
};
const m0 = matrices[0];
measure('prepare alpha data (coincidence contributions)', () => prepareAlphaData(m0));
for (const level of ALPHA_LEVELS) measure(`Krippendorff alpha ${level} (from the matrix)`, () => krippendorffAlpha(m0, level));
measure('Fleiss kappa', () => fleissKappa(m0));
measure('Gwet AC1', () => gwetAC(m0, SCALE));
measure('Gwet AC2 quadratic', () => gwetAC(m0, SCALE, 'quadratic'));
measure('ICC (Shrout & Fleiss)', () => intraclassCorrelations(m0));
measure('Cohen kappa, all 66 pairs × 3 weightings', () => pairwiseCohenKappa(m0, files.map((f) => f.annotator.id), SCALE));
const data = prepareAlphaData(m0);
const boot = time(() => bootstrapAlpha(data, 'ordinal', RESAMPLES, 1));
rows.push([`bootstrap alpha ordinal, ${RESAMPLES} resamples`, boot.ms]);
const full = time(() => computeStats(files, { bootstrap: RESAMPLES, seed: 1 }));
rows.push([`computeStats, whole document (2 dims, ${RESAMPLES} resamples each)`, full.ms]);

console.log(`Synthetic study: ${ITEMS} items × ${RATERS} annotators × ${DIMS.length} dimensions, Node ${process.version}`);
console.log(`baseline (sum every rating of both dimensions): ${baseline.toFixed(3)} ms = 1×`);
for (const [name, ms] of rows) console.log(`${name.padEnd(66)} ${ms.toFixed(1).padStart(8)} ms  ${(ms / baseline).toFixed(0).padStart(6)}× baseline`);
console.log(`time per alpha bootstrap resample: ${((boot.ms / RESAMPLES) * 1000).toFixed(0)} µs = ${(boot.ms / RESAMPLES / baseline).toFixed(1)}× baseline`);
console.log(`bootstrap CI: ${JSON.stringify(boot.value.ci95)}; whole document under the 5 s goal: ${full.ms < 5000 ? 'yes' : 'NO'}`);
