// Read–modify–write of one JSON file shared by several processes (VS Code windows, `medco`):
// under a file lock, the file is re-read (any in-memory copy may be stale), parsed and validated,
// changed by the caller, serialized and atomically replaced. A file that fails to parse or
// validate is reported with file, line and reason and is never overwritten. "Parse" is strict
// (jsonFileText.ts): invalid UTF-8, duplicate keys and excessive nesting make a file unusable too.
// A symlinked file is written through (fileTarget.ts).
//
// Used by the annotation store and the adjudication store (src/core/adjudication).
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { lineOfPointer } from '../schema/jsonLocation';
import { formatIssues, type Validation } from '../schema/validators';
import { StoreFileError } from './errors';
import { danglingLinkProblem, fileSystemProblem, resolveWriteTarget } from './fileTarget';
import { decodeUtf8Strict, parseJsonStrict } from './jsonFileText';
import { removeOrphanTempFiles, writeFileAtomic } from './atomicWrite';
import { withFileLock, type FileLockOptions } from './fileLock';

export interface JsonFileCodec<T> {
  /**
   * Text → value. Default: strict JSON (`parseJsonStrict`: line and column of a syntax error,
   * duplicate keys and deep nesting refused). Throw StoreFileError to refuse the file.
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

export type JsonFileRead<T> = { status: 'ok'; value: T; bytes: Buffer } | { status: 'missing' } | { status: 'invalid'; error: StoreFileError };

/** Parses and validates file text; throws StoreFileError naming file and line. */
export function decodeJsonFile<T>(file: string, text: string, codec: JsonFileCodec<T>): T {
  try {
    const value = (codec.parse ?? parseJsonStrict)(text, file);
    const v = codec.validate(value);
    if (v.ok) return v.value;
    const first = v.issues[0];
    const line = first ? lineOfPointer(text, first.pointer) : 1;
    throw new StoreFileError(file, line, `does not match its schema: ${formatIssues(v.issues)}`);
  } catch (err) {
    // Last resort for a shape no check above foresaw: the file is reported, never a bare overflow.
    if (err instanceof RangeError) throw new StoreFileError(file, 1, `cannot be read (${err.message})`);
    throw err;
  }
}

/** Strict UTF-8 (a BOM is dropped), then parse and validate; throws StoreFileError. */
export function decodeJsonFileBytes<T>(file: string, bytes: Uint8Array, codec: JsonFileCodec<T>): T {
  return decodeJsonFile(file, decodeUtf8Strict(file, bytes), codec);
}

/** The file's bytes; undefined if missing; StoreFileError for a path that cannot be read as a file. */
async function readBytes(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      const dangling = await danglingLinkProblem(file);
      if (dangling) throw dangling;
      return undefined;
    }
    throw fileSystemProblem(file, err) ?? err;
  }
}

/**
 * Reads a JSON file without locking (a reader sees the old or the new file: writes are atomic).
 * Anything that makes the file unusable (content or path) is `invalid`, naming file and line, so
 * that a reader of many files can report it and go on with the others.
 */
export async function readJsonFile<T>(file: string, codec: JsonFileCodec<T>): Promise<JsonFileRead<T>> {
  try {
    const bytes = await readBytes(file);
    if (bytes === undefined) return { status: 'missing' };
    return { status: 'ok', value: decodeJsonFileBytes(file, bytes, codec), bytes };
  } catch (err) {
    if (err instanceof StoreFileError) return { status: 'invalid', error: err };
    throw err;
  }
}

/**
 * The current document (undefined if the file is missing), through the cache when it is current.
 * `target` is read; errors name `file`, the path the caller gave (the same unless it is a symlink).
 */
async function readUnderLock<T>(target: string, file: string, update: JsonFileUpdate<T, unknown>): Promise<T | undefined> {
  const cache = update.cache;
  let bytes: Buffer;
  try {
    if (cache?.signature !== undefined && cache.value !== undefined && (await fileSignature(target)) === cache.signature) return cache.value;
    bytes = await readFile(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileSystemProblem(file, err) ?? err;
  }
  if (cache?.bytes && cache.value !== undefined && cache.bytes.equals(bytes)) return cache.value;
  const value = decodeJsonFileBytes(file, bytes, update); // throws StoreFileError: file left as is
  if (cache) Object.assign(cache, { bytes, value, signature: undefined });
  return value;
}

/**
 * Locked read–modify–write of `file`. Resolves once the new content is durable on disk (or
 * immediately after the read if `mutate` returned no `next`). Rejects with StoreFileError, and
 * leaves the file byte-for-byte untouched, if the current file cannot be parsed or validated, or
 * its path cannot hold a file (a directory, a symlink loop, a dangling symlink). A symlink is
 * written through: its target is locked and replaced, the link stays.
 */
export async function updateJsonFileLocked<T, R>(
  file: string,
  update: JsonFileUpdate<T, R>,
): Promise<{ result: R; doc: T | undefined; written: boolean }> {
  const target = await resolveWriteTarget(file);
  await mkdir(path.dirname(target), { recursive: true });
  return withFileLock(
    target,
    async (lock) => {
      const before = await readUnderLock(target, file, update);
      await removeOrphanTempFiles(target);
      const { next, result } = await update.mutate(before);
      if (next === undefined) return { result, doc: before, written: false };
      const out = update.serialize(next);
      const bytes = typeof out === 'string' ? Buffer.from(out, 'utf8') : out;
      lock.assertHeld();
      if (update.cache) Object.assign(update.cache, { bytes: undefined, signature: undefined }); // unknown until the rename is done
      await writeFileAtomic(target, bytes);
      // Taken under the lock, right after our own rename: no other writer can come in between.
      if (update.cache) Object.assign(update.cache, { bytes, value: next, signature: await fileSignature(target) });
      return { result, doc: next, written: true };
    },
    update.lock,
  );
}
