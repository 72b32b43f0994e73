// When and how long to wait before trying a failed request again.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** First backoff; doubles each attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

/** 429, 5xx, 408/409 (the OpenAI API's own retryable set), timeouts and dropped connections. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof APIUserAbortError) return false;
  if (err instanceof APIConnectionTimeoutError || err instanceof APIConnectionError) return true;
  if (err instanceof APIError && typeof err.status === 'number') {
    return err.status === 429 || err.status === 408 || err.status === 409 || err.status >= 500;
  }
  return false;
}

/** The server's requested wait in ms (`retry-after-ms`, `Retry-After` as seconds or HTTP date), or null. */
export function retryAfterMs(headers: Headers | Record<string, string> | undefined, now = Date.now()): number | null {
  if (!headers) return null;
  const get = (name: string): string | null =>
    headers instanceof Headers ? headers.get(name) : (headers[name] ?? headers[name.toLowerCase()] ?? null);
  const ms = get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = get('retry-after');
  if (ra === null || ra.trim() === '') return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(ra)) return Math.max(0, Number(ra) * 1000);
  const date = Date.parse(ra);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * Exponential backoff with full jitter (AWS architecture blog), never shorter than what the server
 * asked for in Retry-After: jitter spreads the retries of many concurrent requests apart.
 */
export function backoffMs(attempt: number, policy: RetryPolicy, serverWaitMs: number | null, random = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = cap / 2 + random() * (cap / 2);
  return serverWaitMs === null ? jittered : Math.max(serverWaitMs, Math.min(jittered, serverWaitMs + policy.baseDelayMs));
}

/** Waits `ms`, or rejects as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('cancelled'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal?.reason ?? new Error('cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
