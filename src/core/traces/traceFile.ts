// `*.traces.jsonl` (docs/formats.md §2): append-only, one trace per line. Reading validates each line;
// a bad line is reported as file:line and the rest loads. Later traces of an item supersede
// earlier ones (a re-run of an item whose trace had errors appends a new one).
import { open, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceProblem, Trace } from '../types';
import { validateTrace, formatIssues } from '../schema/validators';
import { parseJsonLocated } from '../schema/jsonLocation';
import { NOT_UTF8, readTextFile } from '../text/utf8';

export interface TraceFileContents {
  /** itemId → its latest trace (latest `createdAt`; on a tie, the later line). */
  traces: Map<string, Trace>;
  problems: SourceProblem[];
  /** Lines holding a valid trace. */
  lines: number;
}

/**
 * Parses the text of a traces file; `file` only names the source in problems. Lines listed in
 * `badLines` (not valid UTF-8) are reported and skipped.
 */
export function parseTraces(text: string, file: string, badLines: ReadonlySet<number> = new Set()): TraceFileContents {
  const traces = new Map<string, Trace>();
  const problems: SourceProblem[] = [];
  let count = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const line = i + 1;
    if (badLines.has(line)) {
      problems.push({ file, line, message: `${NOT_UTF8}; line skipped` });
      continue;
    }
    const parsed = parseJsonLocated(raw);
    if (!parsed.ok) {
      const truncated = i === lines.length - 1 && !text.endsWith('\n');
      const why = truncated ? ' (the last line is incomplete: was a write interrupted?)' : '';
      problems.push({ file, line, message: `invalid JSON at column ${parsed.position.column}: ${parsed.message}${why}` });
      continue;
    }
    const v = validateTrace(parsed.value);
    if (!v.ok) {
      problems.push({ file, line, message: `not a valid trace: ${formatIssues(v.issues)}` });
      continue;
    }
    count++;
    const prev = traces.get(v.value.itemId);
    if (!prev || Date.parse(v.value.createdAt) >= Date.parse(prev.createdAt)) traces.set(v.value.itemId, v.value);
  }
  return { traces, problems, lines: count };
}

export interface ReadTracesOptions {
  /**
   * `empty` (default): a missing file is an empty one (nothing has been run yet). `error`: a
   * file the user named (`--traces`) must exist; its absence is a TracesFileError "not found".
   */
  missing?: 'empty' | 'error';
}

/** A traces file that cannot be read at all; the message names the path. */
export class TracesFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: 'not found' | 'is a folder' | 'unreadable',
    detail?: string,
  ) {
    super(`${file}: ${reason === 'is a folder' ? 'is a folder, not a traces file' : reason === 'not found' ? 'traces file not found' : `cannot read the traces file (${detail})`}`);
    this.name = 'TracesFileError';
  }
}

/** Reads a traces file. Lines that are not valid UTF-8 are problems at their line. */
export async function readTraces(file: string, options: ReadTracesOptions = {}): Promise<TraceFileContents> {
  let decoded;
  try {
    decoded = await readTextFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      if (options.missing === 'error') throw new TracesFileError(file, 'not found');
      return { traces: new Map(), problems: [], lines: 0 };
    }
    if (code === 'EISDIR') throw new TracesFileError(file, 'is a folder');
    throw new TracesFileError(file, 'unreadable', (err as Error).message);
  }
  return parseTraces(decoded.text, file, decoded.badLines);
}

/**
 * Appends one trace as one line and fsyncs before resolving. The trace is validated first: a
 * line we could not read back is never written. If the file ends in a partial line (a writer
 * was killed), a newline is written first so that only that line stays bad.
 */
export async function appendTrace(file: string, trace: Trace): Promise<void> {
  const v = validateTrace(trace);
  if (!v.ok) throw new Error(`refusing to append an invalid trace for ${trace.itemId}: ${formatIssues(v.issues)}`);
  // JSON.stringify escapes control characters, so the line cannot contain a raw newline.
  const line = JSON.stringify(trace) + '\n';
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'a+');
  try {
    let prefix = '';
    const size = (await handle.stat()).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    // One write call per trace: O_APPEND keeps concurrent appenders' lines whole.
    await handle.write(prefix + line);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Size in bytes, or 0 if absent: lets a watcher skip re-reading an unchanged file. */
export async function traceFileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}
