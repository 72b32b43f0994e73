import type { Trace } from '../../../src/core/types';

/** A complete trace as in docs/formats.md §2, for the trace and schema tests. */
export function sampleTrace(overrides: Partial<Trace> = {}): Trace {
  return {
    schema: 'medco.trace/1',
    id: 'abc',
    itemId: 'qa-ja-001',
    lang: 'ja',
    task: 'qa',
    createdAt: '2026-11-21T10:00:00.000Z',
    config: { model: 'm', embeddingModel: 'e', temperature: 0.7, alignThreshold: 0.7, topK: 5, retrieval: 'concepts', pipelineVersion: '1' },
    english: {
      question: 'What causes amyloidosis?',
      translated: false,
      reasoning: 'Amyloid deposits form when misfolded proteins aggregate.',
      answer: 'Misfolded proteins.',
      concepts: [{ id: 'en-1', text: 'amyloid deposits', spans: [[0, 16]] }],
    },
    local: {
      question: 'アミロイドーシスの原因は？',
      reasoning: 'アミロイド沈着は…',
      answer: '誤って折りたたまれたタンパク質。',
      concepts: [
        { id: 'ja-1', text: 'アミロイド沈着', spans: [[0, 7]] },
        { id: 'ja-4', text: '漢方', spans: [] },
      ],
    },
    alignment: {
      pairs: [{ local: 'ja-1', english: 'en-1', similarity: 0.83, insertAt: 1 }],
      localOnly: [{ local: 'ja-4', nearest: 'en-1', similarity: 0.41 }],
      fused: ['en-1', 'ja-1', 'ja-4'],
    },
    retrieval: [{ docId: 'msd-ja-0012', lang: 'ja', title: 'アミロイドーシス', score: 7.1, query: 'アミロイド' }],
    final: { response: '…', answer: '…' },
    stages: { reason_en: { ms: 812, attempts: 1, usage: { prompt_tokens: 310, completion_tokens: 402 }, cached: false } },
    errors: [],
    ...overrides,
  };
}
