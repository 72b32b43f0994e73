// English display labels of the curation codes (error types, statuses). The codes are what the
// files store; these labels are the l10n keys the webview shows, translated by the host.
import type { AdjudicationErrorType } from '../types';
import type { CurationStatus } from './disagreements';

export const ERROR_TYPE_LABELS: Record<AdjudicationErrorType, string> = {
  ambiguous_item: 'Ambiguous item',
  guideline_gap: 'Guideline gap',
  annotator_error: 'Annotator error',
  translation_issue: 'Translation issue',
  cultural_context_mismatch: 'Cultural context mismatch',
};

/** `unrated`: a dimension of the rubric nobody rated yet for this item (adjudication view). */
export const STATUS_LABELS: Record<CurationStatus | 'unrated', string> = {
  unanimous: 'unanimous',
  disagreement: 'disagreement',
  adjudicated: 'adjudicated',
  unresolved: 'unresolved',
  insufficient: 'one rating',
  unrated: 'unrated',
};
