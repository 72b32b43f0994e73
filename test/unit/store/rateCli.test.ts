// `medco rate` end to end: a real process, real files, exit codes per CONTRACTS §4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appendTrace, traceSha256 } from '../../../src/core/traces';
import { defaultRubric } from '../../../src/core/store';
import { sampleTrace } from '../traces/sampleTrace';
import { repoRoot, runTs, tempDir } from './helpers';

const CLI = path.join(repoRoot, 'src/cli/main.ts');
const medco = (...args: string[]) => runTs(CLI, args);
const base = (dir: string) => [dir, '--dataset', 'multimedx-ja', '--annotator', 'dr-sato', '--item', 'qa-ja-001'];

test('medco rate saves, prints the entry as one JSON document, and a second call adds a revision', async () => {
  const dir = await tempDir('medco-rate-');
  const first = await medco('rate', ...base(dir), '--set', 'clinical_soundness=4', '--set', 'cultural_grounding=na', '--flag', 'unavailable_locally', '--comment', '地域で入手できない', '--json');
  assert.equal(first.code, 0, first.stderr);
  const entry = JSON.parse(first.stdout);
  assert.equal(entry.revision, 1);
  assert.deepEqual(entry.rating, { clinical_soundness: 4, cultural_grounding: null, flags: ['unavailable_locally'], comment: '地域で入手できない' });
  const file = path.join(dir, 'multimedx-ja', 'dr-sato.json');
  assert.deepEqual(JSON.parse(await readFile(file, 'utf8')).items['qa-ja-001'], entry);

  const second = await medco('rate', ...base(dir), '--set', 'cultural_grounding=2', '--duration-ms', '4100', '--json');
  assert.equal(second.code, 0, second.stderr);
  const e2 = JSON.parse(second.stdout);
  assert.equal(e2.revision, 2);
  assert.deepEqual(e2.rating, { clinical_soundness: 4, cultural_grounding: 2, flags: ['unavailable_locally'], comment: '地域で入手できない' });
  assert.equal(e2.durationMs, 4100);
  assert.deepEqual(e2.history[0].rating, entry.rating);

  const human = await medco('rate', ...base(dir), '--clear-flags');
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /qa-ja-001: saved revision 3/);
  assert.equal(JSON.parse(await readFile(file, 'utf8')).items['qa-ja-001'].rating.flags, undefined);
});

test('medco rate: values off the rubric are user errors (exit 1) and change nothing', async () => {
  const dir = await tempDir('medco-rate-');
  assert.equal((await medco('rate', ...base(dir), '--set', 'clinical_soundness=3')).code, 0);
  const file = path.join(dir, 'multimedx-ja', 'dr-sato.json');
  const before = await readFile(file);
  const cases: [string[], RegExp][] = [
    [['--set', 'clinical_soundness=9'], /clinical_soundness must be an integer from 1 to 5/],
    [['--set', 'clinical_soundness=good'], /not an integer, "na" or "null"/],
    [['--set', 'empathy=3'], /unknown dimension "empathy"/],
    [['--flag', 'bogus'], /unknown flag "bogus"/],
    [['--set', 'clinical_soundness'], /expected dimension=value/],
  ];
  const results = await Promise.all(cases.map(([args]) => medco('rate', ...base(dir), ...args)));
  results.forEach((r, i) => {
    assert.equal(r.code, 1, `${cases[i][0].join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, cases[i][1]);
    assert.equal(r.stdout, '');
  });
  assert.deepEqual(await readFile(file), before);
});

test('medco rate: usage errors exit 2', async () => {
  const dir = await tempDir('medco-rate-');
  const [noItem, nothing] = await Promise.all([
    medco('rate', dir, '--dataset', 'd', '--annotator', 'a', '--set', 'clinical_soundness=3'),
    medco('rate', ...base(dir)),
  ]);
  assert.equal(noItem.code, 2);
  assert.match(noItem.stderr, /--item/);
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, /nothing to save/);
  const emptyItem = await medco('rate', dir, '--dataset', 'd', '--annotator', 'a', '--item', '', '--set', 'clinical_soundness=3');
  assert.equal(emptyItem.code, 2);
  assert.match(emptyItem.stderr, /--item must not be empty/);
});

test('medco rate into a path that is a file: exit 1, the path named, no stack trace', async () => {
  const dir = await tempDir('medco-rate-');
  const notADir = path.join(dir, 'afile');
  await writeFile(notADir, 'x\n');
  const r = await medco('rate', notADir, '--dataset', 'd', '--annotator', 'a', '--item', 'i1', '--set', 'clinical_soundness=4');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /afile/);
  assert.doesNotMatch(r.stderr, /^\s+at /m);
});

test('medco rate on a corrupt annotator file names file and line, exits 1, and leaves it untouched', async () => {
  const dir = await tempDir('medco-rate-');
  assert.equal((await medco('rate', ...base(dir), '--set', 'clinical_soundness=3')).code, 0);
  const file = path.join(dir, 'multimedx-ja', 'dr-sato.json');
  const corrupt = (await readFile(file, 'utf8')).replace('"revision": 1,', '"revision": 1,,');
  await writeFile(file, corrupt);
  const line = corrupt.split('\n').findIndex((l) => l.includes(',,')) + 1;
  const r = await medco('rate', ...base(dir), '--set', 'clinical_soundness=5', '--json');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.ok(r.stderr.includes(`${file}:${line}:`), r.stderr);
  assert.match(r.stderr, /left untouched/);
  assert.equal(await readFile(file, 'utf8'), corrupt);
});

test('medco rate --traces records the rated trace; --rubric accepts a custom rubric', async () => {
  const dir = await tempDir('medco-rate-');
  const traces = path.join(dir, 'run.traces.jsonl');
  const trace = sampleTrace();
  await appendTrace(traces, trace);
  const rubric = defaultRubric();
  rubric.id = 'site-rubric';
  rubric.dimensions.push({ id: 'readability', label: 'Readability', description: 'd', min: 1, max: 3, levels: { '1': 'a', '2': 'b', '3': 'c' } });
  const rubricFile = path.join(dir, 'rubric.json');
  await writeFile(rubricFile, JSON.stringify(rubric));
  const r = await medco('rate', ...base(dir), '--traces', traces, '--rubric', rubricFile, '--set', 'readability=3', '--json');
  assert.equal(r.code, 0, r.stderr);
  const entry = JSON.parse(r.stdout);
  assert.equal(entry.traceId, trace.id);
  assert.equal(entry.traceSha256, traceSha256(trace));
  assert.equal(entry.rating.readability, 3);
  const doc = JSON.parse(await readFile(path.join(dir, 'multimedx-ja', 'dr-sato.json'), 'utf8'));
  assert.deepEqual(doc.rubric, { id: 'site-rubric', version: 1 });

  const missing = await medco('rate', dir, '--dataset', 'multimedx-ja', '--annotator', 'dr-sato', '--item', 'qa-ja-999', '--traces', traces, '--set', 'clinical_soundness=2');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no trace for item qa-ja-999/);
});
