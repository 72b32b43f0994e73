// One reasoning trace rendered as Markdown with its concepts highlighted, and the hover/focus
// behaviour that lights up a concept's partner in the other trace.
import type { Concept } from '../../src/core/types';
import { el } from '../components';
import { collectText, wrapSegments } from '../highlight/applyHighlights';
import { placeConcepts, toSegments } from '../highlight/conceptRanges';
import { renderMarkdown } from '../render/markdown';
import type { ConceptInfo } from './conceptIndex';
import type { Translate } from './strings';

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
  const segments = toSegments(placement.ranges, rendered.text.length);
  wrapSegments(rendered, segments, (conceptId, firstPiece) => makeMark(conceptId, firstPiece, o));
  return { element: body, missing: placement.missing };
}

function makeMark(conceptId: string, firstPiece: boolean, o: TraceViewOptions): HTMLElement {
  const info = o.index.get(conceptId);
  const classes = ['concept'];
  const attrs: Record<string, string | number> = { 'data-concept-id': conceptId };
  if (info?.role === 'aligned') {
    classes.push('aligned', `pair-c${info.colour}`);
    attrs['data-aligned-with'] = info.partners.map((p) => p.id).join(' ');
  } else if (info?.role === 'localOnly') {
    classes.push('local-only');
    attrs['data-badge'] = o.t('local-only');
  } else {
    classes.push('unaligned');
  }
  attrs.class = classes.join(' ');
  attrs['aria-describedby'] = `${o.describedByPrefix}${cssSafe(conceptId)}`;
  attrs.title = describeConcept(conceptId, o.index, o.t);
  // Only the first piece of a highlight is a tab stop: one stop per concept mention.
  if (firstPiece) attrs.tabindex = 0;
  return el('mark', attrs);
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
 * Hovering or focusing a highlight (or a chip of the fused chain) marks the concept and its
 * partners in both traces as active. Event delegation keeps this cheap for thousands of marks.
 */
export function linkPartners(
  sources: HTMLElement[],
  scope: HTMLElement,
  index: Map<string, ConceptInfo>,
  onActive: (id: string | null) => void,
): void {
  let active: HTMLElement[] = [];
  const activate = (target: EventTarget | null): void => {
    for (const m of active) m.classList.remove('is-active');
    active = [];
    const hit = target instanceof Element ? target.closest<HTMLElement>('[data-concept-id], [data-chain-id]') : null;
    const id = hit ? (hit.dataset.conceptId ?? hit.dataset.chainId ?? null) : null;
    if (!hit || id === null || !sources.some((s) => s.contains(hit))) {
      onActive(null);
      return;
    }
    const ids = new Set([id, ...(index.get(id)?.partners.map((p) => p.id) ?? [])]);
    for (const m of scope.querySelectorAll<HTMLElement>('[data-concept-id]')) {
      if (ids.has(m.dataset.conceptId!)) {
        m.classList.add('is-active');
        active.push(m);
      }
    }
    onActive(id);
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
