// Whether a rating still applies to the trace on disk. Kept apart from traceHash.ts (node:crypto)
// because the adjudication view, which the webview bundle type-checks, uses it too.

/**
 * The one staleness rule: a rating is stale when it records the trace it was made on and the
 * current trace of the item is another one (the annotator judged text that is no longer shown).
 * Unknown on either side (an old entry, no trace on disk) is not stale.
 */
export function isStaleRating(ratedSha256: string | undefined, currentSha256: string | undefined): boolean {
  return !!ratedSha256 && !!currentSha256 && ratedSha256 !== currentSha256;
}
