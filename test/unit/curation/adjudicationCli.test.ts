import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { AdjudicationStore } from '../../../src/core/adjudication/adjudicationStore';
import { annotationFile, entry, tempAnnotationsDir, writeAnnotationFile } from './fixtures';

const CLI = path.resolve(__dirname, '../../../src/cli/main.ts');
const medco = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8' });

function fixture(): string {
  const dir = tempAnnotationsDir();
  writeAnnotationFile(dir, annotationFile('dr-a', {
    'qa-ja-001': entry({ clinical_soundness: 4, cultural_grounding: 2 }),
    'bionli-ja-001': entry({ clinical_soundness: 1, cultural_grounding: 3 }),
  }));
  writeAnnotationFile(dir, annotationFile('dr-b', {
    'qa-ja-001': entry({ clinical_soundness: 4, cultural_grounding: 3 }),
    'bionli-ja-001': entry({ clinical_soundness: 5, cultural_grounding: 3 }, 2),
  }));
  return dir;
}

test('medco adjudication --json lists values, status and decision, largest disagreement first', async () => {
  const dir = fixture();
  await new AdjudicationStore(dir, 'multimedx-ja').decide({
    itemId: 'bionli-ja-001', dimension: 'clinical_soundness', value: 2, status: 'adjudicated',
    adjudicator: 'cur', rationale: 'premise misread', errorType: 'annotator_error', basedOn: { 'dr-a': 1, 'dr-b': 1 },
  });
  const r = medco('adjudication', dir, '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.dataset, 'multimedx-ja');
  assert.deepEqual(out.annotators, ['dr-a', 'dr-b']);
  assert.deepEqual(
    out.items.map((i: { itemId: string; dimension: string; status: string }) => [i.itemId, i.dimension, i.status]),
    [
      ['bionli-ja-001', 'clinical_soundness', 'adjudicated'],
      ['qa-ja-001', 'cultural_grounding', 'disagreement'],
      ['bionli-ja-001', 'cultural_grounding', 'unanimous'],
      ['qa-ja-001', 'clinical_soundness', 'unanimous'],
    ],
  );
  const first = out.items[0];
  assert.deepEqual(first.values, { 'dr-a': 1, 'dr-b': 5 });
  assert.equal(first.decision.value, 2);
  assert.equal(first.decisionStale, true); // dr-b is at revision 2, the decision saw 1
  assert.deepEqual(first.staleSince, ['dr-b']);
  assert.equal(out.counts.unanimous, 2);

  const filtered = JSON.parse(medco('adjudication', dir, '--dataset', 'multimedx-ja', '--task', 'qa', '--status', 'disagreement', '--json').stdout);
  assert.deepEqual(filtered.items.map((i: { itemId: string }) => i.itemId), ['qa-ja-001']);
});

test('medco adjudication prints a table; a broken annotator file is named with its line and exits 1', () => {
  const dir = fixture();
  const ok = medco('adjudication', dir);
  assert.equal(ok.status, 0, ok.stderr);
  const lines = ok.stdout.trim().split('\n');
  assert.match(lines[0], /^item\s+lang\s+task\s+dimension\s+values/);
  assert.match(lines[1], /^bionli-ja-001\s+ja\s+nli\s+clinical_soundness\s+dr-a=1 dr-b=5\s+4/);

  const broken = path.join(dir, 'multimedx-ja', 'dr-c.json');
  writeFileSync(broken, '{\n  "schema": "medco.annotations/1",\n  oops\n}\n');
  const bad = medco('adjudication', dir, '--json');
  assert.equal(bad.status, 1);
  const out = JSON.parse(bad.stdout); // still one JSON document with what could be loaded
  assert.equal(out.items.length, 4);
  assert.deepEqual(out.problems.map((p: { file: string; line: number }) => [p.file, p.line]), [[broken, 3]]);
  const human = medco('adjudication', dir);
  assert.ok(human.stderr.includes(`${broken}:3:`), human.stderr);

  assert.equal(medco('adjudication', dir, '--status', 'bogus').status, 1);
  assert.equal(medco('adjudication').status, 2);
});
