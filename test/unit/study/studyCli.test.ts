// `medco study create|status` and `medco rate --pair` end to end: real processes, real files,
// exit codes per docs/formats.md §4 and §7.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { appendTrace, traceSha256 } from '../../../src/core/traces';
import { pairSides } from '../../../src/core/study';
import { validateStudyFile } from '../../../src/core/schema/validators';
import { sampleTrace } from '../traces/sampleTrace';
import { repoRoot, runTs, tempDir } from '../store/helpers';

const CLI = path.join(repoRoot, 'src/cli/main.ts');
const medco = (...args: string[]) => runTs(CLI, args);

async function workspace() {
  const dir = await tempDir('medco-study-');
  const annotations = path.join(dir, 'annotations');
  await mkdir(annotations);
  const dataset = path.join(dir, 'd.jsonl');
  const rows = [
    { id: 'qa-ja-001', lang: 'ja', task: 'qa', text: '質問:\nA?\n回答:\nB', label: null },
    { id: 'qa-ja-002', lang: 'ja', task: 'qa', text: '質問:\nC?\n回答:\nD', label: null },
    { id: 'qa-sw-001', lang: 'sw', task: 'qa', text: 'Swali:\nE?\nJibu:\nF', label: null },
    { id: 'qa-sw-002', lang: 'sw', task: 'qa', text: 'Swali:\nG?\nJibu:\nH', label: null },
  ];
  await writeFile(dataset, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return { dir, annotations, dataset };
}

const createArgs = (w: { annotations: string; dataset: string }, ...extra: string[]) => [
  'study', 'create', w.annotations, '--dataset', 'd', '--dataset-file', w.dataset,
  '--annotator', 'dr-a:ja,sw', '--annotator', 'dr-b:ja,sw', '--overlap', '1', '--seed', '11', ...extra,
];

test('medco study create writes a valid _study.json; a second create needs --force; status counts judgements', async () => {
  const w = await workspace();
  const r = await medco(...createArgs(w, '--mode', 'pairwise', '--configs', 'direct,coreasoner', '--json'));
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.deepEqual(summary.annotators, { 'dr-a': { assigned: 2 }, 'dr-b': { assigned: 2 } });
  const file = path.join(w.annotations, 'd', '_study.json');
  const study = JSON.parse(await readFile(file, 'utf8'));
  assert.ok(validateStudyFile(study).ok);
  assert.equal(study.mode, 'pairwise');
  assert.deepEqual(study.pairwise, { configs: ['direct', 'coreasoner'] });
  assert.deepEqual(study.hide, ['annotators', 'configs', 'judges']);
  assert.deepEqual([...study.assignments['dr-a'], ...study.assignments['dr-b']].sort(), ['qa-ja-001', 'qa-ja-002', 'qa-sw-001', 'qa-sw-002']);

  const before = await readFile(file);
  const again = await medco(...createArgs(w, '--seed', '12'));
  assert.equal(again.code, 1);
  assert.match(again.stderr, /_study\.json: a study already exists .* --force/);
  assert.deepEqual(await readFile(file), before);

  // A pairwise judgement by dr-a on one of their items, with both traces recorded.
  const traces = path.join(w.dir, 'd.traces.jsonl');
  const item = study.assignments['dr-a'][0];
  const lang = item.includes('-sw-') ? 'sw' : 'ja';
  const base = sampleTrace({ itemId: item, lang });
  const co = { ...base, id: 't-co', config: { ...base.config, name: 'coreasoner' } };
  const di = { ...base, id: 't-di', config: { ...base.config, name: 'direct' } };
  await appendTrace(traces, co);
  await appendTrace(traces, di);
  const rated = await medco('rate', w.annotations, '--dataset', 'd', '--annotator', 'dr-a', '--item', item, '--pair', 'direct,coreasoner',
    '--prefer', 'clinical_soundness=coreasoner', '--prefer', 'cultural_grounding=tie', '--traces', traces, '--duration-ms', '3000', '--json');
  assert.equal(rated.code, 0, rated.stderr);
  const entry = JSON.parse(rated.stdout);
  assert.deepEqual(entry.sides, pairSides(11, 'dr-a', item, 'direct', 'coreasoner'));
  assert.deepEqual(entry.traceIds, { coreasoner: 't-co', direct: 't-di' });
  assert.deepEqual(entry.traceSha256, { coreasoner: traceSha256(co), direct: traceSha256(di) });
  assert.deepEqual(entry.winner, { clinical_soundness: 'coreasoner', cultural_grounding: 'tie' });
  const annotatorFile = JSON.parse(await readFile(path.join(w.annotations, 'd', 'dr-a.json'), 'utf8'));
  assert.deepEqual(annotatorFile.comparisons[`${item}::coreasoner::direct`], entry);

  const status = await medco('study', 'status', w.annotations, '--dataset', 'd', '--json');
  assert.equal(status.code, 0, status.stderr);
  const s = JSON.parse(status.stdout);
  assert.deepEqual(s.annotators['dr-a'], { assigned: 2, done: 1, medianMs: 3000, calibrationDone: 0, calibrationAgreement: { withReference: { exact: null, compared: 0 }, withOthers: { exact: null, compared: 0 } } });
  assert.deepEqual(s.annotators['dr-b'], { assigned: 2, done: 0, medianMs: null, calibrationDone: 0, calibrationAgreement: { withReference: { exact: null, compared: 0 }, withOthers: { exact: null, compared: 0 } } });
  assert.deepEqual(s.outsideAssignment, {});
});

test('a study replaced after ratings exist keeps every rating and reports those outside the new assignment', async () => {
  const w = await workspace();
  assert.equal((await medco(...createArgs(w))).code, 0);
  const study = JSON.parse(await readFile(path.join(w.annotations, 'd', '_study.json'), 'utf8'));
  for (const item of study.assignments['dr-a']) {
    assert.equal((await medco('rate', w.annotations, '--dataset', 'd', '--annotator', 'dr-a', '--item', item, '--set', 'clinical_soundness=4')).code, 0);
  }
  const ratings = path.join(w.annotations, 'd', 'dr-a.json');
  const ratingsBefore = await readFile(ratings);
  // dr-a now only reads Japanese, so their Swahili ratings fall outside the new study.
  const replaced = await medco('study', 'create', w.annotations, '--dataset', 'd', '--dataset-file', w.dataset,
    '--annotator', 'dr-a:ja', '--annotator', 'dr-b:ja,sw', '--overlap', '1', '--seed', '11', '--force', '--json');
  assert.equal(replaced.code, 0, replaced.stderr);
  const newStudy = JSON.parse(await readFile(path.join(w.annotations, 'd', '_study.json'), 'utf8'));
  const expectedOutside = study.assignments['dr-a'].filter((id: string) => !newStudy.assignments['dr-a'].includes(id)).sort();
  assert.ok(expectedOutside.length > 0, 'the test needs a rating outside the new assignment');
  assert.deepEqual(JSON.parse(replaced.stdout).outsideAssignment, { 'dr-a': expectedOutside });
  assert.match(replaced.stderr, /warning: dr-a has \d+ judged item\(s\) outside the new assignment \(kept in their file\)/);
  assert.deepEqual(await readFile(ratings), ratingsBefore, 'ratings are never deleted');
  const status = JSON.parse((await medco('study', 'status', w.annotations, '--dataset', 'd', '--json')).stdout);
  assert.deepEqual(status.outsideAssignment, { 'dr-a': expectedOutside });
});

test('study errors: an item nobody can rate (exit 1), malformed flags (exit 2), a hand-edited assignment against the dataset', async () => {
  const w = await workspace();
  const nobody = await medco('study', 'create', w.annotations, '--dataset', 'd', '--dataset-file', w.dataset, '--annotator', 'dr-a:ja', '--overlap', '1');
  assert.equal(nobody.code, 1);
  assert.match(nobody.stderr, /2 item\(s\) in sw \(first: qa-sw-001\): no annotator knows sw, so nobody can rate them/);
  for (const args of [
    ['--annotator', 'dr-a'],
    ['--annotator', 'dr-a:ja', '--mode', 'pairwise'],
    ['--annotator', 'dr-a:ja', '--configs', 'a,b'],
    ['--annotator', 'dr-a:ja', '--mode', 'pairwise', '--configs', 'a,a'],
    ['--annotator', 'dr-a:ja', '--overlap', '0'],
  ]) {
    const r = await medco('study', 'create', w.annotations, '--dataset', 'd', '--dataset-file', w.dataset, '--overlap', '1', ...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  }
  // A hand-edited study giving a Swahili item to someone without Swahili: named with file and line.
  assert.equal((await medco(...createArgs(w, '--order', 'dataset'))).code, 0);
  const file = path.join(w.annotations, 'd', '_study.json');
  const study = JSON.parse(await readFile(file, 'utf8'));
  study.annotators[0].languages = ['ja'];
  await writeFile(file, JSON.stringify(study, null, 2) + '\n');
  const status = await medco('study', 'status', w.annotations, '--dataset', 'd', '--dataset-file', w.dataset, '--json');
  assert.equal(status.code, 0, status.stderr);
  const problems = JSON.parse(status.stdout).problems;
  const swOfA = study.assignments['dr-a'].filter((id: string) => id.includes('-sw-'));
  assert.equal(problems.length, swOfA.length);
  for (const p of problems) {
    assert.equal(p.file, file);
    assert.match(p.message, /is in sw, which dr-a does not rate \(languages: ja\)/);
    assert.ok(p.line > 1);
  }
  const missing = await medco('study', 'status', w.annotations, '--dataset', 'other', '--json');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no study for dataset other/);
});

test('medco rate --pair: a pair without both configurations\' traces, a bad outcome and usage errors change nothing', async () => {
  const w = await workspace();
  const traces = path.join(w.dir, 'd.traces.jsonl');
  const base = sampleTrace({ itemId: 'qa-ja-001' });
  await appendTrace(traces, { ...base, id: 't1', config: { ...base.config, name: 'direct' } });
  await appendTrace(traces, { ...base, id: 't2', createdAt: '2026-11-22T10:00:00.000Z', config: { ...base.config, name: 'direct' } });
  const rate = (...args: string[]) => medco('rate', w.annotations, '--dataset', 'd', '--annotator', 'dr-a', '--item', 'qa-ja-001', ...args);
  const same = await rate('--pair', 'coreasoner,direct', '--prefer', 'clinical_soundness=tie', '--traces', traces);
  assert.equal(same.code, 1);
  assert.match(same.stderr, /item qa-ja-001 has 2 traces, all of configuration direct; a comparison needs one trace of coreasoner and one of direct/);
  const bad = await rate('--pair', 'coreasoner,direct', '--prefer', 'clinical_soundness=best');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /"best" is not coreasoner, direct, tie or both_bad/);
  for (const args of [['--pair', 'a'], ['--pair', 'a,b', '--set', 'clinical_soundness=3'], ['--prefer', 'clinical_soundness=a'], ['--pair', 'a,b']]) {
    const r = await rate(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  }
  await assert.rejects(readFile(path.join(w.annotations, 'd', 'dr-a.json')), /ENOENT/);
});

test('medco study status: per annotator, exact calibration agreement with a hand-written reference and with the others', async () => {
  const w = await workspace();
  assert.equal((await medco(...createArgs(w, '--calibration', '1'))).code, 0);
  const file = path.join(w.annotations, 'd', '_study.json');
  const study = JSON.parse(await readFile(file, 'utf8'));
  const [item] = study.calibration;
  study.showCalibrationReference = true;
  study.calibrationReference = { [item]: { rating: { clinical_soundness: 4, cultural_grounding: 2 }, note: 'n' } };
  await writeFile(file, JSON.stringify(study, null, 2) + '\n');
  const rate = (who: string, ...sets: string[]) => medco('rate', w.annotations, '--dataset', 'd', '--annotator', who, '--item', item, ...sets.flatMap((s) => ['--set', s]));
  assert.equal((await rate('dr-a', 'clinical_soundness=4', 'cultural_grounding=3')).code, 0);
  assert.equal((await rate('dr-b', 'clinical_soundness=4', 'cultural_grounding=2')).code, 0);
  const r = await medco('study', 'status', w.annotations, '--dataset', 'd', '--json');
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.deepEqual(s.annotators['dr-a'].calibrationAgreement, { withReference: { exact: 0.5, compared: 2 }, withOthers: { exact: 0.5, compared: 2 } });
  assert.deepEqual(s.annotators['dr-b'].calibrationAgreement, { withReference: { exact: 1, compared: 2 }, withOthers: { exact: 0.5, compared: 2 } });
  const text = await medco('study', 'status', w.annotations, '--dataset', 'd');
  assert.match(text.stdout, /dr-b: 1\/\d+ done, calibration 100% as the reference \(2 value\(s\)\), 50% as the others \(2 value\(s\)\)/);
});
