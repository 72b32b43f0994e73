// The host side of the adjudication panel (`medco.adjudication`): one item at a time, every
// annotator's rating side by side (anonymised), diffs on request, and the curator's decisions
// written through the core decision store. Only typed messages from src/protocol/adjudication.ts.
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
  isAdjudicationWebviewToHost,
  type AdjudicationHostToWebview,
  type AdjudicationWebviewToHost,
  type DecideMessage,
  type DiffResultMessage,
  type RequestDiffMessage,
} from '../../protocol/adjudication';
import { localResourceRoots, renderWebviewHtml } from '../panels/webviewHtml';
import type { CurationModel, CurationSource } from './curationModel';
import { ADJUDICATION_UI_STRINGS } from './adjudicationStringKeys';
import { REVIEW_UI_STRINGS } from '../review/reviewStringKeys';

export const ADJUDICATION_VIEW_TYPE = 'medco.adjudication';
/**
 * The item the panel shows, kept by the host too: the webview's own state (setState) did not come
 * back to the serializer when the panel was the active tab at a reload in code-server, and the
 * panel then fell back to the queue's head.
 */
const LAST_ITEM_KEY = 'medco.adjudication.lastItem';

export class AdjudicationPanelHost implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private pending: AdjudicationHostToWebview | undefined;
  private revealNames = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  currentItemId: string | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly model: CurationModel,
    private readonly source: CurationSource,
    /** The curator's id (asked for once); undefined when cancelled. */
    private readonly adjudicator: () => Promise<string | undefined>,
    private readonly log: (message: string) => void,
  ) {
    // New or changed annotator files and decisions made elsewhere show up in the open panel.
    this.subscriptions.push(model.onDidChange(() => this.currentItemId && this.showCurrent()));
  }

  show(itemId: string): void {
    this.setCurrent(itemId);
    if (!this.panel) {
      this.attach(
        vscode.window.createWebviewPanel(
          ADJUDICATION_VIEW_TYPE,
          vscode.l10n.t('Adjudication'),
          { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
          {
            enableScripts: true,
            enableCommandUris: false,
            enableFindWidget: true,
            retainContextWhenHidden: false,
            localResourceRoots: localResourceRoots(this.context.extensionUri),
          },
        ),
      );
    } else {
      this.panel.reveal(undefined, false);
    }
    this.showCurrent();
  }

  /** Restores a panel VS Code kept across a window reload. */
  restore(panel: vscode.WebviewPanel, itemId: string | undefined): void {
    this.attach(panel);
    this.setCurrent(itemId ?? this.context.workspaceState.get<string>(LAST_ITEM_KEY) ?? groupQueueByItem(this.model.queue)[0]?.itemId);
    if (this.currentItemId) this.showCurrent();
  }

  private setCurrent(itemId: string | undefined): void {
    this.currentItemId = itemId;
    if (itemId) void this.context.workspaceState.update(LAST_ITEM_KEY, itemId);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'medco.svg');
    panel.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: localResourceRoots(this.context.extensionUri),
    };
    panel.webview.html = renderWebviewHtml({
      webview: panel.webview,
      extensionUri: this.context.extensionUri,
      script: 'app-adjudication',
      styles: ['review.css', 'adjudication.css'],
      title: vscode.l10n.t('Adjudication'),
      lang: vscode.env.language,
    });
    const subs = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        if (!isAdjudicationWebviewToHost(raw)) return; // malformed or foreign: ignored
        void this.receive(raw).catch((err: unknown) => this.log(`adjudication panel: ${String(err)}`));
      }),
      panel.onDidDispose(() => {
        subs.forEach((d) => d.dispose());
        if (this.panel === panel) {
          this.panel = undefined;
          this.currentItemId = undefined;
        }
      }),
    ];
  }

  private post(message: AdjudicationHostToWebview): void {
    if (!this.panel) return;
    if (!this.ready) {
      // Until the webview is ready only the latest view matters.
      if (message.type === 'showAdjudication') this.pending = message;
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private annotators(itemId: string): ItemAnnotator[] {
    return annotatorsOfItem(this.model.annotations, itemId);
  }

  private showCurrent(): void {
    const itemId = this.currentItemId;
    if (!itemId || !this.panel || !this.model.dataset) return;
    const items = groupQueueByItem(this.model.queue);
    const index = items.findIndex((i) => i.itemId === itemId);
    const view = buildAdjudicationView({
      dataset: this.model.dataset,
      itemId,
      annotations: this.model.annotations,
      adjudication: this.model.adjudication,
      dimensions: this.source.rubricDimensions(),
      item: this.source.item(itemId) ?? null,
      trace: this.source.trace(itemId) ?? null,
      revealNames: this.revealNames,
      currentTraceHash: this.model.currentTraceHash,
      position: index >= 0 ? { index: index + 1, total: items.length } : undefined,
    });
    const strings: Record<string, string> = {};
    // The item and traces are drawn by the review panel's components: they need its strings too.
    for (const key of [...REVIEW_UI_STRINGS, ...ADJUDICATION_UI_STRINGS]) strings[key] = vscode.l10n.t(key);
    this.panel.title = vscode.l10n.t('Adjudication: {0}', itemId);
    this.post({ type: 'showAdjudication', view, strings });
  }

  private async receive(message: AdjudicationWebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.pending) {
          const pending = this.pending;
          this.pending = undefined;
          this.post(pending);
        } else this.showCurrent();
        return;
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
      case 'requestDiff':
        this.post(this.diff(message));
        return;
      case 'decide':
        await this.decide(message);
        return;
      case 'bulkAcceptUnanimous':
        await this.bulkAccept();
        return;
    }
  }

  /** Resolves the labels the webview shows (A, B… or names) back to annotators of the current item. */
  private byShownLabel(label: string): ItemAnnotator | undefined {
    const annotators = this.annotators(this.currentItemId ?? '');
    return annotators.find((a) => (this.revealNames ? a.id : a.label) === label);
  }

  private diff(message: RequestDiffMessage): DiffResultMessage {
    const lang = this.currentItemId ? this.source.item(this.currentItemId)?.lang : undefined;
    const request = message.request;
    if (request.kind === 'comments') {
      const left = this.byShownLabel(request.left);
      const right = this.byShownLabel(request.right);
      if (!left || !right) return { type: 'diffResult', requestId: message.requestId, error: vscode.l10n.t('Unknown annotator.') };
      return {
        type: 'diffResult',
        requestId: message.requestId,
        comments: wordDiff(left.entry.rating.comment ?? '', right.entry.rating.comment ?? '', { lang }),
      };
    }
    const annotator = this.byShownLabel(request.annotator);
    const earlier = annotator ? ratingAtRevision(annotator.entry, request.revision) : undefined;
    if (!annotator || !earlier) {
      return { type: 'diffResult', requestId: message.requestId, error: vscode.l10n.t('No such revision.') };
    }
    return { type: 'diffResult', requestId: message.requestId, rating: ratingDiff(earlier, annotator.entry.rating, { lang }) };
  }

  private async decide(message: DecideMessage): Promise<void> {
    const store = this.model.store;
    const adjudicator = await this.adjudicator();
    const state = (s: 'saving' | 'saved' | 'error', text?: string) =>
      this.post({ type: 'decisionState', itemId: message.itemId, dimension: message.dimension, state: s, message: text });
    if (!store || !adjudicator) {
      state('error', vscode.l10n.t('No adjudicator id: the decision was not saved.'));
      return;
    }
    const dim = this.source.rubricDimensions()?.find((d) => d.id === message.dimension);
    // A stale panel (the rubric or the folder changed since it rendered) must not write a decision
    // for a dimension the rubric does not have, where no scale would check the gold value.
    if (!dim) {
      state('error', vscode.l10n.t('Unknown dimension {0}: the decision was not saved.', message.dimension));
      return;
    }
    state('saving');
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
      state('saved');
      await this.model.reload();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      state('error', reason);
      if (!(err instanceof AdjudicationInputError)) {
        this.log(`adjudication: ${reason}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not save the decision: {0}', reason));
      }
    }
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

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.panel?.dispose();
  }
}
