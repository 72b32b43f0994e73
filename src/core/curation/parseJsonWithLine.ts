// JSON.parse with an error that names the line: bad input must be reported as `file:line: reason`.
// V8's messages do not always carry a position, so the place of the first error comes from
// jsonc-parser's scanner (strict mode: no comments, no trailing commas, like JSON.parse).
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';

export class JsonFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'JsonFileError';
  }
}

/** 1-based line of a character offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function parseJsonWithLine(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
    const first = errors[0];
    if (first) {
      throw new JsonFileError(file, lineOfOffset(text, first.offset), `invalid JSON: ${printParseErrorCode(first.error)}`);
    }
    throw new JsonFileError(file, 1, `invalid JSON: ${(err as Error).message}`);
  }
}
