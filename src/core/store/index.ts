// Public surface of the annotation store.
export { AnnotationStore, type AnnotationStoreOptions, type SaveRatingInput, type SaveRatingResult } from './annotationStore';
export { annotationFilePath, emptyAnnotationFile, serializeAnnotationFile, serializeAnnotationFileBytes, validateAnnotationDoc, annotationFileCodec } from './annotationFile';
export { listAnnotationFiles, listAnnotationDatasets, readAnnotationFiles, type LoadedAnnotationFile } from './annotationFiles';
export { updateJsonFileLocked, readJsonFile, decodeJsonFile, decodeJsonFileBytes, type JsonFileCodec, type JsonFileUpdate, type JsonFileRead } from './lockedJsonFile';
export { withFileLock, LockTimeoutError, LockCompromisedError, type FileLockOptions } from './fileLock';
export { writeFileAtomic } from './atomicWrite';
export { resolveWriteTarget, fileSystemProblem } from './fileTarget';
export { parseJsonStrict, decodeUtf8Strict, MAX_JSON_DEPTH } from './jsonFileText';
export { stableStringify, canonicalJson } from './stableJson';
export { loadRubric, rubricFileFor, defaultRubric, parseRubric, ratingProblems, assertRatingFits } from './rubric';
export { StoreFileError, RatingError, InvalidNameError } from './errors';
export { nameProblem, checkName, type NameProblem, type NameKind } from './fileNames';
export { ANNOTATION_MIGRATIONS, migrateAnnotationDoc } from './migrations';
export { comparisonProblems, assertComparisonFits, type SaveComparisonInput, type SaveComparisonResult } from './comparison';
