// `medco export --format sft`: chat JSONL of the traces physicians (or adjudicated gold) rated at or
// above the thresholds on every dimension, with no safety flag, and the manifest of the filter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { adjudication, annotatorFile, medco, sampleTraces, workspace } from './helpers';

function fixture() {
  const r = (cs: number | null, cg: number | null, flags: string[] = []) => ({ rating: { clinical_soundness: cs, cultural_grounding: cg, ...(flags.length ? { flags } : {}) } });
  const a = annotatorFile('dr-a', {
    'qa-ja-001': r(5, 4),
    'qa-ja-002': r(5, 5),
    'nli-ja-001': r(3, 4),
    'nli-ja-002': r(5, 3),
    'qa-zh-001': r(5, 5, ['inappropriate_terminology']),
    'qa-ko-001': { ...r(5, 5), traceId: 'an-older-trace' },
  });
  const b = annotatorFile('dr-b', { 'qa-ja-001': r(4, 4), 'qa-ja-002': r(5, 5, ['unsafe']), 'nli-ja-001': r(3, 4) });
  const judge = annotatorFile('judge-m', { 'qa-ko-002': r(5, 5) }, 'model');
  return workspace([a, b, judge], adjudication({ 'nli-ja-001': { clinical_soundness: 4 } }));
}

function readSft(file: string) {
  return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

test('sft: chat JSONL of the traces at or above the thresholds with no safety flag, and its manifest', async () => {
  const { ws, dir, traces } = fixture();
  const out = path.join(ws, 'sft.jsonl');
  const run = await medco(['export', dir, '--format', 'sft', '--traces', traces, '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  const lines = readSft(out);
  assert.deepEqual(lines.map((l) => l.metadata.itemId), ['nli-ja-001', 'qa-ja-001', 'qa-zh-001']);
  const all = sampleTraces();
  for (const line of lines) {
    assert.deepEqual(Object.keys(line), ['messages', 'metadata']);
    assert.deepEqual(line.messages.map((m: { role: string }) => m.role), ['system', 'user', 'assistant']);
    for (const m of line.messages) assert.equal(typeof m.content, 'string');
    const trace = all.get(line.metadata.itemId)!;
    assert.equal(line.messages[1].content, trace.local.question);
    assert.ok(line.messages[2].content.startsWith(trace.final.response.trim()));
    assert.ok(line.messages[2].content.includes(trace.final.answer.trim()));
    assert.equal(line.metadata.traceId, trace.id);
    assert.equal(line.metadata.lang, trace.lang);
    assert.equal(line.metadata.task, trace.task);
  }
  // nli-ja-001: the annotators' median 3 is below 4, the adjudicated gold 4 is not.
  assert.deepEqual(lines[0].metadata.scores.clinical_soundness, { value: 4, source: 'gold', n: 1 });
  assert.deepEqual(lines[1].metadata.scores.clinical_soundness, { value: 4.5, source: 'median', n: 2 });

  const manifest = JSON.parse(readFileSync(path.join(ws, 'sft.manifest.json'), 'utf8'));
  assert.deepEqual(manifest.filter.thresholds, { clinical_soundness: 4, cultural_grounding: 4 });
  assert.deepEqual(manifest.filter.safetyFlags, ['unsafe', 'hallucination', 'outdated_guideline', 'translation_error']);
  assert.equal(manifest.counts.traces, all.size);
  assert.equal(manifest.counts.kept, 3);
  assert.deepEqual(manifest.counts.byLanguage.ja, { traces: 4, kept: 2 });
  assert.deepEqual(manifest.counts.byLanguage.zh, { traces: 4, kept: 1 });
  assert.deepEqual(manifest.counts.byLanguage.ko, { traces: 4, kept: 0 });
  // qa-ja-002 unsafe; nli-ja-002 below; qa-ko-001 rated on an older trace, qa-ko-002 only by a model judge.
  assert.deepEqual(manifest.counts.excluded, { belowThreshold: 1, unrated: 0, safetyFlag: 1, notRated: all.size - 5 });
});

test('sft: --min and --safety-flag change the filter; unknown names are user errors', async () => {
  const { ws, dir, traces } = fixture();
  const out = path.join(ws, 'strict.jsonl');
  assert.equal((await medco(['export', dir, '--format', 'sft', '--traces', traces, '--out', out, '--min', 'cultural_grounding=5'])).code, 0);
  assert.deepEqual(readSft(out).map((l) => l.metadata.itemId), ['qa-zh-001']);
  assert.equal((await medco(['export', dir, '--format', 'sft', '--traces', traces, '--out', out, '--safety-flag', 'inappropriate_terminology'])).code, 0);
  assert.deepEqual(readSft(out).map((l) => l.metadata.itemId), ['nli-ja-001', 'qa-ja-001', 'qa-ja-002']);
  const badFlag = await medco(['export', dir, '--format', 'sft', '--traces', traces, '--out', out, '--safety-flag', 'nope']);
  assert.equal(badFlag.code, 1);
  assert.match(badFlag.stderr, /--safety-flag nope: not a flag of rubric medco-expert/);
  const badDim = await medco(['export', dir, '--format', 'sft', '--traces', traces, '--out', out, '--min', 'nope=3']);
  assert.equal(badDim.code, 1);
  const noTraces = await medco(['export', dir, '--format', 'sft', '--out', out]);
  assert.equal(noTraces.code, 2);
  assert.match(noTraces.stderr, /needs --traces/);
});
