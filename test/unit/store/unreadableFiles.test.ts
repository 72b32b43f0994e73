// What makes an annotator or decision file unreadable — and therefore never rewritten — and what
// the readers of many files (stats/export, curation) do with it: report file and line, go on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, mkdir, readFile, readdir, readlink, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  AnnotationStore,
  InvalidNameError,
  StoreFileError,
  nameProblem,
  readAnnotationFiles,
  MAX_JSON_DEPTH,
} from '../../../src/core/store';
import { AdjudicationStore } from '../../../src/core/adjudication/adjudicationStore';
import { readCurationFolder } from '../../../src/core/adjudication/readCurationFolder';
import { tempDir } from './helpers';

/** An annotations dir with `d/a.json` (items i1, i2; i1 has a comment and two revisions) and `d/b.json`. */
async function twoAnnotators(): Promise<{ dir: string; file: string; text: string }> {
  const dir = await tempDir('medco-unreadable-');
  const a = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a' });
  await a.saveRating('i1', { rating: { clinical_soundness: 2, comment: 'first look' } });
  await a.saveRating('i1', { rating: { clinical_soundness: 3, comment: 'dose checked against the formulary' } });
  await a.saveRating('i2', { rating: { clinical_soundness: 4 } });
  const b = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'b' });
  await b.saveRating('i1', { rating: { clinical_soundness: 5 } });
  const file = path.join(dir, 'd', 'a.json');
  return { dir, file, text: await readFile(file, 'utf8') };
}

const lineOf = (text: string, needle: string, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length;

/** The store refuses the file (open reports it, a save rejects) and its bytes stay exactly as they were. */
async function assertRefusedAndUntouched(dir: string, file: string, check: (e: StoreFileError) => void): Promise<void> {
  const before = await readFile(file);
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a' });
  assert.ok(store.problem instanceof StoreFileError, 'open reports the file');
  check(store.problem);
  await assert.rejects(store.saveRating('i3', { rating: { clinical_soundness: 1 } }), (err: unknown) => {
    assert.ok(err instanceof StoreFileError);
    check(err);
    return true;
  });
  assert.deepEqual(await readFile(file), before, 'the file is left byte for byte');
  assert.deepEqual((await readdir(path.dirname(file))).sort(), ['a.json', 'b.json'], 'no temp or lock file left');
}

/** Both multi-file readers report the file (with `line`) and still load annotator b. */
async function assertReadersReportAndGoOn(dir: string, file: string, line: number, reason: RegExp): Promise<void> {
  const stats = await readAnnotationFiles(dir, 'd');
  assert.deepEqual(stats.files.map((f) => f.annotator), ['b']);
  assert.equal(stats.problems.length, 1, JSON.stringify(stats.problems));
  assert.equal(stats.problems[0].file, file);
  assert.equal(stats.problems[0].line, line);
  assert.match(stats.problems[0].message, reason);
  const curation = await readCurationFolder(dir, 'd');
  assert.deepEqual(curation.annotations.map((f) => f.annotator.id), ['b']);
  assert.deepEqual(curation.problems, stats.problems);
}

test('an item key given twice: refused at the line of the second copy, never rewritten; readers report it', async () => {
  const { dir, file, text } = await twoAnnotators();
  // A hand merge that pasted an older copy of i1 after i2: JSON.parse would keep only the older one.
  const older = '    "i1": {\n      "revision": 1,\n      "rating": {\n        "clinical_soundness": 2\n      },\n      "updatedAt": "2026-01-01T00:00:00.000Z",\n      "history": []\n    }';
  const lines = text.split('\n');
  const closeItems = lines.lastIndexOf('  }');
  lines[closeItems - 1] += ',';
  lines.splice(closeItems, 0, older);
  const dup = lines.join('\n');
  await writeFile(file, dup);
  const line = lineOf(dup, '"i1"', dup.indexOf('"i2"'));
  const firstLine = lineOf(dup, '"i1"');
  await assertRefusedAndUntouched(dir, file, (e) => {
    assert.equal(e.file, file);
    assert.equal(e.line, line);
    assert.match(e.reason, new RegExp(`duplicate key "i1" \\(first at line ${firstLine}\\)`));
  });
  await assertReadersReportAndGoOn(dir, file, line, /duplicate key "i1"/);
});

test('a duplicate key deeper down (in a rating) is refused too', async () => {
  const { dir, file, text } = await twoAnnotators();
  const dup = text.replace('"clinical_soundness": 4', '"clinical_soundness": 4,\n        "clinical_soundness": 1');
  await writeFile(file, dup);
  await assertRefusedAndUntouched(dir, file, (e) => assert.equal(e.line, lineOf(dup, '"clinical_soundness": 1')));
});

test('invalid UTF-8 is refused at the line of the bad byte, never rewritten with U+FFFD; readers report it', async () => {
  const { dir, file, text } = await twoAnnotators();
  // A Latin-1 "é" (0xE9 alone) in the comment: not UTF-8.
  const at = text.indexOf('formulary');
  const bytes = Buffer.concat([Buffer.from(text.slice(0, at), 'utf8'), Buffer.from([0xe9]), Buffer.from(text.slice(at), 'utf8')]);
  await writeFile(file, bytes);
  const line = lineOf(text, 'formulary');
  await assertRefusedAndUntouched(dir, file, (e) => {
    assert.equal(e.line, line);
    assert.match(e.reason, /invalid UTF-8 \(byte 0xe9/);
  });
  await assertReadersReportAndGoOn(dir, file, line, /invalid UTF-8/);
});

test('a UTF-8 byte order mark is accepted: the file reads, a save keeps every rating (and drops the BOM)', async () => {
  const { dir, file, text } = await twoAnnotators();
  await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
  const stats = await readAnnotationFiles(dir, 'd');
  assert.deepEqual(stats.problems, []);
  assert.deepEqual(stats.files.map((f) => f.annotator), ['a', 'b']);
  assert.deepEqual((await readCurationFolder(dir, 'd')).problems, []);
  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a' });
  assert.equal(store.problem, undefined);
  await store.saveRating('i3', { rating: { clinical_soundness: 1 } });
  const saved = JSON.parse(await readFile(file, 'utf8'));
  assert.deepEqual(Object.keys(saved.items).sort(), ['i1', 'i2', 'i3']);
  assert.equal(saved.items.i1.history.length, 1);
  assert.equal(saved.items.i1.rating.comment, 'dose checked against the formulary');
});

test(`JSON nested 10,000 deep is refused naming the file (limit ${MAX_JSON_DEPTH}); readers report it and go on`, async () => {
  const { dir, file } = await twoAnnotators();
  const deep = `{\n  "schema": "medco.annotations/1",\n  "items": {\n    "i1": ${'['.repeat(10000)}${']'.repeat(10000)}\n  }\n}\n`;
  await writeFile(file, deep);
  await assertRefusedAndUntouched(dir, file, (e) => {
    assert.equal(e.file, file);
    assert.equal(e.line, 4);
    assert.match(e.reason, /nested more than 64 levels deep/);
  });
  await assertReadersReportAndGoOn(dir, file, 4, /nested more than/);
  // Deep and broken too: the syntax-error locator must not overflow either.
  await writeFile(file, `{"items": ${'['.repeat(10000)}`);
  await assertReadersReportAndGoOn(dir, file, 1, /nested more than/);
});

test('a symlinked annotator file is written through: the link stays a link, its target gets the save', async () => {
  const { dir, file, text } = await twoAnnotators();
  const elsewhere = path.join(dir, 'elsewhere');
  await mkdir(elsewhere);
  const target = path.join(elsewhere, 'a.json');
  await writeFile(target, text);
  await unlink(file);
  await symlink(path.relative(path.dirname(file), target), file);

  const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a' });
  assert.equal(store.problem, undefined);
  await store.saveRating('i3', { rating: { clinical_soundness: 1 } });
  await store.saveRating('i3', { rating: { clinical_soundness: 2 } });
  assert.ok((await lstat(file)).isSymbolicLink(), 'still a symlink');
  assert.equal(await readlink(file), path.relative(path.dirname(file), target));
  const saved = JSON.parse(await readFile(target, 'utf8'));
  assert.equal(saved.items.i3.revision, 2);
  assert.equal(saved.items.i1.rating.comment, 'dose checked against the formulary');
  assert.deepEqual((await readdir(elsewhere)).sort(), ['a.json'], 'no temp or lock file left next to the target');
  assert.deepEqual((await readdir(path.dirname(file))).sort(), ['a.json', 'b.json']);
  // Readers follow the link too (a symlink is not skipped as "not a file").
  assert.deepEqual((await readAnnotationFiles(dir, 'd')).files.map((f) => f.annotator), ['a', 'b']);
});

test('a symlink loop, a dangling symlink and a directory in place of the file: refused, named, left as they are', async () => {
  const cases: [string, (file: string) => Promise<void>, RegExp][] = [
    ['loop', (file) => symlink(path.basename(file), file), /symlink loop/],
    ['dangling', (file) => symlink('gone.json', file), /symlink to a missing file \(gone\.json\)/],
    ['directory', (file) => mkdir(file), /is a directory, where a file should be/],
  ];
  for (const [name, make, reason] of cases) {
    const { dir, file } = await twoAnnotators();
    await unlink(file);
    await make(file);
    const store = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a' });
    assert.ok(store.problem instanceof StoreFileError, name);
    assert.equal(store.problem.message, `${file}: ${store.problem.reason}`, `${name}: the path is named, with no line`);
    assert.match(store.problem.reason, reason, name);
    await assert.rejects(store.saveRating('i3', { rating: { clinical_soundness: 1 } }), reason, name);
    const st = await lstat(file);
    assert.ok(name === 'directory' ? st.isDirectory() : st.isSymbolicLink(), `${name}: left as it was`);
    await assertReadersReportAndGoOn(dir, file, 0, reason);
  }
});

test('_adjudication.json: duplicate keys, invalid UTF-8 or a schema error make it unreadable, and it is never overwritten', async () => {
  const dir = await tempDir('medco-unreadable-');
  const store = new AdjudicationStore(dir, 'd');
  const decision = { itemId: 'i1', dimension: 'clinical_soundness', value: 3, status: 'adjudicated' as const, adjudicator: 'cur', rationale: 'r', basedOn: { a: 1 } };
  await store.decide(decision);
  const file = store.file;
  const good = await readFile(file, 'utf8');
  const variants: [string, Buffer, RegExp][] = [
    ['duplicate', Buffer.from(good.replace('"adjudicator": "cur",', '"adjudicator": "cur",\n        "adjudicator": "other",')), /duplicate key "adjudicator"/],
    ['utf-8', Buffer.from(good).fill(0xff, good.indexOf('"r"') + 1, good.indexOf('"r"') + 2), /invalid UTF-8/],
    ['schema', Buffer.from(good.replace('"value": 3', '"value": "three"')), /does not match its schema/],
  ];
  for (const [name, bytes, reason] of variants) {
    await writeFile(file, bytes);
    await assert.rejects(store.decide({ ...decision, itemId: 'i2' }), (err: unknown) => err instanceof StoreFileError && reason.test(err.reason), name);
    await assert.rejects(store.read(), reason, name);
    assert.deepEqual(await readFile(file), bytes, `${name}: untouched`);
    const folder = await readCurationFolder(dir, 'd');
    assert.equal(folder.adjudication, null, name);
    assert.match(folder.problems[0]?.message ?? '', reason, name);
  }
});

test('ids that are Windows device names are refused, in any case and with an extension', async () => {
  for (const id of ['CON', 'con', 'Nul', 'prn.backup', 'aux', 'COM1', 'com9', 'LPT1', 'lpt3.x']) {
    assert.equal(nameProblem('annotator', id)?.code, 'reserved', id);
    assert.match(nameProblem('dataset', id)?.message ?? '', /reserved device name on Windows/, id);
  }
  for (const id of ['console', 'nullable', 'com10', 'lpt', 'dr-con', 'auxiliary']) assert.equal(nameProblem('annotator', id), undefined, id);
  const dir = await tempDir('medco-unreadable-');
  await assert.rejects(AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'nul' }), InvalidNameError);
  await assert.rejects(AnnotationStore.open({ annotationsDir: dir, dataset: 'AUX', annotator: 'a' }), InvalidNameError);
});

test('an annotator id differing only in case from an existing file (or a dataset folder) is refused; nothing is created', async () => {
  const { dir } = await twoAnnotators();
  const before = (await readdir(path.join(dir, 'd'))).sort();
  const upper = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'A' });
  await assert.rejects(upper.saveRating('i1', { rating: { clinical_soundness: 1 } }), (err: unknown) => {
    assert.ok(err instanceof InvalidNameError);
    assert.match(err.message, /annotator id "A" differs only in case from the existing file .*a\.json; use "a"/);
    return true;
  });
  assert.deepEqual((await readdir(path.join(dir, 'd'))).sort(), before);
  const folder = await AnnotationStore.open({ annotationsDir: dir, dataset: 'D', annotator: 'c' });
  await assert.rejects(folder.saveRating('i1', { rating: { clinical_soundness: 1 } }), /dataset id "D" differs only in case/);
  assert.deepEqual((await readdir(dir)).sort(), ['d']);
  // The exact id still saves.
  const same = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a' });
  assert.equal((await same.saveRating('i9', { rating: { clinical_soundness: 1 } })).changed, true);
});
