// Reads what statistics and export need from an annotations folder: the annotator files of each
// dataset (through the annotation store's reader) and the adjudication file, when there is one.
// A file that cannot be used is reported with file, line and reason; the others still load.
import { existsSync, statSync } from 'node:fs';
import { AdjudicationStore } from '../adjudication/adjudicationStore';
import { listAnnotationDatasets, readAnnotationFiles } from '../store';
import type { AdjudicationFile, AnnotationFile, SourceProblem } from '../types';

export interface AnnotationsForStats {
  datasets: string[];
  files: AnnotationFile[];
  /** Dataset name → its adjudication file, for datasets that have decisions. */
  adjudications: Map<string, AdjudicationFile>;
  problems: SourceProblem[];
}

export async function loadAnnotationsForStats(dir: string, dataset?: string): Promise<AnnotationsForStats> {
  const result: AnnotationsForStats = { datasets: [], files: [], adjudications: new Map(), problems: [] };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    result.problems.push({ file: dir, line: 0, message: 'not a folder of annotations' });
    return result;
  }
  result.datasets = dataset ? [dataset] : await listAnnotationDatasets(dir);
  for (const name of result.datasets) {
    const { files, problems } = await readAnnotationFiles(dir, name);
    result.problems.push(...problems);
    // The store names the annotator after the file; statistics use the same id.
    for (const loaded of files) result.files.push({ ...loaded.data, annotator: { ...loaded.data.annotator, id: loaded.annotator } });
    try {
      const adjudication = await new AdjudicationStore(dir, name).read();
      if (Object.keys(adjudication.items).length > 0) result.adjudications.set(name, adjudication);
    } catch (err) {
      const e = err as Error & { file?: string; line?: number; reason?: string };
      result.problems.push({ file: e.file ?? `${dir}/${name}/_adjudication.json`, line: e.line ?? 1, message: e.reason ?? e.message });
    }
  }
  return result;
}
