// Datasets and traces must be UTF-8. Node decodes invalid bytes (a Shift-JIS or Latin-1 file) to
// U+FFFD without complaint, which would load mangled text as if it were fine; these helpers find
// the lines that are not valid UTF-8 so that loaders report them (`file:line: not valid UTF-8`)
// and skip them while the other lines load.
import { isUtf8 } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';

export const NOT_UTF8 = 'not valid UTF-8';

export interface DecodedText {
  /** The whole text; invalid bytes became U+FFFD (callers skip the lines listed in badLines). */
  text: string;
  /** 1-based numbers of the lines (split at \n) holding bytes that are not valid UTF-8. */
  badLines: Set<number>;
}

/** True when bytes[start, end) are valid UTF-8. */
export function isUtf8Range(bytes: Buffer, start = 0, end = bytes.length): boolean {
  return isUtf8(bytes.subarray(start, end));
}

const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Offset of the first byte that is not part of a valid UTF-8 sequence (-1 if none). The lenient
 * decoder turns each invalid sequence into U+FFFD; the first U+FFFD not spelled EF BF BD in the
 * bytes is where the invalid sequence starts.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  let offset = 0;
  for (const ch of lenient.decode(bytes)) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfffd && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
    offset += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return -1;
}

/** Decodes a whole file's bytes, listing the lines that are not valid UTF-8. */
export function decodeUtf8(bytes: Buffer): DecodedText {
  const text = bytes.toString('utf8');
  const badLines = new Set<number>();
  // Valid files (nearly all) pay for one native check; the line scan is for the others.
  if (isUtf8(bytes)) return { text, badLines };
  let line = 1;
  let start = 0;
  for (;;) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl;
    if (!isUtf8Range(bytes, start, end)) badLines.add(line);
    if (nl === -1) break;
    start = nl + 1;
    line++;
  }
  return { text, badLines };
}

/**
 * Reads a file that should hold text. A folder given where a file belongs is an error naming
 * the path (Node's own EISDIR message does not).
 */
export async function readTextFile(file: string): Promise<DecodedText> {
  const info = await stat(file);
  if (info.isDirectory()) throw Object.assign(new Error(`${file}: is a folder, not a file`), { code: 'EISDIR' });
  return decodeUtf8(await readFile(file));
}

/** Replaces the listed lines by empty ones: line numbers of the rest stay as they were. */
export function blankLines(text: string, lines: ReadonlySet<number>): string {
  if (lines.size === 0) return text;
  return text
    .split('\n')
    .map((l, i) => (lines.has(i + 1) ? '' : l))
    .join('\n');
}
