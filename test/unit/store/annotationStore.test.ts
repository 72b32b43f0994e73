import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { AnnotationStore, defaultRubric, RatingError, StoreFileError, readAnnotationFiles, listAnnotationFiles } from '../../../src/core/store';
import { tempDir } from './helpers';

const clockAt = (iso: string[]) => {
  let i = 0;
  return () => new Date(iso[Math.min(i++, iso.length - 1)]);
};

test('first save creates the file with revision 1 and empty history', async () => {
  const dir = await tempDir();
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'multimedx-ja', annotator: 'dr-sato', rubric: defaultRubric() });
  assert.equal(store.problem, undefined);
  const { entry, changed } = await store.saveRating('qa-ja-001', {
    rating: { clinical_soundness: 4, cultural_grounding: 3, flags: ['unavailable_locally'], comment: 'ok' },
    durationMs: 53000,
    traceId: 't1',
    traceSha256: 'abc',
  });
  assert.equal(changed, true);
  assert.equal(entry.revision, 1);
  assert.deepEqual(entry.history, []);
  const onDisk = JSON.parse(await readFile(path.join(dir, 'multimedx-ja', 'dr-sato.json'), 'utf8'));
  assert.equal(onDisk.schema, 'medco.annotations/1');
  assert.equal(onDisk.dataset, 'multimedx-ja');
  assert.equal(onDisk.annotator.id, 'dr-sato');
  assert.deepEqual(onDisk.rubric, { id: 'medco-expert', version: 1 });
  assert.deepEqual(onDisk.items['qa-ja-001'].rating, { clinical_soundness: 4, cultural_grounding: 3, flags: ['unavailable_locally'], comment: 'ok' });
  assert.equal(onDisk.items['qa-ja-001'].durationMs, 53000);
  assert.equal(onDisk.items['qa-ja-001'].traceId, 't1');
});

test('each change bumps the revision and keeps every previous state in history', async () => {
  const dir = await tempDir();
  const now = clockAt(['2026-11-21T10:00:00.000Z', '2026-11-21T10:05:00.000Z', '2026-11-21T10:09:00.000Z']);
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a', now });
  await store.saveRating('qa-ja-001', { rating: { clinical_soundness: 3, cultural_grounding: 3 }, traceId: 't1' });
  await store.saveRating('qa-ja-001', { rating: { clinical_soundness: 4, cultural_grounding: 3 } });
  const { entry } = await store.saveRating('qa-ja-001', { rating: { clinical_soundness: 4, cultural_grounding: null }, traceId: 't2' });
  assert.equal(entry.revision, 3);
  assert.equal(entry.updatedAt, '2026-11-21T10:09:00.000Z');
  assert.equal(entry.traceId, 't2');
  assert.deepEqual(
    entry.history.map((h) => [h.revision, h.rating.clinical_soundness, h.rating.cultural_grounding, h.updatedAt, h.traceId]),
    [
      [1, 3, 3, '2026-11-21T10:00:00.000Z', 't1'],
      [2, 4, 3, '2026-11-21T10:05:00.000Z', 't1'], // trace id carried over when not given
    ],
  );
  // A fresh reader sees the same thing.
  const again = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a' });
  assert.deepEqual(again.entry('qa-ja-001'), entry);
});

test('saving the same rating again is a no-op: no revision, file bytes unchanged', async () => {
  const dir = await tempDir();
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a' });
  await store.saveRating('i1', { rating: { clinical_soundness: 2, flags: ['unsafe', 'hallucination'], comment: '' } });
  const file = path.join(dir, 'd', 'a.json');
  const before = await readFile(file);
  // Same judgement, flags in another order, empty comment omitted, different duration.
  const r = await store.saveRating('i1', { rating: { flags: ['hallucination', 'unsafe'], clinical_soundness: 2 }, durationMs: 999 });
  assert.equal(r.changed, false);
  assert.equal(r.entry.revision, 1);
  assert.deepEqual(await readFile(file), before);
});

test('merge mode changes only the given dimensions; replace mode replaces the rating', async () => {
  const dir = await tempDir();
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a' });
  await store.saveRating('i1', { rating: { clinical_soundness: 2, cultural_grounding: 5, comment: 'c' } });
  const merged = await store.saveRating('i1', { rating: { cultural_grounding: 1 }, mode: 'merge' });
  assert.deepEqual(merged.entry.rating, { clinical_soundness: 2, cultural_grounding: 1, comment: 'c' });
  const replaced = await store.saveRating('i1', { rating: { cultural_grounding: 4 } });
  assert.deepEqual(replaced.entry.rating, { cultural_grounding: 4 });
  assert.equal(replaced.entry.revision, 3);
});

test('a rating that does not fit the rubric is refused and nothing is written', async () => {
  const dir = await tempDir();
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a', rubric: defaultRubric() });
  for (const rating of [{ clinical_soundness: 0 }, { clinical_soundness: 6 }, { clinical_soundness: 2.5 }, { empathy: 3 }, { flags: ['not_a_flag'] }]) {
    await assert.rejects(store.saveRating('i1', { rating }), RatingError);
  }
  await assert.rejects(readFile(path.join(dir, 'd', 'a.json')), { code: 'ENOENT' });
  // null means "not assessable" and is accepted.
  const ok = await store.saveRating('i1', { rating: { clinical_soundness: null } });
  assert.equal(ok.entry.rating.clinical_soundness, null);
});

test('the file is pretty-printed with a stable key order and a final newline', async () => {
  const dir = await tempDir();
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: { id: 'a', languages: ['ja', 'en'] } });
  await store.saveRating('qa-ja-002', { rating: { comment: 'x', cultural_grounding: 3, clinical_soundness: 4, flags: ['unsafe'] }, durationMs: 5 });
  await store.saveRating('qa-ja-001', { rating: { clinical_soundness: 1 }, concepts: { 'ja-4': { relevant: true } }, traceSha256: 's', traceId: 't' });
  const text = await readFile(path.join(dir, 'd', 'a.json'), 'utf8');
  assert.ok(text.endsWith('}\n'));
  assert.match(text, /^\{\n {2}"schema"/);
  const order = (obj: object) => Object.keys(obj);
  const doc = JSON.parse(text);
  assert.deepEqual(order(doc), ['schema', 'dataset', 'annotator', 'rubric', 'items']);
  assert.deepEqual(order(doc.annotator), ['id', 'languages', 'role']);
  assert.deepEqual(order(doc.items), ['qa-ja-001', 'qa-ja-002']);
  assert.deepEqual(order(doc.items['qa-ja-001']), ['traceId', 'traceSha256', 'revision', 'rating', 'concepts', 'updatedAt', 'history']);
  assert.deepEqual(order(doc.items['qa-ja-002'].rating), ['clinical_soundness', 'cultural_grounding', 'flags', 'comment']);
  assert.equal(text, JSON.stringify(doc, null, 2) + '\n');
});

test('an older schema (dimensions under "scores") is migrated on read and written back only on save', async () => {
  const dir = await tempDir();
  await mkdir(path.join(dir, 'd'));
  const file = path.join(dir, 'd', 'a.json');
  const v0 = {
    schema: 'medco.annotations/0',
    dataset: 'd',
    annotator: 'a',
    items: {
      'qa-ja-001': {
        revision: 2,
        scores: { clinical_soundness: 4, cultural_grounding: 2 },
        flags: ['unsafe'],
        comment: 'old',
        updatedAt: '2025-01-02T00:00:00.000Z',
        history: [{ revision: 1, scores: { clinical_soundness: 3 }, updatedAt: '2025-01-01T00:00:00.000Z' }],
      },
    },
  };
  const v0Text = JSON.stringify(v0, null, 2);
  await writeFile(file, v0Text);
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a' });
  assert.equal(store.problem, undefined);
  assert.deepEqual(store.entry('qa-ja-001')?.rating, { clinical_soundness: 4, cultural_grounding: 2, flags: ['unsafe'], comment: 'old' });
  assert.deepEqual(store.entry('qa-ja-001')?.history[0].rating, { clinical_soundness: 3 });
  assert.deepEqual(store.data.annotator, { id: 'a' });
  assert.equal(await readFile(file, 'utf8'), v0Text, 'reading must not rewrite the file');

  const { entry } = await store.saveRating('qa-ja-001', { rating: { clinical_soundness: 5 }, mode: 'merge' });
  assert.equal(entry.revision, 3);
  const onDisk = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(onDisk.schema, 'medco.annotations/1');
  assert.equal(onDisk.items['qa-ja-001'].scores, undefined);
  assert.deepEqual(onDisk.items['qa-ja-001'].history.map((h: { revision: number }) => h.revision), [1, 2]);
  assert.deepEqual(onDisk.items['qa-ja-001'].history[1].rating, { clinical_soundness: 4, cultural_grounding: 2, flags: ['unsafe'], comment: 'old' });
});

test('a file from a newer version is refused, not overwritten', async () => {
  const dir = await tempDir();
  await mkdir(path.join(dir, 'd'));
  const file = path.join(dir, 'd', 'a.json');
  const text = JSON.stringify({ schema: 'medco.annotations/9', dataset: 'd', items: {} }, null, 2);
  await writeFile(file, text);
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a' });
  assert.ok(store.problem);
  assert.match(store.problem.message, /newer version/);
  await assert.rejects(store.saveRating('i1', { rating: { clinical_soundness: 3 } }), StoreFileError);
  assert.equal(await readFile(file, 'utf8'), text);
});

test('a corrupt file is reported with file, line and column, and left byte-for-byte untouched', async () => {
  const dir = await tempDir();
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a' });
  await store.saveRating('i1', { rating: { clinical_soundness: 3 } });
  const file = path.join(dir, 'd', 'a.json');
  const good = await readFile(file, 'utf8');
  // A merge conflict marker left by git on line 3.
  const lines = good.split('\n');
  lines.splice(2, 0, '<<<<<<< HEAD');
  const corrupt = Buffer.from(lines.join('\n'), 'utf8');
  await writeFile(file, corrupt);

  const reopened = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a' });
  assert.ok(reopened.problem instanceof StoreFileError);
  assert.equal(reopened.problem.file, file);
  assert.equal(reopened.problem.line, 3);
  assert.equal(reopened.problem.column, 1);
  assert.match(reopened.problem.message, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: invalid JSON`));

  for (const s of [reopened, store]) {
    await assert.rejects(s.saveRating('i2', { rating: { clinical_soundness: 4 } }), (err: unknown) => err instanceof StoreFileError && err.line === 3);
  }
  assert.deepEqual(await readFile(file), corrupt);
  assert.deepEqual((await readdir(path.dirname(file))).sort(), ['a.json'], 'no temp or lock files left behind');
});

test('a file that parses but breaks the schema is reported at the offending line', async () => {
  const dir = await tempDir();
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a' });
  await store.saveRating('i1', { rating: { clinical_soundness: 3 } });
  await store.saveRating('i2', { rating: { clinical_soundness: 4 } });
  const file = path.join(dir, 'd', 'a.json');
  const text = (await readFile(file, 'utf8')).replace('"clinical_soundness": 4', '"clinical_soundness": "four"');
  await writeFile(file, text);
  const expectedLine = text.split('\n').findIndex((l) => l.includes('"four"')) + 1;
  const reopened = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a' });
  assert.ok(reopened.problem);
  assert.equal(reopened.problem.line, expectedLine);
  assert.match(reopened.problem.reason, /\$\.items\.i2\.rating\.clinical_soundness: must be integer or null/);
  await assert.rejects(reopened.saveRating('i3', { rating: { clinical_soundness: 1 } }), StoreFileError);
  assert.equal(await readFile(file, 'utf8'), text);
});

test('readAnnotationFiles loads the good files, reports the bad one, skips adjudication and temp files', async () => {
  const dir = await tempDir();
  for (const a of ['b', 'a']) {
    const s = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: a });
    await s.saveRating('i1', { rating: { clinical_soundness: a === 'a' ? 2 : 5 } });
  }
  await writeFile(path.join(dir, 'd', 'c.json'), '{"schema": "medco.annotations/1",\n  "items": [}\n');
  await writeFile(path.join(dir, 'd', '_adjudication.json'), '{}');
  await writeFile(path.join(dir, 'd', '.a.json.123.abcd.tmp'), '{');
  assert.deepEqual(
    (await listAnnotationFiles(dir, 'd')).map((f) => path.basename(f)),
    ['a.json', 'b.json', 'c.json'],
  );
  const { files, problems } = await readAnnotationFiles(dir, 'd');
  assert.deepEqual(files.map((f) => [f.annotator, f.data.items.i1.rating.clinical_soundness]), [['a', 2], ['b', 5]]);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].file, path.join(dir, 'd', 'c.json'));
  assert.equal(problems[0].line, 2);
  assert.deepEqual(await listAnnotationFiles(dir, 'no-such-dataset'), []);
});

test('dataset and annotator ids that are not safe file names are refused', async () => {
  const dir = await tempDir();
  for (const [dataset, annotator] of [['../x', 'a'], ['d', '../../etc/passwd'], ['d', '_adjudication'], ['d', '']]) {
    await assert.rejects(AnnotationStore.open({ annotationsDir: dir, dataset, annotator }), /invalid (dataset|annotator) id/);
  }
});

test('the file bytes assembled from cached entries equal a plain stable serialization', async () => {
  const { serializeAnnotationFile, serializeAnnotationFileBytes, stableStringify, emptyAnnotationFile } = await import('../../../src/core/store');
  const doc = emptyAnnotationFile('d', { id: 'a', languages: ['zu'] }, { id: 'medco-expert', version: 1 });
  assert.equal(serializeAnnotationFile(doc), stableStringify(doc));
  (doc as unknown as Record<string, unknown>).notes = 'an extra top-level field sorts after items';
  doc.items['nli-zu-002'] = { revision: 1, rating: { clinical_soundness: 2, comment: 'Umbuzo: “ok” 😀 \u2028 \\ "q"' }, updatedAt: '2026-11-21T10:00:00.000Z', history: [] };
  doc.items['id'] = { revision: 1, rating: {}, updatedAt: '2026-11-21T10:00:00.000Z', history: [] };
  doc.items['qa-zu-001'] = { revision: 2, rating: { clinical_soundness: null }, updatedAt: '2026-11-21T10:00:00.000Z', history: [{ revision: 1, rating: {}, updatedAt: '2026-11-21T09:00:00.000Z' }] };
  const expected = stableStringify(doc);
  assert.equal(serializeAnnotationFile(doc), expected);
  assert.equal(serializeAnnotationFile(doc), expected, 'second (cached) pass');
  assert.deepEqual(serializeAnnotationFileBytes(doc), Buffer.from(expected, 'utf8'));
  assert.deepEqual(JSON.parse(expected).items['nli-zu-002'], doc.items['nli-zu-002']);
});

test('a store whose copy is stale still merges: another writer\'s changes are re-read under the lock', async () => {
  const dir = await tempDir();
  const a = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'x' });
  const b = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'x' });
  await a.saveRating('i1', { rating: { clinical_soundness: 1 } });
  await b.saveRating('i2', { rating: { clinical_soundness: 2 } });
  await a.saveRating('i1', { rating: { clinical_soundness: 3 } });
  await b.saveRating('i1', { rating: { clinical_soundness: 4 } });
  const doc = JSON.parse(await readFile(a.file, 'utf8'));
  assert.deepEqual(Object.keys(doc.items), ['i1', 'i2']);
  assert.equal(doc.items.i1.revision, 3);
  assert.deepEqual(doc.items.i1.history.map((h: { rating: { clinical_soundness: number } }) => h.rating.clinical_soundness), [1, 3]);
  assert.equal(a.entry('i2')?.rating.clinical_soundness, 2, 'the in-memory copy is refreshed by the save');

  // A file broken behind the store's back is detected, not overwritten from the cached copy.
  const broken = (await readFile(a.file, 'utf8')).replace('"i2"', '"i2');
  await writeFile(a.file, broken);
  await assert.rejects(a.saveRating('i3', { rating: { clinical_soundness: 5 } }), StoreFileError);
  assert.ok(a.problem);
  assert.equal(await readFile(a.file, 'utf8'), broken);
});

test('an edit in place that keeps the file size is still seen (the store re-reads, never trusts its copy)', async () => {
  const dir = await tempDir();
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'x' });
  await store.saveRating('i1', { rating: { clinical_soundness: 1 } });
  // Same inode, same size: only the times tell. A text editor or `sed -i`-like tool saving in place.
  const text = await readFile(store.file, 'utf8');
  const edited = text.replace('"clinical_soundness": 1', '"clinical_soundness": 2');
  assert.equal(edited.length, text.length);
  await writeFile(store.file, edited);
  await store.saveRating('i2', { rating: { clinical_soundness: 3 } });
  const doc = JSON.parse(await readFile(store.file, 'utf8'));
  assert.equal(doc.items.i1.rating.clinical_soundness, 2, 'the outside edit survives the next save');
  assert.equal(doc.items.i2.rating.clinical_soundness, 3);
});
