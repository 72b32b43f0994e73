// The pure parts of the extension's batch run and run report: finding a batch run in flight beside
// a traces file (and what it was started on, so Resume Batch Run runs the same items), the
// progress figures the pass runner reports, and tokens per stage with the estimated cost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { batchRunInFlight, itemsToResume } from '../../../src/core/batch/inFlight';
import { runBatchPasses, type BatchProgress } from '../../../src/core/batch/passRunner';
import { FileBatchTransport } from '../../../src/core/batch/transports';
import { CallRecorder } from '../../../src/core/llm/deferredCalls';
import { estimateCost } from '../../../src/core/llm/costs';
import { batchProgressFigures, costLine, formatCost, percentDone, stageTokenLines, tokenTotals } from '../../../src/extension/reasoning/runReport';
import { tempDir } from '../pipeline/helpers';

const call = (key: string) => ({
  key,
  stage: 'translate',
  url: '/v1/chat/completions' as const,
  body: { model: 'm', messages: [{ role: 'user', content: key }] },
  cacheRequest: { key },
  toValue: (b: unknown) => b,
  usable: () => true,
});

test('an offline run records what it runs on; the traces file then has a batch run in flight that resumes on the same items', async () => {
  const dir = tempDir('medco-inflight-');
  const out = path.join(dir, 'ja.traces.jsonl');
  assert.equal(await batchRunInFlight(out), undefined, 'no state file: nothing in flight');

  const seen: BatchProgress[] = [];
  const run = await runBatchPasses(
    {
      transport: new FileBatchTransport(path.join(dir, 'batches'), 'm'),
      stateFile: `${out}.batch.json`,
      cacheDir: path.join(dir, '.medco-cache'),
      run: { configName: 'coreasoner', itemIds: ['qa-ja-002', 'qa-ja-001'] },
      onProgress: (p) => seen.push(p),
    },
    async (recorder: CallRecorder) => {
      recorder.record(call('k1'));
      recorder.record(call('k2'));
      return { cancelled: false };
    },
  );
  assert.equal(run.batch.waitingFor.length, 1);
  // Pass 1 started, its batch submitted (in flight), the offline batch not collected.
  const last = seen[seen.length - 1];
  assert.deepEqual(batchProgressFigures(last), [1, 1, 0, 2, 0, 1]);

  const inFlight = await batchRunInFlight(out);
  assert.ok(inFlight);
  assert.equal(inFlight.mode, 'files');
  assert.equal(inFlight.inFlight, 1);
  assert.equal(inFlight.requests, 2);
  assert.equal(inFlight.batchDir, path.join(dir, 'batches'));
  assert.deepEqual(inFlight.run, { configName: 'coreasoner', itemIds: ['qa-ja-002', 'qa-ja-001'] });

  const items = [{ id: 'qa-ja-001' }, { id: 'qa-ja-002' }, { id: 'qa-ja-003' }];
  assert.deepEqual(itemsToResume(items, inFlight.run!), { items: [{ id: 'qa-ja-001' }, { id: 'qa-ja-002' }], missing: [] });
  assert.deepEqual(itemsToResume(items.slice(1), inFlight.run!).missing, ['qa-ja-001']);
});

test('a state file whose batches are all collected is no run in flight; an unreadable one is an error naming it', async () => {
  const dir = tempDir('medco-inflight-done-');
  const out = path.join(dir, 'ja.traces.jsonl');
  const batch = { pass: 1, url: '/v1/chat/completions', customIds: ['a'], status: 'collected', submittedAt: '2026-11-30T00:00:00Z' };
  writeFileSync(`${out}.batch.json`, JSON.stringify({ schema: 'medco.batch/1', mode: 'openai', passes: 1, batches: [batch], attempts: {}, failed: {} }));
  assert.equal(await batchRunInFlight(out), undefined);
  writeFileSync(`${out}.batch.json`, '{"schema": ');
  await assert.rejects(batchRunInFlight(out), /ja\.traces\.jsonl\.batch\.json: not valid JSON/);
});

test('the run report: tokens per stage (most first), totals, and the estimated cost live and with the Batch API', () => {
  const byStage = {
    translate: { runs: 2, prompt_tokens: 1000, completion_tokens: 500 },
    reason_local: { runs: 2, prompt_tokens: 3000, completion_tokens: 2000 },
    align: { runs: 2, prompt_tokens: 200, completion_tokens: 0 },
  };
  assert.deepEqual(stageTokenLines(byStage), ['reason_local: 3,000 in, 2,000 out (2 traces)', 'translate: 1,000 in, 500 out (2 traces)', 'align: 200 in, 0 out (2 traces)']);
  assert.deepEqual(tokenTotals(byStage), { input: 4200, output: 2500 });
  const cost = estimateCost(byStage, { chat: 'gpt-4o-mini', embedding: 'text-embedding-3-small' });
  // 4,000 × 0.15 + 2,500 × 0.6 per million (chat) + 200 × 0.02 per million (embedding).
  assert.equal(formatCost(cost.live, cost.currency), '0.0021 USD');
  assert.equal(formatCost(cost.batch, cost.currency), '0.0011 USD');
  assert.equal(formatCost(12.5, 'EUR'), '12.50 EUR');
  assert.match(costLine(estimateCost(byStage, { chat: 'local-model', embedding: null })), /unpriced stages \(not in the sums\): translate, reason_local, align$/);
  assert.equal(percentDone(3, 12), 25);
  assert.equal(percentDone(0, 0), 100);
});
