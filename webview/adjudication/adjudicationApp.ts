// The adjudication panel UI: the item's dimensions with the annotators' values and the decision
// form, the annotators' ratings side by side, diffs on request, and the item with its traces
// (the review panel's rendering and highlights). Keyboard first; everything arrives as typed
// host messages and is rendered as text.
import {
  DECIDE,
  DIFF,
  isAdjudicationHostToWebview,
  isAdjudicationWebviewState,
  type AdjudicationHostToWebview,
  type AdjudicationWebviewState,
  type AdjudicationWebviewToHost,
  type DiffRequest,
} from '../../src/protocol/adjudication';
import type { AdjudicationView, AnnotatorCard, DimensionPanel, JudgeCard } from '../../src/core/adjudication/adjudicationView';
import type { ItemView } from '../../src/protocol/messages';
import { button, el } from '../components';
import { renderItemView } from '../review/itemView';
import { renderRatingDiff, renderWordDiff } from './diffView';
import { interpretAdjudicationKey } from './keys';
import { ERROR_TYPE_LABELS, STATUS_LABELS } from '../../src/core/adjudication/labels';
import { languageNames } from '../../src/core/dataset/languages';
import { ADJUDICATION_ERROR_TYPES as ERROR_TYPES } from '../../src/core/types';
import { WebviewApp, type VsCodeApi } from '../shared/app';

interface Draft {
  value: number | null;
  rationale: string;
  errorType: string;
}

export class AdjudicationApp extends WebviewApp<AdjudicationHostToWebview, AdjudicationWebviewToHost, AdjudicationWebviewState> {
  private view: AdjudicationView | null = null;
  private active = 0;
  /** What the curator has typed per item and dimension, kept across re-renders. */
  private drafts = new Map<string, Draft>();

  constructor(root: HTMLElement, api: VsCodeApi, win: Window = window) {
    super(root, api, win, { isMessage: isAdjudicationHostToWebview, isState: isAdjudicationWebviewState });
  }

  protected override listen(): void {
    this.win.document.addEventListener('keydown', (e) => this.onKey(e));
  }

  handle(message: Exclude<AdjudicationHostToWebview, { type: 'reply' }>): void {
    if (this.view?.itemId !== message.view.itemId) this.active = 0;
    this.view = message.view;
    this.useStrings(message.strings);
    this.storeState({ itemId: message.view.itemId });
    this.render();
  }

  /** Shows a decision's save state in its dimension's status line (if it is still shown). */
  private showDecisionState(dimension: string, state: 'saving' | 'saved' | 'error', message?: string): void {
    const node = this.root.querySelector<HTMLElement>(`[data-testid="decision-state-${cssEscape(dimension)}"]`);
    if (!node) return;
    node.textContent = state === 'saving' ? this.t('saving…') : state === 'saved' ? this.t('saved') : (message ?? 'error');
    node.dataset.state = state;
  }

  // ------------------------------------------------------------ rendering

  private draft(dimension: string): Draft {
    const key = `${this.view?.itemId}\u0000${dimension}`;
    let d = this.drafts.get(key);
    if (!d) {
      d = { value: null, rationale: '', errorType: '' };
      this.drafts.set(key, d);
    }
    return d;
  }

  private render(): void {
    const view = this.view;
    if (!view) return;
    const t = this.t;
    const scrollY = this.win.scrollY;
    this.root.replaceChildren();
    this.root.setAttribute('aria-busy', 'false');
    const header = el('header', { class: 'adj-header' },
      el('h1', {}, view.itemId),
      el('span', { class: 'muted' }, `${view.lang} · ${view.task}`),
      view.position ? el('span', { class: 'muted' }, ' · ' + t('Item {0} of {1}', view.position.index, view.position.total)) : null,
      button(view.namesRevealed ? t('Hide names') : t('Reveal names'), {
        testId: 'reveal-names',
        onClick: () => this.post({ type: 'revealNames', reveal: !view.namesRevealed }),
      }),
      button(t('Accept all unanimous'), { testId: 'bulk-accept', onClick: () => this.post({ type: 'bulkAcceptUnanimous' }) }),
    );
    const help = el('p', { class: 'muted keys-help' }, t('Keys: 1–9 gold value · J/K or ↑/↓ dimension · Ctrl+Enter save · U unresolved · N/P next/previous item · R reveal names'));
    const dims = el('section', { class: 'adj-dimensions' }, ...view.dimensions.map((d, i) => this.renderDimension(d, i)));
    const cards = el('section', { class: 'adj-annotators' },
      el('h2', {}, t('Annotators')),
      el('div', { class: 'adj-cards' }, ...view.annotators.map((a) => this.renderCard(a, view))),
    );
    // LLM judges apart from the physicians, under a label of their own.
    const judges = (view.judges ?? []).length === 0 ? null : el('section', { class: 'adj-judges', 'data-testid': 'judges' },
      el('h2', {}, t('LLM judges (not counted in the spread)')),
      el('div', { class: 'adj-cards' }, ...view.judges.map((j) => this.renderJudgeCard(j, view))),
    );
    this.root.append(header, help, dims, cards, ...(judges ? [judges] : []), this.renderDiffTools(view), this.renderItem(view));
    this.win.scrollTo(0, scrollY);
    this.focusActive();
  }

  private renderDimension(d: DimensionPanel, index: number): HTMLElement {
    const t = this.t;
    const draft = this.draft(d.dimension);
    const block = el('div', {
      class: `adj-dimension status-${d.status}${index === this.active ? ' active' : ''}`,
      'data-testid': `dim-${d.dimension}`,
      'data-status': d.status,
    });
    block.addEventListener('focusin', () => this.setActive(index, false));
    const values = el('div', { class: 'adj-values' }, ...d.values.map((v) =>
      el('span', { class: `chip${v.ratingStale ? ' stale' : ''}`, title: v.ratingStale ? t('rated on an older trace') : undefined },
        `${v.label}: ${v.value === null ? t('not assessable') : v.value}${v.ratingStale ? ' *' : ''}`)));
    const stats = el('span', { class: 'muted' },
      t('spread {0}, SD {1}', d.spread ?? '–', d.sd === null ? '–' : d.sd.toFixed(2)), ' · ', t('status: {0}', t(STATUS_LABELS[d.status])));
    const judgeValues = d.judgeValues ?? [];
    const judges = judgeValues.length === 0 ? null : el('div', { class: 'adj-judge-values', 'data-testid': `judge-values-${d.dimension}` },
      el('span', { class: 'muted' }, `${t('LLM judges (not counted in the spread)')}: `),
      ...judgeValues.map((v) => el('span', { class: `chip chip-judge${v.ratingStale ? ' stale' : ''}`, title: v.ratingStale ? t('rated on an older trace') : undefined },
        `${v.judge}: ${v.value === null ? t('not assessable') : v.value}${v.ratingStale ? ' *' : ''}`)));
    block.append(el('h2', {}, t(d.label)), values, ...(judges ? [judges] : []), stats);

    if (d.decision) {
      const when = d.decision.decidedAt.slice(0, 16).replace('T', ' ');
      const text = d.decision.status === 'adjudicated'
        ? t('decision: {0} by {1}, {2}', d.decision.value ?? '–', d.decision.adjudicator, when)
        : t('unresolved by {0}, {1}', d.decision.adjudicator, when);
      block.append(el('div', { class: 'adj-decision', 'data-testid': `decision-${d.dimension}` },
        text, d.decision.errorType ? ` · ${t(ERROR_TYPE_LABELS[d.decision.errorType])}` : '', el('div', { class: 'rationale' }, d.decision.rationale)));
      if (d.decisionStale) {
        block.append(el('div', { class: 'notice notice-stale', role: 'status', 'data-testid': `stale-${d.dimension}` },
          t('stale: changed since the decision by {0}', d.staleSince.join(', '))));
      }
      if (d.decision.history.length > 0) {
        const details = el('details', {}, el('summary', {}, `${t('Decision history')} (${d.decision.history.length})`),
          el('ol', {}, ...d.decision.history.map((h) => el('li', {},
            `r${h.revision}: ${h.status === 'adjudicated' ? h.value : t('unresolved')} · ${h.adjudicator} · ${h.decidedAt.slice(0, 16).replace('T', ' ')} · ${h.rationale}`))));
        block.append(details);
      }
    }

    const gold = el('div', { class: 'adj-gold', role: 'radiogroup', 'aria-label': t('Gold value') });
    for (let v = d.min; v <= d.max; v++) {
      const b = el('button', {
        type: 'button', class: `gold${draft.value === v ? ' selected' : ''}`, role: 'radio',
        'aria-checked': draft.value === v ? 'true' : 'false', 'data-testid': `gold-${d.dimension}-${v}`,
      }, String(v));
      b.addEventListener('click', () => this.chooseGold(index, v));
      gold.append(b);
    }
    const rationale = el('textarea', {
      class: 'rationale-input', rows: 2, 'data-testid': `rationale-${d.dimension}`, 'aria-label': t('Rationale (required)'),
      placeholder: t('Rationale (required)'),
    });
    rationale.value = draft.rationale;
    rationale.addEventListener('input', () => (draft.rationale = rationale.value));
    const errorType = el('select', { 'data-testid': `error-type-${d.dimension}`, 'aria-label': t('Error type') },
      el('option', { value: '' }, t('none')),
      ...ERROR_TYPES.map((e) => el('option', { value: e }, t(ERROR_TYPE_LABELS[e]))));
    errorType.value = draft.errorType;
    errorType.addEventListener('change', () => (draft.errorType = errorType.value));
    const save = el('button', { type: 'button', 'data-testid': `save-decision-${d.dimension}` }, t('Save decision'));
    save.addEventListener('click', () => this.decide(index, 'adjudicated'));
    const unresolved = el('button', { type: 'button', 'data-testid': `unresolved-${d.dimension}` }, t('Mark unresolved'));
    unresolved.addEventListener('click', () => this.decide(index, 'unresolved'));
    block.append(
      el('div', { class: 'adj-form' },
        el('label', {}, t('Gold value')), gold,
        rationale,
        el('label', {}, t('Error type'), ' ', errorType),
        save, unresolved,
        el('span', { class: 'decision-state', role: 'status', 'aria-live': 'polite', 'data-testid': `decision-state-${d.dimension}` })),
    );
    return block;
  }

  private renderCard(a: AnnotatorCard, view: AdjudicationView): HTMLElement {
    const t = this.t;
    const who = a.name ?? a.label;
    const card = el('article', { class: `adj-card${a.ratingStale ? ' stale' : ''}`, 'data-testid': `annotator-${a.label}` },
      el('h3', {}, who, ' ', el('span', { class: 'muted' }, t('revision {0}', a.revision))),
      a.ratingStale ? el('div', { class: 'notice notice-stale' }, t('rated on an older trace')) : null,
    );
    const dims = view.dimensions.map((d) => {
      const v = a.rating[d.dimension];
      return el('li', {}, `${t(d.label)}: `, el('strong', {}, v === null ? t('not assessable') : v === undefined ? '–' : String(v)));
    });
    card.append(el('ul', { class: 'adj-rating' }, ...dims));
    if (a.rating.flags?.length) card.append(el('div', {}, `${t('Flags')}: `, ...a.rating.flags.map((f) => el('span', { class: 'chip' }, f))));
    card.append(el('div', { class: 'adj-comment', 'data-testid': `comment-${a.label}`, lang: view.lang }, a.rating.comment ?? ''));
    const concepts = Object.entries(a.concepts);
    if (concepts.length) {
      card.append(el('details', {}, el('summary', {}, `${t('Concept judgements')} (${concepts.length})`),
        el('ul', {}, ...concepts.map(([id, j]) => el('li', {}, el('code', {}, id), ' ',
          j.relevant === undefined ? '' : j.relevant ? t('relevant') : t('not relevant'),
          j.aligned === undefined ? '' : ` ${j.aligned ? t('aligned') : t('not aligned')}`,
          j.note ? ` — ${j.note}` : '')))));
    }
    return card;
  }

  private renderJudgeCard(j: JudgeCard, view: AdjudicationView): HTMLElement {
    const t = this.t;
    const card = el('article', { class: `adj-card adj-judge${j.ratingStale ? ' stale' : ''}`, 'data-testid': `judge-${j.id}` },
      el('h3', {}, j.model),
      j.ratingStale ? el('div', { class: 'notice notice-stale' }, t('rated on an older trace')) : null,
      el('ul', { class: 'adj-rating' }, ...view.dimensions.map((d) => {
        const v = j.rating[d.dimension];
        return el('li', {}, `${t(d.label)}: `, el('strong', {}, v === null ? t('not assessable') : v === undefined ? '–' : String(v)));
      })),
    );
    if (j.rating.flags?.length) card.append(el('div', {}, `${t('Flags')}: `, ...j.rating.flags.map((f) => el('span', { class: 'chip' }, f))));
    card.append(el('div', { class: 'adj-comment', 'data-testid': `judge-comment-${j.id}` }, j.rating.comment ?? ''));
    return card;
  }

  private renderDiffTools(view: AdjudicationView): HTMLElement {
    const t = this.t;
    const labels = view.annotators.map((a) => a.name ?? a.label);
    // Each select is named for screen readers: the row shows only "A ↔ B" (axe: select-name).
    const select = (testId: string, label: string, options: string[], initial: number) => {
      const s = el('select', { 'data-testid': testId, 'aria-label': label }, ...options.map((o) => el('option', { value: o }, o)));
      s.selectedIndex = Math.min(initial, options.length - 1);
      return s;
    };
    const left = select('diff-left', t('First annotator to compare'), labels, 0);
    const right = select('diff-right', t('Second annotator to compare'), labels, 1);
    const commentOut = el('div', { 'data-testid': 'comment-diff' });
    const compare = el('button', { type: 'button', 'data-testid': 'diff-comments' }, t('Show diff'));
    compare.addEventListener('click', () => this.requestDiff({ kind: 'comments', left: left.value, right: right.value }, commentOut));

    const revisionOptions = view.annotators.flatMap((a) =>
      a.earlierRevisions.map((r) => ({ value: `${a.name ?? a.label}\u0000${r.revision}`, label: `${a.name ?? a.label} r${r.revision} → r${a.revision}` })));
    const revisionSelect = el('select', { 'data-testid': 'diff-revision', 'aria-label': t('Earlier revision to compare') }, ...revisionOptions.map((o) => el('option', { value: o.value }, o.label)));
    const revisionOut = el('div', { 'data-testid': 'revision-diff' });
    const compareRevision = el('button', { type: 'button', 'data-testid': 'diff-revision-show' }, t('Show diff'));
    compareRevision.addEventListener('click', () => {
      const [annotator, revision] = revisionSelect.value.split('\u0000');
      if (annotator) this.requestDiff({ kind: 'revision', annotator, revision: Number(revision) }, revisionOut);
    });
    return el('section', { class: 'adj-diffs' },
      el('h2', {}, t('Compare comments')), el('div', { class: 'row' }, left, ' ↔ ', right, compare), commentOut,
      el('h2', {}, t('Compare with earlier revision')),
      revisionOptions.length ? el('div', { class: 'row' }, revisionSelect, compareRevision) : el('p', { class: 'muted' }, t('no earlier revision')),
      revisionOut,
    );
  }

  private renderItem(view: AdjudicationView): HTMLElement {
    if (!view.item) {
      return el('section', { class: 'adj-item' }, view.trace ? '' : el('p', { class: 'muted' }, this.t('No trace for this item.')));
    }
    // The review panel's item view: item text, both traces with the aligned concepts highlighted.
    const itemView = {
      item: view.item,
      language: languageNames(view.lang),
      trace: view.trace,
      rubric: { id: '', version: 0, dimensions: [], flags: [] },
      annotation: null,
      annotator: '',
      position: { index: 0, total: 0, rated: 0 },
      stale: false,
    } satisfies ItemView;
    return el('section', { class: 'adj-item' }, renderItemView(itemView, this.t));
  }

  // ------------------------------------------------------------ actions

  private requestDiff(request: DiffRequest, target: HTMLElement): void {
    this.request(DIFF, request).then(
      (diff) => target.replaceChildren('comments' in diff ? renderWordDiff(diff.comments, this.t) : renderRatingDiff(diff.rating, this.t)),
      (err: Error) => target.replaceChildren(el('p', { class: 'notice notice-error' }, err.message)),
    );
  }

  private setActive(index: number, focus = true): void {
    if (!this.view || index < 0 || index >= this.view.dimensions.length) return;
    this.active = index;
    this.root.querySelectorAll('.adj-dimension').forEach((n, i) => n.classList.toggle('active', i === index));
    if (focus) this.focusActive();
  }

  private focusActive(): void {
    const d = this.view?.dimensions[this.active];
    if (!d) return;
    const selected = this.root.querySelector<HTMLElement>(`[data-testid="dim-${cssEscape(d.dimension)}"] .gold.selected`)
      ?? this.root.querySelector<HTMLElement>(`[data-testid="dim-${cssEscape(d.dimension)}"] .gold`);
    selected?.focus({ preventScroll: false });
  }

  private chooseGold(index: number, value: number): void {
    const d = this.view?.dimensions[index];
    if (!d || value < d.min || value > d.max) return;
    this.active = index;
    this.draft(d.dimension).value = value;
    const block = this.root.querySelector(`[data-testid="dim-${cssEscape(d.dimension)}"]`);
    block?.querySelectorAll<HTMLElement>('.gold').forEach((b) => {
      const on = b.textContent === String(value);
      b.classList.toggle('selected', on);
      b.setAttribute('aria-checked', on ? 'true' : 'false');
    });
    // Next comes the rationale: move there so the curator can type right away.
    block?.querySelector<HTMLTextAreaElement>('textarea')?.focus();
  }

  private decide(index: number, status: 'adjudicated' | 'unresolved'): void {
    const view = this.view;
    const d = view?.dimensions[index];
    if (!view || !d) return;
    const draft = this.draft(d.dimension);
    const stateNode = this.root.querySelector<HTMLElement>(`[data-testid="decision-state-${cssEscape(d.dimension)}"]`);
    const fail = (text: string) => {
      if (stateNode) {
        stateNode.textContent = text;
        stateNode.dataset.state = 'error';
      }
    };
    if (status === 'adjudicated' && draft.value === null) return fail(this.t('Press a digit to choose the gold value.'));
    if (draft.rationale.trim() === '') {
      this.root.querySelector<HTMLTextAreaElement>(`[data-testid="rationale-${cssEscape(d.dimension)}"]`)?.focus();
      return fail(this.t('A rationale is required.'));
    }
    const { itemId } = view;
    this.showDecisionState(d.dimension, 'saving');
    this.request(DECIDE, {
      itemId,
      dimension: d.dimension,
      status,
      value: status === 'adjudicated' ? draft.value : null,
      rationale: draft.rationale,
      ...(draft.errorType ? { errorType: draft.errorType as (typeof ERROR_TYPES)[number] } : {}),
      expectedRevision: d.decision?.revision ?? 0,
    }).then(
      () => {
        this.drafts.delete(`${itemId}\u0000${d.dimension}`);
        if (this.view?.itemId === itemId) this.showDecisionState(d.dimension, 'saved');
      },
      (err: Error) => {
        if (this.view?.itemId === itemId) this.showDecisionState(d.dimension, 'error', err.message);
      },
    );
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement | null;
    const inText = !!target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.isContentEditable);
    const action = interpretAdjudicationKey(e, inText);
    if (!action || !this.view) return;
    e.preventDefault();
    switch (action.kind) {
      case 'gold':
        this.chooseGold(this.active, action.value);
        return;
      case 'save':
        this.decide(this.active, 'adjudicated');
        return;
      case 'unresolved':
        this.decide(this.active, 'unresolved');
        return;
      case 'dimension':
        this.setActive(this.active + action.step);
        return;
      case 'navigate':
        this.post({ type: 'navigate', direction: action.direction });
        return;
      case 'toggleNames':
        this.post({ type: 'revealNames', reveal: !this.view.namesRevealed });
        return;
      case 'leaveText':
        this.focusActive();
        return;
    }
  }
}

function cssEscape(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}
