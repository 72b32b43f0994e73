// Reads one dataset's annotation folder for curation: every annotator file plus the decision file.
// The folder is read afresh on each call, so an annotator file dropped in since the last call
// simply shows up in the next queue. A broken file is reported and skipped; the others load.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { AdjudicationFile, AnnotationFile, SourceProblem } from '../types';
import { validateAdjudicationFile } from '../schema/validators';
import { readJsonFile, type JsonFileCodec } from '../store/lockedJsonFile';
import { annotationFileCodec } from '../store/annotationFile';

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
    if (name !== ADJUDICATION_FILE_NAME && name.startsWith('_')) continue;
    // Same reading (strict UTF-8 and JSON with line numbers, schema, migrations; a path that is not
    // a usable file reported, not thrown) as the stores that write these files.
    if (name === ADJUDICATION_FILE_NAME) {
      const r = await readJsonFile(file, adjudicationFileCodec);
      if (r.status === 'ok') adjudication = r.value;
      else if (r.status === 'invalid') problems.push(r.error.toProblem());
    } else {
      const r = await readJsonFile(file, annotationFileCodec);
      if (r.status === 'ok') annotations.push(r.value);
      else if (r.status === 'invalid') problems.push(r.error.toProblem());
      // 'missing': deleted between readdir and read (an annotator renaming their file), not an error.
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
