// Reading and writing `annotations/<dataset>/_study.json`. Reads validate against the JSON Schema
// (errors name file and line); writes are locked and atomic like every store write, and refuse to
// replace a file that could not be parsed.
import path from 'node:path';
import { validateStudyFile } from '../schema/validators';
import { readJsonFile, updateJsonFileLocked, type JsonFileCodec, type JsonFileRead } from '../store/lockedJsonFile';
import { checkName } from '../store/fileNames';
import { stableStringify } from '../store/stableJson';
import type { FileLockOptions } from '../store/fileLock';
import { STUDY_FILE_NAME, type StudyFile } from './types';

export function studyFilePath(annotationsDir: string, dataset: string): string {
  checkName('dataset', dataset);
  return path.join(annotationsDir, dataset, STUDY_FILE_NAME);
}

export const studyFileCodec: JsonFileCodec<StudyFile> = { validate: validateStudyFile };

/** Keys in the order a curator reads them; assignments last (they are long). */
const STUDY_KEY_ORDER: readonly string[] = [
  'schema', 'dataset', 'mode', 'seed', 'overlap', 'order', 'strata', 'pairwise', 'hide', 'calibration',
  'showCalibrationReference', 'calibrationReference', 'annotators', 'id', 'languages', 'rating', 'winner', 'note', '*',
  'assignments',
];

export function serializeStudyFile(study: StudyFile): string {
  return stableStringify(study, STUDY_KEY_ORDER);
}

/** The study of a dataset: `missing` when there is none (then everything works without one). */
export function readStudyFile(annotationsDir: string, dataset: string): Promise<JsonFileRead<StudyFile>> {
  return readJsonFile(studyFilePath(annotationsDir, dataset), studyFileCodec);
}

/**
 * Writes the study. `replace: false` refuses to overwrite an existing study (returns false);
 * an existing file that cannot be parsed is never overwritten (StoreFileError).
 */
export async function writeStudyFile(
  annotationsDir: string,
  study: StudyFile,
  options: { replace: boolean; lock?: FileLockOptions },
): Promise<{ written: boolean; previous?: StudyFile }> {
  const file = studyFilePath(annotationsDir, study.dataset);
  const { result } = await updateJsonFileLocked(file, {
    ...studyFileCodec,
    serialize: (doc: StudyFile) => Buffer.from(serializeStudyFile(doc), 'utf8'),
    lock: options.lock,
    mutate: (current) => {
      if (current && !options.replace) return { result: { written: false, previous: current } };
      return { next: study, result: { written: true, previous: current } };
    },
  });
  return result;
}
