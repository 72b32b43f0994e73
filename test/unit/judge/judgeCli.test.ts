// `medco judge` end to end, in child processes, against the local OpenAI-compatible server (a real
// HTTP server; the SDK is not mocked): the judge file it writes, resuming, replies off the scale,
// the json_object fallback, a run killed hard and resumed, and the input it refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { canonicalJson } from '../../../src/core/llm/diskCache';
import { traceSha256 } from '../../../src/core/traces';
import type { AnnotationFile, Trace } from '../../../src/core/types';
import { startOpenAIServer, type FakeOpenAIServer, type JudgeRequest } from '../../support/openaiServer';
import { REPO, runCli, tempDir } from '../pipeline/helpers';

const SAMPLE = path.join(REPO, 'sample');
const DATASET_FILE = path.join(SAMPLE, 'multimedx-sample.jsonl');
const TRACES = path.join(SAMPLE, 'multimedx-sample.traces.jsonl');
const MODEL = 'Test/Judge-1';
const JUDGE_ID = 'judge-test-judge-1';
const annotationSchema = JSON.parse(readFileSync(path.join(REPO, 'annotations/schema/annotations.schema.json'), 'utf8'));

const sampleTraces = (): Trace[] => readFileSync(TRACES, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Trace);

/** A fresh folder with the sample's dataset and traces, and an empty annotations folder. */
function workspace(): { dir: string; dataset: string; traces: string; annotations: string; judgeFile: string } {
  const dir = tempDir('medco-judge-');
  const dataset = path.join(dir, 'multimedx-sample.jsonl');
  const traces = path.join(dir, 'run.traces.jsonl');
  copyFileSync(DATASET_FILE, dataset);
  copyFileSync(TRACES, traces);
  const annotations = path.join(dir, 'annotations');
  mkdirSync(annotations);
  return { dir, dataset, traces, annotations, judgeFile: path.join(annotations, 'multimedx-sample', `${JUDGE_ID}.json`) };
}

function args(w: ReturnType<typeof workspace>, server: FakeOpenAIServer, extra: string[] = []): string[] {
  return ['judge', w.dataset, '--traces', w.traces, '--judge-model', MODEL, '--annotations', w.annotations, '--base-url', server.url, '--json', ...extra];
}

const readJudge = (file: string): AnnotationFile => JSON.parse(readFileSync(file, 'utf8')) as AnnotationFile;
const judgeRequests = (server: FakeOpenAIServer) => server.requests.filter((r) => r.stage === 'judge');

test('medco judge rates every trace through json_schema (strict) into an annotation file with role "model" that passes the schema', async () => {
  const server = await startOpenAIServer();
  try {
    const w = workspace();
    const r = await runCli(args(w, server));
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.judge, JUDGE_ID);
    assert.equal(summary.traces, 28);
    assert.equal(summary.judged, 28);
    assert.equal(summary.outOfScale, 0);
    assert.equal(summary.failed, 0);

    // Real HTTP requests, one per trace, all with strict json_schema (which the server checks) and answered.
    const requests = judgeRequests(server);
    assert.equal(requests.length, 28);
    for (const q of requests) {
      assert.equal(q.status, 200);
      const format = q.body.response_format as { type: string; json_schema: { strict: boolean } };
      assert.equal(format.type, 'json_schema');
      assert.equal(format.json_schema.strict, true);
      assert.equal(q.body.model, MODEL);
      assert.equal(q.body.temperature, 0);
    }
    // The judge compares with the reference answer (QA) and the gold label (NLI).
    const prompts = requests.map((q) => (q.body.messages as { content: string }[]).map((m) => m.content).join('\n'));
    assert.ok(prompts.some((p) => /Reference answer:\n<<<\nGold label: (entailment|contradiction)\n>>>/.test(p)), 'NLI gold label given');
    assert.ok(prompts.every((p) => !/Reference answer:\n<<<\n\(none/.test(p)), 'every sample item has a reference');

    const text = readFileSync(w.judgeFile, 'utf8');
    const doc = JSON.parse(text) as AnnotationFile;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(annotationSchema);
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    assert.ok(text.endsWith('}\n'));
    assert.deepEqual(doc.annotator, { id: JUDGE_ID, model: MODEL, role: 'model', run: { config: 'coreasoner', round: 1 } });
    assert.equal(doc.dataset, 'multimedx-sample');
    const traces = new Map(sampleTraces().map((t) => [t.itemId, t]));
    assert.equal(Object.keys(doc.items).length, 28);
    for (const [itemId, e] of Object.entries(doc.items)) {
      const t = traces.get(itemId)!;
      assert.equal(e.traceId, t.id);
      assert.equal(e.traceSha256, traceSha256(t));
      assert.equal(e.revision, 1);
      assert.equal(e.judge?.model, MODEL);
      assert.equal(e.judge?.promptVersion, 'v1');
      assert.match(e.judge?.promptSha256 ?? '', /^[0-9a-f]{64}$/);
      for (const dim of ['clinical_soundness', 'cultural_grounding']) {
        const v = e.rating[dim];
        assert.ok(v === null || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5), `${itemId} ${dim}: ${v}`);
      }
      assert.match(String(e.rating.comment), /^Judged answer of \d+ characters\.$/);
    }

    // A second run judges nothing again and asks the server nothing.
    const before = server.requests.length;
    const again = await runCli(args(w, server));
    assert.equal(again.status, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).skipped, 28);
    assert.equal(server.requests.length, before);
    assert.equal(readFileSync(w.judgeFile, 'utf8'), text, 'the file is unchanged');
  } finally {
    await server.close();
  }
});

test('a reply off the rubric scale is asked once more, then counted and reported, never stored; a later run asks again', async () => {
  let offScale = true;
  const server = await startOpenAIServer({
    judgeReply: (q: JudgeRequest) =>
      offScale && q.question.includes('高血压')
        ? JSON.stringify({ ratings: { clinical_soundness: 7, cultural_grounding: 4 }, flags: [], rationale: 'Seven out of five.' })
        : undefined,
  });
  try {
    const w = workspace();
    const r = await runCli(args(w, server));
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    const off = judgeRequests(server).filter((q) => (q.body.messages as { content: string }[]).some((m) => m.content.includes('高血压')));
    const affected = new Set(summary.outOfScaleReplies.map((o: { itemId: string }) => o.itemId));
    assert.ok(affected.size >= 1, 'some item was answered off the scale');
    assert.equal(summary.outOfScale, affected.size);
    assert.equal(off.length, 2 * affected.size, 'each asked twice (the repair attempt), no more');
    assert.equal(summary.judged, 28 - affected.size);
    for (const o of summary.outOfScaleReplies) assert.deepEqual([o.dimension, o.value, o.scale], ['clinical_soundness', 7, [1, 5]]);
    for (const id of affected) assert.match(r.stderr, new RegExp(`${id}: the judge gave clinical_soundness = 7, outside 1–5; not stored`));

    const doc = readJudge(w.judgeFile);
    for (const id of affected) assert.equal(doc.items[id as string], undefined, `${id} not stored`);
    for (const e of Object.values(doc.items)) assert.notEqual(e.rating.clinical_soundness, 7);

    // The off-scale answer was not cached: once the model answers on the scale, the item is judged.
    offScale = false;
    const again = await runCli(args(w, server));
    assert.equal(again.status, 0, again.stderr);
    const s2 = JSON.parse(again.stdout);
    assert.equal(s2.judged, affected.size);
    assert.equal(s2.skipped, 28 - affected.size);
    assert.equal(s2.outOfScale, 0);
    assert.equal(Object.keys(readJudge(w.judgeFile).items).length, 28);
  } finally {
    await server.close();
  }
});

test('every reply off the scale: exit 1 and an empty judge file is never written', async () => {
  const server = await startOpenAIServer({
    judgeReply: () => JSON.stringify({ ratings: { clinical_soundness: 0, cultural_grounding: 3.5 }, flags: [], rationale: 'x' }),
  });
  try {
    const w = workspace();
    const r = await runCli(args(w, server));
    assert.equal(r.status, 1, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.outOfScale, 28);
    assert.equal(summary.outOfScaleReplies.length, 56, 'both dimensions of every reply are named');
    assert.equal(existsSync(w.judgeFile), false);
  } finally {
    await server.close();
  }
});

test('a server that refuses json_schema gets json_object with the schema in the prompt (the pipeline\'s fallback)', async () => {
  const server = await startOpenAIServer({ refuseJsonSchema: true });
  try {
    const w = workspace();
    const r = await runCli(args(w, server, ['--concurrency', '4']));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).judged, 28);
    const formats = judgeRequests(server).map((q) => (q.body.response_format as { type: string }).type);
    assert.equal(formats.filter((f) => f === 'json_schema').length, 1, 'refused once, then remembered');
    assert.equal(formats.filter((f) => f === 'json_object').length, 28);
  } finally {
    await server.close();
  }
});

const lines = (file: string): number => (existsSync(file) ? Object.keys(JSON.parse(readFileSync(file, 'utf8')).items).length : 0);

function cachedRequests(cacheDir: string): Set<string> {
  const out = new Set<string>();
  if (!existsSync(cacheDir)) return out;
  for (const e of readdirSync(cacheDir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.json')) continue;
    const entry = JSON.parse(readFileSync(path.join(e.parentPath, e.name), 'utf8')) as { request: Record<string, unknown> };
    const { variant: _v, endpoint: _e, ...rest } = entry.request;
    out.add(canonicalJson(rest));
  }
  return out;
}

const requestKey = (body: Record<string, unknown>): string => canonicalJson(body);

test('a judge run killed (SIGKILL) midway and resumed repeats no completed call and ends with every item judged once', async () => {
  const server = await startOpenAIServer({ latencyMs: 80 });
  try {
    const w = workspace();
    const concurrency = 2;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli/main.ts'), ...args(w, server, ['--concurrency', String(concurrency)])], {
      cwd: REPO,
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        let n = 0;
        try {
          n = lines(w.judgeFile);
        } catch {
          return; // caught between write and rename: look again
        }
        if (n >= 4) {
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
    const saved = lines(w.judgeFile);
    assert.ok(saved >= 4 && saved < 28, `killed midway (${saved} saved)`);
    const firstRun = server.requests.length;
    const cached = cachedRequests(path.join(w.dir, '.medco-cache'));
    assert.ok(cached.size >= saved);

    const resumed = await runCli(args(w, server, ['--concurrency', String(concurrency)]));
    assert.equal(resumed.status, 0, resumed.stderr);
    const summary = JSON.parse(resumed.stdout);
    assert.equal(summary.skipped, saved);
    assert.equal(summary.judged, 28 - saved);
    const second = server.requests.slice(firstRun);
    for (const q of second) assert.ok(!cached.has(requestKey(q.body)), 'no call that completed and was cached is sent again');
    const firstBodies = new Set(server.requests.slice(0, firstRun).map((q) => requestKey(q.body)));
    assert.ok(second.filter((q) => firstBodies.has(requestKey(q.body))).length <= concurrency, 'at most the calls in flight repeat');
    const doc = readJudge(w.judgeFile);
    assert.equal(Object.keys(doc.items).length, 28);
    assert.ok(Object.values(doc.items).every((e) => e.revision === 1), 'each item saved once');
  } finally {
    await server.close();
  }
});

test('every configuration and round is judged into a file of its own; --config/--round narrow them; items outside the dataset are reported, not judged', async () => {
  const server = await startOpenAIServer();
  try {
    const w = workspace();
    const traces = sampleTraces();
    const other = traces.slice(0, 3).map((t) => ({ ...t, id: `${t.id}-b`, config: { ...t.config, name: 'cot-local', round: 2 }, final: { ...t.final, response: `cot-local: ${t.final.response}` } }));
    const stranger = { ...traces[0], itemId: 'qa-xx-999', id: 'stranger' };
    const older = { ...traces[1], createdAt: '2026-01-01T00:00:00.000Z', final: { ...traces[1].final, response: 'an older answer' } };
    writeFileSync(w.traces, [older, ...traces, ...other, stranger].map((t) => JSON.stringify(t)).join('\n') + '\n');
    const otherFile = path.join(path.dirname(w.judgeFile), `${JUDGE_ID}--cot-local-r2.json`);

    const narrowed = await runCli(args(w, server, ['--config', 'cot-local', '--round', '2']));
    assert.equal(narrowed.status, 0, narrowed.stderr);
    const n = JSON.parse(narrowed.stdout);
    assert.equal(n.judged, 3);
    assert.deepEqual(n.runs.map((r: { judge: string; config: string; round: number }) => [r.judge, r.config, r.round]), [[`${JUDGE_ID}--cot-local-r2`, 'cot-local', 2]]);
    assert.equal(existsSync(w.judgeFile), false, 'no file for a run that was not asked for');
    const cot = readJudge(otherFile);
    assert.deepEqual(cot.annotator, { id: `${JUDGE_ID}--cot-local-r2`, role: 'model', model: MODEL, run: { config: 'cot-local', round: 2 } });
    assert.deepEqual(Object.values(cot.items).map((e) => e.traceId).sort(), other.map((t) => t.id).sort());

    const all = await runCli(args(w, server));
    assert.equal(all.status, 0, all.stderr);
    const s = JSON.parse(all.stdout);
    assert.equal(s.judge, JUDGE_ID);
    assert.deepEqual(s.runs.map((r: { config: string; round: number; traces: number; judged: number; skipped: number }) => [r.config, r.round, r.traces, r.judged, r.skipped]), [
      ['coreasoner', 1, 28, 28, 0],
      ['cot-local', 2, 3, 0, 3],
    ]);
    assert.deepEqual(s.files, [w.judgeFile, otherFile]);
    assert.equal(s.traces, 31);
    assert.equal(s.superseded, 1);
    assert.deepEqual(s.notInDataset, ['qa-xx-999']);
    assert.match(all.stderr, /1 trace\(s\) superseded/);
    assert.match(all.stderr, /1 trace\(s\) of items not in .* are not judged: qa-xx-999/);
    assert.ok(!judgeRequests(server).some((q) => JSON.stringify(q.body).includes('an older answer')), 'the older trace is not judged');
    assert.equal(judgeRequests(server).length, 3 + 28, 'each trace judged once');
    const main = readJudge(w.judgeFile);
    assert.deepEqual(main.annotator.run, { config: 'coreasoner', round: 1 });
    assert.deepEqual(Object.values(main.items).map((e) => e.traceId).sort(), traces.map((t) => t.id).sort());
    const validate = new Ajv({ allErrors: true, strict: false }).compile(annotationSchema);
    assert.ok(validate(main), JSON.stringify(validate.errors));
    assert.ok(validate(cot), JSON.stringify(validate.errors));

    const none = await runCli(args(w, server, ['--config', 'direct']));
    assert.equal(none.status, 1);
    assert.match(none.stderr, /no trace of that --config\/--round to judge/);
  } finally {
    await server.close();
  }
});

test('judged configurations and rounds come back from medco score as one judge: per run, over rounds, beside accuracy', async () => {
  const server = await startOpenAIServer();
  try {
    const w = workspace();
    const base = sampleTraces().slice(0, 8);
    const run = (name: string, round: number) => base.map((t) => ({ ...t, id: `${t.id}-${name}-${round}`, config: { ...t.config, name, round }, final: { ...t.final, response: `${name} ${round}: ${t.final.response}` } }));
    writeFileSync(w.traces, [...base, ...run('cot-local', 1), ...run('cot-local', 2)].map((t) => JSON.stringify(t)).join('\n') + '\n');
    const judged = await runCli(args(w, server));
    assert.equal(judged.status, 0, judged.stderr);
    assert.equal(JSON.parse(judged.stdout).judged, 24);

    const scored = await runCli(['score', w.dataset, '--traces', w.traces, '--annotations', w.annotations, '--json', '--bootstrap', '200']);
    assert.equal(scored.status, 0, scored.stderr);
    const doc = JSON.parse(scored.stdout);
    const runs = [...new Set(doc.longform.map((l: { judge: string; config: string; round: number }) => `${l.judge} ${l.config} ${l.round}`))].sort();
    assert.deepEqual(runs, [`${JUDGE_ID} coreasoner 1`, `${JUDGE_ID} cot-local 1`, `${JUDGE_ID} cot-local 2`]);
    // The pooled mean of cot-local in Japanese QA, from the two judge files by hand.
    const dir = path.dirname(w.judgeFile);
    const values = [`${JUDGE_ID}--cot-local.json`, `${JUDGE_ID}--cot-local-r2.json`].flatMap((f) =>
      Object.entries(readJudge(path.join(dir, f)).items)
        .filter(([itemId]) => itemId.startsWith('qa-ja-'))
        .map(([, e]) => e.rating.clinical_soundness)
        .filter((v): v is number => typeof v === 'number'),
    );
    const pooled = doc.longform_rounds.find((l: { config: string; lang: string; task: string; dimension: string }) => l.config === 'cot-local' && l.lang === 'ja' && l.task === 'qa' && l.dimension === 'clinical_soundness');
    assert.deepEqual([pooled.rounds, pooled.items, pooled.n], [[1, 2], 2, values.length]);
    assert.ok(Math.abs(pooled.mean - values.reduce((a, b) => a + b, 0) / values.length) < 1e-9);
    assert.ok(pooled.ci95 === null || (pooled.ci95[0] >= 1 && pooled.ci95[1] <= 5));

    const md = await runCli(['score', w.dataset, '--traces', w.traces, '--annotations', w.annotations, '--bootstrap', '0']);
    assert.match(md.stdout, /## Overview: accuracy and judge scores by configuration and language/);
    assert.match(md.stdout, new RegExp(`\\| config \\| lang \\| nli accuracy % \\| ${JUDGE_ID} · nli · clinical_soundness \\(95% CI\\) .*\\| ${JUDGE_ID} · qa · clinical_soundness \\(95% CI\\)`));
    assert.match(md.stdout, /\| cot-local \| ja \| [0-9.]+ ± [0-9.]+ \| [1-5]\.\d\d \[[1-5]\.\d\d, [1-5]\.\d\d\] \|/);
    const latex = await runCli(['score', w.dataset, '--traces', w.traces, '--annotations', w.annotations, '--format', 'latex', '--bootstrap', '0']);
    const table = latex.stdout.split('\\begin{table}').find((t) => t.includes('clinical\\_soundness (1--5) on QA'));
    assert.ok(table && /\ncoreasoner & /.test(table) && /\ncot-local & /.test(table), latex.stdout);
  } finally {
    await server.close();
  }
});

test('a judge file holding another run (names that slug alike) is left untouched and nothing is asked', async () => {
  const server = await startOpenAIServer();
  try {
    const w = workspace();
    const traces = sampleTraces().slice(0, 2).map((t) => ({ ...t, config: { ...t.config, name: 'direct', round: 1 } }));
    writeFileSync(w.traces, traces.map((t) => JSON.stringify(t)).join('\n') + '\n');
    const clash = path.join(path.dirname(w.judgeFile), `${JUDGE_ID}--direct.json`);
    mkdirSync(path.dirname(clash), { recursive: true });
    const text = JSON.stringify({ schema: 'medco.annotations/1', dataset: 'multimedx-sample', annotator: { id: `${JUDGE_ID}--direct`, role: 'model', model: `${MODEL}--direct`, run: { config: 'coreasoner', round: 1 } }, rubric: { id: 'medco-expert', version: 1 }, items: {} }, null, 2) + '\n';
    writeFileSync(clash, text);
    const r = await runCli(args(w, server));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /--direct\.json holds the ratings of coreasoner round 1, not of direct round 1; it is left untouched/);
    assert.equal(readFileSync(clash, 'utf8'), text);
    assert.equal(judgeRequests(server).length, 0);
  } finally {
    await server.close();
  }
});

test('a judge file that cannot be parsed is left untouched and nothing is asked', async () => {
  const server = await startOpenAIServer();
  try {
    const w = workspace();
    mkdirSync(path.dirname(w.judgeFile), { recursive: true });
    writeFileSync(w.judgeFile, '{"schema": "medco.annotations/1", ');
    const r = await runCli(args(w, server));
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`${JUDGE_ID}\\.json.*left untouched`));
    assert.equal(readFileSync(w.judgeFile, 'utf8'), '{"schema": "medco.annotations/1", ');
    assert.equal(judgeRequests(server).length, 0);

    const usage = await runCli(['judge', w.dataset, '--traces', w.traces, '--annotations', w.annotations]);
    assert.equal(usage.status, 2, 'a missing --judge-model is a usage error');
  } finally {
    await server.close();
  }
});
