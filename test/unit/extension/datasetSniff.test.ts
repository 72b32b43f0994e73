import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isExcludedPath, looksLikeDataset, tracesPathFor } from '../../../src/extension/workspace/datasetSniff';

test('MultiMed-X JSONL rows and paired rows are recognised; other JSONL is not', () => {
  const row = '{"id":"qa-ja-001","lang":"ja","task":"qa","source":"LiveQA","text":"質問:\\n…\\n回答:\\n…","label":null}';
  assert.equal(looksLikeDataset('data.jsonl', `\n${row}\n`), true);
  assert.equal(looksLikeDataset('sw.jsonl', '{"en":"Question:\\n…","sw":"\\nSwali:\\n…"}\n'), true);
  assert.equal(looksLikeDataset('log.jsonl', '{"level":"info","msg":"x"}\n'), false);
  assert.equal(looksLikeDataset('broken.jsonl', '{"id": \n'), false);
});

test('a JSON array is judged by its first element, even when the head is cut mid-file', () => {
  const head = '[\n  {"id":"nli-zh-001","lang":"zh","task":"nli","text":"前提: {x} \\"q\\"","label":"entailment"},\n  {"id":"nli-zh-0';
  assert.equal(looksLikeDataset('rows.json', head), true);
  assert.equal(looksLikeDataset('package.json', '{"name":"x"}'), false);
  assert.equal(looksLikeDataset('other.json', '[{"name":"x"}]'), false);
});

test('spreadsheets: published file names, or a CSV with an EN column', () => {
  assert.equal(looksLikeDataset('bionli_jp_150.xlsx', ''), true);
  assert.equal(looksLikeDataset('budget.xlsx', ''), false);
  assert.equal(looksLikeDataset('rows.csv', '"EN",jp,gold_label\nA,B,entailment\n'), true);
  assert.equal(looksLikeDataset('rows.csv', 'a,b\n'), false);
});

test('traces, annotations and tool files are excluded; the traces file sits beside the dataset', () => {
  assert.equal(isExcludedPath('multimedx-sample.traces.jsonl'), true);
  assert.equal(isExcludedPath('annotations/multimedx-sample/dr-kato.json'), true);
  assert.equal(isExcludedPath('kb/ja/chunks.jsonl'), true);
  assert.equal(isExcludedPath('data/multimedx-ja.jsonl'), false);
  assert.equal(tracesPathFor('/w/data/multimedx-ja.jsonl'), '/w/data/multimedx-ja.traces.jsonl');
  assert.equal(tracesPathFor('/w/liveqa_jp_200.xlsx'), '/w/liveqa_jp_200.traces.jsonl');
});

test('multiple-choice files in the published layouts are recognised (JSONL rows, CSV headers)', () => {
  assert.equal(looksLikeDataset('Japanese.jsonl', '{"question":"q","options":{"A":"a","B":"b"},"answer_idx":"A"}\n'), true);
  assert.equal(looksLikeDataset('prox.jsonl', '{"question_id":1,"question":"q","option_0":"a","option_1":"b","answer":"A","category":"health"}\n'), true);
  assert.equal(looksLikeDataset('mine.jsonl', '{"id":"mcq-ja-001","task":"mcq","text":"q","options":{"A":"a","B":"b"}}\n'), true);
  assert.equal(looksLikeDataset('global_mmlu_ja.csv', 'sample_id,subject,subject_category,question,option_a,option_b,option_c,option_d,answer\n'), true);
  assert.equal(looksLikeDataset('survey.csv', 'question,answer\n'), false);
});
