// The review session follows the dataset's study for the signed-in annotator (Items tree, Next
// Unrated and status bar all read `session.items`); without a study everything is as before.
// Real files, the session itself (vscode stubbed: it only needs events and l10n here).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { installVscodeStub } from './vscodeStub';
import { createStudy, serializeStudyFile } from '../../../src/core/study';
import { makeTempDir } from '../../support/tempDir';
import type { ReviewSession as ReviewSessionType } from '../../../src/extension/session';

let ReviewSession: typeof ReviewSessionType;
before(async () => {
  installVscodeStub();
  ({ ReviewSession } = await import('../../../src/extension/session'));
});

const ROWS = [
  { id: 'qa-ja-001', lang: 'ja', task: 'qa', text: '質問:\nA?\n回答:\nB', label: null },
  { id: 'qa-ja-002', lang: 'ja', task: 'qa', text: '質問:\nC?\n回答:\nD', label: null },
  { id: 'qa-sw-001', lang: 'sw', task: 'qa', text: 'Swali:\nE?\nJibu:\nF', label: null },
  { id: 'qa-sw-002', lang: 'sw', task: 'qa', text: 'Swali:\nG?\nJibu:\nH', label: null },
];

test('the session shows each annotator their assigned items in study order, and all items without a study', async () => {
  const dir = await makeTempDir('medco-session-study-');
  const datasetFile = path.join(dir, 'd.jsonl');
  await writeFile(datasetFile, ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const annotations = path.join(dir, 'annotations');
  await mkdir(path.join(annotations, 'd'), { recursive: true });
  const study = createStudy({
    dataset: 'd',
    items: ROWS,
    annotators: [{ id: 'dr-a', languages: ['ja', 'sw'] }, { id: 'dr-b', languages: ['ja', 'sw'] }],
    overlap: 1,
    seed: 2,
  });
  const studyFile = path.join(annotations, 'd', '_study.json');
  await writeFile(studyFile, serializeStudyFile(study));

  const session = new ReviewSession();
  await session.open(datasetFile, annotations);
  assert.equal(session.items.length, 4, 'no annotator yet: every item');
  await session.setAnnotator('dr-a');
  assert.deepEqual(session.items.map((i) => i.id), study.assignments['dr-a']);
  assert.equal(session.counts().total, study.assignments['dr-a'].length);
  assert.equal(session.neighbour(undefined, 'nextUnrated'), study.assignments['dr-a'][0]);
  await session.setAnnotator('dr-b');
  assert.deepEqual(session.items.map((i) => i.id), study.assignments['dr-b']);
  await session.setAnnotator('curator');
  assert.equal(session.items.length, 4);

  await session.setAnnotator('dr-a');
  await rm(studyFile);
  await session.reloadAnnotations();
  assert.equal(session.items.length, 4, 'study removed: everything as today');

  await writeFile(studyFile, '{"schema": "medco.study/1",');
  await session.reloadAnnotations();
  assert.equal(session.items.length, 4);
  assert.ok(session.problems().some((p) => p.file === studyFile), 'an unreadable study is reported');
});
