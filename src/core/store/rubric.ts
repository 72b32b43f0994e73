// The rating rubric: the built-in default (annotations/rubric.json, bundled) or a project file
// (setting `medco.rubricFile`, `medco rate --rubric`), and the checks of a rating against it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import defaultRubricJson from '../../../annotations/rubric.json';
import type { Rating, Rubric } from '../types';
import { validateRubricShape, formatIssues } from '../schema/validators';
import { lineOfPointer } from '../schema/jsonLocation';
import { StoreFileError, RatingError } from './errors';
import { fileSystemProblem } from './fileTarget';
import { decodeUtf8Strict, parseJsonStrict } from './jsonFileText';

/** Checks beyond the JSON Schema: ids unique, a meaning for every value of every scale. */
function semanticProblems(r: Rubric): { pointer: string; message: string }[] {
  const out: { pointer: string; message: string }[] = [];
  const seen = new Set<string>();
  r.dimensions.forEach((d, i) => {
    if (seen.has(d.id)) out.push({ pointer: `/dimensions/${i}/id`, message: `duplicate dimension "${d.id}"` });
    seen.add(d.id);
    if (d.min >= d.max) out.push({ pointer: `/dimensions/${i}`, message: `min (${d.min}) must be below max (${d.max})` });
    for (let v = d.min; v <= d.max && v - d.min < 1000; v++) {
      if (!(String(v) in d.levels)) out.push({ pointer: `/dimensions/${i}/levels`, message: `no meaning given for value ${v} of "${d.id}"` });
    }
    for (const k of Object.keys(d.levels)) {
      if (Number(k) < d.min || Number(k) > d.max) out.push({ pointer: `/dimensions/${i}/levels/${k}`, message: `level ${k} is outside ${d.min}–${d.max}` });
    }
  });
  const flags = new Set<string>();
  r.flags.forEach((f, i) => {
    if (flags.has(f.id)) out.push({ pointer: `/flags/${i}/id`, message: `duplicate flag "${f.id}"` });
    flags.add(f.id);
  });
  return out;
}

/** Validates a rubric document; `file` and `text` only serve the error message. */
export function parseRubric(value: unknown, file: string, text?: string): Rubric {
  const shape = validateRubricShape(value);
  const lineOf = (pointer: string) => (text ? lineOfPointer(text, pointer) : 1);
  if (!shape.ok) throw new StoreFileError(file, lineOf(shape.issues[0].pointer), `not a valid rubric: ${formatIssues(shape.issues)}`);
  const problems = semanticProblems(shape.value);
  if (problems.length > 0) {
    throw new StoreFileError(file, lineOf(problems[0].pointer), `not a valid rubric: ${problems.map((p) => p.message).join('; ')}`);
  }
  const { id, version, dimensions, flags } = shape.value;
  return { id, version, dimensions, flags };
}

/** The built-in "medco-expert" rubric (a fresh copy: callers may not alter the shared one). */
export function defaultRubric(): Rubric {
  return parseRubric(structuredClone(defaultRubricJson), 'annotations/rubric.json (built-in)');
}

/**
 * The rubric file an annotations folder is rated with: the one configured (`--rubric`,
 * `medco.rubricFile`), else `<annotationsDir>/rubric.json` when there is one, else undefined (the
 * built-in default).
 */
export function rubricFileFor(annotationsDir: string, configured?: string): string | undefined {
  if (configured) return configured;
  const candidate = path.join(annotationsDir, 'rubric.json');
  return existsSync(candidate) ? candidate : undefined;
}

/** Loads a rubric file, or the built-in default when no path is given. Throws StoreFileError. */
export async function loadRubric(file?: string): Promise<Rubric> {
  if (!file) return defaultRubric();
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const problem = fileSystemProblem(file, err);
    throw new StoreFileError(file, 0, `cannot read the rubric: ${problem?.reason ?? (err as Error).message}`);
  }
  // Read as strictly as the annotation files (UTF-8, duplicate keys, depth).
  const text = decodeUtf8Strict(file, bytes);
  return parseRubric(parseJsonStrict(text, file), file, text);
}

/** Everything wrong with a rating under a rubric (empty when it fits). Partial ratings are fine. */
export function ratingProblems(rating: Rating, rubric: Rubric): string[] {
  const problems: string[] = [];
  const dims = new Map(rubric.dimensions.map((d) => [d.id, d]));
  const flagIds = new Set(rubric.flags.map((f) => f.id));
  for (const [key, value] of Object.entries(rating)) {
    if (value === undefined) continue;
    if (key === 'flags') {
      if (!Array.isArray(value)) problems.push('flags must be a list');
      else for (const f of value) if (!flagIds.has(f)) problems.push(`unknown flag "${f}" (rubric ${rubric.id} has: ${[...flagIds].join(', ')})`);
      continue;
    }
    if (key === 'comment') {
      if (typeof value !== 'string') problems.push('comment must be text');
      continue;
    }
    const dim = dims.get(key);
    if (!dim) {
      problems.push(`unknown dimension "${key}" (rubric ${rubric.id} has: ${[...dims.keys()].join(', ')})`);
      continue;
    }
    if (value === null) continue; // not assessable
    if (typeof value !== 'number' || !Number.isInteger(value) || value < dim.min || value > dim.max) {
      problems.push(`${key} must be an integer from ${dim.min} to ${dim.max}, or null for "not assessable" (got ${JSON.stringify(value)})`);
    }
  }
  return problems;
}

export function assertRatingFits(rating: Rating, rubric: Rubric): void {
  const problems = ratingProblems(rating, rubric);
  if (problems.length > 0) throw new RatingError(problems.join('; '));
}
