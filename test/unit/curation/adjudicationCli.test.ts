import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
  // Exit 1 must never be silent: --json says why on stderr too.
  assert.ok(bad.stderr.includes(`${broken}:3:`), bad.stderr);
  assert.match(bad.stderr, /1 file\(s\) or line\(s\) could not be read and are left out of the listing \(exit 1\)/);
  const human = medco('adjudication', dir);
  assert.ok(human.stderr.includes(`${broken}:3:`), human.stderr);

  // An unknown status is a usage error that lists the valid ones.
  const bogus = medco('adjudication', dir, '--status', 'bogus');
  assert.equal(bogus.status, 2);
  assert.match(bogus.stderr, /unknown status "bogus"; valid: disagreement, unresolved, adjudicated, unanimous, insufficient/);
  assert.equal(medco('adjudication').status, 2);
});

test('medco adjudication: a --lang, --task or --dataset value that matches nothing is an error that says so', () => {
  const dir = fixture();
  const lang = medco('adjudication', dir, '--lang', 'xx', '--json');
  assert.equal(lang.status, 1);
  assert.equal(lang.stdout, '');
  assert.match(lang.stderr, /--lang xx: matches no rated item \(present: ja\)/);
  const task = medco('adjudication', dir, '--task', 'qa,mcq');
  assert.equal(task.status, 1);
  assert.match(task.stderr, /--task mcq: matches no rated item \(present: nli, qa\)/);
  const dataset = medco('adjudication', dir, '--dataset', 'nope');
  assert.equal(dataset.status, 1);
  assert.match(dataset.stderr, /nope: no annotator files/);
});

test('medco adjudication: a file whose dataset and annotator id differ from its folder and name is used under them, with a warning', () => {
  const dir = fixture();
  const file = annotationFile('someone-else', { 'qa-ja-001': entry({ clinical_soundness: 1 }) }, 'other-dataset');
  writeFileSync(path.join(dir, 'multimedx-ja', 'dr-c.json'), JSON.stringify(file, null, 2) + '\n');
  const r = medco('adjudication', dir, '--json');
  assert.equal(r.status, 0, r.stderr); // nothing was left out
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.annotators, ['dr-a', 'dr-b', 'dr-c']);
  const qa = out.items.find((i: { itemId: string; dimension: string }) => i.itemId === 'qa-ja-001' && i.dimension === 'clinical_soundness');
  assert.deepEqual(qa.values, { 'dr-a': 4, 'dr-b': 4, 'dr-c': 1 });
  assert.match(r.stderr, /warning: .*dr-c\.json:1: annotator id "someone-else" differs from the file name "dr-c"/);
  assert.match(r.stderr, /warning: .*dr-c\.json:1: dataset "other-dataset" differs from the folder name "multimedx-ja"/);
  assert.doesNotMatch(r.stderr, /could not be read/);
});

// The sample's annotator files carry the traceSha256 of the traces they were rated on; the
// expectations below are read from those raw files, not computed by the code under test.
const SAMPLE = path.resolve(__dirname, '../../../sample');

test('medco adjudication --traces flags the ratings made on a trace that has since changed', () => {
  const root = tempAnnotationsDir();
  cpSync(path.join(SAMPLE, 'annotations'), path.join(root, 'annotations'), { recursive: true });
  const tracesFile = path.join(root, 'multimedx-sample.traces.jsonl');
  const lines = readFileSync(path.join(SAMPLE, 'multimedx-sample.traces.jsonl'), 'utf8').split('\n').filter(Boolean);
  writeFileSync(tracesFile, lines.join('\n') + '\n');
  const annotations = path.join(root, 'annotations');

  const current = medco('adjudication', annotations, '--traces', tracesFile, '--json');
  assert.equal(current.status, 0, current.stderr);
  const before = JSON.parse(current.stdout);
  // sample/README.md: dr-kato rated qa-ja-002 on an earlier version of its trace.
  const staleRows = (out: { items: { itemId: string; staleRatings: string[] }[] }) =>
    out.items.filter((i) => i.staleRatings.length > 0).map((i) => [i.itemId, i.staleRatings]);
  assert.equal(before.staleRatings, 1);
  assert.deepEqual(new Set(staleRows(before).map(([id, who]) => `${id} ${who}`)), new Set(['qa-ja-002 dr-kato']));

  // The pipeline is rerun on one item: its trace changes, so every rating of it is now stale.
  const changed = JSON.parse(lines[0]) as { itemId: string; final: { answer: string } };
  changed.final.answer = `${changed.final.answer} (rerun)`;
  writeFileSync(tracesFile, [...lines, JSON.stringify(changed)].join('\n') + '\n');
  const raters = readdirSync(path.join(annotations, 'multimedx-sample'))
    .filter((n) => n.endsWith('.json') && !n.startsWith('_'))
    .map((n) => JSON.parse(readFileSync(path.join(annotations, 'multimedx-sample', n), 'utf8')))
    // The sample's LLM judge (role "model") rated it too, but judges are not in curation.
    .filter((f) => f.annotator.role !== 'model')
    .filter((f) => f.items[changed.itemId]?.traceSha256)
    .map((f) => f.annotator.id as string)
    .sort();
  assert.ok(raters.length > 0, 'the sample has ratings of the first traced item');

  assert.notEqual(changed.itemId, 'qa-ja-002');
  const after = JSON.parse(medco('adjudication', annotations, '--traces', tracesFile, '--json').stdout);
  assert.equal(after.staleRatings, 1 + raters.length);
  const rows = after.items.filter((i: { itemId: string }) => i.itemId === changed.itemId);
  assert.ok(rows.length > 0);
  for (const row of rows) assert.deepEqual(row.staleRatings, raters);
  assert.deepEqual(
    new Set(staleRows(after).filter(([id]) => id !== changed.itemId).map(([id, who]) => `${id} ${who}`)),
    new Set(['qa-ja-002 dr-kato']),
  );
  // Without --traces nothing is known about the traces, so nothing is flagged.
  assert.equal(JSON.parse(medco('adjudication', annotations, '--json').stdout).staleRatings, 0);

  const table = medco('adjudication', annotations, '--traces', tracesFile);
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /\* rating made on an older trace/);
});

test('medco adjudication --traces: a missing file is a user error, a bad line is named and the rest still counts', () => {
  const root = tempAnnotationsDir();
  cpSync(path.join(SAMPLE, 'annotations'), path.join(root, 'annotations'), { recursive: true });
  const annotations = path.join(root, 'annotations');
  const missing = medco('adjudication', annotations, '--traces', path.join(root, 'nope.traces.jsonl'));
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /nope\.traces\.jsonl: traces file not found/);

  const tracesFile = path.join(root, 'bad.traces.jsonl');
  const lines = readFileSync(path.join(SAMPLE, 'multimedx-sample.traces.jsonl'), 'utf8').split('\n').filter(Boolean);
  writeFileSync(tracesFile, [lines[0], '{"schema": broken', ...lines.slice(1)].join('\n') + '\n');
  const r = medco('adjudication', annotations, '--traces', tracesFile, '--json');
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.problems.map((p: { file: string; line: number }) => [p.file, p.line]), [[tracesFile, 2]]);
  assert.equal(out.staleRatings, 1); // the other lines still loaded: dr-kato's qa-ja-002 is still found stale
});

test('medco adjudication leaves the LLM judge\'s file (role "model") out of the annotators and the disagreements', () => {
  const out = JSON.parse(medco('adjudication', path.join(SAMPLE, 'annotations'), '--json').stdout);
  assert.deepEqual(out.annotators, ['dr-amara', 'dr-chen', 'dr-kato']);
  assert.ok(out.items.length > 0);
  for (const row of out.items as { values: Record<string, unknown> }[]) assert.equal('judge-sample-judge' in row.values, false);
});
