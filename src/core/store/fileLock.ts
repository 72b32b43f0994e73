// Cross-process mutual exclusion on one file, for the read–merge–write cycle of the stores.
// proper-lockfile creates `<file>.lock` (a directory: mkdir is atomic) and keeps its mtime fresh
// while held; a lock whose mtime is older than `staleMs` was left by a process that died (e.g.
// a VS Code window killed mid-save) and is taken over.
import lockfile from 'proper-lockfile';

export interface FileLockOptions {
  /** A lock not refreshed for this long is considered abandoned (proper-lockfile minimum: 2000). */
  staleMs?: number;
  /** How long to keep trying to get a held lock before giving up. */
  timeoutMs?: number;
}

export const DEFAULT_LOCK_OPTIONS: Required<FileLockOptions> = { staleMs: 5000, timeoutMs: 30000 };

export class LockTimeoutError extends Error {
  constructor(readonly file: string) {
    super(`${file}: could not get the lock (${file}.lock) — another process is saving; try again`);
    this.name = 'LockTimeoutError';
  }
}

export class LockCompromisedError extends Error {
  constructor(readonly file: string, cause: unknown) {
    super(`${file}: the lock was lost while saving (${(cause as Error)?.message ?? String(cause)}); nothing was written`);
    this.name = 'LockCompromisedError';
  }
}

/** Handle given to the locked section: `assertHeld()` before the final rename. */
export interface HeldLock {
  assertHeld(): void;
}

/**
 * Runs `fn` while holding the lock on `file` (which need not exist yet; its directory must).
 * The lock is released whatever `fn` does.
 */
export async function withFileLock<R>(file: string, fn: (lock: HeldLock) => Promise<R>, options: FileLockOptions = {}): Promise<R> {
  const { staleMs, timeoutMs } = { ...DEFAULT_LOCK_OPTIONS, ...options };
  let compromised: unknown;
  const deadline = Date.now() + timeoutMs;
  let release: () => Promise<void>;
  for (;;) {
    try {
      release = await lockfile.lock(file, {
        realpath: false,
        stale: staleMs,
        update: Math.max(1000, Math.floor(staleMs / 4)),
        retries: { retries: 50, factor: 1.2, minTimeout: 5, maxTimeout: 100, randomize: true },
        // The default throws from a timer and kills the process; record it and fail the save instead.
        onCompromised: (err) => {
          compromised = err;
        },
      });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      if (Date.now() >= deadline) throw new LockTimeoutError(file);
    }
  }
  const held: HeldLock = {
    assertHeld() {
      if (compromised !== undefined) throw new LockCompromisedError(file, compromised);
    },
  };
  try {
    return await fn(held);
  } finally {
    await release().catch(() => undefined); // a compromised lock may already be gone
  }
}
