// A large review workspace: 24,500 items and 24,500 traces (2,450 MultiMed-X-sized items × 10
// configurations or rounds, ~200 MB of JSONL), one annotator who rated 1 in 5 items (1 in 10 of
// those on an older trace: stale). Generated deterministically (the project's mulberry32, seed 15).
// Baseline in the same run: a bare read + JSON.parse of both files (readFileSync, split('\n'),
// JSON.parse of every line), what any reader of the two files must at least do.
// Measured, with the code the extension runs (src/core and the pure modules of src/extension):
//   tree        what opening the Items tree costs: ReviewSession.open (loadDataset, loadRubric,
//               TraceIndex.load, AnnotationStore.open, browse order) and the status of every item
//               with the counts of every language and task node (getTreeItem of the group nodes);
//   first open  itemView of the first item right after (the review panel's ItemView: its trace
//               parsed, its status, the position counts);
//   search      building the Open Item search index (ItemSearchIndex, done in the background once
//               a dataset is open), then one query on it with the picker's rows (id first, snippets).
// Every round loads afresh (new session objects); rounds alternate baseline first / session first.
// Memory: process.memoryUsage() after the tree (session loaded) and after the search index, each
// after a full collection (hence --expose-gc; the collections are not timed).
// Run: node --expose-gc --import tsx bench/largeWorkspace.ts [itemsPerLanguage=3500] [rounds=3]
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { mulberry32 } from '../src/core/stats/random';
import { loadDataset } from '../src/core/dataset';
import { AnnotationStore, loadRubric, rubricFileFor } from '../src/core/store';
import { TraceIndex } from '../src/core/traces/traceIndex';
import { DEFAULT_REVIEW_RUN } from '../src/core/traces/reviewRun';
import { traceSha256 } from '../src/core/traces';
import type { AnnotationEntry, Dataset, DatasetItem, Rubric, Trace } from '../src/core/types';
import { browseOrder } from '../src/extension/items/itemOrder';
import { countStatuses, itemStatus, type ItemStatus, type StatusCounts } from '../src/extension/items/itemStatus';
import { ItemSearchIndex, snippet } from '../src/extension/items/itemSearch';
import { itemView, type ItemViewSource } from '../src/extension/review/itemView';

const perLanguage = Number(process.argv[2] ?? 3500);
const rounds = Number(process.argv[3] ?? 3);
const LANGS = ['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'];
const LOCAL: Record<string, string> = { zh: '心脏淀粉样变性', ja: '心臓アミロイドーシス', ko: '심장 아밀로이드증', sw: 'amyloidosis ya moyo', th: 'ภาวะอะไมลอยด์ในหัวใจ', yo: 'àìsàn ọkàn amyloid', zu: 'i-amyloidosis yenhliziyo' };
const WORDS = 'cardiac amyloid therapy diuretic echocardiogram biopsy transthyretin light chain renal hepatic dose risk referral follow-up infusion pressure rhythm fatigue oedema dyspnoea'.split(' ');
const RARE = 'warfarin';
const ANNOTATOR = 'dr-bench';

function words(random: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
}

function paragraph(random: () => number, local: string | undefined, sentences: number): string {
  return Array.from({ length: sentences }, (_, i) => `${local ? `${local} ` : ''}${words(random, 8)} ${i + 1}.`).join(' ');
}

/** Item i: 7 languages round robin, QA and NLI alternating by blocks, ~1.4 KB. */
function item(i: number, random: () => number): { id: string; row: string; lang: string; task: string } {
  const lang = LANGS[i % LANGS.length];
  const task = Math.floor(i / LANGS.length) % 7 < 4 ? 'qa' : 'nli';
  const id = `${task}-${lang}-${String(Math.floor(i / LANGS.length) + 1).padStart(5, '0')}`;
  const [a, b, ea, eb] = task === 'qa' ? ['Question:', 'Answer:', 'Question:', 'Answer:'] : ['Premise:', 'Hypothesis:', 'Premise:', 'Hypothesis:'];
  const row = JSON.stringify({
    id, lang, task, source: task === 'qa' ? 'LiveQA' : 'BioNLI',
    text: `${a}\n${paragraph(random, LOCAL[lang], 5)}\n${b}\n${paragraph(random, LOCAL[lang], 4)}`,
    text_en: `${ea}\n${paragraph(random, undefined, 5)}\n${eb}\n${paragraph(random, undefined, 4)}`,
    label: task === 'nli' ? (i % 2 === 0 ? 'entailment' : 'contradiction') : null,
  });
  return { id, row, lang, task };
}

/** A valid medco.trace/1 of ~6.5 KB: two reasonings, concepts, alignment, retrieval, stages. */
function trace(id: string, lang: string, task: string, random: () => number, rare: boolean): Trace {
  const concepts = (side: string) => Array.from({ length: 8 }, (_, k) => ({ id: `${side}-${k + 1}`, text: `concept ${k + 1}`, spans: [[k * 40, k * 40 + 10]] as [number, number][] }));
  return {
    schema: 'medco.trace/1', id: `t-${id}`, itemId: id, lang, task: task as Trace['task'], createdAt: '2026-11-21T10:00:00.000Z',
    config: { model: 'gpt-4o', embeddingModel: 'bge-m3', temperature: 0.7, alignThreshold: 0.7, topK: 5, retrieval: 'concepts', pipelineVersion: '1' },
    english: { question: paragraph(random, undefined, 3), translated: false, reasoning: paragraph(random, undefined, 22) + (rare ? ` Check the ${RARE} interaction.` : ''), answer: paragraph(random, undefined, 3), concepts: concepts('en') },
    local: { question: paragraph(random, LOCAL[lang], 3), reasoning: paragraph(random, LOCAL[lang], 14), answer: paragraph(random, LOCAL[lang], 2), concepts: concepts(lang) },
    alignment: { pairs: [{ local: `${lang}-1`, english: 'en-1', similarity: 0.83, insertAt: 1 }], localOnly: [{ local: `${lang}-2`, nearest: 'en-2', similarity: 0.41 }], fused: ['en-1', `${lang}-1`, 'en-2'] },
    retrieval: Array.from({ length: 5 }, (_, k) => ({ docId: `kb-${lang}-${k}`, lang, title: 'guideline', score: 7 - k, query: 'amyloid' })),
    final: { response: paragraph(random, undefined, 6), answer: 'answer' },
    stages: { reason_en: { ms: 812, attempts: 1, usage: { prompt_tokens: 310, completion_tokens: 402 }, cached: false } },
    errors: [],
  } as unknown as Trace;
}

async function writeWorkspace(dir: string): Promise<{ dataset: string; traces: string; annotationsDir: string; bytes: number }> {
  const random = mulberry32(15);
  const dataset = path.join(dir, 'multimedx-big.jsonl');
  const traces = path.join(dir, 'multimedx-big.traces.jsonl');
  const annotationsDir = path.join(dir, 'annotations');
  mkdirSync(annotationsDir, { recursive: true });
  const rubric = await loadRubric(rubricFileFor(annotationsDir));
  const rows: string[] = [];
  const traceLines: string[] = [];
  const entries: Record<string, AnnotationEntry> = {};
  for (let i = 0; i < perLanguage * LANGS.length; i++) {
    const it = item(i, random);
    rows.push(it.row);
    const t = trace(it.id, it.lang, it.task, random, i % 100 === 37);
    traceLines.push(JSON.stringify(t));
    if (i % 5 === 0) {
      const rating = Object.fromEntries(rubric.dimensions.map((d, k) => [d.id, 1 + ((i + k) % 5)]));
      const stale = i % 50 === 0;
      entries[it.id] = { traceId: t.id, traceSha256: stale ? 'f'.repeat(64) : traceSha256(t), revision: 1, rating, updatedAt: '2026-11-22T10:00:00.000Z', durationMs: 60000, history: [] } as unknown as AnnotationEntry;
    }
  }
  writeFileSync(dataset, rows.join('\n') + '\n');
  writeFileSync(traces, traceLines.join('\n') + '\n');
  const store = await AnnotationStore.open({ annotationsDir, dataset: 'multimedx-big', annotator: ANNOTATOR, rubric });
  mkdirSync(path.dirname(store.file), { recursive: true });
  writeFileSync(store.file, JSON.stringify({ schema: 'medco.annotations/1', dataset: 'multimedx-big', annotator: { id: ANNOTATOR, role: 'annotator' }, rubric: { id: rubric.id, version: rubric.version }, items: entries }, null, 2));
  return { dataset, traces, annotationsDir, bytes: statSync(dataset).size + statSync(traces).size };
}

/** The baseline: a bare read and JSON.parse of every line of both files. */
function bareParse(files: string[]): number {
  let n = 0;
  for (const f of files) for (const line of readFileSync(f, 'utf8').split('\n')) if (line !== '') { JSON.parse(line); n++; }
  return n;
}

/**
 * The review session's data as ReviewSession (src/extension/session.ts, which needs vscode) holds
 * it: the same core calls in the same order, statuses computed once per item.
 */
class BenchSession implements ItemViewSource {
  items: readonly DatasetItem[] = [];
  rubric: Rubric | undefined;
  annotator = ANNOTATOR;
  private dataset!: Dataset;
  private byId = new Map<string, DatasetItem>();
  private traces = TraceIndex.empty({ run: DEFAULT_REVIEW_RUN });
  private store!: AnnotationStore;
  private statuses = new Map<string, ItemStatus>();

  async open(datasetPath: string, tracesPath: string, annotationsDir: string): Promise<void> {
    this.dataset = await loadDataset([datasetPath]);
    this.items = browseOrder(this.dataset.items);
    this.byId = new Map(this.dataset.items.map((i) => [i.id, i]));
    this.rubric = await loadRubric(rubricFileFor(annotationsDir));
    this.traces = await TraceIndex.load(tracesPath, { run: DEFAULT_REVIEW_RUN }); // as the session: one run
    this.store = await AnnotationStore.open({ annotationsDir, dataset: this.dataset.name, annotator: ANNOTATOR, rubric: this.rubric });
    if (this.traces.problems.length + this.dataset.errors.length > 0 || this.store.problem) throw new Error('the generated workspace has problems');
  }

  item(id: string) { return this.byId.get(id); }
  trace(id: string) { return this.traces.get(id); }
  peekTrace(id: string) { return this.traces.peek(id); }
  entry(id: string) { return this.store.entry(id); }
  status(id: string): ItemStatus {
    let s = this.statuses.get(id);
    if (s === undefined) {
      const entry = this.entry(id);
      s = itemStatus(entry, this.rubric!, entry?.traceSha256 ? this.traces.sha256(id) : undefined);
      this.statuses.set(id, s);
    }
    return s;
  }
  counts(items: readonly DatasetItem[] = this.items): StatusCounts { return countStatuses(items.map((i) => this.status(i.id))); }
}

/** What the Items tree computes to show its nodes: every item's status, counts per language and per task. */
function treeNodes(session: BenchSession): number {
  let nodes = 0;
  for (const lang of new Set(session.items.map((i) => i.lang))) {
    const inLang = session.items.filter((i) => i.lang === lang);
    session.counts(inLang);
    nodes++;
    for (const task of new Set(inLang.map((i) => i.task))) {
      session.counts(inLang.filter((i) => i.task === task));
      nodes++;
    }
  }
  for (const it of session.items) session.status(it.id);
  return nodes;
}

/** One Open Item query as the picker runs it: matches, the typed id first, rows with snippets. */
function pickerRows(index: ItemSearchIndex, query: string): number {
  const folded = query.trim().toLowerCase();
  return index
    .search(query)
    .sort((a, b) => Number(b.item.id.toLowerCase().includes(folded)) - Number(a.item.id.toLowerCase().includes(folded)))
    .map(({ item, doc }) => ({ label: item.id, detail: snippet(doc, query) })).length;
}

interface Sample { wall: number; cpu: number }
function timed<T>(run: () => T): { value: T; sample: Sample } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = run();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, sample: { wall, cpu: (c.user + c.system) / 1000 } };
}
async function timedAsync<T>(run: () => Promise<T>): Promise<{ value: T; sample: Sample }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, sample: { wall, cpu: (c.user + c.system) / 1000 } };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'medco-bench-bigws-'));
  try {
    const ws = await writeWorkspace(dir);
    const measures = ['baseline', 'tree', 'first open', 'search index build', `search "${RARE}"`, 'search "qa-ja-0012"'] as const;
    const samples = new Map<string, Sample[]>(measures.map((m) => [m, []]));
    const memory: string[] = [];
    let matches: Record<string, number> = {};
    for (let r = -1; r < rounds; r++) {
      const record = (name: string, s: Sample) => r >= 0 && samples.get(name)!.push(s);
      const runBaseline = () => record('baseline', timed(() => bareParse([ws.dataset, ws.traces])).sample);
      if (r % 2 === 0) runBaseline();
      global.gc?.();
      const session = new BenchSession();
      const tree = await timedAsync(async () => {
        await session.open(ws.dataset, ws.traces, ws.annotationsDir);
        return treeNodes(session);
      });
      record('tree', tree.sample);
      global.gc?.();
      const after = process.memoryUsage();
      const open = timed(() => itemView(session, session.items[0].id));
      if (!open.value?.trace) throw new Error('the first item has no trace');
      record('first open', open.sample);
      const index = new ItemSearchIndex(() => ({ items: session.items, trace: (id) => session.peekTrace(id), entry: (id) => session.entry(id) }));
      record('search index build', (await timedAsync(() => index.warm())).sample);
      global.gc?.();
      const indexed = process.memoryUsage();
      const rare = timed(() => pickerRows(index, RARE));
      const byId = timed(() => pickerRows(index, 'qa-ja-0012'));
      record(`search "${RARE}"`, rare.sample);
      record('search "qa-ja-0012"', byId.sample);
      matches = { [RARE]: rare.value, 'qa-ja-0012': byId.value };
      if (r === rounds - 1) {
        memory.push(`after the tree (session loaded): rss ${mib(after.rss)} MiB, heapUsed ${mib(after.heapUsed)} MiB`);
        memory.push(`after the search index: rss ${mib(indexed.rss)} MiB, heapUsed ${mib(indexed.heapUsed)} MiB`);
      }
      if (r % 2 !== 0) runBaseline();
    }
    const base = samples.get('baseline')!;
    console.log(`${perLanguage * LANGS.length} items + ${perLanguage * LANGS.length} traces, ${(ws.bytes / 1e6).toFixed(0)} MB of JSONL; ${rounds} rounds after a warm-up; matches: ${JSON.stringify(matches)}`);
    console.log('| measure | wall ms, median (min–max) | CPU ms, median | × baseline, wall | × baseline, CPU |');
    console.log('|---|---:|---:|---:|---:|');
    for (const name of measures) {
      const xs = samples.get(name)!;
      const walls = xs.map((x) => x.wall);
      // Ratios per round (each measure against the baseline of its own round), then the median.
      const rw = median(xs.map((x, i) => x.wall / base[i].wall));
      const rc = median(xs.map((x, i) => x.cpu / base[i].cpu));
      const f = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
      console.log(`| ${name} | ${f(median(walls))} (${f(Math.min(...walls))}–${f(Math.max(...walls))}) | ${f(median(xs.map((x) => x.cpu)))} | ${rw.toFixed(3)} | ${rc.toFixed(3)} |`);
    }
    for (const m of memory) console.log(`memory ${m}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
