// Reads `<annotations-dir>/<dataset>/<annotator>.json` files for statistics and export.
// Small and self-contained until the annotation store's reader can take its place. A file that
// cannot be parsed is reported (file, line, reason) and skipped; the others still load.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ADJUDICATION_SCHEMA, ANNOTATIONS_SCHEMA, type AdjudicationFile, type AnnotationFile } from '../types';

export interface ReadProblem {
  file: string;
  line: number;
  message: string;
}

export interface AnnotationsOnDisk {
  files: AnnotationFile[];
  /** Dataset name → adjudication file, when one exists. */
  adjudications: Map<string, AdjudicationFile>;
  problems: ReadProblem[];
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function parseJson(text: string, file: string): { value?: unknown; problem?: ReadProblem } {
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    const message = (err as Error).message;
    const lineCol = /\(line (\d+) column \d+\)/.exec(message);
    const position = /at position (\d+)/.exec(message);
    const line = lineCol ? Number(lineCol[1]) : position ? lineOfOffset(text, Number(position[1])) : lineOfOffset(text, text.length);
    return { problem: { file, line, message: `invalid JSON: ${message.replace(/\s*\(line \d+ column \d+\)/, '')}` } };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Dataset folders to read: the one asked for, or every subfolder. */
function datasetFolders(dir: string, dataset?: string): string[] {
  if (dataset) return [path.join(dir, dataset)];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'schema')
    .map((d) => path.join(dir, d.name))
    .sort();
}

export function readAnnotationsDir(dir: string, dataset?: string): AnnotationsOnDisk {
  const result: AnnotationsOnDisk = { files: [], adjudications: new Map(), problems: [] };
  for (const folder of datasetFolders(dir, dataset)) {
    let names: string[];
    try {
      if (!statSync(folder).isDirectory()) throw new Error('not a folder');
      names = readdirSync(folder).filter((n) => n.endsWith('.json')).sort();
    } catch (err) {
      result.problems.push({ file: folder, line: 0, message: `cannot read dataset folder: ${(err as Error).message}` });
      continue;
    }
    const datasetName = path.basename(folder);
    for (const name of names) {
      const file = path.join(folder, name);
      const parsed = parseJson(readFileSync(file, 'utf8'), file);
      if (parsed.problem) {
        result.problems.push(parsed.problem);
        continue;
      }
      const value = parsed.value;
      if (isObject(value) && value.schema === ADJUDICATION_SCHEMA && isObject(value.items)) {
        result.adjudications.set(typeof value.dataset === 'string' ? value.dataset : datasetName, value as unknown as AdjudicationFile);
        continue;
      }
      if (!isObject(value) || value.schema !== ANNOTATIONS_SCHEMA) {
        result.problems.push({ file, line: 1, message: `not an annotation file (expected "schema": "${ANNOTATIONS_SCHEMA}")` });
        continue;
      }
      if (!isObject(value.annotator) || typeof value.annotator.id !== 'string' || !isObject(value.items)) {
        result.problems.push({ file, line: 1, message: 'annotation file without "annotator.id" or "items"' });
        continue;
      }
      const annotations = value as unknown as AnnotationFile;
      if (typeof annotations.dataset !== 'string') annotations.dataset = datasetName;
      result.files.push(annotations);
    }
  }
  return result;
}
