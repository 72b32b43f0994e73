// Label Studio and Argilla round trips: medco export → the file edited as the tool writes it after
// annotation → medco import → the new annotators are in medco stats. Bad input is named by file and
// line, and nothing is written for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { annotatorFile, medco, root, SAMPLE_DATASET, sampleTraces, workspace } from './helpers';

const TSX = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

const ITEMS = ['qa-ja-001', 'nli-ja-001'];

function rated() {
  return workspace([annotatorFile('dr-a', { 'qa-ja-001': { rating: { clinical_soundness: 4, cultural_grounding: 3 } }, 'nli-ja-001': { rating: { clinical_soundness: 5, cultural_grounding: 4 } } })]);
}

/** A result as Label Studio's JSON export writes it. */
const lsResult = (from_name: string, type: string, value: Record<string, unknown>) => ({ id: `r-${from_name}`, from_name, to_name: 'answer', type, value, origin: 'manual' });

function lsAnnotation(completed_by: unknown, results: unknown[], extra: Record<string, unknown> = {}) {
  return { id: 1001, completed_by, result: results, was_cancelled: false, ground_truth: false, created_at: '2026-11-23T09:00:00.000Z', updated_at: '2026-11-23T09:01:00.000Z', lead_time: 12.5, task: 1, ...extra };
}

test('Label Studio: tasks and labeling config from the rubric; the export of those tasks imports as revisions that stats counts', async () => {
  const { ws, dir, traces } = rated();
  const out = path.join(ws, 'ls');
  const exported = await medco(['export', dir, '--format', 'labelstudio', '--out', out, '--traces', traces]);
  assert.equal(exported.code, 0, exported.stderr);
  const tasks = JSON.parse(readFileSync(path.join(out, 'tasks.json'), 'utf8')) as { data: Record<string, string> }[];
  const byId = new Map(tasks.map((t) => [t.data.medco_item_id, t]));
  const trace = sampleTraces().get('qa-ja-001')!;
  assert.deepEqual(
    (({ medco_item_id, question, reasoning_en, reasoning_local, answer }) => ({ medco_item_id, question, reasoning_en, reasoning_local, answer }))(byId.get('qa-ja-001')!.data),
    { medco_item_id: 'qa-ja-001', question: trace.local.question, reasoning_en: trace.english.reasoning, reasoning_local: trace.local.reasoning, answer: trace.final.response },
  );
  assert.equal(tasks.length, sampleTraces().size);
  const config = readFileSync(path.join(out, 'label_config.xml'), 'utf8');
  assert.match(config, /<Rating name="clinical_soundness" toName="answer" maxRating="5"/);
  assert.match(config, /<Rating name="cultural_grounding" toName="answer" maxRating="5"/);
  assert.match(config, /<Choices name="flags" toName="answer" choice="multiple">[\s\S]*<Choice value="unsafe"/);
  assert.match(config, /<TextArea name="comment" toName="answer"/);

  // Annotated in Label Studio, then Export → JSON.
  const lsExport = ITEMS.map((itemId, i) => ({
    id: i + 1,
    data: byId.get(itemId)!.data,
    annotations: [
      lsAnnotation(7, [lsResult('clinical_soundness', 'rating', { rating: 3 + i }), lsResult('cultural_grounding', 'rating', { rating: 2 }), lsResult('flags', 'choices', { choices: ['unavailable_locally'] }), lsResult('comment', 'textarea', { text: ['first line', 'second'] })]),
      lsAnnotation({ id: 9, email: 'dr.x@clinic.org' }, [lsResult('clinical_soundness', 'rating', { rating: 5 })]),
      lsAnnotation(11, [lsResult('clinical_soundness', 'rating', { rating: 1 })], { was_cancelled: true }),
      lsAnnotation(13, []), // submitted with nothing filled in
    ],
    predictions: [],
    project: 3,
  }));
  const exportFile = path.join(ws, 'project-3-at-2026.json');
  writeFileSync(exportFile, JSON.stringify(lsExport, null, 2));
  const map = path.join(ws, 'map.json');
  writeFileSync(map, JSON.stringify({ 'dr.x@clinic.org': 'dr-x' }));
  const imported = await medco(['import', 'labelstudio', exportFile, '--annotations', dir, '--dataset', 'mx', '--annotator-map', map, '--traces', traces]);
  assert.equal(imported.code, 0, imported.stderr);
  assert.deepEqual(readdirSync(path.join(dir, 'mx')).sort(), ['dr-a.json', 'dr-x.json', 'ls-7.json']);
  const ls7 = JSON.parse(readFileSync(path.join(dir, 'mx', 'ls-7.json'), 'utf8'));
  assert.deepEqual(ls7.items['qa-ja-001'].rating, { clinical_soundness: 3, cultural_grounding: 2, flags: ['unavailable_locally'], comment: 'first line\nsecond' });
  assert.equal(ls7.items['qa-ja-001'].durationMs, 12500);
  assert.equal(ls7.items['qa-ja-001'].traceId, trace.id);
  assert.equal(ls7.items['nli-ja-001'].rating.clinical_soundness, 4);

  // medco stats as its own process, as a user runs it after the import.
  const stats = spawnSync(process.execPath, ['--import', TSX, path.join(root, 'src/cli/main.ts'), 'stats', dir, '--json', '--bootstrap', '0'], { encoding: 'utf8' });
  assert.equal(stats.status, 0, stats.stderr);
  assert.deepEqual(JSON.parse(stats.stdout).annotators, ['dr-a', 'dr-x', 'ls-7']);

  // Re-annotated in Label Studio and imported again: a new revision, the old one in history.
  lsExport[0].annotations[0].result[0] = lsResult('clinical_soundness', 'rating', { rating: 5 });
  writeFileSync(exportFile, JSON.stringify(lsExport, null, 2));
  assert.equal((await medco(['import', 'labelstudio', exportFile, '--annotations', dir, '--dataset', 'mx', '--annotator-map', map])).code, 0);
  const again = JSON.parse(readFileSync(path.join(dir, 'mx', 'ls-7.json'), 'utf8')).items['qa-ja-001'];
  assert.equal(again.revision, 2);
  assert.equal(again.rating.clinical_soundness, 5);
  assert.equal(again.history[0].rating.clinical_soundness, 3);
});

test('Label Studio import: unknown items, values off the scale, unknown flags and malformed files are named by line; nothing is written', async () => {
  const { ws, dir, traces } = rated();
  const files = () => Object.fromEntries(readdirSync(path.join(dir, 'mx')).map((f) => [f, readFileSync(path.join(dir, 'mx', f), 'utf8')]));
  const before = files();
  const bad = [
    { id: 1, data: { medco_item_id: 'qa-ja-001' }, annotations: [lsAnnotation(7, [lsResult('clinical_soundness', 'rating', { rating: 4 })])] },
    { id: 2, data: { medco_item_id: 'qa-xx-999' }, annotations: [lsAnnotation(7, [lsResult('clinical_soundness', 'rating', { rating: 4 })])] },
    { id: 3, data: { medco_item_id: 'nli-ja-001' }, annotations: [lsAnnotation(7, [lsResult('clinical_soundness', 'rating', { rating: 9 }), lsResult('flags', 'choices', { choices: ['not_a_flag'] })])] },
  ];
  const file = path.join(ws, 'bad.json');
  writeFileSync(file, JSON.stringify(bad, null, 2));
  const run = await medco(['import', 'labelstudio', file, '--annotations', dir, '--dataset', 'mx', '--traces', traces]);
  assert.equal(run.code, 1);
  const text = JSON.stringify(bad, null, 2).split('\n');
  const lineOfTask = (id: number) => text.findIndex((l) => l.includes(`"id": ${id},`)) + 1;
  assert.match(run.stderr, new RegExp(`bad\\.json:${lineOfTask(2) + 5}: unknown item id "qa-xx-999"`));
  assert.match(run.stderr, new RegExp(`bad\\.json:${lineOfTask(3) + 5}: rating "clinical_soundness" = 9 is off the rubric's scale 1–5`));
  assert.match(run.stderr, /flags: "not_a_flag" not in rubric medco-expert/);
  assert.match(run.stderr, /3 problem\(s\); nothing was imported/);
  assert.deepEqual(files(), before); // not even the valid first task

  writeFileSync(file, '[\n  {"id": 1,\n   "data": {"medco_item_id": "qa-ja-001"},\n   "annotations": [}\n]\n');
  const malformed = await medco(['import', 'labelstudio', file, '--annotations', dir, '--dataset', 'mx']);
  assert.equal(malformed.code, 1);
  assert.match(malformed.stderr, /bad\.json:4:.*invalid JSON.*nothing was imported/);
  assert.deepEqual(files(), before);
  assert.ok(!existsSync(path.join(dir, 'mx', 'ls-7.json')));
});

test('Argilla: settings with a RatingQuestion per dimension, flags and comment; responses import back and join the statistics', async () => {
  const { ws, dir, traces } = rated();
  const out = path.join(ws, 'argilla');
  const exported = await medco(['export', dir, '--format', 'argilla', '--out', out, '--traces', traces, '--dataset', 'mx']);
  assert.equal(exported.code, 0, exported.stderr);
  const settings = JSON.parse(readFileSync(path.join(out, '.argilla', 'settings.json'), 'utf8'));
  const questions = Object.fromEntries(settings.questions.map((q: { name: string; settings: unknown }) => [q.name, q.settings]));
  assert.deepEqual(questions.clinical_soundness, { type: 'rating', options: [1, 2, 3, 4, 5].map((value) => ({ value })) });
  assert.equal(questions.flags.type, 'multi_label_selection');
  assert.ok(questions.flags.options.some((o: { value: string }) => o.value === 'unsafe'));
  assert.deepEqual(questions.comment, { type: 'text', use_markdown: false });
  assert.deepEqual(settings.fields.map((f: { name: string }) => f.name), ['question', 'reasoning_en', 'reasoning_local', 'answer']);
  assert.equal(JSON.parse(readFileSync(path.join(out, '.argilla', 'dataset.json'), 'utf8')).name, 'mx');

  // Annotated in Argilla, saved with Dataset.to_disk: responses per question, one per user.
  const records = JSON.parse(readFileSync(path.join(out, 'records.json'), 'utf8')) as { id: string; responses: Record<string, unknown> }[];
  const user = 'c5a1d1f4-6b0e-4c55-9a87-3f1d2b7e0a11';
  for (const r of records.filter((x) => ITEMS.includes(x.id))) {
    r.responses = {
      clinical_soundness: [{ value: 4, user_id: user }, { value: 2, user_id: 'u-2' }],
      cultural_grounding: [{ value: 3, user_id: user }],
      flags: [{ value: ['translation_error'], user_id: user }],
      comment: [{ value: 'ok', user_id: user }],
    };
  }
  writeFileSync(path.join(out, 'records.json'), JSON.stringify(records, null, 2));
  const map = path.join(ws, 'map.json');
  writeFileSync(map, JSON.stringify({ [user]: 'dr-argilla' }));
  const imported = await medco(['import', 'argilla', out, '--annotations', dir, '--dataset', 'mx', '--annotator-map', map, '--dataset-file', SAMPLE_DATASET]);
  assert.equal(imported.code, 0, imported.stderr);
  const mine = JSON.parse(readFileSync(path.join(dir, 'mx', 'dr-argilla.json'), 'utf8'));
  assert.deepEqual(mine.items['qa-ja-001'].rating, { clinical_soundness: 4, cultural_grounding: 3, flags: ['translation_error'], comment: 'ok' });
  assert.ok(existsSync(path.join(dir, 'mx', 'argilla-u-2.json')));
  const stats = await medco(['stats', dir, '--json', '--bootstrap', '0']);
  assert.deepEqual(JSON.parse(stats.stdout).annotators, ['argilla-u-2', 'dr-a', 'dr-argilla']);

  // A value off the scale: named with its record's line, nothing written.
  const before = readFileSync(path.join(dir, 'mx', 'dr-argilla.json'), 'utf8');
  records[0].responses = { clinical_soundness: [{ value: 0, user_id: user }] };
  writeFileSync(path.join(out, 'records.json'), JSON.stringify(records, null, 2));
  const bad = await medco(['import', 'argilla', path.join(out, 'records.json'), '--annotations', dir, '--dataset', 'mx', '--annotator-map', map]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /records\.json:2: clinical_soundness = 0 is off the rubric's scale 1–5/);
  assert.equal(readFileSync(path.join(dir, 'mx', 'dr-argilla.json'), 'utf8'), before);
});
