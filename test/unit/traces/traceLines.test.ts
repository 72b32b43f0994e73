// The streamed reader of traces files must see exactly the lines a whole read sees: same numbers,
// same texts (a trailing '\r' dropped, blanks skipped), invalid UTF-8 flagged on its own line,
// the unterminated last line marked, and byte ranges that hold each line's text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { forEachTraceLine, type TraceLine } from '../../../src/core/traces/traceLines';
import { decodeUtf8 } from '../../../src/core/text/utf8';
import { mulberry32 } from '../../../src/core/stats/random';
import { makeTempDir } from '../../support/tempDir';

/** What a whole read sees: the reference the streamed reader is held to. */
function wholeRead(bytes: Buffer): { line: number; text: string; notUtf8: boolean; unterminated: boolean }[] {
  const { text, badLines } = decodeUtf8(bytes);
  const rows = text.split('\n');
  return rows.flatMap((row, i) => {
    const raw = row.replace(/\r$/, '');
    if (raw.trim() === '') return [];
    return [{ line: i + 1, text: raw, notUtf8: badLines.has(i + 1), unterminated: i === rows.length - 1 && !text.endsWith('\n') }];
  });
}

async function streamed(file: string): Promise<TraceLine[]> {
  const lines: TraceLine[] = [];
  await forEachTraceLine(file, (l) => lines.push(l));
  return lines;
}

test('streamed lines equal a whole read, across chunk boundaries, long lines, CRLF, blanks and bad bytes', async () => {
  const random = mulberry32(15);
  const parts: Buffer[] = [];
  // ~5 MB: many lines cross the reader's 1 MiB chunks; one line of 2.5 MB is longer than a chunk.
  for (let i = 0; i < 700; i++) {
    const kind = random();
    const length = i === 350 ? 2_500_000 : Math.floor(random() * 12_000);
    if (kind < 0.05) parts.push(Buffer.from(' \t\u3000\n'));
    else if (kind < 0.1) parts.push(Buffer.concat([Buffer.from(`{"x":"`), Buffer.from([0x82, 0xa0, 0xff]), Buffer.from('"}\r\n')]));
    else if (kind < 0.2) parts.push(Buffer.from(`{"n":${i},"t":"${'日本語'.repeat(length / 9)}"}\r\n`));
    else parts.push(Buffer.from(`{"n":${i},"t":"${'a'.repeat(length)}"}\n`));
  }
  parts.push(Buffer.from('{"torn":'));
  const bytes = Buffer.concat(parts);
  const file = path.join(makeTempDir('medco-trace-lines-'), 'big.traces.jsonl');
  writeFileSync(file, bytes);

  const got = await streamed(file);
  assert.deepEqual(got.map(({ line, text, notUtf8, unterminated }) => ({ line, text, notUtf8, unterminated })), wholeRead(bytes));
  assert.ok(got.some((l) => l.notUtf8) && got.at(-1)!.unterminated, 'the file exercises bad bytes and a torn last line');
  const onDisk = readFileSync(file);
  for (const l of got.filter((x) => !x.notUtf8)) assert.equal(onDisk.toString('utf8', l.offset, l.offset + l.byteLength), l.text, `bytes of line ${l.line}`);
});

test('edge files: empty, only a newline, no final newline, a lone CR line', async () => {
  const dir = makeTempDir('medco-trace-lines-edge-');
  for (const text of ['', '\n', '{"a":1}', '{"a":1}\n\n\n{"b":2}', '\r\n{"a":1}\r', '\uFEFF{"a":1}\n']) {
    const file = path.join(dir, 'x.jsonl');
    writeFileSync(file, text);
    const got = (await streamed(file)).map(({ line, text: t, notUtf8, unterminated }) => ({ line, text: t, notUtf8, unterminated }));
    assert.deepEqual(got, wholeRead(Buffer.from(text)), JSON.stringify(text));
  }
});
