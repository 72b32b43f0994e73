// A per-language knowledge base of local clinical text: a folder of JSONL files, one chunk
// {id, title, content, lang} per line, indexed with MiniSearch (BM25) over script-aware tokens.
// A bad line is reported as file:line and skipped; the rest loads.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch from 'minisearch';
import type { SourceProblem } from '../types';
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

export function parseChunks(text: string, file: string, problems: SourceProblem[]): KnowledgeChunk[] {
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
    const o = v as Record<string, unknown>;
    const missing = ['id', 'content', 'lang'].filter((k) => typeof o?.[k] !== 'string' || (o[k] as string).trim() === '');
    if (missing.length > 0) {
      problems.push({ file, line: i + 1, message: `chunk needs string ${missing.join(', ')}` });
      return;
    }
    chunks.push({ id: o.id as string, title: typeof o.title === 'string' ? o.title : '', content: o.content as string, lang: o.lang as string });
  });
  return chunks;
}

export function buildKnowledgeBase(chunks: KnowledgeChunk[], problems: SourceProblem[] = []): KnowledgeBase {
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

/** Loads every *.jsonl under `dir` (recursively). */
export async function loadKnowledgeBase(dir: string): Promise<KnowledgeBase> {
  const problems: SourceProblem[] = [];
  const chunks: KnowledgeChunk[] = [];
  for (const file of await listJsonl(dir)) {
    chunks.push(...parseChunks(await readFile(file, 'utf8'), file, problems));
  }
  return buildKnowledgeBase(chunks, problems);
}
