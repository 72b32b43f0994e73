// The traces file is append-only: one JSON line per finished item, flushed to disk (fsync) before
// the next, so a crash loses at most the items in flight. On resume, the newest trace of each trace
// id (item + configuration; latest `createdAt`, on a tie the later line, as readers choose) says
// whether that item is done: a trace without errors is, a trace
// with errors is run again (its successful calls come from the disk cache) unless the caller keeps
// failed items. A torn last line (crash mid-write) is reported and left alone; appending starts on
// a fresh line so that it does not corrupt the next trace.
import { open, type FileHandle } from 'node:fs/promises';
import { TRACE_SCHEMA, type SourceProblem, type Trace } from '../types';
import { NOT_UTF8, readTextFile } from '../text/utf8';

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

export class TraceAppender {
  private chain: Promise<void> = Promise.resolve();

  private constructor(private readonly handle: FileHandle) {}

  static async open(file: string): Promise<TraceAppender> {
    const handle = await open(file, 'a+');
    const { size } = await handle.stat();
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) await handle.write('\n');
    }
    return new TraceAppender(handle);
  }

  /** Resolves once the line is on disk. Appends are serialised, so lines never interleave. */
  append(trace: Trace): Promise<void> {
    const line = JSON.stringify(trace) + '\n';
    const next = this.chain.then(async () => {
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
