// Multiple-choice datasets (docs/formats.md §1): the published column layouts of Global-MMLU,
// MMLU-ProX and MMedBench in JSONL, CSV and Parquet, the medical filters, gold letters outside the
// options, language from the file name, English pairing by the source's ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, loadDataset, validateDataset } from '../../../src/core/dataset';
import { languageFromFileName } from '../../../src/core/dataset/languages';
import type { Dataset } from '../../../src/core/types';
import { jsonl, tempDir, writeFixture } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/mcq');
const fixture = (...parts: string[]): string => path.join(FIXTURES, ...parts);
const problems = (d: { errors: Dataset['errors'] }): string[] => d.errors.map(formatProblem);

test('Global-MMLU CSV: Medical rows only, options A–D, gold letter, ids from sample_id, language from the file name', async () => {
  const file = fixture('global-mmlu', 'global_mmlu_ja.csv');
  const d = await loadDataset([file]);
  assert.deepEqual(d.items.map((i) => i.id), ['mcq-ja-clinical_knowledge/test/1', 'mcq-ja-college_medicine/test/7', 'mcq-ja-medical_genetics/test/5']);
  const first = d.items[0];
  assert.equal(first.task, 'mcq');
  assert.equal(first.lang, 'ja');
  assert.equal(first.label, 'B');
  assert.equal(first.source, 'Global-MMLU');
  assert.equal(first.sourceId, 'clinical_knowledge/test/1');
  assert.deepEqual(first.options, { A: '30〜50回', B: '60〜100回', C: '110〜140回', D: '150〜180回' });
  assert.deepEqual(first.local, { question: first.text, options: first.options });
  assert.equal(first.english, undefined);
  // A quoted cell with a comma stays one option.
  assert.equal(d.items[2].options?.C, '75%, ただし男児のみ');
  // The gold letter outside the options: an error for that row (file:line), the others load.
  assert.deepEqual(problems(d), [`${file}:5: gold letter "E" is not one of the options (A, B, C, D); row skipped`]);
  assert.deepEqual(d.warnings.map(formatProblem), [`${file}: 1 row(s) outside the medical subset skipped (Global-MMLU subject_category is not "Medical")`]);
});

test('Global-MMLU: an English file alongside pairs by sample_id (options_en); its unpaired rows are English items', async () => {
  const d = await loadDataset([fixture('global-mmlu')]);
  const heart = d.items.find((i) => i.id === 'mcq-ja-clinical_knowledge/test/1');
  assert.equal(heart?.english?.question, 'What is the normal resting heart rate of a healthy adult (beats per minute)?');
  assert.deepEqual(heart?.optionsEn, { A: '30–50', B: '60–100', C: '110–140', D: '150–180' });
  assert.deepEqual(heart?.english?.options, heart?.optionsEn);
  assert.equal(heart?.textEn, heart?.english?.question);
  // Every English row found its Japanese row: no English items, no warnings about them.
  assert.equal(d.items.filter((i) => i.lang === 'en').length, 0);
  assert.equal(d.items.length, 3);

  const enOnly = await loadDataset([fixture('global-mmlu', 'global_mmlu_en.csv')]);
  assert.deepEqual(enOnly.items.map((i) => [i.id, i.lang, i.label]), [
    ['mcq-en-clinical_knowledge/test/1', 'en', 'B'],
    ['mcq-en-college_medicine/test/7', 'en', 'C'],
  ]);
  assert.deepEqual(enOnly.errors, []);
});

test('MMLU-ProX JSONL: health rows only, option_0…option_9 → A–J (N/A columns left out), question_id ids, answer/answer_index checked', async () => {
  const file = fixture('mmlu-prox', 'mmlu_prox_ja.jsonl');
  const d = await loadDataset([file]);
  assert.deepEqual(d.items.map((i) => [i.id, i.label, Object.keys(i.options ?? {}).join('')]), [
    ['mcq-ja-101', 'C', 'ABCDEFGHIJ'],
    ['mcq-ja-102', 'D', 'ABCD'],
  ]);
  assert.equal(d.items[0].options?.C, 'メトホルミン');
  assert.deepEqual(problems(d), [`${file}:4: answer "B" and answer_index 5 (F) disagree; row skipped`]);
  assert.deepEqual(d.warnings.map(formatProblem), [`${file}: 1 row(s) outside the medical subset skipped (MMLU-ProX category is not "health")`]);
});

test('MMedBench JSONL: options A–E, several gold letters, rationale kept, language from the file name (Japanese.jsonl)', async () => {
  const file = fixture('mmedbench', 'test', 'Japanese.jsonl');
  const d = await loadDataset([file]);
  assert.deepEqual(d.items.map((i) => [i.id, i.lang, i.label]), [
    ['mcq-ja-001', 'ja', 'D'],
    ['mcq-ja-002', 'ja', 'A,C'],
  ]);
  assert.match(d.items[0].rationale ?? '', /下壁/);
  assert.equal(d.items[0].source, 'MMedBench');
  assert.deepEqual(problems(d), [`${file}:3: gold letter "F" is not one of the options (A, B, C, D, E); row skipped`]);
});

test('Parquet (Global-MMLU columns, Hugging Face layout ja/test-….parquet): rows load with 1-based row numbers, language from the folder', async () => {
  const file = fixture('global-mmlu-parquet', 'ja', 'test-00000-of-00001.parquet');
  const d = await loadDataset([file]);
  assert.deepEqual(d.items.map((i) => [i.id, i.lang, i.label, i.origin.line]), [
    ['mcq-ja-clinical_knowledge/test/21', 'ja', 'C', 1],
    ['mcq-ja-nutrition/test/9', 'ja', 'A', 3],
  ]);
  assert.deepEqual(d.items[1].options, { A: '神経管閉鎖障害', B: '口唇裂', C: '先天性心疾患', D: '先天性難聴' });
  assert.deepEqual(d.errors, []);
  // A folder holding it is read too (.parquet is a dataset extension).
  assert.equal((await loadDataset([path.dirname(file)])).items.length, 2);
});

test('Parquet (MMLU-ProX columns, int64 question_id and answer_index): ids, letters A–J from the index, N/A options left out, health only', async () => {
  const file = fixture('mmlu-prox-parquet', 'ja', 'test-00000-of-00001.parquet');
  const d = await loadDataset([file]);
  assert.deepEqual(d.items.map((i) => [i.id, i.sourceId, i.label, i.origin.line]), [
    ['mcq-ja-201', '201', 'A', 1],
    ['mcq-ja-203', '203', 'B', 3],
  ]);
  assert.deepEqual(d.items[1].options, { A: '腹部エコー', B: '胸部X線', C: '頭部CT', D: '骨シンチグラフィ' });
  assert.deepEqual(d.errors, []);
  assert.deepEqual(d.warnings.map(formatProblem), [`${file}: 1 row(s) outside the medical subset skipped (MMLU-ProX category is not "health")`]);
});

test('validate counts mcq items and their gold letters', async () => {
  const s = await validateDataset([fixture('mmedbench', 'test', 'Japanese.jsonl'), fixture('mmlu-prox', 'mmlu_prox_ja.jsonl')]);
  assert.equal(s.items, 4);
  assert.deepEqual(s.byTask, { mcq: 4 });
  assert.deepEqual(s.byLanguage, { ja: 4 });
  assert.deepEqual(s.labels, { D: 2, 'A,C': 1, C: 1 });
  assert.equal(s.errors.length, 2);
});

test('our own mcq rows: task "mcq", options/options_en, label letters normalised; bad options and letters are row errors', async () => {
  const dir = tempDir();
  const file = writeFixture(dir, 'mine.jsonl', jsonl([
    { id: 'mcq-sw-001', lang: 'sw', task: 'mcq', question: 'Swali 1?', options: { a: 'moja', b: 'mbili' }, question_en: 'Question 1?', options_en: { A: 'one', B: 'two' }, label: 'b' },
    { id: 'mcq-sw-002', lang: 'sw', task: 'mcq', text: 'Swali 2?', options: { A: 'x', B: 'y', C: 'z' }, label: 'C, a' },
    { id: 'mcq-sw-003', lang: 'sw', task: 'mcq', text: 'Swali 3?', options: { A: 'x', B: 'y' }, label: 'AB' },
    { id: 'mcq-sw-004', lang: 'sw', task: 'mcq', text: 'Swali 4?', options: { 0: 'x', 1: 'y' }, label: 'A' },
    { id: 'mcq-sw-008', lang: 'sw', task: 'mcq', text: 'Swali 8?', options: ['x', 'y', 'z'], label: 'C' },
    { id: 'mcq-sw-005', lang: 'sw', task: 'mcq', text: 'Swali 5?', options: { A: 'x', B: '' }, label: 'A' },
    { id: 'mcq-sw-006', lang: 'sw', task: 'mcq', text: 'Swali 6?', options: { A: 'x', B: 'y' } },
    { id: 'mcq-sw-007', lang: 'sw', task: 'mcq', text: 'Swali 7?', options: { A: 'x', B: 'y' }, text_en: 'Question 7?', label: 'A' },
  ]));
  const d = await loadDataset([file]);
  assert.deepEqual(d.items.map((i) => [i.id, i.label]), [['mcq-sw-001', 'B'], ['mcq-sw-002', 'A,C'], ['mcq-sw-008', 'C'], ['mcq-sw-006', null], ['mcq-sw-007', 'A']]);
  // A list of options is lettered in order.
  assert.deepEqual(d.items[2].options, { A: 'x', B: 'y', C: 'z' });
  assert.deepEqual(d.items[0].english, { question: 'Question 1?', options: { A: 'one', B: 'two' } });
  assert.deepEqual(d.items[0].options, { A: 'moja', B: 'mbili' });
  // English question without English options: shown with the local options, and said so.
  assert.deepEqual(d.items[4].english, { question: 'Question 7?', options: { A: 'x', B: 'y' } });
  assert.equal(d.items[4].optionsEn, undefined);
  assert.deepEqual(problems(d), [
    `${file}:3: gold answer "AB" is not an option letter (the options are A–B); row skipped`,
    `${file}:4: options: key "0" is not an option letter (A–Z); row skipped`,
    `${file}:6: options: fewer than two non-empty options; row skipped`,
  ]);
  assert.deepEqual(d.warnings.map(formatProblem), [
    `${file}:7: multiple-choice item without a gold letter`,
    `${file}:8: English question without English options: the local options are shown with it`,
  ]);
});

test('rows without ids never pair across languages by row number (MMedBench languages are not parallel)', async () => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'test'));
  const row = (q: string) => ({ question: q, options: { A: 'a', B: 'b' }, answer_idx: 'A', answer: 'a', rationale: '', human_checked: 0, meta_info: '' });
  writeFixture(dir, 'test/English.jsonl', jsonl([row('An English question')]));
  writeFixture(dir, 'test/Japanese.jsonl', jsonl([row('日本語の問題')]));
  const d = await loadDataset([path.join(dir, 'test')]);
  assert.deepEqual(d.items.map((i) => [i.id, i.lang, i.english?.question]), [['mcq-en-001', 'en', undefined], ['mcq-ja-001', 'ja', undefined]]);
});

test('language of a multiple-choice row: lang/language column first, else the file name, else the folder', async () => {
  assert.equal(languageFromFileName('/x/global_mmlu_ja.csv'), 'ja');
  assert.equal(languageFromFileName('/x/test/Japanese.jsonl'), 'ja');
  assert.equal(languageFromFileName('/x/test/Chinese.jsonl'), 'zh');
  assert.equal(languageFromFileName('/x/de/test-00000-of-00001.parquet'), 'de');
  assert.equal(languageFromFileName('/x/data/test-00000-of-00001.parquet'), undefined);
  const dir = tempDir();
  const row = { question: 'q', options: { A: 'a', B: 'b' }, answer_idx: 'B' };
  const named = writeFixture(dir, 'Japanese.jsonl', jsonl([{ ...row, language: 'ko' }, { ...row, lang: 'sw' }, row]));
  assert.deepEqual((await loadDataset([named])).items.map((i) => i.lang), ['ko', 'sw', 'ja']);
  const unnamed = writeFixture(dir, 'questions.jsonl', jsonl([row]));
  const d = await loadDataset([unnamed]);
  assert.equal(d.items.length, 0);
  assert.deepEqual(problems(d), [`${unnamed}:1: language is missing ("lang"); row skipped`]);
});
