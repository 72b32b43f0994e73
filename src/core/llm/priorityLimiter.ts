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
  signal?: AbortSignal;
  start: () => void;
  cancel: (err: Error) => void;
}

/** The waiters that one signal cancels, and its one 'abort' listener. */
interface Watch {
  waiters: Set<Waiter>;
  onAbort: () => void;
}

export class PriorityLimiter {
  private active = 0;
  private seq = 0;
  private waiting: Waiter[] = [];
  /**
   * One 'abort' listener per signal, not one per waiter: a run's thousands of waiting calls share
   * its signal, and an EventTarget walks its listener list on every add and remove (the SDK adds
   * one per request too), which made queueing quadratic in the number of waiting calls.
   */
  private readonly watches = new Map<AbortSignal, Watch>();

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
      const waiter: Waiter = {
        priority,
        seq: this.seq++,
        signal,
        start: () => {
          this.unwatch(waiter);
          resolve();
        },
        cancel: reject,
      };
      if (signal) this.watch(signal, waiter);
      this.insert(waiter);
    });
  }

  private watch(signal: AbortSignal, waiter: Waiter): void {
    let w = this.watches.get(signal);
    if (!w) {
      const waiters = new Set<Waiter>();
      const onAbort = (): void => {
        this.watches.delete(signal);
        this.waiting = this.waiting.filter((x) => !waiters.has(x));
        for (const x of waiters) x.cancel(new AbortedError());
      };
      w = { waiters, onAbort };
      this.watches.set(signal, w);
      signal.addEventListener('abort', onAbort, { once: true });
    }
    w.waiters.add(waiter);
  }

  private unwatch(waiter: Waiter): void {
    if (!waiter.signal) return;
    const w = this.watches.get(waiter.signal);
    if (!w) return;
    w.waiters.delete(waiter);
    // No listener is left behind on a long-lived signal once none of its calls waits here.
    if (w.waiters.size === 0) {
      this.watches.delete(waiter.signal);
      waiter.signal.removeEventListener('abort', w.onAbort);
    }
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
