// Read-modify-write of one JSON file, safe across processes: a lock (proper-lockfile) serialises
// writers, the new content goes to a temporary file that is renamed over the old one, so readers
// see either the old or the new file, never half of one. A file that cannot be parsed is left
// untouched. Same shape as the store's `updateJsonFileLocked`, for the decision file.
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import lockfile from 'proper-lockfile';

export interface LockedUpdate<T, R> {
  /** Parses the file's text; throws (naming file and line) when it cannot. */
  parse(text: string): T;
  /** Content to start from when the file does not exist yet. */
  empty(): T;
  /** Throws when the parsed value is not a valid document (then nothing is written). */
  validate?(value: T): void;
  /** Changes the document in place and returns what the caller wants back. */
  mutate(value: T): R;
  serialize(value: T): string;
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync(); // durable before it replaces the old file
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

export async function updateJsonFileLocked<T, R>(file: string, update: LockedUpdate<T, R>): Promise<R> {
  await mkdir(path.dirname(file), { recursive: true });
  const release = await lockfile.lock(file, {
    realpath: false, // the file may not exist yet
    stale: 10_000,
    retries: { retries: 200, minTimeout: 10, maxTimeout: 100, factor: 1.3 },
  });
  try {
    const text = await readIfExists(file);
    const value = text === null ? update.empty() : update.parse(text);
    update.validate?.(value);
    const result = update.mutate(value);
    await writeAtomically(file, update.serialize(value));
    return result;
  } finally {
    await release();
  }
}
