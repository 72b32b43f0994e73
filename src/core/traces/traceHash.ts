// Identities of traces. `traceId` names a (item, pipeline configuration) pair so a rerun with the
// same configuration replaces the trace it supersedes; `traceSha256` fingerprints the exact trace
// content an annotator rated, so a rating can later be matched to (or flagged stale against) it.
import { createHash } from 'node:crypto';
import type { Trace, TraceConfig } from '../types';
import { canonicalJson } from '../store/stableJson';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Stable over runs: the item and everything in the configuration that changes the result,
 * independent of key order in `config`. 24 hex digits: what every run of the pipeline has written,
 * and annotation files refer to those ids.
 */
export function traceId(itemId: string, config: TraceConfig): string {
  return sha256Hex(canonicalJson({ itemId, config })).slice(0, TRACE_ID_HEX_DIGITS);
}

export const TRACE_ID_HEX_DIGITS = 24;

/** sha256 (hex) of the trace's canonical JSON (keys sorted, no whitespace). */
export function traceSha256(trace: Trace): string {
  return sha256Hex(canonicalJson(trace));
}
