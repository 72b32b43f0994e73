// `medco reason --batch openai|files` against the local test server's Batch API: a batch run
// writes the traces a live run writes, in as many round trips as there are dependent stages;
// failed, expired and incomplete batches are sent again (bounded); a run killed while batches are
// in flight resumes them instead of submitting again; the offline path reads vLLM-format output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readTraces } from '../../../src/core/traces';
import type { Trace } from '../../../src/core/types';
import { respond, startOpenAIServer, type FakeOpenAIServer, type FakeServerOptions } from '../../support/openaiServer';
import { REPO, runCli, tempDir } from './helpers';

const ITEMS = 6;

function writeDataset(dir: string): string {
  const file = path.join(dir, 'multimedx-sw.jsonl');
  const rows = Array.from({ length: ITEMS }, (_, i) =>
    JSON.stringify({ id: `qa-sw-00${i + 1}`, lang: 'sw', task: 'qa', text: `Swali:\nShinikizo la damu na kushindwa kwa moyo ${i + 1}\nJibu:\nhapana`, text_en: `Question:\nHypertension and heart failure ${i + 1}\nAnswer:\nno` }),
  );
  writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

const common = (dataset: string, out: string, server: FakeOpenAIServer) => ['reason', dataset, '--out', out, '--base-url', server.url, '--model', 'm', '--embedding-model', 'e', '--json'];
const batchArgs = (dataset: string, out: string, server: FakeOpenAIServer, ...more: string[]) => [...common(dataset, out, server), '--batch', 'openai', '--batch-poll-ms', '5', ...more];

async function withServer<T>(options: FakeServerOptions, body: (server: FakeOpenAIServer) => Promise<T>): Promise<T> {
  const server = await startOpenAIServer(options);
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

/** What a trace says, without when and how fast it was made. */
function content(t: Trace) {
  return { itemId: t.itemId, english: t.english, local: t.local, alignment: t.alignment, retrieval: t.retrieval, final: t.final, errors: t.errors };
}

const byItem = async (file: string) => [...(await readTraces(file)).traces.values()].sort((a, b) => a.itemId.localeCompare(b.itemId)).map(content);
const liveCalls = (server: FakeOpenAIServer) => server.requests.filter((r) => r.path.endsWith('/chat/completions') || r.path.endsWith('/embeddings')).length;

test('a batch run writes the traces a live run writes, with no live call and one round trip per dependent stage', async () => {
  const dir = tempDir('medco-batch-');
  const dataset = writeDataset(dir);
  const live = await withServer({}, async (server) => {
    const out = path.join(dir, 'live', 'sw.traces.jsonl');
    const r = await runCli(common(dataset, out, server));
    assert.equal(r.status, 0, r.stderr);
    return byItem(out);
  });
  await withServer({ batches: { delayMs: 30 } }, async (server) => {
    const out = path.join(dir, 'batch', 'sw.traces.jsonl');
    const r = await runCli(batchArgs(dataset, out, server));
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { done: number; batch: { roundTrips: number; requestsSubmitted: number; batchesSubmitted: number } };
    assert.equal(summary.done, ITEMS);
    assert.equal(liveCalls(server), 0, 'every call went through a batch');
    assert.deepEqual(await byItem(out), live);
    // translate + both reasonings | extraction | embeddings | synthesis: no more passes than the
    // pipeline's dependent stages, whatever the number of items.
    assert.ok(summary.batch.roundTrips >= 3 && summary.batch.roundTrips <= 6, `round trips: ${summary.batch.roundTrips}`);
    const ids = server.batches.created.flatMap((b) => b.customIds);
    assert.equal(new Set(ids).size, ids.length, 'no request submitted twice');
    assert.equal(summary.batch.requestsSubmitted, ids.length);
    assert.ok(server.batches.created.some((b) => b.endpoint === '/v1/embeddings'));
    assert.ok(server.batches.created.some((b) => b.endpoint === '/v1/chat/completions'));
  });
});

test('failed, expired and incomplete batches: their requests go into the next batch; bad output lines are reported', async () => {
  const dir = tempDir('medco-batch-faults-');
  const dataset = writeDataset(dir);
  await withServer({ batches: { delayMs: 10, fail: [0], expire: [1], dropLast: [2], duplicateFirst: [3], stray: [3] } }, async (server) => {
    const out = path.join(dir, 'sw.traces.jsonl');
    const r = await runCli(batchArgs(dataset, out, server));
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { done: number; failed: number; batch: { failedRequests: number } };
    assert.equal(summary.done, ITEMS, r.stderr);
    assert.equal(summary.batch.failedRequests, 0);
    assert.match(r.stderr, /answered twice; the first answer is used/);
    assert.match(r.stderr, /"never-sent" was never sent in this batch/);
    // Batch 0 failed as a whole: all of its requests were sent again in batch 1, and so on.
    const [first, second] = server.batches.created;
    assert.deepEqual([...second.customIds].sort(), [...first.customIds].sort());
    assert.equal((await readTraces(out)).traces.size, ITEMS);
  });
});

test('a call that fails in every batch is given up after 3 attempts and its stage error is in the trace', async () => {
  const dir = tempDir('medco-batch-giveup-');
  const dataset = writeDataset(dir);
  await withServer({ batches: { delayMs: 5, fail: Array.from({ length: 50 }, (_, i) => i) } }, async (server) => {
    const out = path.join(dir, 'sw.traces.jsonl');
    const r = await runCli(batchArgs(dataset, out, server));
    assert.equal(r.status, 1, 'every item failed');
    const { traces } = await readTraces(out);
    assert.equal(traces.size, ITEMS);
    for (const t of traces.values()) {
      assert.ok(t.errors.some((e) => /no answer in the output \(batch failed: injected validation failure\) \(after 3 batch attempts\)/.test(e.message)), JSON.stringify(t.errors));
    }
    // Every request was sent exactly three times (the reasonings, then the synthesis that runs on
    // without them), never a fourth.
    const sent = new Map<string, number>();
    for (const id of server.batches.created.flatMap((b) => b.customIds)) sent.set(id, (sent.get(id) ?? 0) + 1);
    assert.deepEqual(new Set(sent.values()), new Set([3]));
  });
});

test('killed while a batch is in flight, a resumed run collects that batch and submits nothing twice', async () => {
  const dir = tempDir('medco-batch-kill-');
  const dataset = writeDataset(dir);
  await withServer({ batches: { delayMs: 1500 } }, async (server) => {
    const out = path.join(dir, 'sw.traces.jsonl');
    const state = `${out}.batch.json`;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli/main.ts'), ...batchArgs(dataset, out, server)], { cwd: REPO, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill hard as soon as the first batch's id is in the state file.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (existsSync(state) && /"batchId"/.test(readFileSync(state, 'utf8'))) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.on('exit', () => (clearInterval(timer), reject(new Error('the run ended before a batch was in flight'))));
    });
    await exited;
    assert.equal(server.batches.created.length, 1);

    const status = await runCli(['reason', dataset, '--out', out, '--batch-status', '--json']);
    assert.equal(status.status, 0, status.stderr);
    assert.equal((JSON.parse(status.stdout) as { inFlight: number }).inFlight, 1);

    const r = await runCli(batchArgs(dataset, out, server));
    assert.equal(r.status, 0, r.stderr);
    assert.equal((await readTraces(out)).traces.size, ITEMS);
    const ids = server.batches.created.flatMap((b) => b.customIds);
    assert.equal(new Set(ids).size, ids.length, 'a request was submitted twice');
    assert.equal(server.batches.linesAnswered(), ids.length);
  });
});

test('a state file naming a batch the server no longer knows: reported, its requests sent again', async () => {
  const dir = tempDir('medco-batch-lost-');
  const dataset = writeDataset(dir);
  await withServer({ batches: { delayMs: 5 } }, async (server) => {
    const out = path.join(dir, 'sw.traces.jsonl');
    writeFileSync(
      `${out}.batch.json`,
      JSON.stringify({ schema: 'medco.batch/1', mode: 'openai', passes: 1, batches: [{ pass: 1, url: '/v1/chat/completions', customIds: ['x'], status: 'submitted', submittedAt: '2026-11-30T00:00:00Z', inputFileId: 'file-9', batchId: 'batch_999' }], attempts: {}, failed: {} }),
    );
    const r = await runCli(batchArgs(dataset, out, server));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /the server no longer knows batch batch_999; its 1 request\(s\) will be sent again/);
    assert.equal((await readTraces(out)).traces.size, ITEMS);
  });
});

test('an unreadable state file is named and left as it is; nothing is submitted', async () => {
  const dir = tempDir('medco-batch-badstate-');
  const dataset = writeDataset(dir);
  await withServer({}, async (server) => {
    const out = path.join(dir, 'sw.traces.jsonl');
    writeFileSync(`${out}.batch.json`, '{"schema": "medco.batch/1", ');
    const r = await runCli(batchArgs(dataset, out, server));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /sw\.traces\.jsonl\.batch\.json: not valid JSON/);
    assert.equal(readFileSync(`${out}.batch.json`, 'utf8'), '{"schema": "medco.batch/1", ');
    assert.equal(server.batches.created.length, 0);
  });
});

test('offline: --batch files writes each pass for vllm run-batch and ingests its output on the next run', async () => {
  const dir = tempDir('medco-batch-files-');
  const dataset = writeDataset(dir);
  await withServer({}, async (server) => {
    const out = path.join(dir, 'sw.traces.jsonl');
    const batchDir = path.join(dir, 'batches');
    const args = [...common(dataset, out, server), '--batch', 'files', '--batch-dir', batchDir];
    let passes = 0;
    for (;;) {
      const r = await runCli(args);
      assert.equal(r.status, 0, r.stderr);
      const summary = JSON.parse(r.stdout) as { done: number; batch: { waitingFor: string[] } };
      if (summary.batch.waitingFor.length === 0) break;
      assert.match(r.stderr, /vllm run-batch -i .*pass-\d+-(chat|embeddings)\.jsonl -o .*\.output\.jsonl --model m/);
      passes++;
      assert.ok(passes <= 6, 'more passes than dependent stages');
      // The offline runner: answer every request line, in vLLM's output format.
      for (const output of summary.batch.waitingFor) {
        const input = output.replace(/\.output\.jsonl$/, '.jsonl');
        const lines = readFileSync(input, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { custom_id: string; url: string; body: Record<string, unknown> });
        const answers = lines.map((l, i) => {
          const a = respond({}, { path: l.url, body: l.body, n: i });
          return JSON.stringify({ id: `vllm-${i}`, custom_id: l.custom_id, response: { status_code: a.status, request_id: `vllm-batch-${i}`, body: a.payload }, error: null });
        });
        writeFileSync(output, answers.join('\n') + '\n');
      }
    }
    assert.ok(passes >= 3, `passes: ${passes}`);
    assert.equal(liveCalls(server), 0);
    assert.equal((await readTraces(out)).traces.size, ITEMS);
  });
});

test('--batch files without --batch-dir, and --batch-dir without files, are usage errors', async () => {
  const dir = tempDir('medco-batch-usage-');
  const dataset = writeDataset(dir);
  const out = path.join(dir, 'o.traces.jsonl');
  const a = await runCli(['reason', dataset, '--out', out, '--batch', 'files']);
  assert.equal(a.status, 2);
  assert.match(a.stderr, /--batch files needs --batch-dir/);
  const b = await runCli(['reason', dataset, '--out', out, '--batch-dir', dir]);
  assert.equal(b.status, 2);
  assert.match(b.stderr, /--batch-dir is only for --batch files/);
});
