// JSON Schema validators of the project's file formats. Each schema is compiled once, on first
// use; the schema files are imported so that esbuild bundles them into the CLI and extension.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import traceSchema from '../../../annotations/schema/trace.schema.json';
import annotationsSchema from '../../../annotations/schema/annotations.schema.json';
import adjudicationSchema from '../../../annotations/schema/adjudication.schema.json';
import rubricSchema from '../../../annotations/schema/rubric.schema.json';
import studySchema from '../../../annotations/schema/study.schema.json';
import type { AdjudicationFile, AnnotationFile, Rubric, Trace } from '../types';
import type { StudyFile } from '../study/types';
import { pointerToPath } from './jsonLocation';

export interface SchemaIssue {
  /** JSON Pointer of the offending value ('' for the document itself). */
  pointer: string;
  /** Readable path, e.g. `$.items["qa-ja-001"].revision`. */
  path: string;
  message: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: SchemaIssue[] };

export interface Validator<T> {
  (value: unknown): Validation<T>;
}

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `missing required property "${String(p.missingProperty)}"`;
    case 'additionalProperties':
      return `unknown property "${String(p.additionalProperty)}"`;
    case 'type':
      return `must be ${String(p.type).split(',').join(' or ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return e.message ?? e.keyword;
  }
}

/** Ajv errors → one readable issue per location, without the noise of `if`/`allOf` wrappers. */
export function toIssues(errors: ErrorObject[] | null | undefined): SchemaIssue[] {
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const e of errors ?? []) {
    if (e.keyword === 'if' || e.keyword === 'allOf') continue;
    const message = describe(e);
    const key = `${e.instancePath}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ pointer: e.instancePath, path: pointerToPath(e.instancePath), message });
  }
  return issues;
}

function lazyValidator<T>(schema: object): Validator<T> {
  let compiled: ValidateFunction | undefined;
  return (value: unknown) => {
    compiled ??= ajv.compile(schema);
    if (compiled(value)) return { ok: true, value: value as T };
    return { ok: false, issues: toIssues(compiled.errors) };
  };
}

export const validateTrace: Validator<Trace> = lazyValidator<Trace>(traceSchema);
export const validateAnnotationFile: Validator<AnnotationFile> = lazyValidator<AnnotationFile>(annotationsSchema);
export const validateAdjudicationFile: Validator<AdjudicationFile> = lazyValidator<AdjudicationFile>(adjudicationSchema);
export const validateStudyFile: Validator<StudyFile> = lazyValidator<StudyFile>(studySchema);
export const validateRubricShape: Validator<Rubric> = lazyValidator<Rubric>(rubricSchema);

/** `$.a.b: message; $.c: message` — for one-line error reports. */
export function formatIssues(issues: SchemaIssue[], limit = 5): string {
  const shown = issues.slice(0, limit).map((i) => `${i.path}: ${i.message}`);
  if (issues.length > limit) shown.push(`… ${issues.length - limit} more`);
  return shown.join('; ');
}
