// Folder outputs of `medco export` (hf, labelstudio, argilla): written whole into a temporary
// folder beside the target and renamed into place, so the folder is never half written. The target
// must be new, empty, or an earlier folder export (it holds the marker file `.medco-export`); it is
// never inside the annotations folder.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors';
import { realTarget } from './outputGuard';

export const FOLDER_MARKER = '.medco-export';

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Checks `out` as a folder target; returns its real path. */
export function checkOutputFolder(out: string, annotationsDir: string): string {
  const target = realTarget(out);
  const root = existsSync(annotationsDir) ? realpathSync(annotationsDir) : path.resolve(annotationsDir);
  if (isInside(target, root) || isInside(root, target)) {
    throw new UserError(`${out}: is inside (or holds) the annotations folder ${annotationsDir}; write the export elsewhere`);
  }
  if (!existsSync(target)) return target;
  if (!statSync(target).isDirectory()) throw new UserError(`${out}: exists and is not a folder; this format writes a folder`);
  const names = readdirSync(target);
  if (names.length > 0 && !names.includes(FOLDER_MARKER)) {
    throw new UserError(`${out}: is a folder that is neither empty nor an earlier medco export; choose another folder`);
  }
  return target;
}

/** Writes `files` (relative path → content) as the folder `target`, replacing an earlier export. */
export async function writeFolder(target: string, files: ReadonlyMap<string, string | Uint8Array>, shown: string): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  const old = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.old`);
  try {
    await rm(temp, { recursive: true, force: true });
    await mkdir(temp);
    for (const [rel, content] of files) {
      const file = path.join(temp, rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    await writeFile(path.join(temp, FOLDER_MARKER), 'Written by medco export; medco export may replace this folder.\n');
    if (existsSync(target)) await rename(target, old);
    await rename(temp, target);
    await rm(old, { recursive: true, force: true });
  } catch (err) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    if (existsSync(old) && !existsSync(target)) await rename(old, target).catch(() => undefined);
    throw new UserError(`${shown}: cannot write the export: ${(err as Error).message}`);
  }
}
