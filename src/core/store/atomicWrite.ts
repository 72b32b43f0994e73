// Crash-safe replacement of a file: readers (and a process killed half-way) see either the old
// or the new content, never a mix, and the promise resolves only once the new content is durable.
import { open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** Temporary files live next to the target (rename is only atomic within one file system). */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Deletes temp files a killed writer left next to `file`. Call only while holding the file's
 * lock: every writer of `file` holds it while its temp file exists, so any found now is orphaned.
 */
export async function removeOrphanTempFiles(file: string): Promise<number> {
  const prefix = `.${path.basename(file)}.`;
  let removed = 0;
  let names: string[];
  try {
    names = await readdir(path.dirname(file));
  } catch {
    return 0;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) {
      await unlink(path.join(path.dirname(file), name)).then(() => removed++, () => undefined);
    }
  }
  return removed;
}

async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle?.close();
  }
}

/** Writes `data` to a temp file, fsyncs it, renames it over `file`, then fsyncs the directory. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await writeFileAtomicWith(file, (handle) => handle.writeFile(data));
}

/**
 * The same replacement for content written piece by piece (`write` gets the temp file's handle):
 * a large output need not be built as one string or buffer first.
 */
export async function writeFileAtomicWith(file: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  const tmp = tempPathFor(file);
  const handle = await open(tmp, 'wx', 0o644);
  try {
    try {
      await write(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fsyncDir(path.dirname(file));
}
