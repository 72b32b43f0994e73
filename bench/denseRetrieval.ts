// Dense retrieval at the paper's scale: top-10 over N chunks × D dimensions (default 200,000 × 1,024),
// the exact flat scan (the baseline, and the product below ANN_MIN_CHUNKS or without usearch)
// against the approximate usearch graph whose candidates are scored exactly (the product from
// ANN_MIN_CHUNKS on), in one run on the same stored vectors.
//
//   node --import tsx bench/denseRetrieval.ts [chunks=200000] [dims=1024] [queries=30]
//
// Chunks get synthetic, clustered embeddings (seeded: 2,000 topic centres plus noise, normalised,
// so ~100 near-equal neighbours per query: harder for a graph than real embeddings) from an
// in-process embedder, so the build time measured is our side of it. Measured in one run:
//   flat build   openDenseIndex(approximate: 'never') on a new folder: generate the synthetic
//                embeddings in batches of 64, normalise, write .medco-index/<lang>.<model>.f32
//   graph build  openDenseIndex again (auto): reads the vectors back, builds the HNSW graph on one
//                thread, writes .usearch (nothing is embedded again)
//   reuse        openDenseIndex again: header checks, vectors and graph read back
//   search       per query, interleaved: DenseIndex.search(q, 10) flat and with the graph
//   recall@10    the share of the flat scan's top-10 rows that the graph search returns
// Wall and process CPU time (user + system) are given: the shared machine's load inflates wall time.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { openDenseIndex, type DenseIndex } from '../src/core/retrieval/denseIndex';
import { ANN_PARAMS } from '../src/core/retrieval/annIndex';
import type { KnowledgeChunk } from '../src/core/retrieval/knowledgeBase';
import { mulberry32 } from '../src/core/stats/random';

const [N = 200_000, D = 1024, Q = 30] = process.argv.slice(2).map(Number);
const CENTRES = 2000;

const centreRandom = mulberry32(1);
const centres = Array.from({ length: CENTRES }, () => Float32Array.from({ length: D }, () => centreRandom() - 0.5));

/** The embedding of chunk i: its centre plus noise of the same scale (seeded by i). */
function vectorOf(i: number, noiseSeed = i + 7): number[] {
  const r = mulberry32(noiseSeed);
  const c = centres[i % CENTRES];
  const v = new Array<number>(D);
  for (let k = 0; k < D; k++) v[k] = c[k] + (r() - 0.5) * 0.8;
  return v;
}

const chunks: KnowledgeChunk[] = Array.from({ length: N }, (_, i) => ({ id: String(i), title: '', content: String(i), lang: 'en' }));
const embed = async (texts: string[]): Promise<number[][]> => texts.map((t) => vectorOf(Number(t)));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Wall and CPU milliseconds of `run`. */
async function timed<T>(run: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await run();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  return { value, wall, cpu: (d.user + d.system) / 1000 };
}

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'medco-dense-'));
  const log = (line: string) => process.stdout.write(line + '\n');
  try {
    const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');
    log(`dense retrieval: ${N} chunks × ${D} dims, ${Q} queries, top-10; ${cpus().length} cores; ${new Date().toISOString()}, load average ${load()} (1/5/15 min)`);
    log(`graph: ${JSON.stringify(ANN_PARAMS)}`);
    const flatBuild = await timed(() => openDenseIndex('en', chunks, 'synthetic', embed, { kbDir: dir, batchSize: 64, approximate: 'never' }));
    const flat: DenseIndex = flatBuild.value;
    const flatBytes = statSync(flat.file!).size + statSync(flat.file!.replace(/\.f32$/, '.json')).size;
    log(`flat build: ${s(flatBuild.wall)} wall, ${s(flatBuild.cpu)} CPU (includes generating the synthetic embeddings); size ${mib(flatBytes)}`);
    const graphBuild = await timed(() => openDenseIndex('en', chunks, 'synthetic', embed, { kbDir: dir, annMinChunks: 1, onNotice: (m) => log(`notice: ${m}`) }));
    const ann = graphBuild.value;
    if (ann.engine !== 'usearch' || !ann.ann || ann.ann.reused) throw new Error('the graph was not built');
    log(`graph build: ${s(graphBuild.wall)} wall, ${s(graphBuild.cpu)} CPU (reads the vectors back, then one thread); graph size ${mib(ann.ann.bytes)} (beside the ${mib(flatBytes)} of vectors)`);
    const reuse = await timed(() => openDenseIndex('en', chunks, 'synthetic', embed, { kbDir: dir, annMinChunks: 1 }));
    if (!reuse.value.reused || !reuse.value.ann?.reused) throw new Error('the index was not reused');
    log(`reuse (vectors + graph read back): ${s(reuse.wall)} wall, ${s(reuse.cpu)} CPU`);

    const flatMs: number[] = [];
    const flatCpu: number[] = [];
    const annMs: number[] = [];
    const annCpu: number[] = [];
    let found = 0;
    for (let i = 0; i < Q; i++) {
      const q = vectorOf((i * 7919) % N, 1_000_000 + i);
      const exact = await timed(() => flat.search(q, 10));
      const approx = await timed(() => ann.search(q, 10));
      flatMs.push(exact.wall);
      flatCpu.push(exact.cpu);
      annMs.push(approx.wall);
      annCpu.push(approx.cpu);
      const rows = new Set(exact.value.map((h) => h.row));
      found += approx.value.filter((h) => rows.has(h.row)).length;
      for (const h of approx.value) {
        const e = exact.value.find((x) => x.row === h.row);
        if (e && e.score !== h.score) throw new Error(`query ${i}: row ${h.row} scored ${h.score} by the graph search, ${e.score} by the flat scan`);
      }
    }
    const line = (name: string, wall: number[], cpu: number[]) =>
      `${name}: median ${median(wall).toFixed(2)} ms wall (min ${Math.min(...wall).toFixed(2)}, max ${Math.max(...wall).toFixed(2)}), median ${median(cpu).toFixed(2)} ms CPU`;
    log(line('flat scan (baseline)', flatMs, flatCpu));
    log(line('graph + exact scoring', annMs, annCpu));
    log(`recall@10 of the graph search against the flat scan: ${(found / (10 * Q)).toFixed(3)} over ${Q} queries; speed-up ${(median(flatMs) / median(annMs)).toFixed(0)}× wall, ${(median(flatCpu) / median(annCpu)).toFixed(0)}× CPU`);
    log(`goal: median < 50 ms → ${median(annMs) < 50 ? 'met' : 'NOT met'} (wall); load average ${load()} at the end, ${new Date().toISOString()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
