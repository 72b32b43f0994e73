// Bytes of one of our JSON files → value, refusing everything a plain `JSON.parse` would read
// differently from what is on disk. The stores never write over a file refused here, so the
// checks decide what can never be silently rewritten:
// - invalid UTF-8 (decoding would replace the bytes with U+FFFD, and the next save would keep those);
// - duplicate keys (JSON.parse keeps the last copy, the next save drops the others);
// - nesting deeper than MAX_JSON_DEPTH (recursive tools — the error locator, validators — overflow
//   the stack; no file we write is deeper than about 8).
// A UTF-8 byte order mark is accepted (editors on Windows add one) and dropped by the next save.
import { visit } from 'jsonc-parser';
import { parseJsonLocated, positionAt } from '../schema/jsonLocation';
import { firstInvalidUtf8Byte } from '../text/utf8';
import { StoreFileError } from './errors';

export const MAX_JSON_DEPTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true }); // ignoreBOM: false → a leading BOM is stripped

/** Strict UTF-8 → text (BOM dropped). Throws StoreFileError at the line of the first bad byte. */
export function decodeUtf8Strict(file: string, bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const at = Math.max(0, firstInvalidUtf8Byte(bytes));
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    const hex = bytes[at]?.toString(16).padStart(2, '0') ?? '??';
    throw new StoreFileError(file, line, `invalid UTF-8 (byte 0x${hex} at byte offset ${at}); fix the encoding (save as UTF-8)`);
  }
}

/** Index after the closing quote of the string whose opening quote is just before `i`. */
function skipString(text: string, i: number): number {
  for (let n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92) i++;
  }
  return text.length;
}

/**
 * One iterative pass (no recursion, whatever the depth): the deepest nesting and where it first
 * exceeds MAX_JSON_DEPTH, and the number of object members (a ':' outside strings is one member).
 */
function scanStructure(text: string): { tooDeepAt: number; members: number } {
  let depth = 0;
  let members = 0;
  for (let i = 0, n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = skipString(text, i + 1) - 1;
    else if (c === 58) members++;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_JSON_DEPTH) return { tooDeepAt: i, members };
    } else if (c === 125 || c === 93) depth--;
  }
  return { tooDeepAt: -1, members };
}

/** Own keys of every object in a parsed value (iterative; duplicates in the text were merged). */
function countMembers(value: unknown): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) for (const e of v) stack.push(e);
    else {
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj);
      n += keys.length;
      for (const k of keys) stack.push(obj[k]);
    }
  }
  return n;
}

/** The first key that repeats within one object, with both lines (text known to be valid JSON). */
function findDuplicateKey(text: string): { key: string; line: number; firstLine: number } | undefined {
  const objects: Map<string, number>[] = [];
  let found: { key: string; line: number; firstLine: number } | undefined;
  visit(text, {
    onObjectBegin: () => void objects.push(new Map()),
    onObjectEnd: () => void objects.pop(),
    onObjectProperty: (key, offset) => {
      if (found) return;
      const seen = objects[objects.length - 1];
      const line = positionAt(text, offset).line;
      const firstLine = seen.get(key);
      if (firstLine !== undefined) found = { key, line, firstLine };
      else seen.set(key, line);
    },
  });
  return found;
}

/**
 * Strict JSON text → value: syntax errors with line and column, then nesting depth and duplicate
 * keys. Throws StoreFileError.
 */
export function parseJsonStrict(text: string, file: string): unknown {
  // The depth check comes first: the error locator of a syntax error is recursive too.
  const { tooDeepAt, members } = scanStructure(text);
  if (tooDeepAt !== -1) {
    const at = positionAt(text, tooDeepAt);
    throw new StoreFileError(file, at.line, `nested more than ${MAX_JSON_DEPTH} levels deep`, at.column);
  }
  const r = parseJsonLocated(text);
  if (!r.ok) throw new StoreFileError(file, r.position.line, `invalid JSON: ${r.message}`, r.position.column);
  if (countMembers(r.value) !== members) {
    const dup = findDuplicateKey(text);
    if (dup) {
      throw new StoreFileError(
        file,
        dup.line,
        `duplicate key ${JSON.stringify(dup.key)} (first at line ${dup.firstLine}); remove one copy by hand — a JSON reader would keep only the last`,
      );
    }
  }
  return r.value;
}
