// CSV of the long-format rows (RFC 4180 quoting by csv-stringify). Flags are joined with ";".
// A cell that a spreadsheet would run as a formula (=, +, -, @ at the start) is prefixed with
// a quote, so untrusted text such as ids stays text when the file is opened in Excel.
import { stringify } from 'csv-stringify/sync';
import { LONG_COLUMNS, type LongRow } from './longFormat';

function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(value: LongRow[keyof LongRow]): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return neutralizeFormula(value.join(';'));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return neutralizeFormula(value);
}

export function longRowsToCsv(rows: readonly LongRow[]): string {
  return stringify([LONG_COLUMNS as string[], ...rows.map((row) => LONG_COLUMNS.map((c) => cell(row[c])))], { record_delimiter: '\n' });
}

/** One JSON object per line. */
export function longRowsToJsonl(rows: readonly LongRow[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : '');
}
