// Merging the traces files of a sharded run (`medco traces merge`, docs/formats.md §8): n machines
// each wrote one file; the merge keeps, per item × configuration × round, the latest trace
// (latest `createdAt`; on a tie the later file, then the later line), exactly as readers choose.
// Winning lines are copied byte for byte, so a merged trace is the trace its shard wrote. Lines
// that are not valid traces are reported as file:line and never copied.
import type { SourceProblem } from '../types';
import { traceRunKey } from './runIdentity';
import { validateTrace, formatIssues } from '../schema/validators';
import { parseJsonLocated } from '../schema/jsonLocation';
import { NOT_UTF8, readTextFile } from '../text/utf8';


interface Candidate {
  line: string;
  at: number;
  traceId: string;
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

export interface MergeResult {
  /** Winning lines in first-seen order (the order of the inputs), each without its newline. */
  lines: string[];
  inputs: { file: string; traces: number }[];
  /** Traces replaced by a later one for the same key (across or within inputs). */
  superseded: number;
  /** Keys whose inputs disagreed (different trace content); identical copies are not conflicts. */
  conflicts: MergeConflict[];
  problems: SourceProblem[];
}

export class MergeInputError extends Error {
  constructor(readonly file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'MergeInputError';
  }
}

/** Reads every input, then decides: nothing is written here (the caller writes `lines` atomically). */
export async function mergeTraceFiles(files: readonly string[]): Promise<MergeResult> {
  const winners = new Map<string, Candidate>();
  const losers = new Map<string, Candidate[]>();
  const problems: SourceProblem[] = [];
  const inputs: MergeResult['inputs'] = [];
  let superseded = 0;
  for (const file of files) {
    const decoded = await readInput(file);
    let traces = 0;
    const rows = decoded.text.split('\n');
    for (let i = 0; i < rows.length; i++) {
      const raw = rows[i].replace(/\r$/, '');
      if (raw.trim() === '') continue;
      const lineNo = i + 1;
      if (decoded.badLines.has(lineNo)) {
        problems.push({ file, line: lineNo, message: `${NOT_UTF8}; not merged` });
        continue;
      }
      const parsed = parseJsonLocated(raw);
      if (!parsed.ok) {
        problems.push({ file, line: lineNo, message: `invalid JSON at column ${parsed.position.column}: ${parsed.message}; not merged` });
        continue;
      }
      const valid = validateTrace(parsed.value);
      if (!valid.ok) {
        problems.push({ file, line: lineNo, message: `not a valid trace: ${formatIssues(valid.issues)}; not merged` });
        continue;
      }
      traces++;
      const candidate: Candidate = { line: raw, at: Date.parse(valid.value.createdAt), traceId: valid.value.id, source: { file, line: lineNo } };
      const key = traceRunKey(valid.value);
      const previous = winners.get(key);
      if (previous === undefined) {
        winners.set(key, candidate);
        continue;
      }
      superseded++;
      // Inputs are read in order, so on equal times the candidate is the later one and wins.
      const candidateWins = !(candidate.at < previous.at);
      const [kept, dropped] = candidateWins ? [candidate, previous] : [previous, candidate];
      winners.set(key, kept);
      if (dropped.line !== kept.line) losers.set(key, [...(losers.get(key) ?? []), dropped]);
    }
    inputs.push({ file, traces });
  }
  const conflicts: MergeConflict[] = [];
  for (const [key, dropped] of losers) {
    const [itemId, config, round] = key.split('\u0000');
    conflicts.push({ itemId, config, round: Number(round), kept: winners.get(key)!.source, superseded: dropped.map((d) => d.source) });
  }
  return { lines: [...winners.values()].map((c) => c.line), inputs, superseded, conflicts, problems };
}

async function readInput(file: string): Promise<{ text: string; badLines: ReadonlySet<number> }> {
  try {
    return await readTextFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new MergeInputError(file, 'traces file not found');
    if (code === 'EISDIR') throw new MergeInputError(file, 'is a folder, not a traces file');
    throw new MergeInputError(file, `cannot read the traces file (${(err as Error).message})`);
  }
}
