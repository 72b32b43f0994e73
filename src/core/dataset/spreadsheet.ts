// Reads the published MultiMed-X spreadsheet layout (.xlsx via exceljs, .csv via csv-parse):
// a header row, then one item per row. Cells come back as text with their row number.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { blankLines, NOT_UTF8, readTextFile } from '../text/utf8';

export interface SheetRow {
  /** Spreadsheet row number (1 = header), also for CSV (where a quoted cell may span lines). */
  line: number;
  cells: string[];
}

export interface SheetProblem {
  line: number;
  /** A1-style reference when the problem is one cell's (`B3`). */
  cell?: string;
  message: string;
}

export interface Sheet {
  header: string[];
  rows: SheetRow[];
  /** Rows that could not be read (reported as errors); they are not in `rows`, the others load. */
  problems: SheetProblem[];
}

/** Start and end cell of every merged range, by the address of each cell in it. */
function mergedRanges(sheet: ExcelJS.Worksheet): Map<string, string> {
  const byCell = new Map<string, string>();
  for (const range of sheet.model.merges ?? []) {
    const [from, to = from] = range.split(':');
    const start = decode(from);
    const end = decode(to);
    for (let r = start.row; r <= end.row; r++) {
      for (let c = start.col; c <= end.col; c++) byCell.set(encode(r, c), range);
    }
  }
  return byCell;
}

function decode(address: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(address);
  if (m === null) return { row: 0, col: 0 };
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

function encode(row: number, col: number): string {
  let letters = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

export async function readXlsx(file: string): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  // The first sheet that has anything in it: exported workbooks often start with an empty one.
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (sheet === undefined) return { header: [], rows: [], problems: [] };
  // A merged cell shows one value over several cells: exceljs hands that value to every cell of
  // the range, which would pair one row's English with another row's local text. Such rows are
  // errors at the merged cell, never loaded.
  const merged = mergedRanges(sheet);
  const rows: SheetRow[] = [];
  const problems: SheetProblem[] = [];
  let header: string[] | undefined;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    let mergedCell: string | undefined;
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const range = merged.get(cell.address);
      if (range !== undefined) {
        mergedCell ??= cell.address;
        // Only the range's first cell holds the value; the copies are dropped.
        const master = range.split(':')[0].replace(/\$/g, '').toUpperCase();
        cells[col - 1] = cell.address === master ? cell.text ?? '' : '';
        return;
      }
      // `.text` flattens rich text, formulas (their result) and numbers into what the user sees.
      cells[col - 1] = cell.text ?? '';
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (header === undefined) {
      header = cells.map((c) => c.trim());
      if (mergedCell !== undefined) {
        problems.push({ line: row.number, cell: mergedCell, message: `merged cell (${merged.get(mergedCell)}) in the header: unmerge it` });
      }
    } else if (mergedCell !== undefined) {
      problems.push({
        line: row.number,
        cell: mergedCell,
        message: `merged cell (${merged.get(mergedCell)}): its value would be shared with another row or column; unmerge it. Row skipped`,
      });
    } else rows.push({ line: row.number, cells });
  });
  return { header: header ?? [], rows, problems };
}

interface CsvRecordWithInfo {
  record: string[];
  info: { records: number; empty_lines: number };
}

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter of a CSV file, from its header line: the candidate (`,` `;` tab) seen most often
 * outside quotes. Spreadsheet applications in many locales save `;`-separated "CSV".
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Reads a CSV file; the delimiter is detected from the header unless given (.tsv). */
export async function readCsv(file: string, delimiter?: string): Promise<Sheet> {
  const decoded = await readTextFile(file);
  const problems: SheetProblem[] = [...decoded.badLines].map((line) => ({ line, message: `${NOT_UTF8}; line skipped` }));
  if (decoded.badLines.has(1)) {
    // Without a readable header no column can be named: nothing of the file loads.
    return { header: [], rows: [], problems: [{ line: 1, message: `${NOT_UTF8} (the header row); the file is not loaded` }] };
  }
  // Bad lines become empty ones, so that the rows after them keep their numbers.
  const source = blankLines(decoded.text, decoded.badLines);
  const records = parse(source, {
    bom: true,
    delimiter: delimiter ?? detectDelimiter(source),
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
