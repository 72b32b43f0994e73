import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readLines } from '../../../src/core/dataset/jsonl';
import { loadDataset, summarizeDataset, validateDataset } from '../../../src/core/dataset';
import { jsonl, tempDir } from './helpers';

async function collect(file: string): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const { line, text } of readLines(file)) out.push([line, text]);
  return out;
}

test('readLines: BOM, CRLF, blank lines skipped but counted, no final newline', async () => {
  const file = path.join(tempDir(), 'a.jsonl');
  writeFileSync(file, '\uFEFF{"a":1}\r\n\r\n   \n{"b":"日本語"}\n{"c":3}');
  assert.deepEqual(await collect(file), [[1, '{"a":1}'], [4, '{"b":"日本語"}'], [5, '{"c":3}']]);
});

test('readLines: multi-byte characters across chunk boundaries stay whole', async () => {
  // Lines far longer than the 256 KiB read chunk, of 3-byte characters: boundaries fall inside them.
  const long = '質'.repeat(200_000);
  const lines = [long, `x${long}y`, 'ok', `ìdáhùn${long}`];
  const file = path.join(tempDir(), 'big.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  const got = await collect(file);
  assert.equal(got.length, 4);
  got.forEach(([line, text], i) => {
    assert.equal(line, i + 1);
    assert.equal(text, lines[i]);
  });
});

test('validateDataset counts exactly what loadDataset + summarizeDataset count', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'mixed.jsonl');
  writeFileSync(file, jsonl([
    { id: 'qa-ja-001', lang: 'ja', task: 'qa', text: '質問:\nq\n回答:\na' },
    { id: 'nli-ja-001', lang: 'ja', task: 'nli', text: '前提: p 仮説: h', label: 'contradiction' },
    { id: 'qa-en-001', lang: 'en', task: 'qa', text: 'Question: q' },
    { id: 'qa-ja-001', lang: 'ja', task: 'qa', text: 'dup' },
    { en: 'Question: q', yo: 'Ìbéèrè: q Ìdáhùn: a' },
  ]) + 'broken\n');
  const streamed = await validateDataset([file]);
  const loaded = summarizeDataset(await loadDataset([file]));
  assert.deepEqual(streamed, loaded);
  assert.equal(streamed.items, 3);
  assert.deepEqual(streamed.byLanguage, { ja: 2, yo: 1 });
  assert.deepEqual(streamed.errors.map((e) => e.line), [4, 6]);
});
