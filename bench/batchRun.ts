// Batch runs (`medco reason --batch openai`): round trips against the pipeline's stage bound.
//
//   node --import tsx bench/batchRun.ts [items=2450] [batchDelayMs=500]
//
// The local test server (test/support/openaiServer.ts) runs in this process; its Batch API
// completes every batch `batchDelayMs` after creation. A batch run of N items needs one round trip
// per dependent stage of the pipeline (reasonings | extraction | embeddings | synthesis, plus
// translation when an item has no parallel English), independent of N: the stage bound is 4 here
// (every item has parallel English) and at most 6 with every stage. Reported: round trips,
// batches, request lines and wall time, against that bound and against the bound's wall time
// (bound × batchDelayMs, the batches' own time); the items are MultiMed-X-sized (2,450 = 7
// languages × 350) and the number of items is varied to show the round trips do not grow with it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runInBatches } from '../src/core/batch/runInBatches';
import { OpenAIBatchTransport } from '../src/core/batch/transports';
import type { DatasetItem } from '../src/core/types';
import { startOpenAIServer } from '../test/support/openaiServer';

const [N = 2450, DELAY = 500] = process.argv.slice(2).map(Number);
const STAGE_BOUND = 4;
const LANGS = ['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'];

function items(n: number): DatasetItem[] {
  return Array.from({ length: n }, (_, i) => {
    const lang = LANGS[i % LANGS.length];
    const question = `Question ${i + 1}: hypertension and heart failure`;
    return {
      id: `qa-${lang}-${String(i + 1).padStart(4, '0')}`,
      lang,
      task: 'qa',
      text: question,
      textEn: question,
      label: null,
      local: { question },
      english: { question },
      origin: { file: 'bench', line: i + 1 },
    };
  });
}

async function run(n: number): Promise<string> {
  const server = await startOpenAIServer({ batches: { delayMs: DELAY } });
  const dir = mkdtempSync(path.join(tmpdir(), 'medco-bench-batch-'));
  try {
    const out = path.join(dir, 'run.traces.jsonl');
    const t0 = performance.now();
    const summary = await runInBatches(
      items(n),
      { out, model: 'm', embeddingModel: 'e', baseUrl: server.url, concurrency: 64 },
      { transport: new OpenAIBatchTransport({ baseUrl: server.url }), stateFile: `${out}.batch.json`, pollMs: Math.max(5, DELAY / 10), maxPollMs: DELAY },
    );
    const wall = performance.now() - t0;
    const live = server.requests.filter((r) => /\/(chat\/completions|embeddings)$/.test(r.path)).length;
    const b = summary.batch;
    return `| ${n} | ${summary.done} | ${b.roundTrips} | ${STAGE_BOUND} | ${(b.roundTrips / STAGE_BOUND).toFixed(2)} | ${b.batchesSubmitted} | ${b.requestsSubmitted} | ${live} | ${(wall / 1000).toFixed(1)} | ${((STAGE_BOUND * DELAY) / 1000).toFixed(1)} | ${(wall / (STAGE_BOUND * DELAY)).toFixed(2)} |`;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`batch delay ${DELAY} ms, stage bound ${STAGE_BOUND} round trips`);
  console.log('| items | traces | round trips | stage bound | × bound | batches | request lines | live calls | wall s | bound × delay, s | wall × (bound × delay) |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of [Math.max(7, Math.round(N / 10)), N]) console.log(await run(n));
}

void main();
