// The released code's insert_concepts on hand-made vectors. Each expectation was worked out by hand
// from the algorithm's rules (comments give the similarities), not by running the code under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { insertConceptsReleased } from '../../../src/core/pipeline/insertConcepts';
import type { Concept } from '../../../src/core/types';

const concept = (id: string): Concept => ({ id, text: id, spans: [] });

function run(english: Record<string, number[]>, local: Record<string, number[]>, threshold = 0.7) {
  const vectors = new Map<string, number[]>([...Object.entries(english), ...Object.entries(local)]);
  return insertConceptsReleased(Object.keys(english).map(concept), Object.keys(local).map(concept), vectors, threshold);
}

const axes3 = { 'en-1': [1, 0, 0], 'en-2': [0, 1, 0], 'en-3': [0, 0, 1] };
const axes4 = { 'en-1': [1, 0, 0, 0], 'en-2': [0, 1, 0, 0], 'en-3': [0, 0, 1, 0], 'en-4': [0, 0, 0, 1] };

test('a tie between the first and the last element goes to the first: inserted right after it', () => {
  // sims: en-1 0.7071, en-2 0, en-3 0.7071. First on ties → en-1 (first element) → after it.
  // (Taking en-3, the last element, would have put it before en-3: [en-1, en-2, ja-1, en-3].)
  const a = run(axes3, { 'ja-1': [1, 0, 1] });
  assert.deepEqual(a.fused, ['en-1', 'ja-1', 'en-2', 'en-3']);
  assert.deepEqual(a.pairs, [{ local: 'ja-1', english: 'en-1', similarity: 0.7071, insertAt: 1 }]);
  assert.deepEqual(a.localOnly, []);
});

test('best match on the last element: inserted right before it', () => {
  const a = run(axes3, { 'ja-1': [0, 0, 1] });
  assert.deepEqual(a.fused, ['en-1', 'en-2', 'ja-1', 'en-3']);
  assert.equal(a.pairs[0].insertAt, 2);
});

test('a middle match goes before when the left mean is greater, after otherwise; the chain grows', () => {
  const a = run(axes4, {
    // sims 0.6, 0.8, 0, 0 → en-2 (middle); left mean 0.6 > right mean 0 → before en-2.
    'ja-1': [0.6, 0.8, 0, 0],
    // chain en-1 ja-1 en-2 en-3 en-4; sims 0, 0.48, 0.6, 0.8, 0 → en-3 (index 3, not last);
    // left mean 0.36 > right mean 0 → before en-3.
    'ja-2': [0, 0.6, 0.8, 0],
    // chain en-1 ja-1 en-2 ja-2 en-3 en-4; sims 0, 0, 0, 0.64, 0.8, 0.6 → en-3 (index 4);
    // left mean 0.16 < right mean 0.6 → after en-3.
    'ja-3': [0, 0, 0.8, 0.6],
  });
  assert.deepEqual(a.fused, ['en-1', 'ja-1', 'en-2', 'ja-2', 'en-3', 'ja-3', 'en-4']);
  assert.deepEqual(
    a.pairs.map((p) => [p.local, p.english, p.similarity, p.insertAt]),
    [
      ['ja-1', 'en-2', 0.8, 1],
      ['ja-2', 'en-3', 0.8, 3],
      ['ja-3', 'en-3', 0.8, 5],
    ],
  );
});

test('equal left and right means put the concept after its match', () => {
  // sims 0.5, 1, 0.75, 0.25 (÷ the vector's norm) → en-2; left mean 0.5 = right mean 0.5 → not
  // greater → after en-2. Halves and quarters are exact in binary, so the tie is exact too.
  const a = run(axes4, { 'ja-1': [0.5, 1, 0.75, 0.25] });
  assert.deepEqual(a.fused, ['en-1', 'en-2', 'ja-1', 'en-3', 'en-4']);
});

test('a local concept can match a local concept inserted before it (pairs[].english is then a local id)', () => {
  const a = run(axes4, {
    'ja-1': [0.6, 0.8, 0, 0], // before en-2, as above
    // chain en-1 ja-1 en-2 en-3 en-4; sims 0.6, 1, 0.8, 0, 0 → ja-1 (index 1); left 0.6 > right 0.267 → before ja-1.
    'ja-2': [0.6, 0.8, 0, 0],
  });
  assert.deepEqual(a.fused, ['en-1', 'ja-2', 'ja-1', 'en-2', 'en-3', 'en-4']);
  assert.equal(a.pairs.find((p) => p.local === 'ja-2')?.english, 'ja-1');
});

test('one-element chain: after it; ties with an inserted concept go to the first; below the threshold: rejected', () => {
  const a = run(
    { 'en-1': [1, 0] },
    {
      'ja-1': [1, 0], // the only element is the first → after: en-1 ja-1
      'ja-2': [0.8, 0.6], // sims 0.8, 0.8 → tie → en-1 (first) → after it: en-1 ja-2 ja-1
      'ja-3': [0, 1], // sims 0, 0.6, 0 → best ja-2 at 0.6 < 0.7 → rejected
    },
  );
  assert.deepEqual(a.fused, ['en-1', 'ja-2', 'ja-1']);
  assert.deepEqual(a.localOnly, [{ local: 'ja-3', nearest: 'ja-2', similarity: 0.6 }]);
  assert.ok(!a.fused.includes('ja-3'));
  assert.deepEqual(
    a.pairs.map((p) => [p.local, p.english, p.insertAt]),
    [
      ['ja-1', 'en-1', 2],
      ['ja-2', 'en-1', 1],
    ],
  );
});

test('no concepts on either side: the fused chain is empty and local concepts are local-only', () => {
  const noEnglish = run({}, { 'ja-1': [1, 0] });
  assert.deepEqual(noEnglish.fused, []);
  assert.deepEqual(noEnglish.localOnly, [{ local: 'ja-1', nearest: null, similarity: 0 }]);
  assert.deepEqual(run({ 'en-1': [1, 0] }, {}).fused, []);
});
