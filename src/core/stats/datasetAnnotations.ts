// The annotator files of one dataset folder, read through the annotation store's reader, as
// statistics, exports and curation use them. One rule for every reader (stats, export,
// adjudication, the dashboards):
//   - a file that cannot be read or parsed is LEFT OUT, reported with file, line and reason;
//   - a file whose `dataset` differs from its folder, or whose `annotator.id` differs from its
//     file name, is a MISMATCH: it is USED, under its folder and file name (where it lives is
//     what the store writes to), with a warning naming the file and the mismatch.
import path from 'node:path';
import { readAnnotationFiles } from '../store';
import type { AnnotationFile, SourceProblem } from '../types';

export interface DatasetAnnotations {
  /** Annotator files as used: annotator id = file name, dataset = folder name. */
  files: AnnotationFile[];
  /** The path each file was read from. */
  sources: Map<AnnotationFile, string>;
  /** Files that could not be read: left out. */
  leftOut: SourceProblem[];
  /** Files used despite a mismatch between their content and their place. */
  warnings: SourceProblem[];
}

/** The annotator files of one dataset folder, by the rule above. */
export async function readDatasetAnnotations(dir: string, dataset: string): Promise<DatasetAnnotations> {
  const { files: loaded, problems } = await readAnnotationFiles(dir, dataset);
  const usedPaths = new Set(loaded.map((l) => path.resolve(l.file)));
  const result: DatasetAnnotations = { files: [], sources: new Map(), leftOut: [], warnings: [] };
  // The store reports a mismatch as a problem of a file it still returns: that file is used.
  for (const p of problems) (usedPaths.has(path.resolve(p.file)) ? result.warnings : result.leftOut).push(p);
  for (const l of loaded) {
    const file: AnnotationFile = { ...l.data, dataset, annotator: { ...l.data.annotator, id: l.annotator } };
    result.files.push(file);
    result.sources.set(file, l.file);
  }
  result.warnings = result.warnings.map((w) => ({ ...w, message: `${w.message}; the file is used as ${dataset}/${path.basename(w.file)}` }));
  return result;
}

