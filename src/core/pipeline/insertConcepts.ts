// The released code's concept fusion (`insert_concepts` in astridesa/Med-CoReasoner codes/main.py),
// re-stated for the `paper` configuration. Local concepts are inserted one by one, in local order,
// into a chain that starts as the English chain and grows: each is compared with every element of
// the current chain (English and already inserted local concepts), the most similar element wins
// (the first one on ties), and below the threshold the concept is rejected (dropped from the chain).
// Otherwise it goes right after the best element when that is the chain's first element, right
// before it when it is the last, and else before it when the mean similarity of the elements to its
// left exceeds that of the elements to its right, after it otherwise. If either side has no
// concepts the fused chain is empty (the released caller's rule).
import type { AlignedPair, Concept, LocalOnlyConcept } from '../types';
import { cosineSimilarity, type Alignment } from './alignConcepts';

const mean = (xs: readonly number[]): number => xs.reduce((a, x) => a + x, 0) / xs.length;

export function insertConceptsReleased(
  english: readonly Concept[],
  local: readonly Concept[],
  vectors: ReadonlyMap<string, readonly number[]>,
  threshold = 0.7,
): Alignment {
  if (english.length === 0 || local.length === 0) {
    return { pairs: [], localOnly: local.map((l) => ({ local: l.id, nearest: null, similarity: 0 })), fused: [] };
  }
  const vectorOf = (id: string): readonly number[] => {
    const v = vectors.get(id);
    if (!v) throw new Error(`no embedding for concept ${id}`);
    return v;
  };
  const chain: string[] = english.map((e) => e.id);
  const matched: { local: string; english: string; similarity: number }[] = [];
  const localOnly: LocalOnlyConcept[] = [];
  for (const l of local) {
    const lv = vectorOf(l.id);
    const sims = chain.map((id) => cosineSimilarity(lv, vectorOf(id)));
    let best = 0;
    for (let i = 1; i < sims.length; i++) if (sims[i] > sims[best]) best = i;
    if (sims[best] < threshold) {
      localOnly.push({ local: l.id, nearest: chain[best], similarity: round(sims[best]) });
      continue;
    }
    let at: number;
    if (best === 0) at = 1;
    else if (best === chain.length - 1) at = best;
    else at = mean(sims.slice(0, best)) > mean(sims.slice(best + 1)) ? best : best + 1;
    matched.push({ local: l.id, english: chain[best], similarity: round(sims[best]) });
    chain.splice(at, 0, l.id);
  }
  const pairs: AlignedPair[] = matched.map((m) => ({ ...m, insertAt: chain.indexOf(m.local) }));
  return { pairs, localOnly, fused: chain };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
