// A blind pairwise comparison in the review panel: the item, the two final answers side by side
// as "Response 1 / Response 2" (reasoning and highlighted concepts on request), and per rubric
// dimension a choice of 1 is better / 2 is better / tie / both unacceptable, with flags and a
// comment. The panel edits a PairDraft and calls `changed` (immediate save) or `commentChanged`
// (debounced), like the rating panel. Configuration names appear only when the host sends them.
import type { ItemView, PairJudgementView, PairOutcome, PairResponse, PairView } from '../../src/protocol/messages';
import type { Rubric } from '../../src/core/types';
import { button, choiceScale, divider, el, section, tag, type ChoiceScaleElement } from '../components';
import type { ValueElement } from '../components/toolkit';
import { renderFinal, renderItemText, renderReasoning } from './itemView';
import { renderFlagsAndComment, type ReviewPanelCallbacks } from './flagsAndComment';
import type { Translate } from '../shared/strings';

export interface PairDraft {
  /** Dimension id → outcome; absent = not judged yet. */
  winner: Record<string, PairOutcome>;
  flags: string[];
  comment: string;
}

export function pairDraftFrom(judgement: PairJudgementView | null, rubric: Rubric): PairDraft {
  const dimensions = new Set(rubric.dimensions.map((d) => d.id));
  const flagIds = new Set(rubric.flags.map((f) => f.id));
  return {
    winner: Object.fromEntries(Object.entries(judgement?.winner ?? {}).filter(([d]) => dimensions.has(d))),
    flags: (judgement?.flags ?? []).filter((f) => flagIds.has(f)),
    comment: judgement?.comment ?? '',
  };
}

export function isEmptyPairDraft(draft: PairDraft): boolean {
  return Object.keys(draft.winner).length === 0 && draft.flags.length === 0 && draft.comment.trim() === '';
}

export interface PairPanelCallbacks extends ReviewPanelCallbacks {
  /** The reasoning toggle was used: the app remembers it for the next items. */
  reasoningToggled: (shown: boolean) => void;
}

export interface PairPanel {
  element: HTMLElement;
  scales: ChoiceScaleElement[];
  comment: ValueElement | null;
  /** Sets a dimension from the keyboard and refreshes its control. */
  choose: (dimensionIndex: number, outcome: PairOutcome) => boolean;
}

/**
 * The whole pairwise view below the header. An item that cannot be compared (the host says why)
 * shows the reason and no form: nothing can be saved for it.
 */
export function renderPairwise(
  view: ItemView, pair: PairView, draft: PairDraft | null, t: Translate, cb: PairPanelCallbacks, showReasoning: boolean,
): { element: HTMLElement; panel: PairPanel | null } {
  const root = el('div', { class: 'item-view pair-view' });
  if (!pair.ok || !draft) {
    const reason = pair.ok ? '' : pair.message;
    root.append(
      el('div', { class: 'notice notice-error', role: 'alert', 'data-testid': 'pair-problem' },
        t('This item cannot be compared: {0}', reason)),
      renderItemText(view, t),
    );
    return { element: el('div', { class: 'review-layout' }, root), panel: null };
  }
  if (pair.stale) {
    root.append(el('div', { class: 'notice notice-stale', role: 'status', 'data-testid': 'stale-notice' },
      t('A response changed after you compared them. Please check your judgement against the new responses.')));
  }
  root.append(renderItemText(view, t), renderResponses(view, pair.responses, t, cb, showReasoning));
  const panel = renderForm(view.rubric, draft, t, cb);
  return { element: el('div', { class: 'review-layout' }, root, panel.element), panel };
}

function renderResponses(view: ItemView, responses: readonly PairResponse[], t: Translate, cb: PairPanelCallbacks, showReasoning: boolean): HTMLElement {
  const local = { lang: view.language.code, dir: view.language.dir };
  const reasonings: { box: HTMLElement; response: PairResponse }[] = [];
  const columns = responses.map((r) => {
    const headingId = `response-${r.side}-heading`;
    const box = el('div', { class: 'pair-reasoning', 'data-testid': `reasoning-${r.side}` });
    reasonings.push({ box, response: r });
    const column = el('section', { class: 'pair-response', 'data-testid': `response-${r.side}`, 'aria-labelledby': headingId },
      el('h2', { id: headingId }, t('Response {0}', r.side),
        r.config ? ' ' : null,
        r.config ? tag(r.config, { 'data-testid': `response-${r.side}-config`, title: t('Configuration') }) : null),
      renderFinal(r.trace, t, local),
      box);
    nameSections(column, t('Response {0}', r.side));
    return column;
  });
  // Reasoning is drawn when first asked for: two highlighted traces cost more than the answers.
  const fill = (shown: boolean): void => {
    for (const { box, response } of reasonings) {
      if (shown && box.childElementCount === 0) {
        box.append(...renderReasoning(response.trace, view, t, `concept-desc-r${response.side}-`));
        nameSections(box, t('Response {0}', response.side));
      }
      box.hidden = !shown;
    }
  };
  const toggle = el('button', { type: 'button', class: 'pair-toggle', 'aria-pressed': String(showReasoning), 'data-testid': 'toggle-reasoning' },
    t('Show reasoning and concepts'));
  toggle.addEventListener('click', () => {
    const shown = toggle.getAttribute('aria-pressed') !== 'true';
    toggle.setAttribute('aria-pressed', String(shown));
    fill(shown);
    cb.reasoningToggled(shown);
  });
  fill(showReasoning);
  return section(t('Responses'), { class: 'pair-section' }, toggle, el('div', { class: 'pair-responses' }, ...columns));
}

/**
 * Both responses have a "Final answer" and "Reasoning traces" section: each is named with its
 * response ("Response 1: Final answer"), so a screen reader's list of regions tells them apart.
 */
function nameSections(within: HTMLElement, prefix: string): void {
  for (const s of within.querySelectorAll<HTMLElement>('section[aria-labelledby]')) {
    if (s === within) continue;
    const heading = s.querySelector(':scope > h2');
    s.removeAttribute('aria-labelledby');
    s.setAttribute('aria-label', `${prefix}: ${heading?.textContent ?? ''}`);
  }
}

function renderForm(rubric: Rubric, draft: PairDraft, t: Translate, cb: PairPanelCallbacks): PairPanel {
  const optionsFor = (dimension: string, label: string) => [
    { value: '1', text: t('1 is better'), label: t('{0}: Response 1 is better (key 1)', label), testId: `prefer-${dimension}-1` },
    { value: '2', text: t('2 is better'), label: t('{0}: Response 2 is better (key 2)', label), testId: `prefer-${dimension}-2` },
    { value: 'tie', text: t('Tie'), label: t('{0}: tie, equally good (key =)', label), testId: `prefer-${dimension}-tie` },
    { value: 'both_bad', text: t('Both unacceptable'), label: t('{0}: both unacceptable (key 0)', label), testId: `prefer-${dimension}-both_bad` },
  ];
  const scales: ChoiceScaleElement[] = rubric.dimensions.map((d, i) => choiceScale({
    dimension: d.id,
    label: t(d.label),
    description: t(d.description),
    options: optionsFor(d.id, t(d.label)),
    value: draft.winner[d.id],
    onChoose: (value) => {
      choose(i, value as PairOutcome);
    },
  }));
  const choose = (i: number, outcome: PairOutcome): boolean => {
    const d = rubric.dimensions[i];
    if (!d) return false;
    draft.winner[d.id] = outcome;
    scales[i].setValue(outcome);
    cb.changed();
    return true;
  };

  const { flags, comment } = renderFlagsAndComment(rubric, draft, t, cb);
  const element = section(t('Your comparison'), { class: 'rating-panel pair-panel', 'data-testid': 'pair-panel' },
    el('p', { class: 'shortcut-hint' }, t('Keys: 1 Response 1 is better, 2 Response 2 is better, = tie, 0 both unacceptable (on the focused dimension), ↑/↓ or Tab move, Ctrl+Enter save and next unrated, Alt+←/→ previous/next.')),
    el('div', { class: 'rating-dimensions' }, ...scales),
    flags,
    el('label', { class: 'comment-label' }, t('Comment'), comment),
    divider(),
    el('div', { class: 'rating-actions' },
      button(t('Previous'), { onClick: () => cb.navigate('previous'), testId: 'nav-previous', title: 'Alt+←' }),
      button(t('Save and next unrated'), { appearance: 'primary', onClick: () => cb.saveAndNext(), testId: 'save-next', title: 'Ctrl+Enter' }),
      button(t('Next'), { onClick: () => cb.navigate('next'), testId: 'nav-next', title: 'Alt+→' }),
    ),
  );
  return { element, scales, comment, choose };
}
