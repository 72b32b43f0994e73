// The `paper` configuration against the local OpenAI-compatible server: the released insertion
// algorithm on the server's embeddings, one temperature on every call, dense retrieval of the
// English and local questions over a released-layout corpus, reranking and its failure, and
// embeddings of changing length.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCoReasoning } from '../../../src/core/pipeline';
import { insertConceptsReleased } from '../../../src/core/pipeline/insertConcepts';
import type { Trace } from '../../../src/core/types';
import { startOpenAIServer, trigramVector } from '../../support/openaiServer';
import { makeItem, tempDir } from './helpers';

const readTraces = (file: string): Trace[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Trace);

const LONG = 'アミロイドは心筋に沈着する。'.repeat(150);

/** The released corpus layout: `<lang>/chunk/*.jsonl` of `{title, content}` lines only. */
function writeCorpus(dir: string): string {
  const kb = path.join(dir, 'corpus');
  const en = [
    { title: 'Cardiac amyloidosis', content: 'Amyloid deposits in the heart cause heart failure.' },
    { title: 'Hypertension', content: 'High blood pressure management.' },
    { title: 'Diabetes', content: 'Diabetes and kidney function.' },
    { title: 'Echocardiography', content: 'Echocardiography shows thick walls in cardiac amyloidosis.' },
    { title: 'Antihistamines', content: 'Antihistamine drugs for allergy.' },
    { title: 'Kidney function', content: 'Tests of kidney function.' },
    { title: 'Heart failure', content: 'Treatment of heart failure.' },
  ];
  const ja = [
    { title: '心アミロイドーシス', content: LONG },
    { title: '漢方薬', content: '漢方薬と国民健康保険。' },
  ];
  for (const [lang, rows] of [['en', en], ['ja', ja]] as const) {
    mkdirSync(path.join(kb, lang, 'chunk'), { recursive: true });
    writeFileSync(path.join(kb, lang, 'chunk', 'msd.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }
  return kb;
}

const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 40, maxAttempts: 3 };

test('paper: fused chains are the released insertion on the server embeddings; 0.7 on every call; EN+local dense retrieval, reranked, whole documents', async () => {
  const server = await startOpenAIServer();
  try {
    const dir = tempDir();
    const kb = writeCorpus(dir);
    const out = path.join(dir, 'paper.traces.jsonl');
    const items = [makeItem('ja', 1), makeItem('ja', 2), makeItem('ja', 3, { english: false })];
    const summary = await runCoReasoning(items, {
      configName: 'paper',
      baseUrl: server.url,
      model: 'm',
      embeddingModel: 'e',
      rerankUrl: `http://127.0.0.1:${server.port}/rerank`,
      kb,
      out,
      concurrency: 4,
      retry: FAST_RETRY,
    });
    assert.equal(summary.done, 3, JSON.stringify(readTraces(out).map((t) => t.errors)));
    const traces = readTraces(out);
    for (const t of traces) {
      assert.equal(t.config.name, 'paper');
      assert.equal(t.config.round, 1);
      assert.equal(t.config.promptVersion, 'neutral');
      const vectors = new Map([...t.english.concepts, ...t.local.concepts].map((c) => [c.id, trigramVector(c.text)]));
      const expected = insertConceptsReleased(t.english.concepts, t.local.concepts, vectors, 0.7);
      assert.deepEqual(t.alignment.fused, expected.fused, t.itemId);
      assert.deepEqual(t.alignment.localOnly, expected.localOnly);
      // The local-knowledge concept has no English counterpart: rejected, so not in the chain.
      assert.ok(t.alignment.localOnly.length >= 1 && t.alignment.localOnly.every((o) => !t.alignment.fused.includes(o.local)), t.itemId);
      assert.ok(t.alignment.fused.some((id) => id.startsWith('ja-')), 'matched local concepts are inserted');
      const langs = new Set(t.retrieval.map((d) => d.lang));
      assert.deepEqual([...langs].sort(), ['en', 'ja']);
      assert.ok(t.retrieval.filter((d) => d.lang === 'en').length === 5, 'reranked to 5 of the 7 English chunks');
      assert.ok(t.retrieval.some((d) => d.docId === 'ja/chunk/msd.jsonl:1'), 'ids from file and line');
    }
    const chats = server.requests.filter((r) => r.path.endsWith('/chat/completions'));
    assert.ok(chats.length >= 3 * 5);
    assert.deepEqual([...new Set(chats.map((r) => r.body.temperature))], [0.7]);
    // Whole documents in the generator's prompt (ours cuts at 1,500 characters).
    const synth = chats.filter((r) => r.stage === 'synthesize');
    assert.ok(synth.every((r) => JSON.stringify(r.body.messages).includes(LONG)));
    assert.equal(server.countByStage().rerank, 6, 'two reranked queries per item');
    // The corpus was embedded once for the run, and the index is stored beside the corpus.
    assert.ok(readFileSync(path.join(kb, '.medco-index', 'en.e.json'), 'utf8').includes('"count":7'));
  } finally {
    await server.close();
  }
});

test('paper: dense retrieval runs beside the reasonings, the English and local questions at once', async () => {
  // Each request takes 200 ms: what was sent before an answer came back shows what ran at once.
  const server = await startOpenAIServer({ latencyMs: 200 });
  try {
    const dir = tempDir();
    const out = path.join(dir, 'paper.traces.jsonl');
    const summary = await runCoReasoning([makeItem('ja', 1)], {
      configName: 'paper',
      baseUrl: server.url,
      model: 'm',
      embeddingModel: 'e',
      rerankUrl: `http://127.0.0.1:${server.port}/rerank`,
      kb: writeCorpus(dir),
      out,
      retry: FAST_RETRY,
    });
    assert.equal(summary.done, 1, JSON.stringify(readTraces(out).map((t) => t.errors)));
    const [t] = readTraces(out);
    const n = (stage: string): number[] => server.requests.filter((r) => r.stage === stage).map((r) => r.n);
    const questions = [t.english.question, t.local.question];
    const isQuestion = (input: unknown): boolean => Array.isArray(input) && input.length === 1 && questions.includes(input[0] as string);
    const questionEmbeds = server.requests.filter((r) => r.stage === 'embeddings' && isQuestion(r.body.input)).map((r) => r.n);
    assert.equal(questionEmbeds.length, 2, 'one embedding per question');
    assert.equal(n('rerank').length, 2);
    // Not after the alignment: the questions are embedded before any reasoning has been answered.
    assert.ok(Math.max(...questionEmbeds) < Math.min(...n('extract')), `question embeddings ${questionEmbeds}, extractions ${n('extract')}`);
    // Not one query after the other: both questions are embedded before either is reranked.
    assert.ok(Math.max(...questionEmbeds) < Math.min(...n('rerank')), `question embeddings ${questionEmbeds}, reranks ${n('rerank')}`);
    assert.ok(t.retrieval.some((d) => d.lang === 'en') && t.retrieval.some((d) => d.lang === 'ja'));
  } finally {
    await server.close();
  }
});

test('paper: a failing reranker falls back to dense order and is recorded in the trace errors', async () => {
  const server = await startOpenAIServer({ rerankStatus: 503 });
  try {
    const dir = tempDir();
    const out = path.join(dir, 'paper.traces.jsonl');
    await runCoReasoning([makeItem('ja', 1)], {
      configName: 'paper',
      baseUrl: server.url,
      model: 'm',
      embeddingModel: 'e',
      rerankUrl: `http://127.0.0.1:${server.port}/rerank`,
      kb: writeCorpus(dir),
      out,
      retry: FAST_RETRY,
    });
    const [t] = readTraces(out);
    const rerankErrors = t.errors.filter((e) => e.stage === 'rerank');
    assert.equal(rerankErrors.length, 2, JSON.stringify(t.errors));
    assert.match(rerankErrors[0].message, /503/);
    assert.match(rerankErrors[0].message, /dense order/);
    assert.equal(t.retrieval.filter((d) => d.lang === 'en').length, 5, 'dense top 5 kept');
    assert.ok(t.final.answer.length > 0);
  } finally {
    await server.close();
  }
});

test('an embeddings endpoint returning vectors of changing length is a clear error in the trace', async () => {
  for (const mode of ['inputs', 'requests'] as const) {
    const server = await startOpenAIServer({ changingEmbeddingLength: mode });
    try {
      const dir = tempDir();
      const out = path.join(dir, 'paper.traces.jsonl');
      await runCoReasoning([makeItem('ja', 1)], { configName: 'paper', baseUrl: server.url, model: 'm', embeddingModel: 'e', kb: writeCorpus(dir), out, retry: FAST_RETRY });
      const [t] = readTraces(out);
      const messages = t.errors.map((e) => `${e.stage}: ${e.message}`).join('\n');
      assert.match(messages, /retrieve: .*(different lengths|changing length|-dimensional)/, mode);
      // Concept vectors of different lengths would make cosines silently wrong: the alignment refuses them.
      if (mode === 'inputs') assert.match(messages, /align: .*vectors of different lengths/);
    } finally {
      await server.close();
    }
  }
});
