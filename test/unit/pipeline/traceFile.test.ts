import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCoReasoning } from '../../../src/core/pipeline';
import { startOpenAIServer } from '../../support/openaiServer';
import { makeItem, tempDir } from './helpers';

test('an output with a torn last line (crash mid-write) is reported, kept as it is, and appended to on a fresh line', async () => {
  const server = await startOpenAIServer();
  try {
    const out = path.join(tempDir(), 'torn.traces.jsonl');
    const torn = '{"schema":"medco.trace/1","id":"abc","itemId":"qa-ja-009","lang":"ja"';
    const other = JSON.stringify({ note: 'not a trace' });
    writeFileSync(out, `${other}\n${torn}`);
    const summary = await runCoReasoning([makeItem('ja', 1)], { baseUrl: server.url, model: 'm', embeddingModel: 'e', out });
    assert.deepEqual(
      summary.problems.map((p) => [p.file, p.line]),
      [
        [out, 1],
        [out, 2],
      ],
    );
    const lines = readFileSync(out, 'utf8').split('\n');
    assert.equal(lines[0], other, 'unreadable lines are left alone');
    assert.equal(lines[1], torn);
    assert.equal(JSON.parse(lines[2]).itemId, 'qa-ja-001');
    assert.equal(lines[3], '');
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
