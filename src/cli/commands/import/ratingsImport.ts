// What `medco import labelstudio` and `medco import argilla` share: reading the tool's JSON with
// line numbers, the annotator map, the known item ids, and saving through the store, all or nothing.
import { readFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { type ImportedRating, type ImportProblem, planImport, saveImport } from '../../../core/interchange/importRatings';
import { formatProblem, loadDataset } from '../../../core/dataset';
import { decodeUtf8Strict, parseJsonStrict } from '../../../core/store/jsonFileText';
import { lineOfPointer } from '../../../core/schema/jsonLocation';
import { checkName, loadRubric, rubricFileFor, StoreFileError, RatingError, InvalidNameError, LockTimeoutError, LockCompromisedError } from '../../../core/store';
import type { Rubric, Trace } from '../../../core/types';
import { UserError } from '../../errors';
import { printJson } from '../../output';
import { say, warn } from '../resultMessages';
import { readCurrentTraces } from '../tracesInput';

export interface RatingsImportOptions {
  annotations: string;
  dataset: string;
  annotatorMap?: string;
  datasetFile?: string[];
  traces?: string;
  rubric?: string;
  json?: boolean;
}

export interface ParsedExport {
  value: unknown;
  /** `file:line` of a JSON pointer into the file. */
  lineOf: (pointer: string) => string;
}

/** Reads a JSON file strictly; a file that does not parse is a UserError naming file and line. */
export async function readJsonExport(file: string): Promise<ParsedExport> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new UserError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); nothing was imported`);
  }
  try {
    const text = decodeUtf8Strict(file, bytes);
    const value = parseJsonStrict(text, file);
    return { value, lineOf: (pointer) => `${file}:${lineOfPointer(text, pointer)}` };
  } catch (err) {
    if (err instanceof StoreFileError) throw new UserError(`${err.message}; nothing was imported`);
    throw err;
  }
}

async function annotatorMap(file: string | undefined): Promise<Record<string, string> | undefined> {
  if (!file) return undefined;
  const { value, lineOf } = await readJsonExport(file);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UserError(`${lineOf('')}: --annotator-map must be a JSON object {"<tool user>": "<annotator id>"}`);
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new UserError(`${lineOf(`/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)}: the annotator id for ${JSON.stringify(k)} must be a string`);
  }
  return value as Record<string, string>;
}

/** Item ids of the dataset (from --dataset-file and --traces); undefined when neither is given. */
async function knownItems(options: RatingsImportOptions): Promise<{ items?: Set<string>; traces?: ReadonlyMap<string, Trace> }> {
  let items: Set<string> | undefined;
  let traces: ReadonlyMap<string, Trace> | undefined;
  if (options.datasetFile?.length) {
    const dataset = await loadDataset(options.datasetFile);
    for (const p of dataset.errors) warn(formatProblem(p));
    items = new Set(dataset.items.map((i) => i.id));
  }
  if (options.traces) {
    const read = await readCurrentTraces(options.traces);
    for (const p of read.problems) warn(formatProblem(p));
    traces = read.full;
    items = new Set([...(items ?? []), ...read.full.keys()]);
  }
  return { items, traces };
}

async function rubricOf(options: RatingsImportOptions): Promise<Rubric> {
  try {
    return await loadRubric(rubricFileFor(options.annotations, options.rubric));
  } catch (err) {
    if (err instanceof StoreFileError) throw new UserError(err.message);
    throw err;
  }
}

/**
 * Parses with `extract`, checks everything, then saves. Any problem: every one is named, nothing
 * is written, exit 1.
 */
export async function importRatings(
  file: string,
  prefix: string,
  options: RatingsImportOptions,
  extract: (parsed: ParsedExport, rubric: Rubric) => { ratings: ImportedRating[]; problems: ImportProblem[] },
): Promise<void> {
  if (!existsSync(options.annotations) || !statSync(options.annotations).isDirectory()) {
    throw new UserError(`${options.annotations}: no such annotations folder; create it first (medco import does not)`);
  }
  try {
    checkName('dataset', options.dataset);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  const rubric = await rubricOf(options);
  const parsed = await readJsonExport(file);
  const map = await annotatorMap(options.annotatorMap);
  const known = await knownItems(options);
  if (!known.items) warn('item ids are not checked: give --dataset-file or --traces to check them');
  const extracted = extract(parsed, rubric);
  const plan = planImport(extracted.ratings, { prefix, annotatorMap: map, rubric, knownItems: known.items });
  const problems = [...extracted.problems, ...plan.problems];
  if (problems.length > 0) {
    for (const p of problems.slice(0, 50)) warn(`${p.where}: ${p.message}`);
    if (problems.length > 50) warn(`… and ${problems.length - 50} more`);
    throw new UserError(`${file}: ${problems.length} problem(s); nothing was imported`);
  }
  let result;
  try {
    result = await saveImport(plan.planned, { annotationsDir: options.annotations, dataset: options.dataset, rubric, traces: known.traces });
  } catch (err) {
    if (err instanceof StoreFileError) throw new UserError(`${err.message} (the file was left untouched; nothing was imported)`);
    if (err instanceof RatingError || err instanceof InvalidNameError || err instanceof LockTimeoutError || err instanceof LockCompromisedError) throw new UserError(err.message);
    throw err;
  }
  if (options.json) printJson({ file, dataset: options.dataset, ratings: plan.planned.length, annotators: result.annotators });
  else {
    for (const [annotator, s] of Object.entries(result.annotators)) say(`${annotator}: ${s.saved} saved, ${s.unchanged} unchanged in ${s.file}`);
    if (plan.planned.length === 0) say(`${file}: no ratings to import`);
  }
}
