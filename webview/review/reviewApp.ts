// The review panel's controller: receives typed host messages, renders the item, turns the
// annotator's input (clicks, keys, typing) into `saveRating` / `navigate` messages, shows the
// host's save state, measures time on item, and keeps what a reload must restore in webview state.
import {
  isHostToWebview,
  isReviewWebviewState,
  SAVE_COMPARISON,
  SAVE_RATING,
  type HostToWebview,
  type ItemView,
  type ReviewLayout,
  type ReviewWebviewState,
  type SaveRatingResult,
  type WebviewToHost,
} from '../../src/protocol/messages';
import type { HistoryEntry } from '../../src/core/types';
import { el, tag } from '../components';
import { textAreaValue } from '../components';
import { interpretKey } from './keyboard';
import { ItemTimer, formatDuration } from './itemTimer';
import { renderItemView } from './itemView';
import { makeFoldable } from './itemFold';
import { draftFrom, isEmptyDraft, ratingOf, type Draft } from './draft';
import { renderRatingPanel, type RatingPanel } from './ratingPanel';
import { renderCalibrationReference } from './calibrationReference';
import type { CalibrationReferenceView } from '../../src/core/study/calibrationReference';
import { interpretPairKey, stepOutcome } from './pairKeys';
import { isEmptyPairDraft, pairDraftFrom, renderPairwise, type PairDraft, type PairPanel } from './pairwisePanel';
import type { Translate } from '../shared/strings';
import { WebviewApp, type VsCodeApi } from '../shared/app';

/** Typing pauses shorter than this are one edit: the comment is saved when the annotator pauses. */
export const COMMENT_DEBOUNCE_MS = 600;

export class ReviewApp extends WebviewApp<HostToWebview, WebviewToHost, ReviewWebviewState> {
  private view: ItemView | null = null;
  private draft: Draft | null = null;
  private panel: RatingPanel | null = null;
  /** A blind comparison (pairwise study) instead of a rating: its draft and form. */
  private pairDraft: PairDraft | null = null;
  private pairPanel: PairPanel | null = null;
  /** Whether the responses' reasoning is shown: kept from item to item once asked for. */
  private showPairReasoning = false;
  private activeDimension = 0;
  private commentTimer: ReturnType<typeof setTimeout> | undefined;
  /** The comment text of the last saveRating we posted, to know whether the box holds unsaved text. */
  private sentComment = '';
  private readonly timer = new ItemTimer();
  private timeLabel: HTMLElement | null = null;
  private saveLabel: HTMLElement | null = null;
  private positionLabel: HTMLElement | null = null;
  private saveError: HTMLElement | null = null;
  /** Where the curator's reference of a calibration item appears once the rating is saved. */
  private referenceSlot: HTMLElement | null = null;
  private restored: ReviewWebviewState | null;
  private scrollQueued = false;
  /** saveRating messages posted for the current item and not yet answered by the host. */
  private savesInFlight = 0;
  /** Highest annotation revision of the current item we know is on disk (shown or confirmed saved). */
  private knownRevision = 0;
  /** The annotator's layout as the host keeps it (per user); changed here when they fold the item. */
  private layout: ReviewLayout = { itemCollapsed: false };

  constructor(root: HTMLElement, api: VsCodeApi, win: Window = window) {
    super(root, api, win, { isMessage: isHostToWebview, isState: isReviewWebviewState });
    this.restored = this.savedState() ?? null;
  }

  protected override listen(): void {
    this.win.document.addEventListener('keydown', (e) => this.onKey(e));
    this.win.document.addEventListener('visibilitychange', () => this.timer.setVisible(!this.win.document.hidden));
    this.win.addEventListener('scroll', () => this.queueStateSave(), { passive: true });
    // Save what is being typed if the panel goes away (reload, close).
    this.win.addEventListener('pagehide', () => this.flushComment());
    this.win.setInterval(() => this.tick(), 1000);
  }

  // ------------------------------------------------------------ messages

  handle(message: Exclude<HostToWebview, { type: 'reply' }>): void {
    switch (message.type) {
      case 'showItem':
        this.useStrings(message.strings);
        if (message.layout) this.layout = { ...message.layout };
        this.safely(() => this.show(message.view));
        return;
      case 'traceUpdated':
        if (this.view && !this.view.pair && message.itemId === this.view.item.id) {
          // A rating made against the old trace now needs a second look.
          const view = this.view;
          this.safely(() => this.show({ ...view, trace: message.trace, stale: view.annotation !== null }, true));
        }
        return;
    }
  }

  /** A view the UI cannot render (malformed data) shows its error as text instead of a blank panel. */
  private safely(render: () => void): void {
    try {
      render();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.root.replaceChildren(el('div', { class: 'notice notice-error', role: 'alert', 'data-testid': 'render-error' }, `${this.t('error')}: ${reason}`));
      this.root.setAttribute('aria-busy', 'false');
    }
  }

  // ------------------------------------------------------------ rendering

  private show(view: ItemView, sameItem = false): void {
    const previous = this.view;
    const isSame = sameItem || previous?.item.id === view.item.id;
    if (!isSame) {
      this.flushComment();
      this.timer.restart(!this.win.document.hidden);
      this.savesInFlight = 0;
      this.knownRevision = 0;
    }
    if (view.pair) {
      this.showPair(view, isSame);
      return;
    }
    const revision = view.annotation?.revision ?? 0;
    this.pairDraft = null;
    this.pairPanel = null;
    this.view = view;
    let draft: Draft;
    if (isSame && this.draft && revision <= this.knownRevision) {
      // A re-render of the item we are rating (new trace, host refresh of our own save): what the
      // annotator has done since the item was shown must not jump back to the older annotation.
      draft = this.draft;
    } else {
      // A new item, or the rating changed elsewhere (another window, `medco rate`): take the file's.
      const typing = isSame && this.draft && this.draft.comment !== this.sentComment ? this.draft.comment : null;
      draft = draftFrom(view.annotation?.rating, view.annotation?.concepts, view.rubric);
      this.sentComment = draft.comment;
      if (typing !== null) draft.comment = typing;
    }
    this.knownRevision = Math.max(this.knownRevision, revision);
    let restoredScroll: number | null = null;
    if (this.restored && this.restored.itemId === view.item.id) {
      if (this.restored.unsavedComment !== undefined) draft.comment = this.restored.unsavedComment;
      restoredScroll = this.restored.scrollY;
    }
    this.restored = null;
    this.draft = draft;

    const t = this.t;
    const header = this.renderHeader(view, t);
    const panel = renderRatingPanel(view.rubric, view.trace, draft, t, {
      changed: () => this.saveNow(),
      commentChanged: () => this.commentEdited(),
      navigate: (direction) => this.navigate(direction),
      saveAndNext: () => this.saveAndNext(),
      revert: (entry) => this.revert(entry),
    }, view.annotation?.history ?? []);
    this.panel = panel;
    this.referenceSlot = el('div', { class: 'calibration-reference-slot' });
    panel.element.append(this.referenceSlot);
    this.showReference(view.calibrationReference);
    const itemView = renderItemView(view, t);
    this.foldItemSection(itemView);
    const layout = el('div', { class: 'review-layout' }, itemView, panel.element);
    this.root.replaceChildren(header, layout);
    this.root.setAttribute('aria-busy', 'false');
    for (const [i, scale] of panel.scales.entries()) {
      scale.querySelector('.rating-scale')?.addEventListener('focus', () => this.setActiveDimension(i, false));
    }
    if (!isSame) {
      const firstUnrated = view.rubric.dimensions.findIndex((d) => !(d.id in draft.dimensions));
      this.setActiveDimension(firstUnrated < 0 ? 0 : firstUnrated, true);
      this.win.scrollTo(0, restoredScroll ?? 0);
    } else {
      this.setActiveDimension(this.activeDimension, false);
      if (restoredScroll !== null) this.win.scrollTo(0, restoredScroll);
    }
    if (draft.comment !== this.sentComment) this.commentEdited();
    this.saveState();
  }

  /**
   * A blind comparison: the same rules as show() for what survives a re-render of the same item
   * (the judgement being made, a comment being typed, a restored state), on a PairDraft.
   */
  private showPair(view: ItemView, isSame: boolean): void {
    const pair = view.pair!;
    this.view = view;
    this.draft = null;
    this.panel = null;
    let draft: PairDraft | null = null;
    if (pair.ok) {
      const revision = pair.judgement?.revision ?? 0;
      if (isSame && this.pairDraft && revision <= this.knownRevision) {
        draft = this.pairDraft;
      } else {
        const typing = isSame && this.pairDraft && this.pairDraft.comment !== this.sentComment ? this.pairDraft.comment : null;
        draft = pairDraftFrom(pair.judgement, view.rubric);
        this.sentComment = draft.comment;
        if (typing !== null) draft.comment = typing;
      }
      this.knownRevision = Math.max(this.knownRevision, revision);
    }
    let restoredScroll: number | null = null;
    if (this.restored && this.restored.itemId === view.item.id) {
      if (draft && this.restored.unsavedComment !== undefined) draft.comment = this.restored.unsavedComment;
      restoredScroll = this.restored.scrollY;
    }
    this.restored = null;
    this.pairDraft = draft;
    const header = this.renderHeader(view, this.t);
    if (pair.ok && pair.judgement) this.showSaveState('saved');
    const { element, panel } = renderPairwise(view, pair, draft, this.t, {
      changed: () => this.saveNow(),
      commentChanged: () => this.commentEdited(),
      navigate: (direction) => this.navigate(direction),
      saveAndNext: () => this.saveAndNext(),
      reasoningToggled: (shown) => {
        this.showPairReasoning = shown;
      },
    }, this.showPairReasoning);
    this.pairPanel = panel;
    this.foldItemSection(element);
    this.root.replaceChildren(header, element);
    this.root.setAttribute('aria-busy', 'false');
    for (const [i, scale] of (panel?.scales ?? []).entries()) {
      scale.querySelector('.rating-scale')?.addEventListener('focus', () => this.setActiveDimension(i, false));
    }
    if (!isSame) {
      const firstOpen = draft ? view.rubric.dimensions.findIndex((d) => !(d.id in draft.winner)) : 0;
      this.setActiveDimension(firstOpen < 0 ? 0 : firstOpen, true);
      this.win.scrollTo(0, restoredScroll ?? 0);
    } else {
      this.setActiveDimension(this.activeDimension, false);
      if (restoredScroll !== null) this.win.scrollTo(0, restoredScroll);
    }
    if (draft && draft.comment !== this.sentComment) this.commentEdited();
    this.saveState();
  }

  /** The item section (question, premise, options) folds to its heading, as the annotator last left it. */
  private foldItemSection(container: HTMLElement): void {
    const itemSection = container.querySelector<HTMLElement>('.item-text');
    if (itemSection) makeFoldable(itemSection, this.layout.itemCollapsed, (folded) => this.itemFolded(folded));
  }

  private itemFolded(itemCollapsed: boolean): void {
    this.layout = { ...this.layout, itemCollapsed };
    this.post({ type: 'reviewLayout', layout: this.layout });
  }

  /** The header's "n of N · r rated" follows saves without re-rendering the item. */
  private showPosition(rated: number): void {
    if (!this.view || !this.positionLabel) return;
    const { index, total } = this.view.position;
    this.view = { ...this.view, position: { index, total, rated } };
    this.positionLabel.textContent = this.t('{0} of {1} · {2} rated', index + 1, total, rated);
  }

  private renderHeader(view: ItemView, t: Translate): HTMLElement {
    const { item, language, position } = view;
    this.timeLabel = el('span', { class: 'time-on-item', 'data-testid': 'time-on-item', title: t('Time on this item') }, formatDuration(this.timer.elapsed()));
    this.saveLabel = el('span', { class: 'save-state', 'data-testid': 'save-state', role: 'status', 'aria-live': 'polite' });
    this.saveError = el('span', { class: 'save-error', 'data-testid': 'save-error', role: 'alert' });
    if (view.annotation) this.showSaveState('saved');
    return el('header', { class: 'item-header' },
      el('h1', { class: 'item-id', 'data-testid': 'item-id' }, item.id),
      tag(language.native, { lang: language.code, dir: language.dir, title: language.english, 'data-testid': 'item-language' }),
      tag(item.task === 'nli' ? 'NLI' : item.task === 'mcq' ? 'MCQ' : 'QA', { 'data-testid': 'item-task' }),
      item.source ? tag(item.source, { 'data-testid': 'item-source' }) : null,
      (this.positionLabel = el('span', { class: 'position', 'data-testid': 'position' }, t('{0} of {1} · {2} rated', position.index + 1, position.total, position.rated))),
      el('span', { class: 'spacer' }),
      this.timeLabel,
      this.saveLabel,
      this.saveError,
    );
  }

  /**
   * The indicator's text contains "saved" only once the host reports the rating on disk (the
   * contract automated checks rely on): a comment waiting for its debounced save shows "saving…",
   * and an error's reason (which might itself say "saved") goes to a separate element.
   */
  private showSaveState(state: 'saving' | 'saved' | 'error' | 'pending', message?: string): void {
    if (!this.saveLabel || !this.saveError) return;
    const text = { saving: this.t('saving…'), pending: this.t('saving…'), saved: this.t('saved'), error: this.t('error') }[state];
    this.saveLabel.textContent = text;
    this.saveLabel.dataset.state = state;
    this.saveError.textContent = state === 'error' && message ? message : '';
  }

  private tick(): void {
    if (this.timeLabel) this.timeLabel.textContent = formatDuration(this.timer.elapsed());
  }

  // ------------------------------------------------------------ saving and navigation

  private saveNow(): void {
    if (this.view && this.pairDraft) {
      this.savePairNow(this.view.item.id, this.pairDraft);
      return;
    }
    if (!this.view || !this.draft) return;
    clearTimeout(this.commentTimer);
    this.commentTimer = undefined;
    const itemId = this.view.item.id;
    this.request(SAVE_RATING, {
      itemId,
      rating: ratingOf(this.draft),
      concepts: { ...this.draft.concepts },
      durationMs: this.timer.elapsed(),
      ...(this.view.trace ? { traceId: this.view.trace.id } : {}),
    }).then(
      (saved) => this.saveAnswered(itemId, saved),
      (err: Error) => this.saveAnswered(itemId, err),
    );
    this.sentComment = this.draft.comment;
    this.savesInFlight++;
    this.showSaveState('saving');
    this.saveState();
  }

  /** The whole judgement in sides: the host records which configuration was on which side. */
  private savePairNow(itemId: string, draft: PairDraft): void {
    clearTimeout(this.commentTimer);
    this.commentTimer = undefined;
    this.request(SAVE_COMPARISON, {
      itemId,
      winner: { ...draft.winner },
      flags: [...draft.flags],
      ...(draft.comment.trim() !== '' ? { comment: draft.comment } : {}),
      durationMs: this.timer.elapsed(),
    }).then(
      (saved) => this.saveAnswered(itemId, saved),
      (err: Error) => this.saveAnswered(itemId, err),
    );
    this.sentComment = draft.comment;
    this.savesInFlight++;
    this.showSaveState('saving');
    this.saveState();
  }

  /**
   * The host answers every save once: "saved" is shown only when the latest of our saves is on
   * disk, not when an earlier one finishes. Answers for an item no longer shown change nothing.
   */
  private saveAnswered(itemId: string, answer: SaveRatingResult | Error): void {
    if (itemId !== this.view?.item.id) return;
    this.savesInFlight = Math.max(0, this.savesInFlight - 1);
    if (answer instanceof Error) return this.showSaveState('error', answer.message);
    this.knownRevision = Math.max(this.knownRevision, answer.revision);
    this.showPosition(answer.rated);
    // The latest save is on disk: the draft is what was saved, and the reference may now be shown.
    if (this.savesInFlight === 0 && this.view) {
      this.view = { ...this.view, calibrationReference: answer.calibrationReference };
      this.showReference(answer.calibrationReference);
    }
    this.showSaveState(this.savesInFlight > 0 ? 'saving' : 'saved');
  }

  /** Draws (or removes) the calibration reference beside the annotator's saved values. */
  private showReference(reference: CalibrationReferenceView | undefined): void {
    if (!this.referenceSlot || !this.view || !this.draft) return;
    this.referenceSlot.replaceChildren(...(reference ? [renderCalibrationReference(reference, this.view.rubric, ratingOf(this.draft), this.t)] : []));
  }

  /** Revert: the earlier revision's rating and judgements become the draft, saved as a new revision. */
  private revert(entry: HistoryEntry): void {
    if (!this.view) return;
    this.draft = draftFrom(entry.rating, entry.concepts ?? {}, this.view.rubric);
    this.saveNow();
    this.show(this.view, true);
  }

  private commentEdited(): void {
    clearTimeout(this.commentTimer);
    this.showSaveState('pending');
    this.commentTimer = setTimeout(() => this.saveNow(), COMMENT_DEBOUNCE_MS);
    this.saveState();
  }

  private flushComment(): void {
    if (this.commentTimer !== undefined) this.saveNow();
  }

  private navigate(direction: 'previous' | 'next' | 'nextUnrated'): void {
    this.flushComment();
    this.post({ type: 'navigate', direction });
  }

  private saveAndNext(): void {
    if (this.draft && this.panel) this.draft.comment = textAreaValue(this.panel.comment);
    if (this.pairDraft && this.pairPanel?.comment) this.pairDraft.comment = textAreaValue(this.pairPanel.comment);
    if ((this.draft && !isEmptyDraft(this.draft)) || (this.pairDraft && !isEmptyPairDraft(this.pairDraft))) this.saveNow();
    else this.flushComment();
    this.post({ type: 'navigate', direction: 'nextUnrated' });
  }

  // ------------------------------------------------------------ keyboard

  private onKey(e: KeyboardEvent): void {
    if (this.view?.pair) {
      this.onPairKey(e);
      return;
    }
    if (!this.view || !this.panel) return;
    const action = interpretKey(e, isInTextInput(e));
    if (!action) return;
    switch (action.kind) {
      case 'saveAndNext':
        this.saveAndNext();
        break;
      case 'navigate':
        this.navigate(action.direction);
        break;
      case 'rate':
        if (!this.panel.rate(this.activeDimension, action.value)) return;
        break;
      case 'notAssessable':
        this.panel.rate(this.activeDimension, null);
        break;
      case 'stepValue': {
        // Only on a focused rating scale: elsewhere Left/Right scroll or move the caret.
        const focus = this.win.document.activeElement;
        if (!focus?.classList.contains('rating-scale')) return;
        const d = this.view.rubric.dimensions[this.activeDimension];
        if (!d || !this.draft) return;
        const current = this.draft.dimensions[d.id];
        const base = typeof current === 'number' ? current : action.delta > 0 ? d.min - 1 : d.max + 1;
        const next = Math.min(d.max, Math.max(d.min, base + action.delta));
        if (next === current) break;
        this.panel.rate(this.activeDimension, next);
        break;
      }
      case 'moveDimension': {
        // Arrow keys inside other controls (radio groups, text) keep their own meaning.
        const focus = this.win.document.activeElement;
        const onScaleOrBody = !focus || focus === this.win.document.body || focus.classList.contains('rating-scale');
        if (!onScaleOrBody) return;
        const n = this.panel.scales.length;
        if (n === 0) return;
        this.setActiveDimension((this.activeDimension + action.delta + n) % n, true);
        break;
      }
    }
    e.preventDefault();
  }

  /** Keys of a blind comparison (pairKeys.ts): 1, 2, =, 0 on the focused dimension; the rest as in rating. */
  private onPairKey(e: KeyboardEvent): void {
    const action = interpretPairKey(e, isInTextInput(e));
    if (!action || !this.view) return;
    const panel = this.pairPanel;
    const focus = this.win.document.activeElement;
    switch (action.kind) {
      case 'saveAndNext':
        this.saveAndNext();
        break;
      case 'navigate':
        this.navigate(action.direction);
        break;
      case 'prefer':
        if (!panel || !panel.choose(this.activeDimension, action.outcome)) return;
        break;
      case 'stepValue': {
        if (!panel || !this.pairDraft || !focus?.classList.contains('rating-scale')) return;
        const d = this.view.rubric.dimensions[this.activeDimension];
        if (!d) return;
        const next = stepOutcome(this.pairDraft.winner[d.id], action.delta);
        if (next !== this.pairDraft.winner[d.id]) panel.choose(this.activeDimension, next);
        break;
      }
      case 'moveDimension': {
        const onScaleOrBody = !focus || focus === this.win.document.body || focus.classList.contains('rating-scale');
        if (!panel || !onScaleOrBody || panel.scales.length === 0) return;
        const n = panel.scales.length;
        this.setActiveDimension((this.activeDimension + action.delta + n) % n, true);
        break;
      }
    }
    e.preventDefault();
  }

  private setActiveDimension(i: number, focus: boolean): void {
    const scales: HTMLElement[] = this.panel?.scales ?? this.pairPanel?.scales ?? [];
    if (scales.length === 0) return;
    this.activeDimension = Math.max(0, Math.min(i, scales.length - 1));
    scales.forEach((s, k) => s.classList.toggle('is-active', k === this.activeDimension));
    const target = scales[this.activeDimension]?.querySelector<HTMLElement>('.rating-scale');
    if (focus && target) target.focus({ preventScroll: true });
  }

  // ------------------------------------------------------------ webview state

  private queueStateSave(): void {
    if (this.scrollQueued) return;
    this.scrollQueued = true;
    this.win.requestAnimationFrame(() => {
      this.scrollQueued = false;
      this.saveState();
    });
  }

  private saveState(): void {
    const draft = this.draft ?? this.pairDraft;
    if (!this.view) return;
    const state: ReviewWebviewState = { itemId: this.view.item.id, scrollY: Math.round(this.win.scrollY) };
    if (draft && (draft.comment !== this.sentComment || this.commentTimer !== undefined)) state.unsavedComment = draft.comment;
    this.storeState(state);
  }
}

/** True when the key went to an editable field, including inside a toolkit element's shadow root. */
function isInTextInput(e: KeyboardEvent): boolean {
  for (const node of e.composedPath()) {
    if (!(node instanceof HTMLElement)) continue;
    if (node instanceof HTMLTextAreaElement || node.isContentEditable) return true;
    if (node instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(node.type)) return true;
  }
  return false;
}
