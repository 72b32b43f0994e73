// Reads the published MultiMed-X spreadsheet layout (.xlsx via exceljs, .csv via csv-parse):
// a header row, then one item per row. Cells come back as text with their row number.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

export interface SheetRow {
  /** Spreadsheet row number (1 = header), also for CSV (where a quoted cell may span lines). */
  line: number;
  cells: string[];
}

export interface Sheet {
  header: string[];
  rows: SheetRow[];
  /** Rows that could not be parsed (CSV only): reported, the others still load. */
  problems: { line: number; message: string }[];
}

export async function readXlsx(file: string): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  // The first sheet that has anything in it: exported workbooks often start with an empty one.
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (sheet === undefined) return { header: [], rows: [], problems: [] };
  const rows: SheetRow[] = [];
  let header: string[] | undefined;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      // `.text` flattens rich text, formulas (their result) and numbers into what the user sees.
      cells[col - 1] = cell.text ?? '';
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (header === undefined) header = cells.map((c) => c.trim());
    else rows.push({ line: row.number, cells });
  });
  return { header: header ?? [], rows, problems: [] };
}

interface CsvRecordWithInfo {
  record: string[];
  info: { records: number; empty_lines: number };
}

export async function readCsv(file: string, delimiter = ','): Promise<Sheet> {
  const source = await readFile(file, 'utf8');
  const problems: Sheet['problems'] = [];
  const records = parse(source, {
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    on_skip: (err) => {
      if (err !== undefined) problems.push({ line: Number(err.lines) || 0, message: `unreadable CSV record (file line ${String(err.lines)}): ${err.message}` });
      return undefined;
    },
  }) as unknown as CsvRecordWithInfo[];
  // The row number a spreadsheet application shows for the record: records before it (the
  // header included) plus the blank lines it would show as empty rows. A quoted cell spanning
  // several file lines is still one row.
  const rows = records.map(({ record, info }) => ({ line: info.records + info.empty_lines, cells: record }));
  const head = rows.shift();
  return { header: head?.cells.map((c) => c.trim()) ?? [], rows, problems };
}
