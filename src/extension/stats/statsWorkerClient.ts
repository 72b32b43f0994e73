// The host's side of the statistics worker: runs jobs in a worker thread (so a long computation
// never freezes the extension host), cancellable through an AbortSignal, and `LatestStatsJob`,
// with which a newer refresh supersedes an older one (the busy worker is terminated and the old
// result dropped) while an idle worker is reused. No `vscode` here, so unit tests use the real worker.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StatsJobRequest, StatsJobResult, StatsWorkerReply, StatsWorkerRequest } from './statsJob';

/** dist/extension.js and dist/statsWorker.js are bundled side by side (scripts/build.mjs). */
export function bundledWorkerPath(): string {
  return path.join(__dirname, 'statsWorker.js');
}

export class StatsJobCancelled extends Error {
  constructor() {
    super('statistics computation cancelled');
    this.name = 'StatsJobCancelled';
  }
}

export interface RunOptions {
  workerPath?: string;
  signal?: AbortSignal;
}

interface Pending {
  resolve: (result: StatsJobResult) => void;
  reject: (err: Error) => void;
}

/** One worker thread and its requests in flight. */
class StatsWorkerThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor(workerPath: string | undefined) {
    // Absolute: Worker takes a relative path only with a leading './'.
    this.worker = new Worker(path.resolve(workerPath ?? bundledWorkerPath()));
    this.worker.on('message', (reply: StatsWorkerReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      this.updateRef();
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new Error(reply.message));
    });
    // A worker that cannot load (missing file, syntax error) or throws outside a job.
    this.worker.on('error', (err: Error) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`the statistics worker stopped without a result (exit code ${code})`)));
    this.updateRef();
  }

  get alive(): boolean {
    return this.failure === undefined;
  }

  run(request: StatsJobRequest): Promise<StatsJobResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<StatsJobResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.updateRef();
      const message: StatsWorkerRequest = { id, request };
      this.worker.postMessage(message);
    });
  }

  terminate(reason: Error): void {
    this.fail(reason);
    void this.worker.terminate();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(err);
  }

  /** An idle worker must not keep the process alive (tests, CLI); a busy one must. */
  private updateRef(): void {
    if (this.pending.size > 0) this.worker.ref();
    else this.worker.unref();
  }
}

/** Wires an AbortSignal to a job: aborting terminates the thread and rejects with StatsJobCancelled. */
async function runCancellable(thread: StatsWorkerThread, request: StatsJobRequest, signal: AbortSignal | undefined): Promise<StatsJobResult> {
  if (signal?.aborted) throw new StatsJobCancelled();
  const onAbort = () => thread.terminate(new StatsJobCancelled());
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await thread.run(request);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** One job in a worker thread of its own, which ends with the job (the export uses this). */
export async function runStatsJobInWorker(request: StatsJobRequest, options: RunOptions = {}): Promise<StatsJobResult> {
  if (options.signal?.aborted) throw new StatsJobCancelled();
  const thread = new StatsWorkerThread(options.workerPath);
  try {
    return await runCancellable(thread, request, options.signal);
  } finally {
    thread.terminate(new StatsJobCancelled());
  }
}

/**
 * At most one job in flight: starting a new one cancels the previous, whose promise resolves to
 * `undefined` (superseded: the caller drops it) instead of a stale result. The worker is kept
 * between jobs, so a refresh after a save does not pay for starting and compiling it again.
 */
export class LatestStatsJob {
  private current: AbortController | undefined;
  private thread: StatsWorkerThread | undefined;

  constructor(private readonly workerPath?: string) {}

  async run(request: StatsJobRequest): Promise<StatsJobResult | undefined> {
    this.current?.abort(); // terminates the busy worker
    const controller = new AbortController();
    this.current = controller;
    if (!this.thread?.alive) this.thread = new StatsWorkerThread(this.workerPath);
    try {
      const result = await runCancellable(this.thread, request, controller.signal);
      return controller.signal.aborted ? undefined : result;
    } catch (err) {
      if (controller.signal.aborted) return undefined;
      throw err;
    } finally {
      if (this.current === controller) this.current = undefined;
    }
  }

  /** Stops the job in flight, if any; the next run starts a fresh worker. */
  cancel(): void {
    this.current?.abort();
    this.current = undefined;
  }

  /** Stops the worker, busy or idle, e.g. when the panel closes. */
  dispose(): void {
    this.cancel();
    this.thread?.terminate(new StatsJobCancelled());
    this.thread = undefined;
  }
}
