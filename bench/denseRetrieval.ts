// Dense retrieval at the paper's scale: top-10 over N chunks × D dimensions (default 200,000 × 1,024).
//
//   node --import tsx bench/denseRetrieval.ts [chunks=200000] [dims=1024] [queries=25]
//
// Chunks get synthetic, clustered embeddings (seeded: 2,000 topic centres plus noise, normalised)
// from an in-process embedder, so the build time measured is our side of it (normalising, storing,
// reading back), not an embedding server's. Measured in one run:
//   build     openDenseIndex on a new folder (embed in batches of 64, normalise, write .medco-index)
//   reuse     openDenseIndex again (header check, read the vectors back)
//   search    DenseIndex.search(q, 10), the product's exact scan (float32, 4 accumulators, k-best list)
//   baseline  a plain flat scan: one cosine per row over the same float32 rows, then a full sort
// Queries are perturbed chunk vectors; both scans must return the same top-10 (checked).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { openDenseIndex, type DenseIndex } from '../src/core/retrieval/denseIndex';
import type { KnowledgeChunk } from '../src/core/retrieval/knowledgeBase';

import { mulberry32 } from '../src/core/stats/random';

const [N = 200_000, D = 1024, Q = 25] = process.argv.slice(2).map(Number);
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

/** The baseline: a cosine per row (no assumption that rows are normalised), then sort all scores. */
function plainScan(vectors: Float32Array, q: readonly number[], k: number): number[] {
  const scores = new Float64Array(N);
  for (let r = 0; r < N; r++) {
    let dot = 0;
    let nv = 0;
    let nq = 0;
    for (let j = 0; j < D; j++) {
      const x = vectors[r * D + j];
      dot += x * q[j];
      nv += x * x;
      nq += q[j] * q[j];
    }
    scores[r] = dot / Math.sqrt(nv * nq);
  }
  return [...scores.keys()].sort((a, b) => scores[b] - scores[a] || a - b).slice(0, k);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'medco-dense-'));
  try {
    const load = loadavg().map((x) => x.toFixed(1)).join(' / ');
    process.stdout.write(`dense retrieval: ${N} chunks × ${D} dims, ${Q} queries; ${cpus().length} cores, load average ${load} (1/5/15 min)\n`);
    let t = performance.now();
    const built = await openDenseIndex('en', chunks, 'synthetic', embed, { kbDir: dir, batchSize: 64 });
    const buildMs = performance.now() - t;
    const file = built.file!;
    const bytes = statSync(file).size + statSync(file.replace(/\.f32$/, '.json')).size;
    t = performance.now();
    const index: DenseIndex = await openDenseIndex('en', chunks, 'synthetic', embed, { kbDir: dir });
    const reuseMs = performance.now() - t;
    if (!index.reused) throw new Error('the index was not reused');
    process.stdout.write(`build ${(buildMs / 1000).toFixed(1)} s (includes generating the synthetic embeddings), reuse ${(reuseMs / 1000).toFixed(2)} s, size ${(bytes / 2 ** 20).toFixed(1)} MiB\n`);

    // The stored vectors, for the baseline (read like the index reads them).
    const vectors = await readVectors(file);
    const product: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < Q; i++) {
      const q = vectorOf((i * 7919) % N, 1_000_000 + i);
      t = performance.now();
      const hits = index.search(q, 10);
      product.push(performance.now() - t);
      if (i < Math.min(Q, 7)) {
        t = performance.now();
        const rows = plainScan(vectors, q, 10);
        baseline.push(performance.now() - t);
        const same = rows.every((r, k) => r === hits[k].row);
        if (!same) throw new Error(`query ${i}: the scans disagree`);
      }
    }
    process.stdout.write(
      `search (exact scan, product): median ${median(product).toFixed(1)} ms, min ${Math.min(...product).toFixed(1)}, max ${Math.max(...product).toFixed(1)} over ${Q} queries\n` +
        `baseline (plain cosine scan + sort): median ${median(baseline).toFixed(1)} ms over ${baseline.length} queries; same top-10 as the product\n` +
        `goal: median < 50 ms → ${median(product) < 50 ? 'met' : 'NOT met'}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function readVectors(file: string): Promise<Float32Array> {
  const { readFile } = await import('node:fs/promises');
  const buf = await readFile(file);
  const v = new Float32Array(buf.byteLength / 4);
  new Uint8Array(v.buffer).set(buf);
  return v;
}

void main();
