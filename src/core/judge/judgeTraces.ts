// Which traces a judge rates. An annotation file holds one rating per item, so the judge rates each
// run (configuration × round) into a file of its own (judgeName.ts `judgeFileId`): per run, one
// trace per item, the latest of that item × configuration × round (latest `createdAt`, on a tie
// the later line: the rule of `medco traces merge`); the others are counted as superseded.
// `--config`/`--round` narrow the runs. Traces of items the dataset does not have are counted and
// reported, never judged.
import type { SourceProblem, Trace } from '../types';
import { validateTrace, formatIssues } from '../schema/validators';
import { parseJsonLocated } from '../schema/jsonLocation';
import { NOT_UTF8, readTextFile } from '../text/utf8';
import { traceConfigName, traceRound } from '../traces/runIdentity';
import { compareConfigs } from '../scoring/configOrder';

/** Traces written before configurations had names are `coreasoner`, round 1 (docs/formats.md §6). */
export function configOf(trace: Pick<Trace, 'config'>): { name: string; round: number } {
  return { name: traceConfigName(trace.config), round: traceRound(trace.config) };
}

export interface TraceFilter {
  config?: string;
  round?: number;
}

/** The traces of one run to judge: one per item, in file order of the item's first trace. */
export interface RunToJudge {
  config: string;
  round: number;
  traces: Trace[];
}

export interface TracesToJudge {
  /** Every run found (after --config/--round), in the configuration table's order, then by round. */
  runs: RunToJudge[];
  /** Every run's traces, in the order of `runs`. */
  traces: Trace[];
  /** Valid trace lines read. */
  lines: number;
  /** Traces replaced by a later one for the same item × configuration × round. */
  superseded: number;
  /** Traces left out by --config/--round. */
  filteredOut: number;
  /** Items with a trace but not in the dataset: not judged. */
  notInDataset: string[];
  /** Bad lines: reported, skipped. */
  problems: SourceProblem[];
}

/** The input cannot be judged as it is (a missing or unreadable file). */
export class JudgeInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JudgeInputError';
  }
}

export async function readTracesToJudge(file: string, filter: TraceFilter, inDataset: (itemId: string) => boolean): Promise<TracesToJudge> {
  let decoded;
  try {
    decoded = await readTextFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new JudgeInputError(`${file}: traces file not found`);
    if (code === 'EISDIR') throw new JudgeInputError(`${file}: is a folder, not a traces file`);
    throw new JudgeInputError(`${file}: cannot read the traces file (${(err as Error).message})`);
  }
  const problems: SourceProblem[] = [];
  const latest = new Map<string, { trace: Trace; at: number }>();
  let lines = 0;
  let superseded = 0;
  let filteredOut = 0;
  const rows = decoded.text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i].replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const line = i + 1;
    if (decoded.badLines.has(line)) {
      problems.push({ file, line, message: `${NOT_UTF8}; line skipped` });
      continue;
    }
    const parsed = parseJsonLocated(raw);
    if (!parsed.ok) {
      problems.push({ file, line, message: `invalid JSON at column ${parsed.position.column}: ${parsed.message}; line skipped` });
      continue;
    }
    const valid = validateTrace(parsed.value);
    if (!valid.ok) {
      problems.push({ file, line, message: `not a valid trace: ${formatIssues(valid.issues)}; line skipped` });
      continue;
    }
    lines++;
    const trace = valid.value;
    const { name, round } = configOf(trace);
    if ((filter.config !== undefined && name !== filter.config) || (filter.round !== undefined && round !== filter.round)) {
      filteredOut++;
      continue;
    }
    const key = `${trace.itemId}\u0000${name}\u0000${round}`;
    const at = Date.parse(trace.createdAt);
    const previous = latest.get(key);
    if (previous) {
      superseded++;
      if (at < previous.at) continue;
    }
    latest.set(key, { trace, at });
  }

  const byRun = new Map<string, RunToJudge>();
  const notInDataset = new Set<string>();
  for (const { trace } of latest.values()) {
    if (!inDataset(trace.itemId)) {
      notInDataset.add(trace.itemId);
      continue;
    }
    const { name, round } = configOf(trace);
    const key = `${name}\u0000${round}`;
    const run = byRun.get(key) ?? { config: name, round, traces: [] };
    run.traces.push(trace);
    byRun.set(key, run);
  }
  const runs = [...byRun.values()].sort((a, b) => compareConfigs(a.config, b.config) || a.round - b.round);
  const traces = runs.flatMap((r) => r.traces);
  return { runs, traces, lines, superseded, filteredOut, notInDataset: [...notInDataset], problems };
}
