// Reads one dataset's annotation folder for curation: every annotator file plus the decision file.
// The folder is read afresh on each call, so an annotator file dropped in since the last call
// simply shows up in the next queue. A broken file is reported and skipped; the others load.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AdjudicationFile, AnnotationFile, SourceProblem } from '../types';
import { validateAdjudicationFile } from '../schema/validators';
import { decodeJsonFile, type JsonFileCodec } from '../store/lockedJsonFile';
import { annotationFileCodec } from '../store/annotationFile';
import { StoreFileError } from '../store/errors';

export const ADJUDICATION_FILE_NAME = '_adjudication.json';

export interface CurationFolder {
  dir: string;
  dataset: string;
  annotations: AnnotationFile[];
  adjudication: AdjudicationFile | null;
  problems: SourceProblem[];
}

export const adjudicationFileCodec: JsonFileCodec<AdjudicationFile> = { validate: validateAdjudicationFile };

export async function readCurationFolder(annotationsDir: string, dataset: string): Promise<CurationFolder> {
  const dir = path.join(annotationsDir, dataset);
  const problems: SourceProblem[] = [];
  const annotations: AnnotationFile[] = [];
  let adjudication: AdjudicationFile | null = null;
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { dir, dataset, annotations, adjudication, problems };
    throw err;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      // Deleted between readdir and readFile (an annotator renaming their file): not an error.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    // Same decoding (JSON with line numbers, schema, migrations) as the stores that write these files.
    try {
      if (name === ADJUDICATION_FILE_NAME) adjudication = decodeJsonFile(file, text, adjudicationFileCodec);
      else if (!name.startsWith('_')) annotations.push(decodeJsonFile(file, text, annotationFileCodec));
    } catch (err) {
      if (err instanceof StoreFileError) problems.push(err.toProblem());
      else throw err;
    }
  }
  return { dir, dataset, annotations, adjudication, problems };
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
