// Where `medco reason --out` must never write: a dataset file of the run, or an annotations folder
// (annotator files, decisions, the rubric). Appending traces there would corrupt what annotators or
// data curators made.
import { closeSync, existsSync, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** The same file on disk (symlinks and relative paths resolved); a missing file is compared by path. */
export function sameFile(a: string, b: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

/** The first 4 KB of a file, as text; '' when unreadable. */
function head(file: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(4096);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A folder holding annotation files: `_adjudication.json`, or `*.json` of schema medco.annotations/1. */
function holdsAnnotationFiles(dir: string): boolean {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return false;
  }
  if (names.includes('_adjudication.json')) return true;
  return names.slice(0, 50).some((n) => /"schema"\s*:\s*"medco\.annotations\//.test(head(path.join(dir, n))));
}

/**
 * The annotations folder `out` would be written into, or undefined: its folder (or that folder's
 * parent) is named `annotations` (the default, CONTRACTS §3: `annotations/<dataset>/<annotator>.json`),
 * or its folder already holds annotation files.
 */
export function annotationsFolderOf(out: string): string | undefined {
  const dir = path.dirname(path.resolve(out));
  for (const candidate of [dir, path.dirname(dir)]) {
    if (path.basename(candidate).toLowerCase() === 'annotations') return candidate;
  }
  if (existsSync(dir) && holdsAnnotationFiles(dir)) return dir;
  return undefined;
}
