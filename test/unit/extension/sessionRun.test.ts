// The review session shows ONE run of the traces (medco.review.configuration / medco.review.round,
// default coreasoner round 1), not each item's latest trace of any run; a traces file of one other
// run only is shown as that run; the configuration is named unless a study hides configurations.
// Real files, the session itself (vscode stubbed: it only needs events and l10n here).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { installVscodeStub } from './vscodeStub';
import { createStudy, serializeStudyFile } from '../../../src/core/study';
import { traceSha256 } from '../../../src/core/traces';
import type { Trace } from '../../../src/core/types';
import { makeTempDir } from '../../support/tempDir';
import { sampleTrace } from '../traces/sampleTrace';
import type { ReviewSession as ReviewSessionType } from '../../../src/extension/session';

let ReviewSession: typeof ReviewSessionType;
before(async () => {
  installVscodeStub();
  ({ ReviewSession } = await import('../../../src/extension/session'));
});

const ROWS = ['qa-ja-001', 'qa-ja-002'].map((id) => ({ id, lang: 'ja', task: 'qa', text: '質問:\nA?\n回答:\nB', label: null }));

function runTrace(itemId: string, name: string | undefined, round: number, hour: number): Trace {
  const base = sampleTrace();
  return sampleTrace({
    id: `${itemId}-${name ?? 'legacy'}-${round}`,
    itemId,
    config: { ...base.config, ...(name === undefined ? {} : { name, round }) },
    createdAt: `2026-11-21T${String(hour).padStart(2, '0')}:00:00.000Z`,
  });
}

async function workspace(traces: Trace[]) {
  const dir = makeTempDir('medco-session-run-');
  const datasetFile = path.join(dir, 'd.jsonl');
  await writeFile(datasetFile, ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n');
  await writeFile(path.join(dir, 'd.traces.jsonl'), traces.map((t) => JSON.stringify(t) + '\n').join(''));
  const annotations = path.join(dir, 'annotations');
  await mkdir(path.join(annotations, 'd'), { recursive: true });
  return { datasetFile, annotations };
}

test('the session shows the chosen run (default coreasoner round 1, legacy traces included), not the latest trace', async () => {
  const { datasetFile, annotations } = await workspace([
    runTrace('qa-ja-001', undefined, 1, 8),
    runTrace('qa-ja-001', 'paper', 1, 9),
    runTrace('qa-ja-002', 'coreasoner', 1, 8),
    runTrace('qa-ja-002', 'paper', 1, 9),
    runTrace('qa-ja-002', 'paper', 2, 10),
  ]);
  const session = new ReviewSession();
  await session.open(datasetFile, annotations);
  await session.setAnnotator('dr-a');
  assert.equal(session.trace('qa-ja-001')?.id, 'qa-ja-001-legacy-1');
  assert.equal(session.trace('qa-ja-002')?.id, 'qa-ja-002-coreasoner-1');
  assert.equal(session.shownConfigurationLabel(), 'coreasoner');
  assert.deepEqual(session.traceRuns().map((r) => [r.config, r.round, r.traces]), [['coreasoner', 1, 2], ['paper', 1, 2], ['paper', 2, 1]]);

  // The rating records the trace shown: the chosen run's.
  const rating = Object.fromEntries(session.rubric!.dimensions.map((d) => [d.id, 4]));
  const saved = await session.saveRating({ itemId: 'qa-ja-002', rating, concepts: {}, durationMs: 1000, shownTraceSha256: session.traceSha256('qa-ja-002') });
  assert.equal(saved.traceId, 'qa-ja-002-coreasoner-1');

  const changes: unknown[] = [];
  session.onDidChange((e) => changes.push(e));
  await session.setReviewRun({ config: 'paper', round: 2 });
  assert.equal(changes.length, 1, 'a new run re-reads the traces and tells the views');
  assert.equal(session.trace('qa-ja-002')?.id, 'qa-ja-002-paper-2');
  assert.equal(session.hasTrace('qa-ja-001'), false, 'no paper round 2 trace: no other configuration instead');
  assert.equal(session.shownConfigurationLabel(), 'paper round 2');
  assert.equal(session.status('qa-ja-002'), 'stale', 'rated on another run\'s trace');
  assert.equal(session.traceSha256('qa-ja-002'), traceSha256(runTrace('qa-ja-002', 'paper', 2, 10)));

  // Chosen when opening (the settings at open time).
  const other = new ReviewSession();
  await other.open(datasetFile, annotations, undefined, { config: 'paper', round: 1 });
  assert.equal(other.trace('qa-ja-001')?.id, 'qa-ja-001-paper-1');
});

test('a traces file of one other run only is shown as that run', async () => {
  const { datasetFile, annotations } = await workspace([runTrace('qa-ja-001', 'paper', 1, 8), runTrace('qa-ja-002', 'paper', 1, 9)]);
  const session = new ReviewSession();
  await session.open(datasetFile, annotations);
  assert.deepEqual(session.reviewRun, { config: 'coreasoner', round: 1 });
  assert.deepEqual(session.shownRun, { config: 'paper', round: 1 });
  assert.equal(session.trace('qa-ja-001')?.id, 'qa-ja-001-paper-1');
  assert.equal(session.shownConfigurationLabel(), 'paper');
});

test('a study hiding configurations, or a pairwise study, does not name the configuration', async () => {
  const { datasetFile, annotations } = await workspace([runTrace('qa-ja-001', 'paper', 1, 8), runTrace('qa-ja-001', 'direct', 1, 8)]);
  const studyFile = path.join(annotations, 'd', '_study.json');
  const annotators = [{ id: 'dr-a', languages: ['ja'] }];
  await writeFile(studyFile, serializeStudyFile(createStudy({ dataset: 'd', items: ROWS, annotators, overlap: 1, seed: 1, hide: ['annotators', 'configs'] })));
  const session = new ReviewSession();
  await session.open(datasetFile, annotations, undefined, { config: 'paper', round: 1 });
  await session.setAnnotator('dr-a');
  assert.equal(session.trace('qa-ja-001')?.id, 'qa-ja-001-paper-1');
  assert.equal(session.shownConfigurationLabel(), undefined);

  await writeFile(studyFile, serializeStudyFile(createStudy({ dataset: 'd', items: ROWS, annotators, overlap: 1, seed: 1, hide: ['annotators'] })));
  await session.reloadAnnotations();
  assert.equal(session.shownConfigurationLabel(), 'paper');

  await writeFile(studyFile, serializeStudyFile(createStudy({ dataset: 'd', items: ROWS, annotators, overlap: 1, seed: 1, mode: 'pairwise', configs: ['paper', 'direct'], hide: [] })));
  await session.reloadAnnotations();
  assert.equal(session.shownConfigurationLabel(), undefined);
});
