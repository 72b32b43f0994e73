// `medco.runCoReasoning`: runs the core pipeline on the open item, the items selected in the tree,
// or the whole dataset, with a cancellable progress notification. The pipeline appends each trace
// to the traces file (skipping items already there, reusing cached calls); the host pushes it to
// the tree and the review panel. Cancelling aborts the pipeline's AbortSignal: no new call starts.
import * as vscode from 'vscode';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { runCoReasoning, type CoReasoningOptions, type CoReasoningProgress, type CoReasoningSummary } from '../../core/pipeline';
import type { DatasetItem, Trace } from '../../core/types';
import type { ItemsNode } from '../items/itemsTree';
import type { ReviewPanelHost } from '../review/reviewPanel';
import type { ReviewSession } from '../session';
import { chooseConfiguration } from './chooseConfiguration';
import { CONFIGURATION_NAMES, isConfigurationName } from '../../core/pipeline/configurations';
import { readEndpointSettings } from './endpointSettings';

export interface RunContext {
  context: vscode.ExtensionContext;
  session: ReviewSession;
  panel: ReviewPanelHost;
  output: vscode.LogOutputChannel;
  /** Nodes the command was invoked on (tree context menu): run on them without asking. */
  targets: readonly ItemsNode[];
  /** The tree's current selection, offered as one of the choices. */
  treeSelection: readonly ItemsNode[];
  /** A configuration name given by the caller: no picker then (an unknown name is reported). */
  configuration?: string;
}

/** The items a tree selection stands for: a language or task node means all its items. */
export function itemsOfSelection(session: ReviewSession, nodes: readonly ItemsNode[]): DatasetItem[] {
  const ids = new Set<string>();
  for (const n of nodes) {
    for (const item of session.items) {
      const inNode =
        n.kind === 'item' ? item.id === n.item.id : item.lang === n.lang && (n.kind === 'language' || item.task === n.task);
      if (inNode) ids.add(item.id);
    }
  }
  return session.items.filter((i) => ids.has(i.id));
}

async function chooseItems(run: RunContext): Promise<DatasetItem[] | undefined> {
  const { session, panel } = run;
  const targeted = itemsOfSelection(session, run.targets);
  if (targeted.length > 0) return targeted;
  const selected = itemsOfSelection(session, run.treeSelection);
  const current = panel.currentItemId ? session.item(panel.currentItemId) : undefined;
  // A trace with errors is no finished trace: running these items again supersedes it (the
  // pipeline re-runs failed items, reusing the calls that had succeeded).
  const withoutTrace = session.items.filter((i) => !session.isTraceDone(i.id));
  type Pick = vscode.QuickPickItem & { items: DatasetItem[] };
  const picks: Pick[] = [];
  if (current) picks.push({ label: vscode.l10n.t('The open item ({0})', current.id), items: [current] });
  if (selected.length > 0 && !(selected.length === 1 && selected[0] === current)) {
    picks.push({ label: vscode.l10n.t('Items selected in the tree ({0})', selected.length), items: selected });
  }
  if (withoutTrace.length > 0) {
    picks.push({ label: vscode.l10n.t('Items without a trace or with errors ({0})', withoutTrace.length), items: withoutTrace });
  }
  picks.push({ label: vscode.l10n.t('The whole dataset ({0} items)', session.items.length), items: [...session.items] });
  const picked = await vscode.window.showQuickPick(picks, { title: vscode.l10n.t('Run co-reasoning on…') });
  return picked?.items;
}

export async function runCoReasoningCommand(run: RunContext): Promise<void> {
  const { session, panel, output } = run;
  if (!vscode.workspace.isTrusted) {
    // Co-reasoning sends dataset text to an endpoint named in (possibly hostile) workspace settings.
    void vscode.window.showWarningMessage(vscode.l10n.t('Co-reasoning is disabled in untrusted workspaces.'));
    return;
  }
  if (!session.isOpen || !session.paths) {
    await vscode.commands.executeCommand('medco.openDataset');
    if (!session.isOpen || !session.paths) return;
  }
  const items = await chooseItems(run);
  if (!items || items.length === 0) return;
  if (run.configuration !== undefined && !isConfigurationName(run.configuration)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Unknown pipeline configuration "{0}"; valid: {1}', run.configuration, CONFIGURATION_NAMES.join(', ')));
    return;
  }
  const configName = run.configuration ?? (await chooseConfiguration());
  if (!configName) return;
  const config = vscode.workspace.getConfiguration('medco.llm');
  const tracesFile = session.paths.traces;
  let endpoint;
  try {
    endpoint = await readEndpointSettings(run.context.secrets);
  } catch (err) {
    void vscode.window.showErrorMessage((err as Error).message);
    return;
  }
  // A knowledge base folder beside the dataset (kb/<lang>/*.jsonl) is used when present.
  const kbDir = path.join(path.dirname(session.paths.dataset), 'kb');
  const embeddingBaseUrl = config.get<string>('embeddingBaseUrl', '').trim();
  const rerankUrl = config.get<string>('rerankUrl', '').trim();
  const options: CoReasoningOptions = {
    configName,
    ...(embeddingBaseUrl ? { embeddingBaseUrl } : {}),
    ...(rerankUrl ? { rerankUrl } : {}),
    baseUrl: endpoint.baseUrl,
    model: endpoint.model,
    embeddingModel: endpoint.embeddingModel,
    concurrency: endpoint.concurrency,
    headers: endpoint.headers,
    apiVersion: endpoint.apiVersion,
    apiKey: endpoint.apiKey,
    out: tracesFile,
    // As `medco reason` does: items whose trace recorded errors are run again.
    retryFailed: true,
    kb: existsSync(kbDir) ? kbDir : null,
    // The VSIX ships no native module (usearch): the extension scans dense indexes exactly (README).
    denseSearch: 'exact',
  };
  if (configName === 'paper' && !options.embeddingModel) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The paper configuration aligns concepts and retrieves documents by embeddings: set medco.llm.embeddingModel.'));
    return;
  }
  output.info(`co-reasoning (${configName}) on ${items.length} items with ${options.model} at ${options.baseUrl}`);

  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Co-reasoning'), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancelled = token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      const onProgress = (p: CoReasoningProgress): void => {
        const finished = p.itemsDone + p.itemsFailed + p.itemsSkipped;
        progress.report({
          increment: (100 * (finished - reported)) / Math.max(1, p.itemsTotal),
          message: vscode.l10n.t('{0} of {1} items ({2} with errors), {3} model calls', finished, p.itemsTotal, p.itemsFailed, p.calls),
        });
        reported = finished;
      };
      // The pipeline has already appended the trace (fsynced) when it calls onTrace.
      const onTrace = (trace: Trace): void => {
        session.addTrace(trace);
        panel.traceArrived(trace);
      };
      let summary: CoReasoningSummary | undefined;
      try {
        summary = await runCoReasoning(items, options, { onTrace, onProgress, signal: abort.signal });
        for (const p of summary.problems) output.warn(`${p.file}:${p.line}: ${p.message}`);
      } catch (err) {
        if (!abort.signal.aborted) {
          const reason = err instanceof Error ? err.message : String(err);
          output.error(`co-reasoning failed: ${reason}`);
          void vscode.window.showErrorMessage(vscode.l10n.t('Co-reasoning failed: {0}', reason));
        }
      } finally {
        cancelled.dispose();
      }
      if (!summary) return;
      const written = summary.done + summary.failed;
      const text = summary.cancelled
        ? vscode.l10n.t('Co-reasoning cancelled after {0} of {1} items.', written, items.length)
        : vscode.l10n.t(
            'Co-reasoning finished: {0} new traces ({1} with errors), {2} items already had one.',
            written,
            summary.failed,
            summary.skipped,
          );
      output.info(`${text} calls=${summary.calls} cached=${summary.cachedCalls} ms=${summary.ms}`);
      void vscode.window.showInformationMessage(text);
    },
  );
}
