// Open Item searches the whole item, both traces and the annotator's own comments (issue #14, item
// 11), not only the first 120 characters of the question shown in the picker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matches, searchDoc, snippet } from '../../../src/extension/items/itemSearch';
import type { AnnotationEntry, DatasetItem, Trace } from '../../../src/core/types';

const LONG_PREMISE = `${'前提の文章が続く。'.repeat(20)}血清クレアチニン値の上昇を認めた。`;

const item: DatasetItem = {
  id: 'nli-ja-007', lang: 'ja', task: 'nli', text: 'raw', label: 'entailment', origin: { file: 'x.jsonl', line: 7 },
  local: { question: '', premise: LONG_PREMISE, hypothesis: '腎機能は低下している。' },
  english: { question: '', premise: 'The serum creatinine rose.', hypothesis: 'Renal function is impaired.' },
};
const trace = {
  english: { question: '', reasoning: 'Rising creatinine suggests acute kidney injury.', answer: 'entailment', concepts: [] },
  local: { question: '', reasoning: '急性腎障害を示唆する。', answer: '含意', concepts: [] },
  final: { response: '', answer: 'entailment' },
} as unknown as Trace;
const entry: AnnotationEntry = {
  revision: 1, rating: { clinical_soundness: 4, comment: 'Check the KDIGO staging' }, concepts: { 'ja-1': { relevant: true, note: '漢方の併用' } },
  updatedAt: '2026-11-21T10:00:00.000Z', history: [],
};

test('words past the first 120 characters of the premise are found', () => {
  assert.ok(LONG_PREMISE.indexOf('クレアチニン') > 120);
  assert.equal(matches(searchDoc(item, undefined, undefined), 'クレアチニン'), true);
});

test('the traces, the comment and concept notes are searched; every word must occur', () => {
  const doc = searchDoc(item, trace, entry);
  assert.equal(matches(doc, 'acute kidney'), true);
  assert.equal(matches(doc, '急性腎障害'), true);
  assert.equal(matches(doc, 'kdigo'), true);
  assert.equal(matches(doc, '漢方'), true);
  assert.equal(matches(doc, 'kidney asthma'), false);
  assert.equal(matches(searchDoc(item, undefined, undefined), 'kdigo'), false);
});

test('full-width and upper-case queries match (NFKC, case folded); the empty query matches all', () => {
  const doc = searchDoc(item, trace, entry);
  assert.equal(matches(doc, 'ＫＤＩＧＯ'), true);
  assert.equal(matches(doc, 'CREATININE'), true);
  assert.equal(matches(doc, '  '), true);
});

test('the excerpt shows the hit, even far into the text', () => {
  const s = snippet(searchDoc(item, trace, entry), 'クレアチニン');
  assert.match(s, /クレアチニン/);
  assert.ok(s.startsWith('…'));
});
