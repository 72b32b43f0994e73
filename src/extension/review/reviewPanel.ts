// The host side of the review panel: one WebviewPanel (`medco.review`) showing one item at a time.
// It speaks only the typed messages of src/protocol/messages.ts, posts nothing before the webview
// said `ready`, validates everything it receives, and saves ratings through the session (core store).
// The panel's life (create, restore, ready, queue, logging) is PanelHost's.
import * as vscode from 'vscode';
import { runOfTrace, sameRun } from '../../core/traces/reviewRun';
import type { Rubric, Trace } from '../../core/types';
import {
  isReviewWebviewState,
  isWebviewToHost,
  type HostToWebview,
  type ItemView,
  type ReviewWebviewState,
  type SaveComparisonParams,
  type SaveRatingParams,
  type SaveRatingResult,
  type WebviewToHost,
} from '../../protocol/messages';
import { APP_UI_STRINGS } from '../../protocol/uiStrings';
import type { Direction } from '../items/itemOrder';
import { itemView } from './itemView';
import { calibrationReferenceFor } from '../../core/study/calibrationReference';
import { PanelHost } from '../panels/panelHost';
import { webviewStrings } from '../panels/uiStrings';
import type { ReviewSession } from '../session';
import { pairViewOf, winnerByConfig } from './pairView';
import { ReviewLayoutPreference } from './reviewLayout';

export const REVIEW_VIEW_TYPE = 'medco.review';
const LAST_ITEM_KEY = 'medco.review.lastItem';

/** The panel's UI strings with the rubric's texts (labels, descriptions, levels, flags), localized. */
export function reviewStrings(rubric: Rubric): Record<string, string> {
  return webviewStrings(APP_UI_STRINGS.review, rubric);
}

export class ReviewPanelHost extends PanelHost<WebviewToHost, HostToWebview, ReviewWebviewState> {
  private readonly currentChanged = new vscode.EventEmitter<string | undefined>();
  readonly onDidChangeCurrentItem = this.currentChanged.event;
  currentItemId: string | undefined;
  /** What the webview already has for the current item, so our own saves do not re-render it. */
  private shown: {
    itemId: string;
    revision: number;
    traceSha256: string | null;
    baseDurationMs: number;
    /** Pairwise studies: the sides and the responses' hashes shown (a judgement is about these). */
    pair?: { sides: { '1': string; '2': string }; sha256: Record<string, string> };
  } | undefined;
  /** Each showItem being built: an older one still waiting for the traces file is not posted. */
  private showSeq = 0;
  /** Saves from this panel not yet answered: the session reports them as changes, too. */
  private savesInFlight = 0;
  /** Folded item section and the like: per user, across panels and restarts. */
  private readonly layout: ReviewLayoutPreference;

  constructor(
    context: vscode.ExtensionContext,
    private readonly session: ReviewSession,
    /** Asks for the annotator id when none is set; undefined when the user cancelled. */
    private readonly ensureAnnotator: () => Promise<string | undefined>,
    log: vscode.LogOutputChannel,
    /** Opens the workspace's dataset without asking; false when there is none. */
    private readonly openDataset: () => Promise<boolean>,
  ) {
    super(context, log, {
      viewType: REVIEW_VIEW_TYPE,
      script: 'app-review',
      styles: ['review.css'],
      title: () => vscode.l10n.t('Review'),
      isMessage: isWebviewToHost,
      isState: isReviewWebviewState,
    }, {
      // Until ready only the latest item matters, and the latest trace per item.
      keyOf: (m) => (m.type === 'traceUpdated' ? `${m.type}:${m.itemId}` : m.type),
      isView: (m) => m.type === 'showItem',
    });
    this.layout = new ReviewLayoutPreference(context.globalState);
    // Ratings and statuses shown in the panel follow files changed elsewhere (another window, `medco rate`).
    this.subscriptions.push(
      session.onDidChange((e) => {
        if (this.currentItemId && (!e.itemIds || e.itemIds.includes(this.currentItemId))) this.refreshIfChanged();
      }),
      this.currentChanged,
    );
  }

  get isVisible(): boolean {
    return this.isOpen;
  }

  /** Shows `itemId` in the panel, creating the panel if needed. */
  async show(itemId: string): Promise<boolean> {
    if (!this.session.item(itemId)) return false;
    if (!(await this.ensureAnnotator())) return false;
    this.open();
    this.setCurrent(itemId);
    await this.postShowItem();
    return true;
  }

  /** Restoring a window must not pop up a file picker: without a dataset the panel just closes. */
  protected override canRestore(): Promise<boolean> {
    return this.openDataset();
  }

  /** Takes over a panel VS Code restored after a window reload. */
  protected override async restored(state: ReviewWebviewState | undefined): Promise<void> {
    const itemId = state?.itemId ?? this.context.workspaceState.get<string>(LAST_ITEM_KEY);
    const target = itemId && this.session.item(itemId) ? itemId : this.session.items[0]?.id;
    if (target && (await this.ensureAnnotator())) {
      this.setCurrent(target);
      await this.postShowItem();
    }
  }

  async navigate(direction: Direction): Promise<void> {
    const target = this.session.neighbour(this.currentItemId, direction);
    if (target) {
      await this.show(target);
      return;
    }
    const message =
      direction === 'previous'
        ? vscode.l10n.t('This is the first item.')
        : direction === 'next'
          ? vscode.l10n.t('This is the last item.')
          : vscode.l10n.t('Every item is rated.');
    void vscode.window.showInformationMessage(message);
  }

  /** Waits for pending saves, then moves to the next unrated item (the save-and-next key). */
  async saveAndNext(): Promise<void> {
    await this.session.idle();
    await this.navigate('nextUnrated');
  }

  /** A new trace for an item: pushed to the panel when it shows that item. */
  traceArrived(trace: Trace): void {
    // A comparison is re-shown whole with both responses (refreshIfChanged), not patched.
    if (trace.itemId !== this.currentItemId || !this.shown || this.shown.pair) return;
    // A trace of another configuration or round than the one rated is not shown (the session kept its own).
    if (!sameRun(runOfTrace(trace), this.session.shownRun)) return;
    this.shown.traceSha256 = this.session.traceSha256(trace.itemId) ?? null;
    this.post({ type: 'traceUpdated', itemId: trace.itemId, trace });
  }

  protected override onPanelDisposed(): void {
    this.setCurrent(undefined);
  }

  private setCurrent(itemId: string | undefined): void {
    this.currentItemId = itemId;
    if (itemId) void this.context.workspaceState.update(LAST_ITEM_KEY, itemId);
    this.currentChanged.fire(itemId);
  }

  protected override async onNotification(message: Exclude<WebviewToHost, { type: 'ready' | 'request' }>): Promise<void> {
    if (message.type === 'reviewLayout') {
      await this.layout.set(message.layout);
      return;
    }
    await this.navigate(message.direction);
  }

  protected override onRequest(request: Extract<WebviewToHost, { type: 'request' }>): Promise<SaveRatingResult> {
    return request.method === 'saveComparison' ? this.saveComparison(request.params) : this.saveRating(request.params);
  }

  /** saveRating: replied with the revision on disk, or the reason the rating was not saved. */
  private async saveRating(params: SaveRatingParams): Promise<SaveRatingResult> {
    const { itemId } = params;
    this.savesInFlight++;
    try {
      const entry = await this.session.saveRating({
        itemId,
        rating: params.rating,
        concepts: params.concepts,
        // The webview counts time since it showed the item; the file keeps the total of all visits.
        durationMs: (this.shown?.itemId === itemId ? this.shown.baseDurationMs : 0) + params.durationMs,
        // The rating is about the trace the panel showed: refused if it changed since.
        shownTraceSha256: this.shown?.itemId === itemId ? this.shown.traceSha256 : undefined,
      });
      if (this.shown?.itemId === itemId) this.shown.revision = entry.revision;
      // Calibration: the curator's reference only now that the rating is on disk.
      const reference = calibrationReferenceFor(this.session.study, itemId, entry);
      return { revision: entry.revision, rated: this.session.counts().rated, ...(reference ? { calibrationReference: reference } : {}) };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not save the rating of {0}: {1}', itemId, reason));
      throw err;
    } finally {
      this.savesInFlight--;
      // Changes on disk that arrived during the save were held back: show them once the reply is out.
      setImmediate(() => this.savesInFlight === 0 && this.refreshIfChanged());
    }
  }

  /**
   * saveComparison: the judgement in sides, recorded with the configurations that were on those
   * sides and the responses shown; refused (TraceChangedError) when either changed since.
   */
  private async saveComparison(params: SaveComparisonParams): Promise<SaveRatingResult> {
    const { itemId } = params;
    const shown = this.shown?.itemId === itemId ? this.shown : undefined;
    this.savesInFlight++;
    try {
      if (!shown?.pair) throw new Error(vscode.l10n.t('{0} is not shown as a comparison.', itemId));
      const entry = await this.session.saveComparison({
        itemId,
        winner: winnerByConfig(params.winner, shown.pair.sides),
        flags: params.flags,
        comment: params.comment,
        durationMs: shown.baseDurationMs + params.durationMs,
        shownSha256: shown.pair.sha256,
      });
      if (this.shown?.itemId === itemId) this.shown.revision = entry.revision;
      return { revision: entry.revision, rated: this.session.counts().rated };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not save the comparison of {0}: {1}', itemId, reason));
      throw err;
    } finally {
      this.savesInFlight--;
      setImmediate(() => this.savesInFlight === 0 && this.refreshIfChanged());
    }
  }

  private async postShowItem(): Promise<void> {
    const seq = ++this.showSeq;
    const view = this.currentView();
    if (!view || !this.isOpen) return;
    // Pairwise studies: the two responses (read from the traces file) instead of the one trace.
    const pair = await this.session.pair(view.item.id);
    if (seq !== this.showSeq || !this.isOpen) return;
    let shownPair: { sides: { '1': string; '2': string }; sha256: Record<string, string> } | undefined;
    let baseDurationMs = view.annotation?.durationMs ?? 0;
    if (pair) {
      const hidden = this.session.study?.hide?.includes('configs') ?? false;
      view.pair = pairViewOf(pair, hidden);
      view.trace = null;
      view.annotation = null;
      view.stale = view.pair.ok && view.pair.stale;
      if (pair.ok) {
        shownPair = { sides: pair.sides, sha256: pair.sha256 };
        baseDurationMs = pair.entry?.durationMs ?? 0;
      }
    }
    const revision = view.pair?.ok ? view.pair.judgement?.revision ?? 0 : view.annotation?.revision ?? 0;
    // Which configuration is rated (not in a study hiding configurations, nor in a pairwise one).
    const configuration = pair ? undefined : this.session.shownConfigurationLabel();
    this.title = configuration === undefined ? vscode.l10n.t('Review: {0}', view.item.id) : vscode.l10n.t('Review: {0} ({1})', view.item.id, configuration);
    const sameItem = this.shown?.itemId === view.item.id;
    this.shown = {
      itemId: view.item.id,
      revision,
      traceSha256: this.session.traceSha256(view.item.id) ?? null,
      // Re-showing the same item keeps the webview's timer running: keep the base it adds to, or
      // the time of this visit, already in the saved total, would be counted twice.
      baseDurationMs: sameItem && this.shown ? this.shown.baseDurationMs : baseDurationMs,
      pair: shownPair,
    };
    this.post({ type: 'showItem', view, strings: reviewStrings(view.rubric), layout: this.layout.get() });
  }

  /**
   * Re-sends the current item when its annotation or trace changed on disk behind the panel's back
   * (another window, `medco rate`, a new traces file). Our own saves are already in the webview:
   * re-rendering for them would reset the annotator's focus and comment.
   */
  private refreshIfChanged(): void {
    const id = this.currentItemId;
    if (!this.isOpen || !id || this.savesInFlight > 0) return;
    if (this.session.study?.mode === 'pairwise') {
      void this.refreshPairIfChanged(id);
      return;
    }
    const revision = this.session.entry(id)?.revision ?? 0;
    const traceSha256 = this.session.traceSha256(id) ?? null;
    if (this.shown?.itemId === id && this.shown.revision === revision && this.shown.traceSha256 === traceSha256) return;
    void this.postShowItem();
  }

  /** refreshIfChanged for a comparison: its revision, the responses' hashes and their sides. */
  private async refreshPairIfChanged(id: string): Promise<void> {
    const pair = await this.session.pair(id);
    if (!this.isOpen || this.currentItemId !== id || this.savesInFlight > 0) return;
    const shown = this.shown?.itemId === id ? this.shown : undefined;
    const same = shown && (pair?.ok
      ? shown.pair !== undefined &&
        shown.revision === (pair.entry?.revision ?? 0) &&
        JSON.stringify(shown.pair.sides) === JSON.stringify(pair.sides) &&
        pair.configs.every((c) => shown.pair!.sha256[c] === pair.sha256[c])
      : shown.pair === undefined && shown.revision === 0);
    // An item that still cannot be compared is re-shown: its message may have changed.
    if (!same || (pair && !pair.ok)) await this.postShowItem();
  }

  /** The reference of a calibration item whose rating this annotator already saved (none before). */
  private calibrationReference(id: string): Pick<ItemView, 'calibrationReference'> {
    const reference = calibrationReferenceFor(this.session.study, id, this.session.entry(id));
    return reference ? { calibrationReference: reference } : {};
  }

  private currentView(): ItemView | undefined {
    const view = itemView(this.session, this.currentItemId);
    return view && { ...view, ...this.calibrationReference(view.item.id) };
  }
}
