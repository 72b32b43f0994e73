export { readTraces, parseTraces, appendTrace, traceFileSize, type TraceFileContents } from './traceFile';
export { traceId, traceSha256 } from './traceHash';
