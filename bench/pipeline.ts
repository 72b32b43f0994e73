// Throughput of the co-reasoning pipeline against a lower bound, and against a baseline with the
// design of the paper's released code (each item's calls one after another, a pool of item workers).
//
//   node --import tsx bench/pipeline.ts [items=350] [latencyMs=50] [concurrency=16]
//   BENCH_DESIGNS=paper node --import tsx bench/pipeline.ts ...   (only some designs; keys below)
//
// The fake OpenAI server (test/support/openaiServer.ts) runs in a child process, answering every
// request after a fixed latency L, so wall time is dominated by scheduling, as against a real API.
//
// Lower bound of a run with at most C requests in flight over N items that make `calls` requests in
// total, each item's longest chain of dependent requests being `depth` requests long:
//   bound = max(depth × L, ceil(calls / C) × L)
// coreasoner: depth = (translate?) + reason + extract + embed + (retrieve: BM25 in process ≈ 0)
// + synthesize = 4 with parallel English (5 with a translation); for the baseline, depth = its 5
// sequential calls.
// paper: reason (EN ‖ local) → extract (EN ‖ local) → embed the concepts (growing-chain alignment)
// → synthesize, with dense retrieval on its own branch that needs only the questions: embed each
// question → rerank its 10 candidates (EN ‖ local) = 2 ≤ 3, so depth = max(3, 2) + 1 = 4. Its
// calls per item: 2 reason + 2 extract + 1 concept embedding + 2 question embeddings + synthesis
// = 8 through the client's limit of C (fewer when the client answers identical embedding batches
// from the call in flight or the disk cache: `calls` is what the run counted), plus 2 reranks sent
// to the separate --rerank-url endpoint outside that limit (so not in calls / C). The corpus' chunk
// embeddings are built once, in the warm-up, and stored beside the corpus (as a real run reuses
// them), so no timed run pays for them.
// The bound leaves out one cost: a run's first structured-output call is a json_schema probe that
// every other structured call waits for (src/core/pipeline/structuredOutput.ts), one more L per
// run, which shows when there are few items.
//
// Designs (key in BENCH_DESIGNS), interleaved round by round (the order rotates), each against its
// own bound:
//   ours          `coreasoner`: all items in flight, one global limit of C requests, disk cache on
//                 (as `medco reason` does by default), traces appended with fsync, BM25 over the
//                 bench corpus
//   ours-nocache  the same without the cache: the schedule alone, against the baseline
//   paper         `paper` (runCoReasoning, --config paper) over the same corpus: dense retrieval
//                 with reranking, disk cache on
//   paper-nocache the same without the cache
//   baseline      the released code's design with the SAME concurrency as ours: what the design
//                 itself gains or loses
//   released      the released code as it ships (10 item workers): adds the effect of its lower
//                 concurrency
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { LlmClient } from '../src/core/llm/client';
import { runCoReasoning } from '../src/core/pipeline';
import { questionText } from '../src/core/pipeline/itemText';
import { loadPrompts, render, taskPromptName } from '../src/core/pipeline/prompts';
import type { DatasetItem } from '../src/core/types';

const [N = 350, L = 50, C = 16] = process.argv.slice(2).map(Number);
const RELEASED_WORKERS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DESIGN_KEYS = ['ours', 'ours-nocache', 'paper', 'paper-nocache', 'baseline', 'released'] as const;
type DesignKey = (typeof DESIGN_KEYS)[number];
const wanted = (process.env.BENCH_DESIGNS ?? DESIGN_KEYS.join(',')).split(',').map((k) => k.trim());
for (const k of wanted) if (!(DESIGN_KEYS as readonly string[]).includes(k)) throw new Error(`BENCH_DESIGNS: unknown design "${k}"; valid: ${DESIGN_KEYS.join(', ')}`);
/** Chunks per language of the bench corpus. */
const CORPUS_CHUNKS = 200;
const RERANKS_PER_ITEM = 2;

function items(n: number): DatasetItem[] {
  // Like MultiMed-X Japanese: 200 QA then 150 NLI items, all with parallel English.
  return Array.from({ length: n }, (_, i) => {
    const nli = i >= Math.round((n * 200) / 350);
    const q = `質問 ${i + 1}：心アミロイドーシスについて教えてください。`;
    return {
      id: `${nli ? 'nli' : 'qa'}-ja-${i + 1}`,
      lang: 'ja',
      task: nli ? 'nli' : 'qa',
      text: q,
      label: nli ? 'entailment' : null,
      local: nli ? { question: q, premise: q, hypothesis: `仮説 ${i + 1}` } : { question: q },
      english: nli ? { question: `Q ${i + 1}`, premise: `Premise ${i + 1}`, hypothesis: `Hypothesis ${i + 1}` } : { question: `Question ${i + 1}: cardiac amyloidosis?` },
      origin: { file: 'bench', line: i + 1 },
    } satisfies DatasetItem;
  });
}

/**
 * A small corpus in the released layout (`<lang>/*.jsonl`, `{title, content}`), English and
 * Japanese, mentioning the fake server's concepts so that both retrievals find documents.
 */
function writeCorpus(dir: string): string {
  const topics = [
    ['cardiac amyloidosis', '心アミロイドーシス'],
    ['heart failure', '心不全'],
    ['hypertension', '高血圧'],
    ['diabetes', '糖尿病'],
    ['kidney function', '腎機能'],
    ['echocardiography', '心エコー検査'],
  ];
  const kb = path.join(dir, 'kb');
  for (const [lang, side] of [['en', 0], ['ja', 1]] as const) {
    mkdirSync(path.join(kb, lang), { recursive: true });
    const lines = Array.from({ length: CORPUS_CHUNKS }, (_, i) => {
      const [a, b] = [topics[i % topics.length][side], topics[(i + 1) % topics.length][side]];
      const content = side === 0 ? `Guideline ${i + 1}: ${a} and ${b}. Assessment, treatment and follow-up of ${a} in adults. `.repeat(3) : `ガイドライン ${i + 1}：${a}と${b}。成人の${a}の評価、治療、経過観察。`.repeat(3);
      return JSON.stringify({ title: side === 0 ? `${a} (${i + 1})` : `${a}（${i + 1}）`, content });
    });
    writeFileSync(path.join(kb, lang, 'bench.jsonl'), `${lines.join('\n')}\n`);
  }
  return kb;
}

async function startServer(latencyMs: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../test/support/openaiServer.ts')], {
    env: { ...process.env, FAKE_OPENAI_LATENCY_MS: String(latencyMs), FAKE_OPENAI_REPORT_CPU: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n')[0];
      if (buf.includes('\n')) resolve(line.trim());
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return { url, stop: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))) };
}

/**
 * The released code's design: per item, five calls one after another; a fixed pool of `workers`
 * item workers, so at most `workers` requests are in flight.
 */
async function baseline(url: string, list: DatasetItem[], workers: number): Promise<{ ms: number; calls: number }> {
  const prompts = loadPrompts();
  const client = new LlmClient({ baseUrl: url, model: 'm', cacheDir: null, concurrency: workers });
  const msgs = (name: 'reason' | 'extract_concepts' | 'synthesize', vars: Record<string, string>) => {
    const t = prompts.get(name);
    return [
      { role: 'system' as const, content: render(t.system, vars) },
      { role: 'user' as const, content: render(t.user, vars) },
    ];
  };
  const started = Date.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < list.length) {
      const item = list[next++];
      const task = prompts.get(taskPromptName(item.task)).user;
      const en = await client.chat('reason_en', { messages: msgs('reason', { language: 'English', language_native: 'English', task_instructions: task, question: questionText(item.english!, item.task) }) });
      const local = await client.chat('reason_local', { messages: msgs('reason', { language: 'Japanese', language_native: '日本語', task_instructions: task, question: questionText(item.local, item.task) }) });
      await client.chat('extract_en', { messages: msgs('extract_concepts', { language: 'English', reasoning: en.content, schema: '{}' }), responseFormat: { type: 'json_object' } });
      await client.chat('extract_local', { messages: msgs('extract_concepts', { language: 'Japanese', reasoning: local.content, schema: '{}' }), responseFormat: { type: 'json_object' } });
      await client.chat('synthesize', {
        messages: msgs('synthesize', { language: 'Japanese', language_native: '日本語', task_instructions: task, question: item.local.question, concepts: '(none)', documents: '(none)' }),
      });
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return { ms: Date.now() - started, calls: client.stats.calls };
}

const bound = (depth: number, calls: number, concurrency: number): number => Math.max(depth * L, Math.ceil(calls / concurrency) * L);

interface Run {
  ms: number;
  calls: number;
  cpuMs: number;
  done?: number;
  failed?: number;
}

async function main(): Promise<void> {
  const load0 = loadavg();
  const startedAt = new Date();
  const server = await startServer(L);
  try {
    const list = items(N);
    const dir = mkdtempSync(path.join(tmpdir(), 'medco-bench-'));
    const kb = writeCorpus(dir);
    const rerankUrl = `${server.url}/rerank`;
    const common = { baseUrl: server.url, model: 'm', embeddingModel: 'e', concurrency: C, kb };
    // warm-up: connections, JIT, for every design; the paper run also embeds the corpus once and
    // stores its dense index beside it, which the timed runs reuse
    await runCoReasoning(items(8), { ...common, model: 'warm', configName: 'coreasoner', cacheDir: null });
    await runCoReasoning(items(8), { ...common, model: 'warm', configName: 'paper', rerankUrl, cacheDir: null });
    await baseline(server.url, items(8), C);

    const timed = async (fn: () => Promise<Omit<Run, 'ms' | 'cpuMs'>>): Promise<Run> => {
      const cpu0 = process.cpuUsage();
      const t0 = Date.now();
      const r = await fn();
      const ms = Date.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      return { ...r, ms, cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
    };
    /** Our pipeline on the list, each run into a fresh output folder (so a fresh disk cache); `options` is what differs. */
    const ours = (key: DesignKey, name: string, options: { configName: 'coreasoner' | 'paper'; cacheDir?: null; rerankUrl?: string }) => ({
      key,
      name,
      depth: 4,
      concurrency: C,
      runs: [] as Run[],
      run: () =>
        timed(async () => {
          const out = mkdtempSync(path.join(dir, 'run-'));
          const r = await runCoReasoning(list, { ...common, ...options, out: path.join(out, 'bench.traces.jsonl') });
          return { calls: r.calls, done: r.done, failed: r.failed };
        }),
    });
    const all = [
      ours('ours', `ours (coreasoner), C = ${C}`, { configName: 'coreasoner' }),
      ours('ours-nocache', `ours (coreasoner), no disk cache, C = ${C}`, { configName: 'coreasoner', cacheDir: null }),
      ours('paper', `paper, rerank on, C = ${C}`, { configName: 'paper', rerankUrl }),
      ours('paper-nocache', `paper, rerank on, no disk cache, C = ${C}`, { configName: 'paper', rerankUrl, cacheDir: null }),
      { key: 'baseline', name: `baseline, ${C} item workers`, depth: 5, concurrency: C, runs: [] as Run[], run: () => timed(() => baseline(server.url, list, C)) },
      {
        key: 'released',
        name: `baseline, ${RELEASED_WORKERS} item workers`,
        depth: 5,
        concurrency: RELEASED_WORKERS,
        runs: [] as Run[],
        run: () => timed(() => baseline(server.url, list, RELEASED_WORKERS)),
      },
    ];
    const designs = all.filter((d) => wanted.includes(d.key));
    // Interleaved rounds with a rotating order: the shared machine's load changes from second to second.
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < designs.length; k++) {
        const d = designs[(round + k) % designs.length];
        d.runs.push(await d.run());
      }
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const f = (x: number): string => x.toFixed(2);
    const la = (l: number[]): string => l.map((x) => x.toFixed(2)).join(', ');
    console.log(`bench/pipeline: ${N} items, server latency L = ${L} ms, medians of ${ROUNDS} interleaved rounds`);
    console.log(`${startedAt.toISOString()} – ${new Date().toISOString()}, load average ${la(load0)} → ${la(loadavg())}`);
    console.log('bound = max(depth × L, ceil(calls / C) × L); depth = reason + extract + embed + synthesize = 4 (coreasoner; paper, whose retrieval branch embed + rerank = 2 runs beside them), 5 sequential calls (baseline)');
    console.log(`paper also sends ${RERANKS_PER_ITEM} reranks per item to the rerank endpoint, outside the limit of C`);
    console.log('| design | max in flight | calls | bound ms | wall ms (rounds) | wall/bound | client CPU ms per call |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    const wall: Partial<Record<string, number>> = {};
    for (const d of designs) {
      const calls = d.runs[0].calls;
      const w = median(d.runs.map((r) => r.ms));
      const cpu = median(d.runs.map((r) => r.cpuMs));
      wall[d.key] = w;
      const b = bound(d.depth, calls, d.concurrency);
      console.log(`| ${d.name} | ${d.concurrency} | ${calls} | ${b} | ${w} (${d.runs.map((r) => r.ms).join(', ')}) | ${f(w / b)} | ${f(cpu / calls)} |`);
    }
    for (const d of designs) if (d.runs[0].done !== undefined) console.log(`${d.name}: ${d.runs[0].done} traces, ${d.runs[0].failed} with errors`);
    const ratio = (a: string, b: string): string => (wall[a] !== undefined && wall[b] !== undefined ? f(wall[a]! / wall[b]!) : '–');
    if (wall.baseline !== undefined || wall.released !== undefined) {
      console.log(
        `same concurrency: baseline wall / ours wall ${ratio('baseline', 'ours')}, / ours without cache ${ratio('baseline', 'ours-nocache')}; released (${RELEASED_WORKERS} workers) wall / ours wall ${ratio('released', 'ours')}`,
      );
    }
  } finally {
    await server.stop();
  }
}

void main();
