// Arranges the placed ranges of a trace's concepts into the tree of highlight marks, so that every
// concept is highlighted over exactly its own text whatever else overlaps it (a term inside a
// longer phrase, two phrases sharing words, two concepts with the same span). Pure: used by the
// webview and by Node unit tests.
//
// Each range gets a nesting depth: the length of the longest chain of ranges strictly containing
// it. A range that contains another is therefore always shallower than it, and ranges that cross
// or coincide never nest in one another. Cutting the text at every range boundary, each run is
// covered by a set of ranges; grouped by depth they give the run's marks, outermost first. Runs
// whose groups continue unchanged share marks, so a term inside a phrase is one mark nested in the
// phrase's mark, and where two ranges cross the shared words are one mark carrying both ids.
// Because a range's containers cover all of it, the marks of one range never nest in each other,
// and the text under a concept's marks is exactly the text of its ranges.
import type { ConceptRange } from './conceptRanges';

export interface HighlightNode {
  start: number;
  end: number;
  /** Concepts this run belongs to, in the order given: several where ranges cross or coincide. */
  conceptIds: string[];
  /** Concepts whose range starts at this node: the node is their first piece (a tab stop). */
  startsHere: string[];
  /** Nesting depth of the node's ranges: 0 outermost, > 0 inside another concept's mark. */
  depth: number;
  /** One of the node's ranges strictly contains another range (the "outer" style). */
  containsOther: boolean;
  children: HighlightNode[];
}

interface Placed {
  conceptId: string;
  start: number;
  end: number;
  /** Position of the concept's first range in the input: keeps ids in concept order. */
  order: number;
  depth: number;
  containsOther: boolean;
}

/** The highlight marks of `ranges`, as a forest of disjoint nodes in reading order. */
export function layoutHighlights(ranges: readonly ConceptRange[]): HighlightNode[] {
  const placed = normalise(ranges);
  if (placed.length === 0) return [];
  assignDepths(placed);

  const boundaries = [...new Set(placed.flatMap((p) => [p.start, p.end]))].sort((a, b) => a - b);
  const byStart = [...placed].sort((a, b) => a.start - b.start);
  const roots: HighlightNode[] = [];
  // open[k]: the node at depth k continuing into the next run, with the key of its range set.
  let open: { node: HighlightNode; key: Placed[] }[] = [];
  let active: Placed[] = [];
  let next = 0;
  for (let b = 0; b + 1 < boundaries.length; b++) {
    const from = boundaries[b];
    const to = boundaries[b + 1];
    active = active.filter((p) => p.end > from);
    while (next < byStart.length && byStart[next].start === from) active.push(byStart[next++]);
    const levels = groupByDepth(active);
    // Keep the open nodes whose whole chain is unchanged; close the rest.
    let keep = 0;
    while (keep < open.length && keep < levels.length && sameRanges(open[keep].key, levels[keep])) keep++;
    open = open.slice(0, keep);
    for (const o of open) o.node.end = to;
    for (let k = keep; k < levels.length; k++) {
      const group = levels[k];
      const node: HighlightNode = {
        start: from,
        end: to,
        conceptIds: group.map((p) => p.conceptId),
        startsHere: group.filter((p) => p.start === from).map((p) => p.conceptId),
        depth: k,
        containsOther: group.some((p) => p.containsOther),
        children: [],
      };
      (k === 0 ? roots : open[k - 1].node.children).push(node);
      open.push({ node, key: group });
    }
  }
  return roots;
}

/**
 * Drops empty ranges and merges overlapping ranges of one concept (a concept never nests in or
 * crosses itself); keeps touching ones apart, as two mentions.
 */
function normalise(ranges: readonly ConceptRange[]): Placed[] {
  const order = new Map<string, number>();
  for (const r of ranges) if (!order.has(r.conceptId)) order.set(r.conceptId, order.size);
  const sorted = ranges
    .filter((r) => r.end > r.start)
    .map((r) => ({ conceptId: r.conceptId, start: r.start, end: r.end, order: order.get(r.conceptId)!, depth: 0, containsOther: false }))
    .sort((a, b) => a.order - b.order || a.start - b.start);
  const out: Placed[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && last.conceptId === p.conceptId && p.start < last.end) last.end = Math.max(last.end, p.end);
    else out.push(p);
  }
  return out;
}

/** depth = 1 + the deepest range strictly containing it; containers are met before their contents. */
function assignDepths(placed: Placed[]): void {
  const sweep = [...placed].sort((a, b) => a.start - b.start || b.end - a.end);
  let reach: Placed[] = [];
  for (const p of sweep) {
    reach = reach.filter((q) => q.end > p.start);
    for (const q of reach) {
      if (q.start <= p.start && p.end <= q.end && (q.start !== p.start || q.end !== p.end)) {
        q.containsOther = true;
        p.depth = Math.max(p.depth, q.depth + 1);
      }
    }
    reach.push(p);
  }
}

function groupByDepth(active: readonly Placed[]): Placed[][] {
  const levels: Placed[][] = [];
  for (const p of active) (levels[p.depth] ??= []).push(p);
  for (const level of levels) level?.sort((a, b) => a.order - b.order || a.start - b.start);
  // Depths are contiguous (a range's deepest container, one level up, covers all of it); filter
  // anyway so a gap could never produce an empty mark.
  return levels.filter((l) => l && l.length > 0);
}

function sameRanges(a: readonly Placed[], b: readonly Placed[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

/** Index of the first node whose end lies after `offset` (nodes are disjoint and in order). */
export function firstEndingAfter(nodes: readonly HighlightNode[], offset: number): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nodes[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
