// Turns JSON text problems into positions a person can find in an editor: 1-based line and
// column for a syntax error, and the line of the value a JSON Schema error points at.
import { parseTree, findNodeAtLocation, printParseErrorCode, type ParseError } from 'jsonc-parser';

export interface TextPosition {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
  /** 0-based offset into the text. */
  offset: number;
}

export type JsonParseResult =
  | { ok: true; value: unknown }
  | { ok: false; position: TextPosition; message: string };

/** 1-based line and column of a 0-based offset. */
export function positionAt(text: string, offset: number): TextPosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < clamped; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: clamped - lineStart + 1, offset: clamped };
}

const PARSE_ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: "':' expected",
  CommaExpected: "',' expected",
  CloseBraceExpected: "'}' expected",
  CloseBracketExpected: "']' expected",
  EndOfFileExpected: 'unexpected content after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

/**
 * Parses strict JSON. On failure, locates the first error: JSON.parse's own messages do not
 * reliably carry a position on Node 20, so the text is re-scanned with jsonc-parser (strict mode:
 * no comments, no trailing commas) to find where it goes wrong.
 */
export function parseJsonLocated(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const errors: ParseError[] = [];
    parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (first) {
      const code = printParseErrorCode(first.error);
      return { ok: false, position: positionAt(text, first.offset), message: PARSE_ERROR_TEXT[code] ?? code };
    }
    // jsonc-parser is more lenient than JSON.parse in a few corners (e.g. a lone surrogate):
    // fall back to the position in V8's message, when it gives one.
    const msg = (err as Error).message;
    const at = /position (\d+)/.exec(msg);
    return { ok: false, position: positionAt(text, at ? Number(at[1]) : 0), message: msg };
  }
}

/** Splits a JSON Pointer (RFC 6901) into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Readable form of a JSON Pointer: `/items/qa-ja-001/revision` → `$.items["qa-ja-001"].revision`. */
export function pointerToPath(pointer: string): string {
  let out = '$';
  for (const seg of pointerSegments(pointer)) {
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Line of the value at a JSON Pointer in (valid) JSON text; the nearest existing ancestor if absent. */
export function lineOfPointer(text: string, pointer: string): number {
  const root = parseTree(text);
  if (!root) return 1;
  const segments: (string | number)[] = pointerSegments(pointer);
  for (let n = segments.length; n >= 0; n--) {
    const path = segments.slice(0, n).map((s) => {
      // Array elements are addressed by number in jsonc-parser paths.
      return typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : s;
    });
    const node = findNodeAtLocation(root, path);
    if (node) return positionAt(text, node.offset).line;
  }
  return 1;
}
