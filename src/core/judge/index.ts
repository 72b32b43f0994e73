// LLM judges as annotators (docs/formats.md §6): `medco judge` and what readers need to tell model files apart.
export { judgeAnnotatorId, judgeFileId, judgeIdOf, RUN_SEPARATOR, type JudgedRun, isModelFile, selectAnnotatorFiles, reviewFileProblem, MODEL_ROLE, JUDGE_ID_PREFIX, ANNOTATOR_SELECTIONS, type AnnotatorSelection } from './judgeName';
export { loadJudgePrompt, judgeSchema, judgeMessages, referenceOf, DEFAULT_JUDGE_PROMPT_VERSION, type JudgePrompt, type JudgeReply } from './judgePrompt';
export { readTracesToJudge, configOf, JudgeInputError, type TracesToJudge, type RunToJudge, type TraceFilter } from './judgeTraces';
export { runJudge, JudgeRunClashError, alreadyJudged, offScale, provenanceOf, type JudgeRunOptions, type JudgeSummary, type JudgeProgress, type OutOfScaleReply } from './runJudge';
export { runJudgeInBatches, judgeBatchStatePath, type JudgeBatchSummary } from './runJudgeInBatches';
