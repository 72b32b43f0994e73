import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { formatProblem, loadDataset, summarizeDataset } from '../../../src/core/dataset';
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

test('.xlsx: a merged cell is an error at its cell and its rows are skipped; no row takes another row\'s text', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'liveqa_jp_200.xlsx');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['EN', 'jp']);
  sheet.addRow(['Question: q1 Answer: a1', '質問: 問1 回答: 答1']);
  sheet.addRow(['Question: q2 Answer: a2', '質問: 問2 回答: 答2']);
  sheet.addRow(['Question: q3 Answer: a3', '']);
  sheet.addRow(['Question: q4 Answer: a4', '質問: 問4 回答: 答4']);
  // The Japanese of row 3 spread over row 4: read naively, row 4 pairs q3 with 問2.
  sheet.mergeCells('B3:B4');
  await workbook.xlsx.writeFile(file);

  const ds = await loadDataset([file]);
  assert.deepEqual(ds.items.map((i) => [i.id, i.english?.question, i.local.question]), [
    ['qa-ja-001', 'q1', '問1'],
    ['qa-ja-004', 'q4', '問4'],
  ]);
  assert.deepEqual(ds.errors.map((e) => [e.line, e.cell]), [[3, 'B3'], [4, 'B4']]);
  const shown = ds.errors.map(formatProblem);
  assert.ok(shown[0].startsWith(`${file}:B3: merged cell`), shown[0]);
  assert.ok(shown[1].startsWith(`${file}:B4: merged cell`), shown[1]);
  assert.match(ds.errors[1].message, /B3:B4.*Row skipped/);
});

test('an unknown column (notes) is a warning and ignored, not a language with bogus items', async () => {
  const dir = tempDir();
  const xlsx = path.join(dir, 'liveqa_jp_200.xlsx');
  await writeXlsx(xlsx, ['EN', 'jp', 'notes'], [['Question: q1 Answer: a1', '質問: 問1 回答: 答1', 'check this one']]);
  const csv = writeFixture(dir, 'liveqa_sw.csv', 'EN,sw,Notes,am\n"Question: q Answer: a","Swali: s Jibu: j","n","Question: x"\n');
  const ds = await loadDataset([xlsx, csv]);
  assert.deepEqual(ds.errors, []);
  assert.deepEqual(ds.items.map((i) => [i.id, i.lang]), [['qa-ja-001', 'ja'], ['qa-sw-001', 'sw'], ['qa-am-001', 'am']]);
  const columnWarnings = ds.warnings.filter((w) => /column/.test(w.message));
  assert.deepEqual(columnWarnings.map((w) => [path.basename(w.file), w.line]), [['liveqa_jp_200.xlsx', 1], ['liveqa_sw.csv', 1]]);
  assert.match(columnWarnings[0].message, /"notes".*ignored/);
  // A column shaped like a language code still loads, with the unknown-language warning.
  assert.ok(ds.warnings.some((w) => /unknown language code "am"/.test(w.message)));
});

test('.csv delimiters are detected: semicolon- and tab-separated files load as columns', async () => {
  const dir = tempDir();
  const semicolon = writeFixture(dir, 'bionli_ja.csv', 'EN;jp;gold_label\n"Premise: a, b. Hypothesis: c.";前提: a、b。 仮説: c。;entailment\n');
  const tab = writeFixture(dir, 'liveqa_zh.csv', 'EN\tzh\nQuestion: q, r Answer: a\t问题: 问 答案: 答\n');
  const ds = await loadDataset([semicolon, tab]);
  assert.deepEqual(ds.errors, []);
  assert.deepEqual(ds.items.map((i) => [i.id, i.lang, i.task, i.label]), [
    ['nli-ja-001', 'ja', 'nli', 'entailment'],
    ['qa-zh-001', 'zh', 'qa', null],
  ]);
  assert.equal(ds.items[0].english?.premise, 'a, b.');
  assert.equal(ds.items[1].english?.question, 'q, r');
});

test('.csv in invalid UTF-8 (Shift-JIS): the line is an error, the other rows load', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'liveqa_jp.csv');
  const shiftJis = Buffer.from([0x8e, 0xbf, 0x96, 0xe2]); // 質問 in Shift-JIS
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from('EN,jp\n"Question: q1 Answer: a1","質問: 問1 回答: 答1"\n"Question: q2 Answer: a2","', 'utf8'),
      shiftJis,
      Buffer.from(': x"\n"Question: q3 Answer: a3","質問: 問3 回答: 答3"\n', 'utf8'),
    ]),
  );
  const ds = await loadDataset([file]);
  assert.deepEqual(ds.items.map((i) => [i.id, i.local.question]), [['qa-ja-001', '問1'], ['qa-ja-003', '問3']]);
  assert.deepEqual(ds.errors.map(formatProblem), [`${file}:3: not valid UTF-8; line skipped`]);
  assert.ok(!ds.items.some((i) => i.text.includes('\uFFFD')));
});
