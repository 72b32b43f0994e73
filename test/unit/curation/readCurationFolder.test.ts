import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { computeCuration, disagreementQueue } from '../../../src/core/adjudication/disagreements';
import { listCurationDatasets, readCurationFolder } from '../../../src/core/adjudication/readCurationFolder';
import { annotationFile, entry, tempAnnotationsDir, writeAnnotationFile } from './fixtures';

const DATASET = 'multimedx-ja';

async function queueOf(dir: string) {
  const folder = await readCurationFolder(dir, DATASET);
  return disagreementQueue(computeCuration(folder.annotations, folder.adjudication));
}

test('an annotator file dropped into the folder shows up in the recomputed queue', async () => {
  const dir = tempAnnotationsDir();
  writeAnnotationFile(dir, annotationFile('dr-a', { 'qa-ja-001': entry({ clinical_soundness: 4 }) }));
  writeAnnotationFile(dir, annotationFile('dr-b', { 'qa-ja-001': entry({ clinical_soundness: 4 }) }));
  let [c] = await queueOf(dir);
  assert.equal(c.status, 'unanimous');

  writeAnnotationFile(dir, annotationFile('dr-new', { 'qa-ja-001': entry({ clinical_soundness: 1 }) }));
  [c] = await queueOf(dir);
  assert.equal(c.status, 'disagreement');
  assert.deepEqual(c.values.map((v) => v.annotator), ['dr-a', 'dr-b', 'dr-new']);
  assert.equal(c.spread, 3);
  assert.deepEqual(await listCurationDatasets(dir), [DATASET]);
});

test('a broken annotator file is reported with file and line; the others still load', async () => {
  const dir = tempAnnotationsDir();
  writeAnnotationFile(dir, annotationFile('dr-a', { 'qa-ja-001': entry({ clinical_soundness: 4 }) }));
  const broken = path.join(dir, DATASET, 'dr-b.json');
  writeFileSync(broken, '{\n  "schema": "medco.annotations/1",\n  "items": {\n    "qa-ja-001": }\n}\n');
  const wrongSchema = path.join(dir, DATASET, 'dr-c.json');
  writeFileSync(wrongSchema, '{\n  "schema": "something-else",\n  "items": {}\n}\n');
  const folder = await readCurationFolder(dir, DATASET);
  assert.deepEqual(folder.annotations.map((f) => f.annotator.id), ['dr-a']);
  assert.deepEqual(
    folder.problems.map((p) => [path.basename(p.file), p.line]),
    [['dr-b.json', 4], ['dr-c.json', 2]], // the line of the bad value: "schema" is on line 2
  );
  assert.match(folder.problems[1].message, /schema/);
});

test('a missing dataset folder is an empty folder, not an error', async () => {
  const folder = await readCurationFolder(tempAnnotationsDir(), 'nope');
  assert.deepEqual([folder.annotations, folder.problems, folder.adjudication], [[], [], null]);
});
