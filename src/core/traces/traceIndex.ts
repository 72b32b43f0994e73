// The traces of an open dataset, indexed by item id: the file is read once, streamed line by line,
// every line checked as readTraces checks it (same problems, same file:line), and for each item
// only the text of its latest line is kept. A trace is parsed again when it is asked for (the
// review panel shows one item at a time) and its sha256 computed then, both remembered. Holding
// parsed traces for a 24,500-trace workspace cost several times the file's size in heap and most
// of the load time in garbage collection; the line texts cost about the file's size.
import type { SourceProblem, Trace } from '../types';
import { checkTraceLine, traceLineProblem, TracesFileError } from './traceFile';
import { forEachTraceLine } from './traceLines';
import { traceSha256 } from './traceHash';

interface Entry {
  /** The latest line of the item (undefined for a trace added in memory). */
  text?: string;
  createdAt: number;
  /** Whether the trace recorded errors (kept so that "items without a good trace" needs no parse). */
  failed: boolean;
  trace?: Trace;
  sha256?: string;
}

export class TraceIndex {
  private constructor(
    private readonly entries: Map<string, Entry>,
    /** Lines that are not valid traces, as readTraces reports them. */
    readonly problems: SourceProblem[],
    /** Lines holding a valid trace. */
    readonly lines: number,
  ) {}

  static empty(): TraceIndex {
    return new TraceIndex(new Map(), [], 0);
  }

  /** Reads `file` (missing: an empty index, like readTraces). */
  static async load(file: string): Promise<TraceIndex> {
    const entries = new Map<string, Entry>();
    const problems: SourceProblem[] = [];
    let lines = 0;
    try {
      await forEachTraceLine(file, (l) => {
        const check = checkTraceLine(l.text, l.notUtf8);
        if (!check.ok) {
          problems.push(traceLineProblem(check, file, l.line, l.unterminated));
          return;
        }
        lines++;
        const t = check.trace;
        const createdAt = Date.parse(t.createdAt);
        const prev = entries.get(t.itemId);
        // The same choice as readTraces: latest createdAt, on a tie the later line.
        if (!prev || createdAt >= prev.createdAt) entries.set(t.itemId, { text: l.text, createdAt, failed: t.errors.length > 0 });
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return TraceIndex.empty();
      if (code === 'EISDIR') throw new TracesFileError(file, 'is a folder');
      throw new TracesFileError(file, 'unreadable', (err as Error).message);
    }
    return new TraceIndex(entries, problems, lines);
  }

  get size(): number {
    return this.entries.size;
  }

  has(itemId: string): boolean {
    return this.entries.has(itemId);
  }

  itemIds(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** Whether the item has a trace that recorded no errors (a finished item), without parsing it. */
  isDone(itemId: string): boolean {
    const e = this.entries.get(itemId);
    return e !== undefined && !e.failed;
  }

  /** The item's latest trace, parsed on first use (the line was validated when it was read). */
  get(itemId: string): Trace | undefined {
    const e = this.entries.get(itemId);
    if (!e) return undefined;
    e.trace ??= JSON.parse(e.text!) as Trace;
    return e.trace;
  }

  /**
   * The same trace without remembering it, for passes over every item (the search index): the
   * index then keeps holding line texts, not every parsed trace.
   */
  peek(itemId: string): Trace | undefined {
    const e = this.entries.get(itemId);
    if (!e) return undefined;
    return e.trace ?? (JSON.parse(e.text!) as Trace);
  }

  /** sha256 of the item's current trace (traceSha256), computed on first use. */
  sha256(itemId: string): string | undefined {
    const e = this.entries.get(itemId);
    if (!e) return undefined;
    e.sha256 ??= traceSha256(this.get(itemId)!);
    return e.sha256;
  }

  /** A trace that was just appended to the file (a co-reasoning run): it is the item's latest. */
  set(trace: Trace): void {
    this.entries.set(trace.itemId, { createdAt: Date.parse(trace.createdAt), failed: trace.errors.length > 0, trace });
  }
}
