// Reads one dataset's annotation folder for curation: every annotator file plus the decision file.
// The folder is read afresh on each call, so an annotator file dropped in since the last call
// simply shows up in the next queue. A broken file is reported and skipped; the others load.
// Annotator files are read by the same rule as statistics and exports (../stats/datasetAnnotations):
// an unreadable file is left out (a problem), a file whose dataset or annotator id differs from its
// folder or file name is used under those names (a warning).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { AdjudicationFile, AnnotationFile, SourceProblem } from '../types';
import { validateAdjudicationFile } from '../schema/validators';
import { readJsonFile, type JsonFileCodec } from '../store/lockedJsonFile';
import { readDatasetAnnotations } from '../stats/datasetAnnotations';
import { isModelFile } from '../judge/judgeName';

export const ADJUDICATION_FILE_NAME = '_adjudication.json';

export interface CurationFolder {
  dir: string;
  dataset: string;
  /** The physicians' files: the only ones in spreads, disagreements and decisions. */
  annotations: AnnotationFile[];
  /** LLM judges' files (role "model"): shown beside the physicians, never mixed into their spread. */
  judges: AnnotationFile[];
  adjudication: AdjudicationFile | null;
  /** Files left out (could not be read). */
  problems: SourceProblem[];
  /** Files used despite a mismatch (dataset or annotator id differing from folder or file name). */
  warnings: SourceProblem[];
}

export const adjudicationFileCodec: JsonFileCodec<AdjudicationFile> = { validate: validateAdjudicationFile };

export async function readCurationFolder(annotationsDir: string, dataset: string): Promise<CurationFolder> {
  const dir = path.join(annotationsDir, dataset);
  const read = await readDatasetAnnotations(annotationsDir, dataset);
  const problems = [...read.leftOut];
  let adjudication: AdjudicationFile | null = null;
  // Same reading (strict UTF-8 and JSON with line numbers, schema, migrations; a path that is not a
  // usable file reported, not thrown) as the store that writes it. No file yet: no decisions.
  const r = await readJsonFile(path.join(dir, ADJUDICATION_FILE_NAME), adjudicationFileCodec);
  if (r.status === 'ok') adjudication = r.value;
  else if (r.status === 'invalid') problems.push(r.error.toProblem());
  const annotations = read.files.filter((f) => !isModelFile(f));
  const judges = read.files.filter(isModelFile);
  return { dir, dataset, annotations, judges, adjudication, problems, warnings: read.warnings };
}

/** Dataset folders under an annotations dir (sub-folders holding at least one annotator file). */
export async function listCurationDatasets(annotationsDir: string): Promise<string[]> {
  const entries = await readdir(annotationsDir, { withFileTypes: true });
  const datasets: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name === 'schema') continue;
    const files = await readdir(path.join(annotationsDir, e.name));
    if (files.some((f) => f.endsWith('.json') && !f.startsWith('_'))) datasets.push(e.name);
  }
  return datasets.sort();
}
