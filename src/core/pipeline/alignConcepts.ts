// Concept alignment and position-aware fusion (DESIGN step 3). Each local concept is matched to its
// most similar English concept; when the similarity reaches the threshold it is inserted next to
// that concept, before or after it depending on which English neighbour it resembles more, so the
// fused chain keeps the English order of reasoning. Unlike the paper's released code, a local
// concept without an English counterpart is not dropped: it is kept as local-only knowledge and
// placed in the chain after the local concept that preceded it.
import type { AlignedPair, Concept, LocalOnlyConcept } from '../types';

export interface Alignment {
  pairs: AlignedPair[];
  localOnly: LocalOnlyConcept[];
  fused: string[];
}

export type Side = 'before' | 'after';

/** A decided match of one local concept (from embeddings or from the LLM fallback). */
export interface Match {
  local: string;
  english: string;
  similarity: number;
  side: Side;
}

export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * Decides, from embeddings, the match (or the nearest English concept) of every local concept.
 * Side: compare the local concept with the English neighbours of its match; it goes on the side of
 * the more similar neighbour (after, when there is none or they tie, as the reasoning moves forward).
 */
export function matchByEmbeddings(
  english: readonly Concept[],
  local: readonly Concept[],
  vectors: ReadonlyMap<string, readonly number[]>,
  threshold: number,
): { matches: Match[]; localOnly: LocalOnlyConcept[] } {
  const matches: Match[] = [];
  const localOnly: LocalOnlyConcept[] = [];
  for (const l of local) {
    const lv = vectors.get(l.id);
    let best = -1;
    let bestSim = -Infinity;
    if (lv) {
      english.forEach((e, j) => {
        const ev = vectors.get(e.id);
        if (!ev) return;
        const s = cosineSimilarity(lv, ev);
        if (s > bestSim) {
          bestSim = s;
          best = j;
        }
      });
    }
    if (best < 0) {
      localOnly.push({ local: l.id, nearest: null, similarity: 0 });
      continue;
    }
    if (bestSim < threshold) {
      localOnly.push({ local: l.id, nearest: english[best].id, similarity: round(bestSim) });
      continue;
    }
    const neighbour = (j: number): number => {
      const v = j >= 0 && j < english.length ? vectors.get(english[j].id) : undefined;
      return lv && v ? cosineSimilarity(lv, v) : -Infinity;
    };
    const side: Side = neighbour(best - 1) > neighbour(best + 1) ? 'before' : 'after';
    matches.push({ local: l.id, english: english[best].id, similarity: round(bestSim), side });
  }
  return { matches, localOnly };
}

/**
 * Builds the fused chain from decided matches. Matched local concepts sit in a slot before or after
 * their English concept (several in one slot keep their local order); local-only concepts follow
 * the local concept that precedes them in the local chain, or precede the first placed one.
 * `insertAt` of each pair is the local concept's index in the fused chain.
 */
export function fuseConcepts(
  english: readonly Concept[],
  local: readonly Concept[],
  matches: readonly Match[],
  localOnly: readonly LocalOnlyConcept[],
): Alignment {
  const englishIndex = new Map(english.map((e, i) => [e.id, i]));
  const before = english.map(() => [] as string[]);
  const after = english.map(() => [] as string[]);
  const matchOf = new Map<string, Match>();
  for (const m of matches) {
    const j = englishIndex.get(m.english);
    if (j === undefined || matchOf.has(m.local)) continue;
    matchOf.set(m.local, m);
  }
  // Fill slots in local order, so that several local concepts matched to one English concept stay in order.
  for (const l of local) {
    const m = matchOf.get(l.id);
    if (!m) continue;
    const j = englishIndex.get(m.english)!;
    (m.side === 'before' ? before[j] : after[j]).push(l.id);
  }
  const fused: string[] = [];
  english.forEach((e, j) => fused.push(...before[j], e.id, ...after[j]));

  // Local concepts that are neither matched nor listed as local-only (a fallback aligner may omit
  // some) are still kept: no local knowledge is dropped.
  const onlyIds = new Set(localOnly.map((o) => o.local));
  const kept = [...localOnly];
  for (const l of local) {
    if (!matchOf.has(l.id) && !onlyIds.has(l.id)) kept.push({ local: l.id, nearest: null, similarity: 0 });
  }
  const unmatched = new Set(kept.map((o) => o.local));
  let lastPlaced: string | null = null;
  const pendingAtStart: string[] = [];
  for (const l of local) {
    if (!unmatched.has(l.id)) {
      lastPlaced = l.id;
      continue;
    }
    if (lastPlaced === null) {
      pendingAtStart.push(l.id);
    } else {
      fused.splice(fused.indexOf(lastPlaced) + 1, 0, l.id);
      lastPlaced = l.id;
    }
  }
  if (pendingAtStart.length > 0) {
    const firstMatched = local.find((l) => matchOf.has(l.id));
    const at = firstMatched ? fused.indexOf(firstMatched.id) : fused.length;
    fused.splice(at, 0, ...pendingAtStart);
  }

  const pairs: AlignedPair[] = [...matchOf.values()]
    .sort((a, b) => fused.indexOf(a.local) - fused.indexOf(b.local))
    .map((m) => ({ local: m.local, english: m.english, similarity: m.similarity, insertAt: fused.indexOf(m.local) }));
  const order = new Map(local.map((l, i) => [l.id, i]));
  kept.sort((a, b) => (order.get(a.local) ?? 0) - (order.get(b.local) ?? 0));
  return { pairs, localOnly: kept, fused };
}

export function alignConcepts(
  english: readonly Concept[],
  local: readonly Concept[],
  vectors: ReadonlyMap<string, readonly number[]>,
  threshold = 0.7,
): Alignment {
  const { matches, localOnly } = matchByEmbeddings(english, local, vectors, threshold);
  return fuseConcepts(english, local, matches, localOnly);
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
