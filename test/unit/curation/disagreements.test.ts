import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeCuration,
  disagreementQueue,
  groupQueueByItem,
  type DimensionCuration,
} from '../../../src/core/adjudication/disagreements';
import { ADJUDICATION_SCHEMA, type AdjudicationFile } from '../../../src/core/types';
import { annotationFile, entry } from './fixtures';

const files = [
  annotationFile('dr-a', {
    'qa-ja-001': entry({ clinical_soundness: 4, cultural_grounding: 3, comment: 'ok' }, 2),
    'qa-ja-002': entry({ clinical_soundness: 1, cultural_grounding: 5 }),
    'bionli-ja-001': entry({ clinical_soundness: 3, cultural_grounding: null }),
    'qa-th-001': entry({ clinical_soundness: 2, cultural_grounding: 2 }),
  }),
  annotationFile('dr-b', {
    'qa-ja-001': entry({ clinical_soundness: 4, cultural_grounding: 3 }),
    'qa-ja-002': entry({ clinical_soundness: 5, cultural_grounding: 4 }),
    'bionli-ja-001': entry({ clinical_soundness: 3, cultural_grounding: 4 }),
    'qa-th-001': entry({ clinical_soundness: 3, cultural_grounding: 2 }),
  }),
  annotationFile('dr-c', {
    'qa-ja-001': entry({ clinical_soundness: 4, cultural_grounding: 3 }),
    'qa-ja-002': entry({ clinical_soundness: 3, cultural_grounding: 5 }),
    'qa-ja-003': entry({ clinical_soundness: 2 }),
  }),
];

function find(list: DimensionCuration[], itemId: string, dimension: string): DimensionCuration {
  const c = list.find((x) => x.itemId === itemId && x.dimension === dimension);
  assert.ok(c, `${itemId}/${dimension} missing`);
  return c;
}

test('unanimous, disagreement and single-rater items are told apart', () => {
  const cur = computeCuration(files, null);
  assert.equal(find(cur, 'qa-ja-001', 'clinical_soundness').status, 'unanimous');
  assert.equal(find(cur, 'qa-ja-001', 'cultural_grounding').status, 'unanimous');
  assert.equal(find(cur, 'qa-ja-002', 'clinical_soundness').status, 'disagreement');
  assert.equal(find(cur, 'qa-ja-003', 'clinical_soundness').status, 'insufficient');
  // "not assessable" against a number is a disagreement even though the numeric spread is undefined
  const mixed = find(cur, 'bionli-ja-001', 'cultural_grounding');
  assert.equal(mixed.status, 'disagreement');
  assert.equal(mixed.mixedAssessable, true);
  assert.equal(mixed.spread, null);
  // values keep who said what and at which revision
  assert.deepEqual(
    find(cur, 'qa-ja-001', 'clinical_soundness').values.map((v) => [v.annotator, v.value, v.revision]),
    [['dr-a', 4, 2], ['dr-b', 4, 1], ['dr-c', 4, 1]],
  );
});

test('spread is max − min and SD is the population SD (worked example 2,4,4,4,5,5,7,9 → SD 2)', () => {
  const values = [2, 4, 4, 4, 5, 5, 7, 9];
  const many = values.map((v, i) => annotationFile(`r${i}`, { 'qa-ja-001': entry({ clinical_soundness: v }) }));
  const [c] = computeCuration(many, null);
  assert.equal(c.spread, 7);
  assert.ok(Math.abs((c.sd ?? NaN) - 2) < 1e-12);
  const ja2 = find(computeCuration(files, null), 'qa-ja-002', 'clinical_soundness');
  assert.equal(ja2.spread, 4); // 1, 5, 3
  assert.ok(Math.abs((ja2.sd ?? NaN) - Math.sqrt(8 / 3)) < 1e-12);
});

test('language and task come from the id when no dataset is given (bionli → nli, qa → qa)', () => {
  const cur = computeCuration(files, null);
  assert.equal(find(cur, 'bionli-ja-001', 'clinical_soundness').task, 'nli');
  assert.equal(find(cur, 'qa-th-001', 'clinical_soundness').lang, 'th');
  const withMeta = computeCuration(files, null, { itemMeta: () => ({ lang: 'sw', task: 'qa' }) });
  assert.ok(withMeta.every((c) => c.lang === 'sw'));
});

test('queue: largest disagreement first, then SD, then mixed not-assessable; filters by language, task, dimension, status', () => {
  const queue = disagreementQueue(computeCuration(files, null));
  assert.deepEqual(
    queue.slice(0, 3).map((c) => `${c.itemId}/${c.dimension}`),
    // spreads 4; then 1 with SD 0.5 (2,3) before 1 with SD 0.47 (5,4,5)
    ['qa-ja-002/clinical_soundness', 'qa-th-001/clinical_soundness', 'qa-ja-002/cultural_grounding'],
  );
  for (let i = 1; i < queue.length; i++) assert.ok((queue[i - 1].spread ?? -1) >= (queue[i].spread ?? -1));
  // among items without a numeric spread, the null-vs-number disagreement comes first
  const noSpread = queue.filter((c) => c.spread === null);
  assert.equal(noSpread[0].itemId, 'bionli-ja-001');
  assert.equal(noSpread[0].dimension, 'cultural_grounding');

  const all = computeCuration(files, null);
  assert.deepEqual(
    disagreementQueue(all, { lang: 'th' }).map((c) => c.itemId),
    ['qa-th-001', 'qa-th-001'],
  );
  assert.ok(disagreementQueue(all, { task: 'nli' }).every((c) => c.itemId === 'bionli-ja-001'));
  assert.ok(disagreementQueue(all, { dimension: 'cultural_grounding' }).every((c) => c.dimension === 'cultural_grounding'));
  assert.deepEqual(
    disagreementQueue(all, { status: 'disagreement', dimension: 'clinical_soundness' }).map((c) => c.itemId),
    ['qa-ja-002', 'qa-th-001'],
  );
  assert.deepEqual(
    groupQueueByItem(disagreementQueue(all, { status: ['disagreement'] })).map((i) => i.itemId),
    ['qa-ja-002', 'qa-th-001', 'bionli-ja-001'],
  );
});

test('decisions set adjudicated/unresolved and go stale when an annotator revises or a new one rates', () => {
  const adjudication: AdjudicationFile = {
    schema: ADJUDICATION_SCHEMA,
    dataset: 'multimedx-ja',
    items: {
      'qa-ja-002': {
        clinical_soundness: {
          value: 3, status: 'adjudicated', adjudicator: 'cur', rationale: 'r', decidedAt: 't',
          basedOn: { 'dr-a': 1, 'dr-b': 1, 'dr-c': 1 }, revision: 1, history: [],
        },
        cultural_grounding: {
          value: null, status: 'unresolved', adjudicator: 'cur', rationale: 'r', decidedAt: 't',
          basedOn: { 'dr-a': 0, 'dr-b': 1, 'dr-c': 1 }, revision: 1, history: [],
        },
      },
      'qa-th-001': {
        clinical_soundness: {
          value: 2, status: 'adjudicated', adjudicator: 'cur', rationale: 'r', decidedAt: 't',
          basedOn: { 'dr-a': 1 }, revision: 1, history: [],
        },
      },
    },
  };
  const cur = computeCuration(files, adjudication);
  const fresh = find(cur, 'qa-ja-002', 'clinical_soundness');
  assert.equal(fresh.status, 'adjudicated');
  assert.equal(fresh.decisionStale, false);
  const revised = find(cur, 'qa-ja-002', 'cultural_grounding');
  assert.equal(revised.status, 'unresolved');
  assert.deepEqual(revised.staleSince, ['dr-a']); // dr-a is at revision 1, the decision saw 0
  const newcomer = find(cur, 'qa-th-001', 'clinical_soundness');
  assert.deepEqual(newcomer.staleSince, ['dr-b']); // dr-b rated after the decision
  assert.deepEqual(
    disagreementQueue(cur, { decisionStale: true }).map((c) => `${c.itemId}/${c.dimension}`).sort(),
    ['qa-ja-002/cultural_grounding', 'qa-th-001/clinical_soundness'],
  );
});

test('a rating is stale when its traceSha256 no longer matches the current trace', () => {
  const withHashes = [
    annotationFile('dr-a', { 'qa-ja-001': entry({ clinical_soundness: 4 }, 1, { traceId: 't1', traceSha256: 'old' }) }),
    annotationFile('dr-b', { 'qa-ja-001': entry({ clinical_soundness: 4 }, 1, { traceId: 't1', traceSha256: 'new' }) }),
    annotationFile('dr-c', { 'qa-ja-001': entry({ clinical_soundness: 4 }) }), // no hash recorded: cannot tell
  ];
  const [c] = computeCuration(withHashes, null, {
    currentTraceHash: (itemId, traceId) => (itemId === 'qa-ja-001' && traceId === 't1' ? 'new' : undefined),
  });
  assert.deepEqual(c.values.map((v) => [v.annotator, v.ratingStale]), [['dr-a', true], ['dr-b', false], ['dr-c', false]]);
});
