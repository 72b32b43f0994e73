// `medco.exportStatistics`: asks for a folder, writes the Markdown report, the long-format CSV and
// the SVG charts of the current dataset's statistics, and offers to reveal them.
import * as vscode from 'vscode';
import path from 'node:path';
import { exportStatistics } from '../../core/charts/exportFiles';
import { statsJobRequest, type StatsTarget } from './statsSource';
import { runStatsJobInWorker } from './statsWorkerClient';
import { hostTranslate } from '../panels/uiStrings';

export async function exportStatisticsCommand(target: (ask: boolean) => Promise<StatsTarget | undefined>, log: (message: string) => void): Promise<void> {
  const resolved = await target(true);
  if (!resolved) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No annotations found. Open a dataset or set medco.annotationsDir.'));
    return;
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: vscode.Uri.file(path.dirname(resolved.annotationsDir)),
    openLabel: vscode.l10n.t('Export Here'),
    title: vscode.l10n.t('Export the statistics of {0}', resolved.dataset),
  });
  const parent = picked?.[0]?.fsPath;
  if (!parent) return;
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting the statistics of {0}…', resolved.dataset) },
      async () => {
        // Computed off the extension host's thread, like the panel; the SVGs and files are quick.
        const loaded = await runStatsJobInWorker(statsJobRequest(resolved, { withFiles: true }));
        for (const p of loaded.problems) log(`statistics export: ${p.file}:${p.line}: ${p.message}`);
        return exportStatistics(parent, { dashboard: loaded.dashboard, files: loaded.files ?? [], itemMeta: resolved.itemMeta, t: hostTranslate });
      },
    );
    const reveal = vscode.l10n.t('Reveal');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Exported {0} files to {1}', result.written.length, result.folder),
      reveal,
    );
    if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(result.written[0]));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    log(`statistics export: ${reason}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the statistics: {0}', reason));
  }
}
