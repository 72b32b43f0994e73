// The one rule for comparing a concept's text with the text of a trace, used by the pipeline when
// it locates concepts, by the review webview when it highlights them and by the sample generator.
// They must agree: a span the pipeline accepted has to be found by the highlighter. Models rarely
// copy perfectly: the reasoning may be NFD while the concept is NFC (Yoruba tone marks, Korean
// jamo), full-width and half-width forms differ, case and spacing differ, a hyphen stands for a
// space. So text is folded (NFKC, lower case, punctuation and runs of whitespace as one space,
// leading separators dropped) with a map back to the original UTF-16 offsets. Pure: no Node APIs
// (the webview bundle imports it).

export interface FoldedText {
  text: string;
  /** For each UTF-16 unit of `text`: the [start, end) of the grapheme of the original it came from. */
  starts: number[];
  ends: number[];
}

/** A [start, end) range of UTF-16 offsets into the original text. */
export type TextRange = [number, number];

const SEPARATOR = /^[\s\p{P}\p{Z}]+$/u;

let graphemes: Intl.Segmenter | undefined;

/** Folds `original` for comparison and records where each folded unit came from. */
export function foldText(original: string): FoldedText {
  // Already NFKC (most model output): no grapheme can change under normalisation, so code points
  // can be mapped one by one, without the (much slower) grapheme segmentation.
  if (original === original.normalize('NFKC')) return foldCodePoints(original);
  graphemes ??= new Intl.Segmenter('und', { granularity: 'grapheme' });
  const out: FoldedText = { text: '', starts: [], ends: [] };
  for (const { segment, index } of graphemes.segment(original)) {
    push(out, segment, segment.normalize('NFKC').toLowerCase(), index, index + segment.length);
  }
  return out;
}

function foldCodePoints(original: string): FoldedText {
  const out: FoldedText = { text: '', starts: [], ends: [] };
  let index = 0;
  for (const ch of original) {
    const end = index + ch.length;
    push(out, ch, ch.toLowerCase(), index, end);
    index = end;
  }
  return out;
}

function push(out: FoldedText, unit: string, folded: string, start: number, end: number): void {
  if (SEPARATOR.test(unit)) {
    // Punctuation and whitespace all become one space; leading separators are dropped.
    if (out.text.length > 0 && !out.text.endsWith(' ')) {
      out.text += ' ';
      out.starts.push(start);
      out.ends.push(end);
    }
    return;
  }
  for (let k = 0; k < folded.length; k++) {
    out.starts.push(start);
    out.ends.push(end);
  }
  out.text += folded;
}

/** A needle folded the same way, without a trailing separator. */
export function foldNeedle(needle: string): string {
  return foldText(needle).text.trim();
}

/** The original range of folded [s, e), without the separators the match may start or end on. */
export function originalRange(hay: FoldedText, s: number, e: number): TextRange {
  while (s < e && hay.text[s] === ' ') s++;
  while (e > s && hay.text[e - 1] === ' ') e--;
  return [hay.starts[s], hay.ends[e - 1]];
}

/** Every non-overlapping occurrence of `needle` in `hay`, as ranges of the original, in order. */
export function findAllFolded(hay: FoldedText, needle: string, max = Infinity): TextRange[] {
  const folded = foldNeedle(needle);
  const hits: TextRange[] = [];
  if (!folded) return hits;
  for (let i = hay.text.indexOf(folded); i >= 0 && hits.length < max; i = hay.text.indexOf(folded, i + folded.length)) {
    hits.push(originalRange(hay, i, i + folded.length));
  }
  return hits;
}

/** True when two strings are equal after folding (used to check a span still holds its concept). */
export function foldedEqual(a: string, b: string): boolean {
  // Fast path for the common case (span still right, same Unicode form): no folding.
  if (a === b || a.normalize('NFC') === b.normalize('NFC')) return true;
  return foldNeedle(a) === foldNeedle(b);
}
