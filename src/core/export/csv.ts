// CSV of export tables (RFC 4180 quoting by csv-stringify). List cells (flags) are joined with ";".
// A cell that a spreadsheet would run as a formula (=, +, -, @ at the start) is prefixed with
// a quote, so untrusted text such as ids stays text when the file is opened in Excel.
import { stringify } from 'csv-stringify/sync';
import { LONG_COLUMNS, type LongRow } from './longFormat';

type Cell = string | number | boolean | null | undefined | readonly string[];

function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return neutralizeFormula(value.join(';'));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return neutralizeFormula(value as string);
}

/** Any export table: a header of `columns`, then one line per row. */
export function rowsToCsv<R extends object>(columns: readonly (keyof R & string)[], rows: readonly R[]): string {
  return stringify([[...columns], ...rows.map((row) => columns.map((c) => cell(row[c] as Cell)))], { record_delimiter: '\n' });
}

/** One JSON object per line. */
export function rowsToJsonl(rows: readonly object[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : '');
}

export function longRowsToCsv(rows: readonly LongRow[]): string {
  return rowsToCsv(LONG_COLUMNS, rows);
}

export const longRowsToJsonl = rowsToJsonl;
