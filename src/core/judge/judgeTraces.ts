// Which traces a judge rates. An annotation file holds one rating per item, so the judge rates one
// trace per item: of each item × configuration × round the latest trace (latest `createdAt`, on a
// tie the later line: the rule of `medco traces merge`), and the traces file must then hold one
// configuration and round per item, or `--config`/`--round` choose one. Traces of items the
// dataset does not have are counted and reported, never judged.
import type { SourceProblem, Trace } from '../types';
import { validateTrace, formatIssues } from '../schema/validators';
import { parseJsonLocated } from '../schema/jsonLocation';
import { NOT_UTF8, readTextFile } from '../text/utf8';
import { traceConfigName, traceRound } from '../traces/runIdentity';

/** Traces written before configurations had names are `coreasoner`, round 1 (docs/formats.md §6). */
export function configOf(trace: Pick<Trace, 'config'>): { name: string; round: number } {
  return { name: traceConfigName(trace.config), round: traceRound(trace.config) };
}

export interface TraceFilter {
  config?: string;
  round?: number;
}

export interface TracesToJudge {
  /** One trace per item, in file order of the item's first trace. */
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

/** The input cannot be judged as it is (a missing file, several configurations per item). */
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

  const byItem = new Map<string, Trace[]>();
  for (const { trace } of latest.values()) byItem.set(trace.itemId, [...(byItem.get(trace.itemId) ?? []), trace]);
  const ambiguous = [...byItem].filter(([, list]) => list.length > 1);
  if (ambiguous.length > 0) {
    const runs = [...new Set([...latest.values()].map(({ trace }) => `${configOf(trace).name} round ${configOf(trace).round}`))].sort();
    const [itemId, list] = ambiguous[0];
    throw new JudgeInputError(
      `${file}: ${ambiguous.length} item(s) have traces of several configurations or rounds (e.g. ${itemId}: ${list.map((t) => `${configOf(t).name} round ${configOf(t).round}`).join(', ')}); ` +
        `an annotation file holds one rating per item: choose one with --config and --round (the file has: ${runs.join('; ')})`,
    );
  }
  const traces: Trace[] = [];
  const notInDataset: string[] = [];
  for (const [itemId, [trace]] of byItem) {
    if (inDataset(itemId)) traces.push(trace);
    else notInDataset.push(itemId);
  }
  return { traces, lines, superseded, filteredOut, notInDataset, problems };
}
