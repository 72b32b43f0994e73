// `medco reason` on multiple-choice fixtures (published layouts) against the local OpenAI test
// server: every item gets a trace; the question each side reasons on carries its options and the
// instruction to answer with the letter(s), and the letters the model gives are recorded as given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Trace } from '../../../src/core/types';
import { MCQ_ANSWER_INSTRUCTION } from '../../../src/core/pipeline/itemText';
import { startOpenAIServer } from '../../support/openaiServer';
import { checkTrace } from './checkTrace';
import { REPO, runCli, tempDir } from './helpers';

const FIXTURES = path.join(REPO, 'test/fixtures/mcq');
const traceLines = (file: string): Trace[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Trace);

test('medco reason runs a Global-MMLU folder (Japanese + parallel English) end to end: options and letter instruction on both sides, letters recorded', async () => {
  const server = await startOpenAIServer();
  try {
    const out = path.join(tempDir(), 'gmmlu.traces.jsonl');
    const r = await runCli(['reason', path.join(FIXTURES, 'global-mmlu'), '--out', out, '--base-url', server.url, '--model', 'm', '--embedding-model', 'e', '--json']);
    // The dataset's bad row (gold letter E) is reported but does not stop the run.
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { items: number; done: number; failed: number };
    assert.deepEqual([summary.items, summary.done, summary.failed], [3, 3, 0]);
    const traces = traceLines(out);
    assert.deepEqual(traces.map((t) => t.itemId).sort(), ['mcq-ja-clinical_knowledge/test/1', 'mcq-ja-college_medicine/test/7', 'mcq-ja-medical_genetics/test/5']);
    for (const t of traces) {
      checkTrace(t);
      assert.equal(t.task, 'mcq');
      assert.deepEqual(t.errors, []);
      for (const side of [t.english, t.local]) {
        assert.ok(side.question.endsWith(MCQ_ANSWER_INSTRUCTION), side.question);
        assert.match(side.answer, /^[A-D]$/, `${t.itemId}: ${side.answer}`);
      }
      assert.match(t.final.answer, /^[A-D]$/);
    }
    // The item without an English row was translated, options and all.
    assert.equal(traces.find((t) => t.itemId === 'mcq-ja-medical_genetics/test/5')?.english.translated, true);
    const heart = traces.find((t) => t.itemId === 'mcq-ja-clinical_knowledge/test/1')!;
    // Parallel English was used as is (no translation), with its own options.
    assert.equal(heart.english.translated, false);
    assert.match(heart.english.question, /^What is the normal resting heart rate[^\n]*\n\nA\. 30–50\nB\. 60–100\nC\. 110–140\nD\. 150–180\n\n/);
    assert.match(heart.local.question, /\n\nA\. 30〜50回\nB\. 60〜100回\nC\. 110〜140回\nD\. 150〜180回\n\n/);
    assert.equal(server.countByStage().translate, 1);
  } finally {
    await server.close();
  }
});

test('medco reason on MMedBench and MMLU-ProX fixtures: no parallel English, so the question with its options is translated; ten options A–J reach the model', async () => {
  const server = await startOpenAIServer();
  try {
    const out = path.join(tempDir(), 'mixed.traces.jsonl');
    const r = await runCli([
      'reason', path.join(FIXTURES, 'mmedbench/test/Japanese.jsonl'), path.join(FIXTURES, 'mmlu-prox/mmlu_prox_ja.jsonl'),
      '--out', out, '--base-url', server.url, '--model', 'm', '--embedding-model', 'e', '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const traces = traceLines(out);
    assert.equal(traces.length, 4);
    const prox = traces.find((t) => t.itemId === 'mcq-ja-101')!;
    assert.match(prox.local.question, /\nJ\. トルブタミド\n/);
    assert.match(prox.local.answer, /^[A-J]$/);
    const translations = server.requests.filter((q) => q.stage === 'translate' && q.status === 200);
    assert.equal(translations.length, 4);
    // What is translated is the whole question shown to the model: options and instruction included.
    assert.ok(translations.every((q) => JSON.stringify(q.body).includes('A. ')));
    for (const t of traces) {
      checkTrace(t);
      assert.equal(t.english.translated, true);
      // MMedBench's "…を2つ選べ" item is answered with two letters on both sides, the others with one.
      assert.match(t.english.answer, t.local.question.includes('2つ選べ') ? /^[A-E],[A-E]$/ : /^[A-J]$/);
      assert.equal(t.local.answer, t.english.answer);
    }
  } finally {
    await server.close();
  }
});
