import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { loadDataset, summarizeDataset } from '../../../src/core/dataset';
import { tempDir, writeFixture } from './helpers';

/** Builds a workbook in the published MultiMed-X layout: header row, then one item per row. */
async function writeXlsx(file: string, header: string[], rows: string[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
}

test('bionli_jp_150.xlsx layout (EN, jp, gold_label): NLI items in Japanese with labels', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'bionli_jp_150.xlsx');
  const rows: string[][] = [];
  for (let i = 1; i <= 5; i++) {
    rows.push([
      `\nPremise:\nPremise ${i}.\nHypothesis:\nHypothesis ${i}.`,
      i % 2 === 0 ? `前提：\n前提${i}。\n\n仮説：\n仮説${i}。` : `前提: 前提${i}。  仮説: 仮説${i}。`,
      i <= 2 ? 'entailment' : 'contradiction',
    ]);
  }
  await writeXlsx(file, ['EN', 'jp', 'gold_label'], rows);
  const ds = await loadDataset([file]);
  assert.equal(ds.name, 'bionli_jp_150');
  assert.deepEqual(ds.errors, []);
  assert.deepEqual(ds.warnings, []);
  assert.deepEqual(ds.items.map((i) => i.id), ['nli-ja-001', 'nli-ja-002', 'nli-ja-003', 'nli-ja-004', 'nli-ja-005']);
  assert.deepEqual(ds.items.map((i) => i.origin.line), [2, 3, 4, 5, 6]);
  const third = ds.items[2];
  assert.equal(third.local.premise, '前提3。');
  assert.equal(third.local.hypothesis, '仮説3。');
  assert.equal(third.english?.hypothesis, 'Hypothesis 3.');
  const s = summarizeDataset(ds);
  assert.deepEqual(s.byLanguage, { ja: 5 });
  assert.deepEqual(s.byTask, { nli: 5 });
  assert.deepEqual(s.labels, { entailment: 2, contradiction: 3 });
});

test('liveqa_jp_200.xlsx layout (EN, jp): QA by file name; a row with no local text is an error at its row', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'liveqa_jp_200.xlsx');
  await writeXlsx(file, ['EN', 'jp'], [
    ['Question:\nQ1\nAnswer:\nA1', '質問:\n問1\n回答:\n答1'],
    ['Question:\nQ2\nAnswer:\nA2', ''],
    ['Question:\nQ3\nAnswer:\nA3', '質問:\n問3\n回答:\n答3'],
  ]);
  const ds = await loadDataset([file]);
  assert.deepEqual(ds.items.map((i) => [i.id, i.task]), [['qa-ja-001', 'qa'], ['qa-ja-003', 'qa']]);
  assert.deepEqual(ds.items[1].local, { question: '問3', answer: '答3' });
  assert.equal(ds.errors.length, 1);
  assert.equal(ds.errors[0].line, 3);
  assert.match(ds.errors[0].message, /text is missing/);
});

test('both published spreadsheets together count per language, task and label', async () => {
  const dir = tempDir();
  const nli = path.join(dir, 'bionli_jp_150.xlsx');
  const qa = path.join(dir, 'liveqa_jp_200.xlsx');
  await writeXlsx(nli, ['EN', 'jp', 'gold_label'], [
    ['Premise: a Hypothesis: b', '前提: a 仮説: b', 'entailment'],
    ['Premise: c Hypothesis: d', '前提: c 仮説: d', 'contradiction'],
    ['Premise: e Hypothesis: f', '前提: e 仮説: f', 'contradiction'],
  ]);
  await writeXlsx(qa, ['EN', 'jp'], [['Question: q Answer: a', '質問: q 回答: a']]);
  const s = summarizeDataset(await loadDataset([nli, qa]));
  assert.equal(s.items, 4);
  assert.deepEqual(s.byLanguage, { ja: 4 });
  assert.deepEqual(s.byTask, { nli: 3, qa: 1 });
  assert.deepEqual(s.labels, { entailment: 1, contradiction: 2 });
});

test('a workbook that is not a workbook is one file error, not a crash', async () => {
  const dir = tempDir();
  const file = writeFixture(dir, 'broken.xlsx', 'PK this is not a zip');
  const ds = await loadDataset([file]);
  assert.equal(ds.items.length, 0);
  assert.equal(ds.errors.length, 1);
  assert.equal(ds.errors[0].line, 0);
});

test('.csv: header EN,<lang>,gold_label; quoted multi-line cells; rows numbered as a spreadsheet shows them', async () => {
  const dir = tempDir();
  const csv = [
    'EN,sw,gold_label',
    '"Premise:\nA.\nHypothesis:\nB.","Dhana:\nA.\nNadharia:\nB.",entailment',
    '"Premise: C. Hypothesis: D.","Dhana: C. Nadharia: D.",maybe',
    '',
    '"Premise: E. Hypothesis: F.","Dhana: E. Nadharia: F.",contradiction',
  ].join('\n');
  const file = writeFixture(dir, 'nli_sw.csv', csv);
  const ds = await loadDataset([file]);
  assert.deepEqual(ds.items.map((i) => [i.id, i.lang, i.task, i.label, i.origin.line]), [
    ['nli-sw-001', 'sw', 'nli', 'entailment', 2],
    ['nli-sw-002', 'sw', 'nli', null, 3],
    ['nli-sw-004', 'sw', 'nli', 'contradiction', 5],
  ]);
  assert.deepEqual(ds.items[0].local, { question: 'Dhana:\nA.\nNadharia:\nB.', premise: 'A.', hypothesis: 'B.' });
  assert.deepEqual(ds.errors.map((e) => e.line), [3]);
  assert.match(ds.errors[0].message, /bad label "maybe"/);
});

test('.csv without a language column is reported at the header', async () => {
  const dir = tempDir();
  const file = writeFixture(dir, 'x.csv', 'EN,gold_label\nPremise: a,entailment\n');
  const ds = await loadDataset([file]);
  assert.equal(ds.items.length, 0);
  assert.deepEqual(ds.errors.map((e) => e.line), [1]);
  assert.match(ds.errors[0].message, /no language column/);
});
