// Curation speed: the disagreement queue for a full MultiMed-X evaluation (2,450 items: 7
// languages × 350, rated by 12 annotators on 2 dimensions), and building one item's adjudication
// panel view. Baseline in the same run: one plain pass reading every rating value.
//
// The queue rows do the same curation work: every one calls computeCuration with the same options
// (statuses, spread, SD, staleness against the current trace hash); they differ only in what
// follows it: nothing, sorting all rows, or filtering to one language's disagreements and sorting
// those. Protocol, the same for every row: 3 warm-up rounds, then ROUNDS rounds each timing one
// call of every measure in turn (so the machine's load falls on all alike); medians over rounds of
// the wall time and of the process CPU time (on a loaded machine wall time includes waiting for
// a core, the more often the longer the call, so the ratios are given on CPU time too).
// Run: node --import tsx bench/curation.ts [rounds=21]
import { performance } from 'node:perf_hooks';
import { computeCuration, disagreementQueue } from '../src/core/adjudication/disagreements';
import { buildAdjudicationView } from '../src/core/adjudication/adjudicationView';
import { ADJUDICATION_SCHEMA, ANNOTATIONS_SCHEMA, type AdjudicationFile, type AnnotationFile } from '../src/core/types';

const LANGS = ['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'];
const ANNOTATORS = 12;
const DIMENSIONS = ['clinical_soundness', 'cultural_grounding'];

// Deterministic data (mulberry32), so every run measures the same work.
let seed = 42;
function random(): number {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const itemIds: string[] = [];
for (const lang of LANGS) {
  for (let i = 1; i <= 200; i++) itemIds.push(`qa-${lang}-${String(i).padStart(3, '0')}`);
  for (let i = 1; i <= 150; i++) itemIds.push(`bionli-${lang}-${String(i).padStart(3, '0')}`);
}
const files: AnnotationFile[] = [];
for (let a = 0; a < ANNOTATORS; a++) {
  const items: AnnotationFile['items'] = {};
  for (const id of itemIds) {
    const base = 1 + Math.floor(random() * 5);
    const rating: Record<string, number | null | string> = { comment: 'Reasoning is sound; dose fits local guidance.' };
    for (const d of DIMENSIONS) rating[d] = random() < 0.03 ? null : Math.min(5, Math.max(1, base + Math.round(random() * 2 - 1)));
    items[id] = {
      revision: 1 + Math.floor(random() * 3),
      rating,
      updatedAt: '2026-11-21T10:00:00.000Z',
      traceSha256: 'h',
      traceId: id,
      history: [{ revision: 1, rating: { clinical_soundness: 3 }, updatedAt: '2026-11-20T10:00:00.000Z' }],
    };
  }
  files.push({
    schema: ANNOTATIONS_SCHEMA,
    dataset: 'multimedx-all',
    annotator: { id: `annotator-${String(a).padStart(2, '0')}` },
    rubric: { id: 'medco-expert', version: 1 },
    items,
  });
}
const adjudication: AdjudicationFile = { schema: ADJUDICATION_SCHEMA, dataset: 'multimedx-all', items: {} };
for (const id of itemIds.filter((_, i) => i % 5 === 0)) {
  adjudication.items[id] = {
    clinical_soundness: {
      value: 3, status: 'adjudicated', adjudicator: 'cur', rationale: 'r', decidedAt: 't',
      basedOn: Object.fromEntries(files.map((f) => [f.annotator.id, 1])), revision: 1, history: [],
    },
  };
}
const currentTraceHash = () => 'h';
const dims = DIMENSIONS.map((id) => ({ id, min: 1, max: 5 }));

let sink = 0;
function baselinePass(): void {
  // Reading every value once: the least any disagreement computation must do.
  for (const f of files) for (const id in f.items) for (const d of DIMENSIONS) sink += (f.items[id].rating[d] as number | null) ?? 0;
}

const values = itemIds.length * ANNOTATORS * DIMENSIONS.length;
const ROUNDS = Number(process.argv[2] ?? 21);
const options = { dimensions: DIMENSIONS, currentTraceHash };
const filter = { lang: 'ja', status: 'disagreement' } as const;
const curation = computeCuration(files, adjudication, options);
const target = disagreementQueue(curation)[0].itemId;
const sizes = { rows: curation.length, filtered: disagreementQueue(curation, filter).length };

const measures: [string, () => unknown][] = [
  ['baseline: plain pass over all values', baselinePass],
  ['curation only: statuses, spread, SD, staleness', () => computeCuration(files, adjudication, options)],
  [`queue, all: curation + sort all ${sizes.rows} rows`, () => disagreementQueue(computeCuration(files, adjudication, options))],
  [`queue filtered (ja, disagreement): curation + filter + sort ${sizes.filtered} rows`, () => disagreementQueue(computeCuration(files, adjudication, options), filter)],
  ['adjudication panel view of one item', () => buildAdjudicationView({ dataset: 'multimedx-all', itemId: target, annotations: files, adjudication, dimensions: dims, currentTraceHash })],
];
const times = measures.map(() => [] as number[]);
const cpu = measures.map(() => [] as number[]);
for (let round = -3; round < ROUNDS; round++) {
  measures.forEach(([, run], m) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (round < 0) return; // rounds −3..−1 are the warm-up
    times[m].push(ms);
    cpu[m].push((c.user + c.system) / 1000);
  });
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times[0]);
const baseCpu = median(cpu[0]);
const r = (x: number): string => x.toFixed(x < 0.1 ? 3 : 2);
console.log(`bench/curation: ${itemIds.length} items × ${ANNOTATORS} annotators × ${DIMENSIONS.length} dimensions = ${values} values; 3 warm-up rounds, then median of ${ROUNDS} interleaved rounds`);
console.log('| measure | wall ms, median | wall min–max | CPU ms, median | × baseline, wall | × baseline, CPU |');
console.log('|---|---:|---:|---:|---:|---:|');
measures.forEach(([name], m) => {
  const med = median(times[m]);
  const c = median(cpu[m]);
  console.log(`| ${name} | ${med.toFixed(2)} | ${Math.min(...times[m]).toFixed(2)}–${Math.max(...times[m]).toFixed(2)} | ${c.toFixed(2)} | ${r(med / base)} | ${r(c / baseCpu)} |`);
});
console.log('goals: queue < 200 ms, adjudication panel view < 150 ms');
if (sink === -1) console.log(sink);
