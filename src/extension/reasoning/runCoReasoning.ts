// `medco.runCoReasoning`: runs the core pipeline on the open item, the items selected in the tree,
// or the whole dataset, with a cancellable progress notification. The pipeline appends each trace
// to the traces file (skipping items already there, reusing cached calls); the host pushes it to
// the tree and the review panel. Cancelling aborts the pipeline's AbortSignal: no new call starts.
// With `medco.llm.batch` set, the run goes pass by pass through the Batch API (or request files
// for an offline runner), as `medco reason --batch` does; its state file `<traces>.batch.json`
// lets `medco.resumeBatchRun` (or the prompt of this command) resume a run in flight. The report
// gives the tokens per stage and the estimated cost, as `medco reason --json` does.
import * as vscode from 'vscode';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { runCoReasoning, type CoReasoningOptions, type CoReasoningSummary } from '../../core/pipeline';
import { batchStatePath, type BatchMode } from '../../core/batch/batchState';
import { batchRunInFlight, itemsToResume, type BatchRunInFlight } from '../../core/batch/inFlight';
import { runInBatches, type BatchProgress, type BatchRunSummary } from '../../core/batch/runInBatches';
import { FileBatchTransport, OpenAIBatchTransport } from '../../core/batch/transports';
import { estimateCost, StageTokenTally } from '../../core/llm/costs';
import { batchProgressFigures, costLine, formatCost, percentDone, stageTokenLines, tokenTotals } from './runReport';
import type { DatasetItem, Trace } from '../../core/types';
import type { ItemsNode } from '../items/itemsTree';
import type { ReviewPanelHost } from '../review/reviewPanel';
import type { ReviewSession } from '../session';
import { chooseConfiguration } from './chooseConfiguration';
import { CONFIGURATION_NAMES, isConfigurationName, type ConfigurationName } from '../../core/pipeline/configurations';
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

/** `medco.llm.batch`: off (live calls), openai (the Batch API) or files (request files for an offline runner). */
function batchSetting(): BatchMode | undefined {
  const value = vscode.workspace.getConfiguration('medco.llm').get<string>('batch', 'off');
  return value === 'openai' || value === 'files' ? value : undefined;
}

/** Offline runs of the extension write their request files here, beside the traces file. */
export function defaultBatchDir(tracesFile: string): string {
  return path.join(path.dirname(tracesFile), 'batches');
}

/** The batch run in flight for the traces file, or undefined; an unreadable state file is reported. */
async function inFlightRun(run: RunContext, tracesFile: string): Promise<BatchRunInFlight | undefined | 'unreadable'> {
  try {
    return await batchRunInFlight(tracesFile);
  } catch (err) {
    run.output.error((err as Error).message);
    void vscode.window.showErrorMessage((err as Error).message);
    return 'unreadable';
  }
}

/** A trusted workspace with a dataset open (opened now if needed); false when there is none. */
async function readyToRun({ session }: RunContext): Promise<boolean> {
  if (!vscode.workspace.isTrusted) {
    // Co-reasoning sends dataset text to an endpoint named in (possibly hostile) workspace settings.
    void vscode.window.showWarningMessage(vscode.l10n.t('Co-reasoning is disabled in untrusted workspaces.'));
    return false;
  }
  if (!session.isOpen || !session.paths) await vscode.commands.executeCommand('medco.openDataset');
  return session.isOpen && session.paths !== undefined;
}

export async function runCoReasoningCommand(run: RunContext): Promise<void> {
  const { session } = run;
  if (!(await readyToRun(run)) || !session.paths) return;
  // A new batch run beside a batch run in flight would leave the answers of the batches in flight
  // uncollected (they are paid for): offer to resume it instead. A live run leaves the state file
  // alone, so it may go ahead (its calls are then paid for twice).
  const mode = batchSetting();
  const inFlight = await inFlightRun(run, session.paths.traces);
  if (inFlight === 'unreadable') return;
  if (inFlight) {
    const resume = vscode.l10n.t('Resume Batch Run');
    const live = vscode.l10n.t('Start a Live Run');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('A batch run of {0} is in flight ({1} batches, {2} requests). Resume it before starting another run.', path.basename(session.paths.traces), inFlight.inFlight, inFlight.requests),
      ...(mode ? [resume] : [resume, live]),
    );
    if (choice === resume) await resumeBatch(run, inFlight);
    if (choice !== live) return;
  }
  const items = await chooseItems(run);
  if (!items || items.length === 0) return;
  if (run.configuration !== undefined && !isConfigurationName(run.configuration)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Unknown pipeline configuration "{0}"; valid: {1}', run.configuration, CONFIGURATION_NAMES.join(', ')));
    return;
  }
  const configName = run.configuration ?? (await chooseConfiguration());
  if (!configName) return;
  await execute(run, items, configName, mode ? { mode, batchDir: defaultBatchDir(session.paths.traces) } : undefined);
}

/** `medco.resumeBatchRun`: resumes the batch run in flight for the open dataset's traces file. */
export async function resumeBatchRunCommand(run: RunContext): Promise<void> {
  const { session } = run;
  if (!(await readyToRun(run)) || !session.paths) return;
  const inFlight = await inFlightRun(run, session.paths.traces);
  if (inFlight === 'unreadable') return;
  if (!inFlight) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No batch run of {0} is in flight.', path.basename(session.paths.traces)));
    return;
  }
  await resumeBatch(run, inFlight);
}

async function resumeBatch(run: RunContext, inFlight: BatchRunInFlight): Promise<void> {
  const { session, output } = run;
  const recorded = inFlight.run;
  if (!recorded || !isConfigurationName(recorded.configName)) {
    // Started by `medco reason`: only its command line says which items and configuration.
    void vscode.window.showWarningMessage(vscode.l10n.t('This batch run was started by medco reason: resume it with the same command line ({0}).', inFlight.stateFile));
    return;
  }
  const { items, missing } = itemsToResume(session.items, recorded);
  if (missing.length > 0) output.warn(`resuming ${inFlight.stateFile}: ${missing.length} item(s) of the run are no longer in the dataset: ${missing.slice(0, 10).join(', ')}`);
  if (items.length === 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('None of the items of this batch run is in the dataset ({0}).', inFlight.stateFile));
    return;
  }
  await execute(run, items, recorded.configName, { mode: inFlight.mode, batchDir: inFlight.batchDir ?? defaultBatchDir(session.paths!.traces) });
}

async function execute(run: RunContext, items: DatasetItem[], configName: ConfigurationName, batch: { mode: BatchMode; batchDir: string } | undefined): Promise<void> {
  const { session, panel, output } = run;
  const config = vscode.workspace.getConfiguration('medco.llm');
  const tracesFile = session.paths!.traces;
  let endpoint;
  try {
    endpoint = await readEndpointSettings(run.context.secrets);
  } catch (err) {
    void vscode.window.showErrorMessage((err as Error).message);
    return;
  }
  // A knowledge base folder beside the dataset (kb/<lang>/*.jsonl) is used when present.
  const kbDir = path.join(path.dirname(session.paths!.dataset), 'kb');
  const embeddingBaseUrl = config.get<string>('embeddingBaseUrl', '').trim();
  const rerankUrl = config.get<string>('rerankUrl', '').trim();
  const options: CoReasoningOptions & { out: string } = {
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
  output.info(`co-reasoning (${configName}${batch ? `, batch ${batch.mode}` : ''}) on ${items.length} items with ${options.model} at ${options.baseUrl}`);

  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: batch ? vscode.l10n.t('Co-reasoning (batch)') : vscode.l10n.t('Co-reasoning'), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancelled = token.onCancellationRequested(() => abort.abort());
      const tally = new StageTokenTally();
      let written = 0;
      let reported = 0;
      let batchLine = '';
      let itemsLine = '';
      const show = (): void => {
        const percent = percentDone(written, items.length);
        progress.report({ increment: percent - reported, message: batchLine ? `${batchLine} ${itemsLine}` : itemsLine });
        reported = percent;
      };
      const onProgress = (p: { itemsTotal: number; itemsFailed: number; calls: number }): void => {
        itemsLine = vscode.l10n.t('{0} of {1} items ({2} with errors), {3} model calls', written, items.length, p.itemsFailed, p.calls);
        show();
      };
      const onBatchProgress = (p: BatchProgress): void => {
        const [pass, submitted, collected, requests, answered, open] = batchProgressFigures(p);
        batchLine = vscode.l10n.t('Pass {0}: {1} batches submitted, {2} collected, {3} in flight; {4} requests sent, {5} answered.', pass, submitted, collected, open, requests, answered);
        show();
      };
      // The pipeline has already appended the trace (fsynced) when it calls onTrace.
      const onTrace = (trace: Trace): void => {
        written++;
        tally.add(trace);
        session.addTrace(trace);
        panel.traceArrived(trace);
      };
      const hooks = { onTrace, onProgress, signal: abort.signal };
      let summary: CoReasoningSummary | BatchRunSummary | undefined;
      try {
        if (batch) {
          const endpointOptions = { baseUrl: options.baseUrl, apiKey: options.apiKey, headers: options.headers, apiVersion: options.apiVersion, timeoutMs: options.timeoutMs };
          const transport = batch.mode === 'openai' ? new OpenAIBatchTransport(endpointOptions) : new FileBatchTransport(batch.batchDir, options.model);
          summary = await runInBatches(
            items,
            options,
            {
              transport,
              stateFile: batchStatePath(tracesFile),
              pollMs: 10_000,
              run: { configName, itemIds: items.map((i) => i.id) },
              onBatch: (record, note) => output.info(`batch pass ${record.pass} (${record.url.replace('/v1/', '')}${record.batchId ? `, ${record.batchId}` : ''}): ${note}`),
              onProgress: onBatchProgress,
            },
            hooks,
          );
        } else summary = await runCoReasoning(items, options, hooks);
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
      const newTraces = summary.done + summary.failed;
      const cost = estimateCost(tally.byStage, { chat: options.model, embedding: options.embeddingModel ?? null });
      const tokens = tokenTotals(tally.byStage);
      for (const line of stageTokenLines(tally.byStage)) output.info(`tokens ${line}`);
      output.info(costLine(cost));
      const waitingFor = 'batch' in summary ? summary.batch.waitingFor : [];
      let text = summary.cancelled
        ? vscode.l10n.t('Co-reasoning cancelled after {0} of {1} items.', newTraces, items.length)
        : vscode.l10n.t('Co-reasoning finished: {0} new traces ({1} with errors), {2} items already had one.', newTraces, summary.failed, summary.skipped);
      if (waitingFor.length > 0) {
        text = vscode.l10n.t('Batch requests written for an offline runner: run them (see the output channel), then run Resume Batch Run. {0} new traces so far.', newTraces);
      }
      text += ' ' + vscode.l10n.t('Tokens: {0} in, {1} out; estimated cost {2} live, {3} with the Batch API.', tokens.input, tokens.output, formatCost(cost.live, cost.currency), formatCost(cost.batch, cost.currency));
      output.info(`${text} calls=${summary.calls} cached=${summary.cachedCalls} ms=${summary.ms}`);
      void vscode.window.showInformationMessage(text);
    },
  );
}
