// A run's own abort signal, following the caller's: every queued call and backoff of a run listens
// to it, far more listeners than EventTarget's default limit of 10 would allow on the caller's.
import { setMaxListeners } from 'node:events';

export function followSignal(parent: AbortSignal | undefined): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const onAbort = (): void => controller.abort();
  if (parent?.aborted) controller.abort();
  parent?.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, release: () => parent?.removeEventListener('abort', onAbort) };
}
