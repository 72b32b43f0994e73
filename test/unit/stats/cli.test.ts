// `medco stats` and `medco export` as real processes on real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { annotationFile } from './fixtures';
import { KRIPPENDORFF_2011_OBSERVERS } from './published';
import { makeTempDir } from '../../support/tempDir';

const root = path.resolve(__dirname, '../../..');
const IDS = Array.from({ length: 12 }, (_, i) => `qa-ja-${String(i + 1).padStart(3, '0')}`);

function medco(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** An annotations dir with the Krippendorff (2011) data as 4 annotators (clinical_soundness). */
function annotationsDir(): string {
  const dir = makeTempDir('medco-stats-');
  mkdirSync(path.join(dir, 'multimedx-ja'));
  ['a', 'b', 'c', 'd'].forEach((id, r) => {
    const file = annotationFile(`dr-${id}`, IDS, { clinical_soundness: KRIPPENDORFF_2011_OBSERVERS[r] }, { durations: IDS.map(() => 30000) });
    writeFileSync(path.join(dir, 'multimedx-ja', `dr-${id}.json`), JSON.stringify(file, null, 2) + '\n');
  });
  return dir;
}

test('medco stats --json prints one JSON document with the published alpha', () => {
  const dir = annotationsDir();
  const r = medco('stats', dir, '--json', '--bootstrap', '100', '--seed', '3');
  assert.equal(r.code, 0, r.stderr);
  const stats = JSON.parse(r.stdout);
  assert.equal(stats.dataset, 'multimedx-ja');
  assert.equal(stats.items, 12);
  // Krippendorff (2011): nominal alpha .743 for these data.
  assert.equal(Math.round(stats.dimensions.clinical_soundness.agreement.krippendorff_alpha.nominal * 1000) / 1000, 0.743);
  // The same data are irrCAC's cac.raw4raters: linear-weighted Gwet AC2 0.859 (see gwet.test.ts).
  assert.equal(Math.round(stats.dimensions.clinical_soundness.agreement.gwet_ac2.linear * 1000) / 1000, 0.859);
  // irrCAC fleiss.kappa.raw(cac.raw4raters) = 0.7612: Gwet's generalisation, not null on missing ratings.
  const agreement = stats.dimensions.clinical_soundness.agreement;
  assert.equal(Math.round(agreement.fleiss_kappa * 10000) / 10000, 0.7612);
  assert.ok(agreement.fleiss_kappa_ci95[0] <= agreement.fleiss_kappa && agreement.fleiss_kappa <= agreement.fleiss_kappa_ci95[1]);
  assert.equal(agreement.icc_items, 8);
  for (const w of ['linear', 'quadratic', 'ordinal', 'ratio']) assert.equal(agreement.gwet_ac2_ci95[w].length, 2, w);
});

test('a broken annotator file is reported with file and line, exits 1; the others still count', () => {
  const dir = annotationsDir();
  const broken = path.join(dir, 'multimedx-ja', 'dr-e.json');
  writeFileSync(broken, '{\n  "schema": "medco.annotations/1",\n  "items": {,\n}\n');
  const r = medco('stats', dir, '--json', '--bootstrap', '0');
  assert.equal(r.code, 1, 'a partial result must not look complete');
  assert.match(r.stderr, /dr-e\.json:3/);
  assert.equal(JSON.parse(r.stdout).annotators.length, 4);
  assert.equal(readFileSync(broken, 'utf8'), '{\n  "schema": "medco.annotations/1",\n  "items": {,\n}\n'); // untouched
});

test('no readable annotation file: exit 1 naming the file; bad --bootstrap: exit 2', () => {
  const dir = makeTempDir('medco-stats-');
  mkdirSync(path.join(dir, 'd1'));
  writeFileSync(path.join(dir, 'd1', 'x.json'), '{"schema": "medco.annotations/1",\n"items": nope}\n');
  const r = medco('stats', dir);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /x\.json:2/);
  assert.equal(medco('stats', annotationsDir(), '--bootstrap', 'many').code, 2);
});

test('medco export csv: one row per item × annotator × dimension, with language and task', () => {
  const dir = annotationsDir();
  // Outside the annotations folder: an export never writes into it without --force.
  const out = path.join(makeTempDir('medco-out-'), 'long.csv');
  const r = medco('export', dir, '--format', 'csv', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
  // Today's columns first, then those docs/formats.md §8 adds.
  assert.equal(lines[0], 'dataset,itemId,lang,task,annotator,dimension,value,revision,updatedAt,durationMs,flags,status,role,traceId,config,round,stale,gold,comment,model');
  // The built-in rubric has 2 dimensions; each annotator file holds an entry for all 12 items.
  assert.equal(lines.length - 1, 12 * 4 * 2);
  assert.ok(lines.includes('multimedx-ja,qa-ja-010,ja,qa,dr-b,clinical_soundness,5,1,2026-11-21T10:05:00.000Z,30000,,rated,annotator,,,,,,,'));
  // The fixture rates clinical_soundness only: cultural_grounding is unrated, not "not assessable".
  assert.ok(lines.includes('multimedx-ja,qa-ja-010,ja,qa,dr-b,cultural_grounding,,1,2026-11-21T10:05:00.000Z,30000,,unrated,annotator,,,,,,,'));
});

test('medco export md: the paper tables', () => {
  const r = medco('export', annotationsDir(), '--format', 'md', '--bootstrap', '50');
  assert.equal(r.code, 0, r.stderr);
  for (const heading of ['## Agreement', '## Mean ratings', '## Flags', '## Annotators', '## Notes']) assert.ok(r.stdout.includes(heading), heading);
  assert.match(r.stdout, /\| clinical_soundness \| 0\.743 \| 0\.815 \|/);
});

test('--dataset-file gives language and task of items whose ids do not say them', () => {
  const dir = makeTempDir('medco-stats-');
  mkdirSync(path.join(dir, 'd'));
  for (const [id, values] of [['dr-a', [4, 2]], ['dr-b', [5, 2]]] as const) {
    writeFileSync(path.join(dir, 'd', `${id}.json`), JSON.stringify(annotationFile(id, ['item-1', 'item-2'], { clinical_soundness: values }, { dataset: 'd' })));
  }
  const datasetFile = path.join(dir, 'items.jsonl');
  writeFileSync(
    datasetFile,
    '{"id":"item-1","lang":"sw","task":"nli","text":"Premise: a\\nHypothesis: b","label":"entailment"}\n' +
      '{"id":"item-2","lang":"yo","task":"qa","text":"Question: q\\nAnswer: a","label":null}\n',
  );
  const r = medco('stats', dir, '--json', '--bootstrap', '0', '--dataset-file', datasetFile);
  assert.equal(r.code, 0, r.stderr);
  const dim = JSON.parse(r.stdout).dimensions.clinical_soundness;
  assert.deepEqual(Object.keys(dim.byLanguage), ['sw', 'yo']);
  assert.equal(dim.byLanguageTask.sw.nli.mean, 4.5);
  assert.equal(dim.byLanguageTask.yo.qa.mean, 2);
});

test('medco stats shows blind pairwise preferences from the files\' "comparisons" (JSON and text)', () => {
  const dir = annotationsDir();
  const file = path.join(dir, 'multimedx-ja', 'dr-a.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  doc.comparisons = {};
  ['medco', 'medco', 'medco', 'base', 'tie', 'both_bad'].forEach((winner, i) => {
    doc.comparisons[`${IDS[i]}::base::medco`] = { sides: { '1': 'medco', '2': 'base' }, traceIds: {}, revision: 1, winner: { clinical_soundness: winner }, updatedAt: '2026-11-21T10:05:00.000Z', history: [] };
  });
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  const json = medco('stats', dir, '--json', '--bootstrap', '50');
  assert.equal(json.code, 0, json.stderr);
  const pair = JSON.parse(json.stdout).preferences.clinical_soundness.pairs[0];
  assert.deepEqual([pair.a, pair.b, pair.n, pair.wins_a, pair.wins_b, pair.ties, pair.both_bad], ['base', 'medco', 6, 1, 3, 1, 1]);
  const text = medco('stats', dir, '--bootstrap', '50');
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Blind pairwise preferences/);
  assert.match(text.stdout, /base\s+medco\s+6\s+1\s+3\s+1\s+1\s+0\.333/);
  assert.match(text.stdout, /Bradley–Terry log-strength/);
  assert.match(text.stdout, /Response 1 won 3 of 4 decisive/);
  assert.match(text.stdout, /Fleiss kappa \(Gwet, missing ratings\)\s+0\.761\s+\[/);
});
