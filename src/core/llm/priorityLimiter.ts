// One global limit on requests in flight. Waiting tasks run lowest priority number first (ties in
// arrival order), so calls of items that started earlier overtake those of later items: items
// finish one after another and are appended to the output early, while every free slot is still
// used by whichever item has work ready.

export class AbortedError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'AbortError';
  }
}

interface Waiter {
  priority: number;
  seq: number;
  start: () => void;
  cancel: (err: Error) => void;
}

export class PriorityLimiter {
  private active = 0;
  private seq = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `task` once a slot is free. A signal aborted while waiting rejects without running it. */
  async run<T>(priority: number, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(priority, signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(priority: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    if (this.active < this.concurrency && this.waiting.length === 0) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new AbortedError());
      };
      const waiter: Waiter = {
        priority,
        seq: this.seq++,
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        cancel: reject,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.insert(waiter);
    });
  }

  private insert(w: Waiter): void {
    // Binary search for the first waiter that should run after `w`.
    let lo = 0;
    let hi = this.waiting.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.waiting[mid];
      if (m.priority < w.priority || (m.priority === w.priority && m.seq < w.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.waiting.splice(lo, 0, w);
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next.start();
    else this.active--;
  }
}
