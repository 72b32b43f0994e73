// The host side of the statistics panel (`medco.statistics`): computes the dashboard of the
// current dataset's annotation folder, sends it to the webview, and recomputes when annotation
// files change (the register module forwards the file-system watcher's events) or on request.
import * as vscode from 'vscode';
import { isStatsWebviewToHost, type StatsHostToWebview, type StatsWebviewToHost } from '../../protocol/stats';
import { localResourceRoots, renderWebviewHtml } from '../panels/webviewHtml';
import { statsJobRequest, type StatsTarget } from './statsSource';
import { statsStrings } from './statsStrings';
import { LatestStatsJob } from './statsWorkerClient';

export const STATISTICS_VIEW_TYPE = 'medco.statistics';

export class StatisticsPanelHost implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  /** The latest result: sent on every `ready`, since the webview document can load more than once. */
  private latest: StatsHostToWebview | undefined;
  /** Each computation gets a number; a slower, older one never overwrites a newer result. */
  private generation = 0;
  /** Files changed while the panel was hidden: recompute when it is shown again, not before. */
  private stale = false;
  /** Computes in a worker thread (kept while the panel is open); a newer refresh terminates the older computation. */
  private readonly jobs = new LatestStatsJob();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly target: (ask: boolean) => Promise<StatsTarget | undefined>,
    private readonly log: (message: string) => void,
  ) {}

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  async show(): Promise<void> {
    if (this.panel) this.panel.reveal(undefined, false);
    else {
      this.attach(
        vscode.window.createWebviewPanel(STATISTICS_VIEW_TYPE, vscode.l10n.t('Statistics'), vscode.ViewColumn.Active, {
          enableScripts: true,
          enableCommandUris: false,
          enableFindWidget: true,
          retainContextWhenHidden: false,
          localResourceRoots: localResourceRoots(this.context.extensionUri),
        }),
      );
    }
    await this.refresh(true);
  }

  /** Restores a panel VS Code kept across a window reload. */
  async restore(panel: vscode.WebviewPanel): Promise<void> {
    this.attach(panel);
    await this.refresh(false);
  }

  /**
   * Annotation files changed. Computing is seconds of CPU on a full MultiMed-X study
   * (bench/statsDashboard.ts), so a hidden panel only remembers that it is out of date.
   */
  filesChanged(): void {
    if (!this.panel) return;
    if (this.panel.visible) void this.refresh(false);
    else this.stale = true;
  }

  /** Recomputes and shows the statistics; `ask` allows a dataset quick pick. */
  async refresh(ask = false): Promise<void> {
    if (!this.panel) return;
    this.stale = false;
    const generation = ++this.generation;
    let message: StatsHostToWebview;
    try {
      const target = await this.target(ask);
      if (!target) {
        this.jobs.cancel();
        message = { type: 'statsError', message: vscode.l10n.t('No annotations found. Open a dataset or set medco.annotationsDir.'), strings: statsStrings() };
      } else {
        const loaded = await this.jobs.run(statsJobRequest(target));
        if (!loaded) return; // superseded by a newer refresh, which posts its own result
        for (const p of loaded.problems) this.log(`statistics: ${p.file}:${p.line}: ${p.message}`);
        if (this.panel) this.panel.title = vscode.l10n.t('Statistics: {0}', target.dataset);
        message = { type: 'showStats', dashboard: loaded.dashboard, strings: statsStrings(), computedAt: new Date().toISOString() };
      }
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.log(`statistics: ${reason}`);
      message = { type: 'statsError', message: reason, strings: statsStrings() };
    }
    if (generation === this.generation) this.post(message);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    this.latest = undefined;
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'medco.svg');
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: localResourceRoots(this.context.extensionUri) };
    panel.webview.html = renderWebviewHtml({
      webview: panel.webview,
      extensionUri: this.context.extensionUri,
      script: 'app-stats',
      styles: ['stats.css'],
      title: vscode.l10n.t('Statistics'),
      lang: vscode.env.language,
    });
    const subs = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        if (!isStatsWebviewToHost(raw)) return; // malformed or foreign: ignored
        void this.receive(raw).catch((err: unknown) => this.log(`statistics panel: ${String(err)}`));
      }),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) void this.refresh(false);
      }),
      panel.onDidDispose(() => {
        subs.forEach((d) => d.dispose());
        this.jobs.dispose();
        if (this.panel === panel) this.panel = undefined;
      }),
    ];
  }

  private post(message: StatsHostToWebview): void {
    if (!this.panel) return;
    this.latest = message;
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private async receive(message: StatsWebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A reloaded document (e.g. after the options change in attach) starts empty again.
        this.ready = true;
        if (this.latest) void this.panel?.webview.postMessage(this.latest);
        return;
      case 'refresh':
        await this.refresh(true);
        return;
      case 'export':
        await vscode.commands.executeCommand('medco.exportStatistics');
        return;
    }
  }

  dispose(): void {
    this.jobs.dispose();
    this.panel?.dispose();
  }
}
