// Throughput of the co-reasoning pipeline against a lower bound, and against a baseline with the
// design of the paper's released code (each item's calls one after another, a pool of item workers).
//
//   node --import tsx bench/pipeline.ts [items=350] [latencyMs=50] [concurrency=16]
//
// The fake OpenAI server (test/support/openaiServer.ts) runs in a child process, answering every
// request after a fixed latency L, so wall time is dominated by scheduling, as against a real API.
//
// Lower bound of a run with at most C requests in flight over N items that make `calls` requests in
// total, each item's longest chain of dependent requests being `depth` requests long:
//   bound = max(depth × L, ceil(calls / C) × L)
// depth = (translate?) + reason + extract + embed + (retrieve ≈ 0) + synthesize = 4 with parallel
// English (5 with a translation); for the baseline, depth = its 5 sequential calls. The bound
// leaves out one cost of ours: a run's first structured-output call is a json_schema probe that
// every other structured call waits for (src/core/pipeline/structuredOutput.ts), one more L per
// run, which shows when there are few items.
//
// Three designs, interleaved round by round (the order rotates), each against its own bound:
//   ours                       all items in flight, one global limit of C requests, disk cache on
//                              (as `medco run` does by default), traces appended with fsync
//   ours, no disk cache        the same without the cache: the schedule alone, against the baseline
//   baseline, C item workers   the released code's design with the SAME concurrency as ours: what
//                              the design itself gains or loses
//   baseline, 10 item workers  the released code as it ships (10 workers): adds the effect of
//                              its lower concurrency
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LlmClient } from '../src/core/llm/client';
import { runCoReasoning } from '../src/core/pipeline';
import { questionText } from '../src/core/pipeline/itemText';
import { loadPrompts, render, taskPromptName } from '../src/core/pipeline/prompts';
import type { DatasetItem } from '../src/core/types';

const [N = 350, L = 50, C = 16] = process.argv.slice(2).map(Number);
const RELEASED_WORKERS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

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
  const server = await startServer(L);
  try {
    const list = items(N);
    const dir = mkdtempSync(path.join(tmpdir(), 'medco-bench-'));
    // warm-up: connections, JIT, for both designs
    await runCoReasoning(items(8), { baseUrl: server.url, model: 'warm', embeddingModel: 'e', concurrency: C, cacheDir: null });
    await baseline(server.url, items(8), C);

    const timed = async (fn: () => Promise<Omit<Run, 'ms' | 'cpuMs'>>): Promise<Run> => {
      const cpu0 = process.cpuUsage();
      const t0 = Date.now();
      const r = await fn();
      const ms = Date.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      return { ...r, ms, cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
    };
    /** Our pipeline on the list, each run into a fresh output folder; `options` is what differs. */
    const ours = (name: string, options: { cacheDir?: null }) => ({
      name,
      depth: 4,
      concurrency: C,
      runs: [] as Run[],
      run: () =>
        timed(async () => {
          const out = mkdtempSync(path.join(dir, 'run-'));
          const r = await runCoReasoning(list, { baseUrl: server.url, model: 'm', embeddingModel: 'e', concurrency: C, ...options, out: path.join(out, 'bench.traces.jsonl') });
          return { calls: r.calls, done: r.done, failed: r.failed };
        }),
    });
    const designs = [
      ours(`ours, C = ${C}`, {}),
      ours(`ours, no disk cache, C = ${C}`, { cacheDir: null }),
      { name: `baseline, ${C} item workers`, depth: 5, concurrency: C, runs: [] as Run[], run: () => timed(() => baseline(server.url, list, C)) },
      {
        name: `baseline, ${RELEASED_WORKERS} item workers`,
        depth: 5,
        concurrency: RELEASED_WORKERS,
        runs: [] as Run[],
        run: () => timed(() => baseline(server.url, list, RELEASED_WORKERS)),
      },
    ];
    // Interleaved rounds with a rotating order: the shared machine's load changes from second to second.
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < designs.length; k++) {
        const d = designs[(round + k) % designs.length];
        d.runs.push(await d.run());
      }
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const f = (x: number): string => x.toFixed(2);
    console.log(`bench/pipeline: ${N} items, server latency L = ${L} ms, medians of ${ROUNDS} interleaved rounds`);
    console.log('bound = max(depth × L, ceil(calls / C) × L); depth = reason + extract + embed + synthesize = 4 (ours), 5 sequential calls (baseline)');
    console.log('| design | max in flight | calls | bound ms | wall ms (rounds) | wall/bound | client CPU ms per call |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    const walls: number[] = [];
    for (const d of designs) {
      const calls = d.runs[0].calls;
      const wall = median(d.runs.map((r) => r.ms));
      const cpu = median(d.runs.map((r) => r.cpuMs));
      walls.push(wall);
      const b = bound(d.depth, calls, d.concurrency);
      console.log(`| ${d.name} | ${d.concurrency} | ${calls} | ${b} | ${wall} (${d.runs.map((r) => r.ms).join(', ')}) | ${f(wall / b)} | ${f(cpu / calls)} |`);
    }
    for (const d of designs.slice(0, 2)) console.log(`${d.name}: ${d.runs[0].done} traces, ${d.runs[0].failed} with errors`);
    console.log(
      `same concurrency: baseline wall / ours wall ${f(walls[2] / walls[0])}, / ours without cache ${f(walls[2] / walls[1])}; released (${RELEASED_WORKERS} workers) wall / ours wall ${f(walls[3] / walls[0])}`,
    );
  } finally {
    await server.stop();
  }
}

void main();
