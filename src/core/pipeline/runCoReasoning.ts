// Runs co-reasoning over many items: the API the extension calls and `medco reason` wraps. All
// items are in flight at once (bounded only by the one global limit on requests, not by a pool of
// item workers), and earlier items have priority for free slots, so traces are appended steadily.
// Items already in the output are skipped, except those whose newest trace recorded errors: they
// run again (a new trace supersedes the failed one) unless `retryFailed` is false. Calls done
// before (even by a crashed or failed run) come from the disk cache, so only what failed is re-sent.
import { createHash } from 'node:crypto';
import { followSignal } from '../llm/runSignal';
import path from 'node:path';
import { LlmClient, type LlmOptions, type LlmStats } from '../llm/client';
import { AbortedError } from '../llm/priorityLimiter';
import { DeferredCallError } from '../llm/deferredCalls';
import { loadKnowledgeBase, type KnowledgeBase } from '../retrieval/knowledgeBase';
import { DenseRetriever } from '../retrieval/denseRetriever';
import { configurationNamed, type PipelineConfiguration } from './configurations';
import { TRACE_SCHEMA, type DatasetItem, type SourceProblem, type Trace, type TraceConfig } from '../types';
import { coReasonItem, PIPELINE_VERSION } from './coReasonItem';
import { loadPrompts, type PromptSet } from './prompts';
import { readExistingTraceIds, TraceAppender } from '../traces/traceFile';
import { traceId } from '../traces/traceHash';

export interface CoReasoningOptions extends LlmOptions {
  /** A configuration name (configurations.ts); default `coreasoner`. Unknown: UnknownConfigurationError. */
  configName?: string;
  /** The n-th independent sample of this run (default 1): part of every trace id and cache key. */
  round?: number;
  /** Sent as `seed` with every chat call, derived from this and the round. */
  seed?: number;
  /** Reranker endpoint (vLLM, TEI, Infinity `/rerank`) for dense retrieval; none: dense order. */
  rerankUrl?: string;
  rerankModel?: string;
  /**
   * Dense retrieval's search: `auto` (default) uses the approximate index (usearch) for languages
   * of at least 20,000 chunks when the native module loads, `exact` always scans every vector.
   */
  denseSearch?: 'auto' | 'exact';
  temperature?: number;
  /** Cosine similarity from which a local concept counts as matching an English one. */
  alignThreshold?: number;
  /** Documents retrieved per item. */
  topK?: number;
  /** Retrieval queries: the fused concepts (default) or the question (as in the released code). */
  retrieval?: 'concepts' | 'question';
  /** A knowledge base, or a folder of JSONL chunks to load one from. */
  kb?: KnowledgeBase | string | null;
  /** The traces file: existing traces are skipped, new ones appended. */
  out?: string;
  /**
   * Run again the items whose newest trace in `out` recorded errors (default true); false keeps
   * them as they are.
   */
  retryFailed?: boolean;
  promptVersion?: string;
  promptsDir?: string;
  /** Default: `.medco-cache/` beside `out` (no disk cache without either). */
  cacheDir?: string | null;
  /** An existing client, to share its limit and counters. */
  client?: LlmClient;
}

export interface CoReasoningProgress {
  itemsTotal: number;
  itemsDone: number;
  itemsFailed: number;
  itemsSkipped: number;
  calls: number;
  cachedCalls: number;
  retries: number;
  tokens: number;
}

export interface CoReasoningHooks {
  onTrace?: (trace: Trace) => void | Promise<void>;
  onProgress?: (progress: CoReasoningProgress) => void;
  /** Something the person running should know that is no item's error (a slower fallback). */
  onNotice?: (message: string) => void;
  signal?: AbortSignal;
}

export interface CoReasoningSummary {
  items: number;
  /** Traces written without errors. */
  done: number;
  /** Traces written with at least one stage error. */
  failed: number;
  /** Items whose trace was already in the output (and not run again). */
  skipped: number;
  /** Items run again because their newest trace in the output recorded errors. */
  retried: number;
  /** Batch runs: items waiting for a call of the next batch (no trace written for them yet). */
  deferred?: number;
  /** The first error of a trace written with errors, to say why a run failed. */
  firstError?: { itemId: string; stage: string; message: string };
  cancelled: boolean;
  cachedCalls: number;
  calls: number;
  retries: number;
  usage: LlmStats['usage'];
  ms: number;
  /** Unreadable lines of the existing output, and of the knowledge base. */
  problems: SourceProblem[];
}

/** The output holds lines, none of them a trace: it is refused rather than appended to. */
export class NotATracesFileError extends Error {
  constructor(
    readonly file: string,
    lines: number,
  ) {
    super(`${file}: not a traces file (none of its ${lines} non-empty line(s) is a ${TRACE_SCHEMA} trace); refusing to append to it`);
    this.name = 'NotATracesFileError';
  }
}

export function defaultCacheDir(out: string): string {
  return path.join(path.dirname(path.resolve(out)), '.medco-cache');
}

/**
 * Everything that decides a trace, so part of its id: the configuration's name and round, the
 * prompt set's content hash and the knowledge base's fingerprint among the rest.
 */
export function traceConfig(
  options: CoReasoningOptions,
  prompts: Pick<PromptSet, 'version' | 'hash'>,
  kb: Pick<KnowledgeBase, 'fingerprint'> | null = null,
  configuration: PipelineConfiguration = configurationNamed(options.configName),
): TraceConfig {
  const temperature = options.temperature ?? 0.7;
  return {
    name: configuration.name,
    round: options.round ?? 1,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    model: options.model,
    embeddingModel: options.embeddingModel || null,
    temperature,
    utilityTemperature: configuration.utilityTemperature ?? temperature,
    alignThreshold: options.alignThreshold ?? 0.7,
    topK: options.topK ?? 5,
    // The released code queries with the whole question.
    retrieval: configuration.retrieval === 'dense-en-local' ? 'question' : (options.retrieval ?? 'concepts'),
    retrievalMethod: configuration.retrieval,
    ...(configuration.retrieval === 'dense-en-local' && options.rerankUrl ? { rerank: options.rerankModel ?? true } : {}),
    alignment: configuration.alignment,
    pipelineVersion: PIPELINE_VERSION,
    promptVersion: prompts.version,
    promptHash: prompts.hash,
    kbFingerprint: kb?.fingerprint ?? null,
  };
}

/** The `seed` sent for a run's seed and round: distinct rounds are distinct samples even where the server honours seeds. */
export function requestSeed(seed: number, round: number): number {
  return createHash('sha256').update(`${seed}:${round}`).digest().readUInt32BE(0) & 0x7fffffff;
}

export async function runCoReasoning(items: DatasetItem[], options: CoReasoningOptions, hooks: CoReasoningHooks = {}): Promise<CoReasoningSummary> {
  const started = Date.now();
  const { signal, release } = followSignal(hooks.signal);
  const configuration = configurationNamed(options.configName);
  const prompts = loadPrompts({ version: options.promptVersion ?? configuration.promptSet, dir: options.promptsDir });
  const cacheDir = options.cacheDir !== undefined ? options.cacheDir : options.out ? defaultCacheDir(options.out) : null;
  const client = options.client ?? new LlmClient({ ...options, cacheDir });
  const problems: SourceProblem[] = [];

  let kb: KnowledgeBase | null = null;
  if (typeof options.kb === 'string') kb = await loadKnowledgeBase(options.kb);
  else kb = options.kb ?? null;
  if (kb) problems.push(...kb.problems);
  const config = traceConfig(options, prompts, kb, configuration);
  const dense =
    kb && configuration.retrieval === 'dense-en-local' && client.embeddingModel
      ? new DenseRetriever(kb, client, {
          rerankUrl: options.rerankUrl,
          rerankModel: options.rerankModel,
          apiKey: options.apiKey,
          timeoutMs: options.timeoutMs,
          approximate: options.denseSearch === 'exact' ? 'never' : 'auto',
          onNotice: hooks.onNotice,
        })
      : null;
  const seed = options.seed !== undefined ? requestSeed(options.seed, config.round as number) : undefined;

  const existing = options.out ? await readExistingTraceIds(options.out) : null;
  if (existing && existing.nonBlankLines > 0 && existing.traceLines === 0) {
    // A dataset, an annotation file, anything but traces: appending would corrupt it.
    throw new NotATracesFileError(options.out!, existing.nonBlankLines);
  }
  if (existing) problems.push(...existing.problems);
  // Skip what the output already has (failed traces too, when asked), and run an item listed
  // twice only once.
  const retryFailed = options.retryFailed ?? true;
  const planned = new Set(existing?.ids);
  if (!retryFailed) for (const id of existing?.failedIds ?? []) planned.add(id);
  let retried = 0;
  const todo = items.filter((it) => {
    const id = traceId(it.id, config);
    if (planned.has(id)) return false;
    planned.add(id);
    if (existing?.failedIds.has(id)) retried++;
    return true;
  });

  const progress: CoReasoningProgress = {
    itemsTotal: items.length,
    itemsDone: 0,
    itemsFailed: 0,
    itemsSkipped: items.length - todo.length,
    calls: 0,
    cachedCalls: 0,
    retries: 0,
    tokens: 0,
  };
  const report = (): void => {
    progress.calls = client.stats.calls;
    progress.cachedCalls = client.stats.cachedCalls;
    progress.retries = client.stats.retries;
    progress.tokens = client.stats.usage.total_tokens;
    hooks.onProgress?.({ ...progress });
  };
  const unsubscribe = client.onStats(report);
  const before = { calls: client.stats.calls, cachedCalls: client.stats.cachedCalls, retries: client.stats.retries, usage: { ...client.stats.usage } };
  report();

  const appender = options.out ? await TraceAppender.open(options.out) : null;
  let cancelled = false;
  let deferred = 0;
  let firstError: CoReasoningSummary['firstError'];
  try {
    // allSettled: an unexpected failure of one item must not close the output under the others.
    const results = await Promise.allSettled(
      todo.map(async (item, priority) => {
        let trace: Trace;
        try {
          trace = await coReasonItem(item, { client, prompts, kb, config, configuration, dense, seed }, { priority, signal });
        } catch (err) {
          if (err instanceof AbortedError || signal?.aborted) {
            cancelled = true;
            return;
          }
          if (err instanceof DeferredCallError) {
            deferred++;
            return;
          }
          throw err;
        }
        await appender?.append(trace);
        if (trace.errors.length > 0) {
          progress.itemsFailed++;
          firstError ??= { itemId: trace.itemId, ...trace.errors[0] };
        } else progress.itemsDone++;
        await hooks.onTrace?.(trace);
        report();
      }),
    );
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    unsubscribe();
    release();
    await appender?.close();
  }

  const s = client.stats;
  return {
    items: items.length,
    done: progress.itemsDone,
    failed: progress.itemsFailed,
    skipped: progress.itemsSkipped,
    retried,
    ...(deferred > 0 ? { deferred } : {}),
    ...(firstError ? { firstError } : {}),
    cancelled: cancelled || !!signal?.aborted,
    cachedCalls: s.cachedCalls - before.cachedCalls,
    calls: s.calls - before.calls,
    retries: s.retries - before.retries,
    usage: {
      prompt_tokens: s.usage.prompt_tokens - before.usage.prompt_tokens,
      completion_tokens: s.usage.completion_tokens - before.usage.completion_tokens,
      total_tokens: s.usage.total_tokens - before.usage.total_tokens,
    },
    ms: Date.now() - started,
    problems,
  };
}
