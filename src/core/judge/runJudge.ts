// Runs an LLM judge over traces: every trace rated on the physicians' rubric through the same
// structured-output path as the pipeline (json_schema strict, json_object fallback, validated,
// repaired once), every call in the disk cache, every rating saved through the annotation store
// into `<annotations>/<dataset>/judge-<model slug>[--<config>[-r<round>]].json` (role "model", one
// file per configuration × round: judgeName.ts) as soon as it is known.
// Resumable like `reason`: a trace whose rating in the file was made on the same trace content with
// the same prompt is skipped; a run killed midway loses at most the calls in flight.
import { followSignal } from '../llm/runSignal';
import { LlmClient, LlmError, type LlmOptions, type LlmStats } from '../llm/client';
import { AbortedError } from '../llm/priorityLimiter';
import { DeferredCallError } from '../llm/deferredCalls';
import { StageMeter } from '../pipeline/stageMeter';
import { chatStructured, parseJsonContent, StructuredOutputError } from '../pipeline/structuredOutput';
import { AnnotationStore } from '../store';
import { traceSha256 } from '../traces';
import type { AnnotationEntry, DatasetItem, JudgeProvenance, Rating, Rubric, Trace } from '../types';
import { DEFAULT_CONFIGURATION } from '../pipeline/configurations';
import { judgeFileId, MODEL_ROLE, type JudgedRun } from './judgeName';
import { judgeMessages, judgeSchema, loadJudgePrompt, type JudgePrompt, type JudgeReply } from './judgePrompt';

export interface JudgeRunOptions extends Omit<LlmOptions, 'model'> {
  /** The judge's chat model. */
  judgeModel: string;
  /** The run the traces belong to: names the file (`judgeFileId`) and is recorded as `annotator.run`. Default: `coreasoner`, round 1. */
  run?: JudgedRun;
  annotationsDir: string;
  /** The dataset's id: the folder under `annotationsDir`. */
  dataset: string;
  rubric: Rubric;
  /** Default 0: a judge should be as repeatable as the server allows. */
  temperature?: number;
  promptVersion?: string;
  promptsDir?: string;
  /** An existing client, to share its limit and counters. */
  client?: LlmClient;
}

/** The judge file of this run already holds another run's ratings (names that slug alike). */
export class JudgeRunClashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JudgeRunClashError';
  }
}

/** A reply with a value off the rubric's scale (after one repair attempt): counted, reported, never stored. */
export interface OutOfScaleReply {
  itemId: string;
  traceId: string;
  dimension: string;
  value: unknown;
  scale: [number, number];
}

export interface JudgeProgress {
  total: number;
  judged: number;
  skipped: number;
  outOfScale: number;
  failed: number;
}

export interface JudgeSummary {
  /** The file's annotator id (`judge-<slug>`, with `--<config>[-r<round>]` for other runs than the default). */
  judge: string;
  file: string;
  config: string;
  round: number;
  model: string;
  promptVersion: string;
  /** Traces considered (one per item). */
  traces: number;
  /** Ratings saved by this run. */
  judged: number;
  /** Already judged on the same trace with the same prompt. */
  skipped: number;
  /** Replies with a value off the scale: not stored. */
  outOfScale: number;
  outOfScaleReplies: OutOfScaleReply[];
  /** Other failures (server errors, replies that are not the schema's JSON). */
  failed: number;
  failures: { itemId: string; traceId: string; message: string }[];
  /**
   * Batch runs (./runJudgeInBatches): traces whose judge call is not answered yet (deferred to the
   * next batch). Neither rated nor failed; always empty in a live run.
   */
  pending: string[];
  cancelled: boolean;
  calls: number;
  cachedCalls: number;
  usage: LlmStats['usage'];
  ms: number;
}

export interface JudgeHooks {
  signal?: AbortSignal;
  onProgress?: (p: JudgeProgress) => void;
}

/** The provenance a rating of this run records; equal provenance on the same trace content means "already judged". */
export function provenanceOf(model: string, prompt: Pick<JudgePrompt, 'version' | 'sha256'>): JudgeProvenance {
  return { model, promptVersion: prompt.version, promptSha256: prompt.sha256 };
}

export function alreadyJudged(entry: AnnotationEntry | undefined, trace: Trace, sha: string, provenance: JudgeProvenance): boolean {
  return (
    !!entry &&
    entry.traceId === trace.id &&
    entry.traceSha256 === sha &&
    entry.judge?.model === provenance.model &&
    entry.judge.promptVersion === provenance.promptVersion &&
    entry.judge.promptSha256 === provenance.promptSha256
  );
}

/** The dimensions of a reply that are off their scale (non-integers included); empty when none is. */
export function offScale(reply: unknown, rubric: Rubric): { dimension: string; value: unknown; scale: [number, number] }[] {
  const ratings = (reply as { ratings?: unknown } | null)?.ratings;
  if (typeof ratings !== 'object' || ratings === null) return [];
  const out: { dimension: string; value: unknown; scale: [number, number] }[] = [];
  for (const d of rubric.dimensions) {
    const v = (ratings as Record<string, unknown>)[d.id];
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < d.min || v > d.max) out.push({ dimension: d.id, value: v, scale: [d.min, d.max] });
  }
  return out;
}

function ratingOf(reply: JudgeReply, rubric: Rubric): Rating {
  const rating: Rating = {};
  for (const d of rubric.dimensions) rating[d.id] = reply.ratings[d.id] ?? null;
  if (reply.flags.length > 0) rating.flags = [...reply.flags];
  const comment = reply.rationale.trim();
  if (comment) rating.comment = comment;
  return rating;
}

export async function runJudge(
  items: ReadonlyMap<string, DatasetItem>,
  traces: readonly Trace[],
  options: JudgeRunOptions,
  hooks: JudgeHooks = {},
): Promise<JudgeSummary> {
  const started = Date.now();
  const { signal, release } = followSignal(hooks.signal);

  const prompt = loadJudgePrompt({ version: options.promptVersion, dir: options.promptsDir });
  const provenance = provenanceOf(options.judgeModel, prompt);
  const schema = judgeSchema(options.rubric);
  const client = options.client ?? new LlmClient({ ...options, model: options.judgeModel });
  const run: JudgedRun = options.run ?? { config: DEFAULT_CONFIGURATION, round: 1 };
  const judge = judgeFileId(options.judgeModel, run);
  const store = await AnnotationStore.open({
    annotationsDir: options.annotationsDir,
    dataset: options.dataset,
    annotator: { id: judge, role: MODEL_ROLE, model: options.judgeModel, run: { config: run.config, round: run.round } },
    rubric: options.rubric,
  });
  // A judge file we cannot read is never overwritten: stop before any call is paid for.
  if (store.problem) throw store.problem;
  // Two runs whose names slug alike (a model called "m--direct") must never share one file.
  const recorded = store.data.annotator?.run;
  if (recorded && (recorded.config !== run.config || recorded.round !== run.round)) {
    throw new JudgeRunClashError(`${store.file} holds the ratings of ${recorded.config} round ${recorded.round}, not of ${run.config} round ${run.round}; it is left untouched`);
  }

  const summary: JudgeSummary = {
    judge,
    file: store.file,
    config: run.config,
    round: run.round,
    model: options.judgeModel,
    promptVersion: prompt.version,
    traces: traces.length,
    judged: 0,
    skipped: 0,
    outOfScale: 0,
    outOfScaleReplies: [],
    failed: 0,
    failures: [],
    pending: [],
    cancelled: false,
    calls: 0,
    cachedCalls: 0,
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    ms: 0,
  };
  const before = { calls: client.stats.calls, cachedCalls: client.stats.cachedCalls, usage: { ...client.stats.usage } };
  const report = (): void =>
    hooks.onProgress?.({ total: traces.length, judged: summary.judged, skipped: summary.skipped, outOfScale: summary.outOfScale, failed: summary.failed });

  const todo = traces
    .map((trace) => ({ trace, sha: traceSha256(trace) }))
    .filter(({ trace, sha }) => {
      if (!alreadyJudged(store.entry(trace.itemId), trace, sha, provenance)) return true;
      summary.skipped++;
      return false;
    });
  report();

  // One save at a time from this run: they would otherwise only queue on the file lock, polling.
  let saving: Promise<unknown> = Promise.resolve();
  const save = (itemId: string, input: Parameters<AnnotationStore['saveRating']>[1]) => {
    const next = saving.then(() => store.saveRating(itemId, input));
    saving = next.catch(() => undefined);
    return next;
  };

  try {
    const results = await Promise.allSettled(
      todo.map(async ({ trace, sha }, priority) => {
        const messages = judgeMessages(prompt, options.rubric, trace, items.get(trace.itemId));
        let reply: JudgeReply;
        try {
          reply = await chatStructured<JudgeReply>(
            client,
            'judge',
            { name: 'judge_rating', schema, messages, temperature: options.temperature ?? 0 },
            new StageMeter(),
            { priority, signal },
          );
        } catch (err) {
          // A batch pass: the answer is not in the cache yet. Not a failure: the next pass rates it.
          if (err instanceof DeferredCallError) {
            summary.pending.push(trace.id);
            return;
          }
          if (err instanceof AbortedError || signal.aborted) {
            summary.cancelled = true;
            return;
          }
          if (err instanceof StructuredOutputError) {
            let parsed: unknown;
            try {
              parsed = parseJsonContent(err.raw);
            } catch {
              parsed = undefined;
            }
            const off = offScale(parsed, options.rubric);
            if (off.length > 0) {
              summary.outOfScale++;
              for (const o of off) summary.outOfScaleReplies.push({ itemId: trace.itemId, traceId: trace.id, ...o });
              report();
              return;
            }
          }
          if (err instanceof StructuredOutputError || err instanceof LlmError) {
            summary.failed++;
            summary.failures.push({ itemId: trace.itemId, traceId: trace.id, message: err.message });
            report();
            return;
          }
          throw err;
        }
        await save(trace.itemId, { rating: ratingOf(reply, options.rubric), traceId: trace.id, traceSha256: sha, judge: provenance, mode: 'replace' });
        summary.judged++;
        report();
      }),
    );
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    release();
  }
  const s = client.stats;
  summary.cancelled ||= signal.aborted;
  summary.calls = s.calls - before.calls;
  summary.cachedCalls = s.cachedCalls - before.cachedCalls;
  summary.usage = {
    prompt_tokens: s.usage.prompt_tokens - before.usage.prompt_tokens,
    completion_tokens: s.usage.completion_tokens - before.usage.completion_tokens,
    total_tokens: s.usage.total_tokens - before.usage.total_tokens,
  };
  summary.ms = Date.now() - started;
  return summary;
}
