// Reads a dataset's study and every annotator file, and gives the study's status with the study
// file's problems (file and line). One function for `medco study status` and the extension's
// Study Progress view, so the two always show the same figures.
import type { SourceProblem } from '../types';
import { readAnnotationFiles } from '../store/annotationFiles';
import { lineOfPointer } from '../schema/jsonLocation';
import type { StoreFileError } from '../store/errors';
import { readStudyFile, studyFilePath } from './studyFile';
import { studyProblems } from './check';
import { studyStatus, type StudyStatus } from './status';
import type { StudyFile, StudyItem } from './types';

export type StudyStatusRead =
  | { status: 'missing'; file: string }
  | { status: 'invalid'; file: string; error: StoreFileError }
  | {
      status: 'ok';
      file: string;
      study: StudyFile;
      result: StudyStatus;
      /** Problems of the study file itself (against the dataset when `items` is given), with their line. */
      studyProblems: SourceProblem[];
      /** Annotator files that could not be read: left out of the figures, never written. */
      annotationProblems: SourceProblem[];
    };

/** `items`: the dataset's items, to check the assignment against them (languages, items nobody rates). */
export async function readStudyStatus(annotationsDir: string, dataset: string, items?: readonly StudyItem[]): Promise<StudyStatusRead> {
  const file = studyFilePath(annotationsDir, dataset);
  const read = await readStudyFile(annotationsDir, dataset);
  if (read.status === 'missing') return { status: 'missing', file };
  if (read.status === 'invalid') return { status: 'invalid', file, error: read.error };
  const study = read.value;
  const { files, problems } = await readAnnotationFiles(annotationsDir, dataset);
  const text = read.bytes.toString('utf8');
  return {
    status: 'ok',
    file,
    study,
    result: studyStatus(study, files),
    studyProblems: studyProblems(study, items).map((p) => ({ file, line: lineOfPointer(text, p.pointer), message: p.message })),
    annotationProblems: problems,
  };
}
