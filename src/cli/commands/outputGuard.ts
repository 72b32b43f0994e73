// Where the CLI's outputs may write: nothing annotators, curators or runs produced is ever replaced.
// `medco reason --out` appends traces, so it must never be a dataset file of the run nor inside an
// annotations folder (see annotationsFolderOf). `medco export --out` is checked after resolving
// symlinks and relative paths (checkOutputPath):
//   - never, even with --force: an existing annotation, adjudication or study file (by content, so
//     a link or copy elsewhere is caught too), or a .json file inside the annotations folder;
//   - only with --force: any other path inside the annotations folder; an input of this run
//     (--dataset-file, --traces, --rubric); an existing traces file (`*.traces.jsonl`); any other
//     existing file that is not an earlier medco export (a dataset, a user's own file);
//   - freely: a new file, an empty file, or an earlier medco export (csv, jsonl or md).
import { closeSync, existsSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors';

export interface OutputContext {
  annotationsDir: string;
  /** Files this run reads (dataset files, traces, rubric): never its own output. */
  inputs: readonly string[];
  force: boolean;
}

const MEDCO_RECORD = /"schema"\s*:\s*"medco\.(annotations|adjudication|study)\//;
const TRACE_RECORD = /"schema"\s*:\s*"medco\.trace\//;

/** The real path `file` names: symlinks and `..` resolved, also for a file not yet created. */
export function realTarget(file: string): string {
  const absolute = path.resolve(file);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = path.dirname(absolute);
  if (!existsSync(parent)) throw new UserError(`${file}: the folder ${parent} does not exist`);
  return path.join(realpathSync(parent), path.basename(absolute));
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function head(file: string, bytes = 8192): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

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

/** A folder holding annotation files: `_adjudication.json`, or `*.json` of a medco annotation schema. */
function holdsAnnotationFiles(dir: string): boolean {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return false;
  }
  if (names.includes('_adjudication.json')) return true;
  return names.slice(0, 50).some((n) => {
    try {
      return MEDCO_RECORD.test(head(path.join(dir, n), 4096));
    } catch {
      return false;
    }
  });
}

/**
 * The annotations folder `out` would be written into, or undefined: its folder (or that folder's
 * parent) is named `annotations` (the default layout `annotations/<dataset>/<annotator>.json`), or
 * its folder already holds annotation files.
 */
export function annotationsFolderOf(out: string): string | undefined {
  const dir = path.dirname(path.resolve(out));
  for (const candidate of [dir, path.dirname(dir)]) {
    if (path.basename(candidate).toLowerCase() === 'annotations') return candidate;
  }
  if (existsSync(dir) && holdsAnnotationFiles(dir)) return dir;
  return undefined;
}

function tail(file: string, bytes = 65536): string {
  const fd = openSync(file, 'r');
  try {
    const size = statSync(file).size;
    const buffer = Buffer.alloc(Math.min(bytes, size));
    const n = readSync(fd, buffer, 0, buffer.length, Math.max(0, size - buffer.length));
    return buffer.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/**
 * An earlier output of `medco export` (csv, jsonl, md, latex, the flags and concepts tables, SFT
 * lines and their manifest, a Parquet file it wrote), which may be replaced.
 */
function looksLikeExport(text: string, file: string): boolean {
  if (text.startsWith('dataset,itemId,lang,task,annotator,')) return true;
  if (text.startsWith('# Expert evaluation: ') || text.startsWith('% medco export --format latex')) return true;
  if (/^\{\s*"schema"\s*:\s*"medco\.sft-manifest\//.test(text)) return true;
  // Parquet: the writer's name is in the footer's created_by.
  if (text.startsWith('PAR1')) return tail(file).includes('medco export');
  const first = text.split('\n', 1)[0];
  try {
    const row = JSON.parse(first) as Record<string, unknown>;
    if (typeof row !== 'object' || row === null) return false;
    if ('messages' in row && typeof row.metadata === 'object' && row.metadata !== null && 'itemId' in row.metadata) return true;
    return 'dataset' in row && 'itemId' in row && 'annotator' in row;
  } catch {
    return false;
  }
}

export interface OutputTarget {
  /** The real path to write. */
  file: string;
  /** How to name it in messages: as given, with the real path when they differ. */
  shown: string;
  /** A device or pipe (/dev/null, /dev/stdout): written in place, never replaced by a rename. */
  special: boolean;
}

/** Checks `out` by the rules above. Throws a UserError naming the rule that refuses it. */
export function checkOutputPath(out: string, context: OutputContext): OutputTarget {
  const target = realTarget(out);
  const shown = target === path.resolve(out) ? out : `${out} (${target})`;
  const root = existsSync(context.annotationsDir) ? realpathSync(context.annotationsDir) : path.resolve(context.annotationsDir);
  const exists = existsSync(target);
  const stat = exists ? statSync(target) : undefined;
  if (stat?.isDirectory()) throw new UserError(`${shown}: is a folder; --out needs a file name`);
  if (stat && !stat.isFile()) return { file: target, shown, special: true };
  const result: OutputTarget = { file: target, shown, special: false };
  if (exists && MEDCO_RECORD.test(head(target))) {
    throw new UserError(`${shown}: is an annotation file; an export never replaces one (not even with --force)`);
  }
  if (isInside(target, root)) {
    if (target.endsWith('.json')) {
      throw new UserError(`${shown}: is inside the annotations folder ${context.annotationsDir}, where .json files are annotation files; an export never writes one (not even with --force)`);
    }
    if (!context.force) throw new UserError(`${shown}: is inside the annotations folder ${context.annotationsDir}; write the export elsewhere (or use --force)`);
    return result;
  }
  if (context.force) return result;
  const inputs = context.inputs.filter((f) => existsSync(f)).map((f) => realpathSync(f));
  if (inputs.includes(target)) throw new UserError(`${shown}: is an input of this export; choose another file (or use --force)`);
  if (!exists) return result;
  const text = head(target);
  if (target.endsWith('.traces.jsonl') || TRACE_RECORD.test(text)) {
    throw new UserError(`${shown}: is a traces file; choose another file (or use --force to replace it)`);
  }
  if (text.length > 0 && !looksLikeExport(text, target)) {
    throw new UserError(`${shown}: exists and is not an earlier medco export (a dataset or another file?); choose another file (or use --force to replace it)`);
  }
  return result;
}

/** Writes to a temporary file next to the target and renames it: never half an export on disk. */
export async function writeOutput(target: OutputTarget, text: string | Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(target.file), `.${path.basename(target.file)}.${process.pid}.tmp`);
  try {
    if (target.special) {
      await writeFile(target.file, text);
      return;
    }
    await writeFile(temp, text);
    await rename(temp, target.file);
  } catch (err) {
    if (!target.special) await unlink(temp).catch(() => undefined);
    throw new UserError(`${target.shown}: cannot write the export: ${(err as Error).message}`);
  }
}
