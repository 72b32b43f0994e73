// The batch side of `medco reason` and `medco judge` (docs/formats.md §8): `--batch openai` sends each pipeline pass
// through the server's Batch API, `--batch files --batch-dir d` writes each pass's requests for an
// offline runner (vLLM's `run-batch`) and reads its output on the next invocation;
// `--batch-status` prints the state file's progress without running anything.
import { Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { loadBatchState, type BatchMode, type BatchRecord, type BatchState } from '../../core/batch/batchState';
import type { EndpointOptions } from '../../core/llm/sdkClient';
import { FileBatchTransport, OpenAIBatchTransport, type BatchTransport } from '../../core/batch/transports';
import { UserError } from '../errors';
import { printError, printJson, printText, progress } from '../output';

export interface BatchFlags {
  batch?: BatchMode;
  batchDir?: string;
  batchStatus?: boolean;
  batchPollMs: number;
}

/** @param runOf what `--batch-status` reports on, for its help. */
export function addBatchOptions(command: Command, runOf = 'the batch run of --out'): Command {
  return command
    .addOption(new Option('--batch <mode>', 'send calls in batches: openai (the Batch API) or files (JSONL for an offline runner such as vllm run-batch)').choices(['openai', 'files']))
    .option('--batch-dir <dir>', 'with --batch files: where request files are written and output files are read')
    .option('--batch-status', `print the progress of ${runOf} (from its state file) and exit`)
    .option('--batch-poll-ms <ms>', 'with --batch openai: first wait between status checks (doubles up to 5 min)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new UserError('--batch-poll-ms must be a whole number of milliseconds');
      return n;
    }, 30_000);
}

/** A usage problem with the batch flags, or undefined. */
export function batchUsageProblem(flags: BatchFlags): string | undefined {
  if (flags.batch === 'files' && !flags.batchDir) return '--batch files needs --batch-dir <dir>';
  if (flags.batchDir && flags.batch !== 'files') return '--batch-dir is only for --batch files';
  return undefined;
}

export function batchTransport(flags: BatchFlags, options: EndpointOptions & { model: string }): BatchTransport | undefined {
  if (flags.batch === 'openai') return new OpenAIBatchTransport(options);
  if (flags.batch === 'files') return new FileBatchTransport(flags.batchDir!, options.model);
  return undefined;
}

/** `--batch-status`: the state file of a reason run (`<out>.batch.json`) or a judge run; `of` names the run's output. */
export async function printBatchStatus(file: string, of: string, json: boolean | undefined): Promise<void> {
  if (!existsSync(file)) throw new UserError(`${file}: no batch run recorded for ${of}`);
  const state = await loadBatchState(file, 'any');
  const report = batchStatusReport(state);
  if (json) printJson({ stateFile: file, ...report });
  else {
    const lines = report.passes.map(
      (p) => `pass ${p.pass}: ${p.batches.map((b) => `${b.url.replace('/v1/', '')} ${b.requests} request(s), ${b.status}${b.serverStatus ? ` (${b.serverStatus})` : ''}${b.collected ? `, ${b.collected.answered} answered, ${b.collected.failed} failed` : ''}`).join('; ')}`,
    );
    printText(`${file} (${state.mode}): ${report.passes.length} pass(es), ${report.inFlight} batch(es) in flight, ${report.failedRequests} request(s) given up\n${lines.join('\n')}\n`);
  }
}

export function batchStatusReport(state: BatchState) {
  const passes = [...new Set(state.batches.map((b) => b.pass))].sort((a, b) => a - b).map((pass) => ({
    pass,
    batches: state.batches
      .filter((b) => b.pass === pass)
      .map((b) => ({ url: b.url, requests: b.customIds.length, status: b.status, serverStatus: b.serverStatus, batchId: b.batchId, requestFile: b.requestFile, outputFile: b.outputFile, collected: b.collected })),
  }));
  const inFlight = state.batches.filter((b) => b.status === 'uploaded' || b.status === 'submitted' || b.status === 'waiting').length;
  return { mode: state.mode, passes, inFlight, failedRequests: Object.keys(state.failed).length };
}

/** Batch progress on a terminal; the offline runner's instructions always (the user must act on them). */
export function reportBatch(record: BatchRecord, note: string): void {
  const what = `medco: batch pass ${record.pass} (${record.url.replace('/v1/', '')}${record.batchId ? `, ${record.batchId}` : ''}): ${note}`;
  if (record.status === 'waiting') printError(what.replace(/^medco: /, ''));
  else progress(what);
}
