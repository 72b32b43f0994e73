// The traces of an open dataset, indexed by item id: the file is read once, streamed line by line,
// every line checked as readTraces checks it (same problems, same file:line), and for each item
// only the text of its latest line is kept. A trace is parsed again when it is asked for (the
// review panel shows one item at a time) and its sha256 computed then, both remembered. Holding
// parsed traces for a 24,500-trace workspace cost several times the file's size in heap and most
// of the load time in garbage collection; the line texts cost about the file's size.
// With a run (configuration × round, reviewRun.ts) the index keeps the latest line of that run per
// item, not the item's latest line of any run, and counts the lines of every run so that a file
// holding one other run only is shown as that run (the rule in reviewRun.ts). Until the file has
// shown whether that fallback is needed, the lines of the one other run seen so far are kept too;
// they are dropped as soon as a line of the chosen run or of a second other run appears.
import type { SourceProblem, Trace } from '../types';
import { checkTraceLine, traceLineProblem, TracesFileError } from './traceFile';
import { forEachTraceLine } from './traceLines';
import { traceSha256 } from './traceHash';
import { runOfTrace, sameRun, shownRun, type RunCount, type TraceRun } from './reviewRun';

interface Entry {
  /** The latest line of the item (undefined for a trace added in memory). */
  text?: string;
  createdAt: number;
  /** Whether the trace recorded errors (kept so that "items without a good trace" needs no parse). */
  failed: boolean;
  trace?: Trace;
  sha256?: string;
}

export interface TraceIndexOptions {
  /** Keep the traces of this run (see reviewRun.ts); without it, each item's latest trace of any run. */
  run?: TraceRun;
  /** As in readTraces: `error` for a file the user named, whose absence is a TracesFileError "not found". */
  missing?: 'empty' | 'error';
}

const runKey = (run: TraceRun) => `${run.config}\u0000${run.round}`;

/** Keeps `text` as the item's line when it is the latest so far (readTraces' choice: on a tie the later line). */
function keepLatest(entries: Map<string, Entry>, t: Trace, text: string): void {
  const createdAt = Date.parse(t.createdAt);
  const prev = entries.get(t.itemId);
  if (!prev || createdAt >= prev.createdAt) entries.set(t.itemId, { text, createdAt, failed: t.errors.length > 0 });
}

export class TraceIndex {
  private constructor(
    private readonly entries: Map<string, Entry>,
    /** Lines that are not valid traces, as readTraces reports them. */
    readonly problems: SourceProblem[],
    /** Lines holding a valid trace. */
    readonly lines: number,
    private readonly runCounts: Map<string, RunCount>,
    /** The run asked for (undefined: latest trace of any run). */
    readonly chosenRun: TraceRun | undefined,
    /** The run whose traces the index holds: the chosen run, or the file's only run (reviewRun.ts). */
    readonly shownRun: TraceRun | undefined,
  ) {}

  static empty(options: TraceIndexOptions = {}): TraceIndex {
    return new TraceIndex(new Map(), [], 0, new Map(), options.run, options.run);
  }

  /** Reads `file` (missing: an empty index, like readTraces). */
  static async load(file: string, options: TraceIndexOptions = {}): Promise<TraceIndex> {
    const chosen = options.run;
    const entries = new Map<string, Entry>();
    /** The lines of the only other run seen so far, while the fallback to it is still possible. */
    let other: { run: TraceRun; entries: Map<string, Entry> } | undefined;
    let chosenSeen = false;
    const runCounts = new Map<string, RunCount>();
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
        const run = runOfTrace(t);
        const key = runKey(run);
        const count = runCounts.get(key);
        if (count) count.traces++;
        else runCounts.set(key, { ...run, traces: 1 });
        if (!chosen || sameRun(run, chosen)) {
          keepLatest(entries, t, l.text);
          chosenSeen = true;
          other = undefined;
        } else if (!chosenSeen && runCounts.size === 1) {
          // Only other-run lines so far, all of one run: the fallback to it is still possible.
          other ??= { run, entries: new Map() };
          keepLatest(other.entries, t, l.text);
        } else other = undefined;
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && options.missing === 'error') throw new TracesFileError(file, 'not found');
      if (code === 'ENOENT') return TraceIndex.empty(options);
      if (code === 'EISDIR') throw new TracesFileError(file, 'is a folder');
      throw new TracesFileError(file, 'unreadable', (err as Error).message);
    }
    const shown = chosen && shownRun(chosen, [...runCounts.values()]);
    const fallback = chosen && shown && !sameRun(shown, chosen);
    return new TraceIndex(fallback ? other!.entries : entries, problems, lines, runCounts, chosen, shown);
  }

  /** Every run in the file (configuration × round, legacy traces as the default run), in order of first appearance. */
  get runs(): RunCount[] {
    return [...this.runCounts.values()].map((r) => ({ ...r }));
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

  /**
   * A trace that was just appended to the file (a co-reasoning run): it is the item's latest, when
   * it belongs to the run shown (another run's trace is only counted; a reload re-applies the rule).
   */
  set(trace: Trace): void {
    const run = runOfTrace(trace);
    const key = runKey(run);
    const count = this.runCounts.get(key);
    if (count) count.traces++;
    else this.runCounts.set(key, { ...run, traces: 1 });
    if (this.shownRun && !sameRun(run, this.shownRun)) return;
    this.entries.set(trace.itemId, { createdAt: Date.parse(trace.createdAt), failed: trace.errors.length > 0, trace });
  }
}
