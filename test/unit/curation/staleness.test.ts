// One staleness rule (core/traces isStaleRating): the items tree/status bar and the curation queue
// call a rating stale in exactly the same cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCuration } from '../../../src/core/adjudication/disagreements';
import { itemStatus } from '../../../src/extension/items/itemStatus';
import { annotationFile, entry } from './fixtures';

const rubric = { dimensions: [{ id: 'clinical_soundness', label: '', description: '', min: 1, max: 5, levels: {} }] };

test('the items tree and the curation queue agree on which ratings are stale', () => {
  const cases: [string | undefined, string | undefined, boolean][] = [
    ['old', 'new', true],
    ['same', 'same', false],
    [undefined, 'new', false], // an entry that never recorded its trace
    ['old', undefined, false], // no trace on disk now
  ];
  for (const [rated, current, stale] of cases) {
    const e = entry({ clinical_soundness: 4 }, 1, rated ? { traceSha256: rated } : {});
    const other = entry({ clinical_soundness: 2 });
    const files = [annotationFile('a', { 'qa-ja-001': e }), annotationFile('b', { 'qa-ja-001': other })];
    const [c] = computeCuration(files, null, { currentTraceHash: () => current });
    const inQueue = c.values.find((v) => v.annotator === 'a')?.ratingStale;
    assert.equal(inQueue, stale, `curation, rated ${rated} now ${current}`);
    assert.equal(itemStatus(e, rubric, current) === 'stale', stale, `items tree, rated ${rated} now ${current}`);
  }
});
