// Reads one dataset's annotation folder for curation: every annotator file plus the decision file.
// The folder is read afresh on each call, so an annotator file dropped in since the last call
// simply shows up in the next queue. A broken file is reported and skipped; the others load.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ADJUDICATION_SCHEMA,
  ANNOTATIONS_SCHEMA,
  type AdjudicationFile,
  type AnnotationFile,
  type SourceProblem,
} from '../types';
import { JsonFileError, parseJsonWithLine } from './parseJsonWithLine';

export const ADJUDICATION_FILE_NAME = '_adjudication.json';

export interface CurationFolder {
  dir: string;
  dataset: string;
  annotations: AnnotationFile[];
  adjudication: AdjudicationFile | null;
  problems: SourceProblem[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a parsed value is not an annotation file, or null when it is one. */
export function annotationFileProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not a JSON object';
  if (value.schema !== ANNOTATIONS_SCHEMA) return `schema is not "${ANNOTATIONS_SCHEMA}"`;
  if (!isObject(value.annotator) || typeof value.annotator.id !== 'string') return 'annotator.id is missing';
  if (!isObject(value.items)) return '"items" is not an object';
  for (const [itemId, entry] of Object.entries(value.items)) {
    if (!isObject(entry) || !isObject(entry.rating) || typeof entry.revision !== 'number') {
      return `item "${itemId}" has no rating or revision`;
    }
  }
  return null;
}

/** Why a parsed value is not a decision file, or null when it is one. */
export function adjudicationFileProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not a JSON object';
  if (value.schema !== ADJUDICATION_SCHEMA) return `schema is not "${ADJUDICATION_SCHEMA}"`;
  if (!isObject(value.items)) return '"items" is not an object';
  for (const [itemId, dims] of Object.entries(value.items)) {
    if (!isObject(dims)) return `item "${itemId}" is not an object`;
    for (const [dimension, d] of Object.entries(dims)) {
      if (
        !isObject(d) ||
        (d.status !== 'adjudicated' && d.status !== 'unresolved') ||
        typeof d.revision !== 'number' ||
        !isObject(d.basedOn) ||
        !Array.isArray(d.history)
      ) {
        return `decision for "${itemId}" / "${dimension}" is malformed`;
      }
    }
  }
  return null;
}

/** The line of the first occurrence of a key, to point a schema problem at a place in the file. */
function lineOfKey(text: string, key: string): number {
  const at = text.indexOf(JSON.stringify(key));
  if (at < 0) return 1;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function problemLine(text: string, reason: string): number {
  const quoted = /"([^"]+)"/.exec(reason);
  return quoted ? lineOfKey(text, quoted[1]) : 1;
}

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
    let value: unknown;
    try {
      value = parseJsonWithLine(text, file);
    } catch (err) {
      if (err instanceof JsonFileError) {
        problems.push({ file, line: err.line, message: err.reason });
        continue;
      }
      throw err;
    }
    if (name === ADJUDICATION_FILE_NAME) {
      const reason = adjudicationFileProblem(value);
      if (reason) problems.push({ file, line: problemLine(text, reason), message: reason });
      else adjudication = value as AdjudicationFile;
    } else if (!name.startsWith('_')) {
      const reason = annotationFileProblem(value);
      if (reason) problems.push({ file, line: problemLine(text, reason), message: reason });
      else annotations.push(value as AnnotationFile);
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
