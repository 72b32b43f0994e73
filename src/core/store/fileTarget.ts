// The path a store really reads and writes, and plain-language reports of paths it cannot use.
// A symlinked annotator file (e.g. kept in another checkout and linked in) is written through:
// the lock, the re-read and the atomic rename all happen next to the link's target, so the link
// stays a link and two links to one file share one lock.
import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import { StoreFileError } from './errors';

const code = (err: unknown) => (err as NodeJS.ErrnoException)?.code;

/** A file-system error on `file` as a StoreFileError naming the path, or undefined if unexpected. */
export function fileSystemProblem(file: string, err: unknown): StoreFileError | undefined {
  switch (code(err)) {
    case 'ELOOP':
      return new StoreFileError(file, 0, 'symlink loop: following its symbolic links leads back to itself');
    case 'EISDIR':
      return new StoreFileError(file, 0, 'is a directory, where a file should be');
    case 'ENOTDIR':
      return new StoreFileError(file, 0, 'a part of this path is a file, where a folder should be');
    case 'EACCES':
    case 'EPERM':
      return new StoreFileError(file, 0, `permission denied (${code(err)})`);
    default:
      return undefined;
  }
}

/** Why a path that reads as "no such file" is still not a missing file (a dangling symlink), if it is not. */
export async function danglingLinkProblem(file: string): Promise<StoreFileError | undefined> {
  try {
    if (!(await lstat(file)).isSymbolicLink()) return undefined;
    return new StoreFileError(file, 0, `is a symlink to a missing file (${await readlink(file)}); restore its target or remove the link`);
  } catch {
    return undefined;
  }
}

/**
 * The file to lock, read and replace for `file`: itself, or the final target of a symlink.
 * Throws StoreFileError for a directory, a symlink loop or a dangling symlink (never replaced by a
 * new regular file: that would silently cut the link).
 */
export async function resolveWriteTarget(file: string): Promise<string> {
  let link;
  try {
    link = await lstat(file);
  } catch (err) {
    if (code(err) === 'ENOENT') return file; // a new file (its folder may not exist yet)
    throw fileSystemProblem(file, err) ?? err;
  }
  if (link.isDirectory()) throw fileSystemProblem(file, { code: 'EISDIR' })!;
  if (!link.isSymbolicLink()) return file;
  let target: string;
  try {
    target = await realpath(file);
  } catch (err) {
    if (code(err) === 'ENOENT') throw (await danglingLinkProblem(file)) ?? err;
    throw fileSystemProblem(file, err) ?? err;
  }
  if ((await stat(target)).isDirectory()) throw new StoreFileError(file, 0, `is a symlink to a directory (${target}), where a file should be`);
  return target;
}
