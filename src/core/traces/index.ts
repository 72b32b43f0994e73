export { readTraces, parseTraces, appendTrace, readExistingTraceIds, TraceAppender, traceFileSize, TracesFileError, type TraceFileContents, type ReadTracesOptions, type ExistingTraces } from './traceFile';
export { traceId, traceSha256 } from './traceHash';
export { isStaleRating } from './staleness';
