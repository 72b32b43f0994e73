// Read-only access to all annotator files of a dataset (for statistics, curation, export).
// A file that cannot be used is reported and skipped; the others load.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { AnnotationFile, SourceProblem } from '../types';
import { annotationFileCodec } from './annotationFile';
import { readJsonFile } from './lockedJsonFile';

export interface LoadedAnnotationFile {
  file: string;
  /** Annotator id, from the file name. */
  annotator: string;
  data: AnnotationFile;
}

/**
 * Annotator files of `<annotationsDir>/<dataset>/`, sorted. Skips `_adjudication.json` (and any
 * `_`-prefixed file), hidden temp files of in-progress saves, and `*.lock` directories.
 * Lists every other `*.json` entry whatever its type — symlinks (to be followed), and directories
 * or symlink loops (to be reported by the reader), so that nothing is silently left out.
 */
export async function listAnnotationFiles(annotationsDir: string, dataset: string): Promise<string[]> {
  const dir = path.join(annotationsDir, dataset);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return entries
    .filter((e) => e.name.endsWith('.json') && !e.name.startsWith('_') && !e.name.startsWith('.'))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/** Dataset folders under the annotations dir (those holding at least one annotator file). */
export async function listAnnotationDatasets(annotationsDir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(annotationsDir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: string[] = [];
  for (const e of entries) {
    if (e.isDirectory() && e.name !== 'schema' && (await listAnnotationFiles(annotationsDir, e.name)).length > 0) out.push(e.name);
  }
  return out.sort();
}

/** Parses every annotator file of a dataset; problems carry file, line and reason. */
export async function readAnnotationFiles(
  annotationsDir: string,
  dataset: string,
): Promise<{ files: LoadedAnnotationFile[]; problems: SourceProblem[] }> {
  const files: LoadedAnnotationFile[] = [];
  const problems: SourceProblem[] = [];
  for (const file of await listAnnotationFiles(annotationsDir, dataset)) {
    const r = await readJsonFile(file, annotationFileCodec);
    if (r.status === 'invalid') {
      problems.push(r.error.toProblem());
      continue;
    }
    if (r.status === 'missing') continue; // removed between listing and reading
    const annotator = path.basename(file, '.json');
    if (r.value.annotator.id !== annotator) {
      problems.push({ file, line: 1, message: `annotator id "${r.value.annotator.id}" differs from the file name "${annotator}"; using the file name` });
    }
    if (r.value.dataset !== dataset) {
      problems.push({ file, line: 1, message: `dataset "${r.value.dataset}" differs from the folder name "${dataset}"` });
    }
    files.push({ file, annotator, data: r.value });
  }
  return { files, problems };
}
