// `medco export` and `medco stats` as real processes: where --out may write, the status column,
// what the report says about files left out, mismatched files, invalid values, bounds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { annotationFile } from './fixtures';
import { makeTempDir } from '../../support/tempDir';

const root = path.resolve(__dirname, '../../..');
const IDS = ['qa-ja-001', 'qa-ja-002', 'qa-ja-003'];

// tsx by absolute URL, so that the CLI can run from any working directory (relative --out paths).
const TSX = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

function medco(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, ['--import', TSX, path.join(root, 'src/cli/main.ts'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A workspace with annotations/multimedx-ja/{dr-a,dr-b}.json, 3 items, clinical_soundness only. */
function workspace(a: (number | null)[] = [4, 3, 5], b: (number | null)[] = [4, 2, 5]): { ws: string; dir: string; fileA: string } {
  const ws = makeTempDir('medco-export-');
  const dir = path.join(ws, 'annotations');
  mkdirSync(path.join(dir, 'multimedx-ja'), { recursive: true });
  const fileA = path.join(dir, 'multimedx-ja', 'dr-a.json');
  writeFileSync(fileA, JSON.stringify(annotationFile('dr-a', IDS, { clinical_soundness: a }), null, 2) + '\n');
  writeFileSync(path.join(dir, 'multimedx-ja', 'dr-b.json'), JSON.stringify(annotationFile('dr-b', IDS, { clinical_soundness: b }), null, 2) + '\n');
  return { ws, dir, fileA };
}

test('export --out never replaces an annotation file: not by path, symlink, relative path, nor with --force', () => {
  const { ws, dir, fileA } = workspace();
  const before = readFileSync(fileA, 'utf8');
  const direct = medco(['export', dir, '--format', 'csv', '--out', fileA, '--force']);
  assert.equal(direct.code, 1);
  assert.match(direct.stderr, /dr-a\.json.*is an annotation file; an export never replaces one \(not even with --force\)/);
  // Through a symlinked folder and a relative path from another working directory.
  symlinkSync(dir, path.join(ws, 'link'));
  const linked = medco(['export', 'annotations', '--format', 'csv', '--out', 'link/multimedx-ja/dr-a.json'], ws);
  assert.equal(linked.code, 1);
  assert.match(linked.stderr, /is an annotation file/);
  // A copy of an annotation file outside the folder is still an annotation file.
  const copy = path.join(ws, 'backup.json');
  writeFileSync(copy, before);
  assert.equal(medco(['export', dir, '--format', 'jsonl', '--out', copy, '--force']).code, 1);
  assert.equal(readFileSync(copy, 'utf8'), before);
  // A new .json file in a dataset folder would become a broken annotator file.
  const fresh = medco(['export', dir, '--format', 'jsonl', '--out', path.join(dir, 'multimedx-ja', 'dr-z.json'), '--force']);
  assert.equal(fresh.code, 1);
  assert.match(fresh.stderr, /inside the annotations folder.*never writes one \(not even with --force\)/);
  assert.equal(readFileSync(fileA, 'utf8'), before);
});

test('export --out: the annotations folder, a traces file, an input or a foreign file need --force; an earlier export does not', () => {
  const { ws, dir } = workspace();
  const inside = medco(['export', dir, '--format', 'md', '--bootstrap', '0', '--out', path.join(dir, 'report.md')]);
  assert.equal(inside.code, 1);
  assert.match(inside.stderr, /is inside the annotations folder .*\(or use --force\)/);

  const traces = path.join(ws, 'run.traces.jsonl');
  writeFileSync(traces, '{"schema":"medco.trace/1"}\n');
  const onTraces = medco(['export', dir, '--format', 'jsonl', '--out', traces]);
  assert.equal(onTraces.code, 1);
  assert.match(onTraces.stderr, /is a traces file/);
  assert.equal(readFileSync(traces, 'utf8'), '{"schema":"medco.trace/1"}\n');

  const dataset = path.join(ws, 'items.jsonl');
  const datasetText = '{"id":"qa-ja-001","lang":"ja","task":"qa","text":"質問:\\nq\\n回答:\\na","label":null}\n';
  writeFileSync(dataset, datasetText);
  const onDataset = medco(['export', dir, '--format', 'csv', '--out', dataset]);
  assert.equal(onDataset.code, 1);
  assert.match(onDataset.stderr, /exists and is not an earlier medco export/);
  assert.equal(readFileSync(dataset, 'utf8'), datasetText);

  // A new file, then the same file again (an earlier export), then --force over the dataset.
  const out = path.join(ws, 'long.csv');
  assert.equal(medco(['export', dir, '--format', 'csv', '--out', out]).code, 0);
  const again = medco(['export', dir, '--format', 'csv', '--out', out]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(medco(['export', dir, '--format', 'csv', '--out', dataset, '--force']).code, 0);
  assert.match(readFileSync(dataset, 'utf8'), /^dataset,itemId,/);
});

test('export --format jsonl (real process): a status per value, gold from _adjudication.json, role and trace id', () => {
  const { dir } = workspace();
  // dr-c: 4 rated, null not assessable, no value for item 3's dimension (unrated), 7 off the 1–5 scale.
  const c = annotationFile('dr-c', ['qa-ja-001', 'qa-ja-002', 'qa-ja-003', 'qa-ja-004'], { clinical_soundness: [4, null, undefined as unknown as null, 7], cultural_grounding: [3, 3, 3, 3] });
  c.items['qa-ja-001'].traceId = 'trace-1';
  writeFileSync(path.join(dir, 'multimedx-ja', 'dr-c.json'), JSON.stringify(c, null, 2) + '\n');
  const decision = { status: 'adjudicated', adjudicator: 'cur', rationale: 'r', decidedAt: '2026-11-21T11:00:00.000Z', basedOn: {}, revision: 1, history: [] };
  writeFileSync(
    path.join(dir, 'multimedx-ja', '_adjudication.json'),
    JSON.stringify({ schema: 'medco.adjudication/1', dataset: 'multimedx-ja', items: { 'qa-ja-001': { clinical_soundness: { value: 4, ...decision } }, 'qa-ja-002': { clinical_soundness: { value: 9, ...decision } } } }, null, 2) + '\n',
  );
  const r = medco(['export', dir, '--format', 'jsonl']);
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  const cell = (annotator: string, itemId: string, dimension = 'clinical_soundness') => rows.find((x) => x.annotator === annotator && x.itemId === itemId && x.dimension === dimension);
  assert.deepEqual(
    ['qa-ja-001', 'qa-ja-002', 'qa-ja-003', 'qa-ja-004'].map((id) => [cell('dr-c', id).value, cell('dr-c', id).status]),
    [[4, 'rated'], [null, 'not_assessable'], [null, 'unrated'], [null, 'invalid']],
  );
  assert.equal(cell('dr-c', 'qa-ja-001').gold, 4);
  assert.equal(cell('dr-a', 'qa-ja-001').gold, 4);
  assert.equal(cell('dr-c', 'qa-ja-002').gold, null); // the hand-edited 9 is not a gold value
  assert.equal(cell('dr-c', 'qa-ja-001').traceId, 'trace-1');
  assert.equal(cell('dr-c', 'qa-ja-001').role, 'annotator');
  assert.equal(cell('dr-c', 'qa-ja-001').stale, null); // no --traces given
  assert.match(r.stderr, /dr-c\.json: item qa-ja-004, clinical_soundness: dr-c's value 7 is outside the scale 1–5/);
  assert.match(r.stderr, /_adjudication\.json: item qa-ja-002, clinical_soundness: gold value 9 is outside the scale 1–5/);
});

test('stats: values off the scale are left out, named on stderr and in notes, exit 1', () => {
  // (A non-integer such as 2.5 never gets this far: the store's schema refuses the whole file,
  // which is then left out and named with its line.)
  const { dir } = workspace([7, 3, 5], [4, 2, 0]);
  const r = medco(['stats', dir, '--json', '--bootstrap', '0']);
  assert.equal(r.code, 1);
  const stats = JSON.parse(r.stdout);
  assert.equal(stats.dimensions.clinical_soundness.n, 4); // 3, 5, 4, 2
  assert.equal(stats.dimensions.clinical_soundness.mean, 3.5);
  assert.equal(stats.dimensions.clinical_soundness.invalid, 2);
  assert.match(r.stderr, /dr-a\.json: item qa-ja-001, clinical_soundness: dr-a's value 7 is outside the scale 1–5; left out of every statistic/);
  assert.match(r.stderr, /dr-b\.json: item qa-ja-003, clinical_soundness: dr-b's value 0 is outside the scale 1–5/);
  assert.match(r.stderr, /2 saved value\(s\) off the rubric scale or not integers are left out of the statistics \(exit 1\)/);
  assert.equal(stats.notes.filter((n: { at: string }) => n.at === 'dimensions.clinical_soundness.invalid').length, 2);
});

test('export md: an annotator file that could not be read is named in the report itself', () => {
  const { dir } = workspace();
  writeFileSync(path.join(dir, 'multimedx-ja', 'dr-e.json'), '{\n  "schema": "medco.annotations/1",\n  oops\n}\n');
  const r = medco(['export', dir, '--format', 'md', '--bootstrap', '0']);
  assert.equal(r.code, 1);
  const section = r.stdout.split('## Files left out')[1]?.split('\n## ')[0] ?? '';
  assert.match(section, /1 file\(s\) could not be read; the statistics below do not include them/);
  assert.match(section, /dr-e\.json:3: /);
});

test('a file whose dataset or annotator id differs from its folder or name is used with a warning; the count names only files left out', () => {
  const { dir } = workspace();
  const odd = annotationFile('someone', IDS, { clinical_soundness: [1, 1, 1] }, { dataset: 'elsewhere' });
  writeFileSync(path.join(dir, 'multimedx-ja', 'dr-c.json'), JSON.stringify(odd, null, 2) + '\n');
  const ok = medco(['stats', dir, '--json', '--bootstrap', '0', '--dataset', 'multimedx-ja']);
  assert.equal(ok.code, 0, ok.stderr);
  const stats = JSON.parse(ok.stdout);
  assert.deepEqual(stats.annotators, ['dr-a', 'dr-b', 'dr-c']);
  assert.equal(stats.dimensions.clinical_soundness.n, 9);
  assert.deepEqual(stats.input.leftOut, []);
  assert.equal(stats.input.warnings.length, 2);
  assert.match(ok.stderr, /warning: .*dr-c\.json:1: annotator id "someone" differs from the file name "dr-c"/);
  assert.match(ok.stderr, /warning: .*dr-c\.json:1: dataset "elsewhere" differs from the folder name "multimedx-ja"/);
  assert.doesNotMatch(ok.stderr, /could not be read/);

  writeFileSync(path.join(dir, 'multimedx-ja', 'dr-e.json'), '{ nope');
  const one = medco(['export', dir, '--format', 'csv']);
  assert.equal(one.code, 1);
  assert.match(one.stderr, /medco: 1 file\(s\) could not be read and are left out of the results \(exit 1\)/);
  assert.equal(one.stdout.trimEnd().split('\n').length - 1, 3 * 3 * 2); // dr-a, dr-b and dr-c rows
});

test('size-like flags are bounded (usage error, exit 2); a rubric scale over 101 points is a file error naming the rubric', () => {
  const { ws, dir } = workspace();
  const boot = medco(['stats', dir, '--bootstrap', '1000000000']);
  assert.equal(boot.code, 2);
  assert.match(boot.stderr, /--bootstrap.*expected an integer from 0 to 100000/);
  assert.equal(medco(['export', dir, '--format', 'md', '--seed', '99999999999999999999']).code, 2);
  assert.equal(medco(['stats', dir, '--fast-ms', '1e9']).code, 2);

  const rubric = path.join(ws, 'wide-rubric.json');
  // A meaning for every one of the 20000 values: a rubric the rubric checks accept.
  const levels = (max: number) => Object.fromEntries(Array.from({ length: max }, (_, i) => [String(i + 1), `level ${i + 1}`]));
  writeFileSync(
    rubric,
    JSON.stringify({ id: 'wide', version: 1, dimensions: [{ id: 'clinical_soundness', label: 'c', description: 'd', min: 1, max: 5, levels: levels(5) }, { id: 'score', label: 's', description: 'd', min: 1, max: 20000, levels: levels(20000) }], flags: [] }, null, 2) + '\n',
  );
  const wide = medco(['stats', dir, '--rubric', rubric, '--bootstrap', '0']);
  assert.equal(wide.code, 1);
  assert.match(wide.stderr, /wide-rubric\.json:\d+: .*"score": the scale 1–20000 has 20000 points; at most 101/);
});

test('--dataset that names no dataset folder: stats and export say so and exit 1', () => {
  const { dir } = workspace();
  for (const args of [['stats', dir, '--dataset', 'multimedx-jp'], ['export', dir, '--format', 'csv', '--dataset', 'multimedx-jp']]) {
    const r = medco(args);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--dataset multimedx-jp: no such dataset folder in .* \(datasets: multimedx-ja\)/);
  }
});

test('export --traces fills config, round and stale from the current traces (sample data)', () => {
  const sample = path.join(root, 'sample');
  const ws = makeTempDir('medco-export-');
  const lines = readFileSync(path.join(sample, 'multimedx-sample.traces.jsonl'), 'utf8').split('\n').filter(Boolean);
  // The first item's trace is rerun under a named configuration: same id, new content.
  const rerun = JSON.parse(lines[0]);
  rerun.config = { ...rerun.config, name: 'coreasoner', round: 2 };
  const traces = path.join(ws, 'current.traces.jsonl');
  writeFileSync(traces, [...lines, JSON.stringify(rerun)].join('\n') + '\n');
  const r = medco(['export', path.join(sample, 'annotations'), '--format', 'jsonl', '--traces', traces]);
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  const ofRerun = rows.filter((x) => x.itemId === rerun.itemId && x.traceId === rerun.id);
  assert.ok(ofRerun.length > 0);
  for (const row of ofRerun) assert.deepEqual([row.config, row.round, row.stale], ['coreasoner', 2, true]);
  // sample/README.md: dr-kato rated qa-ja-002 on an earlier version of its trace; the others are current.
  assert.deepEqual([...new Set(rows.filter((x) => x.stale === true && x.itemId !== rerun.itemId).map((x) => `${x.itemId} ${x.annotator}`))], ['qa-ja-002 dr-kato']);
  assert.ok(rows.some((x) => x.stale === false && x.config === null));
});
