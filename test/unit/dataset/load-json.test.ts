import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, loadDataset } from '../../../src/core/dataset';
import { jsonl, tempDir, writeFixture } from './helpers';

const QA_JA = '質問:\n頭痛がします。\n回答:\n休んでください。';
const QA_EN = 'Question:\nI have a headache.\nAnswer:\nPlease rest.';
const NLI_JA = '前提: Aが投与された。  仮説: Bが起こる。';

test('MultiMed-X rows: fields, split, parallel English from text_en, dataset name', async () => {
  const dir = tempDir();
  const file = writeFixture(dir, 'multimedx-ja.jsonl', jsonl([
    { id: 'qa-ja-001', lang: 'ja', task: 'qa', source: 'LiveQA', text: QA_JA, text_en: QA_EN, label: null },
    { id: 'bionli-ja-001', lang: 'jp', task: 'nli', source: 'BioNLI', text: NLI_JA, label: 'Entailment' },
  ]));
  const ds = await loadDataset([file]);
  assert.equal(ds.name, 'multimedx-ja');
  assert.deepEqual(ds.errors, []);
  assert.equal(ds.items.length, 2);
  const [qa, nli] = ds.items;
  assert.equal(qa.id, 'qa-ja-001');
  assert.equal(qa.source, 'LiveQA');
  assert.deepEqual(qa.local, { question: '頭痛がします。', answer: '休んでください。' });
  assert.deepEqual(qa.english, { question: 'I have a headache.', answer: 'Please rest.' });
  assert.deepEqual(qa.origin, { file, line: 1 });
  assert.equal(nli.lang, 'ja', 'jp is mapped to ja');
  assert.equal(nli.label, 'entailment');
  assert.equal(nli.local.premise, 'Aが投与された。');
  assert.equal(nli.local.hypothesis, 'Bが起こる。');
  assert.equal(nli.english, undefined);
});

test('English rows pair with local rows by id and are not items themselves', async () => {
  const dir = tempDir();
  const file = writeFixture(dir, 'pairs.jsonl', jsonl([
    { id: 'qa-ja-001', lang: 'ja', task: 'qa', text: QA_JA, label: null },
    { id: 'qa-ja-002', lang: 'ja', task: 'qa', text: QA_JA, label: null },
    { id: 'qa-en-002', lang: 'en', task: 'qa', text: 'Question:\nSecond?\nAnswer:\nYes.', label: null },
    { id: 'qa-en-001', lang: 'en', task: 'qa', text: QA_EN, label: null },
    { id: 'qa-en-009', lang: 'en', task: 'qa', text: QA_EN, label: null },
  ]));
  const ds = await loadDataset([file]);
  assert.deepEqual(ds.items.map((i) => i.id), ['qa-ja-001', 'qa-ja-002']);
  assert.equal(ds.items[0].textEn, QA_EN);
  assert.deepEqual(ds.items[0].english, { question: 'I have a headache.', answer: 'Please rest.' });
  assert.deepEqual(ds.items[1].english, { question: 'Second?', answer: 'Yes.' });
  assert.deepEqual(ds.errors, []);
  assert.deepEqual(ds.warnings.map(formatProblem), [`${file}:5: English row has no local-language row with a matching id`]);
});

test('a JSONL with a bad line in the middle reports file:line and loads the rest', async () => {
  const dir = tempDir();
  const good = (n: number): string => JSON.stringify({ id: `qa-ko-00${n}`, lang: 'ko', task: 'qa', text: '질문:\nQ\n답변:\nA' });
  const file = writeFixture(dir, 'ko.jsonl', [good(1), good(2), '{"id": "qa-ko-003", "lang": "ko", ', '', good(4), good(5)].join('\n'));
  const ds = await loadDataset([file]);
  assert.deepEqual(ds.items.map((i) => i.id), ['qa-ko-001', 'qa-ko-002', 'qa-ko-004', 'qa-ko-005']);
  assert.deepEqual(ds.items.map((i) => i.origin.line), [1, 2, 5, 6]);
  assert.equal(ds.errors.length, 1);
  assert.equal(ds.errors[0].line, 3);
  assert.match(formatProblem(ds.errors[0]), new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: invalid JSON`));
});

test('a JSON array with a bad element reports the line the element starts on', async () => {
  const dir = tempDir();
  const source = [
    '[',
    '  {"id": "qa-zh-001", "lang": "zh", "task": "qa", "text": "问题:\\n头痛\\n答案:\\n休息"},',
    '  {',
    '    "id": "qa-zh-002", "lang": "zh",',
    '    "text": "问题: x" oops',
    '  },',
    '  {"id": "qa-zh-003", "lang": "zh", "task": "qa",',
    '   "text": "问题:\\n发烧 [高] {急}\\n答案:\\n看医生"}',
    ']',
  ].join('\n');
  const file = writeFixture(dir, 'zh.json', source);
  const ds = await loadDataset([file]);
  assert.deepEqual(ds.items.map((i) => [i.id, i.origin.line]), [['qa-zh-001', 2], ['qa-zh-003', 7]]);
  assert.deepEqual(ds.items[1].local, { question: '发烧 [高] {急}', answer: '看医生' });
  assert.equal(ds.errors.length, 1);
  assert.equal(ds.errors[0].line, 3);
  assert.match(ds.errors[0].message, /invalid JSON/);
});

test('paired rows: language key, generated ids, task from markers or label', async () => {
  const dir = tempDir();
  const sw = { en: 'Question:\nFever?\nAnswer:\nRest.', sw: '\nSwali:\nHoma?\n\nJibu:\nPumzika.' };
  const nli = { en: 'Premise:\nA.\nHypothesis:\nB.', zu: 'Isisekelo:\nA.\nUmcabango:\nB.', gold_label: 'contradiction' };
  const withId = { id: 'custom-1', task: 'qa', en: 'Question: x', yo: 'Ìbéèrè:\nx\nÌdáhùn:\ny' };
  const file = writeFixture(dir, 'paired.jsonl', jsonl([sw, nli, withId]));
  const ds = await loadDataset([file]);
  assert.deepEqual(ds.errors, []);
  assert.deepEqual(ds.items.map((i) => [i.id, i.lang, i.task, i.label]), [
    ['qa-sw-001', 'sw', 'qa', null],
    ['nli-zu-002', 'zu', 'nli', 'contradiction'],
    ['custom-1', 'yo', 'qa', null],
  ]);
  assert.deepEqual(ds.items[0].local, { question: 'Homa?', answer: 'Pumzika.' });
  assert.deepEqual(ds.items[0].english, { question: 'Fever?', answer: 'Rest.' });
  assert.equal(ds.items[1].local.hypothesis, 'B.');
});

test('duplicate ids, missing text, unknown task, bad label, unknown language', async () => {
  const dir = tempDir();
  const file = writeFixture(dir, 'bad.jsonl', jsonl([
    { id: 'qa-th-001', lang: 'th', task: 'qa', text: 'Question:\nก\nAnswer:\nข' },
    { id: 'qa-th-001', lang: 'th', task: 'qa', text: 'Question:\nค\nAnswer:\nง' },
    { id: 'qa-th-002', lang: 'th', task: 'qa', text: '   ' },
    { id: 'sum-th-001', lang: 'th', task: 'summary', text: 'x' },
    { id: 'nli-th-001', lang: 'th', task: 'nli', text: 'Premise: a Hypothesis: b', label: 'neutral' },
    { id: 'qa-fr-001', lang: 'fr', task: 'qa', text: 'Question:\nq\nAnswer:\na' },
    [1, 2],
    { title: 'not a row' },
  ]));
  const ds = await loadDataset([file]);
  assert.deepEqual(ds.items.map((i) => i.id), ['qa-th-001', 'nli-th-001', 'qa-fr-001']);
  assert.equal(ds.items[1].label, null);
  assert.equal(ds.items[2].lang, 'fr');
  const errors = ds.errors.map((e) => [e.line, e.message]);
  assert.equal(errors.length, 6);
  assert.deepEqual(errors.map(([line]) => line), [2, 3, 4, 5, 7, 8]);
  assert.match(String(errors[0][1]), /duplicate id "qa-th-001".*bad\.jsonl:1/);
  assert.match(String(errors[1][1]), /text is empty/);
  assert.match(String(errors[2][1]), /unknown task "summary"/);
  assert.match(String(errors[3][1]), /bad label "neutral"/);
  assert.match(String(errors[4][1]), /expected a JSON object/);
  assert.match(String(errors[5][1]), /unrecognized row/);
  assert.ok(ds.warnings.some((w) => w.line === 6 && /unknown language code "fr"/.test(w.message)));
});

test('a missing file is one error at line 0 and the other files still load', async () => {
  const dir = tempDir();
  const file = writeFixture(dir, 'ok.jsonl', jsonl([{ id: 'qa-ja-001', lang: 'ja', task: 'qa', text: QA_JA }]));
  const ds = await loadDataset([`${dir}/missing.jsonl`, file]);
  assert.equal(ds.items.length, 1);
  assert.equal(ds.errors.length, 1);
  assert.equal(ds.errors[0].line, 0);
  assert.match(formatProblem(ds.errors[0]), /missing\.jsonl: cannot read: ENOENT/);
  assert.equal(ds.name, dir.split('/').pop());
});

test('formatProblem is file:line: message', () => {
  assert.equal(formatProblem({ file: 'a.jsonl', line: 12, message: 'bad' }), 'a.jsonl:12: bad');
});

test('a .json file with one pretty-printed object is one row; a .json of JSON lines is JSONL', async () => {
  const dir = tempDir();
  const single = writeFixture(dir, 'one.json', JSON.stringify({ id: 'qa-ko-001', lang: 'ko', task: 'qa', text: '질문:\nq\n답변:\na' }, null, 2));
  const one = await loadDataset([single]);
  assert.deepEqual(one.errors, []);
  assert.deepEqual(one.items.map((i) => [i.id, i.origin.line, i.local.answer]), [['qa-ko-001', 1, 'a']]);
  const lines = writeFixture(dir, 'lines.json', jsonl([
    { id: 'qa-ko-001', lang: 'ko', task: 'qa', text: '질문: q' },
    { id: 'qa-ko-002', lang: 'ko', task: 'qa', text: '질문: r' },
  ]));
  const many = await loadDataset([lines]);
  assert.deepEqual(many.items.map((i) => [i.id, i.origin.line]), [['qa-ko-001', 1], ['qa-ko-002', 2]]);
});

test('an empty file loads nothing, with a warning naming it', async () => {
  const dir = tempDir();
  const empty = writeFixture(dir, 'empty.jsonl', '\n\n');
  const ds = await loadDataset([empty]);
  assert.equal(ds.items.length, 0);
  assert.deepEqual(ds.errors, []);
  assert.deepEqual(ds.warnings.map(formatProblem), [`${empty}: no rows found in this file`]);
});

test('a folder stands for its dataset files; traces files in it are left out', async () => {
  const dir = tempDir();
  writeFixture(dir, 'b.jsonl', jsonl([{ id: 'qa-zh-002', lang: 'zh', task: 'qa', text: '问题: b' }]));
  writeFixture(dir, 'a.jsonl', jsonl([{ id: 'qa-zh-001', lang: 'zh', task: 'qa', text: '问题: a' }]));
  writeFixture(dir, 'run.traces.jsonl', jsonl([{ schema: 'medco.trace/1', itemId: 'qa-zh-001' }]));
  writeFixture(dir, 'README.md', '# not a dataset\n');
  const ds = await loadDataset([dir]);
  assert.deepEqual(ds.files.map((f) => f.slice(dir.length + 1)), ['a.jsonl', 'b.jsonl']);
  assert.deepEqual(ds.items.map((i) => i.id), ['qa-zh-001', 'qa-zh-002']);
  assert.deepEqual(ds.errors, []);
  assert.equal(ds.name, dir.split('/').pop());

  const traces = await loadDataset([`${dir}/run.traces.jsonl`]);
  assert.match(traces.errors[0].message, /medco\.trace\/1 record, not a dataset row/);

  const emptyDir = tempDir();
  const none = await loadDataset([emptyDir]);
  assert.deepEqual(none.errors.map((e) => [e.file, e.line]), [[emptyDir, 0]]);
});

/** `質問` in Shift-JIS: bytes that are not valid UTF-8. */
const SHIFT_JIS = Buffer.from([0x8e, 0xbf, 0x96, 0xe2]);

test('a JSONL line in invalid UTF-8 (Shift-JIS) is an error at its line and skipped; the other lines load', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'multimedx-ja.jsonl');
  const row = (n: number, text: string) => `{"id":"qa-ja-00${n}","lang":"ja","task":"qa","text":"${text}"}\n`;
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(row(1, '質問: a 回答: b')), Buffer.from(row(2, '').slice(0, -3)), SHIFT_JIS, Buffer.from('"}\n'), Buffer.from(row(3, '質問: c 回答: d'))]),
  );
  const ds = await loadDataset([file]);
  assert.deepEqual(ds.items.map((i) => i.id), ['qa-ja-001', 'qa-ja-003']);
  assert.deepEqual(ds.errors.map(formatProblem), [`${file}:2: not valid UTF-8; row skipped`]);
});

test('a JSONL row holding a real U+FFFD character is valid UTF-8 and loads', async () => {
  const dir = tempDir();
  const file = writeFixture(dir, 'x.jsonl', jsonl([{ id: 'qa-ja-001', lang: 'ja', task: 'qa', text: '質問: a\uFFFDb 回答: c' }]));
  const ds = await loadDataset([file]);
  assert.deepEqual(ds.errors, []);
  assert.equal(ds.items[0].local.question, 'a\uFFFDb');
});

test('a JSON array element in invalid UTF-8 is an error at its line; the other elements load', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'rows.json');
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from('[\n  {"id": "qa-ja-001", "lang": "ja", "task": "qa", "text": "質問: a 回答: b"},\n  {"id": "qa-ja-002", "lang": "ja", "task": "qa",\n   "text": "'),
      SHIFT_JIS,
      Buffer.from('"},\n  {"id": "qa-ja-003", "lang": "ja", "task": "qa", "text": "質問: c 回答: d"}\n]\n'),
    ]),
  );
  const ds = await loadDataset([file]);
  assert.deepEqual(ds.items.map((i) => i.id), ['qa-ja-001', 'qa-ja-003']);
  assert.deepEqual(ds.errors.map((e) => [e.line, e.message]), [[4, 'not valid UTF-8; the element starting at line 3 is skipped']]);
});
