// Saving one rating into a full annotator file (2,450 rated items, each with a little history):
// the latency an annotator feels on every keystroke-driven save in the review panel.
// Run: node --import tsx bench/save.ts [saves=200]
// Baselines in the same run, on the same JSON: (a) bare writeFile + rename (no fsync, no lock,
// no read), (b) the same with the fsyncs of our atomic write, so the ratio shows what the lock,
// the re-read/validate/merge and the stable serialization add on top of durability.
import { mkdir, mkdtemp, open, rename, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AnnotationStore, serializeAnnotationFile } from '../src/core/store';
import type { AnnotationEntry, AnnotationFile } from '../src/core/types';

const ITEMS = 2450;
const SAVES = Number(process.argv[2] ?? 200);

function bigFile(): AnnotationFile {
  const items: Record<string, AnnotationEntry> = {};
  const langs = ['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'];
  for (let i = 0; i < ITEMS; i++) {
    const lang = langs[i % 7];
    const id = `${i % 350 < 200 ? 'qa' : 'nli'}-${lang}-${String(i).padStart(4, '0')}`;
    items[id] = {
      traceId: `t${i.toString(16).padStart(15, '0')}`,
      traceSha256: 'a'.repeat(64),
      revision: 3,
      rating: { clinical_soundness: 1 + (i % 5), cultural_grounding: 1 + ((i * 3) % 5), flags: i % 9 === 0 ? ['unavailable_locally'] : undefined, comment: i % 4 === 0 ? 'Dose should follow the local formulary; check renal function first.' : undefined },
      updatedAt: '2026-11-21T10:05:00.000Z',
      durationMs: 40000 + i,
      history: [
        { revision: 1, rating: { clinical_soundness: 3, cultural_grounding: 3 }, updatedAt: '2026-11-21T10:00:00.000Z' },
        { revision: 2, rating: { clinical_soundness: 4, cultural_grounding: 3 }, updatedAt: '2026-11-21T10:02:00.000Z' },
      ],
    };
    for (const k of ['flags', 'comment'] as const) if (items[id].rating[k] === undefined) delete items[id].rating[k];
  }
  return { schema: 'medco.annotations/1', dataset: 'multimedx', annotator: { id: 'dr-bench', role: 'annotator' }, rubric: { id: 'medco-expert', version: 1 }, items };
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

type Stats = { p50: number; p95: number; mean: number };

function summarize(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean: times.reduce((s, t) => s + t, 0) / times.length };
}

/**
 * Runs the variants round-robin (one call of each per round) so that the load of the shared
 * machine at any moment weighs on all of them alike; 5 warm-up rounds are not counted.
 */
async function measureInterleaved(n: number, variants: ((i: number) => Promise<unknown>)[]): Promise<Stats[]> {
  const times = variants.map(() => [] as number[]);
  for (let i = -5; i < n; i++) {
    for (let v = 0; v < variants.length; v++) {
      const t0 = performance.now();
      await variants[v](i);
      if (i >= 0) times[v].push(performance.now() - t0);
    }
  }
  return times.map(summarize);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'medco-bench-save-'));
  const doc = bigFile();
  const text = serializeAnnotationFile(doc);
  const file = path.join(dir, 'multimedx', 'dr-bench.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  console.error(`file: ${ITEMS} items, ${(text.length / 1024).toFixed(0)} KiB; ${SAVES} saves each`);

  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'multimedx', annotator: 'dr-bench' });
  const ids = Object.keys(doc.items);
  const bare = path.join(dir, 'bare.json');
  const synced = path.join(dir, 'synced.json');
  const [baseline, durable, save] = await measureInterleaved(SAVES, [
    async () => {
      await writeFile(bare + '.tmp', text);
      await rename(bare + '.tmp', bare);
    },
    async () => {
      const h = await open(synced + '.tmp', 'w');
      await h.writeFile(text);
      await h.sync();
      await h.close();
      await rename(synced + '.tmp', synced);
      const d = await open(dir, 'r');
      await d.sync();
      await d.close();
    },
    // A real change every time: another item and value, so each save writes a new revision.
    (i) => store.saveRating(ids[(i + 1000 + ids.length) % ids.length], { rating: { clinical_soundness: 1 + ((i + 7 + 50) % 5), cultural_grounding: 2, comment: `bench ${i}` }, durationMs: 1000 }),
  ]);

  // Two windows taking turns on the same file: every save finds the file changed by the other,
  // so it re-reads, re-validates and re-serializes everything (the slow path).
  const other = await AnnotationStore.open({ annotationsDir: dir, dataset: 'multimedx', annotator: 'dr-bench' });
  const turns = Math.max(10, Math.floor(SAVES / 4));
  const [contended] = await measureInterleaved(turns, [
    async (i) => {
      await other.saveRating(ids[(i + 5 + ids.length) % ids.length], { rating: { clinical_soundness: 1 + ((i + 50) % 5) } });
      await store.saveRating(ids[(i + 9 + ids.length) % ids.length], { rating: { clinical_soundness: 1 + ((i + 51) % 5) } });
    },
  ]);
  const perSave = { p50: contended.p50 / 2, p95: contended.p95 / 2, mean: contended.mean / 2 };

  const rows: [string, { p50: number; p95: number; mean: number }][] = [
    ['baseline: bare writeFile + rename', baseline],
    ['baseline + fsync file and dir', durable],
    ['AnnotationStore.saveRating', save],
    [`saveRating, file changed by another store each time (${turns} pairs, per save)`, perSave],
  ];
  console.log('| measure | p50 ms | p95 ms | p50 × bare | p95 × bare |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, r] of rows) {
    console.log(`| ${name} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${(r.p50 / baseline.p50).toFixed(1)} | ${(r.p95 / baseline.p95).toFixed(1)} |`);
  }
  console.log(`saveRating p95 ${save.p95.toFixed(1)} ms (goal < 20 ms): ${save.p95 < 20 ? 'met' : 'NOT met'}; ` + `vs fsynced baseline: p50 ×${(save.p50 / durable.p50).toFixed(1)}, p95 ×${(save.p95 / durable.p95).toFixed(1)}`);
  await rm(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
