import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { jsonl, tempDir, writeFixture } from './helpers';

const root = path.resolve(__dirname, '../../..');

function medco(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('medco validate --json on a clean spreadsheet: counts per language, task and label; exit 0', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'bionli_jp_150.xlsx');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['EN', 'jp', 'gold_label']);
  sheet.addRow(['Premise: a Hypothesis: b', '前提: a 仮説: b', 'entailment']);
  sheet.addRow(['Premise: c Hypothesis: d', '前提: c 仮説: d', 'contradiction']);
  sheet.addRow(['Premise: e Hypothesis: f', '前提：e 仮説：f', 'entailment']);
  await workbook.xlsx.writeFile(file);

  const r = medco('validate', '--json', file);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    items: 3,
    byLanguage: { ja: 3 },
    byTask: { nli: 3 },
    labels: { entailment: 2, contradiction: 1 },
    errors: [],
    warnings: [],
  });
});

test('medco validate --json with a bad row: the report lists file and line, exit 1', () => {
  const dir = tempDir();
  const file = writeFixture(dir, 'sw.jsonl', [
    JSON.stringify({ en: 'Question:\nq\nAnswer:\na', sw: 'Swali:\nq\nJibu:\na' }),
    'not json',
    JSON.stringify({ en: 'Question:\nq2\nAnswer:\na2', sw: 'Swali:\nq2\nJibu:\na2' }),
  ].join('\n'));
  const r = medco('validate', '--json', file);
  assert.equal(r.status, 1);
  const report = JSON.parse(r.stdout);
  assert.equal(report.items, 2);
  assert.deepEqual(report.byLanguage, { sw: 2 });
  assert.equal(report.errors.length, 1);
  assert.equal(report.errors[0].file, file);
  assert.equal(report.errors[0].line, 2);
});

test('medco validate (human output): summary table and file:line problems', () => {
  const dir = tempDir();
  const file = writeFixture(dir, 'mixed.jsonl', jsonl([
    { id: 'qa-zu-001', lang: 'zu', task: 'qa', text: 'Umbuzo:\nq\nImpendulo:\na' },
    { id: 'qa-zu-002', lang: 'zu', task: 'qa', text: 'just a question' },
  ]));
  const r = medco('validate', file);
  assert.equal(r.status, 0, 'warnings alone do not fail');
  assert.match(r.stdout, /Dataset mixed: 2 item\(s\), 0 error\(s\), 1 warning\(s\)/);
  assert.match(r.stdout, /zu\s+isiZulu\s+2/);
  assert.ok(r.stdout.includes(`${file}:2: no answer marker`));
  assert.equal(medco('validate', '--strict', file).status, 1, '--strict fails on warnings');
});

test('medco validate: unreadable file exits 1; no argument is a usage error (exit 2)', () => {
  const missing = medco('validate', '--json', path.join(tempDir(), 'nope.jsonl'));
  assert.equal(missing.status, 1);
  assert.equal(JSON.parse(missing.stdout).errors.length, 1);
  assert.equal(medco('validate').status, 2);
});

test('medco validate --max-warnings must be a whole number: "abc" is a usage error (exit 2)', () => {
  const dir = tempDir();
  const file = writeFixture(dir, 'sw.jsonl', jsonl([{ id: 'qa-sw-001', lang: 'sw', task: 'qa', text: 'Swali: a' }]));
  for (const bad of ['abc', '-1', '']) {
    const r = medco('validate', file, '--max-warnings', bad);
    assert.equal(r.status, 2, `${bad}: ${r.stderr}`);
    assert.equal(r.stdout, '');
  }
  const zero = medco('validate', file, '--max-warnings', '0');
  assert.equal(zero.status, 0, zero.stderr);
  assert.match(zero.stdout, /… and 1 more/);
});

test('medco validate: dataset text in the human summary cannot drive the terminal (control characters escaped)', () => {
  const dir = tempDir();
  const row = (id: string, lang: string) => JSON.stringify({ id, lang, task: 'qa', text: 'Question: a\nAnswer: b', label: null });
  const file = writeFixture(dir, 'esc.jsonl', [row('qa-xx-001', '\u001b[2Jxx'), row('qa-ja-001', 'ja')].join('\n') + '\n');
  const r = medco('validate', file);
  assert.equal(r.status, 0, r.stderr);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(r.stdout, /\u001b/);
  assert.match(r.stdout, /\\u001b\[2Jxx/);
  // --json keeps the exact value for scripts.
  const json = medco('validate', '--json', file);
  assert.ok(Object.keys(JSON.parse(json.stdout).byLanguage).some((code) => code.startsWith('\u001b[2')));
});
