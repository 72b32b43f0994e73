// The curator's reference on a calibration item (docs/formats.md §7), as an annotator may see it:
// only when the study shows references, only for a calibration item that has one, and only once
// the annotator's own rating of every dimension the reference gives is saved. Before that the
// reference would tell them what to answer, so it never leaves the host. Pure.
import type { AnnotationEntry } from '../types';
import type { StudyFile } from './types';

/** What the review panel shows beside the annotator's own saved values. */
export interface CalibrationReferenceView {
  /** Per dimension: the reference value (null: not assessable), in the reference's order. */
  rating: Record<string, number | null>;
  note?: string;
}

/**
 * The reference of `itemId` for an annotator whose saved entry is `saved` (undefined: nothing
 * saved yet), or undefined when it must not, or cannot, be shown.
 */
export function calibrationReferenceFor(
  study: StudyFile | undefined,
  itemId: string,
  saved: Pick<AnnotationEntry, 'rating'> | undefined,
): CalibrationReferenceView | undefined {
  if (!study || study.showCalibrationReference !== true || study.mode !== 'single') return undefined;
  if (!(study.calibration ?? []).includes(itemId)) return undefined;
  const reference = study.calibrationReference?.[itemId]?.rating;
  if (!reference || !saved) return undefined;
  const dimensions = Object.keys(reference);
  if (dimensions.length === 0) return undefined;
  // Rated = a value on the scale or "not assessable" (null) on disk; a missing dimension is unrated.
  if (!dimensions.every((d) => Object.prototype.hasOwnProperty.call(saved.rating, d) && isValue(saved.rating[d]))) return undefined;
  const note = study.calibrationReference?.[itemId]?.note;
  return { rating: { ...reference }, ...(note ? { note } : {}) };
}

function isValue(v: unknown): boolean {
  return v === null || (typeof v === 'number' && Number.isInteger(v));
}
