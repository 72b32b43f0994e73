// Which items an annotator sees, in which order, when the dataset has a study (docs/formats.md §7).
// Pure: the extension's Items tree, Next Unrated and status bar all go through it.
import type { StudyFile } from './types';

/**
 * The annotator's assigned items in their study order (calibration first), or undefined when
 * there is no study or the study does not assign this annotator anything (a curator, someone
 * outside the study): then every item is shown as without a study. Assigned ids missing from the
 * dataset are skipped (`medco study status --dataset-file` reports them).
 */
export function studyItemOrder<T extends { id: string }>(study: StudyFile | undefined, annotator: string | undefined, items: readonly T[]): T[] | undefined {
  if (!study || annotator === undefined) return undefined;
  const assigned = study.assignments[annotator];
  if (!assigned) return undefined;
  const byId = new Map(items.map((i) => [i.id, i]));
  const out: T[] = [];
  for (const id of assigned) {
    const item = byId.get(id);
    if (item) out.push(item);
  }
  return out;
}
