// Read–modify–write of one JSON file shared by several processes (VS Code windows, `medco`):
// under a file lock, the file is re-read (any in-memory copy may be stale), parsed and validated,
// changed by the caller, serialized and atomically replaced. A file that fails to parse or
// validate is reported with file, line and reason and is never overwritten.
//
// Used by the annotation store and the adjudication store (src/core/adjudication).
import { mkdir, readFile } from 'node:fs/promises';
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
  /** Value → file text (pretty, stable key order, newline at the end). */
  serialize: (doc: T) => string;
  lock?: FileLockOptions;
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
      const current = await readJsonFile(file, update);
      if (current.status === 'invalid') throw current.error;
      await removeOrphanTempFiles(file);
      const before = current.status === 'ok' ? current.value : undefined;
      const { next, result } = await update.mutate(before);
      if (next === undefined) return { result, doc: before, written: false };
      const text = update.serialize(next);
      lock.assertHeld();
      await writeFileAtomic(file, text);
      return { result, doc: next, written: true };
    },
    update.lock,
  );
}
