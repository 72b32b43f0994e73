// A batch run of the co-reasoning pipeline (`medco reason --batch openai|files`, docs/formats.md §8).
// Each pass runs the ordinary pipeline with a recording client (../llm/deferredCalls): items whose
// calls are all cached get their trace written, as in a live run; the calls still missing are sent
// as one batch per endpoint; their answers go into the same disk cache; then the next pass. The
// number of round trips is therefore the number of dependent stages, whatever the number of items.
// A call whose answer is missing, an error or unusable is sent again in the next batch, up to
// `maxAttempts`; after that its stage fails with the reason and the trace records it.
import { LlmClient } from '../llm/client';
import { CallRecorder, type DeferredCall } from '../llm/deferredCalls';
import { defaultCacheDir, runCoReasoning, type CoReasoningHooks, type CoReasoningOptions, type CoReasoningSummary } from '../pipeline/runCoReasoning';
import type { DatasetItem, SourceProblem } from '../types';
import { requestLines, parseOutputLines } from './batchLines';
import { loadBatchState, openBatches, saveBatchState, type BatchRecord, type BatchState } from './batchState';
import type { BatchTransport, PollResult } from './transports';

export interface BatchRunOptions {
  transport: BatchTransport;
  stateFile: string;
  /** First wait between status checks; doubles up to `maxPollMs`. */
  pollMs?: number;
  maxPollMs?: number;
  /** Times a call is sent before its stage is failed with the last reason (default 3). */
  maxAttempts?: number;
  /** Safety stop: passes in this process (default 50). */
  maxPasses?: number;
  /** Told about every submitted batch and every status seen, for progress. */
  onBatch?: (record: BatchRecord, note: string) => void;
}

export interface BatchRunSummary extends CoReasoningSummary {
  batch: {
    mode: BatchState['mode'];
    /** Passes in this process that found calls to send or collect (round trips). */
    roundTrips: number;
    /** Batches and request lines submitted by this process. */
    batchesSubmitted: number;
    requestsSubmitted: number;
    /** Calls given up on (their stage is an error in the trace). */
    failedRequests: number;
    /** Offline mode: the run stops until these output files exist. */
    waitingFor: string[];
    stateFile: string;
  };
}

export async function runInBatches(items: DatasetItem[], options: CoReasoningOptions & { out: string }, batch: BatchRunOptions, hooks: CoReasoningHooks = {}): Promise<BatchRunSummary> {
  const started = Date.now();
  const { transport, stateFile } = batch;
  const state = await loadBatchState(stateFile, transport.mode);
  const save = () => saveBatchState(stateFile, state);
  const cacheDir = options.cacheDir !== undefined ? options.cacheDir : defaultCacheDir(options.out);
  // Stores collected answers; its counters hold the tokens the batches used.
  const store = new LlmClient({ ...options, cacheDir, recorder: undefined });
  const problems: SourceProblem[] = [];
  const totals = { done: 0, failed: 0, roundTrips: 0, batchesSubmitted: 0, requestsSubmitted: 0 };
  let first: CoReasoningSummary | undefined;
  let last: CoReasoningSummary | undefined;

  for (let pass = 0; pass < (batch.maxPasses ?? 50); pass++) {
    const recorder = new CallRecorder(new Map(Object.entries(state.failed)));
    // After the first pass, a trace written with errors is final for this run: running its item
    // again would only append the same failure once per pass.
    const retryFailed = pass === 0 ? options.retryFailed : false;
    last = await runCoReasoning(items, { ...options, cacheDir, recorder, retryFailed, client: undefined }, hooks);
    await recorder.settle();
    first ??= last;
    totals.done += last.done;
    totals.failed += last.failed;
    if (pass === 0) problems.push(...last.problems);
    const calls = recorder.recorded();
    if (last.cancelled || calls.length === 0) return summary([]);

    totals.roundTrips++;
    const inFlight = new Set(openBatches(state).flatMap((b) => b.customIds));
    const toSend = calls.filter((c) => !inFlight.has(c.key));
    if (toSend.length > 0) {
      state.passes++;
      for (const url of ['/v1/chat/completions', '/v1/embeddings'] as const) {
        const group = toSend.filter((c) => c.url === url);
        if (group.length === 0) continue;
        const record: BatchRecord = { pass: state.passes, url, customIds: group.map((c) => c.key), status: 'uploaded', submittedAt: new Date().toISOString() };
        state.batches.push(record);
        await transport.submit(record, requestLines(group), save);
        totals.batchesSubmitted++;
        totals.requestsSubmitted += group.length;
        batch.onBatch?.(record, `submitted ${group.length} request(s)`);
      }
    }
    const byKey = new Map(calls.map((c) => [c.key, c]));
    const waitingFor: string[] = [];
    for (const record of openBatches(state)) {
      const result = await waitFor(record, transport, batch, hooks.signal);
      if (result === undefined) return summary([], true);
      if (result.state === 'waiting') {
        waitingFor.push(record.outputFile ?? '');
        batch.onBatch?.(record, result.message);
        continue;
      }
      if (result.state === 'lost') {
        record.status = 'lost';
        problems.push({ file: stateFile, line: 0, message: `${result.message}; its ${record.customIds.length} request(s) will be sent again` });
      } else {
        await collect(record, result, byKey);
      }
      await save();
    }
    if (waitingFor.length > 0) return summary(waitingFor);
  }
  throw new Error(`the batch run did not finish within ${batch.maxPasses ?? 50} passes; run it again to continue (${stateFile})`);

  async function collect(record: BatchRecord, result: Extract<PollResult, { state: 'ended' }>, byKey: Map<string, DeferredCall>): Promise<void> {
    const sent = new Set(record.customIds);
    const seen = new Set<string>();
    const reasonless = `no answer in the output (batch ${result.serverStatus}${result.message ? `: ${result.message}` : ''})`;
    let answered = 0;
    let failed = 0;
    const fail = (key: string, reason: string): void => {
      failed++;
      state.attempts[key] = (state.attempts[key] ?? 0) + 1;
      if (state.attempts[key] >= (batch.maxAttempts ?? 3)) state.failed[key] = `${reason} (after ${state.attempts[key]} batch attempts)`;
    };
    for (const text of [result.output, result.errors]) {
      const parsed = parseOutputLines(text, sent, seen);
      for (const p of parsed.problems) problems.push({ file: result.where, line: p.line, message: p.message });
      for (const r of parsed.results) {
        const call = byKey.get(r.customId);
        // Not asked for in this pass: a call another batch (or a live run) already answered.
        if (call === undefined) continue;
        if (r.error !== undefined) {
          fail(r.customId, r.error);
          continue;
        }
        try {
          if (await store.storeBatchAnswer(call, r.body)) answered++;
          else fail(r.customId, 'the answer was not usable (it does not match the stage schema)');
        } catch (err) {
          fail(r.customId, (err as Error).message);
        }
      }
    }
    let missing = 0;
    for (const key of record.customIds) {
      if (seen.has(key) || !byKey.has(key)) continue;
      missing++;
      fail(key, reasonless);
    }
    record.status = 'collected';
    record.serverStatus = result.serverStatus;
    record.collected = { answered, failed, missing };
    batch.onBatch?.(record, `collected: ${answered} answered, ${failed} failed (${missing} missing)`);
  }

  function summary(waitingFor: string[], cancelled = false): BatchRunSummary {
    const base = last!;
    const usage = store.stats.usage;
    return {
      ...base,
      items: items.length,
      done: totals.done,
      failed: totals.failed,
      skipped: first!.skipped,
      retried: first!.retried,
      cancelled: cancelled || base.cancelled,
      usage: {
        prompt_tokens: usage.prompt_tokens,
        completion_tokens: usage.completion_tokens,
        total_tokens: usage.total_tokens,
      },
      ms: Date.now() - started,
      problems,
      batch: {
        mode: transport.mode,
        roundTrips: totals.roundTrips,
        batchesSubmitted: totals.batchesSubmitted,
        requestsSubmitted: totals.requestsSubmitted,
        failedRequests: Object.keys(state.failed).length,
        waitingFor,
        stateFile,
      },
    };
  }
}

/** Polls until the batch ends, with a doubling wait; undefined when the run is cancelled. */
async function waitFor(record: BatchRecord, transport: BatchTransport, options: BatchRunOptions, signal?: AbortSignal): Promise<Exclude<PollResult, { state: 'pending' }> | undefined> {
  let wait = options.pollMs ?? 10_000;
  for (;;) {
    if (signal?.aborted) return undefined;
    const result = await transport.poll(record);
    if (result.state !== 'pending') return result;
    if (record.serverStatus !== result.serverStatus) {
      record.serverStatus = result.serverStatus;
      options.onBatch?.(record, result.serverStatus);
    }
    const aborted = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), wait);
      signal?.addEventListener('abort', () => (clearTimeout(timer), resolve(true)), { once: true });
    });
    if (aborted) return undefined;
    wait = Math.min(wait * 2, options.maxPollMs ?? 300_000);
  }
}
