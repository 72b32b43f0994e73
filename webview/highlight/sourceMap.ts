// Maps each character of a trace's *rendered* text (what the reader sees after Markdown) back to
// its UTF-16 offset in the *raw* Markdown source, so that concept spans (source offsets,
// docs/formats.md §2) can be highlighted in the rendered DOM. Pure: no DOM, runs in Node tests too.
//
// Markdown rendering only removes syntax (`**`, list markers, backticks, escapes) and decodes
// entities, so the rendered text is almost a subsequence of the source. We walk both strings
// forward; a rendered character is matched to the next equal source character within a bounded
// look-ahead, so a character the renderer invented (e.g. a newline it added) cannot drag the
// cursor to the end of the source and shift every later highlight.

/** How far ahead in the source we look for the next rendered character. */
const LOOKAHEAD = 48;

/** Offset used for rendered characters that have no source counterpart. */
export const NO_SOURCE = -1;

/**
 * Returns, for each UTF-16 unit of `rendered`, the offset in `source` it came from, or NO_SOURCE.
 * Offsets are strictly increasing among the matched characters.
 */
export function mapRenderedToSource(source: string, rendered: string): Int32Array {
  const map = new Int32Array(rendered.length).fill(NO_SOURCE);
  let cursor = 0;
  for (let r = 0; r < rendered.length; r++) {
    const ch = rendered.charCodeAt(r);
    const limit = Math.min(source.length, cursor + LOOKAHEAD);
    let found = -1;
    for (let s = cursor; s < limit; s++) {
      if (source.charCodeAt(s) === ch || (isSpace(ch) && isSpace(source.charCodeAt(s)))) {
        found = s;
        break;
      }
    }
    if (found < 0) found = resync(source, rendered, r, cursor);
    if (found >= 0) {
      map[r] = found;
      cursor = found + 1;
    }
  }
  return map;
}

/** How far a resync may jump, e.g. over a long link URL the renderer moved out of the text. */
const RESYNC_RANGE = 4096;
const RESYNC_PROBE = 12;

/**
 * After a miss, looks for the next few rendered characters verbatim further ahead in the source:
 * this skips long stretches of syntax (a link's URL, a fence's info string) without guessing.
 */
function resync(source: string, rendered: string, r: number, cursor: number): number {
  const probe = rendered.slice(r, r + RESYNC_PROBE);
  if (probe.length < 4 && r + probe.length < rendered.length) return -1;
  const at = source.indexOf(probe, cursor);
  return at >= 0 && at - cursor <= RESYNC_RANGE ? at : -1;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0xa0;
}

/**
 * Rendered range [start, end) covering every rendered character whose source offset lies in the
 * source span [spanStart, spanEnd), or null when none does. Relies on offsets being increasing.
 */
export function renderedRangeOfSpan(map: Int32Array, spanStart: number, spanEnd: number): [number, number] | null {
  const first = lowerBound(map, spanStart);
  if (first < 0) return null;
  let last = -1;
  for (let r = first; r < map.length; r++) {
    const s = map[r];
    if (s === NO_SOURCE) continue;
    if (s >= spanEnd) break;
    last = r;
  }
  return last < 0 ? null : [first, last + 1];
}

/** Index of the first rendered character mapped to a source offset >= `offset`, or -1. */
function lowerBound(map: Int32Array, offset: number): number {
  // Binary search over the matched entries; unmatched (-1) entries are skipped by scanning.
  let lo = 0;
  let hi = map.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    let probe = mid;
    while (probe < hi && map[probe] === NO_SOURCE) probe++;
    if (probe === hi) {
      hi = mid;
    } else if (map[probe] < offset) {
      lo = probe + 1;
    } else {
      hi = mid;
    }
  }
  while (lo < map.length && map[lo] === NO_SOURCE) lo++;
  return lo < map.length ? lo : -1;
}
