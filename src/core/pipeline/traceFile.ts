// The traces file is append-only: one JSON line per finished item, flushed to disk (fsync) before
// the next, so a crash loses at most the items in flight. On resume the ids already present are
// skipped. A torn last line (crash mid-write) is reported and left alone; appending starts on a
// fresh line so that it does not corrupt the next trace.
import { open, readFile, type FileHandle } from 'node:fs/promises';
import type { SourceProblem, Trace } from '../types';

export interface ExistingTraces {
  ids: Set<string>;
  itemIds: Set<string>;
  problems: SourceProblem[];
}

export async function readExistingTraceIds(file: string): Promise<ExistingTraces> {
  const out: ExistingTraces = { ids: new Set(), itemIds: new Set(), problems: [] };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw err;
  }
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const t = JSON.parse(line) as Partial<Trace>;
      if (typeof t.id !== 'string' || typeof t.itemId !== 'string') throw new Error('missing id or itemId');
      out.ids.add(t.id);
      out.itemIds.add(t.itemId);
    } catch (err) {
      out.problems.push({ file, line: i + 1, message: `unreadable trace (${(err as Error).message}); left as is` });
    }
  });
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
