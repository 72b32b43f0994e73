// Wires the statistics into VS Code: `medco.showStatistics` (the panel), `medco.exportStatistics`,
// and a watcher on the annotation folder that refreshes an open panel.
import * as vscode from 'vscode';
import path from 'node:path';
import type { ReviewSession } from '../session';
import { exportStatisticsCommand } from './exportCommand';
import { StatisticsPanelHost } from './statsPanel';
import { resolveStatsTarget } from './statsSource';

/** Annotation saves come in bursts (temp file, rename, lock file): recompute once they settle. */
const REFRESH_DELAY_MS = 400;

export function registerStatistics(context: vscode.ExtensionContext, session: ReviewSession, output: vscode.LogOutputChannel): StatisticsPanelHost {
  const log = (message: string) => output.warn(message);
  const target = (ask: boolean) => resolveStatsTarget(session, ask);
  const panel = new StatisticsPanelHost(context, target, output);

  let timer: NodeJS.Timeout | undefined;
  const scheduleRefresh = () => {
    if (!panel.isOpen) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => panel.filesChanged(), REFRESH_DELAY_MS);
  };

  // Any annotator file or decision under any annotations folder of the workspace; the panel only
  // recomputes while it is open.
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.json');
  const onAnnotationFile = (uri: vscode.Uri) => {
    const dir = session.paths?.annotationsDir;
    const rel = dir ? path.relative(dir, uri.fsPath) : undefined;
    const inside = rel !== undefined ? !rel.startsWith('..') && !path.isAbsolute(rel) : /[\\/]annotations[\\/]/.test(uri.fsPath);
    if (inside) scheduleRefresh();
  };

  context.subscriptions.push(
    panel,
    watcher,
    watcher.onDidChange(onAnnotationFile),
    watcher.onDidCreate(onAnnotationFile),
    watcher.onDidDelete(onAnnotationFile),
    session.onDidChange(scheduleRefresh),
    { dispose: () => timer && clearTimeout(timer) },
    vscode.commands.registerCommand('medco.showStatistics', () => panel.show()),
    vscode.commands.registerCommand('medco.exportStatistics', () => exportStatisticsCommand(target, log)),
  );
  return panel;
}
