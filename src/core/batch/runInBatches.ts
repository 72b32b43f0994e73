// A batch run of the co-reasoning pipeline (`medco reason --batch openai|files`, docs/formats.md §8):
// the shared pass loop (./passRunner) with "one pass" = the ordinary pipeline over the items, its
// client recording the calls it does not have. Items whose calls are all cached get their trace
// written as in a live run; the others wait for the next pass.
import { defaultCacheDir, runCoReasoning, type CoReasoningHooks, type CoReasoningOptions, type CoReasoningSummary } from '../pipeline/runCoReasoning';
import type { DatasetItem } from '../types';
import { runBatchPasses, type BatchRunOptions, type BatchSummary } from './passRunner';

export type { BatchRunOptions, BatchProgress, BatchSummary } from './passRunner';

export interface BatchRunSummary extends CoReasoningSummary {
  batch: BatchSummary;
}

export async function runInBatches(items: DatasetItem[], options: CoReasoningOptions & { out: string }, batch: BatchRunOptions, hooks: CoReasoningHooks = {}): Promise<BatchRunSummary> {
  const started = Date.now();
  const cacheDir = options.cacheDir !== undefined ? options.cacheDir : defaultCacheDir(options.out);
  const run = await runBatchPasses(
    { ...batch, cacheDir },
    (recorder, pass) =>
      // After the first pass, a trace written with errors is final for this run: running its item
      // again would only append the same failure once per pass.
      runCoReasoning(items, { ...options, cacheDir, recorder, retryFailed: pass === 0 ? options.retryFailed : false, client: undefined }, hooks),
    hooks.signal,
  );
  const first = run.passes[0];
  const last = run.passes[run.passes.length - 1];
  return {
    ...last,
    items: items.length,
    done: run.passes.reduce((n, p) => n + p.done, 0),
    failed: run.passes.reduce((n, p) => n + p.failed, 0),
    skipped: first.skipped,
    retried: first.retried,
    cancelled: run.cancelled || last.cancelled,
    usage: run.usage,
    ms: Date.now() - started,
    problems: [...first.problems, ...run.problems],
    batch: run.batch,
  };
}
