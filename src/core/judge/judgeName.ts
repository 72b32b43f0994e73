// Who an LLM judge is in the annotations folder: `judge-<model slug>.json`, with
// `annotator.role: "model"` (docs/formats.md §6). One place decides both, so that the writer
// (`medco judge`) and every reader (statistics, adjudication) agree on what a model file is.
import { DEFAULT_CONFIGURATION } from '../pipeline/configurations';
import type { AnnotationFile } from '../types';

export const MODEL_ROLE = 'model';
export const JUDGE_ID_PREFIX = 'judge-';

/** Annotator ids are at most 128 characters (store/fileNames.ts). */
const MAX_ID = 128;

/**
 * `judge-<slug>`: the model name lower-cased (so that two spellings of one model are one file on
 * every platform), every run of other characters than letters, digits, '.', '_' and '-' made one
 * '-', no '..' (a path component must never climb). `meta-llama/Llama-3.1-8B` → `judge-meta-llama-llama-3.1-8b`.
 */
export function judgeAnnotatorId(model: string): string {
  const slug = slugOf(model);
  if (slug === '') throw new Error(`--judge-model ${JSON.stringify(model)}: no letters or digits to name the judge's file by`);
  return (JUDGE_ID_PREFIX + slug).slice(0, MAX_ID).replace(/[-._]+$/, '');
}

function slugOf(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-._]+|[-._]+$/g, '');
}

/** The run a judge file rates: one configuration (`config.name`) and round (`config.round`). */
export interface JudgedRun {
  config: string;
  round: number;
}

/** Between the judge's id and its run in a file name: '--' (a model slug keeps its own single '-'). */
export const RUN_SEPARATOR = '--';

/**
 * The annotator id (and file name) of a judge's ratings of one run. An annotation file holds one
 * rating per item, so each configuration × round a judge rates is a file of its own:
 * `judge-<slug>` for the default run (`coreasoner`, round 1: what physicians rate unless told
 * otherwise, and what every judge file written before runs had names holds), else
 * `judge-<slug>--<config slug>` for round 1 and `judge-<slug>--<config slug>-r<round>` for later
 * rounds. The file also records the run (`annotator.run`), so no reader parses names.
 */
export function judgeFileId(model: string, run: JudgedRun): string {
  const base = judgeAnnotatorId(model);
  if (run.config === DEFAULT_CONFIGURATION && run.round === 1) return base;
  const config = slugOf(run.config) || 'config';
  const suffix = `${RUN_SEPARATOR}${config}${run.round === 1 ? '' : `-r${run.round}`}`.slice(0, MAX_ID - JUDGE_ID_PREFIX.length - 1);
  return `${base.slice(0, MAX_ID - suffix.length).replace(/[-._]+$/, '')}${suffix}`.replace(/[-._]+$/, '');
}

/**
 * Which judge a model file belongs to, whatever run it rates: `judge-<slug>` of its model (the
 * files of one judge's runs are one judge in score tables), else its annotator id.
 */
export function judgeIdOf(file: Pick<AnnotationFile, 'annotator'>): string {
  const model = file.annotator?.model;
  if (typeof model === 'string' && model !== '') {
    try {
      return judgeAnnotatorId(model);
    } catch {
      // A model name without letters or digits: the file's own id names it.
    }
  }
  return file.annotator.id;
}

/** A file written by an LLM judge rather than a physician. */
export function isModelFile(file: Pick<AnnotationFile, 'annotator'>): boolean {
  return file.annotator?.role === MODEL_ROLE;
}

export type AnnotatorSelection = 'humans' | 'models' | 'all';
export const ANNOTATOR_SELECTIONS: readonly AnnotatorSelection[] = ['humans', 'models', 'all'];

/** The files whose ratings the agreement measures use (`medco stats --annotators`). */
export function selectAnnotatorFiles<F extends Pick<AnnotationFile, 'annotator'>>(files: readonly F[], selection: AnnotatorSelection = 'humans'): F[] {
  if (selection === 'all') return [...files];
  return files.filter((f) => isModelFile(f) === (selection === 'models'));
}

/**
 * Why the review panel must not open this file as the physician's own (undefined when it may):
 * a physician rates blind, and an LLM judge's file would show the judge's ratings (and saving
 * would mix a physician's ratings into a model's file).
 */
export function reviewFileProblem(file: Pick<AnnotationFile, 'annotator'>, where: string): string | undefined {
  if (!isModelFile(file)) return undefined;
  return `${where} is an LLM judge's file (annotator.role "model"): its ratings are never shown in the review panel; set medco.annotator.id to your own id`;
}
