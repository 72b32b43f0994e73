// The rating controls: rubric dimensions, flags, concept-level judgements and the comment. The
// panel edits a Draft and calls `changed` (immediate save) or `commentChanged` (debounced save).
import type { HistoryEntry, Rubric, Trace } from '../../src/core/types';
import { button, choiceGroup, divider, el, ratingScale, section, type RatingScaleElement } from '../components';
import type { ValueElement } from '../components/toolkit';
import { indexConcepts, pairKey } from './conceptIndex';
import type { Draft } from './draft';
import { formatSimilarity } from './traceView';
import { renderFlagsAndComment, type ReviewPanelCallbacks } from './flagsAndComment';
import type { Translate } from '../shared/strings';

export interface RatingPanelCallbacks extends ReviewPanelCallbacks {
  /** Makes an earlier revision's rating and concept judgements the current ones (a new revision). */
  revert: (entry: HistoryEntry) => void;
}

export interface RatingPanel {
  element: HTMLElement;
  scales: RatingScaleElement[];
  comment: ValueElement;
  /** Sets a dimension from the keyboard and refreshes its control. */
  rate: (dimensionIndex: number, value: number | null) => boolean;
}

export function renderRatingPanel(
  rubric: Rubric, trace: Trace | null, draft: Draft, t: Translate, cb: RatingPanelCallbacks, history: readonly HistoryEntry[] = [],
): RatingPanel {
  const clears: HTMLElement[] = [];
  const scales: RatingScaleElement[] = rubric.dimensions.map((d) => {
    const scale = ratingScale({
      dimension: d.id,
      label: t(d.label),
      description: t(d.description),
      min: d.min,
      max: d.max,
      levels: Object.fromEntries(Object.entries(d.levels ?? {}).map(([k, v]) => [k, t(v)])),
      value: d.id in draft.dimensions ? draft.dimensions[d.id] : undefined,
      notAssessableLabel: t('Not assessable'),
      onRate: (value) => {
        rate(rubric.dimensions.indexOf(d), value);
      },
    });
    return scale;
  });
  const rate = (i: number, value: number | null): boolean => {
    const d = rubric.dimensions[i];
    if (!d) return false;
    if (value !== null && (value < d.min || value > d.max)) return false;
    draft.dimensions[d.id] = value;
    scales[i].setValue(value);
    clears[i].hidden = false;
    cb.changed();
    return true;
  };
  // Undo of one dimension: back to unrated (left out of the saved rating, never zero), saved as a
  // new revision, so the value cleared stays in the history.
  rubric.dimensions.forEach((d, i) => {
    const clear = button(t('Clear rating'), {
      onClick: () => {
        delete draft.dimensions[d.id];
        scales[i].setValue(undefined);
        clear.hidden = true;
        cb.changed();
      },
      testId: `clear-${d.id}`,
      ariaLabel: t('Clear rating: {0}', t(d.label)),
    });
    clear.classList.add('clear-rating');
    clear.hidden = !(d.id in draft.dimensions);
    clears.push(clear);
    scales[i].append(clear);
  });

  const { flags, comment } = renderFlagsAndComment(rubric, draft, t, cb);

  const element = section(t('Your rating'), { class: 'rating-panel', 'data-testid': 'rating-panel' },
    el('p', { class: 'shortcut-hint' }, t('Keys: 1–5 rate the focused dimension, ↑/↓ move, N not assessable, Ctrl+Enter save and next unrated, Alt+←/→ previous/next.')),
    el('div', { class: 'rating-dimensions' }, ...scales),
    flags,
    trace ? renderConceptJudgements(trace, draft, t, cb) : null,
    el('label', { class: 'comment-label' }, t('Comment'), comment),
    renderHistory(rubric, history, t, cb),
    divider(),
    el('div', { class: 'rating-actions' },
      button(t('Previous'), { onClick: () => cb.navigate('previous'), testId: 'nav-previous', title: 'Alt+←' }),
      button(t('Save and next unrated'), { appearance: 'primary', onClick: () => cb.saveAndNext(), testId: 'save-next', title: 'Ctrl+Enter' }),
      button(t('Next'), { onClick: () => cb.navigate('next'), testId: 'nav-next', title: 'Alt+→' }),
    ),
  );
  return { element, scales, comment, rate };
}

/** Earlier revisions, newest first, each with a "Revert to revision N" button. */
function renderHistory(rubric: Rubric, history: readonly HistoryEntry[], t: Translate, cb: RatingPanelCallbacks): HTMLElement | null {
  if (history.length === 0) return null;
  const summary = (h: HistoryEntry): string => rubric.dimensions
    .map((d) => `${t(d.label)}: ${d.id in h.rating ? (h.rating[d.id] === null ? t('Not assessable') : String(h.rating[d.id])) : t('unrated')}`)
    .join(', ');
  const rows = [...history].sort((a, b) => b.revision - a.revision).map((h) =>
    el('li', { class: 'history-entry', 'data-revision': String(h.revision) },
      el('span', { class: 'history-text' }, `${t('Revision {0}', h.revision)} · ${h.updatedAt.slice(0, 16).replace('T', ' ')} · ${summary(h)}`),
      ' ',
      button(t('Revert to revision {0}', h.revision), { onClick: () => cb.revert(h), testId: `revert-${h.revision}` })));
  return el('details', { class: 'rating-history', 'data-testid': 'rating-history' },
    el('summary', {}, t('History ({0} earlier revisions)', history.length)), el('ul', {}, ...rows));
}

function renderConceptJudgements(trace: Trace, draft: Draft, t: Translate, cb: RatingPanelCallbacks): HTMLElement | null {
  const index = indexConcepts(trace);
  const yesNo = (key: string, field: 'aligned' | 'relevant', label: string): HTMLElement => {
    const current = draft.concepts[key]?.[field];
    return choiceGroup(label, [
      { value: 'yes', label: t('yes'), testId: `judge-${key}-yes` },
      { value: 'no', label: t('no'), testId: `judge-${key}-no` },
    ], current === undefined ? null : current ? 'yes' : 'no', (value) => {
      draft.concepts[key] = { ...draft.concepts[key], [field]: value === 'yes' };
      cb.changed();
    });
  };
  const rows: HTMLElement[] = [];
  for (const pair of trace.alignment?.pairs ?? []) {
    const l = index.get(pair.local);
    const e = index.get(pair.english);
    if (!l || !e) continue;
    const key = pairKey(l.id, e.id);
    const label = t('Is “{0}” correctly aligned with “{1}”?', l.text, e.text);
    rows.push(el('li', { class: 'judgement', 'data-judgement': key },
      el('span', { class: 'judgement-text' },
        el('mark', { class: `concept aligned pair-c${l.colour}`, lang: trace.lang }, l.text), ' ↔ ',
        el('mark', { class: `concept aligned pair-c${e.colour}`, lang: 'en' }, e.text), ' ',
        el('span', { class: 'similarity' }, `${t('similarity')} ${formatSimilarity(pair.similarity)}`)),
      yesNo(key, 'aligned', label)));
  }
  for (const lo of trace.alignment?.localOnly ?? []) {
    const l = index.get(lo.local);
    if (!l || l.role !== 'localOnly') continue;
    const label = t('Is “{0}” relevant local knowledge?', l.text);
    rows.push(el('li', { class: 'judgement', 'data-judgement': l.id },
      el('span', { class: 'judgement-text' },
        el('mark', { class: 'concept local-only', 'data-badge': t('local-only'), lang: trace.lang }, l.text), ' ',
        el('span', { class: 'similarity' }, t('relevant local knowledge?'))),
      yesNo(l.id, 'relevant', label)));
  }
  if (rows.length === 0) return null;
  return el('fieldset', { class: 'concept-judgements' }, el('legend', {}, t('Concepts')), el('ul', {}, ...rows));
}
