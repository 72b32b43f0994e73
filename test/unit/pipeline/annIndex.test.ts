// The approximate dense index (usearch HNSW graph) against the exact scan it stands in for: recall,
// exact scores and order, determinism, storage beside the flat index with the same reuse rules,
// the fallback when the native module cannot be loaded, and bad vectors still refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmbeddingLengthError, flatTopK, normalized, openDenseIndex, type OpenDenseIndexOptions } from '../../../src/core/retrieval/denseIndex';
import type { KnowledgeChunk } from '../../../src/core/retrieval/knowledgeBase';
import { mulberry32 } from '../../../src/core/stats/random';
import { tempDir } from './helpers';

const N = 4000;
const D = 48;
const CENTRES = 200;
/** Small enough for a test, so the threshold is lowered to it. */
const ANN: OpenDenseIndexOptions = { annMinChunks: 1000, batchSize: 500 };

const centreRandom = mulberry32(11);
const centres = Array.from({ length: CENTRES }, () => Array.from({ length: D }, () => centreRandom() - 0.5));
/** Clustered like real embeddings: 20 chunks around each of 200 topic centres (seeded). */
const vectorOf = (i: number, seed = i + 3): number[] => {
  const r = mulberry32(seed);
  return centres[i % CENTRES].map((c) => c + (r() - 0.5) * 0.8);
};
const chunks: KnowledgeChunk[] = Array.from({ length: N }, (_, i) => ({ id: `c${i}`, title: '', content: String(i), lang: 'en' }));
const counting = () => {
  const calls = { texts: 0 };
  const embed = async (texts: string[]) => {
    calls.texts += texts.length;
    return texts.map((t) => vectorOf(Number(t)));
  };
  return { calls, embed };
};
const queries = Array.from({ length: 100 }, (_, i) => vectorOf((i * 37) % N, 100_000 + i));

test('the graph finds ≥ 95% of the exact top-10 on a seeded corpus, with the exact scores, ordered like the flat scan', async () => {
  const index = await openDenseIndex('en', chunks, 'm', counting().embed, ANN);
  assert.equal(index.engine, 'usearch');
  const flat = new Float32Array(chunks.flatMap((c) => [...normalized(vectorOf(Number(c.content)))]));
  let found = 0;
  for (const q of queries) {
    const exact = flatTopK(flat, D, normalized(q), 10);
    const approx = index.search(q, 10);
    assert.equal(approx.length, 10);
    const exactScore = new Map(exact.map((h) => [h.row, h.score]));
    for (const h of approx) if (exactScore.has(h.row)) assert.equal(h.score, exactScore.get(h.row), 'same score as the flat scan');
    for (let i = 1; i < approx.length; i++) {
      const [a, b] = [approx[i - 1], approx[i]];
      assert.ok(a.score > b.score || (a.score === b.score && a.row < b.row), 'ordered by score, then row');
    }
    found += approx.filter((h) => exactScore.has(h.row)).length;
  }
  const recall = found / (10 * queries.length);
  assert.ok(recall >= 0.95, `recall@10 ${recall}`);
});

test('the same corpus gives the same graph file and the same results, built twice', async () => {
  const [a, b] = [tempDir(), tempDir()];
  const first = await openDenseIndex('en', chunks, 'm', counting().embed, { ...ANN, kbDir: a });
  const second = await openDenseIndex('en', chunks, 'm', counting().embed, { ...ANN, kbDir: b });
  const file = (dir: string) => readFileSync(path.join(dir, '.medco-index', 'en.m.usearch'));
  assert.ok(file(a).equals(file(b)), 'byte-identical graphs');
  for (const q of queries.slice(0, 20)) assert.deepEqual(first.search(q, 10), second.search(q, 10));
});

test('the graph is stored beside the flat index, reused, and rebuilt when the chunks or the model change', async () => {
  const dir = tempDir();
  const { calls, embed } = counting();
  // First without the graph (as when usearch was missing): the vectors are stored, no graph.
  const flatOnly = await openDenseIndex('en', chunks, 'm', embed, { ...ANN, kbDir: dir, approximate: 'never' });
  assert.equal(flatOnly.engine, 'flat');
  const graphFile = path.join(dir, '.medco-index', 'en.m.usearch');
  assert.equal(existsSync(graphFile), false);

  // The graph is built from the stored vectors: nothing is embedded again.
  const built = await openDenseIndex('en', chunks, 'm', embed, { ...ANN, kbDir: dir });
  assert.equal(calls.texts, N);
  assert.deepEqual([built.reused, built.engine, built.ann?.reused], [true, 'usearch', false]);
  assert.ok(existsSync(graphFile) && existsSync(`${graphFile}.json`));
  assert.equal(built.ann?.bytes, readFileSync(graphFile).byteLength);
  const header = JSON.parse(readFileSync(`${graphFile}.json`, 'utf8'));
  assert.equal(header.schema, 'medco.ann-index/1');

  const again = await openDenseIndex('en', chunks, 'm', embed, { ...ANN, kbDir: dir });
  assert.equal(again.ann?.reused, true);
  assert.deepEqual(again.search(queries[0], 10), built.search(queries[0], 10));

  // An edited chunk: new vectors and a new graph, under a new fingerprint.
  const edited = chunks.map((c, i) => (i === 7 ? { ...c, content: String(N - 1) } : c));
  const rebuilt = await openDenseIndex('en', edited, 'm', embed, { ...ANN, kbDir: dir });
  assert.deepEqual([rebuilt.reused, rebuilt.ann?.reused], [false, false]);
  assert.notEqual(JSON.parse(readFileSync(`${graphFile}.json`, 'utf8')).fingerprint, header.fingerprint);
  // Chunk 7 now has chunk N-1's vector: both are found for that vector.
  assert.deepEqual(
    rebuilt
      .search(vectorOf(N - 1), 2)
      .map((h) => h.row)
      .sort((x, y) => x - y),
    [7, N - 1],
  );
  const otherModel = await openDenseIndex('en', chunks, 'other', embed, { ...ANN, kbDir: dir });
  assert.equal(otherModel.ann?.reused, false);
  assert.ok(existsSync(path.join(dir, '.medco-index', 'en.other.usearch')));
});

test('a damaged graph file is built again, not trusted', async () => {
  const dir = tempDir();
  const { embed } = counting();
  await openDenseIndex('en', chunks, 'm', embed, { ...ANN, kbDir: dir });
  const graphFile = path.join(dir, '.medco-index', 'en.m.usearch');
  const whole = readFileSync(graphFile);
  writeFileSync(graphFile, whole.subarray(0, whole.byteLength >> 1));
  const reopened = await openDenseIndex('en', chunks, 'm', embed, { ...ANN, kbDir: dir });
  assert.deepEqual([reopened.engine, reopened.ann?.reused], ['usearch', false]);
  assert.ok(readFileSync(graphFile).equals(whole));
});

test('without the native module: the exact scan, said once', async () => {
  const notices: string[] = [];
  const options: OpenDenseIndexOptions = {
    ...ANN,
    loadUsearch: async () => {
      throw new Error('Could not find native build for usearch');
    },
    onNotice: (m) => notices.push(m),
  };
  const index = await openDenseIndex('en', chunks, 'm', counting().embed, options);
  await openDenseIndex('ja', chunks, 'm', counting().embed, options);
  assert.equal(index.engine, 'flat');
  assert.equal(index.ann, null);
  assert.equal(notices.length, 1);
  assert.match(notices[0], /approximate index \(usearch\) is unavailable \(Could not find native build for usearch\).*scanned exactly/);
  const flat = new Float32Array(chunks.flatMap((c) => [...normalized(vectorOf(Number(c.content)))]));
  assert.deepEqual(index.search(queries[0], 10), flatTopK(flat, D, normalized(queries[0]), 10));
});

test('below the threshold no graph is built', async () => {
  const dir = tempDir();
  const index = await openDenseIndex('en', chunks.slice(0, 999), 'm', counting().embed, { ...ANN, kbDir: dir });
  assert.equal(index.engine, 'flat');
  assert.equal(existsSync(path.join(dir, '.medco-index', 'en.m.usearch')), false);
});

test('vectors of changing length are refused by a large index too, and a query of the wrong length by the graph', async () => {
  const changing = async (texts: string[]) => texts.map((t) => (Number(t) === 1500 ? vectorOf(1500).slice(0, D - 1) : vectorOf(Number(t))));
  await assert.rejects(openDenseIndex('en', chunks, 'm', changing, ANN), (err: Error) => {
    assert.ok(err instanceof EmbeddingLengthError);
    assert.match(err.message, new RegExp(`changing length: ${D} for the first en chunk, ${D - 1} for chunk c1500`));
    return true;
  });
  const index = await openDenseIndex('en', chunks, 'm', counting().embed, ANN);
  assert.equal(index.engine, 'usearch');
  assert.throws(() => index.search(new Array(D + 1).fill(0.1), 10), /49-dimensional query vector; the en index has 48 dimensions/);
});
