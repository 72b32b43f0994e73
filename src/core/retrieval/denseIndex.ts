// Dense retrieval over one language of a knowledge base. Every chunk (`title\ncontent`, as the
// released code embeds it) is embedded once through the embeddings endpoint; the L2-normalised
// vectors are stored beside the knowledge base in `.medco-index/` (float32, row-major, with a JSON
// header) and reused while the language's chunks and the embedding model are unchanged. Search is
// an exact scan (inner product of normalised vectors = cosine) keeping the k best; from
// ANN_MIN_CHUNKS chunks on, an HNSW graph (annIndex.ts, stored beside the vectors) proposes the
// candidates that are scored exactly instead, unless the native module cannot be loaded (then the
// exact scan, said once).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ANN_MIN_CANDIDATES, ANN_MIN_CHUNKS, loadUsearch, openAnnGraph, type AnnGraph, type LoadUsearch } from './annIndex';
import type { KnowledgeChunk } from './knowledgeBase';

export const DENSE_INDEX_SCHEMA = 'medco.dense-index/1';
export const INDEX_FOLDER = '.medco-index';

export class EmbeddingLengthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddingLengthError';
  }
}

export interface DenseHit {
  /** Row = the chunk's position in the language's chunk list. */
  row: number;
  score: number;
}

export interface DenseIndex {
  lang: string;
  model: string;
  dims: number;
  count: number;
  /** Whether it was read from disk rather than embedded now. */
  reused: boolean;
  file: string | null;
  /** How candidates are found: every row scanned, or the usearch graph's proposals (both scored exactly). */
  engine: 'flat' | 'usearch';
  /** The graph, when `engine` is usearch: whether it was read from disk, and its file's size. */
  ann: { reused: boolean; bytes: number } | null;
  search(query: readonly number[], k: number): DenseHit[];
}

export type Embed = (texts: string[]) => Promise<number[][]>;

export interface OpenDenseIndexOptions {
  /** The knowledge base folder; without one the index lives in memory only. */
  kbDir?: string;
  batchSize?: number;
  /** `auto` (default): the approximate graph from `annMinChunks` chunks on; `never`: always the exact scan. */
  approximate?: 'auto' | 'never';
  /** Default ANN_MIN_CHUNKS. */
  annMinChunks?: number;
  /** How the native module is loaded (tests replace it to see the fallback). */
  loadUsearch?: LoadUsearch;
  /** Told once per process (per loader) when the approximate index is wanted but unavailable. */
  onNotice?: (message: string) => void;
}

/** What the index depends on: the model and every chunk's id, title and content, in order. */
export function denseFingerprint(model: string, chunks: readonly KnowledgeChunk[]): string {
  const h = createHash('sha256').update(`${model}\0`);
  for (const c of chunks) h.update(`${c.id}\0${c.title}\0${c.content}\0`);
  return h.digest('hex').slice(0, 16);
}

export const chunkText = (c: KnowledgeChunk): string => (c.title ? `${c.title}\n${c.content}` : c.content);

const slug = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);

interface Header {
  schema: string;
  lang: string;
  model: string;
  fingerprint: string;
  dims: number;
  count: number;
}

export async function openDenseIndex(
  lang: string,
  chunks: readonly KnowledgeChunk[],
  model: string,
  embed: Embed,
  options: OpenDenseIndexOptions = {},
): Promise<DenseIndex> {
  const fingerprint = denseFingerprint(model, chunks);
  const base = options.kbDir ? path.join(options.kbDir, INDEX_FOLDER, `${slug(lang)}.${slug(model)}`) : null;
  if (base) {
    const stored = await readStored(base, fingerprint, model, lang, chunks.length);
    if (stored) return withGraph(makeIndex(lang, model, stored.dims, stored.vectors, true, `${base}.f32`), stored.vectors, fingerprint, base, options);
  }
  const batchSize = options.batchSize ?? 64;
  let dims = 0;
  let vectors = new Float32Array(0);
  for (let start = 0; start < chunks.length; start += batchSize) {
    const batch = chunks.slice(start, start + batchSize);
    const got = await embed(batch.map(chunkText));
    if (got.length !== batch.length) throw new EmbeddingLengthError(`embedding ${lang} chunks: got ${got.length} vectors for ${batch.length} texts`);
    for (let i = 0; i < got.length; i++) {
      const v = got[i];
      if (dims === 0) {
        dims = v.length;
        vectors = new Float32Array(chunks.length * dims);
      }
      if (v.length !== dims) {
        throw new EmbeddingLengthError(
          `the embeddings endpoint returned vectors of changing length: ${dims} for the first ${lang} chunk, ${v.length} for chunk ${batch[i].id}`,
        );
      }
      vectors.set(normalized(v), (start + i) * dims);
    }
  }
  if (base && chunks.length > 0) await store(base, { schema: DENSE_INDEX_SCHEMA, lang, model, fingerprint, dims, count: chunks.length }, vectors);
  return withGraph(makeIndex(lang, model, dims, vectors, false, base && chunks.length > 0 ? `${base}.f32` : null), vectors, fingerprint, base, options);
}

const noticed = new WeakSet<LoadUsearch | typeof loadUsearch>();

/** The index with the approximate graph when it is large enough and the graph can be had; as it is otherwise. */
async function withGraph(index: DenseIndex, vectors: Float32Array, fingerprint: string, base: string | null, options: OpenDenseIndexOptions): Promise<DenseIndex> {
  if ((options.approximate ?? 'auto') === 'never' || index.count < (options.annMinChunks ?? ANN_MIN_CHUNKS)) return index;
  const usearch = await loadUsearch(options.loadUsearch);
  let graph: AnnGraph;
  try {
    if (usearch instanceof Error) throw usearch;
    graph = await openAnnGraph(usearch, vectors, index.dims, fingerprint, base && `${base}.usearch`);
  } catch (err) {
    const key = options.loadUsearch ?? loadUsearch;
    if (!noticed.has(key)) {
      noticed.add(key);
      options.onNotice?.(
        `dense retrieval: the approximate index (usearch) is unavailable (${(err as Error).message}); the ${index.lang} index and any other are scanned exactly (${index.count} chunks), which is slower`,
      );
    }
    return index;
  }
  return makeIndex(index.lang, index.model, index.dims, vectors, index.reused, index.file, graph);
}

export function normalized(v: readonly number[]): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  const out = new Float32Array(v.length);
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  for (let i = 0; i < v.length; i++) out[i] = v[i] * inv;
  return out;
}

export function makeIndex(lang: string, model: string, dims: number, vectors: Float32Array, reused: boolean, file: string | null, graph: AnnGraph | null = null): DenseIndex {
  const count = dims === 0 ? 0 : vectors.length / dims;
  return {
    lang,
    model,
    dims,
    count,
    reused,
    file,
    engine: graph ? 'usearch' : 'flat',
    ann: graph && { reused: graph.reused, bytes: graph.bytes },
    search(query, k) {
      if (count === 0) return [];
      if (query.length !== dims) {
        throw new EmbeddingLengthError(`the embeddings endpoint returned a ${query.length}-dimensional query vector; the ${lang} index has ${dims} dimensions`);
      }
      const q = normalized(query);
      return graph ? rescoredTopK(vectors, dims, q, graph.candidates(q, Math.max(4 * k, ANN_MIN_CANDIDATES)), k) : flatTopK(vectors, dims, q, k);
    },
  };
}

/** The inner product of row `r` with `q`, summed exactly as the flat scan sums it (same scores either way). */
function rowDot(vectors: Float32Array, dims: number, r: number, q: Float32Array): number {
  const o = r * dims;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < dims; j += 4) {
    s0 += vectors[o + j] * q[j];
    s1 += vectors[o + j + 1] * q[j + 1];
    s2 += vectors[o + j + 2] * q[j + 2];
    s3 += vectors[o + j + 3] * q[j + 3];
  }
  for (; j < dims; j++) s0 += vectors[o + j] * q[j];
  return s0 + s1 + s2 + s3;
}

/** The k best of the graph's candidates, scored exactly and ordered like the flat scan (score, then row). */
export function rescoredTopK(vectors: Float32Array, dims: number, q: Float32Array, rows: readonly number[], k: number): DenseHit[] {
  return [...new Set(rows)]
    .map((row) => ({ row, score: rowDot(vectors, dims, row, q) }))
    .sort((a, b) => b.score - a.score || a.row - b.row)
    .slice(0, k);
}

/** Exact top-k by inner product; ties keep the lower row first. */
export function flatTopK(vectors: Float32Array, dims: number, q: Float32Array, k: number): DenseHit[] {
  const count = vectors.length / dims;
  const top: DenseHit[] = [];
  let floor = -Infinity;
  for (let r = 0; r < count; r++) {
    const s = rowDot(vectors, dims, r, q);
    if (top.length < k || s > floor) {
      let at = top.length;
      while (at > 0 && top[at - 1].score < s) at--;
      top.splice(at, 0, { row: r, score: s });
      if (top.length > k) top.pop();
      floor = top[top.length - 1].score;
    }
  }
  return top;
}

async function readStored(base: string, fingerprint: string, model: string, lang: string, count: number): Promise<{ dims: number; vectors: Float32Array } | null> {
  let header: Header;
  try {
    header = JSON.parse(await readFile(`${base}.json`, 'utf8')) as Header;
  } catch {
    return null;
  }
  if (header.schema !== DENSE_INDEX_SCHEMA || header.fingerprint !== fingerprint || header.model !== model || header.lang !== lang || header.count !== count) return null;
  let buf: Buffer;
  try {
    buf = await readFile(`${base}.f32`);
  } catch {
    return null;
  }
  if (buf.byteLength !== header.count * header.dims * 4) return null;
  // A copy into an aligned buffer: Buffer slices may start at any byte.
  const vectors = new Float32Array(header.count * header.dims);
  new Uint8Array(vectors.buffer).set(buf);
  return { dims: header.dims, vectors };
}

/** Vectors first, header last, each renamed into place: a header on disk always describes a complete vector file. */
async function store(base: string, header: Header, vectors: Float32Array): Promise<void> {
  await mkdir(path.dirname(base), { recursive: true });
  const tmp = `.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(`${base}.f32${tmp}`, new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
  await rename(`${base}.f32${tmp}`, `${base}.f32`);
  await writeFile(`${base}.json${tmp}`, JSON.stringify(header) + '\n', 'utf8');
  await rename(`${base}.json${tmp}`, `${base}.json`);
}
