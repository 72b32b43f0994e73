// Batch runs (docs/formats.md §8) reuse the live pipeline unchanged: a client given a CallRecorder
// answers what its disk cache holds and, instead of sending a call it does not have, records the
// call and throws DeferredCallError. The stage that needed it stops its item (no trace is written
// for it yet); the batch driver sends every recorded call of the pass as one batch, stores the
// answers in the same cache, and runs the pipeline again, which then gets one stage further. So a
// batch run needs as many round trips as the pipeline has dependent stages, and its traces are
// written by the same code as a live run's.

/** The endpoint path a call goes to, as the Batch API and vLLM's batch runner name it. */
export type BatchUrl = '/v1/chat/completions' | '/v1/embeddings';

export interface DeferredCall {
  /** The disk cache key; also the batch line's `custom_id`. */
  key: string;
  stage: string;
  url: BatchUrl;
  /** The request body exactly as the live client would send it. */
  body: object;
  /** What the cache stores as the request (the body plus what distinguishes repeats). */
  cacheRequest: object;
  /** Turns the endpoint's response body into the value the client caches; throws on a malformed one. */
  toValue(responseBody: unknown): unknown;
  /** Whether the value may be cached (e.g. it parses against the stage's schema). */
  usable(value: unknown): boolean;
}

export class DeferredCallError extends Error {
  constructor(readonly stage: string) {
    super(`${stage}: deferred to the next batch`);
    this.name = 'DeferredCallError';
  }
}

export class CallRecorder {
  private readonly calls = new Map<string, DeferredCall>();
  private pending = 0;
  private idleWaiters: (() => void)[] = [];

  /** @param failures calls that failed in every batch they were sent in: their stage fails with this message. */
  constructor(private readonly failures: ReadonlyMap<string, string> = new Map()) {}

  failureOf(key: string): string | undefined {
    return this.failures.get(key);
  }

  record(call: DeferredCall): void {
    if (!this.calls.has(call.key)) this.calls.set(call.key, call);
  }

  /** Calls recorded so far, each once. */
  recorded(): DeferredCall[] {
    return [...this.calls.values()];
  }

  /** The client counts lookups in progress, so a pass ends only once every parallel stage has recorded its call. */
  begin(): void {
    this.pending++;
  }

  end(): void {
    this.pending--;
    if (this.pending === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Resolves once no lookup is in progress and none started for a turn of the event loop: a stage
   * running on after its item was deferred may still be between two calls when the pass ends.
   */
  async settle(): Promise<void> {
    for (let quiet = 0; quiet < 2; ) {
      const before = this.calls.size;
      await this.idle();
      await new Promise((resolve) => setImmediate(resolve));
      quiet = this.pending === 0 && this.calls.size === before ? quiet + 1 : 0;
    }
  }
}
