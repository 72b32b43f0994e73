// The annotator file format (CONTRACTS §3): where it lives, how it is decoded and written.
import path from 'node:path';
import { ANNOTATIONS_SCHEMA, type AnnotationFile, type AnnotatorInfo } from '../types';
import { validateAnnotationFile, type Validation } from '../schema/validators';
import type { JsonFileCodec } from './lockedJsonFile';
import { migrateAnnotationDoc } from './migrations';
import { stableStringify } from './stableJson';

/** Dataset and annotator ids become path components: keep them to safe, portable names. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function checkName(kind: 'dataset' | 'annotator', name: string): void {
  if (!SAFE_NAME.test(name) || name.includes('..')) {
    throw new Error(
      `invalid ${kind} id ${JSON.stringify(name)}: use letters, digits, '.', '_' and '-', starting with a letter or digit`,
    );
  }
}

/** `annotations/<dataset>/<annotator>.json` */
export function annotationFilePath(annotationsDir: string, dataset: string, annotator: string): string {
  checkName('dataset', dataset);
  checkName('annotator', annotator);
  return path.join(annotationsDir, dataset, `${annotator}.json`);
}

export function emptyAnnotationFile(dataset: string, annotator: AnnotatorInfo, rubric: { id: string; version: number }): AnnotationFile {
  return { schema: ANNOTATIONS_SCHEMA, dataset, annotator, rubric: { id: rubric.id, version: rubric.version }, items: {} };
}

/** Migrates older schema versions, then checks the current JSON Schema. */
export function validateAnnotationDoc(value: unknown): Validation<AnnotationFile> {
  const migrated = migrateAnnotationDoc(value);
  if (!migrated.ok) return migrated;
  return validateAnnotationFile(migrated.value);
}

export const annotationFileCodec: JsonFileCodec<AnnotationFile> = { validate: validateAnnotationDoc };

/** Items sorted by id so that the file is stable whatever order ratings were saved in. */
export function serializeAnnotationFile(doc: AnnotationFile): string {
  const items: AnnotationFile['items'] = {};
  for (const id of Object.keys(doc.items).sort()) items[id] = doc.items[id];
  return stableStringify({ ...doc, items });
}
