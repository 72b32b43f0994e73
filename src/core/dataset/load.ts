// loadDataset: opens dataset files of any form of docs/formats.md §1, detected by extension and
// content, and reports every bad row as file:line while loading the rest.
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Dataset } from '../types';
import { DatasetBuilder } from './builder';
import { splitJsonArray } from './jsonArray';
import { readLineBatches } from './jsonl';
import { rawItemFromRecord, taskFromFileName, type RawItem } from './rawItem';
import { readCsv, readXlsx, type Sheet } from './spreadsheet';
import { readParquetRows } from './parquet';
import { SummaryCounter, type DatasetSummary } from './summary';
import { canonicalLanguage } from './languages';
import { NOT_UTF8, readTextFile } from '../text/utf8';

export type DatasetFormat = 'jsonl' | 'json-array' | 'xlsx' | 'csv' | 'tsv' | 'parquet';

/** The form of a file: by extension, and by its first bytes when the extension says little. */
export async function detectFormat(file: string): Promise<DatasetFormat> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv') return 'tsv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.parquet') return 'parquet';
  const head = await firstBytes(file, 4096);
  if (head.subarray(0, 2).toString('latin1') === 'PK') return 'xlsx';
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  const firstChar = head.toString('utf8').replace(/^\uFEFF/, '').trimStart()[0];
  if (firstChar === '[') return 'json-array';
  if (firstChar === '{' || ext === '.json') return 'jsonl';
  return 'csv';
}

async function firstBytes(file: string, n: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buffer, 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Dataset name: the file's base name for one file, else the folder (or the names joined). */
export function datasetName(paths: string[]): string {
  const stem = (p: string): string => path.basename(p, path.extname(p));
  if (paths.length === 1) return /[\\/]$/.test(paths[0]) ? path.basename(paths[0]) : stem(paths[0]);
  const dirs = new Set(paths.map((p) => path.dirname(path.resolve(p))));
  if (dirs.size === 1) return path.basename([...dirs][0]);
  return paths.map(stem).join('+');
}

export async function loadDataset(paths: string[]): Promise<Dataset> {
  const { builder, files } = await build(paths, new DatasetBuilder());
  return { name: datasetName(paths), files, items: builder.items, errors: builder.log.errors, warnings: builder.log.warnings };
}

/**
 * The same checks and counts as summarizeDataset(await loadDataset(paths)), without keeping the
 * items: `medco validate` on a 100k-row file stays small.
 */
export async function validateDataset(paths: string[]): Promise<DatasetSummary> {
  const counter = new SummaryCounter();
  const { builder } = await build(paths, new DatasetBuilder((item) => counter.add(item)));
  return counter.summary(builder.log.errors, builder.log.warnings);
}

const DATASET_EXTENSIONS = new Set(['.jsonl', '.ndjson', '.json', '.xlsx', '.xlsm', '.csv', '.tsv', '.parquet']);

/**
 * A folder stands for the dataset files directly in it (sorted by name); traces
 * (`*.traces.jsonl`) and other files are left out. Other paths are kept as given, so that a
 * missing file is reported under the name the user typed.
 */
export async function expandDatasetPaths(paths: string[]): Promise<{ files: string[]; emptyFolders: string[] }> {
  const files: string[] = [];
  const emptyFolders: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (info === undefined || !info.isDirectory()) {
      files.push(p);
      continue;
    }
    const names = (await readdir(p, { withFileTypes: true }))
      .filter((e) => e.isFile() && DATASET_EXTENSIONS.has(path.extname(e.name).toLowerCase()) && !e.name.endsWith('.traces.jsonl'))
      .map((e) => e.name)
      .sort();
    if (names.length === 0) emptyFolders.push(p);
    files.push(...names.map((n) => path.join(p, n)));
  }
  return { files, emptyFolders };
}

async function build(paths: string[], builder: DatasetBuilder): Promise<{ builder: DatasetBuilder; files: string[] }> {
  const { files, emptyFolders } = await expandDatasetPaths(paths);
  for (const folder of emptyFolders) builder.log.error(folder, 0, 'no dataset files (.jsonl, .json, .xlsx, .csv, .tsv, .parquet) in this folder');
  for (const file of files) {
    const rowsBefore = builder.rowsSeen;
    const errorsBefore = builder.log.errors.length;
    try {
      await loadFile(file, builder);
    } catch (err) {
      // The file as a whole could not be read (missing, a folder, not a workbook): line 0.
      builder.log.error(file, 0, `cannot read: ${(err as Error).message}`);
    }
    if (builder.rowsSeen === rowsBefore && builder.log.errors.length === errorsBefore) {
      builder.log.warn(file, 0, 'no rows found in this file');
    }
  }
  builder.finish();
  return { builder, files };
}

async function loadFile(file: string, builder: DatasetBuilder): Promise<void> {
  const format = await detectFormat(file);
  const taskHint = taskFromFileName(file);
  switch (format) {
    case 'jsonl': {
      if (path.extname(file).toLowerCase() === '.json' && (await addWholeJsonObject(builder, file, taskHint))) return;
      let ordinal = 0;
      for await (const batch of readLineBatches(file)) {
        for (let i = 0; i < batch.length; i++) {
          ordinal++;
          const text = batch.text(i);
          // Mangled text must not load as if it were fine (a Shift-JIS or Latin-1 file).
          if (text.includes('\uFFFD') && !batch.isUtf8(i)) {
            builder.log.error(file, batch.lineNumber(i), `${NOT_UTF8}; row skipped`);
            continue;
          }
          addRecord(builder, () => JSON.parse(text), { file, line: batch.lineNumber(i), ordinal, taskHint });
        }
      }
      return;
    }
    case 'json-array': {
      const { text, badLines } = await readTextFile(file);
      const { elements, problem } = splitJsonArray(text);
      elements.forEach((el, i) => {
        const bad = firstBadLine(badLines, el.line, el.line + countNewlines(el.text));
        if (bad !== undefined) builder.log.error(file, bad, `${NOT_UTF8}; the element starting at line ${el.line} is skipped`);
        else addRecord(builder, () => JSON.parse(el.text), { file, line: el.line, ordinal: i + 1, taskHint });
      });
      if (problem !== undefined) builder.log.error(file, problem.line, problem.message);
      return;
    }
    case 'xlsx':
      addSheet(builder, file, await readXlsx(file));
      return;
    case 'csv':
    case 'tsv':
      addSheet(builder, file, await readCsv(file, format === 'tsv' ? '\t' : undefined));
      return;
    case 'parquet':
      // Line numbers of a Parquet file are its 1-based row numbers.
      for await (const { row, record } of readParquetRows(file)) {
        addRecord(builder, () => record, { file, line: row, ordinal: row, taskHint });
      }
      return;
  }
}

/**
 * A `.json` file holding one (possibly pretty-printed) object is one row. Returns false when
 * the file is not a single JSON value, to be read as JSONL instead.
 */
async function addWholeJsonObject(builder: DatasetBuilder, file: string, taskHint: RawItem['taskHint']): Promise<boolean> {
  // One item is never this big; a big `.json` is JSON lines, streamed without a whole read.
  if ((await stat(file)).size > 16 * 2 ** 20) return false;
  const { text: source, badLines } = await readTextFile(file);
  let value: unknown;
  try {
    value = JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch {
    return false;
  }
  const line = 1 + (source.slice(0, source.search(/\S/)).match(/\n/g)?.length ?? 0);
  const bad = firstBadLine(badLines, 1, Number.MAX_SAFE_INTEGER);
  if (bad !== undefined) builder.log.error(file, bad, `${NOT_UTF8}; the object is skipped`);
  else addRecord(builder, () => value, { file, line, ordinal: 1, taskHint });
  return true;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The first of `badLines` within [from, to], if any. */
function firstBadLine(badLines: ReadonlySet<number>, from: number, to: number): number | undefined {
  let first: number | undefined;
  for (const line of badLines) if (line >= from && line <= to && (first === undefined || line < first)) first = line;
  return first;
}

function addRecord(builder: DatasetBuilder, parse: () => unknown, where: Pick<RawItem, 'file' | 'line' | 'ordinal' | 'taskHint'>): void {
  let record: unknown;
  try {
    record = parse();
  } catch (err) {
    builder.log.error(where.file, where.line, `invalid JSON: ${(err as Error).message}`);
    return;
  }
  const raw = rawItemFromRecord(record, where);
  if (typeof raw === 'string') builder.log.error(where.file, where.line, raw);
  else if ('outOfSubset' in raw) builder.skipOutOfSubset(where.file, raw.outOfSubset);
  else builder.add(raw);
}

/** Columns that make a sheet one of rows (a published multiple-choice layout), not of languages. */
const MCQ_COLUMNS = new Set(['question', 'option_a', 'option_0', 'options']);

const SHEET_META = new Set(['en', 'gold_label', 'label', 'id', 'task', 'source']);

/**
 * Whether a header names a language: a known code or alias, or something shaped like a language
 * tag (`am`, `fil`, `pt-BR`), which loads with an "unknown language" warning. Anything else
 * (`notes`, `comment`) is a column we do not know: warned about and ignored, never read as a
 * language with bogus items.
 */
function isLanguageHeader(header: string): boolean {
  return canonicalLanguage(header) !== undefined || /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(header);
}

function addSheet(builder: DatasetBuilder, file: string, sheet: Sheet): void {
  for (const p of sheet.problems) builder.log.error(file, p.line, p.message, p.cell);
  const header = sheet.header.map((h) => h.toLowerCase());
  if (header.length === 0) {
    // (A header that could not be read was reported above.)
    if (sheet.problems.length === 0) builder.log.error(file, 0, 'the spreadsheet is empty');
    return;
  }
  const column = (...names: string[]): number => header.findIndex((h) => names.includes(h));
  const cell = (cells: string[], col: number): string | undefined => (col < 0 ? undefined : cells[col] ?? undefined);

  if (header.includes('text') || header.some((h) => MCQ_COLUMNS.has(h))) {
    // MultiMed-X or multiple-choice rows saved as a sheet: one column per JSON field.
    for (const row of sheet.rows) {
      const record: Record<string, string | null> = {};
      header.forEach((h, i) => (record[h] = row.cells[i] === undefined || row.cells[i] === '' ? null : row.cells[i]));
      addRecord(builder, () => record, { file, line: row.line, ordinal: row.line - 1, taskHint: taskFromFileName(file) });
    }
    return;
  }

  const en = column('en');
  const label = column('gold_label', 'label');
  const id = column('id');
  const task = column('task');
  const source = column('source');
  const otherColumns = header.map((h, i) => ({ h, i })).filter(({ h }) => h !== '' && !SHEET_META.has(h));
  const langColumns = otherColumns.filter(({ h }) => isLanguageHeader(h));
  for (const { i } of otherColumns.filter(({ h }) => !isLanguageHeader(h))) {
    builder.log.warn(file, 1, `column "${sheet.header[i]}" is not a language code, EN, id, task, source or gold_label; ignored`);
  }
  if (langColumns.length === 0) {
    builder.log.error(file, 1, `no language column in the header (found: ${sheet.header.join(', ')}); expected e.g. EN, jp, gold_label`);
    return;
  }
  const taskHint = label >= 0 ? 'nli' : taskFromFileName(file);
  for (const row of sheet.rows) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    for (const { i } of langColumns) {
      builder.add({
        file,
        line: row.line,
        ordinal: row.line - 1,
        taskHint,
        lang: sheet.header[i],
        text: row.cells[i] ?? '',
        textEn: cell(row.cells, en),
        label: cell(row.cells, label),
        id: langColumns.length === 1 ? cell(row.cells, id) || undefined : undefined,
        task: cell(row.cells, task) || undefined,
        source: cell(row.cells, source) || undefined,
      });
    }
  }
}
