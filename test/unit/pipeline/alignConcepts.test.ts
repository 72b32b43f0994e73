import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignConcepts, cosineSimilarity, fuseConcepts } from '../../../src/core/pipeline/alignConcepts';
import type { Concept } from '../../../src/core/types';

const c = (id: string): Concept => ({ id, text: id, spans: [] });

test('cosine similarity: worked example cos((1,2,3),(4,5,6)) = 32/sqrt(14·77)', () => {
  assert.ok(Math.abs(cosineSimilarity([1, 2, 3], [4, 5, 6]) - 32 / Math.sqrt(14 * 77)) < 1e-12);
  assert.equal(cosineSimilarity([1, 0], [0, 1]), 0);
  assert.equal(cosineSimilarity([0, 0], [1, 1]), 0, 'a zero vector resembles nothing (no NaN)');
});

test('a matched local concept goes next to its English concept, on the side of the more similar neighbour', () => {
  const english = [c('en-1'), c('en-2'), c('en-3')];
  const local = [c('ja-1'), c('ja-2'), c('ja-3')];
  const vectors = new Map<string, number[]>([
    ['en-1', [1, 0, 0, 0]],
    ['en-2', [0, 1, 0, 0]],
    ['en-3', [0, 0, 1, 0]],
    ['ja-1', [0.3, 0.9, 0, 0]], // ≈ en-2, leaning to en-1 → before en-2
    ['ja-2', [0, 0, 0, 1]], // like nothing in English → local-only
    ['ja-3', [0, 0.9, 0.3, 0]], // ≈ en-2, leaning to en-3 → after en-2
  ]);
  const a = alignConcepts(english, local, vectors, 0.7);
  // ja-2 (local-only) follows ja-1, the local concept before it in the local chain.
  assert.deepEqual(a.fused, ['en-1', 'ja-1', 'ja-2', 'en-2', 'ja-3', 'en-3']);
  const sim = 0.9 / Math.sqrt(0.9 * 0.9 + 0.3 * 0.3); // cos of ja-1 / ja-3 with en-2
  assert.deepEqual(
    a.pairs.map((p) => [p.local, p.english, p.insertAt]),
    [
      ['ja-1', 'en-2', 1],
      ['ja-3', 'en-2', 4],
    ],
  );
  for (const p of a.pairs) assert.ok(Math.abs(p.similarity - sim) < 1e-4);
  assert.deepEqual(a.localOnly, [{ local: 'ja-2', nearest: 'en-1', similarity: 0 }]);
});

test('below the threshold a concept is local-only with its nearest English concept; the first English concept has no left neighbour', () => {
  const english = [c('en-1'), c('en-2')];
  const local = [c('sw-1'), c('sw-2')];
  const vectors = new Map<string, number[]>([
    ['en-1', [1, 0]],
    ['en-2', [0, 1]],
    ['sw-1', [1, 0.05]], // ≈ en-1 → after it (no neighbour before en-1)
    ['sw-2', [0.6, 0.8]], // cos with en-2 = 0.8, with en-1 = 0.6
  ]);
  const strict = alignConcepts(english, local, vectors, 0.85);
  assert.deepEqual(strict.fused, ['en-1', 'sw-1', 'sw-2', 'en-2']);
  assert.deepEqual(strict.localOnly, [{ local: 'sw-2', nearest: 'en-2', similarity: 0.8 }]);
  const loose = alignConcepts(english, local, vectors, 0.7);
  // sw-2 matches en-2; its only neighbour en-1 is before → before en-2
  assert.deepEqual(loose.fused, ['en-1', 'sw-1', 'sw-2', 'en-2']);
  assert.deepEqual(
    loose.pairs.map((p) => [p.local, p.english, p.insertAt]),
    [
      ['sw-1', 'en-1', 1],
      ['sw-2', 'en-2', 2],
    ],
  );
  assert.deepEqual(loose.localOnly, []);
});

test('several local concepts on one English concept keep their local order; nothing local is dropped', () => {
  const english = [c('en-1'), c('en-2')];
  const local = [c('zh-1'), c('zh-2'), c('zh-3'), c('zh-4')];
  // As decided by the LLM fallback: zh-3 is omitted by the model, zh-1 comes before any match.
  const a = fuseConcepts(
    english,
    local,
    [
      { local: 'zh-2', english: 'en-2', similarity: 0.9, side: 'after' },
      { local: 'zh-4', english: 'en-2', similarity: 0.9, side: 'after' },
    ],
    [{ local: 'zh-1', nearest: null, similarity: 0 }],
  );
  // zh-1 precedes the first matched local concept (zh-2), keeping the local order; zh-3 follows zh-2.
  assert.deepEqual(a.fused, ['en-1', 'en-2', 'zh-1', 'zh-2', 'zh-3', 'zh-4']);
  assert.deepEqual(
    a.localOnly.map((o) => o.local),
    ['zh-1', 'zh-3'],
  );
  assert.deepEqual(
    a.pairs.map((p) => [p.local, p.insertAt]),
    [
      ['zh-2', 3],
      ['zh-4', 5],
    ],
  );
});

test('without English concepts every local concept is local-only, in order', () => {
  const a = fuseConcepts([], [c('th-1'), c('th-2')], [], []);
  assert.deepEqual(a.fused, ['th-1', 'th-2']);
  assert.deepEqual(a.pairs, []);
  assert.deepEqual(a.localOnly, [
    { local: 'th-1', nearest: null, similarity: 0 },
    { local: 'th-2', nearest: null, similarity: 0 },
  ]);
});
