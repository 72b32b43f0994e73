// The rating status of one item for one annotator, as the tree, the status bar and "next unrated"
// see it. Pure (no `vscode`), so it is unit-tested directly.
import type { AnnotationEntry, ComparisonEntry, Rubric } from '../../core/types';
import { isStaleRating } from '../../core/traces/staleness';
import { isStaleComparison } from '../../core/study/pairs';

export type ItemStatus = 'rated' | 'partial' | 'unrated' | 'stale';

/**
 * A dimension counts as answered when its key is present: a number, or `null` for "not
 * assessable" (an explicit answer, docs/formats.md §3). A rating made on another version of the trace
 * than the one now on disk is stale (core/traces: isStaleRating).
 */
export function itemStatus(
  entry: AnnotationEntry | undefined,
  rubric: Pick<Rubric, 'dimensions'>,
  currentTraceSha256: string | undefined,
): ItemStatus {
  if (!entry) return 'unrated';
  const answered = rubric.dimensions.filter((d) => {
    const v = entry.rating[d.id];
    return v === null || typeof v === 'number';
  }).length;
  if (answered === 0) return 'unrated';
  if (isStaleRating(entry.traceSha256, currentTraceSha256)) return 'stale';
  return answered === rubric.dimensions.length ? 'rated' : 'partial';
}

export interface StatusCounts {
  total: number;
  rated: number;
  partial: number;
  stale: number;
  unrated: number;
}

export function countStatuses(statuses: Iterable<ItemStatus>): StatusCounts {
  const counts: StatusCounts = { total: 0, rated: 0, partial: 0, stale: 0, unrated: 0 };
  for (const s of statuses) {
    counts.total++;
    counts[s]++;
  }
  return counts;
}

/**
 * The same statuses for a blind pairwise judgement (pairwise studies): answered dimensions are
 * those with a winner; stale once either response was superseded (core/study: isStaleComparison;
 * unknown current hashes are not stale).
 */
export function comparisonStatus(
  entry: ComparisonEntry | undefined,
  rubric: Pick<Rubric, 'dimensions'>,
  currentSha256: Record<string, string | undefined>,
): ItemStatus {
  if (!entry) return 'unrated';
  const answered = rubric.dimensions.filter((d) => entry.winner[d.id] !== undefined).length;
  if (answered === 0) return 'unrated';
  if (isStaleComparison(entry.traceSha256, currentSha256)) return 'stale';
  return answered === rubric.dimensions.length ? 'rated' : 'partial';
}
