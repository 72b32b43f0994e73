// Keeps the session in step with files changed outside this window: the annotator's file (another
// window, `medco rate`, a git pull) and the traces file (`medco reason` running in a terminal).
import * as vscode from 'vscode';
import path from 'node:path';
import type { ReviewSession } from '../session';

/** Coalesces bursts of events (an atomic write is a create + change + delete of a temp file). */
function debounced(fn: () => Promise<void>, ms: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void fn().catch(() => undefined), ms);
  };
}

export function watchSessionFiles(session: ReviewSession, onReloaded: () => void): vscode.Disposable {
  const paths = session.paths;
  const dataset = session.dataset;
  if (!paths || !dataset) return { dispose: () => undefined };
  const annotationsOfDataset = vscode.Uri.file(path.join(paths.annotationsDir, dataset.name));
  const annotationWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(annotationsOfDataset, '*.json'));
  const tracesWatcher = vscode.workspace.createFileSystemWatcher(
    new vscode.RelativePattern(vscode.Uri.file(path.dirname(paths.traces)), path.basename(paths.traces)),
  );
  const reloadAnnotations = debounced(async () => {
    await session.reloadAnnotations();
    onReloaded();
  }, 150);
  const reloadTraces = debounced(async () => {
    await session.reloadTraces();
    onReloaded();
  }, 300);
  const subscriptions = [
    annotationWatcher,
    tracesWatcher,
    annotationWatcher.onDidChange(reloadAnnotations),
    annotationWatcher.onDidCreate(reloadAnnotations),
    annotationWatcher.onDidDelete(reloadAnnotations),
    tracesWatcher.onDidChange(reloadTraces),
    tracesWatcher.onDidCreate(reloadTraces),
    tracesWatcher.onDidDelete(reloadTraces),
  ];
  return { dispose: () => subscriptions.forEach((d) => d.dispose()) };
}
