// The index the review session keeps of a traces file: the same problems (file:line) and the same
// latest trace per item as readTraces, traces parsed and hashed on demand, and a changed file
// re-indexed when it is loaded again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readTraces, traceSha256 } from '../../../src/core/traces';
import { TraceIndex } from '../../../src/core/traces/traceIndex';
import { TracesFileError } from '../../../src/core/traces';
import { sampleTrace } from './sampleTrace';
import { makeTempDir } from '../../support/tempDir';

const line = (t: object) => JSON.stringify(t) + '\n';

test('bad lines are reported with file and line exactly as readTraces reports them; the rest is indexed', async () => {
  const file = path.join(makeTempDir('medco-trace-index-'), 'd.traces.jsonl');
  const noItem = { ...sampleTrace({ itemId: 'x' }), itemId: undefined };
  await writeFile(file, Buffer.concat([
    Buffer.from(line(sampleTrace()) + '{"schema": "medco.trace/1", oops\n\n' + line(noItem)),
    Buffer.from([0x7b, 0x22, 0x82, 0xa0, 0x22, 0x7d, 0x0a]), // not UTF-8
    Buffer.from(line(sampleTrace({ itemId: 'z' })) + '{"torn'),
  ]));
  const index = await TraceIndex.load(file);
  const read = await readTraces(file);
  assert.deepEqual(index.problems, read.problems);
  assert.deepEqual(index.problems.map((p) => [p.file, p.line]), [[file, 2], [file, 4], [file, 5], [file, 7]]);
  assert.match(index.problems[3].message, /last line is incomplete/);
  assert.equal(index.lines, read.lines);
  assert.deepEqual([...index.itemIds()].sort(), [...read.traces.keys()].sort());
  for (const id of read.traces.keys()) assert.deepEqual(index.get(id), read.traces.get(id));
});

test('an item with several traces: the latest createdAt wins, on a tie the later line; hashed on demand', async () => {
  const file = path.join(makeTempDir('medco-trace-index-many-'), 'd.traces.jsonl');
  const newest = sampleTrace({ createdAt: '2026-11-21T12:00:00.000Z', final: { response: 'newest', answer: 'a' } });
  const tieLater = sampleTrace({ itemId: 'qa-ja-002', final: { response: 'tie, later line', answer: 'a' } });
  await writeFile(file, [
    sampleTrace({ final: { response: 'old', answer: 'a' } }),
    newest,
    sampleTrace({ createdAt: '2026-11-21T11:00:00.000Z', final: { response: 'older, appended later', answer: 'a' } }),
    sampleTrace({ itemId: 'qa-ja-002', final: { response: 'tie, earlier line', answer: 'a' } }),
    tieLater,
    sampleTrace({ itemId: 'qa-ja-003', errors: [{ stage: 'reason_en', message: 'timeout' }] as never }),
  ].map(line).join(''));
  const index = await TraceIndex.load(file);
  assert.equal(index.size, 3);
  assert.equal(index.lines, 6);
  assert.deepEqual(index.get('qa-ja-001'), newest);
  assert.deepEqual(index.get('qa-ja-002'), tieLater);
  assert.deepEqual(index.peek('qa-ja-001'), newest);
  assert.equal(index.sha256('qa-ja-001'), traceSha256(newest));
  assert.equal(index.isDone('qa-ja-001'), true);
  assert.equal(index.isDone('qa-ja-003'), false, 'a trace with errors is not done');
  assert.equal(index.isDone('qa-ja-404'), false);
  assert.equal(index.get('qa-ja-404'), undefined);
  // A trace added in memory (a co-reasoning run that just appended it) replaces the item's.
  const fresh = sampleTrace({ createdAt: '2026-11-22T10:00:00.000Z', final: { response: 'fresh', answer: 'a' } });
  index.set(fresh);
  assert.deepEqual(index.get('qa-ja-001'), fresh);
  assert.equal(index.sha256('qa-ja-001'), traceSha256(fresh));
});

test('a traces file changed on disk is re-indexed when loaded again; missing is empty, a folder is an error', async () => {
  const dir = makeTempDir('medco-trace-index-change-');
  const file = path.join(dir, 'd.traces.jsonl');
  assert.equal((await TraceIndex.load(file)).size, 0);
  await writeFile(file, line(sampleTrace()));
  const before = await TraceIndex.load(file);
  const later = sampleTrace({ createdAt: '2026-11-23T10:00:00.000Z', final: { response: 'rerun', answer: 'b' } });
  await appendFile(file, line(later) + line(sampleTrace({ itemId: 'nli-ja-009', task: 'nli' })));
  const after = await TraceIndex.load(file);
  assert.equal(before.get('qa-ja-001')?.final.response, sampleTrace().final.response);
  assert.deepEqual(after.get('qa-ja-001'), later);
  assert.notEqual(after.sha256('qa-ja-001'), before.sha256('qa-ja-001'));
  assert.equal(after.size, 2);
  await assert.rejects(TraceIndex.load(dir), (err: unknown) => err instanceof TracesFileError && err.reason === 'is a folder');
});
