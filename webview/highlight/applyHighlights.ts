// Wraps concept segments of a rendered trace in <mark> elements. A segment that crosses
// formatting (bold, a list item, inline code) becomes several marks with the same concept id, so
// Markdown never shifts or breaks a highlight.
import { NOMAP_CLASS } from '../render/markdown';
import type { HighlightSegment } from './conceptRanges';

export interface RenderedText {
  text: string;
  nodes: { node: Text; start: number }[];
}

/** Concatenated text of `root` in document order, skipping text the renderer added. */
export function collectText(root: Node): RenderedText {
  const nodes: RenderedText['nodes'] = [];
  const parts: string[] = [];
  let length = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (n) =>
      n.nodeType === Node.ELEMENT_NODE && (n as Element).classList.contains(NOMAP_CLASS)
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType !== Node.TEXT_NODE) continue;
    const value = (n as Text).data;
    nodes.push({ node: n as Text, start: length });
    parts.push(value);
    length += value.length;
  }
  return { text: parts.join(''), nodes };
}

/** `makeMark(conceptId, isFirstPiece)` creates the (empty) element for one piece of a segment. */
export function wrapSegments(
  rendered: RenderedText,
  segments: readonly HighlightSegment[],
  makeMark: (conceptId: string, firstPiece: boolean) => HTMLElement,
): void {
  let si = 0;
  for (const { node, start } of rendered.nodes) {
    const end = start + node.data.length;
    while (si < segments.length && segments[si].end <= start) si++;
    if (si >= segments.length) break;
    if (segments[si].start >= end) continue;
    const fragment = document.createDocumentFragment();
    let cursor = start;
    let k = si;
    for (; k < segments.length && segments[k].start < end; k++) {
      const seg = segments[k];
      const from = Math.max(seg.start, start);
      const to = Math.min(seg.end, end);
      if (from > cursor) fragment.append(node.data.slice(cursor - start, from - start));
      const mark = makeMark(seg.conceptId, from === seg.start);
      mark.textContent = node.data.slice(from - start, to - start);
      fragment.append(mark);
      cursor = to;
    }
    if (cursor < end) fragment.append(node.data.slice(cursor - start));
    node.replaceWith(fragment);
    // A segment may continue into the next text node: resume at the last one we touched.
    si = Math.max(si, k - 1);
  }
}
