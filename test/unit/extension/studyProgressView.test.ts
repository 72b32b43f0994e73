// The curator's Study Progress view on real files: the session's dataset and study, annotators'
// ratings saved through the session, and a study edited by hand afterwards (an item given to an
// annotator without its language, an item given to nobody, a rated item moved to someone else).
// The view reports all of it and no rating is ever touched. vscode is stubbed (events, tree items, l10n).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { installVscodeStub } from './vscodeStub';
import { createStudy, serializeStudyFile, studyStatus } from '../../../src/core/study';
import { readAnnotationFiles } from '../../../src/core/store';
import { makeTempDir } from '../../support/tempDir';
import type { ReviewSession as ReviewSessionType } from '../../../src/extension/session';
import type * as ViewModule from '../../../src/extension/study/studyProgressView';

let ReviewSession: typeof ReviewSessionType;
let view: typeof ViewModule;
before(async () => {
  installVscodeStub();
  ({ ReviewSession } = await import('../../../src/extension/session'));
  view = await import('../../../src/extension/study/studyProgressView');
});

const ROWS = [
  { id: 'qa-ja-001', lang: 'ja', task: 'qa', text: '質問:\nA?\n回答:\nB', label: null },
  { id: 'qa-ja-002', lang: 'ja', task: 'qa', text: '質問:\nC?\n回答:\nD', label: null },
  { id: 'qa-sw-001', lang: 'sw', task: 'qa', text: 'Swali:\nE?\nJibu:\nF', label: null },
  { id: 'qa-sw-002', lang: 'sw', task: 'qa', text: 'Swali:\nG?\nJibu:\nH', label: null },
];

async function workspace() {
  const dir = await makeTempDir('medco-study-progress-');
  const datasetFile = path.join(dir, 'd.jsonl');
  await writeFile(datasetFile, ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const annotations = path.join(dir, 'annotations');
  await mkdir(path.join(annotations, 'd'), { recursive: true });
  return { datasetFile, annotations, studyFile: path.join(annotations, 'd', '_study.json') };
}

const labels = (provider: ViewModule.StudyProgressProvider, node?: ViewModule.ProgressNode) =>
  provider.getChildren(node).map((n) => {
    const item = provider.getTreeItem(n);
    return item.description ? `${item.label} — ${item.description}` : String(item.label);
  });

test('without a study the view is empty (its welcome text shows); with one, each annotator\'s figures are medco study status\'s', async () => {
  const w = await workspace();
  const session = new ReviewSession();
  await session.open(w.datasetFile, w.annotations);
  assert.deepEqual(await view.loadProgress(session), { state: 'none' });
  const provider = new view.StudyProgressProvider();
  provider.set(await view.loadProgress(session));
  assert.deepEqual(provider.getChildren(), []);

  const study = createStudy({ dataset: 'd', items: ROWS, annotators: [{ id: 'dr-a', languages: ['ja', 'sw'] }, { id: 'dr-b', languages: ['ja', 'sw'] }], overlap: 1, seed: 2 });
  await writeFile(w.studyFile, serializeStudyFile(study));
  await session.setAnnotator('dr-a');
  const [first, second] = study.assignments['dr-a'];
  await session.saveRating({ itemId: first, rating: { clinical_soundness: 4, cultural_grounding: 3 }, concepts: {}, durationMs: 40_000 });
  await session.saveRating({ itemId: second, rating: { clinical_soundness: 2 }, concepts: {}, durationMs: 20_000 });

  const state = await view.loadProgress(session);
  assert.equal(state.state, 'ok');
  provider.set(state);
  const { files } = await readAnnotationFiles(w.annotations, 'd');
  const status = studyStatus(study, files);
  assert.equal(status.annotators['dr-a'].medianMs, 30_000);
  assert.deepEqual(labels(provider), [
    `dr-a — ${status.annotators['dr-a'].done}/${status.annotators['dr-a'].assigned} done · median 30 s`,
    `dr-b — 0/${status.annotators['dr-b'].assigned} done`,
  ]);
  const [a] = provider.getChildren();
  assert.deepEqual(labels(provider, a), [`Done — 2 of ${study.assignments['dr-a'].length} (100%)`, 'Median time per item — 30 s']);
});

test('a study edited by hand after ratings exist: problems with their line, the rating outside the assignment reported and kept', async () => {
  const w = await workspace();
  const study = createStudy({ dataset: 'd', items: ROWS, annotators: [{ id: 'dr-a', languages: ['ja', 'sw'] }, { id: 'dr-b', languages: ['ja', 'sw'] }], overlap: 1, seed: 2, order: 'dataset' });
  await writeFile(w.studyFile, serializeStudyFile(study));
  const session = new ReviewSession();
  await session.open(w.datasetFile, w.annotations);
  await session.setAnnotator('dr-a');
  const rated = study.assignments['dr-a'][0];
  await session.saveRating({ itemId: rated, rating: { clinical_soundness: 5, cultural_grounding: 5 }, concepts: {}, durationMs: 1000 });
  const ratingsFile = path.join(w.annotations, 'd', 'dr-a.json');
  const ratingsBefore = await readFile(ratingsFile);

  // The curator now says dr-a reads only Japanese, gives dr-a's rated item to dr-b, a Swahili item
  // to dr-a, and forgets another item altogether.
  const swItem = 'qa-sw-002';
  const forgotten = ROWS.map((r) => r.id).find((id) => id !== rated && id !== swItem)!;
  const edited = structuredClone(study);
  edited.annotators[0].languages = ['ja'];
  edited.assignments['dr-a'] = [swItem];
  edited.assignments['dr-b'] = ROWS.map((r) => r.id).filter((id) => id !== swItem && id !== forgotten);
  await writeFile(w.studyFile, JSON.stringify(edited, null, 2) + '\n');
  await session.reloadAnnotations();

  const state = await view.loadProgress(session);
  assert.equal(state.state, 'ok');
  if (state.state !== 'ok') return;
  const problems = state.model.problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`);
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.match(problems[0], new RegExp(`^_study\\.json:\\d+: item "${swItem}" is in sw, which dr-a does not rate \\(languages: ja\\)$`));
  assert.match(problems[1], new RegExp(`^_study\\.json:\\d+: 1 item\\(s\\) are assigned to nobody: ${forgotten} \\(`));
  assert.ok(state.model.problems.every((p) => p.line > 1), 'each problem points into the file');
  assert.deepEqual(state.model.outside.map((o) => [o.annotator, o.items]), [['dr-a', [rated]]]);

  const provider = new view.StudyProgressProvider();
  provider.set(state);
  const roots = provider.getChildren();
  assert.deepEqual(roots.map((n) => (n.kind === 'group' ? n.group : n.kind === 'annotator' ? n.row.id : n.kind)), ['dr-a', 'dr-b', 'outside', 'problems']);
  assert.ok(labels(provider, roots[0]).includes(`Outside the assignment (kept) — ${rated}`));
  const problemNode = provider.getChildren(roots[3])[0];
  const opened = provider.getTreeItem(problemNode).command;
  assert.equal(opened?.command, 'vscode.open', 'a problem opens the study file at its line');

  assert.deepEqual(await readFile(ratingsFile), ratingsBefore, 'the rating is never deleted or changed');
  assert.deepEqual(session.entry(rated)?.rating, { clinical_soundness: 5, cultural_grounding: 5 });
});
