import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annotatorLabel, buildAdjudicationView, ratingAtRevision } from '../../../src/core/adjudication/adjudicationView';
import { ADJUDICATION_SCHEMA, type AdjudicationFile } from '../../../src/core/types';
import { annotationFile, entry } from './fixtures';

const files = [
  annotationFile('dr-sato', { 'qa-ja-001': entry({ clinical_soundness: 2, comment: '用量が多すぎる' }, 2, {
    history: [{ revision: 1, rating: { clinical_soundness: 4 }, updatedAt: '2026-11-20T10:00:00.000Z' }],
  }) }),
  annotationFile('dr-abe', { 'qa-ja-001': entry({ clinical_soundness: 5, comment: '妥当' }) }),
  annotationFile('dr-kim', { 'qa-ja-002': entry({ clinical_soundness: 3 }) }),
];
const adjudication: AdjudicationFile = {
  schema: ADJUDICATION_SCHEMA,
  dataset: 'multimedx-ja',
  items: { 'qa-ja-001': { clinical_soundness: {
    value: 4, status: 'adjudicated' as const, adjudicator: 'chief', rationale: 'r', decidedAt: 't',
    basedOn: { 'dr-abe': 1, 'dr-sato': 1 }, revision: 1, history: [],
  } } },
};

test('the panel view anonymises annotators as A, B… and shows names only when revealed', () => {
  const view = buildAdjudicationView({ dataset: 'multimedx-ja', itemId: 'qa-ja-001', annotations: files, adjudication });
  assert.deepEqual(view.annotators.map((a) => [a.label, a.name]), [['A', undefined], ['B', undefined]]);
  const json = JSON.stringify(view);
  assert.ok(!json.includes('dr-sato') && !json.includes('dr-abe'), 'no annotator id leaks into the anonymous view');
  const [dim] = view.dimensions;
  assert.deepEqual(dim.values.map((v) => [v.label, v.value]), [['A', 5], ['B', 2]]);
  assert.deepEqual(dim.decision?.basedOn, { A: 1, B: 1 });
  assert.equal(dim.decisionStale, true); // dr-sato (B) revised to 2 after the decision
  assert.deepEqual(dim.staleSince, ['B']);
  assert.deepEqual(view.annotators[1].earlierRevisions.map((r) => r.revision), [1]);

  const named = buildAdjudicationView({ dataset: 'multimedx-ja', itemId: 'qa-ja-001', annotations: files, adjudication, revealNames: true });
  assert.deepEqual(named.annotators.map((a) => a.name), ['dr-abe', 'dr-sato']);
  assert.deepEqual(named.dimensions[0].staleSince, ['dr-sato']);
});

test('labels continue past Z, and earlier ratings are found by revision', () => {
  assert.deepEqual([0, 1, 25, 26, 27, 701, 702].map(annotatorLabel), ['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  const e = files[0].items['qa-ja-001'];
  assert.deepEqual(ratingAtRevision(e, 1), { clinical_soundness: 4 });
  assert.equal(ratingAtRevision(e, 2), e.rating);
  assert.equal(ratingAtRevision(e, 7), undefined);
});

test('the judge column shows a judge\'s rating of the physicians\' trace, never of another configuration\'s', () => {
  const physicians = [
    annotationFile('dr-sato', { 'qa-ja-001': entry({ clinical_soundness: 2 }, 1, { traceId: 't-core' }) }),
    annotationFile('dr-abe', { 'qa-ja-001': entry({ clinical_soundness: 5 }, 1, { traceId: 't-core' }) }),
  ];
  const judge = (id: string, traceId: string, value: number) => ({
    ...annotationFile(id, { 'qa-ja-001': entry({ clinical_soundness: value }, 1, { traceId }) }),
    annotator: { id, role: 'model', model: 'gpt-4o' },
  });
  const view = buildAdjudicationView({
    dataset: 'multimedx-ja',
    itemId: 'qa-ja-001',
    annotations: physicians,
    judges: [judge('judge-gpt-4o', 't-core', 4), judge('judge-gpt-4o--cot-local', 't-cot', 1)],
    adjudication: null,
  });
  assert.deepEqual(view.judges.map((j) => [j.id, j.rating.clinical_soundness]), [['judge-gpt-4o', 4]]);
  assert.deepEqual(view.dimensions[0].judgeValues.map((v) => v.value), [4]);
});
