// Turns the released Med-CoReasoner code's outputs (docs/formats.md §8) into medco.trace/1 traces,
// so that its runs can be reviewed and scored beside ours. Its layout:
// `…/run_round_<N>/<lang>/<model>_results.jsonl` (a model name may hold a slash, which makes a
// folder), one JSON object per line in completion order and without ids: question, options,
// answer_idx, en_reasoning, local_reasoning, en_concept_chain, local_concept_chain,
// fused_concept_chain, response. Records are matched to dataset items by their question text.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { readLines } from '../dataset/jsonl';
import { canonicalLanguage, languageCodeForName } from '../dataset/languages';
import { toConcepts } from '../pipeline/coReasonItem';
import { optionsText } from '../pipeline/itemText';
import { foldNeedle } from '../text/fold';
import { traceId } from '../traces/traceHash';
import { TRACE_SCHEMA, type Concept, type DatasetItem, type LocalOnlyConcept, type McqOptions, type SourceProblem, type SplitText, type Trace, type TraceConfig } from '../types';

export const IMPORT_CONFIG_NAME = 'paper-import';

/** One results file and what its path says. */
export interface ResultsFile {
  file: string;
  round: number;
  /** The language folder as written (`ja`, `Spanish`) and its code. */
  langFolder: string;
  lang: string;
  model: string;
}

const RESULTS_SUFFIX = '_results.jsonl';
const ROUND_FOLDER = /^run_round_(\d+)$/;

/**
 * Every `*_results.jsonl` under `dir`, sorted by path, with round, language and model read from
 * the path; files not under a `run_round_<N>/<lang>/` folder are problems (line 0).
 */
export async function findResultsFiles(dir: string): Promise<{ files: ResultsFile[]; problems: SourceProblem[] }> {
  const found: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name.endsWith(RESULTS_SUFFIX)) found.push(full);
    }
  };
  await walk(dir);
  found.sort();
  const files: ResultsFile[] = [];
  const problems: SourceProblem[] = [];
  for (const file of found) {
    // The round may be `dir` itself or any folder above the language folder.
    const absolute = path.resolve(file).split(path.sep);
    let at = -1;
    for (let i = absolute.length - 3; i >= 0 && at < 0; i--) if (ROUND_FOLDER.test(absolute[i])) at = i;
    if (at < 0) {
      problems.push({ file, line: 0, message: 'not under a run_round_<N>/<language>/ folder (the released layout); file skipped' });
      continue;
    }
    const langFolder = absolute[at + 1];
    const model = absolute.slice(at + 2).join('/').slice(0, -RESULTS_SUFFIX.length);
    const lang = canonicalLanguage(langFolder) ?? languageCodeForName(langFolder) ?? langFolder.toLowerCase();
    files.push({ file, round: Number(ROUND_FOLDER.exec(absolute[at])![1]), langFolder, lang, model });
  }
  return { files, problems };
}

/** The released run's settings (its main block); the outputs do not record them. */
function importConfig(f: ResultsFile): TraceConfig {
  return {
    name: IMPORT_CONFIG_NAME,
    round: f.round,
    model: f.model,
    embeddingModel: 'BAAI/bge-m3',
    temperature: 0.7,
    alignThreshold: 0.7,
    topK: 5,
    retrieval: 'question',
    pipelineVersion: 'released-324dd0d',
  };
}

/** Question text as compared: folded (NFKC, case, punctuation and spacing) by the project's one rule. */
export const normalisedQuestion = (text: string): string => foldNeedle(text);

const optionsKey = (options: unknown): string | undefined => {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return undefined;
  return Object.keys(options).sort().map((k) => `${k.trim().toUpperCase()}:${foldNeedle(String((options as Record<string, unknown>)[k] ?? ''))}`).join('\u0000');
};

/** Items by language and normalised local question; options tell apart items that share a question. */
export class ItemMatcher {
  private readonly byQuestion = new Map<string, DatasetItem[]>();

  constructor(items: readonly DatasetItem[]) {
    for (const item of items) {
      const key = `${item.lang}\u0000${normalisedQuestion(item.local.question || item.text)}`;
      const list = this.byQuestion.get(key);
      if (list === undefined) this.byQuestion.set(key, [item]);
      else list.push(item);
    }
  }

  /** The one item a record's question (and options) names, or the reason there is none. */
  match(lang: string, question: string, options: unknown): DatasetItem | string {
    const candidates = this.byQuestion.get(`${lang}\u0000${normalisedQuestion(question)}`) ?? [];
    if (candidates.length === 0) return `no item in language ${lang} of the dataset has this question (${preview(question)})`;
    if (candidates.length === 1) return candidates[0];
    const key = optionsKey(options);
    const same = key === undefined ? [] : candidates.filter((c) => optionsKey(c.options) === key);
    if (same.length === 1) return same[0];
    const ids = (same.length > 1 ? same : candidates).map((c) => c.id);
    return `the question matches ${ids.length} items (${ids.join(', ')})${same.length > 1 ? ', options included' : ''}; not imported`;
  }
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 60 ? `${flat.slice(0, 59)}…` : flat);
}

/** A concept chain entry as text: strings as they are; the released parser may give anything else. */
function chainTexts(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((v) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : v !== null && typeof v === 'object' && typeof (v as { concept?: unknown }).concept === 'string' ? (v as { concept: string }).concept : JSON.stringify(v)))
    .filter((t) => t.trim() !== '');
}

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value));

/**
 * The answer in the released generator's response as it gave it (not normalised): the value of
 * its `"answer": "…"`, else what follows a closing think tag, else the whole response. These are
 * the places the released evaluation reads.
 */
export function releasedAnswer(response: string): string {
  const json = /"answer"\s*:\s*"([^"]*)"/.exec(response);
  if (json) return json[1].trim();
  const think = /<\/think>\s*([\s\S]*)$/.exec(response);
  if (think) return think[1].trim();
  return response.trim();
}

/** A question with its options as "A. …" lines, as the released prompts show both. */
function shownQuestion(question: string, options: McqOptions | undefined): string {
  return options ? `${question.trim()}\n\n${optionsText(options)}` : question.trim();
}

function englishQuestion(item: DatasetItem): string {
  const e: SplitText | undefined = item.english;
  return e ? shownQuestion(e.question, e.options) : '';
}

/**
 * The fused chain as concept ids. Each entry takes the first concept with its (folded) text not
 * used yet, English first: the released chain holds each concept's text, not which side it came
 * from, and a text found on both sides stands for the English one first.
 */
function fusedIds(fused: string[], en: Concept[], local: Concept[]): { ids: string[]; unknown: string[] } {
  const used = new Set<string>();
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const entry of fused) {
    const key = foldNeedle(entry);
    const hit = [...en, ...local].find((c) => !used.has(c.id) && foldNeedle(c.text) === key);
    if (hit === undefined) {
      // Already placed (a repeat) or in neither chain.
      if (![...en, ...local].some((c) => foldNeedle(c.text) === key)) unknown.push(entry);
      continue;
    }
    used.add(hit.id);
    ids.push(hit.id);
  }
  return { ids, unknown };
}

/** One released record as a trace of `item`. */
export function traceFromRecord(record: Record<string, unknown>, item: DatasetItem, f: ResultsFile, createdAt: string): Trace {
  const config = importConfig(f);
  const enReasoning = text(record.en_reasoning);
  const localReasoning = text(record.local_reasoning);
  const en = toConcepts(chainTexts(record.en_concept_chain).map((t) => ({ text: t })), enReasoning, 'en');
  const local = toConcepts(chainTexts(record.local_concept_chain).map((t) => ({ text: t })), localReasoning, item.lang);
  const { ids: fused, unknown } = fusedIds(chainTexts(record.fused_concept_chain), en, local);
  const inFused = new Set(fused);
  // The released fusion drops the local concepts it rejects: they are the ones missing from its chain.
  // Which chain element each accepted one matched, and the similarities, were not saved.
  const localOnly: LocalOnlyConcept[] = local.filter((c) => !inFused.has(c.id)).map((c) => ({ local: c.id, nearest: null, similarity: null }));
  const response = text(record.response);
  const errors = unknown.length > 0
    ? [{ stage: 'import', message: `fused_concept_chain holds ${unknown.length} concept(s) found in neither chain: ${unknown.map((u) => JSON.stringify(u)).join(', ')}` }]
    : [];
  const options = record.options !== null && typeof record.options === 'object' && !Array.isArray(record.options) ? (record.options as McqOptions) : item.options;
  return {
    schema: TRACE_SCHEMA,
    id: traceId(item.id, config),
    itemId: item.id,
    lang: item.lang,
    task: item.task,
    createdAt,
    config,
    english: { question: englishQuestion(item), translated: false, reasoning: enReasoning, answer: '', concepts: en },
    local: { question: shownQuestion(text(record.question), options), reasoning: localReasoning, answer: '', concepts: local },
    alignment: { pairs: [], localOnly, fused },
    retrieval: [],
    final: { response, answer: releasedAnswer(response) },
    stages: {},
    errors,
  };
}

export interface ImportResult {
  traces: Trace[];
  /** Records that could not be imported (file:line: reason), and files that could not be read. */
  problems: SourceProblem[];
  records: number;
}

/**
 * Reads every results file under `dir` and matches its records to `items`. A record that matches
 * no item or several, or whose item already got a trace of the same round and model, is a problem;
 * the others become traces.
 */
export async function importCoreasonerResults(dir: string, items: readonly DatasetItem[]): Promise<ImportResult & { files: ResultsFile[] }> {
  const { files, problems } = await findResultsFiles(dir);
  const matcher = new ItemMatcher(items);
  const traces: Trace[] = [];
  const seen = new Map<string, string>();
  let records = 0;
  for (const f of files) {
    // The file's time stands for when its records were made: a re-import writes the same traces.
    const createdAt = (await stat(f.file)).mtime.toISOString();
    for await (const { line, text: source } of readLines(f.file)) {
      records++;
      const at = (message: string): void => void problems.push({ file: f.file, line, message });
      let record: unknown;
      try {
        record = JSON.parse(source);
      } catch (err) {
        at(`invalid JSON: ${(err as Error).message}`);
        continue;
      }
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        at('expected a JSON object');
        continue;
      }
      const r = record as Record<string, unknown>;
      if (typeof r.question !== 'string' || r.question.trim() === '') {
        at('record has no "question"; not imported');
        continue;
      }
      const item = matcher.match(f.lang, r.question, r.options);
      if (typeof item === 'string') {
        at(item);
        continue;
      }
      const trace = traceFromRecord(r, item, f, createdAt);
      const first = seen.get(trace.id);
      if (first !== undefined) {
        at(`item ${item.id} was already imported from ${first} (same round and model); not imported`);
        continue;
      }
      seen.set(trace.id, `${f.file}:${line}`);
      traces.push(trace);
    }
  }
  return { traces, problems, records, files };
}
