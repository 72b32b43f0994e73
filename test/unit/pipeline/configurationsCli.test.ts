// Every named configuration runs end to end from `medco reason --config <name>` against the local
// OpenAI-compatible server, with the stages it is defined to run and no others.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Trace } from '../../../src/core/types';
import { startOpenAIServer, type FakeOpenAIServer } from '../../support/openaiServer';
import { runCli, tempDir } from './helpers';

let server: FakeOpenAIServer;
before(async () => {
  server = await startOpenAIServer();
});
after(() => server.close());

function fixture(): { dir: string; dataset: string; kb: string } {
  const dir = tempDir('medco-configs-');
  const dataset = path.join(dir, 'ja.jsonl');
  writeFileSync(
    dataset,
    [
      { id: 'qa-ja-001', lang: 'ja', task: 'qa', text: '質問:\n質問 1：心アミロイドーシスとは？\n回答:\n…', text_en: 'Question:\nQuestion 1: what is cardiac amyloidosis?\nAnswer:\n…', label: null },
      { id: 'qa-ja-002', lang: 'ja', task: 'qa', text: '質問:\n質問 2：高血圧の治療は？\n回答:\n…', label: null },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
  const kb = path.join(dir, 'kb');
  mkdirSync(path.join(kb, 'ja'), { recursive: true });
  mkdirSync(path.join(kb, 'en'), { recursive: true });
  writeFileSync(path.join(kb, 'ja', 'msd.jsonl'), JSON.stringify({ title: '心不全', content: '心不全と心アミロイドーシス。' }) + '\n');
  writeFileSync(path.join(kb, 'en', 'msd.jsonl'), JSON.stringify({ title: 'Heart failure', content: 'Cardiac amyloidosis causes heart failure.' }) + '\n');
  return { dir, dataset, kb };
}

async function run(config: string, extra: string[] = []): Promise<{ traces: Trace[]; stages: Record<string, number> }> {
  const { dir, dataset, kb } = fixture();
  const out = path.join(dir, `${config}.traces.jsonl`);
  const before = server.requests.length;
  const r = await runCli(['reason', dataset, '--out', out, '--config', config, '--base-url', server.url, '--embedding-model', 'e', '--kb', kb, '--json', ...extra]);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotThrow(() => JSON.parse(r.stdout), 'stdout is one JSON document');
  const traces = readFileSync(out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Trace);
  assert.equal(traces.length, 2);
  for (const t of traces) {
    assert.equal(t.config.name, config);
    assert.deepEqual(t.errors, [], `${config} ${t.itemId}`);
    assert.ok(t.final.answer.length > 0, `${config}: a final answer`);
  }
  const stages: Record<string, number> = {};
  for (const q of server.requests.slice(before)) stages[q.stage] = (stages[q.stage] ?? 0) + 1;
  return { traces, stages };
}

test('coreasoner (the default name) keeps local-only concepts and retrieves local documents', async () => {
  const { traces } = await run('coreasoner');
  for (const t of traces) {
    assert.ok(t.alignment.localOnly.length > 0 && t.alignment.localOnly.every((o) => t.alignment.fused.includes(o.local)));
    assert.ok(t.retrieval.every((d) => d.lang === 'ja') && t.retrieval.length > 0);
    assert.equal(t.config.promptVersion, 'v1');
  }
});

test('paper runs from the CLI and drops unmatched local concepts', async () => {
  const { traces } = await run('paper');
  for (const t of traces) {
    assert.ok(t.alignment.localOnly.every((o) => !t.alignment.fused.includes(o.local)));
    assert.deepEqual([...new Set(t.retrieval.map((d) => d.lang))].sort(), ['en', 'ja']);
  }
});

test('direct: one answering call per item, nothing else', async () => {
  const { traces, stages } = await run('direct');
  assert.deepEqual(stages, { other: 2 });
  for (const t of traces) {
    assert.equal(t.local.reasoning, '');
    assert.equal(t.english.reasoning, '');
    assert.deepEqual(Object.keys(t.stages), ['direct']);
  }
});

test('cot-local: the local reasoning is the answer; no English, no retrieval', async () => {
  const { traces, stages } = await run('cot-local');
  assert.deepEqual(stages, { reason: 2 });
  for (const t of traces) {
    assert.equal(t.final.answer, t.local.answer);
    assert.equal(t.english.reasoning, '');
    assert.deepEqual(t.retrieval, []);
  }
});

test('cot-en: English reasoning (after translation when there is no parallel English), answer translated', async () => {
  const { traces, stages } = await run('cot-en');
  // qa-ja-002 has no English: one translation; then two English reasonings and two answer translations.
  assert.equal(stages.translate, 1);
  assert.equal(stages.reason, 2);
  assert.equal(stages.other, 2, 'translate_answer calls');
  for (const t of traces) {
    assert.ok(t.english.reasoning.length > 0);
    assert.equal(t.local.reasoning, '');
    assert.ok(t.stages.translate_answer);
  }
});

test('no-retrieval: coreasoner without the retrieval stage', async () => {
  const { traces } = await run('no-retrieval');
  for (const t of traces) {
    assert.deepEqual(t.retrieval, []);
    assert.equal(t.stages.retrieve, undefined);
    assert.ok(t.alignment.pairs.length > 0);
  }
});

test('no-fusion: no concepts, no alignment; the generator sees both reasonings', async () => {
  const { traces, stages } = await run('no-fusion');
  assert.equal(stages.extract, undefined);
  assert.equal(stages.align, undefined);
  const synth = server.requests.filter((r) => r.stage === 'synthesize').slice(-2);
  for (const r of synth) {
    const text = JSON.stringify(r.body.messages);
    assert.match(text, /English reasoning:/);
  }
  for (const t of traces) {
    assert.deepEqual(t.alignment.fused, []);
    assert.ok(t.english.reasoning && t.local.reasoning);
  }
});

test('en-only-concepts: the chain is the English chain alone', async () => {
  const { traces, stages } = await run('en-only-concepts');
  assert.equal(stages.extract, 2, 'English extraction only');
  for (const t of traces) {
    assert.deepEqual(t.local.concepts, []);
    assert.deepEqual(t.alignment.fused, t.english.concepts.map((c) => c.id));
  }
});

test('an unknown configuration is a usage error listing the valid names', async () => {
  const { dir, dataset } = fixture();
  const r = await runCli(['reason', dataset, '--out', path.join(dir, 'x.traces.jsonl'), '--config', 'papr', '--base-url', server.url]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown configuration "papr"; valid: coreasoner, paper, direct, cot-local, cot-en, no-retrieval, no-fusion, en-only-concepts/);
  const noEmbed = await runCli(['reason', dataset, '--out', path.join(dir, 'y.traces.jsonl'), '--config', 'paper', '--base-url', server.url]);
  assert.equal(noEmbed.status, 1);
  assert.match(noEmbed.stderr, /--embedding-model/);
});
