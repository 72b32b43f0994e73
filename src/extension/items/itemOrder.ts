// The order in which items are browsed: the tree's order (language, then task, each in order of
// first appearance in the dataset, items in dataset order), so that "next" in the review panel is
// the item below in the tree. Pure, unit-tested.

export interface OrderableItem {
  id: string;
  lang: string;
  task: string;
}

export function browseOrder<T extends OrderableItem>(items: readonly T[]): T[] {
  const langRank = new Map<string, number>();
  const taskRank = new Map<string, number>();
  for (const it of items) {
    if (!langRank.has(it.lang)) langRank.set(it.lang, langRank.size);
    if (!taskRank.has(it.task)) taskRank.set(it.task, taskRank.size);
  }
  // Array.prototype.sort is stable, so dataset order survives inside each (language, task) group.
  return [...items].sort(
    (a, b) => langRank.get(a.lang)! - langRank.get(b.lang)! || taskRank.get(a.task)! - taskRank.get(b.task)!,
  );
}

export type Direction = 'next' | 'previous' | 'nextUnrated';

/**
 * The id to move to from `currentId`. `next`/`previous` stop at the ends (no wrap: an annotator at
 * the last item should notice it); `nextUnrated` searches forward and wraps once around, so that
 * items skipped earlier are found. With no current item, `next` and `nextUnrated` start at the top.
 */
export function neighbourId(
  orderedIds: readonly string[],
  currentId: string | undefined,
  direction: Direction,
  isDone: (id: string) => boolean = () => false,
): string | undefined {
  if (orderedIds.length === 0) return undefined;
  const at = currentId === undefined ? -1 : orderedIds.indexOf(currentId);
  if (direction === 'next') return at + 1 < orderedIds.length ? orderedIds[at + 1] : undefined;
  if (direction === 'previous') return at > 0 ? orderedIds[at - 1] : undefined;
  for (let step = 1; step <= orderedIds.length; step++) {
    const id = orderedIds[(at + step + orderedIds.length) % orderedIds.length];
    if (id !== currentId && !isDone(id)) return id;
  }
  return undefined;
}
