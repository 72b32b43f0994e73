// The host side of the statistics panel (`medco.statistics`): computes the dashboard of the
// current dataset's annotation folder, sends it to the webview, and recomputes when annotation
// files change (the register module forwards the file-system watcher's events) or on request.
// The panel's life (create, restore, ready, queue, logging) is PanelHost's.
import * as vscode from 'vscode';
import { isStatsWebviewToHost, type StatsHostToWebview, type StatsWebviewToHost } from '../../protocol/stats';
import { APP_UI_STRINGS } from '../../protocol/uiStrings';
import { noState, PanelHost } from '../panels/panelHost';
import { webviewStrings } from '../panels/uiStrings';
import { statsJobRequest, type StatsTarget } from './statsSource';
import { LatestStatsJob } from './statsWorkerClient';

export const STATISTICS_VIEW_TYPE = 'medco.statistics';

export class StatisticsPanelHost extends PanelHost<StatsWebviewToHost, StatsHostToWebview> {
  /** Each computation gets a number; a slower, older one never overwrites a newer result. */
  private generation = 0;
  /** Files changed while the panel was hidden: recompute when it is shown again, not before. */
  private stale = false;
  /** Computes in a worker thread (kept while the panel is open); a newer refresh terminates the older computation. */
  private readonly jobs = new LatestStatsJob();

  constructor(
    context: vscode.ExtensionContext,
    private readonly target: (ask: boolean) => Promise<StatsTarget | undefined>,
    log: vscode.LogOutputChannel,
  ) {
    super(context, log, {
      viewType: STATISTICS_VIEW_TYPE,
      script: 'app-stats',
      styles: ['stats.css'],
      title: () => vscode.l10n.t('Statistics'),
      isMessage: isStatsWebviewToHost,
      isState: noState,
    // The result or the error is the whole panel: a reloaded document gets it again.
    }, { keyOf: () => 'view', isView: () => true });
  }

  async show(): Promise<void> {
    this.open();
    await this.refresh(true);
  }

  /** Restores a panel VS Code kept across a window reload. */
  protected override async restored(): Promise<void> {
    await this.refresh(false);
  }

  /**
   * Annotation files changed. Computing is seconds of CPU on a full MultiMed-X study
   * (bench/statsDashboard.ts), so a hidden panel only remembers that it is out of date.
   */
  filesChanged(): void {
    if (!this.isOpen) return;
    if (this.visible) void this.refresh(false);
    else this.stale = true;
  }

  protected override onVisible(): void {
    if (this.stale) void this.refresh(false);
  }

  protected override onPanelDisposed(): void {
    this.jobs.dispose();
  }

  /** Recomputes and shows the statistics; `ask` allows a dataset quick pick. */
  async refresh(ask = false): Promise<void> {
    if (!this.isOpen) return;
    this.stale = false;
    const generation = ++this.generation;
    const strings = webviewStrings(APP_UI_STRINGS.stats);
    let message: StatsHostToWebview;
    try {
      const target = await this.target(ask);
      if (!target) {
        this.jobs.cancel();
        message = { type: 'statsError', message: vscode.l10n.t('No annotations found. Open a dataset or set medco.annotationsDir.'), strings };
      } else {
        const loaded = await this.jobs.run(statsJobRequest(target));
        if (!loaded) return; // superseded by a newer refresh, which posts its own result
        for (const p of loaded.problems) this.log.warn(`statistics: ${p.file}:${p.line}: ${p.message}`);
        this.title = vscode.l10n.t('Statistics: {0}', target.dataset);
        message = { type: 'showStats', dashboard: loaded.dashboard, strings, computedAt: new Date().toISOString() };
      }
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.log.warn(`statistics: ${reason}`);
      message = { type: 'statsError', message: reason, strings };
    }
    if (generation === this.generation) this.post(message);
  }

  protected override async onNotification(message: Exclude<StatsWebviewToHost, { type: 'ready' }>): Promise<void> {
    switch (message.type) {
      case 'refresh':
        await this.refresh(true);
        return;
      case 'export':
        await vscode.commands.executeCommand('medco.exportStatistics');
        return;
    }
  }

  override dispose(): void {
    this.jobs.dispose();
    super.dispose();
  }
}
