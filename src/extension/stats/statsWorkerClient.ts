// The host's side of the statistics worker: runs a job in a fresh worker thread (so a long
// computation never freezes the extension host), cancellable through an AbortSignal, and
// `LatestStatsJob`, which lets a newer refresh supersede an older one (the old worker is
// terminated and its result dropped). No `vscode` here, so unit tests use the real worker.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StatsJobRequest, StatsJobResult, StatsWorkerReply } from './statsJob';

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

export function runStatsJobInWorker(request: StatsJobRequest, options: RunOptions = {}): Promise<StatsJobResult> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(new StatsJobCancelled());
  return new Promise<StatsJobResult>((resolve, reject) => {
    let settled = false;
    // Absolute: Worker takes a relative path only with a leading './'.
    const worker = new Worker(path.resolve(options.workerPath ?? bundledWorkerPath()), { workerData: request });
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      finish();
      void worker.terminate();
    };
    const onAbort = () => settle(() => reject(new StatsJobCancelled()));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: StatsWorkerReply) =>
      settle(() => (reply.ok ? resolve(reply.result) : reject(new Error(reply.message)))),
    );
    // A worker that cannot load (missing file, syntax error) or throws outside the job.
    worker.once('error', (err: Error) => settle(() => reject(err)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the statistics worker stopped without a result (exit code ${code})`))));
  });
}

/**
 * At most one job in flight: starting a new one cancels the previous, whose promise resolves to
 * `undefined` (superseded: the caller drops it) instead of a stale result.
 */
export class LatestStatsJob {
  private current: AbortController | undefined;

  constructor(private readonly workerPath?: string) {}

  async run(request: StatsJobRequest): Promise<StatsJobResult | undefined> {
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    try {
      const result = await runStatsJobInWorker(request, { workerPath: this.workerPath, signal: controller.signal });
      return controller.signal.aborted ? undefined : result;
    } catch (err) {
      if (controller.signal.aborted) return undefined;
      throw err;
    } finally {
      if (this.current === controller) this.current = undefined;
    }
  }

  /** Stops the job in flight, e.g. when the panel closes. */
  cancel(): void {
    this.current?.abort();
    this.current = undefined;
  }
}
