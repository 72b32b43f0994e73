import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { canonicalJson } from '../../../src/core/llm/diskCache';
import type { Trace } from '../../../src/core/types';
import { startOpenAIServer, type FakeOpenAIServer } from '../../support/openaiServer';
import { REPO, runCli, tempDir } from './helpers';

const LANGS = ['ja', 'zh', 'sw', 'th'];
const MARKERS: Record<string, [string, string]> = { ja: ['質問:', '回答:'], zh: ['问题:', '答案:'], sw: ['Swali:', 'Jibu:'], th: ['Question:', 'Answer:'] };

/** A MultiMed-X rows file (docs/formats.md §1); half the items have parallel English. */
function writeDataset(dir: string, n: number): string {
  const file = path.join(dir, 'multimedx.jsonl');
  const rows = Array.from({ length: n }, (_, i) => {
    const lang = LANGS[i % LANGS.length];
    const [q, a] = MARKERS[lang];
    return JSON.stringify({
      id: `qa-${lang}-${String(i + 1).padStart(3, '0')}`,
      lang,
      task: 'qa',
      source: 'LiveQA',
      text: `${q}\nquestion ${i + 1} (${lang})\n${a}\nanswer`,
      ...(i % 2 === 0 ? { text_en: `Question:\nQuestion ${i + 1} in English\nAnswer:\nanswer` } : {}),
      label: null,
    });
  });
  writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

const lines = (file: string): string[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

/** What a request determines, comparable between the server's log and the cache's record of it. */
const requestKey = (body: Record<string, unknown>): string => {
  const { variant: _v, ...rest } = body;
  return canonicalJson(rest);
};

function cachedRequests(cacheDir: string): Set<string> {
  const out = new Set<string>();
  if (!existsSync(cacheDir)) return out;
  for (const e of readdirSync(cacheDir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.json')) continue;
    const entry = JSON.parse(readFileSync(path.join(e.parentPath, e.name), 'utf8')) as { request: Record<string, unknown> };
    out.add(requestKey(entry.request));
  }
  return out;
}

function cliArgs(dataset: string, out: string, server: FakeOpenAIServer, concurrency: number): string[] {
  return ['reason', dataset, '--out', out, '--base-url', server.url, '--model', 'm', '--embedding-model', 'e', '--concurrency', String(concurrency), '--json'];
}

/** A temp folder with a dataset of `items` items and where the run's traces go. */
function runFolder(items: number): { dir: string; dataset: string; out: string } {
  const dir = tempDir();
  return { dir, dataset: writeDataset(dir, items), out: path.join(dir, 'run.traces.jsonl') };
}

/** Starts `medco reason` and kills it hard (SIGKILL) once `traces` traces are on disk in `out`. */
async function killRunAfterTraces(args: string[], out: string, traces: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli/main.ts'), ...args], { cwd: REPO, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (lines(out).length >= traces) {
        clearInterval(timer);
        child.kill('SIGKILL');
        resolve();
      }
    }, 5);
    child.on('exit', () => {
      clearInterval(timer);
      reject(new Error('the run ended before it could be killed'));
    });
  });
  await exited;
}

test('a run killed (SIGKILL) after some traces and resumed repeats no call that had completed', async () => {
  const server = await startOpenAIServer({ latencyMs: 60 });
  try {
    const { dir, dataset, out } = runFolder(16);
    const concurrency = 4;

    // 1. Start, and kill hard once 4 traces are on disk.
    await killRunAfterTraces(cliArgs(dataset, out, server, concurrency), out, 4);
    const firstRun = server.requests.length;
    const written = lines(out);
    assert.ok(written.length >= 4 && written.length < 16, `killed midway (${written.length} traces)`);
    const cached = cachedRequests(path.join(dir, '.medco-cache'));
    assert.ok(cached.size > 0);

    // 2. Resume.
    const resumed = await runCli(cliArgs(dataset, out, server, concurrency));
    assert.equal(resumed.status, 0, resumed.stderr);
    const summary = JSON.parse(resumed.stdout) as { items: number; skipped: number; calls: number; cachedCalls: number };
    const second = server.requests.slice(firstRun);
    for (const r of second) assert.ok(!cached.has(requestKey(r.body)), `repeated a cached ${r.stage} call`);
    // Only calls the server answered while the killed client had not yet stored them can repeat:
    // at most the requests that were in flight.
    const firstBodies = new Set(server.requests.slice(0, firstRun).map((r) => requestKey(r.body)));
    const repeated = second.filter((r) => firstBodies.has(requestKey(r.body)));
    assert.ok(repeated.length <= concurrency, `${repeated.length} repeated calls`);
    assert.ok(summary.cachedCalls > 0, 'the partial items reused cached calls');
    assert.equal(summary.skipped, written.length);

    const traces = lines(out).map((l) => JSON.parse(l) as Trace);
    assert.equal(traces.length, 16);
    assert.equal(new Set(traces.map((t) => t.itemId)).size, 16, 'each item once');

    // 3. A re-run of a finished output makes no call at all.
    const before = server.requests.length;
    const again = await runCli(cliArgs(dataset, out, server, concurrency));
    assert.equal(again.status, 0, again.stderr);
    assert.equal(server.requests.length, before);
    assert.deepEqual(JSON.parse(again.stdout).skipped, 16);

    // 4. With the output gone but the cache kept, every trace is rebuilt from the cache alone.
    rmSync(out);
    const rebuilt = await runCli(cliArgs(dataset, out, server, concurrency));
    assert.equal(rebuilt.status, 0, rebuilt.stderr);
    assert.equal(server.requests.length, before);
    const s = JSON.parse(rebuilt.stdout) as { done: number; calls: number; cachedCalls: number };
    assert.equal(s.done, 16);
    assert.equal(s.calls, 0);
    assert.equal(lines(out).length, 16);
  } finally {
    await server.close();
  }
});

/** Busy-loop processes, one per core: the machine is saturated while they run. */
function saturateCpu(): { stop: () => void } {
  const children = Array.from({ length: Math.max(2, availableParallelism()) }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  return { stop: () => children.forEach((c) => c.kill('SIGKILL')) };
}

test('killed mid-way on a saturated CPU, with transient server errors, a resumed run repeats at most one call per request slot', async () => {
  // Transient 500s: some calls are waiting to be retried when the run is killed. Were their request
  // slots freed during the backoff, other calls would take them and more calls than slots would be
  // lost (seen: 17–21 repeats with --concurrency 16 on a busy machine).
  const server = await startOpenAIServer({ latencyMs: 40, faults: { rate: 0.3, kinds: ['500'], seed: 11 } });
  const cpu = saturateCpu();
  try {
    const { dataset, out } = runFolder(48);
    const concurrency = 16;
    await killRunAfterTraces(cliArgs(dataset, out, server, concurrency), out, 6);
    const firstRun = server.requests.length;
    assert.ok(server.requests.some((r) => r.fault === '500'), 'errors were injected before the kill');
    const firstBodies = new Set(server.requests.slice(0, firstRun).map((r) => requestKey(r.body)));

    server.options.faults = undefined;
    const resumed = await runCli(cliArgs(dataset, out, server, concurrency));
    assert.equal(resumed.status, 0, resumed.stderr);
    const repeated = server.requests.slice(firstRun).filter((r) => firstBodies.has(requestKey(r.body)));
    assert.ok(repeated.length <= concurrency, `${repeated.length} repeated calls with ${concurrency} request slots: ${repeated.map((r) => r.stage).join(', ')}`);
    assert.equal(new Set(lines(out).map((l) => (JSON.parse(l) as Trace).itemId)).size, 48);
  } finally {
    cpu.stop();
    await server.close();
  }
});

test('medco reason: bad dataset rows are reported as file:line, the rest runs; usage errors exit 2', async () => {
  const server = await startOpenAIServer();
  try {
    const dir = tempDir();
    const dataset = writeDataset(dir, 2);
    writeFileSync(dataset, readFileSync(dataset, 'utf8') + '{"id": broken\n');
    const out = path.join(dir, 'x.traces.jsonl');
    const r = await runCli([...cliArgs(dataset, out, server, 2), '--limit', '1']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`multimedx\\.jsonl:3`));
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of ['items', 'done', 'failed', 'cachedCalls', 'calls', 'usage', 'ms']) assert.ok(key in summary, key);
    assert.equal(summary.items, 1);
    assert.equal(lines(out).length, 1);

    const usage = await runCli([...cliArgs(dataset, out, server, 2), '--retrieval', 'everything']);
    assert.equal(usage.status, 2);
    const missing = await runCli(cliArgs(path.join(dir, 'nope.jsonl'), out, server, 2));
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /nope\.jsonl/);
  } finally {
    await server.close();
  }
});
