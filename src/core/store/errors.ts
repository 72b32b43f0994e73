import type { SourceProblem } from '../types';

/**
 * A file the store cannot use: unparsable, failing its schema, or written by a newer version; or a
 * path that cannot hold it (a directory, a symlink loop). The store never writes over such a file;
 * the message names file, line (and column) and reason. Line 0: the problem is the path, not a line.
 */
export class StoreFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
    readonly column?: number,
  ) {
    super(`${file}${line > 0 ? `:${line}${column !== undefined ? `:${column}` : ''}` : ''}: ${reason}`);
    this.name = 'StoreFileError';
  }

  toProblem(): SourceProblem {
    return { file: this.file, line: this.line, message: this.reason };
  }
}

/** A rating that does not fit the rubric (unknown dimension, value off the scale, unknown flag). */
export class RatingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RatingError';
  }
}

/** A dataset or annotator id that cannot name a file (unsafe characters, reserved, a case clash). */
export class InvalidNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidNameError';
  }
}
