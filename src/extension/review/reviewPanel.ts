// The host side of the review panel: one WebviewPanel (`medco.review`) showing one item at a time.
// It speaks only the typed messages of src/protocol/messages.ts, posts nothing before the webview
// said `ready`, validates everything it receives, and saves ratings through the session (core store).
import * as vscode from 'vscode';
import type { Trace } from '../../core/types';
import { isWebviewToHost, type HostToWebview, type ItemView, type WebviewToHost } from '../../protocol/messages';
import type { Direction } from '../items/itemOrder';
import { languageNames } from '../../core/dataset/languages';
import { localResourceRoots, renderWebviewHtml } from '../panels/webviewHtml';
import type { ReviewSession } from '../session';
import { reviewStrings } from './reviewStrings';

export const REVIEW_VIEW_TYPE = 'medco.review';
const LAST_ITEM_KEY = 'medco.review.lastItem';

export class ReviewPanelHost implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  /** Messages posted before `ready`: only the latest `showItem` matters, plus later updates. */
  private pending: HostToWebview[] = [];
  private disposables: vscode.Disposable[] = [];
  private readonly currentChanged = new vscode.EventEmitter<string | undefined>();
  readonly onDidChangeCurrentItem = this.currentChanged.event;
  currentItemId: string | undefined;
  /** What the webview already has for the current item, so our own saves do not re-render it. */
  private shown: { itemId: string; revision: number; traceSha256: string | null; baseDurationMs: number } | undefined;
  /** Saves from this panel not yet answered: the session reports them as changes, too. */
  private savesInFlight = 0;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly session: ReviewSession,
    /** Asks for the annotator id when none is set; undefined when the user cancelled. */
    private readonly ensureAnnotator: () => Promise<string | undefined>,
    private readonly log?: vscode.LogOutputChannel,
  ) {
    // Ratings and statuses shown in the panel follow files changed elsewhere (another window, `medco rate`).
    this.disposables.push(
      session.onDidChange((e) => {
        if (this.currentItemId && (!e.itemIds || e.itemIds.includes(this.currentItemId))) this.refreshIfChanged();
      }),
    );
  }

  get isVisible(): boolean {
    return this.panel !== undefined;
  }

  /** Shows `itemId` in the panel, creating the panel if needed. */
  async show(itemId: string): Promise<boolean> {
    if (!this.session.item(itemId)) return false;
    if (!(await this.ensureAnnotator())) return false;
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(
        REVIEW_VIEW_TYPE,
        vscode.l10n.t('Review'),
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
        webviewOptions(this.context.extensionUri),
      );
      this.attach(panel);
    } else {
      this.panel.reveal(undefined, false);
    }
    this.setCurrent(itemId);
    this.postShowItem();
    return true;
  }

  /** Takes over a panel VS Code restored after a window reload (see registerReviewSerializer). */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = webviewOptions(this.context.extensionUri);
    if (this.panel && this.panel !== panel) this.panel.dispose();
    this.attach(panel);
    const itemId = restoredItemId(state) ?? this.context.workspaceState.get<string>(LAST_ITEM_KEY);
    const target = itemId && this.session.item(itemId) ? itemId : this.session.items[0]?.id;
    if (target && (await this.ensureAnnotator())) {
      this.setCurrent(target);
      this.postShowItem();
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
    if (trace.itemId !== this.currentItemId || !this.shown) return;
    this.shown.traceSha256 = this.session.traceSha256(trace.itemId) ?? null;
    this.post({ type: 'traceUpdated', itemId: trace.itemId, trace });
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    this.pending = [];
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'medco.svg');
    panel.webview.html = reviewHtml(panel.webview, this.context.extensionUri);
    const subscriptions = [
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidDispose(() => {
        subscriptions.forEach((d) => d.dispose());
        if (this.panel === panel) {
          this.panel = undefined;
          this.setCurrent(undefined);
        }
      }),
    ];
  }

  private setCurrent(itemId: string | undefined): void {
    this.currentItemId = itemId;
    if (itemId) void this.context.workspaceState.update(LAST_ITEM_KEY, itemId);
    this.currentChanged.fire(itemId);
  }

  private receive(raw: unknown): void {
    // The webview runs untrusted text: anything that is not a well-formed message is dropped.
    if (!isWebviewToHost(raw)) {
      this.log?.warn('review panel: ignored a malformed message from the webview');
      return;
    }
    // Only the message type: ratings and comments are the annotator's and stay out of logs.
    this.log?.debug(`review panel: webview → host ${raw.type}`);
    void this.handle(raw);
  }

  private async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        for (const m of this.pending.splice(0)) void this.panel?.webview.postMessage(m);
        return;
      case 'navigate':
        await this.navigate(message.direction);
        return;
      case 'saveRating': {
        const { itemId } = message;
        this.post({ type: 'saveState', itemId, state: 'saving' });
        this.savesInFlight++;
        try {
          const entry = await this.session.saveRating({
            itemId,
            rating: message.rating,
            concepts: message.concepts,
            // The webview counts time since it showed the item; the file keeps the total of all visits.
            durationMs: (this.shown?.itemId === itemId ? this.shown.baseDurationMs : 0) + message.durationMs,
            // The rating is about the trace the panel showed: refused if it changed since.
            shownTraceSha256: this.shown?.itemId === itemId ? this.shown.traceSha256 : undefined,
          });
          if (this.shown?.itemId === itemId) this.shown.revision = entry.revision;
          this.post({ type: 'saveState', itemId, state: 'saved', revision: entry.revision, rated: this.session.counts().rated });
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          this.post({ type: 'saveState', itemId, state: 'error', message: reason });
          void vscode.window.showErrorMessage(vscode.l10n.t('Could not save the rating of {0}: {1}', itemId, reason));
        } finally {
          this.savesInFlight--;
          // Changes on disk that arrived during the save were held back: show them now.
          if (this.savesInFlight === 0) this.refreshIfChanged();
        }
        return;
      }
    }
  }

  private post(message: HostToWebview): void {
    if (!this.panel) return;
    this.log?.debug(`review panel: host → webview ${message.type}${this.ready ? '' : ' (queued until ready)'}`);
    if (!this.ready) {
      if (message.type === 'showItem') this.pending = this.pending.filter((m) => m.type !== 'showItem');
      this.pending.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private postShowItem(): void {
    const view = this.currentView();
    if (!view || !this.panel) return;
    this.panel.title = vscode.l10n.t('Review: {0}', view.item.id);
    const sameItem = this.shown?.itemId === view.item.id;
    this.shown = {
      itemId: view.item.id,
      revision: view.annotation?.revision ?? 0,
      traceSha256: this.session.traceSha256(view.item.id) ?? null,
      // Re-showing the same item keeps the webview's timer running: keep the base it adds to, or
      // the time of this visit, already in the saved total, would be counted twice.
      baseDurationMs: sameItem && this.shown ? this.shown.baseDurationMs : view.annotation?.durationMs ?? 0,
    };
    this.post({ type: 'showItem', view, strings: reviewStrings(view.rubric) });
  }

  /**
   * Re-sends the current item when its annotation or trace changed on disk behind the panel's back
   * (another window, `medco rate`, a new traces file). Our own saves are already in the webview:
   * re-rendering for them would reset the annotator's focus and comment.
   */
  private refreshIfChanged(): void {
    const id = this.currentItemId;
    if (!this.panel || !id || this.savesInFlight > 0) return;
    const revision = this.session.entry(id)?.revision ?? 0;
    const traceSha256 = this.session.traceSha256(id) ?? null;
    if (this.shown?.itemId === id && this.shown.revision === revision && this.shown.traceSha256 === traceSha256) return;
    this.postShowItem();
  }

  private currentView(): ItemView | undefined {
    const id = this.currentItemId;
    const item = id ? this.session.item(id) : undefined;
    if (!id || !item || !this.session.rubric || !this.session.annotator) return undefined;
    const ids = this.session.items.map((i) => i.id);
    return {
      item,
      language: languageNames(item.lang),
      trace: this.session.trace(id) ?? null,
      rubric: this.session.rubric,
      // Blind rating: only this annotator's own entry ever reaches the webview.
      annotation: this.session.entry(id) ?? null,
      annotator: this.session.annotator,
      position: { index: ids.indexOf(id), total: ids.length, rated: this.session.counts().rated },
      stale: this.session.status(id) === 'stale',
    };
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
    this.currentChanged.dispose();
  }
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    // Only the bundled webview code and the extension's media: nothing from the workspace.
    localResourceRoots: localResourceRoots(extensionUri),
  };
}

/** The review document: the bundled app under the strict policy of buildCsp (webviewHtml.ts). */
export function reviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return renderWebviewHtml({
    webview,
    extensionUri,
    script: 'app-review',
    styles: ['review.css'],
    title: vscode.l10n.t('Review'),
    lang: vscode.env.language,
  });
}

/** The item id the webview kept with setState; accepts the obvious key names. */
export function restoredItemId(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const s = state as Record<string, unknown>;
  for (const key of ['itemId', 'currentItemId', 'item']) if (typeof s[key] === 'string') return s[key] as string;
  return undefined;
}
