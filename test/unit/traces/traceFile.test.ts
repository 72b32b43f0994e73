import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { appendTrace, readTraces, traceId, traceSha256, TraceAppender, TracesFileError } from '../../../src/core/traces';
import type { Trace } from '../../../src/core/types';
import { sampleTrace } from './sampleTrace';
import { makeTempDir } from '../../support/tempDir';

const tmp = () => Promise.resolve(makeTempDir('medco-traces-'));

test('appended traces read back, one line each; the latest trace of an item wins', async () => {
  const file = path.join(await tmp(), 'sub', 'run.traces.jsonl');
  const first = sampleTrace();
  const second = sampleTrace({ createdAt: '2026-11-21T11:00:00.000Z', final: { response: 'newer', answer: 'newer' } });
  const other = sampleTrace({ itemId: 'nli-ja-003', task: 'nli' });
  await appendTrace(file, first);
  await appendTrace(file, other);
  await appendTrace(file, second);
  const text = await readFile(file, 'utf8');
  assert.equal(text.split('\n').length, 4); // three lines and the final newline
  const { traces, problems, lines } = await readTraces(file);
  assert.deepEqual(problems, []);
  assert.equal(lines, 3);
  assert.deepEqual([...traces.keys()].sort(), ['nli-ja-003', 'qa-ja-001']);
  assert.equal(traces.get('qa-ja-001')?.final.response, 'newer');
  assert.deepEqual(traces.get('nli-ja-003'), other);
});

test('an older trace appended later does not replace a newer one', async () => {
  const file = path.join(await tmp(), 'a.traces.jsonl');
  await appendTrace(file, sampleTrace({ createdAt: '2026-11-21T12:00:00.000Z', final: { response: 'new', answer: '' } }));
  await appendTrace(file, sampleTrace({ createdAt: '2026-11-21T09:00:00.000Z', final: { response: 'old', answer: '' } }));
  assert.equal((await readTraces(file)).traces.get('qa-ja-001')?.final.response, 'new');
});

test('bad lines are reported with file and line; the other lines load', async () => {
  const file = path.join(await tmp(), 'b.traces.jsonl');
  const good = JSON.stringify(sampleTrace());
  const noItem = JSON.stringify({ ...sampleTrace({ itemId: 'x' }), itemId: undefined });
  const badSpan = JSON.stringify(sampleTrace({ itemId: 'y', english: { ...sampleTrace().english, concepts: [{ id: 'en-1', text: 't', spans: [[1]] as never }] } }));
  const text = [good, '{"schema": "medco.trace/1", oops', '', noItem, badSpan, JSON.stringify(sampleTrace({ itemId: 'z' }))].join('\n') + '\n';
  await writeFile(file, text);
  const { traces, problems } = await readTraces(file);
  assert.deepEqual([...traces.keys()].sort(), ['qa-ja-001', 'z']);
  assert.deepEqual(
    problems.map((p) => [p.file, p.line]),
    [
      [file, 2],
      [file, 4],
      [file, 5],
    ],
  );
  assert.match(problems[0].message, /invalid JSON at column 29/);
  assert.match(problems[1].message, /missing required property "itemId"/);
  assert.match(problems[2].message, /\$\.english\.concepts\[0\]\.spans\[0\]: must NOT have fewer than 2 items/);
});

test('after an interrupted append (partial last line) the next append starts on a new line', async () => {
  const file = path.join(await tmp(), 'c.traces.jsonl');
  await appendTrace(file, sampleTrace());
  await appendFile(file, JSON.stringify(sampleTrace({ itemId: 'torn' })).slice(0, 80));
  const torn = await readTraces(file);
  assert.equal(torn.problems.length, 1);
  assert.equal(torn.problems[0].line, 2);
  assert.match(torn.problems[0].message, /incomplete/);
  await appendTrace(file, sampleTrace({ itemId: 'after' }));
  const { traces, problems } = await readTraces(file);
  assert.deepEqual([...traces.keys()].sort(), ['after', 'qa-ja-001']);
  assert.deepEqual(problems.map((p) => p.line), [2]);
});

test('an invalid trace is never appended', async () => {
  const file = path.join(await tmp(), 'd.traces.jsonl');
  await assert.rejects(appendTrace(file, { ...sampleTrace(), task: 'essay' } as unknown as Trace), /invalid trace/);
  await assert.rejects(readFile(file), { code: 'ENOENT' });
});

test('a missing traces file reads as empty', async () => {
  const r = await readTraces(path.join(await tmp(), 'none.traces.jsonl'));
  assert.equal(r.traces.size, 0);
  assert.deepEqual(r.problems, []);
});

test('traceSha256 is the sha256 of the canonical JSON (keys sorted, no spaces)', () => {
  // Canonical form written out by hand (RFC 8785 key order), hashed independently.
  const tiny = { schema: 'medco.trace/1', id: 'x', b: [1, { d: 'é', c: null }], a: 0.5 } as unknown as Trace;
  const canonical = '{"a":0.5,"b":[1,{"c":null,"d":"é"}],"id":"x","schema":"medco.trace/1"}';
  assert.equal(traceSha256(tiny), createHash('sha256').update(canonical, 'utf8').digest('hex'));
});

/** The same value with every object's keys in reverse insertion order. */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]));
  return v;
}

test('traceSha256 ignores key order and changes with content', () => {
  const t = sampleTrace();
  const reversed = reverseKeys(t) as Trace;
  assert.notEqual(JSON.stringify(reversed), JSON.stringify(t));
  assert.equal(traceSha256(reversed), traceSha256(t));
  assert.notEqual(traceSha256(sampleTrace({ final: { response: '…', answer: 'other' } })), traceSha256(t));
  assert.match(traceSha256(t), /^[0-9a-f]{64}$/);
});

test('traceId depends on item and configuration only, not on key order', () => {
  const c = sampleTrace().config;
  const id = traceId('qa-ja-001', c);
  assert.match(id, /^[0-9a-f]{24}$/);
  assert.equal(traceId('qa-ja-001', reverseKeys(c) as typeof c), id);
  assert.notEqual(traceId('qa-ja-002', c), id);
  assert.notEqual(traceId('qa-ja-001', { ...c, temperature: 0 }), id);
  const expected = createHash('sha256')
    .update('{"config":{"alignThreshold":0.7,"embeddingModel":"e","model":"m","pipelineVersion":"1","retrieval":"concepts","temperature":0.7,"topK":5},"itemId":"qa-ja-001"}')
    .digest('hex')
    .slice(0, 24);
  assert.equal(id, expected);
});

test('a traces line in invalid UTF-8 is reported at its line and skipped; the other lines load', async () => {
  const file = path.join(await tmp(), 'sjis.traces.jsonl');
  const mangled = Buffer.from(JSON.stringify(sampleTrace({ itemId: 'qa-ja-002' })).replace('"qa-ja-002"', '"qa-ja-002-\u0000"'));
  const at = mangled.indexOf(0);
  // Shift-JIS bytes where the NUL stood: the line is no longer UTF-8.
  const bad = Buffer.concat([mangled.subarray(0, at), Buffer.from([0x8e, 0xbf]), mangled.subarray(at + 1)]);
  await writeFile(file, Buffer.concat([Buffer.from(JSON.stringify(sampleTrace()) + '\n'), bad, Buffer.from('\n' + JSON.stringify(sampleTrace({ itemId: 'z' })) + '\n')]));
  const { traces, problems } = await readTraces(file);
  assert.deepEqual([...traces.keys()].sort(), ['qa-ja-001', 'z']);
  assert.deepEqual(problems, [{ file, line: 2, message: 'not valid UTF-8; line skipped' }]);
});

test('a traces file the user named: missing is "not found", a folder is named as such', async () => {
  const dir = await tmp();
  const missing = path.join(dir, 'nope.traces.jsonl');
  await assert.rejects(readTraces(missing, { missing: 'error' }), (err: Error) => err instanceof TracesFileError && err.message === `${missing}: traces file not found`);
  await assert.rejects(readTraces(dir), (err: Error) => err instanceof TracesFileError && err.message === `${dir}: is a folder, not a traces file`);
});

test('the appender used by runs refuses an invalid trace with an error naming the item and the field, and writes nothing', async () => {
  const file = path.join(await tmp(), 'run.traces.jsonl');
  const appender = await TraceAppender.open(file);
  try {
    await appender.append(sampleTrace({ itemId: 'qa-ja-001' }));
    const invalid = { ...sampleTrace({ itemId: 'qa-ja-002' }), createdAt: 42 } as unknown as Trace;
    await assert.rejects(appender.append(invalid), /refusing to append an invalid trace for qa-ja-002: .*createdAt/);
    await appender.append(sampleTrace({ itemId: 'qa-ja-003' }));
  } finally {
    await appender.close();
  }
  const { traces, problems } = await readTraces(file);
  assert.deepEqual(problems, []);
  assert.deepEqual([...traces.keys()].sort(), ['qa-ja-001', 'qa-ja-003']);
});
