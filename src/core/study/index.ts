// Studies (docs/formats.md §7): the public entry points of src/core/study.
export { STUDY_SCHEMA, STUDY_FILE_NAME, type StudyFile, type StudyAnnotator, type StudyItem, type StudyMode, type StudyOrder, type StudyStrata, type StudyHidden, type CalibrationReference } from './types';
export { createStudy, StudyError, type CreateStudyOptions } from './assign';
export { studyFilePath, studyFileCodec, serializeStudyFile, readStudyFile, writeStudyFile } from './studyFile';
export { studyProblems, judgedItems, judgementsOutsideAssignment, type StudyProblem } from './check';
export { studyStatus, median, type StudyStatus, type AnnotatorProgress, type CalibrationAgreement, type ExactAgreement } from './status';
export { comparisonKey, sortedPair, pairSides, itemOfComparisonKey, isStaleComparison } from './pairs';
export { derivedSeed, seededRandom, shuffled } from './random';
export { configName, pairTracesOf, type PairTraces } from './pairTraces';
export { tracesByItem, readTracesByItem } from './traceConfigs';
export { studyItemOrder } from './annotatorItems';
export { calibrationReferenceFor, type CalibrationReferenceView } from './calibrationReference';
export { progressModel, durationParts, formatShare, type ProgressModel, type ProgressRow } from './progressRows';
export { readStudyStatus, type StudyStatusRead } from './readStatus';
