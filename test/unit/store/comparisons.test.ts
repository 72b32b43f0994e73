// Blind pairwise judgements through the annotation store (docs/formats.md §7): same file, same
// locking and atomic writes, same revision/history rule as ratings; real files and processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AnnotationStore, RatingError, defaultRubric, validateAnnotationDoc } from '../../../src/core/store';
import { comparisonKey, isStaleComparison } from '../../../src/core/study';
import { SAVER, runTs, tempDir } from './helpers';

function clock(start = Date.parse('2026-11-30T10:00:00.000Z')) {
  let t = start;
  return () => new Date((t += 1000));
}

test('a judgement is saved under comparisons["<item>::<a>::<b>"] with sides, traces and winner; a change is a revision with history', async () => {
  const dir = await tempDir('medco-cmp-');
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'dr-a', rubric: defaultRubric(), now: clock() });
  await store.saveRating('qa-ja-001', { rating: { clinical_soundness: 4 } });
  const first = await store.saveComparison({
    itemId: 'qa-ja-001',
    configs: ['direct', 'coreasoner'],
    sides: { '1': 'direct', '2': 'coreasoner' },
    traceIds: { coreasoner: 't-co', direct: 't-di' },
    traceSha256: { coreasoner: 's-co', direct: 's-di' },
    winner: { clinical_soundness: 'coreasoner', cultural_grounding: 'tie' },
    flags: ['unsafe'],
    comment: 'Response 2 names the local drug',
    durationMs: 4200,
  });
  assert.equal(first.key, 'qa-ja-001::coreasoner::direct');
  assert.equal(first.changed, true);
  assert.equal(first.entry.revision, 1);
  const file = path.join(dir, 'd', 'dr-a.json');
  const onDisk = JSON.parse(await readFile(file, 'utf8'));
  assert.ok(validateAnnotationDoc(onDisk).ok);
  assert.deepEqual(onDisk.comparisons['qa-ja-001::coreasoner::direct'], {
    sides: { '1': 'direct', '2': 'coreasoner' },
    traceIds: { coreasoner: 't-co', direct: 't-di' },
    traceSha256: { coreasoner: 's-co', direct: 's-di' },
    revision: 1,
    winner: { clinical_soundness: 'coreasoner', cultural_grounding: 'tie' },
    flags: ['unsafe'],
    comment: 'Response 2 names the local drug',
    updatedAt: '2026-11-30T10:00:02.000Z',
    durationMs: 4200,
    history: [],
  });
  assert.equal(onDisk.items['qa-ja-001'].rating.clinical_soundness, 4, 'the rating is kept beside the comparison');

  // Same judgement again: nothing written.
  const before = await readFile(file);
  const same = await store.saveComparison({ itemId: 'qa-ja-001', configs: ['coreasoner', 'direct'], winner: first.entry.winner, flags: ['unsafe'], comment: 'Response 2 names the local drug' });
  assert.equal(same.changed, false);
  assert.deepEqual(await readFile(file), before);

  // A merge changes one dimension; sides and traces are kept; the previous state goes to history.
  const second = await store.saveComparison({ itemId: 'qa-ja-001', configs: ['direct', 'coreasoner'], winner: { cultural_grounding: 'both_bad' }, mode: 'merge' });
  assert.equal(second.entry.revision, 2);
  assert.deepEqual(second.entry.winner, { clinical_soundness: 'coreasoner', cultural_grounding: 'both_bad' });
  assert.deepEqual(second.entry.sides, { '1': 'direct', '2': 'coreasoner' });
  assert.equal(second.entry.comment, 'Response 2 names the local drug');
  assert.equal(second.entry.history.length, 1);
  assert.deepEqual(second.entry.history[0].winner, first.entry.winner);
  assert.equal(second.entry.history[0].revision, 1);
  const reread = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'dr-a' });
  assert.deepEqual(reread.comparison('qa-ja-001', 'coreasoner', 'direct'), second.entry);
});

test('bad judgements are refused before anything is written', async () => {
  const dir = await tempDir('medco-cmp-');
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'dr-a', rubric: defaultRubric() });
  await store.saveComparison({ itemId: 'i', configs: ['a', 'b'], sides: { '1': 'a', '2': 'b' }, winner: { clinical_soundness: 'a' } });
  const file = path.join(dir, 'd', 'dr-a.json');
  const before = await readFile(file);
  const cases: [Parameters<AnnotationStore['saveComparison']>[0], RegExp][] = [
    [{ itemId: 'i', configs: ['a', 'b'], winner: { clinical_soundness: 'c' } }, /"c" is not a, b, tie or both_bad/],
    [{ itemId: 'i', configs: ['a', 'b'], winner: { empathy: 'a' } }, /unknown dimension "empathy"/],
    [{ itemId: 'i', configs: ['a', 'a'], sides: { '1': 'a', '2': 'a' }, winner: {} }, /two different configurations/],
    [{ itemId: 'i', configs: ['a', 'b'], sides: { '1': 'a', '2': 'c' }, winner: {} }, /sides must place a and b/],
    [{ itemId: 'i', configs: ['a', 'b'], winner: {}, flags: ['bogus'] }, /unknown flag "bogus"/],
    [{ itemId: 'j', configs: ['a', 'b'], winner: { clinical_soundness: 'a' } }, /sides shown .* must be recorded with the first judgement/],
  ];
  for (const [input, message] of cases) {
    await assert.rejects(store.saveComparison(input), (err: unknown) => err instanceof RatingError && message.test(err.message));
  }
  assert.deepEqual(await readFile(file), before);
});

test('a file that cannot be parsed is left untouched by a comparison save', async () => {
  const dir = await tempDir('medco-cmp-');
  await mkdir(path.join(dir, 'd'));
  const file = path.join(dir, 'd', 'dr-a.json');
  await writeFile(file, '{"schema": "medco.annotations/1", "items": {');
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'dr-a' });
  await assert.rejects(store.saveComparison({ itemId: 'i', configs: ['a', 'b'], sides: { '1': 'a', '2': 'b' }, winner: { clinical_soundness: 'a' } }), /dr-a\.json/);
  assert.equal(await readFile(file, 'utf8'), '{"schema": "medco.annotations/1", "items": {');
});

test('two processes judging the same pair and rating other items concurrently: every save is kept', async () => {
  const dir = await tempDir('medco-cmp-');
  const n = 20;
  const cfg = (prefix: string) => JSON.stringify({ dir, dataset: 'd', annotator: 'a', mode: 'compare', prefix, count: n });
  const [a, b] = await Promise.all([runTs(SAVER, [cfg('p')]), runTs(SAVER, [cfg('q')])]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  const doc = JSON.parse(await readFile(path.join(dir, 'd', 'a.json'), 'utf8'));
  assert.ok(validateAnnotationDoc(doc).ok);
  const entry = doc.comparisons[comparisonKey('shared', 'x', 'y')];
  // Successive saves alternate winners, so every save (from both processes) is a change.
  const comments = new Set([entry.comment, ...entry.history.map((h: { comment: string }) => h.comment)]);
  for (let i = 0; i < n; i++) {
    assert.ok(comments.has(`p-${i}`), `p-${i} lost`);
    assert.ok(comments.has(`q-${i}`), `q-${i} lost`);
  }
  assert.equal(entry.revision, 2 * n);
  assert.deepEqual(entry.history.map((h: { revision: number }) => h.revision), Array.from({ length: 2 * n - 1 }, (_, i) => i + 1));
  for (let i = 0; i < n; i++) for (const p of ['p', 'q']) assert.ok(doc.items[`${p}-r${i}`], `${p}-r${i} lost`);
});

test('a judgement is stale once either trace it was made on is superseded', () => {
  const judged = { a: 'sha-a1', b: 'sha-b1' };
  assert.equal(isStaleComparison(judged, { a: 'sha-a1', b: 'sha-b1' }), false);
  assert.equal(isStaleComparison(judged, { a: 'sha-a1', b: 'sha-b2' }), true);
  assert.equal(isStaleComparison(judged, { a: 'sha-a1' }), false, 'no trace on disk is not stale');
  assert.equal(isStaleComparison(undefined, { a: 'x', b: 'y' }), false);
});
