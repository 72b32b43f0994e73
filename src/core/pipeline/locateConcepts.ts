// Finds where a concept occurs in the reasoning it was extracted from, as UTF-16 spans of the
// original text. Models rarely copy perfectly, so both strings are compared folded (core/text/fold:
// the same rule as the review panel's highlighter), first exactly and then, for a plural or a
// particle added, by the best approximate window.
import type { Span } from '../types';
import { findAllFolded, foldNeedle, foldText, originalRange, type FoldedText } from '../text/fold';

/**
 * Approximate substring match (Sellers' algorithm): the window of `hay` with the smallest edit
 * distance to `needle`, where the window may start anywhere. O(|needle|·|hay|) time, O(|needle|) memory.
 */
export function bestWindow(hay: string, needle: string): { start: number; end: number; distance: number } | null {
  const m = needle.length;
  if (m === 0 || hay.length === 0) return null;
  let prevCost = new Array<number>(m + 1);
  let prevStart = new Array<number>(m + 1);
  let cost = new Array<number>(m + 1);
  let start = new Array<number>(m + 1);
  for (let i = 0; i <= m; i++) {
    prevCost[i] = i;
    prevStart[i] = 0;
  }
  let best = { start: 0, end: 0, distance: m };
  for (let j = 1; j <= hay.length; j++) {
    cost[0] = 0;
    start[0] = j;
    const c = hay.charCodeAt(j - 1);
    for (let i = 1; i <= m; i++) {
      const sub = prevCost[i - 1] + (needle.charCodeAt(i - 1) === c ? 0 : 1);
      const del = prevCost[i] + 1; // hay char not in needle
      const ins = cost[i - 1] + 1; // needle char missing from hay
      if (sub <= del && sub <= ins) {
        cost[i] = sub;
        start[i] = prevStart[i - 1];
      } else if (del <= ins) {
        cost[i] = del;
        start[i] = prevStart[i];
      } else {
        cost[i] = ins;
        start[i] = start[i - 1];
      }
    }
    if (cost[m] < best.distance) best = { start: start[m], end: j, distance: cost[m] };
    [prevCost, cost] = [cost, prevCost];
    [prevStart, start] = [start, prevStart];
  }
  return best;
}

export interface LocateOptions {
  /** Most edits per needle character a fuzzy match may need. */
  maxErrorRate?: number;
  /** Needles shorter than this (normalised) are only matched exactly: two CJK characters with one edit is noise. */
  minFuzzyLength?: number;
  maxSpans?: number;
}

/**
 * Spans of `concept` in `text`: every exact (normalised) occurrence; else the occurrences of the
 * model's verbatim `quote`; else the best approximate window when close enough; else [].
 */
export function locateConcept(text: string, concept: string, quote?: string, options: LocateOptions = {}, folded?: FoldedText): Span[] {
  const { maxErrorRate = 0.25, minFuzzyLength = 4, maxSpans = 20 } = options;
  const n = folded ?? foldText(text);
  const needle = foldNeedle(concept);
  const exact = findAllFolded(n, concept, maxSpans);
  if (exact.length > 0) return exact;
  if (quote) {
    const q = foldNeedle(quote);
    // The quote is a hint only when it contains (a close form of) the concept, not any sentence.
    const fromQuote = q.length > 0 && q.length <= Math.max(needle.length * 4, 80) ? findAllFolded(n, quote, maxSpans) : [];
    if (fromQuote.length > 0) return fromQuote;
  }
  if (needle.length < minFuzzyLength) return [];
  const w = bestWindow(n.text, needle);
  if (!w || w.end <= w.start || w.distance > Math.floor(needle.length * maxErrorRate)) return [];
  return [originalRange(n, w.start, w.end)];
}
