import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readTraces } from '../../../src/core/traces';
import { repoRoot, runTs } from '../store/helpers';
import { makeTempDir } from '../../support/tempDir';

test('two processes appending to one traces file: every line whole, every trace there', async () => {
  const file = path.join(makeTempDir('medco-append-'), 'run.traces.jsonl');
  const script = path.join(repoRoot, 'test/unit/traces/fixtures/appender.ts');
  const [a, b] = await Promise.all([runTs(script, [file, 'a', '40']), runTs(script, [file, 'b', '40'])]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  const { traces, problems, lines } = await readTraces(file);
  assert.deepEqual(problems, []);
  assert.equal(lines, 80);
  for (const p of ['a', 'b']) for (let i = 0; i < 40; i++) assert.equal(traces.get(`${p}-${i}`)?.final.answer, String(i));
});
