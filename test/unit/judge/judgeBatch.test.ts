// `medco judge --batch openai|files` against the local test server's Batch API: a batch judge run
// saves the ratings a live run saves, with no live judge call; a call deferred to a batch is
// pending, never a failed rating; a run killed while its batch is in flight resumes it and submits
// nothing twice; failed and expired batches are sent again, then the calls are counted as failed;
// the offline path reads vLLM-format output files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listAnnotationFiles } from '../../../src/core/store/annotationFiles';
import type { AnnotationFile } from '../../../src/core/types';
import { respond, startOpenAIServer, type FakeOpenAIServer, type FakeServerOptions } from '../../support/openaiServer';
import { REPO, runCli, tempDir } from '../pipeline/helpers';

const SAMPLE = path.join(REPO, 'sample');
const MODEL = 'Test/Judge-1';
const JUDGE_ID = 'judge-test-judge-1';
const TRACES = 28;

function workspace() {
  const dir = tempDir('medco-judge-batch-');
  const dataset = path.join(dir, 'multimedx-sample.jsonl');
  const traces = path.join(dir, 'run.traces.jsonl');
  copyFileSync(path.join(SAMPLE, 'multimedx-sample.jsonl'), dataset);
  copyFileSync(path.join(SAMPLE, 'multimedx-sample.traces.jsonl'), traces);
  const annotations = path.join(dir, 'annotations');
  mkdirSync(annotations);
  const folder = path.join(annotations, 'multimedx-sample');
  return { dir, dataset, traces, annotations, judgeFile: path.join(folder, `${JUDGE_ID}.json`), stateFile: path.join(folder, `_${JUDGE_ID}.batch.json`) };
}
type Workspace = ReturnType<typeof workspace>;

const args = (w: Workspace, server: FakeOpenAIServer, ...more: string[]) => ['judge', w.dataset, '--traces', w.traces, '--judge-model', MODEL, '--annotations', w.annotations, '--base-url', server.url, '--json', ...more];
const batchArgs = (w: Workspace, server: FakeOpenAIServer) => args(w, server, '--batch', 'openai', '--batch-poll-ms', '5');

async function withServer<T>(options: FakeServerOptions, body: (server: FakeOpenAIServer) => Promise<T>): Promise<T> {
  const server = await startOpenAIServer(options);
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

/** Each item's rating, trace and judge provenance: what a judge run decides, without when it saved it. */
function ratings(file: string) {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as AnnotationFile;
  return Object.fromEntries(Object.entries(doc.items).map(([id, e]) => [id, { rating: e.rating, traceId: e.traceId, traceSha256: e.traceSha256, judge: e.judge }]));
}
const liveJudgeCalls = (server: FakeOpenAIServer) => server.requests.filter((r) => r.stage === 'judge').length;

interface Summary {
  judged: number;
  failed: number;
  pending: string[];
  failures: { message: string }[];
  /** One run here (coreasoner round 1): its batch is the run's. */
  runs: { config: string; round: number; pending: number; batch: { roundTrips: number; requestsSubmitted: number; failedRequests: number; waitingFor: string[]; stateFile: string } }[];
}

test('a batch judge run saves the ratings a live run saves, in one round trip, with no live judge call', async () => {
  const live = workspace();
  await withServer({}, async (server) => {
    const r = await runCli(args(live, server));
    assert.equal(r.status, 0, r.stderr);
  });
  const w = workspace();
  await withServer({ batches: { delayMs: 30 } }, async (server) => {
    const r = await runCli(batchArgs(w, server));
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as Summary;
    assert.equal(summary.judged, TRACES);
    assert.equal(summary.failed, 0);
    assert.deepEqual(summary.pending, []);
    assert.equal(summary.runs[0].batch.roundTrips, 1);
    assert.equal(summary.runs[0].batch.requestsSubmitted, TRACES);
    assert.equal(summary.runs[0].batch.stateFile, w.stateFile);
    assert.equal(liveJudgeCalls(server), 0, 'every judge call went through the batch');
    assert.deepEqual(server.batches.created.map((b) => [b.endpoint, b.lines]), [['/v1/chat/completions', TRACES]]);
    assert.deepEqual(ratings(w.judgeFile), ratings(live.judgeFile));
    // The state file sits beside the judge's file but is no annotator file.
    assert.ok(existsSync(w.stateFile));
    assert.deepEqual(await listAnnotationFiles(w.annotations, 'multimedx-sample'), [w.judgeFile]);

    // Run again: everything is judged, nothing is submitted.
    const again = await runCli(batchArgs(w, server));
    assert.equal(again.status, 0, again.stderr);
    assert.equal((JSON.parse(again.stdout) as { skipped: number }).skipped, TRACES);
    assert.equal(server.batches.created.length, 1);
  });
});

test('offline: a deferred judge call is pending (no rating, no failure) until the vLLM-format output file is there', async () => {
  const w = workspace();
  await withServer({}, async (server) => {
    const batchDir = path.join(w.dir, 'batches');
    const offline = args(w, server, '--batch', 'files', '--batch-dir', batchDir);
    const first = await runCli(offline);
    assert.equal(first.status, 0, first.stderr);
    const waiting = JSON.parse(first.stdout) as Summary;
    assert.equal(waiting.judged, 0);
    assert.equal(waiting.failed, 0, 'a deferred call is not a failed rating');
    assert.equal(waiting.pending.length, TRACES);
    assert.equal(waiting.runs[0].batch.waitingFor.length, 1);
    assert.match(first.stderr, /vllm run-batch -i .*pass-1-chat\.jsonl -o .*pass-1-chat\.output\.jsonl --model Test\/Judge-1/);
    assert.ok(!existsSync(w.judgeFile) || Object.keys((JSON.parse(readFileSync(w.judgeFile, 'utf8')) as AnnotationFile).items).length === 0, 'no rating before its answer');

    // The offline runner answers every line in vLLM's output format.
    const output = waiting.runs[0].batch.waitingFor[0];
    const lines = readFileSync(output.replace(/\.output\.jsonl$/, '.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { custom_id: string; url: string; body: Record<string, unknown> });
    const answers = lines.map((l, i) => {
      const a = respond({}, { path: l.url, body: l.body, n: i });
      return JSON.stringify({ id: `vllm-${i}`, custom_id: l.custom_id, response: { status_code: a.status, request_id: `vllm-batch-${i}`, body: a.payload }, error: null });
    });
    writeFileSync(output, answers.join('\n') + '\n');

    const second = await runCli(offline);
    assert.equal(second.status, 0, second.stderr);
    const done = JSON.parse(second.stdout) as Summary;
    assert.equal(done.judged, TRACES);
    assert.deepEqual(done.runs[0].batch.waitingFor, []);
    assert.equal(Object.keys((JSON.parse(readFileSync(w.judgeFile, 'utf8')) as AnnotationFile).items).length, TRACES);
    assert.equal(liveJudgeCalls(server), 0);
  });
});

test('failed and expired judge batches are sent again; a call failing in every batch is given up after 3 and counted as failed', async () => {
  const w = workspace();
  await withServer({ batches: { delayMs: 5, fail: [0], expire: [1] } }, async (server) => {
    const r = await runCli(batchArgs(w, server));
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as Summary;
    assert.equal(summary.judged, TRACES);
    assert.equal(summary.failed, 0);
    const [first, second, third] = server.batches.created;
    assert.deepEqual([...second.customIds].sort(), [...first.customIds].sort(), 'the failed batch is sent again whole');
    assert.equal(third.lines, TRACES - Math.floor(TRACES / 2), 'what the expired batch left unanswered is sent again');
  });
  const v = workspace();
  await withServer({ batches: { delayMs: 5, fail: Array.from({ length: 10 }, (_, i) => i) } }, async (server) => {
    const r = await runCli(batchArgs(v, server));
    assert.equal(r.status, 1, 'every item run failed');
    const summary = JSON.parse(r.stdout) as Summary;
    assert.equal(summary.failed, TRACES);
    assert.equal(summary.judged, 0);
    assert.equal(summary.runs[0].batch.failedRequests, TRACES);
    assert.match(summary.failures[0].message, /no answer in the output \(batch failed: injected validation failure\) \(after 3 batch attempts\)/);
    assert.equal(server.batches.created.length, 3, 'three attempts, never a fourth');
    assert.ok(!existsSync(v.judgeFile) || Object.keys((JSON.parse(readFileSync(v.judgeFile, 'utf8')) as AnnotationFile).items).length === 0);
  });
});

test('a judge batch run killed while its batch is in flight resumes that batch and submits nothing twice', async () => {
  const w = workspace();
  await withServer({ batches: { delayMs: 1500 } }, async (server) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli/main.ts'), ...batchArgs(w, server)], { cwd: REPO, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (existsSync(w.stateFile) && /"batchId"/.test(readFileSync(w.stateFile, 'utf8'))) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.on('exit', () => (clearInterval(timer), reject(new Error('the run ended before its batch was in flight'))));
    });
    await exited;
    assert.equal(server.batches.created.length, 1);

    const status = await runCli([...args(w, server), '--batch-status']);
    assert.equal(status.status, 0, status.stderr);
    assert.equal((JSON.parse(status.stdout) as { inFlight: number; stateFile: string }).inFlight, 1);

    const r = await runCli(batchArgs(w, server));
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as Summary).judged, TRACES);
    const ids = server.batches.created.flatMap((b) => b.customIds);
    assert.equal(server.batches.created.length, 1, 'the batch in flight was collected, not submitted again');
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(server.batches.linesAnswered(), TRACES);
    assert.equal(liveJudgeCalls(server), 0);
  });
});

test('a batch judge run over two configurations keeps one state file beside each run\'s judge file, and --batch-status reads the one --config names', async () => {
  const w = workspace();
  const lines = readFileSync(w.traces, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const other = lines.slice(0, 3).map((l) => {
    // Another answer, so that its judge calls are not the cached calls of the coreasoner run.
    const t = JSON.parse(l) as { id: string; config: Record<string, unknown>; final: { response: string } };
    return JSON.stringify({ ...t, id: `${t.id}-direct`, config: { ...t.config, name: 'direct', round: 1 }, final: { ...t.final, response: `direct: ${t.final.response}` } });
  });
  writeFileSync(w.traces, [...lines, ...other].join('\n') + '\n');
  const directState = path.join(path.dirname(w.stateFile), `_${JUDGE_ID}--direct.batch.json`);
  await withServer({ batches: { delayMs: 30 } }, async (server) => {
    const r = await runCli(batchArgs(w, server));
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as Summary;
    assert.deepEqual(summary.runs.map((run) => [run.config, run.round, run.pending, run.batch.requestsSubmitted, run.batch.stateFile]), [
      ['coreasoner', 1, 0, TRACES, w.stateFile],
      ['direct', 1, 0, 3, directState],
    ]);
    assert.equal(summary.judged, TRACES + 3);
    assert.equal(liveJudgeCalls(server), 0);
    assert.ok(existsSync(w.stateFile) && existsSync(directState));
    // Neither state file is an annotator file; both judge files are.
    assert.deepEqual((await listAnnotationFiles(w.annotations, 'multimedx-sample')).map((f) => path.basename(f)).sort(), [`${JUDGE_ID}--direct.json`, `${JUDGE_ID}.json`]);

    const status = await runCli([...args(w, server, '--batch-status', '--config', 'direct')]);
    assert.equal(status.status, 0, status.stderr);
    assert.equal((JSON.parse(status.stdout) as { stateFile: string }).stateFile, directState);
  });
});
