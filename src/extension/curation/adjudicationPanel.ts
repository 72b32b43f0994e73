// The host side of the adjudication panel (`medco.adjudication`): one item at a time, every
// annotator's rating side by side (anonymised), diffs on request, and the curator's decisions
// written through the core decision store. Only typed messages from src/protocol/adjudication.ts;
// the panel's life (create, restore, ready, queue, logging) is PanelHost's.
import * as vscode from 'vscode';
import {
  annotatorsOfItem,
  buildAdjudicationView,
  currentRevisions,
  ratingAtRevision,
  type ItemAnnotator,
} from '../../core/adjudication/adjudicationView';
import { groupQueueByItem } from '../../core/adjudication/disagreements';
import { ratingDiff, wordDiff } from '../../core/adjudication/wordDiff';
import { AdjudicationInputError } from '../../core/adjudication/decisions';
import {
  isAdjudicationWebviewState,
  isAdjudicationWebviewToHost,
  type AdjudicationHostToWebview,
  type AdjudicationWebviewState,
  type AdjudicationWebviewToHost,
  type DecideParams,
  type DiffRequest,
  type DiffResult,
} from '../../protocol/adjudication';
import { APP_UI_STRINGS } from '../../protocol/uiStrings';
import { PanelHost } from '../panels/panelHost';
import { webviewStrings } from '../panels/uiStrings';
import type { CurationModel, CurationSource } from './curationModel';

export const ADJUDICATION_VIEW_TYPE = 'medco.adjudication';
/**
 * The item the panel shows, kept by the host too: the webview's own state (setState) did not come
 * back to the serializer when the panel was the active tab at a reload in code-server, and the
 * panel then fell back to the queue's head.
 */
const LAST_ITEM_KEY = 'medco.adjudication.lastItem';

/** The panel's UI strings with the rubric's dimension labels, localized like the review panel's. */
export function adjudicationStrings(dimensions: readonly { id: string; label?: string }[] | undefined): Record<string, string> {
  return webviewStrings(APP_UI_STRINGS.adjudication, { dimensions });
}

export class AdjudicationPanelHost extends PanelHost<AdjudicationWebviewToHost, AdjudicationHostToWebview, AdjudicationWebviewState> {
  private revealNames = false;
  currentItemId: string | undefined;

  constructor(
    context: vscode.ExtensionContext,
    private readonly model: CurationModel,
    private readonly source: CurationSource,
    /** The curator's id (asked for once); undefined when cancelled. */
    private readonly adjudicator: () => Promise<string | undefined>,
    log: vscode.LogOutputChannel,
  ) {
    super(context, log, {
      viewType: ADJUDICATION_VIEW_TYPE,
      script: 'app-adjudication',
      styles: ['review.css', 'adjudication.css'],
      title: () => vscode.l10n.t('Adjudication'),
      isMessage: isAdjudicationWebviewToHost,
      isState: isAdjudicationWebviewState,
    }, { isView: (m) => m.type === 'showAdjudication' });
    // New or changed annotator files and decisions made elsewhere show up in the open panel.
    this.subscriptions.push(model.onDidChange(() => this.currentItemId && this.showCurrent()));
  }

  show(itemId: string): void {
    this.setCurrent(itemId);
    this.open();
    this.showCurrent();
  }

  protected override async canRestore(): Promise<boolean> {
    await this.model.reload();
    return true;
  }

  /** Restores a panel VS Code kept across a window reload. */
  protected override restored(state: AdjudicationWebviewState | undefined): void {
    this.setCurrent(state?.itemId ?? this.context.workspaceState.get<string>(LAST_ITEM_KEY) ?? groupQueueByItem(this.model.queue)[0]?.itemId);
    if (this.currentItemId) this.showCurrent();
  }

  protected override onPanelDisposed(): void {
    this.currentItemId = undefined;
  }

  private setCurrent(itemId: string | undefined): void {
    this.currentItemId = itemId;
    if (itemId) void this.context.workspaceState.update(LAST_ITEM_KEY, itemId);
  }

  private annotators(itemId: string): ItemAnnotator[] {
    return annotatorsOfItem(this.model.annotations, itemId);
  }

  private showCurrent(): void {
    const itemId = this.currentItemId;
    if (!itemId || !this.isOpen || !this.model.dataset) return;
    const items = groupQueueByItem(this.model.queue);
    const index = items.findIndex((i) => i.itemId === itemId);
    const dimensions = this.source.rubricDimensions();
    const view = buildAdjudicationView({
      dataset: this.model.dataset,
      itemId,
      annotations: this.model.annotations,
      judges: this.model.judges,
      adjudication: this.model.adjudication,
      dimensions,
      item: this.source.item(itemId) ?? null,
      trace: this.source.trace(itemId) ?? null,
      revealNames: this.revealNames,
      currentTraceHash: this.model.currentTraceHash,
      position: index >= 0 ? { index: index + 1, total: items.length } : undefined,
    });
    this.title = vscode.l10n.t('Adjudication: {0}', itemId);
    this.post({ type: 'showAdjudication', view, strings: adjudicationStrings(dimensions) });
  }

  protected override async onNotification(message: Exclude<AdjudicationWebviewToHost, { type: 'ready' | 'request' }>): Promise<void> {
    switch (message.type) {
      case 'revealNames':
        this.revealNames = message.reveal;
        this.showCurrent();
        return;
      case 'navigate': {
        const items = groupQueueByItem(this.model.queue);
        const at = items.findIndex((i) => i.itemId === this.currentItemId);
        const next = items[at + (message.direction === 'next' ? 1 : -1)];
        if (next) this.show(next.itemId);
        return;
      }
      case 'bulkAcceptUnanimous':
        await this.bulkAccept();
        return;
    }
  }

  protected override async onRequest(message: Extract<AdjudicationWebviewToHost, { type: 'request' }>): Promise<unknown> {
    return message.method === 'diff' ? this.diff(message.params) : this.decide(message.params);
  }

  /** Resolves the labels the webview shows (A, B… or names) back to annotators of the current item. */
  private byShownLabel(label: string): ItemAnnotator | undefined {
    const annotators = this.annotators(this.currentItemId ?? '');
    return annotators.find((a) => (this.revealNames ? a.id : a.label) === label);
  }

  /** A diff, or an error (the reply's) naming why there is none. */
  private diff(request: DiffRequest): DiffResult {
    const lang = this.currentItemId ? this.source.item(this.currentItemId)?.lang : undefined;
    if (request.kind === 'comments') {
      const left = this.byShownLabel(request.left);
      const right = this.byShownLabel(request.right);
      if (!left || !right) throw new Error(vscode.l10n.t('Unknown annotator.'));
      return { comments: wordDiff(left.entry.rating.comment ?? '', right.entry.rating.comment ?? '', { lang }) };
    }
    const annotator = this.byShownLabel(request.annotator);
    const earlier = annotator ? ratingAtRevision(annotator.entry, request.revision) : undefined;
    if (!annotator || !earlier) throw new Error(vscode.l10n.t('No such revision.'));
    return { rating: ratingDiff(earlier, annotator.entry.rating, { lang }) };
  }

  /** Saves a decision; resolves (null) once it is on disk, throws the reason it was not saved. */
  private async decide(message: DecideParams): Promise<null> {
    const store = this.model.store;
    const adjudicator = await this.adjudicator();
    if (!store || !adjudicator) throw new Error(vscode.l10n.t('No adjudicator id: the decision was not saved.'));
    const dim = this.source.rubricDimensions()?.find((d) => d.id === message.dimension);
    // A stale panel (the rubric or the folder changed since it rendered) must not write a decision
    // for a dimension the rubric does not have, where no scale would check the gold value.
    if (!dim) throw new Error(vscode.l10n.t('Unknown dimension {0}: the decision was not saved.', message.dimension));
    try {
      await store.decide({
        itemId: message.itemId,
        dimension: message.dimension,
        value: message.value,
        status: message.status,
        adjudicator,
        rationale: message.rationale,
        errorType: message.errorType,
        // The decision is based on the ratings as they are on disk now, which the curator sees.
        basedOn: currentRevisions(this.annotators(message.itemId)),
        expectedRevision: message.expectedRevision,
        scale: dim.min !== undefined && dim.max !== undefined ? { min: dim.min, max: dim.max } : undefined,
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (!(err instanceof AdjudicationInputError)) {
        this.log.warn(`adjudication: ${reason}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not save the decision: {0}', reason));
      }
      throw err;
    }
    // Reloading shows the decision; the reply says "saved" as soon as it is on disk.
    void this.model.reload().catch((err: unknown) => this.log.warn(`curation: ${String(err)}`));
    return null;
  }

  private async bulkAccept(): Promise<void> {
    const store = this.model.store;
    const candidates = this.model.curations.filter((c) => c.status === 'unanimous' && !c.decision);
    if (!store || candidates.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There are no unanimous ratings left to accept.'));
      return;
    }
    const accept = vscode.l10n.t('Accept {0}', candidates.length);
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Make the unanimous value gold for {0} item dimensions (rationale "unanimous")?', candidates.length),
      { modal: true },
      accept,
    );
    if (choice !== accept) return;
    const adjudicator = await this.adjudicator();
    if (!adjudicator) return;
    try {
      const written = await store.bulkAcceptUnanimous(this.model.curations, adjudicator);
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} unanimous ratings accepted as gold.', written.length));
      await this.model.reload();
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not save the decisions: {0}', (err as Error).message));
    }
  }
}
