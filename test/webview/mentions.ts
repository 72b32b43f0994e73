// "The text under a concept id", read from the rendered page: every element whose space-separated
// `data-concept-id` list holds the id, in document order, with pieces that touch in the text
// merged into one mention. Independent of the webview's code: plain DOM ranges and selectors.
import type { Frame, Page } from 'playwright-core';

/**
 * The mentions of concept `id` inside the element `scope` (a CSS selector) of a page or a webview
 * frame, as their text. Throws in the page if a piece of `id` sits inside another piece of `id`
 * (its text would count twice).
 */
export async function mentionsOf(page: Page | Frame, scope: string, id: string): Promise<string[]> {
  return page.$eval(scope, (root, conceptId) => {
    const selector = `[data-concept-id~="${CSS.escape(conceptId)}"]`;
    const mentions: { end: number; text: string }[] = [];
    for (const piece of root.querySelectorAll(selector)) {
      const outer = piece.parentElement?.closest(selector);
      if (outer && root.contains(outer)) throw new Error(`a piece of ${conceptId} is nested in another piece of it`);
      const before = document.createRange();
      before.setStart(root, 0);
      before.setEndBefore(piece);
      const start = before.toString().length;
      const text = piece.textContent ?? '';
      const last = mentions[mentions.length - 1];
      if (last && last.end === start) {
        last.text += text;
        last.end += text.length;
      } else {
        mentions.push({ end: start + text.length, text });
      }
    }
    return mentions.map((m) => m.text);
  }, id);
}

/** The text of each span of a concept, in reading order: what its mentions must read. */
export function spanTexts(source: string, spans: readonly (readonly [number, number])[]): string[] {
  return [...spans].sort((a, b) => a[0] - b[0]).map(([s, e]) => source.slice(s, e));
}
