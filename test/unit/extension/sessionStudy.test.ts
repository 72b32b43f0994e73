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

test('pairwise study: the session pairs both configurations\' traces, records the seeded sides, refuses a changed response and counts judgements', async () => {
  const { appendTrace } = await import('../../../src/core/traces');
  const { sampleTrace } = await import('../traces/sampleTrace');
  const { pairSides } = await import('../../../src/core/study');
  const dir = await makeTempDir('medco-session-pair-');
  const datasetFile = path.join(dir, 'd.jsonl');
  await writeFile(datasetFile, ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const traces = path.join(dir, 'd.traces.jsonl');
  const trace = (itemId: string, name: string, createdAt = '2026-11-21T10:00:00.000Z') => {
    const base = sampleTrace({ itemId, createdAt });
    return { ...base, id: `${itemId}-${name}-${createdAt}`, config: { ...base.config, name } };
  };
  await appendTrace(traces, trace('qa-ja-001', 'coreasoner'));
  await appendTrace(traces, trace('qa-ja-001', 'direct'));
  await appendTrace(traces, trace('qa-ja-002', 'direct'));
  await appendTrace(traces, trace('qa-ja-002', 'direct', '2026-11-22T10:00:00.000Z'));
  await appendTrace(traces, trace('qa-sw-001', 'coreasoner'));
  const annotations = path.join(dir, 'annotations');
  await mkdir(path.join(annotations, 'd'), { recursive: true });
  const study = createStudy({ dataset: 'd', items: ROWS, annotators: [{ id: 'dr-a', languages: ['ja', 'sw'] }], overlap: 1, seed: 5, mode: 'pairwise', configs: ['coreasoner', 'direct'] });
  await writeFile(path.join(annotations, 'd', '_study.json'), serializeStudyFile(study));

  const session = new ReviewSession();
  await session.open(datasetFile, annotations);
  await session.setAnnotator('dr-a');
  assert.equal(session.counts().rated, 0);
  const pair = await session.pair('qa-ja-001');
  assert.ok(pair && pair.ok);
  assert.deepEqual(pair.sides, pairSides(5, 'dr-a', 'qa-ja-001', 'coreasoner', 'direct'));
  assert.deepEqual(Object.keys(pair.traces).sort(), ['coreasoner', 'direct']);
  const same = await session.pair('qa-ja-002');
  assert.ok(same && !same.ok);
  assert.match(same.message, /has 2 traces, all of configuration direct/);
  const one = await session.pair('qa-sw-001');
  assert.ok(one && !one.ok);
  assert.match(one.message, /no trace of direct \(traces found: coreasoner\)/);

  const entry = await session.saveComparison({
    itemId: 'qa-ja-001',
    winner: { clinical_soundness: 'coreasoner', cultural_grounding: 'tie' },
    durationMs: 1234.4,
    shownSha256: pair.sha256,
  });
  assert.deepEqual(entry.sides, pair.sides);
  assert.deepEqual(entry.traceIds, { coreasoner: pair.traces.coreasoner.id, direct: pair.traces.direct.id });
  assert.equal(entry.durationMs, 1234);
  assert.equal(session.status('qa-ja-001'), 'rated');
  assert.equal(session.counts().rated, 1);

  // The direct answer is regenerated after it was shown: the save is refused, nothing written.
  await appendTrace(traces, trace('qa-ja-001', 'direct', '2026-11-23T10:00:00.000Z'));
  await assert.rejects(
    session.saveComparison({ itemId: 'qa-ja-001', winner: { clinical_soundness: 'direct' }, durationMs: 1, shownSha256: pair.sha256 }),
    (err: Error) => err.name === 'TraceChangedError',
  );
  const reread = JSON.parse(await (await import('node:fs/promises')).readFile(path.join(annotations, 'd', 'dr-a.json'), 'utf8'));
  assert.equal(reread.comparisons['qa-ja-001::coreasoner::direct'].revision, 1);
});
