// Decides where each concept of a trace is highlighted, in rendered-text coordinates. A concept's
// spans (raw Markdown offsets) are trusted when the rendered text they cover still reads as the
// concept; otherwise (stale offsets, another Unicode form) the concept text is searched for,
// normalisation-tolerantly, nearest to where the span pointed. Pure: used by the webview and by
// Node unit tests. Ranges of different concepts may overlap: highlightTree.ts nests them.
import type { Concept } from '../../src/core/types';
import { mapRenderedToSource, renderedRangeOfSpan } from './sourceMap';
import { findAllFolded, foldText, foldedEqual, type FoldedText } from '../../src/core/text/fold';

export interface ConceptRange {
  conceptId: string;
  start: number;
  end: number;
  /** 'span' when the stored offsets were right, 'search' when the text had to be looked up. */
  via: 'span' | 'search';
}

export interface ConceptPlacement {
  ranges: ConceptRange[];
  /** Concepts found nowhere in the rendered text. */
  missing: string[];
}

export function placeConcepts(source: string, rendered: string, concepts: readonly Concept[]): ConceptPlacement {
  const map = mapRenderedToSource(source, rendered);
  let folded: FoldedText | null = null; // built lazily: most traces never need a search
  const ranges: ConceptRange[] = [];
  const missing: string[] = [];
  for (const concept of concepts) {
    const found: ConceptRange[] = [];
    const spans = Array.isArray(concept.spans) ? concept.spans : [];
    const wanted = spans.length > 0 ? spans : [null];
    for (const span of wanted) {
      let hint = -1;
      if (span && validSpan(span, source.length)) {
        const range = renderedRangeOfSpan(map, span[0], span[1]);
        if (range) {
          hint = range[0];
          if (foldedEqual(rendered.slice(range[0], range[1]), concept.text)) {
            found.push({ conceptId: concept.id, start: range[0], end: range[1], via: 'span' });
            continue;
          }
        } else {
          hint = nearestRendered(map, span[0]);
        }
      }
      folded ??= foldText(rendered);
      const hit = nearestHit(findAllFolded(folded, concept.text), hint, found);
      if (hit) found.push({ conceptId: concept.id, start: hit[0], end: hit[1], via: 'search' });
    }
    if (found.length === 0) missing.push(concept.id);
    for (const r of found) {
      if (!ranges.some((o) => o.conceptId === r.conceptId && o.start === r.start && o.end === r.end)) ranges.push(r);
    }
  }
  return { ranges, missing };
}

function validSpan(span: unknown, length: number): span is [number, number] {
  return (
    Array.isArray(span) &&
    Number.isInteger(span[0]) &&
    Number.isInteger(span[1]) &&
    span[0] >= 0 &&
    span[0] < span[1] &&
    span[1] <= length
  );
}

/** Rendered index of the first character at or after source offset `offset`. */
function nearestRendered(map: Int32Array, offset: number): number {
  for (let r = 0; r < map.length; r++) if (map[r] >= offset) return r;
  return map.length;
}

function nearestHit(hits: [number, number][], hint: number, taken: ConceptRange[]): [number, number] | null {
  const free = hits.filter((h) => !taken.some((t) => t.start === h[0]));
  if (free.length === 0) return null;
  if (hint < 0) return free[0];
  return free.reduce((best, h) => (Math.abs(h[0] - hint) < Math.abs(best[0] - hint) ? h : best));
}
