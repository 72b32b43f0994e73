// The approximate side of a dense index: an HNSW graph from usearch (Unum's embedded vector store,
// prebuilt N-API binaries), used for languages with at least ANN_MIN_CHUNKS chunks, where an exact
// scan of every vector costs too much per query (200,000 × 1,024 floats: ~0.8 s). The exact
// vectors stay the reference: the graph only proposes candidates, which are scored exactly and
// ordered like the flat scan (score, then row). The graph is built on one thread, so the same
// vectors always give the same graph (and file), hence the same results; it is stored beside the
// flat index with its own header and rebuilt when the fingerprint or the parameters change.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Index as UsearchIndex } from 'usearch';

export const ANN_SCHEMA = 'medco.ann-index/1';
/** Below this many chunks an exact scan is fast enough (~85 ms per 20,000 × 1,024) and needs no graph. */
export const ANN_MIN_CHUNKS = 20_000;

/**
 * Graph parameters. f16 keeps unit-vector components (~0.03 each at 1,024 dimensions) precise,
 * where usearch's i8 would round them to a few levels; 16 links per node and 64 candidates while
 * inserting are usearch's defaults; 128 candidates while searching (the query time is ~1 ms).
 */
export const ANN_PARAMS = { engine: 'usearch', metric: 'ip', quantization: 'f16', connectivity: 16, expansionAdd: 64, expansionSearch: 128 } as const;

/** Candidates asked of the graph per query before exact scoring: never fewer than this. */
export const ANN_MIN_CANDIDATES = 100;

type Usearch = typeof import('usearch');
export type LoadUsearch = () => Promise<Usearch>;

export interface AnnGraph {
  /** Rows of the `want` nearest candidates the graph found (fewer when the index is smaller). */
  candidates(query: Float32Array, want: number): number[];
  /** Bytes of the stored graph file. */
  bytes: number;
  reused: boolean;
}

interface AnnHeader {
  schema: string;
  fingerprint: string;
  dims: number;
  count: number;
  params: typeof ANN_PARAMS;
}

// The CommonJS build, through require: usearch 2.26's ESM build never finishes loading under
// Node 20 (it looks for its binary from a `file:` URL, upwards for ever), and esbuild keeps an
// `import()` of an external module as it is. Resolved from this file (dist/ in the bundles).
const defaultLoad: LoadUsearch = async () => createRequire(__filename)('usearch') as Usearch;

let loaded: { load: LoadUsearch; result: Promise<Usearch | Error> } | null = null;

/** The native module, loaded once per loader; a failure is returned (not thrown) so that callers fall back. */
export function loadUsearch(load: LoadUsearch = defaultLoad): Promise<Usearch | Error> {
  if (!loaded || loaded.load !== load) {
    loaded = { load, result: load().catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))) };
  }
  return loaded.result;
}

const sameParams = (a: AnnHeader['params'], b: AnnHeader['params']): boolean => JSON.stringify(a) === JSON.stringify(b);

function newIndex(usearch: Usearch, dims: number): UsearchIndex {
  // The enums' values are ANN_PARAMS.metric and ANN_PARAMS.quantization ('ip', 'f16').
  return new usearch.Index({
    dimensions: dims,
    metric: usearch.MetricKind.IP,
    quantization: usearch.ScalarKind.F16,
    connectivity: ANN_PARAMS.connectivity,
    expansion_add: ANN_PARAMS.expansionAdd,
    expansion_search: ANN_PARAMS.expansionSearch,
    multi: false,
  });
}

function graphOf(index: UsearchIndex, count: number, bytes: number, reused: boolean): AnnGraph {
  const limit = BigInt(count);
  return {
    bytes,
    reused,
    candidates(query, want) {
      const n = Math.min(want, count);
      if (n === 0) return [];
      // One thread: the search is ~1 ms and its result does not depend on scheduling.
      const found = index.search(query, n, 1);
      const rows: number[] = [];
      // Missing results are padded with 2^64 - 1.
      for (const key of found.keys) if (key < limit) rows.push(Number(key));
      return rows;
    },
  };
}

/**
 * The graph of `vectors` (normalised, row-major), read from `file` when its header matches, built
 * (and, with a file, stored) otherwise. `file` null: in memory only.
 */
export async function openAnnGraph(usearch: Usearch, vectors: Float32Array, dims: number, fingerprint: string, file: string | null): Promise<AnnGraph> {
  const count = vectors.length / dims;
  const header: AnnHeader = { schema: ANN_SCHEMA, fingerprint, dims, count, params: ANN_PARAMS };
  if (file) {
    const stored = await readStoredGraph(usearch, file, header);
    if (stored) return stored;
  }
  const index = newIndex(usearch, dims);
  const keys = new BigUint64Array(count);
  for (let i = 0; i < count; i++) keys[i] = BigInt(i);
  // One thread, rows in order: a parallel build depends on scheduling and gives another graph each time.
  index.add(keys, vectors, 1);
  if (!file) return graphOf(index, count, 0, false);
  // Graph first, header last, each renamed into place: a header on disk always describes a complete graph.
  const tmp = `.${randomBytes(6).toString('hex')}.tmp`;
  index.save(`${file}${tmp}`);
  await rename(`${file}${tmp}`, file);
  await writeFile(`${file}.json${tmp}`, JSON.stringify(header) + '\n', 'utf8');
  await rename(`${file}.json${tmp}`, `${file}.json`);
  return graphOf(index, count, (await stat(file)).size, false);
}

async function readStoredGraph(usearch: Usearch, file: string, want: AnnHeader): Promise<AnnGraph | null> {
  let header: AnnHeader;
  try {
    header = JSON.parse(await readFile(`${file}.json`, 'utf8')) as AnnHeader;
  } catch {
    return null;
  }
  if (header.schema !== want.schema || header.fingerprint !== want.fingerprint || header.dims !== want.dims || header.count !== want.count) return null;
  if (!header.params || !sameParams(header.params, want.params)) return null;
  const index = newIndex(usearch, want.dims);
  try {
    index.load(file);
  } catch {
    // Damaged, truncated or written by an incompatible usearch: built again.
    await rm(`${file}.json`, { force: true });
    return null;
  }
  if (index.size() !== want.count || index.dimensions() !== want.dims) return null;
  return graphOf(index, want.count, (await stat(file)).size, true);
}
