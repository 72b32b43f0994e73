import { test } from 'node:test';
import assert from 'node:assert/strict';
import { itemStatus, countStatuses } from '../../../src/extension/items/itemStatus';
import type { AnnotationEntry } from '../../../src/core/types';

const rubric = {
  dimensions: [
    { id: 'clinical_soundness', label: '', description: '', min: 1, max: 5, levels: {} },
    { id: 'cultural_grounding', label: '', description: '', min: 1, max: 5, levels: {} },
  ],
};

function entry(rating: AnnotationEntry['rating'], traceSha256?: string): AnnotationEntry {
  return { revision: 1, rating, updatedAt: '2026-11-21T10:00:00.000Z', history: [], traceSha256 };
}

test('no entry, or an entry with only a comment, is unrated', () => {
  assert.equal(itemStatus(undefined, rubric, 'abc'), 'unrated');
  assert.equal(itemStatus(entry({ comment: 'unsure' }), rubric, undefined), 'unrated');
});

test('one of two dimensions answered is partly rated', () => {
  assert.equal(itemStatus(entry({ clinical_soundness: 4 }), rubric, undefined), 'partial');
});

test('null ("not assessable") counts as an answer', () => {
  assert.equal(itemStatus(entry({ clinical_soundness: 4, cultural_grounding: null }), rubric, undefined), 'rated');
});

test('a rating of another trace version is stale; same hash or unknown hash is not', () => {
  const e = entry({ clinical_soundness: 4, cultural_grounding: 2 }, 'old');
  assert.equal(itemStatus(e, rubric, 'new'), 'stale');
  assert.equal(itemStatus(e, rubric, 'old'), 'rated');
  assert.equal(itemStatus(e, rubric, undefined), 'rated');
});

test('countStatuses tallies each status', () => {
  assert.deepEqual(countStatuses(['rated', 'rated', 'unrated', 'stale', 'partial']), {
    total: 5,
    rated: 2,
    partial: 1,
    stale: 1,
    unrated: 1,
  });
});
