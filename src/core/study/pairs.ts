// Keys and sides of blind pairwise judgements (docs/formats.md §7). No node: imports: the review
// webview shares these.
import { seededRandom } from './random';

/** `<itemId>::<a>::<b>` with the two configuration names sorted (a < b). */
export function comparisonKey(itemId: string, x: string, y: string): string {
  const [a, b] = sortedPair(x, y);
  return `${itemId}::${a}::${b}`;
}

export function sortedPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

/**
 * Which configuration is Response 1 for this annotator and item: a seeded coin per (annotator,
 * item), so each physician sees a stable but unpredictable placement, and the two sides are
 * balanced over items. The placement is recorded with every judgement.
 */
export function pairSides(seed: number, annotator: string, itemId: string, x: string, y: string): { '1': string; '2': string } {
  const [a, b] = sortedPair(x, y);
  return seededRandom(seed, `sides:${annotator}\u0000${itemId}`)() < 0.5 ? { '1': a, '2': b } : { '1': b, '2': a };
}

/** The item id of a comparison key (item ids may themselves contain "::"; config names are the last two parts). */
export function itemOfComparisonKey(key: string): string {
  const last = key.lastIndexOf('::');
  const before = last > 0 ? key.lastIndexOf('::', last - 1) : -1;
  return before >= 0 ? key.slice(0, before) : key;
}

/**
 * A judgement is stale when either response it was made on has been superseded: the same rule as
 * for ratings (isStaleRating), applied to each configuration's trace. Unknown is not stale.
 */
export function isStaleComparison(judgedSha256: Record<string, string> | undefined, currentSha256: Record<string, string | undefined>): boolean {
  if (!judgedSha256) return false;
  return Object.entries(judgedSha256).some(([config, sha]) => {
    const now = currentSha256[config];
    return !!sha && !!now && sha !== now;
  });
}
