// Finds where a concept occurs in the reasoning it was extracted from, as UTF-16 spans of the
// original text. Models rarely copy perfectly: the reasoning may be NFD while the concept is NFC
// (common for Yoruba tone marks and Korean jamo), full-width vs half-width forms differ, case and
// spacing differ, a plural or a particle is added. So both strings are compared in a normalised
// form (NFKC, lower case, punctuation and runs of whitespace as one space) that keeps a map back to
// the original offsets, first exactly and then by the best approximate window.
import type { Span } from '../types';

export interface NormalizedText {
  text: string;
  /** For each UTF-16 unit of `text`: the [start, end) of the grapheme of the original it came from. */
  starts: number[];
  ends: number[];
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const SEPARATOR = /^[\s\p{P}\p{Z}]+$/u;

export function normalizeForMatch(original: string): NormalizedText {
  // Already NFKC (most model output): no grapheme can change under normalisation, so code points
  // can be mapped one by one, without the (much slower) grapheme segmentation.
  if (original === original.normalize('NFKC')) return normalizeCodePoints(original);
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (const { segment, index } of graphemes.segment(original)) {
    const end = index + segment.length;
    if (SEPARATOR.test(segment)) {
      // Punctuation and whitespace all become one space; leading separators are dropped.
      if (text.length > 0 && !text.endsWith(' ')) {
        text += ' ';
        starts.push(index);
        ends.push(end);
      }
      continue;
    }
    const norm = segment.normalize('NFKC').toLowerCase();
    for (let k = 0; k < norm.length; k++) {
      starts.push(index);
      ends.push(end);
    }
    text += norm;
  }
  return { text, starts, ends };
}

function normalizeCodePoints(original: string): NormalizedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const ch of original) {
    const end = index + ch.length;
    if (SEPARATOR.test(ch)) {
      if (text.length > 0 && !text.endsWith(' ')) {
        text += ' ';
        starts.push(index);
        ends.push(end);
      }
    } else {
      const low = ch.toLowerCase();
      for (let k = 0; k < low.length; k++) {
        starts.push(index);
        ends.push(end);
      }
      text += low;
    }
    index = end;
  }
  return { text, starts, ends };
}

function normalizeNeedle(s: string): string {
  return normalizeForMatch(s).text.trim();
}

function toOriginal(n: NormalizedText, s: number, e: number): Span {
  // Trim spaces the match may have started or ended on.
  while (s < e && n.text[s] === ' ') s++;
  while (e > s && n.text[e - 1] === ' ') e--;
  return [n.starts[s], n.ends[e - 1]];
}

function exactSpans(n: NormalizedText, needle: string, max: number): Span[] {
  const spans: Span[] = [];
  if (!needle) return spans;
  for (let i = n.text.indexOf(needle); i >= 0 && spans.length < max; i = n.text.indexOf(needle, i + needle.length)) {
    spans.push(toOriginal(n, i, i + needle.length));
  }
  return spans;
}

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
export function locateConcept(text: string, concept: string, quote?: string, options: LocateOptions = {}, normalized?: NormalizedText): Span[] {
  const { maxErrorRate = 0.25, minFuzzyLength = 4, maxSpans = 20 } = options;
  const n = normalized ?? normalizeForMatch(text);
  const needle = normalizeNeedle(concept);
  const exact = exactSpans(n, needle, maxSpans);
  if (exact.length > 0) return exact;
  if (quote) {
    const q = normalizeNeedle(quote);
    // The quote is a hint only when it contains (a close form of) the concept, not any sentence.
    const fromQuote = q.length > 0 && q.length <= Math.max(needle.length * 4, 80) ? exactSpans(n, q, maxSpans) : [];
    if (fromQuote.length > 0) return fromQuote;
  }
  if (needle.length < minFuzzyLength) return [];
  const w = bestWindow(n.text, needle);
  if (!w || w.end <= w.start || w.distance > Math.floor(needle.length * maxErrorRate)) return [];
  return [toOriginal(n, w.start, w.end)];
}
