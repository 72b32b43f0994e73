// Benchmark of the statistics core on two synthetic studies the size of MultiMed-X: 2,450 items
// (7 languages × 350) × 12 annotators × 2 dimensions, seeded. Both come from the same latent
// item qualities and annotator noise:
//   complete    every annotator rates every item: every statistic is defined (Fleiss' kappa and
//               the ICCs need this design)
//   10% n/a     about 10% of the ratings are "not assessable" (null), as in a real study: Fleiss'
//               kappa and the ICCs are undefined there, so they are not timed on it
// Every timed call's result is checked; a statistic that comes back null fails the run (exit 1),
// so no row can silently time input validation instead of the computation.
//
// Protocol, the same for every row: one warm-up round, then ROUNDS rounds; each round times one
// call of every measure in turn (the baseline first), so the load of a shared machine falls on all
// rows alike; each row reports the median over the rounds of the wall time (min–max to show the
// noise) and of the process CPU time. On a loaded machine a call's wall time includes waiting
// for a core, more often the longer the call, so the ratios are given on CPU time too.
// Baseline, measured in the same rounds: the textbook computation of Krippendorff's coincidence
// matrix for one dimension, straight from the ratings (every ordered pair of values in every item,
// O(Σ m²)), a pass that reads every rating and does a comparable amount of arithmetic.
//
// Run: node --import tsx bench/stats.ts [rounds=9]
import { performance } from 'node:perf_hooks';
import { bootstrapAlpha } from '../src/core/stats/bootstrap';
import { pairwiseCohenKappa } from '../src/core/stats/cohen';
import { computeStats } from '../src/core/stats/compute';
import { fleissKappa } from '../src/core/stats/fleiss';
import { gwetAC } from '../src/core/stats/gwet';
import { intraclassCorrelations } from '../src/core/stats/icc';
import { ALPHA_LEVELS, krippendorffAlpha, krippendorffAlphaFromData, prepareAlphaData } from '../src/core/stats/krippendorff';
import type { Estimate, RatingMatrix } from '../src/core/stats/matrix';
import { mulberry32 } from '../src/core/stats/random';
import type { StatsResult } from '../src/core/stats/result';
import type { AnnotationFile } from '../src/core/types';

const ITEMS = 2450;
const RATERS = 12;
const DIMS = ['clinical_soundness', 'cultural_grounding'];
const LANGS = ['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'];
const SCALE = [1, 2, 3, 4, 5];
const RESAMPLES = 1000;
const ROUNDS = Number(process.argv[2] ?? 9);
const NOT_ASSESSABLE = 0.1;

const ids = Array.from({ length: ITEMS }, (_, i) => {
  const lang = LANGS[i % LANGS.length];
  const k = Math.floor(i / LANGS.length);
  return k < 200 ? `qa-${lang}-${String(k + 1).padStart(3, '0')}` : `bionli-${lang}-${String(k - 199).padStart(3, '0')}`;
});

// Each item has a latent quality per dimension; annotators add noise of about ±1 step. The
// "not assessable" draws are made in both studies, so the two differ only by the nulls.
const random = mulberry32(2601_08267);
const complete: number[][][] = [];
const withNulls: (number | null)[][][] = [];
for (let d = 0; d < DIMS.length; d++) {
  const full: number[][] = [];
  const partial: (number | null)[][] = [];
  for (let u = 0; u < ITEMS; u++) {
    const truth = 1 + Math.floor(random() * 5);
    const row: number[] = [];
    const rowWithNulls: (number | null)[] = [];
    for (let r = 0; r < RATERS; r++) {
      const missing = random() < NOT_ASSESSABLE;
      const value = Math.min(5, Math.max(1, truth + Math.round((random() - 0.5) * 2.2)));
      row.push(value);
      rowWithNulls.push(missing ? null : value);
    }
    full.push(row);
    partial.push(rowWithNulls);
  }
  complete.push(full);
  withNulls.push(partial);
}
const durations = Array.from({ length: RATERS * ITEMS }, () => Math.floor(random() * 120_000));

function annotationFiles(matrices: RatingMatrix[]): AnnotationFile[] {
  return Array.from({ length: RATERS }, (_, r) => ({
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
          durationMs: durations[r * ITEMS + u],
          history: [],
        },
      ]),
    ),
  }));
}

interface Study {
  name: string;
  matrix: RatingMatrix;
  files: AnnotationFile[];
}
const studies: Study[] = [
  { name: 'complete', matrix: complete[0], files: annotationFiles(complete) },
  { name: '10% n/a', matrix: withNulls[0], files: annotationFiles(withNulls) },
];
const raters = studies[0].files.map((f) => f.annotator.id);

/** The textbook coincidence matrix: o[c][k] += 1/(m_u − 1) for every ordered pair of values in a unit. */
function naiveCoincidence(matrix: RatingMatrix): number {
  const o = new Float64Array(SCALE.length * SCALE.length);
  for (const row of matrix) {
    let m = 0;
    for (const v of row) if (v !== null) m++;
    if (m < 2) continue;
    for (let i = 0; i < row.length; i++) {
      const a = row[i];
      if (a === null) continue;
      for (let j = 0; j < row.length; j++) {
        const b = row[j];
        if (j === i || b === null) continue;
        o[(a - 1) * SCALE.length + (b - 1)] += 1 / (m - 1);
      }
    }
  }
  return o.reduce((s, x) => s + x, 0);
}

// Checks return null when the result is a real value, or say what is missing.
const estimate = (e: Estimate): string | null => (e.value === null ? `null (${e.reason})` : null);

function documentNulls(doc: StatsResult, expectUndefined: boolean): string | null {
  // In the complete study every statistic must be defined. With "not assessable" ratings only
  // Fleiss' kappa and the ICCs may be null (their definitions need a complete design).
  const allowed = expectUndefined ? /\.agreement\.(fleiss_kappa|icc)$/ : null;
  const unexpected = doc.notes.filter((n) => !allowed?.test(n.at));
  if (unexpected.length === 0) return null;
  const shown = unexpected.slice(0, 5).map((n) => `${n.at} (${n.reason})`);
  return `null at ${shown.join('; ')}${unexpected.length > 5 ? `; and ${unexpected.length - 5} more` : ''}`;
}

interface Measure {
  name: string;
  run: () => unknown;
  check: (value: never) => string | null;
}

function measures(study: Study): (Measure | null)[] {
  const m = study.matrix;
  const data = prepareAlphaData(m);
  const isComplete = study.name === 'complete';
  return [
    { name: 'prepare alpha data (per-unit coincidence contributions)', run: () => prepareAlphaData(m), check: (d: typeof data) => (d.unitCount === ITEMS ? null : `only ${d.unitCount} pairable units`) },
    ...ALPHA_LEVELS.map((level) => ({ name: `Krippendorff alpha ${level}, from the prepared data`, run: () => krippendorffAlphaFromData(data, level), check: estimate })),
    { name: 'Krippendorff alpha ordinal, from the ratings (prepare + α)', run: () => krippendorffAlpha(m, 'ordinal'), check: estimate },
    isComplete ? { name: "Fleiss' kappa", run: () => fleissKappa(m), check: estimate } : null,
    { name: 'Gwet AC1', run: () => gwetAC(m, SCALE), check: estimate },
    { name: 'Gwet AC2 linear', run: () => gwetAC(m, SCALE, 'linear'), check: estimate },
    { name: 'Gwet AC2 quadratic', run: () => gwetAC(m, SCALE, 'quadratic'), check: estimate },
    isComplete
      ? {
          name: 'ICC, all six forms',
          run: () => intraclassCorrelations(m),
          check: (r: ReturnType<typeof intraclassCorrelations>) =>
            r.value === null ? `null (${r.reason})` : Object.values(r.value).some((v) => v === null) ? `some ICC null (${r.reason})` : null,
        }
      : null,
    {
      name: 'Cohen kappa, 66 pairs × 3 weightings',
      run: () => pairwiseCohenKappa(m, raters, SCALE),
      check: (pairs: ReturnType<typeof pairwiseCohenKappa>) =>
        pairs.length !== 66 ? `${pairs.length} pairs` : pairs.some((p) => p.unweighted === null || p.linear === null || p.quadratic === null) ? 'a kappa is null' : null,
    },
    {
      name: `bootstrap alpha ordinal, ${RESAMPLES} resamples (from prepared data)`,
      run: () => bootstrapAlpha(data, 'ordinal', RESAMPLES, 1),
      check: (b: ReturnType<typeof bootstrapAlpha>) => (b.ci95 === null || b.defined !== RESAMPLES ? `ci95 ${JSON.stringify(b.ci95)}, ${b.defined} defined (${b.reason})` : null),
    },
    {
      name: `computeStats, whole document (2 dimensions, ${RESAMPLES} resamples)`,
      run: () => computeStats(study.files, { bootstrap: RESAMPLES, seed: 1 }),
      check: (doc: StatsResult) => documentNulls(doc, !isComplete),
    },
  ];
}

interface Row {
  name: string;
  study: string;
  run: () => unknown;
  check: (value: never) => string | null;
  times: number[];
  cpu: number[];
}

function main(): void {
  const rows: Row[] = [
    { name: 'baseline: textbook coincidence matrix from the ratings (one dimension)', study: 'complete', run: () => naiveCoincidence(complete[0]), check: () => null, times: [], cpu: [] },
  ];
  for (const study of studies) {
    for (const m of measures(study)) if (m) rows.push({ ...m, study: study.name, times: [], cpu: [] });
  }
  for (let round = -1; round < ROUNDS; round++) {
    for (const row of rows) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const value = row.run();
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      const problem = row.check(value as never);
      if (problem) {
        console.error(`bench/stats: ${row.name} [${row.study}] is not defined on its data: ${problem}`);
        process.exit(1);
      }
      if (round >= 0) {
        // round −1 is the warm-up
        row.times.push(ms);
        row.cpu.push((c.user + c.system) / 1000);
      }
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = median(rows[0].times);
  const baseCpu = median(rows[0].cpu);
  const f = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
  const ratio = (x: number): string => (x < 0.1 ? x.toFixed(3) : x < 10 ? x.toFixed(2) : x.toFixed(0));
  console.log(`bench/stats: ${ITEMS} items × ${RATERS} annotators × ${DIMS.length} dimensions, Node ${process.version}; warm-up round, then median of ${ROUNDS} interleaved rounds`);
  console.log('| measure (one dimension unless said) | data | wall ms, median | wall min–max | CPU ms, median | × baseline, wall | × baseline, CPU |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    const med = median(row.times);
    const cpu = median(row.cpu);
    console.log(`| ${row.name} | ${row.study} | ${f(med)} | ${f(Math.min(...row.times))}–${f(Math.max(...row.times))} | ${f(cpu)} | ${ratio(med / base)} | ${ratio(cpu / baseCpu)} |`);
  }
  for (const row of rows.filter((r) => r.name.startsWith('bootstrap'))) {
    const perResample = median(row.cpu) / RESAMPLES;
    console.log(`[${row.study}] CPU time per alpha bootstrap resample: ${(perResample * 1000).toFixed(0)} µs = ${ratio(perResample / baseCpu)} × baseline (CPU)`);
  }
  const slowest = Math.max(...rows.filter((r) => r.name.startsWith('computeStats')).map((r) => median(r.times)));
  console.log(`whole document under the 5 s goal: ${slowest < 5000 ? 'yes' : 'NO'} (${f(slowest)} ms, slower study)`);
}

main();
