import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NotATracesFileError, runCoReasoning } from '../../../src/core/pipeline';
import { readTraces, traceId } from '../../../src/core/traces';
import { startOpenAIServer } from '../../support/openaiServer';
import { makeItem, tempDir } from './helpers';

test('an output with a torn last line (crash mid-write) is reported, kept as it is, and appended to on a fresh line', async () => {
  const server = await startOpenAIServer();
  try {
    const out = path.join(tempDir(), 'torn.traces.jsonl');
    const torn = '{"schema":"medco.trace/1","id":"abc","itemId":"qa-ja-009","lang":"ja"';
    const other = JSON.stringify({ note: 'not a trace' });
    // A traces file (one good trace), then a stray line and a torn one.
    await runCoReasoning([makeItem('ja', 2)], { baseUrl: server.url, model: 'm', embeddingModel: 'e', out });
    const first = readFileSync(out, 'utf8');
    writeFileSync(out, `${first}${other}\n${torn}`);
    const summary = await runCoReasoning([makeItem('ja', 1)], { baseUrl: server.url, model: 'm', embeddingModel: 'e', out });
    assert.deepEqual(
      summary.problems.map((p) => [p.file, p.line]),
      [
        [out, 2],
        [out, 3],
      ],
    );
    const lines = readFileSync(out, 'utf8').split('\n');
    assert.equal(JSON.parse(lines[0]).itemId, 'qa-ja-002');
    assert.equal(lines[1], other, 'unreadable lines are left alone');
    assert.equal(lines[2], torn);
    assert.equal(JSON.parse(lines[3]).itemId, 'qa-ja-001');
    assert.equal(lines[4], '');
  } finally {
    await server.close();
  }
});

test('a cache entry that cannot be parsed is a miss: the call is made again and the entry rewritten', async () => {
  const server = await startOpenAIServer();
  try {
    const dir = tempDir();
    const out = path.join(dir, 'c.traces.jsonl');
    const cacheDir = path.join(dir, 'cache');
    const options = { baseUrl: server.url, model: 'm', embeddingModel: 'e', out, cacheDir };
    await runCoReasoning([makeItem('ko', 1)], options);
    const first = server.requests.length;
    const files = readdirSync(cacheDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    assert.equal(files.length, first, 'one cache file per call');
    writeFileSync(path.join(files[0].parentPath, files[0].name), '{"key": "trunc');
    writeFileSync(out, '');
    const again = await runCoReasoning([makeItem('ko', 1)], options);
    assert.equal(again.calls, 1, 'only the damaged entry is paid again');
    assert.equal(server.requests.length, first + 1);
    assert.doesNotThrow(() => JSON.parse(readFileSync(path.join(files[0].parentPath, files[0].name), 'utf8')));
  } finally {
    await server.close();
  }
});

test('an output holding lines but no trace (a dataset, an annotation file) is refused and left as it is', async () => {
  const server = await startOpenAIServer();
  try {
    const out = path.join(tempDir(), 'rows.jsonl');
    const text = `${JSON.stringify({ id: 'qa-ja-001', lang: 'ja', text: '質問: a' })}\n{\n  "schema": "medco.annotations/1"\n}\n`;
    writeFileSync(out, text);
    await assert.rejects(
      runCoReasoning([makeItem('ja', 1)], { baseUrl: server.url, model: 'm', embeddingModel: 'e', out }),
      (err: Error) => err instanceof NotATracesFileError && err.message.startsWith(`${out}: not a traces file`),
    );
    assert.equal(readFileSync(out, 'utf8'), text);
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

test('runCoReasoning as the extension calls it (no retryFailed option) runs again an item whose newest trace has errors', async () => {
  const server = await startOpenAIServer({ stageFaults: { synthesize: 'malformed', extract: 'malformed' } });
  try {
    const out = path.join(tempDir(), 'ext.traces.jsonl');
    const options = { baseUrl: server.url, model: 'm', embeddingModel: 'e', out };
    const first = await runCoReasoning([makeItem('ja', 1), makeItem('zh', 2)], options);
    assert.deepEqual([first.done, first.failed], [0, 2]);
    delete server.options.stageFaults;
    const second = await runCoReasoning([makeItem('ja', 1), makeItem('zh', 2)], options);
    assert.deepEqual([second.done, second.failed, second.retried, second.skipped], [2, 0, 2, 0]);
    const kept = await runCoReasoning([makeItem('ja', 1), makeItem('zh', 2)], { ...options, retryFailed: false });
    assert.deepEqual([kept.done, kept.skipped], [0, 2]);
  } finally {
    await server.close();
  }
});

test('a run writes the trace id that core/traces computes for the item and configuration (one id, one length)', async () => {
  const server = await startOpenAIServer();
  try {
    const out = path.join(tempDir(), 'ids.traces.jsonl');
    await runCoReasoning([makeItem('ja', 1)], { baseUrl: server.url, model: 'm', embeddingModel: 'e', out });
    const trace = (await readTraces(out)).traces.get('qa-ja-001');
    assert.ok(trace);
    assert.equal(trace.id, traceId('qa-ja-001', trace.config));
    assert.match(trace.id, /^[0-9a-f]{24}$/);
  } finally {
    await server.close();
  }
});
