export { readTraces, parseTraces, appendTrace, traceFileSize, TracesFileError, type TraceFileContents, type ReadTracesOptions } from './traceFile';
export { traceId, traceSha256 } from './traceHash';
