// The one message envelope of every webview panel. Notifications are plain `{ type, … }` messages
// that each panel's protocol file defines and guards. A request is
// `{ type: 'request', id, method, params }` and gets exactly one reply `{ type: 'reply', id, result }`
// or `{ type: 'reply', id, error }`: the webview matches replies to its requests by id, so no panel
// invents its own reply-matching scheme. Both ends check params and results with the guards a
// RequestType carries, so a request is as strictly validated as any notification.
import { isObject } from './guards';

/** A request a webview may send: its method name and the guards of its params and result. */
export interface RequestType<M extends string = string, P = unknown, R = unknown> {
  readonly method: M;
  readonly isParams: (v: unknown) => v is P;
  readonly isResult: (v: unknown) => v is R;
}

export type ParamsOf<T> = T extends RequestType<string, infer P, unknown> ? P : never;
export type ResultOf<T> = T extends RequestType<string, unknown, infer R> ? R : never;

export function requestType<M extends string, P, R>(
  method: M,
  isParams: (v: unknown) => v is P,
  isResult: (v: unknown) => v is R,
): RequestType<M, P, R> {
  return { method, isParams, isResult };
}

export interface ReadyMessage {
  type: 'ready';
}

export interface RequestMessage<M extends string = string, P = unknown> {
  type: 'request';
  id: number;
  method: M;
  params: P;
}

export type ReplyMessage<R = unknown> = { type: 'reply'; id: number; result: R } | { type: 'reply'; id: number; error: string };

/** The request messages of a set of request types, as a union. */
export type RequestsOf<T extends RequestType> = T extends RequestType<infer M, infer P, unknown> ? RequestMessage<M, P> : never;

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** Host side: a request of one of `types`, with an id and params that pass the type's guard. */
export function isRequestOf<T extends RequestType>(types: readonly T[], v: unknown): v is RequestsOf<T> {
  if (!isObject(v) || v.type !== 'request' || !isId(v.id)) return false;
  const type = types.find((t) => t.method === v.method);
  return type !== undefined && type.isParams(v.params);
}

/** Webview side: a reply's shape (its result is checked against the request it answers). */
export function isReply(v: unknown): v is ReplyMessage {
  if (!isObject(v) || v.type !== 'reply' || !isId(v.id)) return false;
  return 'result' in v ? !('error' in v) : typeof v.error === 'string';
}

/**
 * The webview's side of requests: numbers them, remembers each until its reply, and settles it
 * with a result that passes the request type's guard. A reply nobody waits for is ignored.
 */
export class PendingRequests {
  private nextId = 1;
  private readonly waiting = new Map<number, { type: RequestType; resolve(r: unknown): void; reject(e: Error): void }>();

  /** The message to post and the promise of its reply. */
  start<T extends RequestType>(type: T, params: ParamsOf<T>): { message: RequestMessage<T['method'], ParamsOf<T>>; reply: Promise<ResultOf<T>> } {
    const id = this.nextId++;
    const reply = new Promise<ResultOf<T>>((resolve, reject) => {
      this.waiting.set(id, { type, resolve: resolve as (r: unknown) => void, reject });
    });
    return { message: { type: 'request', id, method: type.method, params }, reply };
  }

  /** Settles the request `reply` answers; false when no request waits for that id. */
  settle(reply: ReplyMessage): boolean {
    const entry = this.waiting.get(reply.id);
    if (!entry) return false;
    this.waiting.delete(reply.id);
    if ('error' in reply) entry.reject(new Error(reply.error));
    else if (entry.type.isResult(reply.result)) entry.resolve(reply.result);
    else entry.reject(new Error(`malformed reply to ${entry.type.method}`));
    return true;
  }
}

/** Host side: runs the handler of a request and builds its one reply (a thrown error becomes `error`). */
export async function answer<R>(id: number, run: () => Promise<R> | R): Promise<ReplyMessage<R>> {
  try {
    return { type: 'reply', id, result: await run() };
  } catch (err) {
    return { type: 'reply', id, error: err instanceof Error ? err.message : String(err) };
  }
}
