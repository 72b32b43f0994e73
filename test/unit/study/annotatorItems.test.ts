// What the Items tree, Next Unrated and the status bar show for an annotator when there is a study.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStudy, studyItemOrder, type StudyItem } from '../../../src/core/study';
import { neighbourId } from '../../../src/extension/items/itemOrder';

const items: StudyItem[] = ['qa-ja-001', 'qa-ja-002', 'qa-sw-001', 'qa-sw-002', 'nli-ja-001', 'nli-sw-001'].map((id) => {
  const [task, lang] = id.split('-');
  return { id, lang, task };
});

test('with a study and k = 1, each of two annotators sees only their items, in their order; together they cover the dataset once', () => {
  const study = createStudy({ dataset: 'd', items, annotators: [{ id: 'dr-a', languages: ['ja', 'sw'] }, { id: 'dr-b', languages: ['ja', 'sw'] }], overlap: 1, seed: 4 });
  const a = studyItemOrder(study, 'dr-a', items)!.map((i) => i.id);
  const b = studyItemOrder(study, 'dr-b', items)!.map((i) => i.id);
  assert.deepEqual(a, study.assignments['dr-a']);
  assert.deepEqual(b, study.assignments['dr-b']);
  assert.deepEqual([...a, ...b].sort(), items.map((i) => i.id).sort());
  // Next Unrated walks the annotator's own list only.
  assert.equal(neighbourId(a, undefined, 'nextUnrated'), a[0]);
  assert.equal(neighbourId(a, a[0], 'nextUnrated', (id) => id === a[1]), a[2] ?? a[0]);
});

test('without a study, or for someone the study does not assign (a curator), everything is shown as today', () => {
  const study = createStudy({ dataset: 'd', items, annotators: [{ id: 'dr-a', languages: ['ja', 'sw'] }], overlap: 1, seed: 4 });
  assert.equal(studyItemOrder(undefined, 'dr-a', items), undefined);
  assert.equal(studyItemOrder(study, 'curator', items), undefined);
  assert.equal(studyItemOrder(study, undefined, items), undefined);
});

test('assigned ids missing from the dataset are skipped, not shown as empty rows', () => {
  const study = createStudy({ dataset: 'd', items, annotators: [{ id: 'dr-a', languages: ['ja', 'sw'] }], overlap: 1, seed: 4, order: 'dataset' });
  study.assignments['dr-a'].splice(1, 0, 'qa-ja-999');
  assert.deepEqual(studyItemOrder(study, 'dr-a', items)!.map((i) => i.id), items.map((i) => i.id));
});
