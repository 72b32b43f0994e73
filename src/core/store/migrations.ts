// Upgrades annotator files written under older schema versions. Migration happens on read only;
// the upgraded document reaches the disk with the next save (so merely opening a file never
// rewrites it). Each entry upgrades one version; they are chained until the current schema.
import { ANNOTATIONS_SCHEMA } from '../types';
import type { SchemaIssue } from '../schema/validators';

type Doc = Record<string, unknown>;

export interface Migration {
  to: string;
  migrate: (doc: Doc) => Doc;
}

const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `medco.annotations/0` (pre-release): the rubric dimensions of an entry were under `scores`,
 * with `flags` and `comment` beside them; `annotator` could be a bare id and `rubric` was absent.
 */
function ratingFromV0(e: Doc): Doc {
  const rating: Doc = { ...(isObject(e.scores) ? e.scores : {}) };
  if (e.flags !== undefined) rating.flags = e.flags;
  if (e.comment !== undefined) rating.comment = e.comment;
  return rating;
}

function entryFromV0(e: Doc): Doc {
  const { scores: _scores, flags: _flags, comment: _comment, history, ...rest } = e;
  return {
    ...rest,
    rating: ratingFromV0(e),
    history: Array.isArray(history)
      ? history.map((h) => {
          if (!isObject(h)) return h;
          const { scores: _s, flags: _f, comment: _c, ...hr } = h;
          return { ...hr, rating: ratingFromV0(h) };
        })
      : [],
  };
}

export const ANNOTATION_MIGRATIONS: Readonly<Record<string, Migration>> = {
  'medco.annotations/0': {
    to: 'medco.annotations/1',
    migrate(doc) {
      const items = isObject(doc.items) ? doc.items : {};
      const migrated: Doc = {};
      for (const [id, e] of Object.entries(items)) migrated[id] = isObject(e) ? entryFromV0(e) : e;
      return {
        ...doc,
        schema: 'medco.annotations/1',
        annotator: typeof doc.annotator === 'string' ? { id: doc.annotator } : doc.annotator,
        rubric: doc.rubric ?? { id: 'medco-expert', version: 1 },
        items: migrated,
      };
    },
  },
};

export type MigrationResult = { ok: true; value: unknown; migratedFrom?: string } | { ok: false; issues: SchemaIssue[] };

/** Brings a parsed annotator document up to the current schema; leaves unknown shapes to the validator. */
export function migrateAnnotationDoc(value: unknown, migrations = ANNOTATION_MIGRATIONS): MigrationResult {
  if (!isObject(value) || typeof value.schema !== 'string') return { ok: true, value };
  const from = value.schema;
  let doc: Doc = value;
  for (let steps = 0; doc.schema !== ANNOTATIONS_SCHEMA; steps++) {
    const m = migrations[doc.schema as string];
    if (!m || steps > 100) {
      const newer = /^medco\.annotations\/(\d+)$/.exec(String(doc.schema));
      const message =
        newer && Number(newer[1]) > Number(ANNOTATIONS_SCHEMA.split('/')[1])
          ? `written by a newer version of medco (${String(doc.schema)}); update the extension to read it`
          : `unknown schema ${JSON.stringify(doc.schema)} (expected ${ANNOTATIONS_SCHEMA})`;
      return { ok: false, issues: [{ pointer: '/schema', path: '$.schema', message }] };
    }
    doc = m.migrate(doc);
  }
  return { ok: true, value: doc, migratedFrom: from === ANNOTATIONS_SCHEMA ? undefined : from };
}
