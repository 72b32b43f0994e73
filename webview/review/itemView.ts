// The read-only part of the review panel: the item, both traces with highlighted concepts, the
// fused chain, retrieved documents, the final answer, errors and the stale notice. Every piece of
// item or model text is set as text, or as sanitized Markdown for traces and responses.
import type { ItemView } from '../../src/protocol/messages';
import type { McqOptions, Trace } from '../../src/core/types';
import { collapsible, el, section, tag } from '../components';
import { renderMarkdown } from '../render/markdown';
import { indexConcepts, type ConceptInfo } from './conceptIndex';
import { cssSafe, describeConcept, formatSimilarity, linkPartners, renderTrace } from './traceView';
import { renderMcqAnswers } from './mcqAnswers';
import type { Translate } from '../shared/strings';

const DESC_PREFIX = 'concept-desc-';

export function renderItemView(view: ItemView, t: Translate): HTMLElement {
  const { language } = view;
  const local = { lang: language.code, dir: language.dir };
  const root = el('div', { class: 'item-view' });

  if (view.stale) {
    root.append(el('div', { class: 'notice notice-stale', role: 'status', 'data-testid': 'stale-notice' },
      t('The trace changed after you rated this item. Please check your rating against the new trace.')));
  }

  root.append(renderItemText(view, t));

  const trace = view.trace;
  if (!trace) {
    root.append(el('div', { class: 'notice', role: 'status' }, t('No co-reasoning trace for this item yet.')));
    return root;
  }
  if (Array.isArray(trace.errors) && trace.errors.length > 0) {
    root.append(el('div', { class: 'notice notice-error', role: 'alert', 'data-testid': 'trace-errors' },
      el('strong', {}, t('This trace has errors:')),
      el('ul', {}, ...trace.errors.map((e) => el('li', {}, el('code', {}, String(e.stage ?? '')), ' ', String(e.message ?? '')))),
    ));
  }
  root.append(...renderReasoning(trace, view, t, DESC_PREFIX), renderRetrieval(trace, t),
    renderFinal(trace, t, local, renderMcqAnswers(view.item, trace, t, language.native)));
  return root;
}

/**
 * Both reasonings of a trace with their concepts highlighted and linked, and the fused chain.
 * `descPrefix` keeps the concept descriptions' element ids apart when two traces are on one page
 * (a blind comparison).
 */
export function renderReasoning(trace: Trace, view: ItemView, t: Translate, descPrefix: string): HTMLElement[] {
  const local = { lang: view.language.code, dir: view.language.dir };
  const index = indexConcepts(trace);
  const traces = renderTraces(trace, index, view, t, local, descPrefix);
  const chain = renderChain(trace, index, t, local);
  linkPartners([traces.grid, chain], traces.grid, index, (ids) => {
    traces.status.textContent = (ids ?? []).map((id) => `${index.get(id)?.text ?? id} — ${describeConcept(id, index, t)}`).join(' · ');
  });
  return [traces.section, chain];
}

export function renderItemText(view: ItemView, t: Translate): HTMLElement {
  const { item, language } = view;
  const localAttrs = { lang: language.code, dir: language.dir };
  const english = item.english;
  const pair = (label: string, localText: string | undefined, englishText: string | undefined, testId: string): HTMLElement | null => {
    if (!localText && !englishText) return null;
    return el('div', { class: 'text-pair', 'data-testid': testId },
      el('h3', {}, label),
      el('div', { class: 'text-pair-grid' },
        localText ? el('div', { class: 'plain-text', ...localAttrs }, localText) : null,
        englishText ? el('div', { class: 'plain-text', lang: 'en', dir: 'ltr' }, englishText) : null,
      ),
    );
  };
  // Scrolls on its own past a third of the window (media/review.css), so a long premise never
  // pushes the traces below the fold; focusable, so it scrolls from the keyboard too.
  const s = section(t('Item'), { class: 'item-text', tabindex: '0' });
  if (item.task === 'mcq') {
    s.append(renderMcq(view, t, pair));
  } else if (item.task === 'nli') {
    s.append(
      pair(t('Premise'), item.local?.premise, english?.premise, 'premise') ?? '',
      pair(t('Hypothesis'), item.local?.hypothesis, english?.hypothesis, 'hypothesis') ?? '',
      el('div', { class: 'gold-label', 'data-testid': 'gold-label' }, `${t('Gold label')}: `,
        el('strong', {}, item.label ? t(item.label) : t('none'))),
    );
    // NLI rows may still carry a question (the pipeline's prompt) when there is no premise split.
    if (!item.local?.premise && item.local?.question) s.append(pair(t('Question'), item.local.question, english?.question, 'question') ?? '');
  } else {
    s.append(pair(t('Question'), item.local?.question, english?.question ?? view.trace?.english?.question, 'question') ?? '');
    const answer = pair(t('Reference answer'), item.local?.answer, english?.answer, 'reference-answer');
    if (answer) s.append(collapsible(t('Reference answer'), answer, false, { 'data-testid': 'reference-answer-section' }));
  }
  return s;
}

/**
 * A multiple-choice item: the question, its options in the item's language and in English side by
 * side (each option's letter and text as text: both come from the dataset), the gold letter(s)
 * said in words and marked on the options (a badge, not colour alone), and the dataset's rationale.
 */
function renderMcq(view: ItemView, t: Translate, pair: (label: string, local: string | undefined, english: string | undefined, testId: string) => HTMLElement | null): DocumentFragment {
  const { item, language } = view;
  const gold = new Set(typeof item.label === 'string' ? item.label.split(',').map((l) => l.trim()).filter(Boolean) : []);
  const localOptions = item.options ?? item.local?.options;
  const englishOptions = item.optionsEn ?? item.english?.options;
  const list = (options: McqOptions, testId: string, attrs: { lang: string; dir: string }, label: string): HTMLElement =>
    el('ol', { class: 'mcq-options', 'data-testid': testId, 'aria-label': label, ...attrs },
      ...Object.keys(options).sort().map((letter) =>
        el('li', { class: gold.has(letter) ? 'mcq-option gold' : 'mcq-option', 'data-letter': letter },
          el('span', { class: 'mcq-letter', lang: 'en', dir: 'ltr' }, letter),
          el('span', { class: 'mcq-text' }, String(options[letter] ?? '')),
          gold.has(letter) ? el('span', { class: 'badge mcq-gold-badge' }, t('gold')) : null,
        )));
  const fragment = document.createDocumentFragment();
  fragment.append(pair(t('Question'), item.local?.question, item.english?.question ?? view.trace?.english?.question, 'question') ?? '');
  if (localOptions || englishOptions) {
    fragment.append(el('div', { class: 'text-pair', 'data-testid': 'options' },
      el('h3', {}, t('Options')),
      el('div', { class: 'text-pair-grid' },
        localOptions ? list(localOptions, 'options-local', { lang: language.code, dir: language.dir }, `${t('Options')} (${language.native})`) : null,
        englishOptions && englishOptions !== localOptions ? list(englishOptions, 'options-en', { lang: 'en', dir: 'ltr' }, `${t('Options')} (English)`) : null,
      )));
  }
  fragment.append(el('div', { class: 'gold-label', 'data-testid': 'gold-label' }, `${t('Gold answer')}: `,
    el('strong', { lang: 'en', dir: 'ltr' }, gold.size > 0 ? [...gold].join(', ') : t('none'))));
  if (item.rationale) {
    fragment.append(collapsible(t('Rationale'), el('div', { class: 'plain-text', 'data-testid': 'rationale', lang: language.code, dir: language.dir }, item.rationale), false));
  }
  return fragment;
}

interface TracesSection {
  section: HTMLElement;
  grid: HTMLElement;
  status: HTMLElement;
}

function renderTraces(trace: Trace, index: Map<string, ConceptInfo>, view: ItemView, t: Translate, local: { lang: string; dir: 'ltr' | 'rtl' }, descPrefix: string): TracesSection {
  const english = renderTrace({
    reasoning: String(trace.english?.reasoning ?? ''), concepts: trace.english?.concepts ?? [], index, t,
    testId: 'trace-en', lang: 'en', dir: 'ltr', describedByPrefix: descPrefix,
  });
  const localTrace = renderTrace({
    reasoning: String(trace.local?.reasoning ?? ''), concepts: trace.local?.concepts ?? [], index, t,
    testId: 'trace-local', lang: local.lang, dir: local.dir, describedByPrefix: descPrefix,
  });
  const status = el('div', { class: 'concept-status', 'aria-live': 'polite', 'data-testid': 'concept-status' });
  const descriptions = el('div', { class: 'visually-hidden' },
    ...[...index.keys()].map((id) => el('span', { id: `${descPrefix}${cssSafe(id)}` }, describeConcept(id, index, t))));
  const missing = [...english.missing, ...localTrace.missing];
  const grid = el('div', { class: 'traces' },
    el('div', { class: 'trace-col' }, el('h3', {}, t('English reasoning')), english.element),
    el('div', { class: 'trace-col' }, el('h3', {}, t('{0} reasoning', view.language.native)), localTrace.element),
  );
  const s = section(t('Reasoning traces'), { class: 'traces-section' }, legend(t), grid, status, descriptions,
    missing.length > 0
      ? el('div', { class: 'notice' }, t('Concepts not found in their trace: {0}', missing.map((id) => index.get(id)?.text ?? id).join(', ')))
      : null,
  );
  return { section: s, grid, status };
}

function legend(t: Translate): HTMLElement {
  return el('div', { class: 'legend', 'aria-hidden': 'true' },
    el('span', { class: 'legend-item' }, el('mark', { class: 'concept aligned pair-c0' }, t('aligned pair')), ' '),
    el('span', { class: 'legend-item' }, el('mark', { class: 'concept local-only', 'data-badge': t('local-only') }, t('local-only concept')), ' '),
    el('span', { class: 'legend-item' }, el('mark', { class: 'concept unaligned' }, t('unaligned concept'))),
  );
}

function renderChain(trace: Trace, index: Map<string, ConceptInfo>, t: Translate, local: { lang: string; dir: 'ltr' | 'rtl' }): HTMLElement {
  const fused = Array.isArray(trace.alignment?.fused) ? trace.alignment.fused : [];
  const list = el('ol', { class: 'fused-chain', 'data-testid': 'fused-chain' });
  for (const id of fused) {
    const info = index.get(id);
    const langAttrs = info?.side === 'local' ? local : { lang: 'en', dir: 'ltr' as const };
    const cls = ['chain-concept', info?.role === 'aligned' ? `aligned pair-c${info.colour}` : info?.role === 'localOnly' ? 'local-only' : 'unaligned'];
    list.append(el('li', { class: cls.join(' '), 'data-chain-id': id, title: describeConcept(id, index, t), ...langAttrs },
      info?.text ?? id,
      info?.role === 'localOnly' ? el('span', { class: 'badge' }, ` ${t('local-only')}`) : null));
  }
  return section(t('Fused concept chain'), { class: 'chain-section' }, fused.length > 0 ? list : el('p', {}, t('No fused chain.')));
}

function renderRetrieval(trace: Trace, t: Translate): HTMLElement {
  const docs = Array.isArray(trace.retrieval) ? trace.retrieval : [];
  if (docs.length === 0) return section(t('Retrieved documents'), { class: 'retrieval-section' }, el('p', {}, t('No documents retrieved.')));
  const list = el('ol', { class: 'retrieved', 'data-testid': 'retrieved' });
  for (const d of docs) {
    list.append(el('li', {},
      el('span', { class: 'doc-title', lang: String(d.lang ?? '') }, String(d.title ?? d.docId ?? '')), ' ',
      tag(String(d.lang ?? '?'), { title: t('Language') }), ' ',
      el('span', { class: 'doc-score', title: t('Retrieval score') }, `${t('score')} ${Number.isFinite(Number(d.score)) ? Number(d.score).toFixed(2) : '–'}`), ' ',
      el('code', { class: 'doc-id' }, String(d.docId ?? '')),
      d.content ? collapsible(t('Content'), el('div', { class: 'plain-text', lang: String(d.lang ?? '') }, String(d.content)), false) : null,
    ));
  }
  return section(t('Retrieved documents'), { class: 'retrieval-section' }, list);
}

export function renderFinal(trace: Trace, t: Translate, local: { lang: string; dir: 'ltr' | 'rtl' }, mcqAnswers: HTMLElement | null = null): HTMLElement {
  const answer = String(trace.final?.answer ?? '');
  const response = String(trace.final?.response ?? '');
  return section(t('Final answer'), { class: 'final-section', 'data-testid': 'final-answer' },
    answer ? el('div', { class: 'final-answer plain-text', ...local }, answer) : null,
    mcqAnswers,
    response && response !== answer
      ? collapsible(t('Full response'), el('div', { class: 'markdown', ...local }, renderMarkdown(response)), !answer)
      : null,
  );
}

export { formatSimilarity };
