// A batch run of the LLM judge (`medco judge --batch openai|files`, docs/formats.md §8): the shared
// pass loop (../batch/passRunner) with "one pass" = runJudge on the traces still pending, its
// client recording the judge calls it does not have instead of sending them. A deferred call is
// pending, not a failed rating; a rating is saved through the annotation store (as in a live run)
// only once its answer is in the cache. The judge has one dependent stage, so a run takes one
// round trip, plus one per retry of calls whose batch failed, expired or left them out.
import path from 'node:path';
import { runBatchPasses, type BatchRunOptions, type BatchSummary } from '../batch/passRunner';
import { LlmClient } from '../llm/client';
import type { DatasetItem, SourceProblem, Trace } from '../types';
import { judgeFileId, type JudgedRun } from './judgeName';
import { runJudge, type JudgeHooks, type JudgeRunOptions, type JudgeSummary } from './runJudge';

/**
 * `<annotations>/<dataset>/_<judge file>.batch.json` (`_judge-<model slug>.batch.json` for
 * coreasoner round 1): beside the annotation file of the run it fills; the leading underscore keeps
 * it out of the annotator files every reader lists (as `_adjudication.json`).
 */
export function judgeBatchStatePath(annotationsDir: string, dataset: string, judgeModel: string, run: JudgedRun): string {
  return path.join(annotationsDir, dataset, `_${judgeFileId(judgeModel, run)}.batch.json`);
}

export interface JudgeBatchSummary extends JudgeSummary {
  batch: BatchSummary;
  /** Lost batches and unusable output lines (file, line, reason). */
  batchProblems: SourceProblem[];
}

export async function runJudgeInBatches(
  items: ReadonlyMap<string, DatasetItem>,
  traces: readonly Trace[],
  options: JudgeRunOptions,
  batch: BatchRunOptions,
  hooks: JudgeHooks = {},
): Promise<JudgeBatchSummary> {
  const started = Date.now();
  const cacheDir = options.cacheDir ?? null;
  // Each pass judges only what the previous one left pending: a rating that failed or was off the
  // scale is final for this run (judging it again would count it once per pass).
  let todo: readonly Trace[] = traces;
  const run = await runBatchPasses(
    { ...batch, cacheDir },
    async (recorder) => {
      const client = new LlmClient({ ...options, model: options.judgeModel, recorder });
      const summary = await runJudge(items, todo, { ...options, client }, hooks);
      const pending = new Set(summary.pending);
      todo = todo.filter((t) => pending.has(t.id));
      return summary;
    },
    hooks.signal,
  );
  const first = run.passes[0];
  const last = run.passes[run.passes.length - 1];
  const sum = (pick: (s: JudgeSummary) => number): number => run.passes.reduce((n, s) => n + pick(s), 0);
  return {
    ...last,
    traces: traces.length,
    judged: sum((s) => s.judged),
    skipped: first.skipped,
    outOfScale: sum((s) => s.outOfScale),
    outOfScaleReplies: run.passes.flatMap((s) => s.outOfScaleReplies),
    failed: sum((s) => s.failed),
    failures: run.passes.flatMap((s) => s.failures),
    pending: last.pending,
    cancelled: run.cancelled || last.cancelled,
    calls: sum((s) => s.calls),
    cachedCalls: sum((s) => s.cachedCalls),
    usage: run.usage,
    ms: Date.now() - started,
    batch: run.batch,
    batchProblems: run.problems,
  };
}
