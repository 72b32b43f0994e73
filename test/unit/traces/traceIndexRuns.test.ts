// A traces file holding several runs (configuration × round) of the same items: the index keeps
// the chosen run's trace per item, not the item's latest line; a file of one other run shows that
// run; a legacy trace without config.name is the default configuration, round 1 (reviewRun.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TraceIndex } from '../../../src/core/traces/traceIndex';
import { reviewRunOf, runLabel, shownRun } from '../../../src/core/traces/reviewRun';
import type { Trace } from '../../../src/core/types';
import { sampleTrace } from './sampleTrace';
import { makeTempDir } from '../../support/tempDir';

const line = (t: object) => JSON.stringify(t) + '\n';
const ITEMS = ['qa-ja-001', 'qa-ja-002'];

/** One item's trace of a run; `hour` orders createdAt so that the latest line is easy to place. */
function runTrace(itemId: string, name: string | undefined, round: number | undefined, hour: number): Trace {
  const base = sampleTrace();
  const config = { ...base.config, ...(name === undefined ? {} : { name }), ...(round === undefined ? {} : { round }) };
  return sampleTrace({
    id: `${itemId}-${name ?? 'legacy'}-${round ?? 0}`,
    itemId,
    config,
    createdAt: `2026-11-21T${String(hour).padStart(2, '0')}:00:00.000Z`,
    final: { response: `${name ?? 'legacy'} r${round ?? 1}`, answer: 'a' },
  });
}

async function tracesFile(traces: Trace[]): Promise<string> {
  const file = path.join(makeTempDir('medco-trace-runs-'), 'd.traces.jsonl');
  await writeFile(file, traces.map(line).join(''));
  return file;
}

test('two configurations × two rounds of the same items: the chosen run is kept, not the latest line', async () => {
  // coreasoner r1 first (oldest), then paper r1, coreasoner r2, paper r2 (newest and last).
  const file = await tracesFile(ITEMS.flatMap((id) => [
    runTrace(id, 'coreasoner', 1, 8),
    runTrace(id, 'paper', 1, 9),
    runTrace(id, 'coreasoner', 2, 10),
    runTrace(id, 'paper', 2, 11),
  ]));
  const latest = await TraceIndex.load(file);
  assert.equal(latest.get('qa-ja-001')?.final.response, 'paper r2', 'without a run: the latest line of any run');

  const index = await TraceIndex.load(file, { run: { config: 'coreasoner', round: 1 } });
  assert.deepEqual(index.shownRun, { config: 'coreasoner', round: 1 });
  assert.equal(index.size, 2);
  assert.equal(index.lines, 8);
  for (const id of ITEMS) assert.equal(index.get(id)?.id, `${id}-coreasoner-1`);
  assert.deepEqual(index.runs, [
    { config: 'coreasoner', round: 1, traces: 2 },
    { config: 'paper', round: 1, traces: 2 },
    { config: 'coreasoner', round: 2, traces: 2 },
    { config: 'paper', round: 2, traces: 2 },
  ]);

  const paper2 = await TraceIndex.load(file, { run: { config: 'paper', round: 2 } });
  for (const id of ITEMS) assert.equal(paper2.get(id)?.id, `${id}-paper-2`);
  const coreasoner2 = await TraceIndex.load(file, { run: { config: 'coreasoner', round: 2 } });
  assert.equal(coreasoner2.peek('qa-ja-002')?.final.response, 'coreasoner r2');

  // A run the file does not hold, with several runs present: no fallback, items have no trace.
  const missing = await TraceIndex.load(file, { run: { config: 'direct', round: 1 } });
  assert.deepEqual(missing.shownRun, { config: 'direct', round: 1 });
  assert.equal(missing.size, 0);
  assert.equal(missing.has('qa-ja-001'), false);
});

test('within one run the latest trace of the item wins (a re-run of the same configuration and round)', async () => {
  const file = await tracesFile([
    runTrace('qa-ja-001', 'coreasoner', 1, 8),
    { ...runTrace('qa-ja-001', 'coreasoner', 1, 12), id: 'rerun' },
    runTrace('qa-ja-001', 'paper', 1, 13),
  ]);
  const index = await TraceIndex.load(file, { run: { config: 'coreasoner', round: 1 } });
  assert.equal(index.get('qa-ja-001')?.id, 'rerun');
});

test('a file holding one other run only shows that run', async () => {
  const file = await tracesFile(ITEMS.flatMap((id, i) => [runTrace(id, 'paper', 1, 8 + i), { ...runTrace(id, 'paper', 1, 7), id: `${id}-older` }]));
  const index = await TraceIndex.load(file, { run: { config: 'coreasoner', round: 1 } });
  assert.deepEqual(index.chosenRun, { config: 'coreasoner', round: 1 });
  assert.deepEqual(index.shownRun, { config: 'paper', round: 1 });
  assert.deepEqual(index.runs, [{ config: 'paper', round: 1, traces: 4 }]);
  for (const id of ITEMS) assert.equal(index.get(id)?.id, `${id}-paper-1`);

  // Two other runs (the chosen one absent): the chosen run, with no traces.
  const two = await tracesFile([runTrace('qa-ja-001', 'paper', 1, 8), runTrace('qa-ja-001', 'direct', 1, 9), runTrace('qa-ja-002', 'paper', 1, 8)]);
  const none = await TraceIndex.load(two, { run: { config: 'coreasoner', round: 1 } });
  assert.deepEqual(none.shownRun, { config: 'coreasoner', round: 1 });
  assert.equal(none.size, 0);
});

test('a legacy trace without config.name or round counts as the default configuration, round 1', async () => {
  const file = await tracesFile([runTrace('qa-ja-001', undefined, undefined, 8), runTrace('qa-ja-001', 'paper', 1, 9), runTrace('qa-ja-002', 'paper', 1, 9)]);
  const index = await TraceIndex.load(file, { run: { config: 'coreasoner', round: 1 } });
  assert.deepEqual(index.shownRun, { config: 'coreasoner', round: 1 });
  assert.deepEqual(index.runs.map((r) => [r.config, r.round, r.traces]), [['coreasoner', 1, 1], ['paper', 1, 2]]);
  assert.equal(index.get('qa-ja-001')?.id, 'qa-ja-001-legacy-0');
  assert.equal(index.has('qa-ja-002'), false, 'never another configuration for one item');
});

test('a trace added in memory replaces the item\'s only when it is of the run shown', async () => {
  const file = await tracesFile([runTrace('qa-ja-001', 'coreasoner', 1, 8), runTrace('qa-ja-001', 'paper', 1, 9)]);
  const index = await TraceIndex.load(file, { run: { config: 'coreasoner', round: 1 } });
  index.set(runTrace('qa-ja-001', 'paper', 1, 14));
  assert.equal(index.get('qa-ja-001')?.id, 'qa-ja-001-coreasoner-1');
  assert.deepEqual(index.runs.map((r) => r.traces), [1, 2]);
  index.set({ ...runTrace('qa-ja-001', 'coreasoner', 1, 15), id: 'fresh' });
  assert.equal(index.get('qa-ja-001')?.id, 'fresh');
});

test('runs from settings or flags: blank is the default, a round must be a whole number ≥ 1', () => {
  assert.deepEqual(reviewRunOf(undefined, undefined), { config: 'coreasoner', round: 1 });
  assert.deepEqual(reviewRunOf('  ', 1), { config: 'coreasoner', round: 1 });
  assert.deepEqual(reviewRunOf(' paper ', '2'), { config: 'paper', round: 2 });
  assert.equal(reviewRunOf('paper', '0'), undefined);
  assert.equal(reviewRunOf('paper', 1.5), undefined);
  assert.equal(reviewRunOf('paper', 'two'), undefined);
  assert.equal(runLabel({ config: 'paper', round: 1 }), 'paper');
  assert.equal(runLabel({ config: 'paper', round: 3 }), 'paper round 3');
  assert.deepEqual(shownRun({ config: 'coreasoner', round: 1 }, []), { config: 'coreasoner', round: 1 });
});
