// Read–modify–write of one JSON file shared by several processes (VS Code windows, `medco`):
// under a file lock, the file is re-read (any in-memory copy may be stale), parsed and validated,
// changed by the caller, serialized and atomically replaced. A file that fails to parse or
// validate is reported with file, line and reason and is never overwritten.
//
// Used by the annotation store and the adjudication store (src/core/adjudication).
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseJsonLocated, lineOfPointer } from '../schema/jsonLocation';
import { formatIssues, type Validation } from '../schema/validators';
import { StoreFileError } from './errors';
import { removeOrphanTempFiles, writeFileAtomic } from './atomicWrite';
import { withFileLock, type FileLockOptions } from './fileLock';

export interface JsonFileCodec<T> {
  /**
   * Text → value. Default: strict JSON, with the line and column of a syntax error.
   * Throw StoreFileError to refuse the file.
   */
  parse?: (text: string, file: string) => unknown;
  /**
   * Checks (and may upgrade, e.g. migrate an older schema version) the parsed value.
   * Return `{ok:false, issues}` (from the validators in src/core/schema) to refuse the file:
   * the issues are reported with the line of the first offending value.
   */
  validate: (value: unknown) => Validation<T>;
}

export interface JsonFileUpdate<T, R> extends JsonFileCodec<T> {
  /**
   * Computes the new document from the current one (`undefined` when the file does not exist).
   * Return `next` to write it, or omit `next` to leave the file as it is. `result` is handed back.
   * Must not mutate `current` in place if it may return without `next`.
   */
  mutate: (current: T | undefined) => { next?: T; result: R } | Promise<{ next?: T; result: R }>;
  /** Value → file text or its UTF-8 bytes (pretty, stable key order, newline at the end). */
  serialize: (doc: T) => string | Buffer;
  lock?: FileLockOptions;
  /**
   * Optional slot, owned by the caller and kept across calls, holding the file's bytes and
   * decoded value as last read or written. When the file still has exactly those bytes, parsing
   * and validating are skipped (the costly part for a large file). `mutate` then receives the
   * cached value: it must build `next` without modifying `current` (copy what it changes).
   */
  cache?: JsonFileCache<T>;
}

export interface JsonFileCache<T> {
  bytes?: Buffer;
  value?: T;
  /**
   * Identity of the file as this process last wrote it: inode, size, and change and modification
   * times in nanoseconds. Every writer replaces the file by renaming a new one over it (a new
   * inode, new times), so while all four are unchanged nobody else has written it, and even the
   * read can be skipped.
   */
  signature?: string;
}

async function fileSignature(file: string): Promise<string | undefined> {
  const st = await stat(file, { bigint: true });
  // Without a real inode number (some platforms report 0) the signature proves nothing.
  return st.ino === 0n ? undefined : `${st.ino}:${st.size}:${st.ctimeNs}:${st.mtimeNs}`;
}

export type JsonFileRead<T> = { status: 'ok'; value: T; text: string } | { status: 'missing' } | { status: 'invalid'; error: StoreFileError };

function defaultParse(text: string, file: string): unknown {
  const r = parseJsonLocated(text);
  if (!r.ok) throw new StoreFileError(file, r.position.line, `invalid JSON: ${r.message}`, r.position.column);
  return r.value;
}

/** Parses and validates file text; throws StoreFileError naming file and line. */
export function decodeJsonFile<T>(file: string, text: string, codec: JsonFileCodec<T>): T {
  const value = (codec.parse ?? defaultParse)(text, file);
  const v = codec.validate(value);
  if (v.ok) return v.value;
  const first = v.issues[0];
  const line = first ? lineOfPointer(text, first.pointer) : 1;
  throw new StoreFileError(file, line, `does not match its schema: ${formatIssues(v.issues)}`);
}

/** Reads a JSON file without locking (a reader sees the old or the new file: writes are atomic). */
export async function readJsonFile<T>(file: string, codec: JsonFileCodec<T>): Promise<JsonFileRead<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    throw err;
  }
  try {
    return { status: 'ok', value: decodeJsonFile(file, text, codec), text };
  } catch (err) {
    if (err instanceof StoreFileError) return { status: 'invalid', error: err };
    throw err;
  }
}

/** The current document (undefined if the file is missing), through the cache when it is current. */
async function readUnderLock<T>(file: string, update: JsonFileUpdate<T, unknown>): Promise<T | undefined> {
  const cache = update.cache;
  let bytes: Buffer;
  try {
    if (cache?.signature !== undefined && cache.value !== undefined && (await fileSignature(file)) === cache.signature) return cache.value;
    bytes = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (cache?.bytes && cache.value !== undefined && cache.bytes.equals(bytes)) return cache.value;
  const value = decodeJsonFile(file, bytes.toString('utf8'), update); // throws StoreFileError: file left as is
  if (cache) Object.assign(cache, { bytes, value, signature: undefined });
  return value;
}

/**
 * Locked read–modify–write of `file`. Resolves once the new content is durable on disk (or
 * immediately after the read if `mutate` returned no `next`). Rejects with StoreFileError, and
 * leaves the file byte-for-byte untouched, if the current file cannot be parsed or validated.
 */
export async function updateJsonFileLocked<T, R>(
  file: string,
  update: JsonFileUpdate<T, R>,
): Promise<{ result: R; doc: T | undefined; written: boolean }> {
  await mkdir(path.dirname(file), { recursive: true });
  return withFileLock(
    file,
    async (lock) => {
      const before = await readUnderLock(file, update);
      await removeOrphanTempFiles(file);
      const { next, result } = await update.mutate(before);
      if (next === undefined) return { result, doc: before, written: false };
      const out = update.serialize(next);
      const bytes = typeof out === 'string' ? Buffer.from(out, 'utf8') : out;
      lock.assertHeld();
      if (update.cache) Object.assign(update.cache, { bytes: undefined, signature: undefined }); // unknown until the rename is done
      await writeFileAtomic(file, bytes);
      // Taken under the lock, right after our own rename: no other writer can come in between.
      if (update.cache) Object.assign(update.cache, { bytes, value: next, signature: await fileSignature(file) });
      return { result, doc: next, written: true };
    },
    update.lock,
  );
}
