// The one place that talks to an OpenAI-compatible server. Every call goes through the disk cache,
// the global in-flight limit and our retry loop (the SDK's own retries are off so that every
// attempt is ours and is counted). The API key is only handed to the SDK: it is never part of a
// cache key, a cache file, an error message or a trace.
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { DiskCache, cacheKey } from './diskCache';
import { PriorityLimiter, AbortedError } from './priorityLimiter';
import { DEFAULT_RETRY, RetryPolicy, backoffMs, isRetryable, retryAfterMs, sleep } from './retry';
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
  /** Falls back to OPENAI_API_KEY; keyless local servers get a placeholder the SDK insists on. */
  apiKey?: string;
  /** Requests in flight at once, over all items and stages. */
  concurrency?: number;
  /** Per attempt. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** null disables the disk cache. */
  cacheDir?: string | null;
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
  private readonly limiter: PriorityLimiter;
  private readonly cache: DiskCache | null;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly secret: string;
  /** Which server answers: part of every cache key, so a changed endpoint never reuses answers. */
  private readonly endpoint: string;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<(stats: LlmStats) => void>();

  constructor(options: LlmOptions) {
    this.model = options.model;
    this.embeddingModel = options.embeddingModel || null;
    this.secret = options.apiKey || process.env.OPENAI_API_KEY || '';
    this.endpoint = endpointIdentity(options.baseUrl) + (options.apiVersion ? `?api-version=${options.apiVersion}` : '');
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.limiter = new PriorityLimiter(options.concurrency ?? 8);
    this.cache = options.cacheDir ? new DiskCache(options.cacheDir) : null;
    this.sdk = createOpenAISdk({ baseUrl: options.baseUrl, apiKey: this.secret, headers: options.headers, apiVersion: options.apiVersion, timeoutMs: this.timeoutMs });
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
    };
    const keyed = req.variant ? { ...body, variant: req.variant } : body;
    const accept = req.accept;
    const usable = accept === undefined ? undefined : (v: { content: string }) => accept(v.content);
    const r = await this.cached<{ content: string; finishReason: string | null; usage?: Usage }>(stage, keyed, opts, usable, async (signal) => {
      const res = await this.sdk.chat.completions.create(body, { signal, timeout: this.timeoutMs });
      const choice = res.choices?.[0];
      return {
        content: choice?.message?.content ?? '',
        finishReason: choice?.finish_reason ?? null,
        usage: res.usage
          ? { prompt_tokens: res.usage.prompt_tokens, completion_tokens: res.usage.completion_tokens, total_tokens: res.usage.total_tokens }
          : undefined,
      };
    });
    return { content: r.value.content, finishReason: r.value.finishReason, usage: r.value.usage, ms: r.ms, attempts: r.attempts, cached: r.cached };
  }

  async embed(stage: string, inputs: string[], opts: CallOptions = {}): Promise<EmbedResult> {
    const model = this.embeddingModel;
    if (!model) throw new LlmError(`${stage}: no embedding model configured`, undefined, 0);
    if (inputs.length === 0) return { vectors: [], ms: 0, attempts: 0, cached: true };
    const body = { model, input: inputs, encoding_format: 'float' as const };
    const r = await this.cached(stage, body, opts, undefined, async (signal) => {
      const res = await this.sdk.embeddings.create(body, { signal, timeout: this.timeoutMs });
      const vectors: number[][] = new Array(inputs.length);
      for (const d of res.data) vectors[d.index] = d.embedding as number[];
      if (vectors.length !== inputs.length || vectors.some((v) => !Array.isArray(v))) {
        throw new LlmError(`${stage}: the server returned ${res.data.length} embeddings for ${inputs.length} inputs`, undefined, 1);
      }
      return { vectors, usage: res.usage ? { prompt_tokens: res.usage.prompt_tokens, total_tokens: res.usage.total_tokens } : undefined };
    });
    return { vectors: r.value.vectors, usage: r.value.usage, ms: r.ms, attempts: r.attempts, cached: r.cached };
  }

  /** Cache lookup, de-duplication of identical calls in flight, then the retried request. */
  private async cached<T extends { usage?: Usage }>(
    stage: string,
    request: object,
    opts: CallOptions,
    usable: ((value: T) => boolean) | undefined,
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
    const hit = await this.cache?.get<T>(key);
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

  redact(text: string): string {
    return this.secret.length >= 4 ? text.split(this.secret).join('***') : text;
  }

  private bump(change: (s: LlmStats) => void): void {
    change(this.stats);
    for (const l of this.listeners) l(this.stats);
  }
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
