// `medco import coreasoner-results`: the released code's run_round_<N>/<lang>/<model>_results.jsonl
// records (fixtures written by us with the released field names) become medco.trace/1 traces,
// matched to items by folded question text; unmatched and ambiguous records are file:line errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { validateTrace } from '../../../src/core/schema/validators';
import type { Trace } from '../../../src/core/types';
import { REPO, runCli, tempDir } from '../pipeline/helpers';

const RESULTS = path.join(REPO, 'test/fixtures/coreasoner-results/results');
const DATASET = path.join(REPO, 'test/fixtures/mcq/global-mmlu');
const ROUND1 = path.join(RESULTS, 'run_round_1/ja/gpt-5.1_results.jsonl');
const lines = (file: string): Trace[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Trace);

test('the fixtures use the released record fields (codes/main.py final_results)', () => {
  const keys = readFileSync(ROUND1, 'utf8').split('\n').filter(Boolean).map((l) => Object.keys(JSON.parse(l) as object).join(','));
  for (const k of keys) {
    assert.equal(k, 'question,options,answer_idx,en_reasoning,local_reasoning,en_concept_chain,local_concept_chain,fused_concept_chain,response');
  }
});

test('import: traces per round and model, spans located, fused chain as ids, local-only = local concepts absent from it; an unmatched record is file:line and exit 1', async () => {
  const out = path.join(tempDir(), 'paper.traces.jsonl');
  const r = await runCli(['import', 'coreasoner-results', RESULTS, '--dataset', DATASET, '--out', out, '--json']);
  assert.equal(r.status, 1, r.stderr);
  const summary = JSON.parse(r.stdout) as { files: number; records: number; imported: number; skipped: number; failed: number; errors: { file: string; line: number; message: string }[] };
  assert.deepEqual([summary.files, summary.records, summary.imported, summary.skipped, summary.failed], [2, 4, 3, 0, 1]);
  assert.deepEqual(summary.errors, [{ file: ROUND1, line: 3, message: 'no item in language ja of the dataset has this question ("糖尿病性網膜症の治療はどれか。")' }]);

  const traces = lines(out);
  for (const t of traces) assert.ok(validateTrace(t).ok, JSON.stringify(validateTrace(t)));
  assert.deepEqual(traces.map((t) => [t.itemId, t.config.name, t.config.round, t.config.model]), [
    ['mcq-ja-college_medicine/test/7', 'paper-import', 1, 'gpt-5.1'],
    ['mcq-ja-clinical_knowledge/test/1', 'paper-import', 1, 'gpt-5.1'],
    ['mcq-ja-clinical_knowledge/test/1', 'paper-import', 2, 'Qwen/Qwen3-30B-A3B-Instruct-2507'],
  ]);
  assert.equal(new Set(traces.map((t) => t.id)).size, 3);

  // The heart-rate record's question had surrounding spaces: matched all the same.
  const heart = traces[1];
  assert.equal(heart.task, 'mcq');
  assert.deepEqual(heart.english.concepts.map((c) => c.id), ['en-1', 'en-2', 'en-3']);
  assert.deepEqual(heart.local.concepts.map((c) => c.text), ['安静時心拍数', '徐脈', '日本の健診']);
  for (const side of [heart.english, heart.local]) {
    for (const c of side.concepts) {
      assert.ok(c.spans.length > 0, c.text);
      for (const [s, e] of c.spans) assert.equal(side.reasoning.slice(s, e), c.text);
    }
  }
  assert.deepEqual(heart.alignment.fused, ['en-1', 'ja-1', 'en-2', 'ja-2', 'en-3']);
  assert.deepEqual(heart.alignment.localOnly, [{ local: 'ja-3', nearest: null, similarity: null }]);
  assert.deepEqual(heart.alignment.pairs, []);
  assert.equal(heart.final.response, '<think>60〜100回が正常範囲。</think>\nB');
  assert.equal(heart.final.answer, 'B');
  assert.match(heart.local.question, /^健康な成人[^\n]*\n\nA\. 30〜50回\nB\. 60〜100回/);
  assert.match(heart.english.question, /^What is the normal resting heart rate/);
  assert.deepEqual(heart.errors, []);
  assert.equal(traces[0].final.answer, 'C');

  // Run again: nothing new is written, the traces already there are counted as such.
  const again = await runCli(['import', 'coreasoner-results', RESULTS, '--dataset', DATASET, '--out', out, '--json']);
  assert.equal(again.status, 1);
  const s2 = JSON.parse(again.stdout) as { imported: number; skipped: number };
  assert.deepEqual([s2.imported, s2.skipped], [0, 3]);
  assert.equal(lines(out).length, 3);
});

test('a record whose question matches two items is an error naming both; options decide when they differ', async () => {
  const dir = tempDir();
  const dataset = path.join(dir, 'mine.jsonl');
  const row = (id: string, options: Record<string, string>) => JSON.stringify({ id, lang: 'ja', task: 'mcq', question: '正しいものはどれか。', options, label: 'A' });
  writeFileSync(dataset, [
    row('mcq-ja-001', { A: 'x', B: 'y' }),
    row('mcq-ja-002', { A: 'x', B: 'y' }),
    row('mcq-ja-003', { A: 'p', B: 'q' }),
  ].join('\n') + '\n');
  const results = path.join(dir, 'results', 'run_round_3', 'ja');
  mkdirSync(results, { recursive: true });
  const record = (options: Record<string, string>) => JSON.stringify({
    question: '正しいものはどれか。', options, answer_idx: 'A', en_reasoning: '', local_reasoning: '', en_concept_chain: [], local_concept_chain: [], fused_concept_chain: [], response: 'A',
  });
  const file = path.join(results, 'm_results.jsonl');
  writeFileSync(file, [record({ A: 'x', B: 'y' }), record({ A: 'P', B: 'Q ' }), 'not json'].join('\n') + '\n');
  const out = path.join(dir, 'x.traces.jsonl');
  const r = await runCli(['import', 'coreasoner-results', path.join(dir, 'results'), '--dataset', dataset, '--out', out]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /3 record\(s\) in 1 file\(s\): 1 imported/);
  assert.ok(r.stderr.includes(`${file}:1: the question matches 2 items (mcq-ja-001, mcq-ja-002), options included; not imported`), r.stderr);
  assert.ok(r.stderr.includes(`${file}:3: invalid JSON`), r.stderr);
  assert.deepEqual(lines(out).map((t) => [t.itemId, t.config.round]), [['mcq-ja-003', 3]]);
});

test('bad input: not a folder, --out in an annotations folder or not a traces file, results outside run_round_<N>/<lang>/', async () => {
  const dir = tempDir();
  const notTraces = path.join(dir, 'rows.jsonl');
  writeFileSync(notTraces, '{"a":1}\n');
  for (const [args, message] of [
    [[path.join(dir, 'missing'), '--dataset', DATASET, '--out', path.join(dir, 'o.traces.jsonl')], /missing: not a folder/],
    [[RESULTS, '--dataset', DATASET, '--out', notTraces], /not a traces file/],
    [[RESULTS, '--dataset', DATASET, '--out', path.join(dir, 'annotations', 'd', 'x.traces.jsonl')], /annotations folder/],
  ] as const) {
    const r = await runCli(['import', 'coreasoner-results', ...args]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, message);
  }
  assert.equal(readFileSync(notTraces, 'utf8'), '{"a":1}\n');

  const loose = path.join(dir, 'loose');
  mkdirSync(loose);
  cpSync(ROUND1, path.join(loose, 'gpt_results.jsonl'));
  const r = await runCli(['import', 'coreasoner-results', loose, '--dataset', DATASET, '--out', path.join(dir, 'l.traces.jsonl'), '--json']);
  assert.equal(r.status, 1);
  const s = JSON.parse(r.stdout) as { errors: { message: string }[]; imported: number };
  assert.equal(s.imported, 0);
  assert.match(s.errors[0].message, /not under a run_round_<N>\/<language>\/ folder/);
  const usage = await runCli(['import', 'coreasoner-results', RESULTS, '--out', path.join(dir, 'u.traces.jsonl')]);
  assert.equal(usage.status, 2);
});
