// The review session indexes the traces file once and computes each item's status once: a rating
// made on a trace becomes stale when the traces file changes on disk and is reloaded, and rated
// again after a new save (the status cache follows both).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { installVscodeStub } from './vscodeStub';
import { makeTempDir } from '../../support/tempDir';
import { sampleTrace } from '../traces/sampleTrace';
import type { ReviewSession as ReviewSessionType } from '../../../src/extension/session';

let ReviewSession: typeof ReviewSessionType;
before(async () => {
  installVscodeStub();
  ({ ReviewSession } = await import('../../../src/extension/session'));
});

test('a changed traces file makes a rating stale once reloaded; saving again rates it', async () => {
  const dir = makeTempDir('medco-session-traces-');
  const datasetFile = path.join(dir, 'd.jsonl');
  await writeFile(datasetFile, ['qa-ja-001', 'qa-ja-002'].map((id) => JSON.stringify({ id, lang: 'ja', task: 'qa', text: '質問:\nA?\n回答:\nB', label: null })).join('\n') + '\n');
  const tracesFile = path.join(dir, 'd.traces.jsonl');
  await writeFile(tracesFile, JSON.stringify(sampleTrace()) + '\n' + '{"bad\n');
  const session = new ReviewSession();
  await session.open(datasetFile, path.join(dir, 'annotations'));
  await session.setAnnotator('dr-a');
  assert.deepEqual(session.problems().map((p) => [p.file, p.line]), [[tracesFile, 2]]);
  assert.equal(session.hasTrace('qa-ja-001'), true);
  assert.equal(session.hasTrace('qa-ja-002'), false);
  assert.equal(session.status('qa-ja-001'), 'unrated');

  const rating = Object.fromEntries(session.rubric!.dimensions.map((d) => [d.id, 4]));
  await session.saveRating({ itemId: 'qa-ja-001', rating, concepts: {}, durationMs: 1000, shownTraceSha256: session.traceSha256('qa-ja-001') });
  assert.equal(session.status('qa-ja-001'), 'rated');

  await appendFile(tracesFile, JSON.stringify(sampleTrace({ createdAt: '2026-11-23T10:00:00.000Z', final: { response: 'rerun', answer: 'b' } })) + '\n');
  assert.equal(session.status('qa-ja-001'), 'rated', 'not reloaded yet');
  await session.reloadTraces();
  assert.equal(session.trace('qa-ja-001')?.final.response, 'rerun');
  assert.equal(session.status('qa-ja-001'), 'stale');
  assert.deepEqual(session.counts(), { total: 2, rated: 0, partial: 0, stale: 1, unrated: 1 });

  await session.saveRating({ itemId: 'qa-ja-001', rating, concepts: {}, durationMs: 1000, shownTraceSha256: session.traceSha256('qa-ja-001') });
  assert.equal(session.status('qa-ja-001'), 'rated');
  assert.equal(session.counts().rated, 1);
});
