// Reads what statistics and exports need from an annotations folder: the annotator files of each
// dataset (by the rule of ./datasetAnnotations) and the adjudication file, when there is one.
import { existsSync, statSync } from 'node:fs';
import { AdjudicationStore } from '../adjudication/adjudicationStore';
import { listAnnotationDatasets } from '../store';
import type { AdjudicationFile, AnnotationFile, SourceProblem } from '../types';
import { readDatasetAnnotations } from './datasetAnnotations';

export interface AnnotationsForStats {
  datasets: string[];
  files: AnnotationFile[];
  /** The path each annotator file was read from. */
  sources: Map<AnnotationFile, string>;
  /** Dataset name → its adjudication file, for datasets that have decisions. */
  adjudications: Map<string, AdjudicationFile>;
  /** Files left out of the results (unreadable annotator or adjudication files). */
  problems: SourceProblem[];
  /** Files used with a warning (dataset or annotator id differing from folder or file name). */
  warnings: SourceProblem[];
}

export async function loadAnnotationsForStats(dir: string, dataset?: string): Promise<AnnotationsForStats> {
  const result: AnnotationsForStats = { datasets: [], files: [], sources: new Map(), adjudications: new Map(), problems: [], warnings: [] };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    result.problems.push({ file: dir, line: 0, message: 'not a folder of annotations' });
    return result;
  }
  result.datasets = dataset ? [dataset] : await listAnnotationDatasets(dir);
  for (const name of result.datasets) {
    const read = await readDatasetAnnotations(dir, name);
    result.problems.push(...read.leftOut);
    result.warnings.push(...read.warnings);
    result.files.push(...read.files);
    for (const [file, source] of read.sources) result.sources.set(file, source);
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

/** What the statistics document says about its input files (`StatsResult.input`). */
export function inputSummary(input: Pick<AnnotationsForStats, 'files' | 'problems' | 'warnings'>) {
  return { used: input.files.length, leftOut: [...input.problems], warnings: [...input.warnings] };
}
