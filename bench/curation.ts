// Curation speed: the disagreement queue for a full MultiMed-X evaluation (2,450 items: 7
// languages × 350, rated by 12 annotators on 2 dimensions), and building one item's adjudication
// panel view. Baseline in the same run: one plain pass reading every rating value.
// Run: node --import tsx bench/curation.ts
import { performance } from 'node:perf_hooks';
import { computeCuration, disagreementQueue } from '../src/core/curation/disagreements';
import { buildAdjudicationView } from '../src/core/curation/adjudicationView';
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

function median(run: () => unknown, repeats: number): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return times.sort((x, y) => x - y)[Math.floor(times.length / 2)];
}

let sink = 0;
function baselinePass(): void {
  // Reading every value once: the least any disagreement computation must do.
  for (const f of files) for (const id in f.items) for (const d of DIMENSIONS) sink += (f.items[id].rating[d] as number | null) ?? 0;
}

const values = itemIds.length * ANNOTATORS * DIMENSIONS.length;
// Warm-up so that JIT compilation is not measured.
for (let i = 0; i < 3; i++) {
  baselinePass();
  disagreementQueue(computeCuration(files, adjudication, { dimensions: DIMENSIONS, currentTraceHash }));
}
const base = median(baselinePass, 21);
const queueMs = median(() => disagreementQueue(computeCuration(files, adjudication, { dimensions: DIMENSIONS, currentTraceHash })), 11);
const filteredMs = median(() => disagreementQueue(computeCuration(files, adjudication, { dimensions: DIMENSIONS }), { lang: 'ja', status: 'disagreement' }), 11);
const target = disagreementQueue(computeCuration(files, adjudication, { dimensions: DIMENSIONS }))[0].itemId;
const viewMs = median(
  () => buildAdjudicationView({ dataset: 'multimedx-all', itemId: target, annotations: files, adjudication, dimensions: dims, currentTraceHash }),
  51,
);

console.log(`values: ${itemIds.length} items × ${ANNOTATORS} annotators × ${DIMENSIONS.length} dimensions = ${values}`);
console.log(`baseline (plain pass over all values): ${base.toFixed(2)} ms`);
console.log(`queue (curation + sort, all):           ${queueMs.toFixed(1)} ms = ${(queueMs / base).toFixed(1)}× baseline  (goal < 200 ms)`);
console.log(`queue filtered (ja, disagreement):      ${filteredMs.toFixed(1)} ms = ${(filteredMs / base).toFixed(1)}× baseline`);
console.log(`adjudication panel view of one item:    ${viewMs.toFixed(2)} ms = ${(viewMs / base).toFixed(3)}× baseline  (goal < 150 ms)`);
if (sink === -1) console.log(sink);
