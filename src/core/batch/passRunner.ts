// The batch loop shared by `medco reason --batch` and `medco judge --batch` (docs/formats.md §8).
// The caller gives one function: "run one pass with this deferring client" (a CallRecorder the
// pass's LlmClient records its cache misses in, ../llm/deferredCalls). Each pass does whatever is
// answerable from the disk cache (traces, ratings written as in a live run); the calls still
// missing are sent as one batch per endpoint; their answers go into the same disk cache; then the
// next pass. The number of round trips is therefore the number of dependent stages, whatever the
// number of items. A call whose answer is missing, an error or unusable is sent again in the next
// batch, up to `maxAttempts`; after that the recorder fails it with the reason (the pass's stage
// then fails as a live call that failed would).
import { LlmClient, type LlmStats } from '../llm/client';
import { CallRecorder, type DeferredCall } from '../llm/deferredCalls';
import type { SourceProblem } from '../types';
import { requestLines, parseOutputLines } from './batchLines';
import { loadBatchState, openBatches, saveBatchState, type BatchRecord, type BatchRunDescription, type BatchState } from './batchState';
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
  /** Recorded in a new state file (with its first batch) so the run can be resumed on the same items. */
  run?: BatchRunDescription;
  /** Told the run's counters after every pass, submission and collection (the extension's progress). */
  onProgress?: (progress: BatchProgress) => void;
}

/** What a batch run has done so far, for a progress display. */
export interface BatchProgress {
  /** The pass running now (from 1, in this process). */
  pass: number;
  batchesSubmitted: number;
  batchesCollected: number;
  requestsSubmitted: number;
  /** Answers stored in the cache from collected batches. */
  requestsAnswered: number;
  /** Batches of the state file not collected yet (this and earlier processes). */
  inFlight: number;
}

/** The batch part of a run summary (`batch` in `--json`). */
export interface BatchSummary {
  mode: BatchState['mode'];
  /** Passes in this process that found calls to send or collect (round trips). */
  roundTrips: number;
  /** Batches and request lines submitted by this process. */
  batchesSubmitted: number;
  requestsSubmitted: number;
  /** Calls given up on (their stage is an error in the trace / a failed rating). */
  failedRequests: number;
  /** Offline mode: the run stops until these output files exist. */
  waitingFor: string[];
  stateFile: string;
}

export interface PassOutcome {
  /** The pass was interrupted: no batch is sent, the run stops. */
  cancelled: boolean;
}

export interface PassRunResult<R extends PassOutcome> {
  /** Every pass's result, in order (at least one). */
  passes: R[];
  cancelled: boolean;
  batch: BatchSummary;
  /** Tokens of the answers collected by this process. */
  usage: LlmStats['usage'];
  /** State file and output file problems (lost batches, bad output lines). */
  problems: SourceProblem[];
}

/**
 * Runs passes until one records no call (everything answered or given up), or an offline run has
 * to wait for output files, or the run is cancelled.
 * @param runPass runs the pipeline (or the judge) once, with a client built on `recorder`.
 */
export async function runBatchPasses<R extends PassOutcome>(
  batch: BatchRunOptions & { cacheDir: string | null },
  runPass: (recorder: CallRecorder, pass: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<PassRunResult<R>> {
  const { transport, stateFile } = batch;
  if (!batch.cacheDir) throw new Error('a batch run needs the call cache (its answers are stored there)');
  const state = await loadBatchState(stateFile, transport.mode);
  if (batch.run && !state.run) state.run = batch.run;
  const save = () => saveBatchState(stateFile, state);
  // Stores collected answers; its counters hold the tokens the batches used.
  const store = new LlmClient({ model: '', cacheDir: batch.cacheDir });
  const problems: SourceProblem[] = [];
  const passes: R[] = [];
  const progress: BatchProgress = { pass: 0, batchesSubmitted: 0, batchesCollected: 0, requestsSubmitted: 0, requestsAnswered: 0, inFlight: openBatches(state).length };
  const tell = (): void => {
    progress.inFlight = openBatches(state).length;
    batch.onProgress?.({ ...progress });
  };
  let roundTrips = 0;

  const result = (waitingFor: string[], cancelled: boolean): PassRunResult<R> => ({
    passes,
    cancelled,
    usage: { ...store.stats.usage },
    problems,
    batch: {
      mode: transport.mode,
      roundTrips,
      batchesSubmitted: progress.batchesSubmitted,
      requestsSubmitted: progress.requestsSubmitted,
      failedRequests: Object.keys(state.failed).length,
      waitingFor,
      stateFile,
    },
  });

  for (let pass = 0; pass < (batch.maxPasses ?? 50); pass++) {
    progress.pass = pass + 1;
    tell();
    const recorder = new CallRecorder(new Map(Object.entries(state.failed)));
    const outcome = await runPass(recorder, pass);
    await recorder.settle();
    passes.push(outcome);
    const calls = recorder.recorded();
    if (outcome.cancelled) return result([], true);
    if (calls.length === 0) return result([], false);

    roundTrips++;
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
        progress.batchesSubmitted++;
        progress.requestsSubmitted += group.length;
        batch.onBatch?.(record, `submitted ${group.length} request(s)`);
        tell();
      }
    }
    const byKey = new Map(calls.map((c) => [c.key, c]));
    const waitingFor: string[] = [];
    for (const record of openBatches(state)) {
      const polled = await waitFor(record, transport, batch, signal);
      if (polled === undefined) return result([], true);
      if (polled.state === 'waiting') {
        waitingFor.push(record.outputFile ?? '');
        batch.onBatch?.(record, polled.message);
        continue;
      }
      if (polled.state === 'lost') {
        record.status = 'lost';
        problems.push({ file: stateFile, line: 0, message: `${polled.message}; its ${record.customIds.length} request(s) will be sent again` });
      } else {
        await collect(record, polled, byKey);
      }
      await save();
      progress.batchesCollected++;
      tell();
    }
    if (waitingFor.length > 0) return result(waitingFor, false);
  }
  throw new Error(`the batch run did not finish within ${batch.maxPasses ?? 50} passes; run it again to continue (${stateFile})`);

  async function collect(record: BatchRecord, polled: Extract<PollResult, { state: 'ended' }>, byKey: Map<string, DeferredCall>): Promise<void> {
    const sent = new Set(record.customIds);
    const seen = new Set<string>();
    const reasonless = `no answer in the output (batch ${polled.serverStatus}${polled.message ? `: ${polled.message}` : ''})`;
    let answered = 0;
    let failed = 0;
    const fail = (key: string, reason: string): void => {
      failed++;
      state.attempts[key] = (state.attempts[key] ?? 0) + 1;
      if (state.attempts[key] >= (batch.maxAttempts ?? 3)) state.failed[key] = `${reason} (after ${state.attempts[key]} batch attempts)`;
    };
    for (const text of [polled.output, polled.errors]) {
      const parsed = parseOutputLines(text, sent, seen);
      for (const p of parsed.problems) problems.push({ file: polled.where, line: p.line, message: p.message });
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
    record.serverStatus = polled.serverStatus;
    record.collected = { answered, failed, missing };
    progress.requestsAnswered += answered;
    batch.onBatch?.(record, `collected: ${answered} answered, ${failed} failed (${missing} missing)`);
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
