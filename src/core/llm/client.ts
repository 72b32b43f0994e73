// The one place that talks to an OpenAI-compatible server. Every call goes through the disk cache,
// the global in-flight limit and our retry loop (the SDK's own retries are off so that every
// attempt is ours and is counted). The API key is only handed to the SDK: it is never part of a
// cache key, a cache file, an error message or a trace.
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { DiskCache, cacheKey } from './diskCache';
import { PriorityLimiter, AbortedError } from './priorityLimiter';
import { DEFAULT_RETRY, RetryPolicy, backoffMs, isRetryable, retryAfterMs, sleep } from './retry';
import { DeferredCallError, type BatchUrl, type CallRecorder } from './deferredCalls';
import { createOpenAISdk } from './sdkClient';

export interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

export interface LlmOptions {
  /** e.g. https://api.openai.com/v1 or http://127.0.0.1:8000/v1 */
  baseUrl?: string;
  model: string;
  /** null/undefined: no embedding model (alignment then asks the chat model). */
  embeddingModel?: string | null;
  /** A separate server for embeddings (e.g. a self-hosted BGE-M3); default: `baseUrl`. */
  embeddingBaseUrl?: string;
  /** Falls back to OPENAI_API_KEY; keyless local servers get a placeholder the SDK insists on. */
  apiKey?: string;
  /** Requests in flight at once, over all items and stages. */
  concurrency?: number;
  /** Per attempt. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** null disables the disk cache. */
  cacheDir?: string | null;
  /** Batch runs: calls missing from the cache are recorded and deferred, never sent (./deferredCalls). */
  recorder?: CallRecorder;
  /** Extra HTTP headers of every request (see sdkClient.ts). */
  headers?: Record<string, string>;
  /** Azure OpenAI's api-version; set means Azure (see sdkClient.ts). */
  apiVersion?: string;
}

export interface CallMeta {
  ms: number;
  attempts: number;
  usage?: Usage;
  cached: boolean;
}

export interface ChatRequest {
  messages: ChatCompletionMessageParam[];
  temperature?: number;
  maxTokens?: number;
  responseFormat?: ChatCompletionCreateParamsNonStreaming['response_format'];
  /** Distinguishes deliberate repeats of the same request (e.g. a repair attempt) in the cache. */
  variant?: number;
  /**
   * Part of the cache key, never sent: what makes otherwise identical requests different samples
   * (configuration name, round, prompt set hash, knowledge base fingerprint).
   */
  cacheSalt?: Record<string, unknown>;
  /** Sent as `seed` (servers that honour it sample reproducibly). */
  seed?: number;
  /**
   * Whether an answer is usable (e.g. parses against the schema). An unusable answer is returned
   * but never cached, and an unusable cached one is asked again: a stage that failed on a bad
   * answer can succeed when its item is run again, instead of failing from the cache forever.
   */
  accept?: (content: string) => boolean;
}

export interface ChatResult extends CallMeta {
  content: string;
  finishReason?: string | null;
}

export interface EmbedResult extends CallMeta {
  vectors: number[][];
}

export interface CallOptions {
  /** Lower runs first when requests wait for a slot. */
  priority?: number;
  signal?: AbortSignal;
}

/** Run-wide counters, for the progress bar and the summary. */
export interface LlmStats {
  /** HTTP requests sent (every attempt). */
  calls: number;
  /** Calls answered from the disk cache (or by an identical call in flight). */
  cachedCalls: number;
  retries: number;
  failures: number;
  usage: Required<Usage>;
}

export class LlmError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'LlmError';
  }
}

/** Vectors of changing length: a misconfigured endpoint (or a model swapped under a running index); never retried. */
export class EmbeddingDimensionError extends LlmError {
  constructor(message: string) {
    super(message, undefined, 1);
    this.name = 'EmbeddingDimensionError';
  }
}

export class LlmClient {
  readonly stats: LlmStats = {
    calls: 0,
    cachedCalls: 0,
    retries: 0,
    failures: 0,
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
  /**
   * Whether the server accepts `response_format: json_schema`: learnt from the first structured
   * call (the probe, which the others wait for), so that a server that refuses it is asked once.
   */
  jsonSchemaSupport: 'unknown' | 'yes' | 'no' = 'unknown';
  jsonSchemaProbe: Promise<void> | null = null;
  readonly model: string;
  readonly embeddingModel: string | null;
  private readonly sdk: OpenAI;
  private readonly embeddingSdk: OpenAI;
  private readonly embeddingEndpoint: string;
  private readonly limiter: PriorityLimiter;
  private readonly cache: DiskCache | null;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly secret: string;
  /** Which server answers: part of every cache key, so a changed endpoint never reuses answers. */
  private readonly endpoint: string;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<(stats: LlmStats) => void>();
  private readonly recorder: CallRecorder | undefined;

  constructor(options: LlmOptions) {
    this.model = options.model;
    this.embeddingModel = options.embeddingModel || null;
    this.secret = options.apiKey || process.env.OPENAI_API_KEY || '';
    this.endpoint = endpointIdentity(options.baseUrl) + (options.apiVersion ? `?api-version=${options.apiVersion}` : '');
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.limiter = new PriorityLimiter(options.concurrency ?? 8);
    this.cache = options.cacheDir ? new DiskCache(options.cacheDir) : null;
    this.recorder = options.recorder;
    // Batch endpoints (OpenAI's, vLLM's runner) accept strict json_schema: no live probe is made.
    if (this.recorder) this.jsonSchemaSupport = 'yes';
    const sdkOptions = { apiKey: this.secret, headers: options.headers, apiVersion: options.apiVersion, timeoutMs: this.timeoutMs };
    this.sdk = createOpenAISdk({ ...sdkOptions, baseUrl: options.baseUrl });
    this.embeddingEndpoint = options.embeddingBaseUrl ? endpointIdentity(options.embeddingBaseUrl) : this.endpoint;
    this.embeddingSdk = options.embeddingBaseUrl ? createOpenAISdk({ ...sdkOptions, baseUrl: options.embeddingBaseUrl }) : this.sdk;
  }

  /** Called after every change of the counters. */
  onStats(listener: (stats: LlmStats) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async chat(stage: string, req: ChatRequest, opts: CallOptions = {}): Promise<ChatResult> {
    const body: ChatCompletionCreateParamsNonStreaming = {
      model: this.model,
      messages: req.messages,
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
      ...(req.maxTokens !== undefined ? { max_completion_tokens: req.maxTokens } : {}),
      ...(req.responseFormat ? { response_format: req.responseFormat } : {}),
      ...(req.seed !== undefined ? { seed: req.seed } : {}),
    };
    const keyed = { ...body, ...(req.variant ? { variant: req.variant } : {}), ...(req.cacheSalt ? { salt: req.cacheSalt } : {}) };
    const accept = req.accept;
    const usable = accept === undefined ? undefined : (v: { content: string }) => accept(v.content);
    const wire = { url: '/v1/chat/completions' as const, body, toValue: chatValue };
    const r = await this.cached<ChatValue>(stage, keyed, opts, usable, wire, async (signal) => chatValue(await this.sdk.chat.completions.create(body, { signal, timeout: this.timeoutMs })));
    return { content: r.value.content, finishReason: r.value.finishReason, usage: r.value.usage, ms: r.ms, attempts: r.attempts, cached: r.cached };
  }

  async embed(stage: string, inputs: string[], opts: CallOptions = {}): Promise<EmbedResult> {
    const model = this.embeddingModel;
    if (!model) throw new LlmError(`${stage}: no embedding model configured`, undefined, 0);
    if (inputs.length === 0) return { vectors: [], ms: 0, attempts: 0, cached: true };
    const body = { model, input: inputs, encoding_format: 'float' as const };
    const toValue = (res: unknown): EmbedValue => embedValue(stage, res, inputs.length);
    const wire = { url: '/v1/embeddings' as const, body, toValue };
    const r = await this.cached<EmbedValue>(stage, { ...body, endpoint: this.embeddingEndpoint }, opts, undefined, wire, async (signal) =>
      toValue(await this.embeddingSdk.embeddings.create(body, { signal, timeout: this.timeoutMs })),
    );
    return { vectors: r.value.vectors, usage: r.value.usage, ms: r.ms, attempts: r.attempts, cached: r.cached };
  }

  /** Cache lookup, de-duplication of identical calls in flight, then the retried request. */
  private async cached<T extends { usage?: Usage }>(
    stage: string,
    request: object,
    opts: CallOptions,
    usable: ((value: T) => boolean) | undefined,
    wire: { url: BatchUrl; body: object; toValue: (responseBody: unknown) => T },
    send: (signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<{ value: T; ms: number; attempts: number; cached: boolean }> {
    const started = Date.now();
    const key = cacheKey(stage, { endpoint: this.endpoint, ...request });
    const pending = this.inFlight.get(key) as Promise<{ value: T; attempts: number }> | undefined;
    if (pending) {
      const { value } = await pending;
      this.bump((s) => s.cachedCalls++);
      return { value, ms: Date.now() - started, attempts: 0, cached: true };
    }
    this.recorder?.begin();
    let hit;
    try {
      hit = await this.cache?.get<T>(key);
      if (this.recorder && !(hit && (usable === undefined || usable(hit.response)))) {
        const failure = this.recorder.failureOf(key);
        if (failure !== undefined) throw new LlmError(`${stage}: ${this.redact(failure)}`, undefined, 0);
        const accepts = usable ?? (() => true);
        this.recorder.record({ key, stage, url: wire.url, body: wire.body, cacheRequest: request, toValue: wire.toValue, usable: (v) => accepts(v as T) });
        throw new DeferredCallError(stage);
      }
    } finally {
      this.recorder?.end();
    }
    if (hit && (usable === undefined || usable(hit.response))) {
      this.bump((s) => s.cachedCalls++);
      return { value: hit.response, ms: Date.now() - started, attempts: 0, cached: true };
    }
    // The answer is stored before its request slot is freed: a process killed at any moment has
    // at most one answered-but-unstored request per slot, so a resumed run repeats at most that.
    const sendAndStore = async (signal: AbortSignal | undefined): Promise<T> => {
      const value = await send(signal);
      // A full disk must not throw away an answer that has been paid for: use it, uncached.
      if (usable === undefined || usable(value)) await this.cache?.set(key, stage, request, value).catch(() => undefined);
      return value;
    };
    const work = this.withRetries(stage, opts, sendAndStore);
    this.inFlight.set(key, work);
    try {
      const out = await work;
      return { value: out.value, ms: Date.now() - started, attempts: out.attempts, cached: false };
    } finally {
      this.inFlight.delete(key);
    }
  }

  /**
   * All attempts of a call run in one request slot, the backoff between them included. A call the
   * server has seen but whose answer is not stored yet therefore always holds a slot: were the
   * slot freed during the backoff, another call would take it, and a run killed then would lose
   * (and a resumed run repeat) more calls than there are slots. While the server asks us to back
   * off (429, 5xx), fewer requests in flight is what it wants anyway.
   */
  private async withRetries<T extends { usage?: Usage }>(
    stage: string,
    opts: CallOptions,
    send: (signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<{ value: T; attempts: number }> {
    const { signal, priority = 0 } = opts;
    return this.limiter.run(
      priority,
      async () => {
        for (let attempt = 1; ; attempt++) {
          if (signal?.aborted) throw new AbortedError();
          try {
            this.bump((s) => s.calls++);
            const value = await send(signal);
            this.bump((s) => {
              s.usage.prompt_tokens += value.usage?.prompt_tokens ?? 0;
              s.usage.completion_tokens += value.usage?.completion_tokens ?? 0;
              s.usage.total_tokens += value.usage?.total_tokens ?? (value.usage?.prompt_tokens ?? 0) + (value.usage?.completion_tokens ?? 0);
            });
            return { value, attempts: attempt };
          } catch (err) {
            if (signal?.aborted || err instanceof AbortedError) throw new AbortedError();
            if (!isRetryable(err) || attempt >= this.retry.maxAttempts) {
              this.bump((s) => s.failures++);
              throw this.describe(stage, err, attempt);
            }
            const headers = (err as { headers?: Headers }).headers;
            this.bump((s) => s.retries++);
            await sleep(backoffMs(attempt, this.retry, retryAfterMs(headers)), signal).catch(() => {
              throw new AbortedError();
            });
          }
        }
      },
      signal,
    );
  }

  /** A readable error without the key, whatever the server echoed back. */
  private describe(stage: string, err: unknown, attempts: number): LlmError {
    if (err instanceof LlmError) return new LlmError(this.redact(err.message), err.status, attempts);
    const status = (err as { status?: unknown }).status;
    const message = this.redact(err instanceof Error ? err.message : String(err));
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    return new LlmError(`${stage}: ${message}${tries}`, typeof status === 'number' ? status : undefined, attempts);
  }

  /**
   * Stores an answer that came back from a batch under its call's key, as a live answer is stored.
   * Returns false (nothing stored) when the answer is not usable; throws when it is malformed.
   */
  async storeBatchAnswer(call: { key: string; stage: string; cacheRequest: object; toValue(body: unknown): unknown; usable(value: unknown): boolean }, responseBody: unknown): Promise<boolean> {
    const value = call.toValue(responseBody) as { usage?: Usage };
    if (!call.usable(value)) return false;
    await this.cache?.set(call.key, call.stage, call.cacheRequest, value);
    this.bump((s) => {
      s.usage.prompt_tokens += value.usage?.prompt_tokens ?? 0;
      s.usage.completion_tokens += value.usage?.completion_tokens ?? 0;
      s.usage.total_tokens += value.usage?.total_tokens ?? (value.usage?.prompt_tokens ?? 0) + (value.usage?.completion_tokens ?? 0);
    });
    return true;
  }

  redact(text: string): string {
    return this.secret.length >= 4 ? text.split(this.secret).join('***') : text;
  }

  private bump(change: (s: LlmStats) => void): void {
    change(this.stats);
    for (const l of this.listeners) l(this.stats);
  }
}

interface ChatValue {
  content: string;
  finishReason: string | null;
  usage?: Usage;
}

interface EmbedValue {
  vectors: number[][];
  usage?: Usage;
}

/** A chat completion's body (live or from a batch output line) as the client caches it. */
function chatValue(res: unknown): ChatValue {
  const body = res as { choices?: { message?: { content?: string | null }; finish_reason?: string | null }[]; usage?: Usage } | null;
  if (body === null || typeof body !== 'object' || !Array.isArray(body.choices)) throw new LlmError('not a chat completion (no choices)', undefined, 1);
  const choice = body.choices[0];
  const usage = body.usage;
  return {
    content: choice?.message?.content ?? '',
    finishReason: choice?.finish_reason ?? null,
    usage: usage ? { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens, total_tokens: usage.total_tokens } : undefined,
  };
}

/** An embeddings body as the client caches it: one vector per input, in input order. */
function embedValue(stage: string, res: unknown, inputs: number): EmbedValue {
  const body = res as { data?: { index: number; embedding: unknown }[]; usage?: Usage } | null;
  if (body === null || typeof body !== 'object' || !Array.isArray(body.data)) throw new LlmError(`${stage}: not an embeddings response (no data)`, undefined, 1);
  const vectors: number[][] = new Array(inputs);
  for (const d of body.data) vectors[d.index] = d.embedding as number[];
  // A plain loop: some() would skip the holes an answer with missing indices leaves.
  let complete = vectors.length === inputs;
  for (let i = 0; complete && i < inputs; i++) complete = Array.isArray(vectors[i]);
  if (!complete) {
    throw new LlmError(`${stage}: the server returned ${body.data.length} embeddings for ${inputs} inputs`, undefined, 1);
  }
  const lengths = [...new Set(vectors.map((v) => v.length))];
  if (lengths.length > 1) {
    throw new EmbeddingDimensionError(`${stage}: the embeddings endpoint returned vectors of different lengths (${lengths.join(', ')}) in one response`);
  }
  const usage = body.usage;
  return { vectors, usage: usage ? { prompt_tokens: usage.prompt_tokens, total_tokens: usage.total_tokens } : undefined };
}

/**
 * The server part of a cache key: scheme, host, port and path of the base URL, without user
 * info, query or fragment (where a key could hide), and without a trailing slash.
 */
export function endpointIdentity(baseUrl: string | undefined): string {
  if (!baseUrl) return 'https://api.openai.com/v1';
  try {
    const u = new URL(baseUrl);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return baseUrl;
  }
}
