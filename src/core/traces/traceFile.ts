// `*.traces.jsonl` (docs/formats.md §2): append-only, one trace per line, flushed to disk (fsync) before
// the next, so a crash loses at most the items in flight. All reading and appending of traces
// files is here. Reading validates each line; a bad line is reported as file:line and the rest
// loads. Later traces of an item supersede earlier ones (a re-run of an item whose trace had
// errors appends a new one). Appending validates first and starts on a fresh line after a torn one.
import { open, mkdir, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { TRACE_SCHEMA, type SourceProblem, type Trace } from '../types';
import { validateTrace, formatIssues } from '../schema/validators';
import { parseJsonLocated } from '../schema/jsonLocation';
import { NOT_UTF8, readTextFile } from '../text/utf8';
import { forEachTraceLine } from './traceLines';

export interface TraceFileContents {
  /** itemId → its latest trace (latest `createdAt`; on a tie, the later line). */
  traces: Map<string, Trace>;
  problems: SourceProblem[];
  /** Lines holding a valid trace. */
  lines: number;
}

/** What one line of a traces file holds: a valid trace, or why it is not one. */
export type TraceLineCheck =
  | { ok: true; trace: Trace }
  | { ok: false; kind: 'not-utf8' }
  | { ok: false; kind: 'json'; column: number; message: string }
  | { ok: false; kind: 'schema'; issues: string };

/** Parses and validates one line (already known to be non-blank). */
export function checkTraceLine(text: string, notUtf8: boolean): TraceLineCheck {
  if (notUtf8) return { ok: false, kind: 'not-utf8' };
  const parsed = parseJsonLocated(text);
  if (!parsed.ok) return { ok: false, kind: 'json', column: parsed.position.column, message: parsed.message };
  const v = validateTrace(parsed.value);
  if (!v.ok) return { ok: false, kind: 'schema', issues: formatIssues(v.issues) };
  return { ok: true, trace: v.value };
}

/** The problem readers report for a line that is not a valid trace (see checkTraceLine). */
export function traceLineProblem(check: Exclude<TraceLineCheck, { ok: true }>, file: string, line: number, unterminated: boolean): SourceProblem {
  if (check.kind === 'not-utf8') return { file, line, message: `${NOT_UTF8}; line skipped` };
  if (check.kind === 'json') {
    const why = unterminated ? ' (the last line is incomplete: was a write interrupted?)' : '';
    return { file, line, message: `invalid JSON at column ${check.column}: ${check.message}${why}` };
  }
  return { file, line, message: `not a valid trace: ${check.issues}` };
}

/** Keeps the latest trace of each item (latest `createdAt`; on a tie, the later line). */
class LatestTraces {
  readonly contents: TraceFileContents = { traces: new Map(), problems: [], lines: 0 };

  constructor(private readonly file: string) {}

  add(text: string, line: number, notUtf8: boolean, unterminated: boolean): void {
    const check = checkTraceLine(text, notUtf8);
    if (!check.ok) {
      this.contents.problems.push(traceLineProblem(check, this.file, line, unterminated));
      return;
    }
    this.contents.lines++;
    const { traces } = this.contents;
    const prev = traces.get(check.trace.itemId);
    if (!prev || Date.parse(check.trace.createdAt) >= Date.parse(prev.createdAt)) traces.set(check.trace.itemId, check.trace);
  }
}

/**
 * Parses the text of a traces file; `file` only names the source in problems. Lines listed in
 * `badLines` (not valid UTF-8) are reported and skipped.
 */
export function parseTraces(text: string, file: string, badLines: ReadonlySet<number> = new Set()): TraceFileContents {
  const latest = new LatestTraces(file);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const truncated = i === lines.length - 1 && !text.endsWith('\n');
    latest.add(raw, i + 1, badLines.has(i + 1), truncated);
  }
  return latest.contents;
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
  const latest = new LatestTraces(file);
  try {
    // Streamed line by line: the same lines and checks as parseTraces on the whole text.
    await forEachTraceLine(file, (l) => latest.add(l.text, l.line, l.notUtf8, l.unterminated));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      if (options.missing === 'error') throw new TracesFileError(file, 'not found');
      return { traces: new Map(), problems: [], lines: 0 };
    }
    if (code === 'EISDIR') throw new TracesFileError(file, 'is a folder');
    throw new TracesFileError(file, 'unreadable', (err as Error).message);
  }
  return latest.contents;
}

/**
 * Appends one trace as one line and fsyncs before resolving (see TraceAppender). Creates the
 * folder if needed.
 */
export async function appendTrace(file: string, trace: Trace): Promise<void> {
  assertValidTrace(trace);
  await mkdir(path.dirname(file), { recursive: true });
  const appender = await TraceAppender.open(file);
  try {
    await appender.append(trace);
  } finally {
    await appender.close();
  }
}

/** Throws unless `trace` is a valid medco.trace/1: a line we could not read back is never written. */
function assertValidTrace(trace: Trace): void {
  const v = validateTrace(trace);
  if (!v.ok) throw new Error(`refusing to append an invalid trace for ${String(trace.itemId)}: ${formatIssues(v.issues)}`);
}

/**
 * The one writer of traces files (the pipeline keeps one open for a run). Every trace is
 * validated before it is written. If the file ends in a partial line (a writer was killed), a
 * newline is written first so that only that line stays bad.
 */
export class TraceAppender {
  private chain: Promise<void> = Promise.resolve();

  private constructor(private readonly handle: FileHandle) {}

  static async open(file: string): Promise<TraceAppender> {
    const handle = await open(file, 'a+');
    try {
      const { size } = await handle.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) await handle.write('\n');
      }
    } catch (err) {
      await handle.close();
      throw err;
    }
    return new TraceAppender(handle);
  }

  /** Resolves once the line is on disk. Appends are serialised, so lines never interleave. */
  append(trace: Trace): Promise<void> {
    try {
      assertValidTrace(trace);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    // JSON.stringify escapes control characters, so the line cannot contain a raw newline.
    const line = JSON.stringify(trace) + '\n';
    const next = this.chain.then(async () => {
      // One write call per trace: O_APPEND keeps concurrent appenders' lines whole.
      await this.handle.write(line);
      await this.handle.sync();
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.chain;
    await this.handle.close();
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

// Resuming a run: the newest trace of each trace id (item + configuration; latest `createdAt`, on
// a tie the later line, as readers choose) says whether that item is done: a trace without errors
// is, a trace with errors is run again (its successful calls come from the disk cache) unless the
// caller keeps failed items. Lines are read leniently here (any medco.trace/1 line with id and
// itemId counts); a torn last line (crash mid-write) is reported and left alone.
export interface ExistingTraces {
  /** Trace ids whose newest line has no errors: done. */
  ids: Set<string>;
  /** Trace ids whose newest line recorded errors: to run again, unless failed items are kept. */
  failedIds: Set<string>;
  itemIds: Set<string>;
  problems: SourceProblem[];
  /** Lines holding a trace, and non-blank lines in all: a file with lines but no trace is not a traces file. */
  traceLines: number;
  nonBlankLines: number;
}

export async function readExistingTraceIds(file: string): Promise<ExistingTraces> {
  const out: ExistingTraces = { ids: new Set(), failedIds: new Set(), itemIds: new Set(), problems: [], traceLines: 0, nonBlankLines: 0 };
  let decoded;
  try {
    decoded = await readTextFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw err;
  }
  // The same choice as readers make (core/traces): latest createdAt, on a tie the later line.
  const newest = new Map<string, { at: number; failed: boolean }>();
  decoded.text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    out.nonBlankLines++;
    if (decoded.badLines.has(i + 1)) {
      out.problems.push({ file, line: i + 1, message: `${NOT_UTF8}; left as is` });
      return;
    }
    try {
      const t = JSON.parse(line) as Partial<Trace> | null;
      if (t === null || typeof t !== 'object' || t.schema !== TRACE_SCHEMA || typeof t.id !== 'string' || typeof t.itemId !== 'string') {
        throw new Error('not a medco.trace/1 line with id and itemId');
      }
      out.traceLines++;
      const at = typeof t.createdAt === 'string' ? Date.parse(t.createdAt) : NaN;
      const previous = newest.get(t.id);
      if (previous === undefined || !(at < previous.at)) newest.set(t.id, { at: Number.isNaN(at) ? -Infinity : at, failed: Array.isArray(t.errors) && t.errors.length > 0 });
      out.itemIds.add(t.itemId);
    } catch (err) {
      out.problems.push({ file, line: i + 1, message: `unreadable trace (${(err as Error).message}); left as is` });
    }
  });
  for (const [id, { failed }] of newest) (failed ? out.failedIds : out.ids).add(id);
  return out;
}
