// The annotator file format (docs/formats.md §3): where it lives, how it is decoded and written.
import path from 'node:path';
import { ANNOTATIONS_SCHEMA, type AnnotationEntry, type AnnotationFile, type AnnotatorInfo } from '../types';
import { validateAnnotationFile, type Validation } from '../schema/validators';
import type { JsonFileCodec } from './lockedJsonFile';
import { migrateAnnotationDoc } from './migrations';
import { orderKeys, stableStringify } from './stableJson';
import { checkName } from './fileNames';

export { checkName };

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

// Serialized bytes of each entry (with its `"id": ` prefix), indented for its place in the
// file. Entries are never modified in place (a save replaces the entry object), so saving one item
// re-serializes only that item and the file is assembled by copying bytes: for a 2,450-item file
// this is several times faster than serializing the whole document (see bench/save.ts).
const entryBytes = new WeakMap<AnnotationEntry, { id: string; bytes: Buffer }>();

function entryFragment(id: string, entry: AnnotationEntry): Buffer {
  const cached = entryBytes.get(entry);
  if (cached && cached.id === id) return cached.bytes;
  const text = `    ${JSON.stringify(id)}: ${stableStringify(entry).trimEnd().replace(/\n/g, '\n    ')}`;
  const bytes = Buffer.from(text, 'utf8');
  entryBytes.set(entry, { id, bytes });
  return bytes;
}

const ITEMS_PLACEHOLDER = '\u0000medco-items\u0000';
const BETWEEN_ITEMS = Buffer.from(',\n');
const AFTER_LAST_ITEM = Buffer.from('\n  }');

/** The file's bytes: exactly `stableStringify(doc)` in UTF-8, built from cached per-entry bytes. */
export function serializeAnnotationFileBytes(doc: AnnotationFile): Buffer {
  const ids = orderKeys(Object.keys(doc.items));
  const head = stableStringify({ ...doc, items: ITEMS_PLACEHOLDER });
  const at = head.indexOf(JSON.stringify(ITEMS_PLACEHOLDER));
  const before = head.slice(0, at);
  const after = head.slice(at + JSON.stringify(ITEMS_PLACEHOLDER).length);
  if (ids.length === 0) return Buffer.from(`${before}{}${after}`, 'utf8');
  const parts: Buffer[] = [Buffer.from(`${before}{\n`, 'utf8')];
  ids.forEach((id, i) => parts.push(entryFragment(id, doc.items[id]), i < ids.length - 1 ? BETWEEN_ITEMS : AFTER_LAST_ITEM));
  parts.push(Buffer.from(after, 'utf8'));
  return Buffer.concat(parts);
}

/** The file text: pretty-printed, stable key order, newline at the end (docs/formats.md §3). */
export function serializeAnnotationFile(doc: AnnotationFile): string {
  return serializeAnnotationFileBytes(doc).toString('utf8');
}
