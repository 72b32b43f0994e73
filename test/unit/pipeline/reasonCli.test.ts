// `medco reason` end to end: which --out files it refuses, usage errors, and failed items being
// run again on the next run (issue 9: nothing a run produced is silently dropped or mis-counted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../../../src/core/llm/diskCache';
import { readTraces } from '../../../src/core/traces';
import type { Trace } from '../../../src/core/types';
import { startOpenAIServer, type FakeOpenAIServer } from '../../support/openaiServer';
import { runCli, tempDir } from './helpers';

function writeDataset(dir: string, n: number): string {
  const file = path.join(dir, 'multimedx-ja.jsonl');
  const rows = Array.from({ length: n }, (_, i) =>
    JSON.stringify({ id: `qa-ja-00${i + 1}`, lang: 'ja', task: 'qa', text: `質問:\n心アミロイドーシス ${i + 1}\n回答:\nなし`, text_en: `Question:\nCardiac amyloidosis ${i + 1}\nAnswer:\nnone` }),
  );
  writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

const args = (dataset: string, out: string, server: FakeOpenAIServer, ...more: string[]) =>
  ['reason', dataset, '--out', out, '--base-url', server.url, '--model', 'm', '--embedding-model', 'e', '--concurrency', '4', '--json', ...more];

const traceLines = (file: string): Trace[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Trace);

test('--out is refused (exit 1, file untouched, no call) when it is the dataset, in an annotations folder, or not a traces file', async () => {
  const server = await startOpenAIServer();
  try {
    const dir = tempDir();
    const dataset = writeDataset(dir, 2);
    const annotationFile = path.join(dir, 'annotations', 'multimedx-ja', 'dr-sato.json');
    mkdirSync(path.dirname(annotationFile), { recursive: true });
    writeFileSync(annotationFile, JSON.stringify({ schema: 'medco.annotations/1', dataset: 'multimedx-ja', items: {} }, null, 2) + '\n');
    const elsewhere = path.join(dir, 'notes', 'rows.jsonl');
    mkdirSync(path.dirname(elsewhere));
    writeFileSync(elsewhere, readFileSync(dataset));
    const newTracesInAnnotations = path.join(dir, 'annotations', 'multimedx-ja', 'run.traces.jsonl');

    for (const [out, reason] of [
      [dataset, /is the dataset file/],
      [annotationFile, /is in the annotations folder/],
      [newTracesInAnnotations, /is in the annotations folder/],
      [elsewhere, /not a traces file \(none of its 2 non-empty line\(s\) is a medco\.trace\/1 trace\)/],
      [path.join(dir, 'notes'), /notes: is a folder, not a traces file/],
    ] as const) {
      const before = readFileSync(out === path.join(dir, 'notes') ? elsewhere : out === newTracesInAnnotations ? annotationFile : out, 'utf8');
      const r = await runCli(args(dataset, out, server));
      assert.equal(r.status, 1, `${out}: ${r.stderr}`);
      assert.match(r.stderr, reason);
      assert.ok(r.stderr.includes(path.basename(out)), r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(readFileSync(out === path.join(dir, 'notes') ? elsewhere : out === newTracesInAnnotations ? annotationFile : out, 'utf8'), before);
    }
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

test('usage errors exit 2 at once: --base-url not a URL or not http(s), --concurrency / --limit out of bounds', async () => {
  const server = await startOpenAIServer();
  try {
    const dir = tempDir();
    const dataset = writeDataset(dir, 1);
    const out = path.join(dir, 'x.traces.jsonl');
    const withUrl = (url: string) => ['reason', dataset, '--out', out, '--base-url', url, '--json'];
    for (const bad of [
      withUrl('not a url'),
      withUrl('file:///etc/passwd'),
      args(dataset, out, server, '--concurrency', '0'),
      args(dataset, out, server, '--concurrency', '100000'),
      args(dataset, out, server, '--concurrency', 'abc'),
      args(dataset, out, server, '--limit', '0'),
      args(dataset, out, server, '--limit', '-3'),
      args(dataset, out, server, '--limit', '1e99'),
      args(dataset, out, server, '--limit', '2.5'),
    ]) {
      const r = await runCli(bad);
      assert.equal(r.status, 2, `${bad.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
    }
    const file = await runCli(withUrl('file:///etc/passwd'));
    assert.match(file.stderr, /only http:\/\/ and https:\/\//);
    // Exit 2 comes from parsing the arguments: a file: URL is refused before any request, not
    // retried with backoff (that took 25 s).
    const env = await runCli(['reason', dataset, '--out', out, '--json'], { OPENAI_BASE_URL: 'ftp://example.org/v1' });
    assert.equal(env.status, 2, env.stderr);
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

test('--lang values that match no item are named (exit 1); jp is ja', async () => {
  const server = await startOpenAIServer();
  try {
    const dir = tempDir();
    const dataset = writeDataset(dir, 1);
    const out = path.join(dir, 'x.traces.jsonl');
    const r = await runCli(args(dataset, out, server, '--lang', 'ja,xx,zh'));
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /--lang ja,xx,zh: no item in xx, zh; the dataset has ja/);
    assert.equal(server.requests.length, 0);
    const ok = await runCli(args(dataset, out, server, '--lang', 'jp'));
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).done, 1);
  } finally {
    await server.close();
  }
});

test('items whose trace has errors are run again (only the failed calls are re-sent); --no-retry-failed keeps them; all failed → exit 1', async () => {
  // Concept extraction returns broken JSON: every item gets a trace with errors.
  const server = await startOpenAIServer({ stageFaults: { extract: 'malformed' } });
  try {
    const dir = tempDir();
    const dataset = writeDataset(dir, 3);
    const out = path.join(dir, 'run.traces.jsonl');

    const failed = await runCli(args(dataset, out, server));
    assert.equal(failed.status, 1, 'a run in which every item failed exits 1');
    assert.match(failed.stderr, /every item run failed \(3\); first error: qa-ja-00\d: extract_/);
    assert.deepEqual(JSON.parse(failed.stdout).failed, 3);
    assert.ok(traceLines(out).every((t) => t.errors.length > 0));
    const answered = new Set(server.requests.filter((r) => r.status === 200 && !r.fault).map((r) => canonicalJson(r.body)));

    const kept = await runCli(args(dataset, out, server, '--no-retry-failed'));
    assert.equal(kept.status, 0, kept.stderr);
    const keptSummary = JSON.parse(kept.stdout);
    assert.deepEqual([keptSummary.skipped, keptSummary.retried, keptSummary.done, keptSummary.failed], [3, 0, 0, 0]);
    const afterKept = server.requests.length;

    delete server.options.stageFaults;
    const retried = await runCli(args(dataset, out, server));
    assert.equal(retried.status, 0, retried.stderr);
    const summary = JSON.parse(retried.stdout);
    assert.deepEqual([summary.done, summary.failed, summary.retried, summary.skipped], [3, 0, 3, 0]);
    const resent = server.requests.slice(afterKept);
    assert.ok(resent.length > 0);
    assert.deepEqual(resent.filter((r) => answered.has(canonicalJson(r.body))).map((r) => r.stage), [], 'a call that had succeeded was sent again');
    assert.ok(!resent.some((r) => r.stage === 'reason'), 'the reasoning had succeeded: it comes from the cache');

    // The new traces supersede the failed ones: readers see the newest, without errors.
    assert.equal(traceLines(out).length, 6);
    const { traces } = await readTraces(out);
    assert.equal(traces.size, 3);
    for (const t of traces.values()) assert.deepEqual(t.errors, []);

    // Nothing left to do: a further run calls nothing.
    const done = await runCli(args(dataset, out, server));
    assert.equal(done.status, 0, done.stderr);
    assert.equal(JSON.parse(done.stdout).skipped, 3);
    assert.equal(server.requests.length, afterKept + resent.length);
  } finally {
    await server.close();
  }
});
