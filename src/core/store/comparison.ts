// Blind pairwise judgements in an annotator file (docs/formats.md §7): the checks and the
// revision bookkeeping of one `comparisons` entry, as annotationStore.ts does for ratings.
import { PAIRWISE_BOTH_BAD, PAIRWISE_TIE, type ComparisonEntry, type ComparisonHistoryEntry, type ComparisonState, type Rubric } from '../types';
import { canonicalJson } from './stableJson';
import { RatingError } from './errors';

export interface SaveComparisonInput {
  /** The item and the two configurations compared (any order: the key sorts them). */
  itemId: string;
  configs: [string, string];
  /** Placement shown to the annotator; kept from the previous revision when omitted. */
  sides?: { '1': string; '2': string };
  traceIds?: Record<string, string>;
  traceSha256?: Record<string, string>;
  /** dimension → configuration name, "tie" or "both_bad". */
  winner: Record<string, string>;
  flags?: string[];
  comment?: string;
  durationMs?: number;
  /**
   * 'replace' (default): `winner`, flags and comment are the whole new judgement (the panel).
   * 'merge': only the dimensions, flags and comment given change (`medco rate --prefer`).
   */
  mode?: 'replace' | 'merge';
}

export interface SaveComparisonResult {
  key: string;
  entry: ComparisonEntry;
  changed: boolean;
}

/** Why a judgement cannot be saved, as readable sentences (empty when it can). */
export function comparisonProblems(input: SaveComparisonInput, rubric?: Rubric): string[] {
  const problems: string[] = [];
  const [x, y] = input.configs;
  if (x === y) problems.push(`a comparison needs two different configurations (got "${x}" twice)`);
  for (const c of input.configs) {
    if (c === '' || c.includes('::')) problems.push(`configuration name ${JSON.stringify(c)} must be non-empty and without "::"`);
    if (c === PAIRWISE_TIE || c === PAIRWISE_BOTH_BAD) problems.push(`configuration name "${c}" is reserved for outcomes`);
  }
  const allowed = new Set([x, y, PAIRWISE_TIE, PAIRWISE_BOTH_BAD]);
  const dims = rubric ? new Set(rubric.dimensions.map((d) => d.id)) : undefined;
  for (const [dim, outcome] of Object.entries(input.winner)) {
    if (dims && !dims.has(dim)) problems.push(`unknown dimension "${dim}" (rubric ${rubric!.id} has: ${[...dims].join(', ')})`);
    if (!allowed.has(outcome)) problems.push(`${dim}: "${outcome}" is not ${x}, ${y}, tie or both_bad`);
  }
  if (input.sides) {
    const shown = [input.sides['1'], input.sides['2']].sort();
    if (shown.join('\u0000') !== [x, y].sort().join('\u0000')) problems.push(`sides must place ${x} and ${y} (got 1=${input.sides['1']}, 2=${input.sides['2']})`);
  }
  for (const c of Object.keys(input.traceIds ?? {})) if (c !== x && c !== y) problems.push(`trace id given for "${c}", which is not compared`);
  if (rubric && input.flags) {
    const flagIds = new Set(rubric.flags.map((f) => f.id));
    for (const f of input.flags) if (!flagIds.has(f)) problems.push(`unknown flag "${f}" (rubric ${rubric.id} has: ${[...flagIds].join(', ')})`);
  }
  return problems;
}

export function assertComparisonFits(input: SaveComparisonInput, rubric?: Rubric): void {
  const problems = comparisonProblems(input, rubric);
  if (problems.length > 0) throw new RatingError(problems.join('; '));
}

/** The next state of the entry (before revision bookkeeping), from the previous one and the input. */
export function nextComparisonState(previous: ComparisonEntry | undefined, input: SaveComparisonInput): ComparisonState | undefined {
  const sides = input.sides ?? previous?.sides;
  if (!sides) return undefined;
  const merge = input.mode === 'merge';
  const state: ComparisonState = {
    sides: { '1': sides['1'], '2': sides['2'] },
    traceIds: { ...(input.traceIds ?? previous?.traceIds ?? {}) },
    winner: merge ? { ...(previous?.winner ?? {}), ...input.winner } : { ...input.winner },
  };
  const sha = input.traceSha256 ?? previous?.traceSha256;
  if (sha) state.traceSha256 = { ...sha };
  const flags = input.flags ?? (merge ? previous?.flags : undefined);
  const uniqueFlags = flags ? [...new Set(flags)].sort() : [];
  if (uniqueFlags.length > 0) state.flags = uniqueFlags;
  const comment = input.comment ?? (merge ? previous?.comment : undefined);
  if (comment !== undefined && comment !== '') state.comment = comment;
  return state;
}

export function comparisonSnapshot(e: ComparisonEntry): ComparisonHistoryEntry {
  const { history: _history, ...rest } = e;
  return rest;
}

/** What makes two saves "the same": judgement, placement and traces; not the timing. */
export function comparisonSubstance(e: ComparisonState): string {
  return canonicalJson({ sides: e.sides, traceIds: e.traceIds, traceSha256: e.traceSha256 ?? {}, winner: e.winner, flags: e.flags ?? [], comment: e.comment ?? '' });
}
