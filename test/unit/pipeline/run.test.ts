import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCoReasoning } from '../../../src/core/pipeline';
import { LlmClient } from '../../../src/core/llm/client';
import type { Trace } from '../../../src/core/types';
import { startOpenAIServer } from '../../support/openaiServer';
import { checkTrace } from './checkTrace';
import { makeItem, tempDir } from './helpers';

const readTraces = (file: string): Trace[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Trace);

function readTree(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 40, maxAttempts: 5 };

test('a full run writes one valid trace per item: translation, both reasonings, concepts with spans, alignment, retrieval, answer', async () => {
  const server = await startOpenAIServer({ latencyMs: 2, nfdReasoning: true });
  try {
    const dir = tempDir();
    const kbDir = path.join(dir, 'kb');
    const out = path.join(dir, 'run.traces.jsonl');
    mkdirSync(kbDir);
    writeFileSync(
      path.join(kbDir, 'ja.jsonl'),
      [
        { id: 'msd-ja-1', title: '心不全', content: '心不全の治療は日本循環器学会のガイドラインに従う。', lang: 'ja' },
        { id: 'msd-ja-2', title: '漢方', content: '漢方薬と国民健康保険の適用について。', lang: 'ja' },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n'),
    );
    const items = [
      makeItem('ja', 1),
      makeItem('yo', 2, { english: false }),
      makeItem('th', 3, { task: 'nli' }),
      makeItem('zh', 4),
      makeItem('ko', 5, { english: false }),
    ];
    const seen: string[] = [];
    const summary = await runCoReasoning(
      items,
      { baseUrl: server.url, model: 'test-model', embeddingModel: 'test-embed', out, kb: kbDir, concurrency: 4, retry: FAST_RETRY },
      { onTrace: (t) => void seen.push(t.itemId) },
    );
    assert.equal(summary.items, 5);
    assert.equal(summary.done, 5, JSON.stringify(readTraces(out).map((t) => t.errors)));
    assert.equal(summary.failed, 0);
    const traces = readTraces(out);
    assert.deepEqual(traces.map((t) => t.itemId).sort(), items.map((i) => i.id).sort());
    assert.deepEqual([...seen].sort(), items.map((i) => i.id).sort());
    for (const t of traces) {
      checkTrace(t);
      assert.equal(t.config.promptVersion, 'v1');
      assert.ok(t.english.concepts.length >= 3 && t.local.concepts.length >= 3, `${t.itemId} has concept chains`);
      assert.ok(t.local.concepts.every((c) => c.spans.length > 0), `${t.itemId}: every local concept located`);
      assert.ok(t.alignment.pairs.length >= 3, `${t.itemId}: translated concepts align`);
      assert.equal(t.alignment.localOnly.length, 1, `${t.itemId}: the local-knowledge concept is kept`);
      assert.ok(t.final.response.length > 0 && t.final.answer.length > 0);
      for (const stage of ['reason_en', 'reason_local', 'extract_en', 'extract_local', 'align', 'synthesize']) {
        assert.equal(t.stages[stage]?.attempts, 1, `${t.itemId} ${stage}`);
        assert.equal(t.stages[stage]?.cached, false);
      }
    }
    const byId = new Map(traces.map((t) => [t.itemId, t]));
    assert.equal(byId.get('qa-yo-002')!.english.translated, true);
    assert.ok(byId.get('qa-yo-002')!.stages.translate);
    assert.equal(byId.get('qa-ja-001')!.english.translated, false);
    assert.equal(byId.get('qa-ja-001')!.stages.translate, undefined);
    assert.equal(byId.get('nli-th-003')!.final.answer, 'contradiction');
    // Yoruba reasoning came back decomposed (NFD); the NFC concepts are still located in it.
    const yo = byId.get('qa-yo-002')!;
    assert.notEqual(yo.local.reasoning, yo.local.reasoning.normalize('NFC'));
    // retrieval from the Japanese knowledge base only, guided by the concepts
    const ja = byId.get('qa-ja-001')!;
    assert.ok(ja.retrieval.length > 0 && ja.retrieval.every((d) => d.lang === 'ja'));
    assert.deepEqual(byId.get('qa-zh-004')!.retrieval, []);
    // calls: 2 reasonings, 2 extractions, 1 embedding batch, 1 synthesis per item, 2 translations
    assert.deepEqual(server.countByStage(), { reason: 10, extract: 10, embeddings: 5, synthesize: 5, translate: 2 });
    assert.equal(summary.calls, 32);
    assert.ok(summary.usage.total_tokens > 0);
  } finally {
    await server.close();
  }
});

test('a server that refuses json_schema gets json_object with the schema in the prompt, and concepts still come out', async () => {
  const server = await startOpenAIServer({ refuseJsonSchema: true });
  try {
    const out = path.join(tempDir(), 'r.traces.jsonl');
    const summary = await runCoReasoning([makeItem('ja', 1), makeItem('zh', 2)], { baseUrl: server.url, model: 'm', embeddingModel: 'e', out, concurrency: 4, retry: FAST_RETRY });
    assert.equal(summary.done, 2);
    const extract = server.requests.filter((r) => r.stage === 'extract');
    const formats = extract.map((r) => (r.body.response_format as { type: string }).type);
    // The first structured call finds out (the others wait for it): one refusal, then json_object only.
    assert.deepEqual(formats, ['json_schema', 'json_object', 'json_object', 'json_object', 'json_object']);
    assert.equal(extract[0].status, 400);
    const prompt = (extract[1].body.messages as { content: string }[]).map((m) => m.content).join('\n');
    assert.ok(prompt.includes('"concepts":{"type":"array"'), 'the schema is in the prompt');
    for (const t of readTraces(out)) {
      checkTrace(t);
      assert.ok(t.local.concepts.length > 0);
    }
  } finally {
    await server.close();
  }
});

test('malformed structured output is asked once more, then recorded with the raw text; the run goes on', async () => {
  // With one request at a time, requests 0-1 are the two reasonings, 2-5 the two extractions and
  // their repairs: all four come back as truncated JSON.
  const server = await startOpenAIServer({ schedule: { 2: 'malformed', 3: 'malformed', 4: 'malformed', 5: 'malformed' } });
  try {
    const out = path.join(tempDir(), 'm.traces.jsonl');
    const summary = await runCoReasoning([makeItem('ja', 1)], { baseUrl: server.url, model: 'm', embeddingModel: 'e', out, concurrency: 1, retry: FAST_RETRY });
    assert.equal(summary.failed, 1);
    const [t] = readTraces(out);
    checkTrace(t);
    assert.deepEqual(t.errors.map((e) => e.stage).sort(), ['extract_en', 'extract_local']);
    for (const e of t.errors) assert.match(e.message, /not valid JSON.*raw output: \{"concepts"/);
    assert.equal(t.stages.extract_local.attempts, 2, 'the repair attempt is counted');
    assert.deepEqual(t.local.concepts, []);
    assert.deepEqual(t.english.concepts, []);
    assert.equal(server.countByStage().embeddings, undefined, 'nothing to embed');
    assert.ok(t.final.answer.length > 0, 'synthesis still ran');
  } finally {
    await server.close();
  }
});

test('with 20% injected faults (429, 500, stalls, malformed JSON) every item still ends with a trace', async () => {
  const server = await startOpenAIServer({ faults: { rate: 0.2, kinds: ['429', '500', 'stall', 'malformed'], seed: 7 }, retryAfter: { ms: 5 } });
  try {
    const out = path.join(tempDir(), 'f.traces.jsonl');
    const items = Array.from({ length: 12 }, (_, i) => makeItem(['ja', 'sw', 'zu'][i % 3], i + 1, { english: i % 2 === 0 }));
    const summary = await runCoReasoning(items, {
      baseUrl: server.url,
      model: 'm',
      embeddingModel: 'e',
      out,
      concurrency: 6,
      timeoutMs: 400,
      retry: { baseDelayMs: 5, maxDelayMs: 40, maxAttempts: 3 },
    });
    const traces = readTraces(out);
    assert.deepEqual(traces.map((t) => t.itemId).sort(), items.map((i) => i.id).sort());
    assert.equal(summary.done + summary.failed, 12);
    for (const t of traces) {
      checkTrace(t);
      for (const e of t.errors) assert.ok(e.stage && e.message.length > 0);
    }
    const faults = new Set(server.requests.map((r) => r.fault).filter(Boolean));
    // (malformed JSON only applies to structured calls: it may not be drawn; it has its own test)
    for (const kind of ['429', '500', 'stall']) assert.ok(faults.has(kind as '429'), `a ${kind} was injected`);
    assert.ok(summary.retries > 0);
    const retried = traces.flatMap((t) => Object.values(t.stages)).filter((s) => s.attempts > 1);
    assert.ok(retried.length > 0, 'retries are counted in stages');
  } finally {
    await server.close();
  }
});

test('Retry-After on a 429 is honoured before the retry', async () => {
  const server = await startOpenAIServer({ schedule: { 0: '429' }, retryAfter: { seconds: 1 } });
  try {
    const client = new LlmClient({ baseUrl: server.url, model: 'm', cacheDir: null, retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 } });
    const r = await client.chat('reason', { messages: [{ role: 'user', content: 'Think step by step. Respond in English (English).' }] });
    assert.equal(r.attempts, 2);
    assert.equal(server.requests.length, 2);
    const waited = server.requests[1].at - server.requests[0].at;
    assert.ok(waited >= 950, `waited ${waited} ms after Retry-After: 1`);
    assert.equal(client.stats.retries, 1);
  } finally {
    await server.close();
  }
});

test('cancellation through the AbortSignal stops new calls', async () => {
  const server = await startOpenAIServer({ latencyMs: 60 });
  try {
    const out = path.join(tempDir(), 'a.traces.jsonl');
    const items = Array.from({ length: 20 }, (_, i) => makeItem('ja', i + 1));
    const controller = new AbortController();
    // Calls are counted as they start, just before the request is sent: the count at the abort is
    // every call that may reach the server (a request already on the wire may arrive later).
    let callsNow = 0;
    let callsAtAbort = -1;
    const summary = await runCoReasoning(
      items,
      { baseUrl: server.url, model: 'm', embeddingModel: 'e', out, concurrency: 3, retry: FAST_RETRY },
      {
        signal: controller.signal,
        onProgress: (p) => {
          callsNow = p.calls;
        },
        onTrace: () => {
          if (callsAtAbort < 0) {
            callsAtAbort = callsNow;
            controller.abort();
          }
        },
      },
    );
    assert.equal(summary.cancelled, true);
    assert.equal(summary.calls, callsAtAbort, 'no call started after the abort');
    // Barrier instead of a sleep: a round trip of our own to the server, sent after the run
    // returned, so that a request the run had still queued would have reached the server first.
    await fetch(`${server.url}/barrier`, { method: 'POST', body: '{}' }).then((r) => r.text());
    const fromRun = server.requests.filter((r) => !r.path.endsWith('/barrier')).length;
    assert.ok(fromRun <= callsAtAbort, `no request after the abort (${fromRun} > ${callsAtAbort})`);
    assert.ok(readTraces(out).length < items.length);
  } finally {
    await server.close();
  }
});

test('the API key never reaches traces or cache files, even when the server echoes it in errors', async () => {
  const key = 'sk-test-VERY-SECRET-0123456789';
  const server = await startOpenAIServer({ requireKey: key, echoAuthInErrors: true, schedule: { 0: '500', 1: '500', 2: '500', 3: '500' } });
  try {
    const dir = tempDir();
    const out = path.join(dir, 'k.traces.jsonl');
    const summary = await runCoReasoning([makeItem('ja', 1)], {
      baseUrl: server.url,
      model: 'm',
      embeddingModel: 'e',
      apiKey: key,
      out,
      concurrency: 1,
      retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 },
    });
    assert.equal(summary.failed, 1);
    const text = readFileSync(out, 'utf8');
    assert.match(text, /Bearer \*\*\*/, 'the echoed header is in the error, redacted');
    assert.ok(!text.includes(key), 'key in traces');
    assert.ok(!text.includes('VERY-SECRET'), 'part of the key in traces');
    assert.ok(!readTree(path.join(dir, '.medco-cache')).includes('VERY-SECRET'), 'key in the cache');
  } finally {
    await server.close();
  }
});

test('without an embedding model, alignment asks the chat model for pairs as structured output', async () => {
  const server = await startOpenAIServer();
  try {
    const out = path.join(tempDir(), 'l.traces.jsonl');
    const summary = await runCoReasoning([makeItem('sw', 1)], { baseUrl: server.url, model: 'm', embeddingModel: null, out, retry: FAST_RETRY });
    assert.equal(summary.done, 1);
    const [t] = readTraces(out);
    checkTrace(t);
    assert.equal(server.countByStage().embeddings, undefined);
    assert.equal(server.countByStage().align, 1);
    assert.ok(t.alignment.pairs.length >= 3);
    assert.equal(t.alignment.localOnly.length, 1);
  } finally {
    await server.close();
  }
});

test('retrieval is guided by the fused concepts by default, by the question with retrieval: question', async () => {
  const server = await startOpenAIServer();
  try {
    const dir = tempDir();
    const kb = path.join(dir, 'kb');
    mkdirSync(kb);
    writeFileSync(
      path.join(kb, 'chunks.jsonl'),
      [
        { id: 'ja-heart', title: '心不全', content: '心不全と心エコー検査。', lang: 'ja' },
        { id: 'ja-question', title: '資料', content: '叔父 資料 手に入ります', lang: 'ja' },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n'),
    );
    const item = makeItem('ja', 1);
    const run = async (retrieval: 'concepts' | 'question') => {
      const out = path.join(dir, `${retrieval}.traces.jsonl`);
      await runCoReasoning([item], { baseUrl: server.url, model: 'm', embeddingModel: 'e', out, kb, retrieval, retry: FAST_RETRY });
      return readTraces(out)[0];
    };
    const byConcepts = await run('concepts');
    assert.equal(byConcepts.config.retrieval, 'concepts');
    assert.equal(byConcepts.retrieval[0]?.docId, 'ja-heart');
    const conceptTexts = new Set([...byConcepts.english.concepts, ...byConcepts.local.concepts].map((c) => c.text));
    for (const d of byConcepts.retrieval) assert.ok(conceptTexts.has(d.query), `query "${d.query}" is a concept`);
    const byQuestion = await run('question');
    assert.notEqual(byQuestion.id, byConcepts.id, 'another configuration, another trace id');
    assert.equal(byQuestion.retrieval[0]?.docId, 'ja-question');
    assert.equal(byQuestion.retrieval[0]?.query, byQuestion.local.question);
  } finally {
    await server.close();
  }
});

test('a failed translation degrades: English reasoning starts from the local question, the error is recorded', async () => {
  const server = await startOpenAIServer({ stageFaults: { translate: '500' } });
  try {
    const out = path.join(tempDir(), 't.traces.jsonl');
    const summary = await runCoReasoning([makeItem('zu', 1, { english: false })], {
      baseUrl: server.url,
      model: 'm',
      embeddingModel: 'e',
      out,
      concurrency: 1,
      retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 },
    });
    assert.equal(summary.failed, 1);
    const [t] = readTraces(out);
    checkTrace(t);
    assert.equal(server.countByStage().translate, 2);
    assert.deepEqual(t.errors.map((e) => e.stage), ['translate']);
    assert.match(t.errors[0].message, /500|server had an error/);
    assert.equal(t.stages.translate.attempts, 2);
    assert.equal(t.english.translated, false);
    assert.equal(t.english.question, t.local.question);
    assert.ok(t.english.reasoning.length > 0 && t.final.answer.length > 0, 'the later stages ran');
  } finally {
    await server.close();
  }
});
