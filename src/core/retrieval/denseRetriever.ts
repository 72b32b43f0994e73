// The released code's retrieval, over our knowledge base: each query (the English question over the
// English corpus, the local question over the local corpus) takes the 10 nearest chunks by dense
// similarity, optionally reranked by a cross-encoder to the best `topK`; the sides are united.
// Whole documents are returned. One index per language, built at most once per run (items share
// the pending build). A reranker failure falls back to dense order and is reported, not fatal.
import type { LlmClient } from '../llm/client';
import type { RetrievedDoc } from '../types';
import { chunkText, EmbeddingLengthError, openDenseIndex, type DenseIndex } from './denseIndex';
import type { KnowledgeBase, KnowledgeChunk } from './knowledgeBase';
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
  /** The first index's language and dimensions: every language's index must have the same. */
  private dims: { lang: string; dims: number } | null = null;

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
    // The queries are independent: each side's embed and rerank round trips run at the same time,
    // and the sides are united in the order of `queries` afterwards.
    const sides = await Promise.all(queries.map((q) => this.retrieveOne(q, topK, opts)));
    const problems = sides.flatMap((s) => s.problems);
    const docs: RetrievedDoc[] = [];
    const seen = new Set<string>();
    for (const { query, hits } of sides) {
      for (const h of hits) {
        const key = `${h.chunk.lang}\0${h.chunk.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        docs.push({ docId: h.chunk.id, lang: h.chunk.lang, title: h.chunk.title, score: Math.round(h.score * 10000) / 10000, query, content: h.chunk.content });
      }
    }
    return { docs, problems };
  }

  /** One query's hits, best first: the `topK` reranked of its dense candidates (dense order without a reranker or when it fails). */
  private async retrieveOne(
    q: DenseQuery,
    topK: number,
    opts: { priority?: number; signal?: AbortSignal },
  ): Promise<{ query: string; hits: { chunk: KnowledgeChunk; score: number }[]; problems: DenseResult['problems'] }> {
    const problems: DenseResult['problems'] = [];
    const chunks = this.kb.chunks(q.lang);
    if (chunks.length === 0 || q.text.trim() === '') return { query: q.text, hits: [], problems };
    // The query's embedding does not wait for the index (built once per run, or read from disk).
    const [index, embedded] = await Promise.all([this.index(q.lang), this.client.embed('retrieve', [q.text], opts)]);
    // One embedding model gives one length: indexes of different lengths mean the endpoint's
    // answers change length (the query is checked against its index by search()).
    this.dims ??= { lang: q.lang, dims: index.dims };
    if (index.count > 0 && this.dims.dims !== index.dims) {
      throw new EmbeddingLengthError(
        `the embeddings endpoint returned vectors of changing length: ${this.dims.dims} dimensions for the ${this.dims.lang} chunks, ${index.dims} for the ${q.lang} chunks`,
      );
    }
    let hits = index.search(embedded.vectors[0], DENSE_CANDIDATES).map((h) => ({ chunk: chunks[h.row], score: h.score }));
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
    return { query: q.text, hits, problems };
  }
}
