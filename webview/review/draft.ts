// The annotator's unsaved rating of the current item, and the Rating it is saved as. Pure.
import type { ConceptJudgement, Rating, Rubric } from '../../src/core/types';

export interface Draft {
  /** Dimension id → value (null = not assessable); absent = not rated yet. */
  dimensions: Record<string, number | null>;
  flags: string[];
  comment: string;
  concepts: Record<string, ConceptJudgement>;
}

export function draftFrom(rating: Rating | undefined, concepts: Record<string, ConceptJudgement> | undefined, rubric: Rubric): Draft {
  const dimensions: Record<string, number | null> = {};
  for (const d of rubric.dimensions) {
    const v = rating?.[d.id];
    if (v === null || (typeof v === 'number' && Number.isInteger(v))) dimensions[d.id] = v;
  }
  return {
    dimensions,
    flags: Array.isArray(rating?.flags) ? rating.flags.filter((f) => typeof f === 'string') : [],
    comment: typeof rating?.comment === 'string' ? rating.comment : '',
    concepts: { ...(concepts ?? {}) },
  };
}

/** The Rating object sent to the host: unrated dimensions are left out, never zero. */
export function ratingOf(draft: Draft): Rating {
  const rating: Rating = { ...draft.dimensions };
  if (draft.flags.length > 0) rating.flags = [...draft.flags];
  if (draft.comment.trim().length > 0) rating.comment = draft.comment;
  return rating;
}

export function isEmptyDraft(draft: Draft): boolean {
  return Object.keys(draft.dimensions).length === 0 && draft.flags.length === 0 && draft.comment.trim() === '' && Object.keys(draft.concepts).length === 0;
}
