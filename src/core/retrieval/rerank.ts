// A cross-encoder reranker behind a `/rerank` endpoint, as served by vLLM, Infinity (Cohere/Jina
// shape: `{results: [{index, relevance_score}]}`) and Hugging Face TEI (a bare array of
// `{index, score}`). The request carries the documents under both names those servers read
// (`documents`, `texts`). A reranker is optional: the caller falls back to dense order on error.

export interface RerankOptions {
  /** The full URL of the endpoint, e.g. http://127.0.0.1:8080/rerank. */
  url: string;
  model?: string;
  apiKey?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface RerankScore {
  index: number;
  score: number;
}

/** Scores for the documents, best first; throws on any transport or format problem. */
export async function rerank(query: string, documents: readonly string[], topN: number, options: RerankOptions): Promise<RerankScore[]> {
  if (documents.length === 0) return [];
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 60_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const res = await fetch(options.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
    body: JSON.stringify({ ...(options.model ? { model: options.model } : {}), query, documents, texts: documents, top_n: topN }),
    signal,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`reranker ${options.url} answered ${res.status}: ${text.slice(0, 200)}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`reranker ${options.url} did not answer JSON`);
  }
  const rows = Array.isArray(body) ? body : (body as { results?: unknown }).results;
  if (!Array.isArray(rows)) throw new Error(`reranker ${options.url}: expected {results: [...]} or an array of {index, score}`);
  const scores = rows.map((r: { index?: unknown; relevance_score?: unknown; score?: unknown }) => ({
    index: r.index,
    score: typeof r.relevance_score === 'number' ? r.relevance_score : r.score,
  }));
  for (const s of scores) {
    if (!Number.isInteger(s.index) || (s.index as number) < 0 || (s.index as number) >= documents.length || typeof s.score !== 'number') {
      throw new Error(`reranker ${options.url}: a result has no valid index and score`);
    }
  }
  return (scores as RerankScore[]).sort((a, b) => b.score - a.score || a.index - b.index).slice(0, topN);
}
