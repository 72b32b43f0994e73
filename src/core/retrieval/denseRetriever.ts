// The released code's retrieval, over our knowledge base: each query (the English question over the
// English corpus, the local question over the local corpus) takes the 10 nearest chunks by dense
// similarity, optionally reranked by a cross-encoder to the best `topK`; the sides are united.
// Whole documents are returned. One index per language, built at most once per run (items share
// the pending build). A reranker failure falls back to dense order and is reported, not fatal.
import type { LlmClient } from '../llm/client';
import type { RetrievedDoc } from '../types';
import { chunkText, openDenseIndex, type DenseIndex } from './denseIndex';
import type { KnowledgeBase } from './knowledgeBase';
import { rerank } from './rerank';

/** Dense candidates per query before reranking (the released code's top_k). */
export const DENSE_CANDIDATES = 10;

export interface DenseRetrieverOptions {
  rerankUrl?: string;
  rerankModel?: string;
  apiKey?: string;
  timeoutMs?: number;
  /** The dense index's approximate search: `auto` from ANN_MIN_CHUNKS chunks on, or `never`. */
  approximate?: 'auto' | 'never';
  /** Told once when the approximate index is unavailable (the exact scan is used). */
  onNotice?: (message: string) => void;
}

export interface DenseQuery {
  lang: string;
  text: string;
}

export interface DenseResult {
  docs: RetrievedDoc[];
  /** Non-fatal problems (a reranker error), for the trace's `errors`. */
  problems: { stage: string; message: string }[];
}

export class DenseRetriever {
  private readonly indexes = new Map<string, Promise<DenseIndex>>();

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly client: LlmClient,
    private readonly options: DenseRetrieverOptions = {},
  ) {}

  index(lang: string): Promise<DenseIndex> {
    let p = this.indexes.get(lang);
    if (!p) {
      const model = this.client.embeddingModel;
      if (!model) return Promise.reject(new Error('dense retrieval needs an embedding model (--embedding-model)'));
      p = openDenseIndex(lang, this.kb.chunks(lang), model, async (texts) => (await this.client.embed('index', texts, { priority: -1 })).vectors, {
        kbDir: this.kb.dir,
        approximate: this.options.approximate,
        onNotice: this.options.onNotice,
      });
      this.indexes.set(lang, p);
    }
    return p;
  }

  async retrieve(queries: readonly DenseQuery[], topK: number, opts: { priority?: number; signal?: AbortSignal } = {}): Promise<DenseResult> {
    const problems: DenseResult['problems'] = [];
    const docs: RetrievedDoc[] = [];
    const seen = new Set<string>();
    for (const q of queries) {
      const chunks = this.kb.chunks(q.lang);
      if (chunks.length === 0 || q.text.trim() === '') continue;
      const index = await this.index(q.lang);
      const [vector] = (await this.client.embed('retrieve', [q.text], opts)).vectors;
      let hits = index.search(vector, DENSE_CANDIDATES).map((h) => ({ chunk: chunks[h.row], score: h.score }));
      if (this.options.rerankUrl) {
        try {
          const ranked = await rerank(q.text, hits.map((h) => chunkText(h.chunk)), topK, {
            url: this.options.rerankUrl,
            model: this.options.rerankModel,
            apiKey: this.options.apiKey,
            timeoutMs: this.options.timeoutMs,
            signal: opts.signal,
          });
          hits = ranked.map((r) => ({ chunk: hits[r.index].chunk, score: r.score }));
        } catch (err) {
          if (opts.signal?.aborted) throw err;
          problems.push({ stage: 'rerank', message: `${(err as Error).message}; kept the dense order (${q.lang})` });
          hits = hits.slice(0, topK);
        }
      } else hits = hits.slice(0, topK);
      for (const h of hits) {
        const key = `${h.chunk.lang}\0${h.chunk.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        docs.push({ docId: h.chunk.id, lang: h.chunk.lang, title: h.chunk.title, score: Math.round(h.score * 10000) / 10000, query: q.text, content: h.chunk.content });
      }
    }
    return { docs, problems };
  }
}
