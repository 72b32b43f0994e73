// Normalisation-tolerant search of a concept's text in rendered trace text, used when a concept's
// span no longer matches its text (stale offsets, or spans computed on another Unicode form).
// Yoruba tone marks may be precomposed (NFC) in one string and decomposed (NFD) in the other; CJK
// text may use full-width forms; line breaks may stand where the concept has a space. We compare
// cluster by cluster (a base character plus its combining marks) after NFKC + lower-casing, and
// keep a map back to the original positions so the hit can be highlighted exactly.

export interface FoldedText {
  text: string;
  /** For each UTF-16 unit of `text`, the [start, end) range of the original it came from. */
  starts: Int32Array;
  ends: Int32Array;
}

const CLUSTER = /\P{M}\p{M}*|\p{M}+/gsu;
const SPACE = /^\s+$/u;

/**
 * Grapheme clusters with their offsets. Intl.Segmenter also keeps Hangul conjoining jamo (NFD
 * Korean) and Thai vowel/tone sequences together; the regex is a fallback for old engines.
 */
let segmenter: Intl.Segmenter | null | undefined;

function clusters(input: string): { segment: string; index: number }[] {
  segmenter ??= typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('und', { granularity: 'grapheme' }) : null;
  if (segmenter) return Array.from(segmenter.segment(input), (s) => ({ segment: s.segment, index: s.index }));
  return Array.from(input.matchAll(CLUSTER), (m) => ({ segment: m[0], index: m.index }));
}

/** Folds `input` for comparison and records where each folded unit came from. */
export function foldText(input: string): FoldedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let lastWasSpace = false;
  for (const { segment, index } of clusters(input)) {
    const start = index;
    const end = start + segment.length;
    if (SPACE.test(segment)) {
      // A run of whitespace of any kind compares as one space.
      if (lastWasSpace) {
        ends[ends.length - 1] = end;
        continue;
      }
      lastWasSpace = true;
      text += ' ';
      starts.push(start);
      ends.push(end);
      continue;
    }
    lastWasSpace = false;
    const folded = foldCluster(segment);
    text += folded;
    for (let i = 0; i < folded.length; i++) {
      starts.push(start);
      ends.push(end);
    }
  }
  return { text, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

function foldCluster(cluster: string): string {
  return cluster.normalize('NFKC').toLowerCase().normalize('NFC');
}

/** Folds a needle the same way, trimmed. */
export function foldNeedle(needle: string): string {
  return foldText(needle.trim()).text;
}

/**
 * Every occurrence of `needle` in the original text of `hay`, as [start, end) ranges of the
 * original string, in order.
 */
export function findAllFolded(hay: FoldedText, needle: string): [number, number][] {
  const folded = foldNeedle(needle);
  const hits: [number, number][] = [];
  if (folded.length === 0) return hits;
  let from = 0;
  for (;;) {
    const at = hay.text.indexOf(folded, from);
    if (at < 0) break;
    hits.push([hay.starts[at], hay.ends[at + folded.length - 1]]);
    from = at + 1;
  }
  return hits;
}

/** True when two strings are equal after folding (used to check a span still holds its concept). */
export function foldedEqual(a: string, b: string): boolean {
  // Fast path for the common case (span still right, same Unicode form): no segmentation.
  if (a === b || a.normalize('NFC') === b.normalize('NFC')) return true;
  return foldNeedle(a) === foldNeedle(b);
}
