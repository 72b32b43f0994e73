// Builders for annotation files used by the curation tests (no data computed by the code under test).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ANNOTATIONS_SCHEMA, type AnnotationEntry, type AnnotationFile, type Rating } from '../../../src/core/types';
import { makeTempDir } from '../../support/tempDir';

export function entry(rating: Rating, revision = 1, extra: Partial<AnnotationEntry> = {}): AnnotationEntry {
  return { revision, rating, updatedAt: '2026-11-21T10:00:00.000Z', history: [], ...extra };
}

export function annotationFile(annotator: string, items: Record<string, AnnotationEntry>, dataset = 'multimedx-ja'): AnnotationFile {
  return {
    schema: ANNOTATIONS_SCHEMA,
    dataset,
    annotator: { id: annotator, role: 'annotator' },
    rubric: { id: 'medco-expert', version: 1 },
    items,
  };
}

export function tempAnnotationsDir(): string {
  return makeTempDir('medco-curation-');
}

export function writeAnnotationFile(annotationsDir: string, file: AnnotationFile): string {
  const dir = path.join(annotationsDir, file.dataset);
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, `${file.annotator.id}.json`);
  writeFileSync(target, JSON.stringify(file, null, 2) + '\n');
  return target;
}
