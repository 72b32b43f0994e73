// A per-language knowledge base of clinical text: a folder of JSONL files, one chunk per line,
// indexed with MiniSearch (BM25) over script-aware tokens (dense retrieval: denseIndex.ts).
// Layouts: `<lang>/*.jsonl` and the released code's `<lang>/chunk/*.jsonl`; `{title, content}` is
// enough: a chunk without `lang` takes its top folder's language, one without `id` is named
// `<file>:<line>` (file relative to the knowledge base folder). A bad line is reported as
// file:line and skipped; the rest loads.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch from 'minisearch';
import type { SourceProblem } from '../types';
import { canonicalLanguage } from '../dataset/languages';
import { normalizeTerm, tokenize } from './tokenize';

export interface KnowledgeChunk {
  id: string;
  title: string;
  content: string;
  lang: string;
}

export interface SearchHit {
  chunk: KnowledgeChunk;
  score: number;
  /** The query that scored this chunk highest. */
  query: string;
}

export interface KnowledgeBase {
  languages(): string[];
  /** The chunks of one language, in load order (what a dense index embeds). */
  chunks(lang: string): readonly KnowledgeChunk[];
  /**
   * sha256 (16 hex) of the files' names and contents (of the chunks, when built in memory): part of
   * each trace's configuration, so an edited corpus yields new traces rather than a silent skip.
   */
  fingerprint: string;
  /** The folder it was loaded from (dense indexes are stored beside it). */
  dir?: string;
  /** Each query is run on its own; a chunk's score is the sum over queries, so chunks several concepts point to rank first. */
  search(lang: string, queries: string[], topK: number): SearchHit[];
  problems: SourceProblem[];
}

async function listJsonl(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.jsonl$/i.test(e.name))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

export interface ChunkDefaults {
  /** Language of chunks without `lang` (from the folder), if the folder names one. */
  lang?: string;
  /** Name used for ids of chunks without `id`: `<name>:<line>`. */
  name?: string;
}

export function parseChunks(text: string, file: string, problems: SourceProblem[], defaults: ChunkDefaults = {}): KnowledgeChunk[] {
  const chunks: KnowledgeChunk[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (err) {
      problems.push({ file, line: i + 1, message: `not valid JSON: ${(err as Error).message}` });
      return;
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      problems.push({ file, line: i + 1, message: 'a chunk must be a JSON object' });
      return;
    }
    const o = v as Record<string, unknown>;
    const text = (k: string): string | undefined => (typeof o[k] === 'string' && (o[k] as string).trim() !== '' ? (o[k] as string) : undefined);
    const content = typeof o.content === 'string' ? o.content : undefined;
    const lang = text('lang') ?? defaults.lang;
    const missing = [content === undefined || (content.trim() === '' && !text('title')) ? 'content' : '', lang === undefined ? 'lang (or a <lang>/ folder)' : ''].filter(Boolean);
    if (missing.length > 0) {
      problems.push({ file, line: i + 1, message: `chunk needs string ${missing.join(', ')}` });
      return;
    }
    chunks.push({
      id: text('id') ?? `${defaults.name ?? path.basename(file)}:${i + 1}`,
      title: typeof o.title === 'string' ? o.title : '',
      content: content!,
      lang: canonicalLanguage(lang!) ?? lang!,
    });
  });
  return chunks;
}

export function buildKnowledgeBase(
  chunks: KnowledgeChunk[],
  problems: SourceProblem[] = [],
  source: { fingerprint?: string; dir?: string } = {},
): KnowledgeBase {
  const byLang = new Map<string, KnowledgeChunk[]>();
  for (const c of chunks) {
    const list = byLang.get(c.lang) ?? [];
    list.push(c);
    byLang.set(c.lang, list);
  }
  const indexes = new Map<string, { index: MiniSearch<KnowledgeChunk & { key: number }>; chunks: KnowledgeChunk[] }>();
  const indexFor = (lang: string) => {
    let entry = indexes.get(lang);
    const list = byLang.get(lang);
    if (!entry && list) {
      const index = new MiniSearch<KnowledgeChunk & { key: number }>({
        idField: 'key',
        fields: ['title', 'content'],
        tokenize: (text) => tokenize(text, lang),
        processTerm: (term) => normalizeTerm(term) || null,
        searchOptions: {
          boost: { title: 2 },
          combineWith: 'OR',
          // Edit-distance fuzziness only helps alphabetic words of some length (plurals, spelling);
          // on CJK or Thai words it would match unrelated words.
          fuzzy: (term) => (/^[\p{Script=Latin}]{5,}$/u.test(term) ? 0.2 : false),
        },
      });
      index.addAll(list.map((c, key) => ({ ...c, key })));
      entry = { index, chunks: list };
      indexes.set(lang, entry);
    }
    return entry;
  };
  return {
    problems,
    fingerprint: source.fingerprint ?? chunksFingerprint(chunks),
    ...(source.dir !== undefined ? { dir: source.dir } : {}),
    chunks: (lang) => byLang.get(lang) ?? [],
    languages: () => [...byLang.keys()].sort(),
    search(lang, queries, topK) {
      const entry = indexFor(lang);
      if (!entry) return [];
      const totals = new Map<number, { score: number; best: number; query: string }>();
      for (const q of queries) {
        if (q.trim() === '') continue;
        for (const r of entry.index.search(q)) {
          const key = r.id as number;
          const t = totals.get(key) ?? { score: 0, best: -Infinity, query: q };
          t.score += r.score;
          if (r.score > t.best) {
            t.best = r.score;
            t.query = q;
          }
          totals.set(key, t);
        }
      }
      return [...totals.entries()]
        .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
        .slice(0, topK)
        .map(([key, t]) => ({ chunk: entry.chunks[key], score: Math.round(t.score * 1000) / 1000, query: t.query }));
    },
  };
}

function chunksFingerprint(chunks: readonly KnowledgeChunk[]): string {
  const h = createHash('sha256');
  for (const c of chunks) h.update(`${c.lang}\0${c.id}\0${c.title}\0${c.content}\0`);
  return h.digest('hex').slice(0, 16);
}

/** The language a file's top folder names (`ja/…`, `jp/chunk/…`), if any. */
export function folderLanguage(relative: string): string | undefined {
  const parts = relative.split(/[\\/]/);
  if (parts.length < 2) return undefined;
  const top = parts[0];
  return canonicalLanguage(top) ?? (/^[a-z]{2,3}(-[a-z0-9]+)?$/i.test(top) ? top.toLowerCase() : undefined);
}

/** Loads every *.jsonl under `dir` (recursively; dot-folders such as the dense index are skipped). */
export async function loadKnowledgeBase(dir: string): Promise<KnowledgeBase> {
  const problems: SourceProblem[] = [];
  const chunks: KnowledgeChunk[] = [];
  const h = createHash('sha256');
  for (const file of await listJsonl(dir)) {
    const relative = path.relative(dir, file).split(path.sep).join('/');
    if (relative.split('/').some((p) => p.startsWith('.'))) continue;
    const text = await readFile(file, 'utf8');
    h.update(`${relative}\0${text}\0`);
    chunks.push(...parseChunks(text, file, problems, { lang: folderLanguage(relative), name: relative }));
  }
  return buildKnowledgeBase(chunks, problems, { fingerprint: h.digest('hex').slice(0, 16), dir });
}
