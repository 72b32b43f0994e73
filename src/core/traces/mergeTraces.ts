// Merging the traces files of a sharded run (`medco traces merge`, docs/formats.md §8): n machines
// each wrote one file; the merge keeps, per item × configuration × round, the latest trace
// (latest `createdAt`; on a tie the later file, then the later line), exactly as readers choose.
// Winning lines are copied byte for byte, so a merged trace is the trace its shard wrote. Lines
// that are not valid traces are reported as file:line and never copied.
import { readSync, writeSync } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { SourceProblem } from '../types';
import { traceRunKey } from './runIdentity';
import { NOT_UTF8 } from '../text/utf8';
import { checkTraceLine } from './traceFile';
import { forEachLineOf } from './traceLines';
import { writeFileAtomicWith } from '../store/atomicWrite';

/** Where a candidate line is: the merge keeps locations, not texts, and copies winners' bytes. */
interface Candidate {
  input: number;
  offset: number;
  byteLength: number;
  at: number;
  source: { file: string; line: number };
}

/** Two inputs held different traces for the same item × configuration × round. */
export interface MergeConflict {
  itemId: string;
  config: string;
  round: number;
  kept: { file: string; line: number };
  superseded: { file: string; line: number }[];
}

/** What a merge decided, without the merged lines themselves. */
export interface MergeReport {
  /** Traces in the merge (one per item × configuration × round). */
  traces: number;
  inputs: { file: string; traces: number }[];
  /** Traces replaced by a later one for the same key (across or within inputs). */
  superseded: number;
  /** Keys whose inputs disagreed (different trace content); identical copies are not conflicts. */
  conflicts: MergeConflict[];
  problems: SourceProblem[];
}

export interface MergeResult extends Omit<MergeReport, 'traces'> {
  /** Winning lines in first-seen order (the order of the inputs), each without its newline. */
  lines: string[];
}

export class MergeInputError extends Error {
  constructor(readonly file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'MergeInputError';
  }
}

/** Reads every input, then decides, and returns the winning lines as text (nothing is written). */
export async function mergeTraceFiles(files: readonly string[]): Promise<MergeResult> {
  return withInputs(files, async (handles) => {
    const decided = await decide(files, handles);
    const lines = decided.winners.map((c) => readBytes(handles[c.input], c).toString('utf8'));
    const { inputs, superseded, conflicts, problems } = decided.report;
    return { lines, inputs, superseded, conflicts, problems };
  });
}

/**
 * `medco traces merge`: reads every input, decides, then writes the winning lines to `out`
 * atomically, copying each one's bytes from its input (no line is re-encoded or held as text).
 * The inputs stay open from reading to copying, so a file replaced meanwhile cannot mix in.
 */
export async function writeMergedTraces(files: readonly string[], out: string): Promise<MergeReport> {
  return withInputs(files, async (handles) => {
    const decided = await decide(files, handles);
    await writeFileAtomicWith(out, (output) => copyLines(handles, decided.winners, output));
    return decided.report;
  });
}

async function withInputs<T>(files: readonly string[], use: (handles: FileHandle[]) => Promise<T>): Promise<T> {
  const handles: FileHandle[] = [];
  try {
    for (const file of files) handles.push(await openInput(file));
    return await use(handles);
  } finally {
    await Promise.all(handles.map((h) => h.close()));
  }
}

/** The decision itself: the latest candidate per key, and who it superseded. */
async function decide(files: readonly string[], handles: FileHandle[]): Promise<{ winners: Candidate[]; report: MergeReport }> {
  const winners = new Map<string, Candidate>();
  // Every replacement, in order; whether it is a conflict (different content) is settled after
  // reading, by comparing bytes (only lines of equal length can be equal).
  const drops: { key: string; kept: Candidate; dropped: Candidate }[] = [];
  const problems: SourceProblem[] = [];
  const inputs: MergeReport['inputs'] = [];
  let superseded = 0;
  for (let input = 0; input < files.length; input++) {
    const file = files[input];
    let traces = 0;
    await forEachLineOf(handles[input], (l) => {
      const check = checkTraceLine(l.text, l.notUtf8);
      if (!check.ok) {
        const message =
          check.kind === 'not-utf8' ? `${NOT_UTF8}; not merged`
          : check.kind === 'json' ? `invalid JSON at column ${check.column}: ${check.message}; not merged`
          : `not a valid trace: ${check.issues}; not merged`;
        problems.push({ file, line: l.line, message });
        return;
      }
      traces++;
      const candidate: Candidate = { input, offset: l.offset, byteLength: l.byteLength, at: Date.parse(check.trace.createdAt), source: { file, line: l.line } };
      const key = traceRunKey(check.trace);
      const previous = winners.get(key);
      if (previous === undefined) {
        winners.set(key, candidate);
        return;
      }
      superseded++;
      // Inputs are read in order, so on equal times the candidate is the later one and wins.
      const candidateWins = !(candidate.at < previous.at);
      const [kept, dropped] = candidateWins ? [candidate, previous] : [previous, candidate];
      winners.set(key, kept);
      drops.push({ key, kept, dropped });
    }).catch((err: unknown) => {
      throw new MergeInputError(file, `cannot read the traces file (${(err as Error).message})`);
    });
    inputs.push({ file, traces });
  }
  const losers = new Map<string, Candidate[]>();
  for (const { key, kept, dropped } of drops) {
    if (sameBytes(handles, kept, dropped)) continue;
    losers.set(key, [...(losers.get(key) ?? []), dropped]);
  }
  const conflicts: MergeConflict[] = [];
  for (const [key, dropped] of losers) {
    const [itemId, config, round] = key.split('\u0000');
    conflicts.push({ itemId, config, round: Number(round), kept: winners.get(key)!.source, superseded: dropped.map((d) => d.source) });
  }
  const kept = [...winners.values()];
  return { winners: kept, report: { traces: kept.length, inputs, superseded, conflicts, problems } };
}

function sameBytes(handles: FileHandle[], a: Candidate, b: Candidate): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return readBytes(handles[a.input], a).equals(readBytes(handles[b.input], b));
}

/**
 * A candidate's bytes, read back from its input. Synchronous on purpose: tens of thousands of
 * small reads from the page cache each take microseconds, while each trip through the thread
 * pool of an async read waits for a free thread (seconds in all on a loaded machine).
 */
function readBytes(handle: FileHandle, c: Candidate, into?: Buffer, at = 0): Buffer {
  const target = into ?? Buffer.allocUnsafe(c.byteLength);
  const bytesRead = readSync(handle.fd, target, at, c.byteLength, c.offset);
  // The inputs are append-only: a line read earlier is still whole unless the file was cut short.
  if (bytesRead !== c.byteLength) throw new MergeInputError(c.source.file, `changed while merging (line ${c.source.line} is no longer there)`);
  return into ? target.subarray(at, at + c.byteLength) : target;
}

/** Copies the winners' bytes, each followed by '\n', through one reused buffer (synchronously, see readBytes). */
async function copyLines(handles: FileHandle[], winners: Candidate[], output: FileHandle): Promise<void> {
  let buffer = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  for (const c of winners) {
    if (used + c.byteLength + 1 > buffer.length) {
      writeAll(output, buffer, used);
      used = 0;
      if (c.byteLength + 1 > buffer.length) buffer = Buffer.allocUnsafe(c.byteLength + 1);
    }
    readBytes(handles[c.input], c, buffer, used);
    used += c.byteLength;
    buffer[used++] = 0x0a;
  }
  writeAll(output, buffer, used);
}

function writeAll(output: FileHandle, buffer: Buffer, length: number): void {
  for (let done = 0; done < length; ) done += writeSync(output.fd, buffer, done, length - done);
}

async function openInput(file: string): Promise<FileHandle> {
  try {
    if ((await stat(file)).isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    return await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new MergeInputError(file, 'traces file not found');
    if (code === 'EISDIR') throw new MergeInputError(file, 'is a folder, not a traces file');
    throw new MergeInputError(file, `cannot read the traces file (${(err as Error).message})`);
  }
}
