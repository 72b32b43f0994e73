// Problems found while loading: collected, never thrown, so one bad row never stops a load.
import type { SourceProblem } from '../types';

/**
 * "file:line: message". Line 0 stands for the file as a whole (it could not be read or
 * parsed at all) and is left out: "file: message". A spreadsheet cell's problem is "file:B3: message".
 */
export function formatProblem(p: SourceProblem): string {
  if (p.cell !== undefined) return `${p.file}:${p.cell}: ${p.message}`;
  return p.line > 0 ? `${p.file}:${p.line}: ${p.message}` : `${p.file}: ${p.message}`;
}

/** Errors and warnings of one load, in the order they were found. */
export class ProblemLog {
  readonly errors: SourceProblem[] = [];
  readonly warnings: SourceProblem[] = [];

  error(file: string, line: number, message: string, cell?: string): void {
    this.errors.push(cell === undefined ? { file, line, message } : { file, line, cell, message });
  }

  warn(file: string, line: number, message: string): void {
    this.warnings.push({ file, line, message });
  }
}
