// One reasoning trace rendered as Markdown with its concepts highlighted, and the hover/focus
// behaviour that lights up a concept's partner in the other trace.
import type { Concept } from '../../src/core/types';
import { el } from '../components';
import { collectText, wrapHighlights } from '../highlight/applyHighlights';
import { placeConcepts } from '../highlight/conceptRanges';
import { layoutHighlights, type HighlightNode } from '../highlight/highlightTree';
import { renderMarkdown } from '../render/markdown';
import type { ConceptInfo } from './conceptIndex';
import type { Translate } from '../shared/strings';

export interface TraceViewOptions {
  reasoning: string;
  concepts: readonly Concept[];
  index: Map<string, ConceptInfo>;
  t: Translate;
  testId: 'trace-en' | 'trace-local';
  lang: string;
  dir: 'ltr' | 'rtl';
  /** Element id prefix of the per-concept descriptions (aria-describedby targets). */
  describedByPrefix: string;
}

export interface TraceView {
  element: HTMLElement;
  /** Concepts that could not be found in the text at all. */
  missing: string[];
}

export function renderTrace(o: TraceViewOptions): TraceView {
  const body = el('div', { class: 'trace-body markdown', 'data-testid': o.testId, lang: o.lang, dir: o.dir });
  const fragment = renderMarkdown(o.reasoning);
  body.append(fragment);
  const rendered = collectText(body);
  const placement = placeConcepts(o.reasoning, rendered.text, o.concepts);
  wrapHighlights(rendered, layoutHighlights(placement.ranges), (node, firstPiece) => makeMark(node, firstPiece, o));
  return { element: body, missing: placement.missing };
}

/**
 * One piece of a highlight. Its `data-concept-id` lists every concept the text belongs to (one
 * id, or several where concepts cross or share a span); colour and style follow the first. A
 * concept containing another gets the "outer" style (an outline), a concept inside another the
 * "inner" style (a fill), so both stay visible.
 */
function makeMark(node: HighlightNode, firstPiece: boolean, o: TraceViewOptions): HTMLElement {
  const ids = node.conceptIds;
  const info = o.index.get(ids[0]);
  const classes = ['concept'];
  const attrs: Record<string, string | number> = { 'data-concept-id': ids.join(' ') };
  if (info?.role === 'aligned') classes.push('aligned', `pair-c${info.colour}`);
  else if (info?.role === 'localOnly') classes.push('local-only');
  else classes.push('unaligned');
  if (ids.length > 1) classes.push('concept-shared');
  if (node.containsOther) classes.push('concept-outer');
  if (node.depth > 0) classes.push('concept-inner');
  const partners = [...new Set(ids.flatMap((id) => {
    const i = o.index.get(id);
    return i?.role === 'aligned' ? i.partners.map((p) => p.id) : [];
  }))];
  if (partners.length > 0) attrs['data-aligned-with'] = partners.join(' ');
  // The "local-only" label once per mention, where the local-only concept starts.
  const starting = firstPiece ? node.startsHere : [];
  if (starting.some((id) => o.index.get(id)?.role === 'localOnly')) attrs['data-badge'] = o.t('local-only');
  attrs.class = classes.join(' ');
  attrs['aria-describedby'] = ids.map((id) => `${o.describedByPrefix}${cssSafe(id)}`).join(' ');
  attrs.title = ids.length === 1
    ? describeConcept(ids[0], o.index, o.t)
    : ids.map((id) => `${o.index.get(id)?.text ?? id}: ${describeConcept(id, o.index, o.t)}`).join('\n');
  // Only the first piece of a mention is a tab stop: one stop per concept mention.
  if (starting.length > 0) attrs.tabindex = 0;
  const mark = el('mark', attrs);
  markIds.set(mark, ids);
  return mark;
}

/**
 * The exact ids of each highlight. `data-concept-id` lists them separated by spaces (for
 * selectors and automated checks), which cannot tell "en 1" (one id with a space, allowed in a
 * trace) from "en" and "1"; hover and focus read the ids from here instead.
 */
const markIds = new WeakMap<Element, readonly string[]>();

/** The concept ids of a highlight. */
export function conceptIdsOf(element: Element): readonly string[] {
  return markIds.get(element) ?? (element.getAttribute('data-concept-id') ?? '').split(/\s+/).filter((id) => id !== '');
}

/** The sentence a tooltip and a screen reader give for a concept. */
export function describeConcept(conceptId: string, index: Map<string, ConceptInfo>, t: Translate): string {
  const info = index.get(conceptId);
  if (!info) return '';
  if (info.role === 'aligned') {
    return info.partners
      .map((p) => t('Aligned with “{0}” (similarity {1})', index.get(p.id)?.text ?? p.id, formatSimilarity(p.similarity)))
      .join('; ');
  }
  if (info.role === 'localOnly') {
    const nearest = info.nearest?.id ? index.get(info.nearest.id)?.text ?? info.nearest.id : null;
    return nearest
      ? t('Local-only concept: no English counterpart (nearest “{0}”, similarity {1})', nearest, formatSimilarity(info.nearest!.similarity))
      : t('Local-only concept: no English counterpart');
  }
  return t('Not aligned');
}

export function formatSimilarity(s: number): string {
  return Number.isFinite(s) ? s.toFixed(2) : '–';
}

/** Concept ids are untrusted text: make them safe inside an element id. */
export function cssSafe(id: string): string {
  return Array.from(id, (c) => (/[A-Za-z0-9_-]/.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}`)).join('');
}

/**
 * Hovering or focusing a highlight (or a chip of the fused chain) marks its concepts and their
 * partners in both traces as active: every mark whose id list holds one of them, so an inner
 * concept lights up alone and an outer one over its whole phrase. Event delegation keeps this
 * cheap for thousands of marks.
 */
export function linkPartners(
  sources: HTMLElement[],
  scope: HTMLElement,
  index: Map<string, ConceptInfo>,
  onActive: (ids: string[] | null) => void,
): void {
  let active: HTMLElement[] = [];
  const activate = (target: EventTarget | null): void => {
    for (const m of active) m.classList.remove('is-active');
    active = [];
    const hit = target instanceof Element ? target.closest<HTMLElement>('[data-concept-id], [data-chain-id]') : null;
    const ids = !hit ? [] : hit.hasAttribute('data-concept-id') ? [...conceptIdsOf(hit)] : [hit.dataset.chainId ?? ''];
    if (!hit || ids.length === 0 || !sources.some((s) => s.contains(hit))) {
      onActive(null);
      return;
    }
    const lit = new Set(ids.flatMap((id) => [id, ...(index.get(id)?.partners.map((p) => p.id) ?? [])]));
    for (const m of scope.querySelectorAll<HTMLElement>('[data-concept-id]')) {
      if (conceptIdsOf(m).some((id) => lit.has(id))) {
        m.classList.add('is-active');
        active.push(m);
      }
    }
    onActive(ids);
  };
  for (const source of sources) {
    source.addEventListener('mouseover', (e) => activate(e.target));
    source.addEventListener('focusin', (e) => activate(e.target));
    source.addEventListener('mouseleave', () => activate(null));
    source.addEventListener('focusout', (e) => {
      if (!(e.relatedTarget instanceof Node) || !sources.some((s) => s.contains(e.relatedTarget as Node))) activate(null);
    });
  }
}
