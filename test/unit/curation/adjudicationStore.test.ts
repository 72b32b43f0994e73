import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { AdjudicationStore } from '../../../src/core/adjudication/adjudicationStore';
import { withFileLock } from '../../../src/core/store';
import { AdjudicationConflictError, AdjudicationInputError } from '../../../src/core/adjudication/decisions';
import { computeCuration } from '../../../src/core/adjudication/disagreements';
import { readCurationFolder } from '../../../src/core/adjudication/readCurationFolder';
import { annotationFile, entry, tempAnnotationsDir, writeAnnotationFile } from './fixtures';

const DATASET = 'multimedx-ja';
let clock = 0;
const fakeNow = () => new Date(Date.UTC(2026, 10, 21, 10, 0, clock++)).toISOString();

function readDisk(dir: string) {
  return JSON.parse(readFileSync(path.join(dir, DATASET, '_adjudication.json'), 'utf8'));
}

test('a decision is written with adjudicator, time, rationale, error type and basedOn; a change keeps history', async () => {
  const dir = tempAnnotationsDir();
  const store = new AdjudicationStore(dir, DATASET, fakeNow);
  const first = await store.decide({
    itemId: 'qa-ja-002', dimension: 'clinical_soundness', value: 3, status: 'adjudicated',
    adjudicator: 'dr-curator', rationale: 'B misread the dosage', errorType: 'annotator_error',
    basedOn: { 'dr-a': 1, 'dr-b': 1 },
  });
  assert.equal(first.revision, 1);
  const second = await store.decide({
    itemId: 'qa-ja-002', dimension: 'clinical_soundness', value: 4, status: 'adjudicated',
    adjudicator: 'dr-chief', rationale: 'guideline says 4', errorType: 'guideline_gap',
    basedOn: { 'dr-a': 2, 'dr-b': 1 }, expectedRevision: 1,
  });
  assert.equal(second.revision, 2);
  await store.markUnresolved({
    itemId: 'qa-ja-002', dimension: 'clinical_soundness', adjudicator: 'dr-chief',
    rationale: 'needs the panel', errorType: 'ambiguous_item', basedOn: { 'dr-a': 2, 'dr-b': 1 },
  });
  const disk = readDisk(dir);
  assert.equal(disk.schema, 'medco.adjudication/1');
  const d = disk.items['qa-ja-002'].clinical_soundness;
  assert.equal(d.status, 'unresolved');
  assert.equal(d.value, null);
  assert.equal(d.revision, 3);
  assert.deepEqual(
    d.history.map((h: { revision: number; value: number; adjudicator: string; rationale: string }) => [h.revision, h.value, h.adjudicator, h.rationale]),
    [[1, 3, 'dr-curator', 'B misread the dosage'], [2, 4, 'dr-chief', 'guideline says 4']],
  );
  assert.deepEqual(d.history[0].basedOn, { 'dr-a': 1, 'dr-b': 1 });
  assert.equal(d.history[1].errorType, 'guideline_gap');
  assert.equal(d.history[0].decidedAt, '2026-11-21T10:00:00.000Z');
  assert.ok(readFileSync(path.join(dir, DATASET, '_adjudication.json'), 'utf8').endsWith('}\n'));
});

test('rationale is required; values must be integers on the scale; unknown error types are refused', async () => {
  const dir = tempAnnotationsDir();
  const store = new AdjudicationStore(dir, DATASET, fakeNow);
  const base = { itemId: 'qa-ja-001', dimension: 'clinical_soundness', status: 'adjudicated' as const, adjudicator: 'c', basedOn: {} };
  await assert.rejects(store.decide({ ...base, value: 3, rationale: '   ' }), AdjudicationInputError);
  await assert.rejects(store.decide({ ...base, value: 3.5, rationale: 'x' }), /integer/);
  await assert.rejects(store.decide({ ...base, value: 6, rationale: 'x', scale: { min: 1, max: 5 } }), /outside the scale/);
  await assert.rejects(store.decide({ ...base, value: 3, rationale: 'x', errorType: 'typo' as never }), /unknown error type/);
  await assert.rejects(store.markUnresolved({ ...base, rationale: '' }), /rationale is required/);
  assert.deepEqual((await store.read()).items, {}); // nothing was written
});

test('an edit based on an outdated decision revision is refused', async () => {
  const dir = tempAnnotationsDir();
  const store = new AdjudicationStore(dir, DATASET, fakeNow);
  const input = { itemId: 'qa-ja-001', dimension: 'clinical_soundness', value: 3, status: 'adjudicated' as const, adjudicator: 'c', rationale: 'x', basedOn: {} };
  await store.decide({ ...input, expectedRevision: 0 });
  await assert.rejects(store.decide({ ...input, value: 2, expectedRevision: 0 }), AdjudicationConflictError);
  assert.equal(readDisk(dir).items['qa-ja-001'].clinical_soundness.value, 3);
});

test('a decision file that cannot be parsed is reported with its line and never overwritten', async () => {
  const dir = tempAnnotationsDir();
  mkdirSync(path.join(dir, DATASET), { recursive: true });
  const file = path.join(dir, DATASET, '_adjudication.json');
  const broken = '{\n  "schema": "medco.adjudication/1",\n  "items": {,\n}\n';
  writeFileSync(file, broken);
  const store = new AdjudicationStore(dir, DATASET, fakeNow);
  await assert.rejects(
    store.decide({ itemId: 'qa-ja-001', dimension: 'clinical_soundness', value: 3, status: 'adjudicated', adjudicator: 'c', rationale: 'x', basedOn: {} }),
    (err: Error) => err.message.startsWith(`${file}:3:`),
  );
  assert.equal(readFileSync(file, 'utf8'), broken);
  const folder = await readCurationFolder(dir, DATASET);
  assert.deepEqual(folder.problems.map((p) => [p.file, p.line]), [[file, 3]]);
});

test('bulk accept makes unanimous items gold with rationale "unanimous" and leaves the rest', async () => {
  const dir = tempAnnotationsDir();
  const files = [
    annotationFile('dr-a', { 'qa-ja-001': entry({ clinical_soundness: 4, cultural_grounding: 2 }, 3), 'qa-ja-002': entry({ clinical_soundness: null }) }),
    annotationFile('dr-b', { 'qa-ja-001': entry({ clinical_soundness: 4, cultural_grounding: 5 }), 'qa-ja-002': entry({ clinical_soundness: null }) }),
  ];
  const store = new AdjudicationStore(dir, DATASET, fakeNow);
  await store.decide({ itemId: 'qa-ja-003', dimension: 'clinical_soundness', value: 1, status: 'adjudicated', adjudicator: 'c', rationale: 'kept', basedOn: {} });
  const written = await store.bulkAcceptUnanimous(computeCuration(files, await store.read()), 'dr-curator');
  assert.equal(written.length, 1);
  const disk = readDisk(dir);
  assert.deepEqual(Object.keys(disk.items).sort(), ['qa-ja-001', 'qa-ja-003']);
  const d = disk.items['qa-ja-001'].clinical_soundness;
  assert.equal(d.value, 4);
  assert.equal(d.rationale, 'unanimous');
  assert.equal(d.adjudicator, 'dr-curator');
  assert.deepEqual(d.basedOn, { 'dr-a': 3, 'dr-b': 1 });
  assert.equal(disk.items['qa-ja-001'].cultural_grounding, undefined); // 2 vs 5: a real disagreement
  // accepting again writes nothing: those items are adjudicated now
  assert.equal((await store.bulkAcceptUnanimous(computeCuration(files, await store.read()), 'dr-curator')).length, 0);
});

interface Child {
  /** Resolves when the child has printed `line`. */
  said(line: string): Promise<void>;
  send(line: string): void;
  done: Promise<{ code: number | null; stderr: string }>;
}

function startChild(args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'decideChild.ts'), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiting: { line: string; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    for (const w of waiting.filter((x) => stdout.split('\n').includes(x.line))) w.resolve();
  });
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  return {
    said: (line) =>
      Promise.race([
        new Promise<void>((resolve) => {
          if (stdout.split('\n').includes(line)) resolve();
          else waiting.push({ line, resolve });
        }),
        done.then((r) => Promise.reject(new Error(`child exited (${r.code}) before saying "${line}": ${r.stderr}`))),
      ]),
    send: (line) => child.stdin.write(`${line}\n`),
    done,
  };
}

test('two processes deciding at the same moment both land in the file', async () => {
  const dir = tempAnnotationsDir();
  writeAnnotationFile(dir, annotationFile('dr-a', { 'qa-ja-001': entry({ clinical_soundness: 4 }) }));
  const children = [
    startChild([dir, DATASET, 'clinical_soundness', '2']),
    startChild([dir, DATASET, 'cultural_grounding', '5']),
  ];
  // Barrier: both children are loaded; then, while this process holds the file's lock, both
  // start deciding, so neither can finish before the other has started: they really overlap.
  await Promise.all(children.map((c) => c.said('ready')));
  await withFileLock(path.join(dir, DATASET, '_adjudication.json'), async () => {
    for (const c of children) c.send('go');
    await Promise.all(children.map((c) => c.said('deciding')));
  });
  const results = await Promise.all(children.map((c) => c.done));
  assert.deepEqual(results.map((r) => r.code), [0, 0], results.map((r) => r.stderr).join('\n'));
  const item = readDisk(dir).items['qa-ja-001'];
  assert.equal(item.clinical_soundness.value, 2);
  assert.equal(item.cultural_grounding.value, 5);
});
