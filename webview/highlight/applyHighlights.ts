// Wraps the concept highlights of a rendered trace in <mark> elements, nested where one concept
// contains another. A highlight that crosses formatting (bold, a list item, inline code) becomes
// several marks with the same concept ids, so Markdown never shifts or breaks a highlight.
import { NOMAP_CLASS } from '../render/markdown';
import { firstEndingAfter, type HighlightNode } from './highlightTree';

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

/**
 * Wraps the highlight nodes in marks, nested as in the tree. `makeMark(node, firstPiece)` creates
 * the (empty) element for one piece of a node; a node crossing formatting (bold, a list item,
 * inline code) becomes one piece per text node it touches, each nested in its parent's piece.
 */
export function wrapHighlights(
  rendered: RenderedText,
  roots: readonly HighlightNode[],
  makeMark: (node: HighlightNode, firstPiece: boolean) => HTMLElement,
): void {
  let first = 0;
  for (const { node, start } of rendered.nodes) {
    const end = start + node.data.length;
    while (first < roots.length && roots[first].end <= start) first++;
    if (first >= roots.length) break;
    if (roots[first].start >= end) continue;
    const fragment = document.createDocumentFragment();
    appendPieces(fragment, node.data, start, start, end, roots, first, makeMark);
    node.replaceWith(fragment);
  }
}

/** Appends text [from, to) of one text node (`text` starts at `base`) with the nodes' marks. */
function appendPieces(
  parent: Node,
  text: string,
  base: number,
  from: number,
  to: number,
  nodes: readonly HighlightNode[],
  firstIndex: number,
  makeMark: (node: HighlightNode, firstPiece: boolean) => HTMLElement,
): void {
  let cursor = from;
  for (let i = firstIndex; i < nodes.length && nodes[i].start < to; i++) {
    const n = nodes[i];
    const s = Math.max(n.start, from);
    const e = Math.min(n.end, to);
    if (e <= s) continue;
    if (s > cursor) parent.appendChild(document.createTextNode(text.slice(cursor - base, s - base)));
    const mark = makeMark(n, s === n.start);
    appendPieces(mark, text, base, s, e, n.children, firstEndingAfter(n.children, s), makeMark);
    parent.appendChild(mark);
    cursor = e;
  }
  if (cursor < to) parent.appendChild(document.createTextNode(text.slice(cursor - base, to - base)));
}
