// Problems of a study file against its dataset and against the ratings already saved. A study may
// be written by hand, or edited after annotators started: nothing here changes any file; what does
// not fit is reported (ratings outside an annotator's assignment are kept, never deleted).
import type { AnnotationFile } from '../types';
import type { StudyFile, StudyItem } from './types';
import { comparisonKey, itemOfComparisonKey } from './pairs';

export interface StudyProblem {
  /** JSON Pointer into the study file, for the line number. */
  pointer: string;
  message: string;
}

const seg = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Assignment problems: unknown annotators or items, an annotator without the item's language, items nobody or too few rate. */
export function studyProblems(study: StudyFile, items?: readonly StudyItem[]): StudyProblem[] {
  const problems: StudyProblem[] = [];
  const annotators = new Map(study.annotators.map((a) => [a.id, a]));
  const byId = items ? new Map(items.map((i) => [i.id, i])) : undefined;
  const count = new Map<string, number>();
  for (const [who, list] of Object.entries(study.assignments)) {
    const annotator = annotators.get(who);
    if (!annotator) {
      problems.push({ pointer: `/assignments/${seg(who)}`, message: `annotator ${JSON.stringify(who)} has items but is not listed in "annotators"` });
    }
    list.forEach((itemId, i) => {
      count.set(itemId, (count.get(itemId) ?? 0) + 1);
      const item = byId?.get(itemId);
      const pointer = `/assignments/${seg(who)}/${i}`;
      if (byId && !item) problems.push({ pointer, message: `item ${JSON.stringify(itemId)} assigned to ${who} is not in the dataset` });
      else if (item && annotator && !annotator.languages.includes(item.lang)) {
        problems.push({ pointer, message: `item ${JSON.stringify(itemId)} is in ${item.lang}, which ${who} does not rate (languages: ${annotator.languages.join(', ')})` });
      }
    });
  }
  (study.calibration ?? []).forEach((itemId, i) => {
    if (byId && !byId.has(itemId)) problems.push({ pointer: `/calibration/${i}`, message: `calibration item ${JSON.stringify(itemId)} is not in the dataset` });
  });
  // References: only calibration items have one; shown references need one per calibration item.
  const calibrationIds = new Set(study.calibration ?? []);
  for (const itemId of Object.keys(study.calibrationReference ?? {})) {
    if (!calibrationIds.has(itemId)) {
      problems.push({ pointer: `/calibrationReference/${seg(itemId)}`, message: `item ${JSON.stringify(itemId)} has a reference but is not a calibration item` });
    }
  }
  if (study.showCalibrationReference === true) {
    const without = (study.calibration ?? []).filter((id) => !study.calibrationReference?.[id]);
    if (without.length > 0) {
      problems.push({ pointer: '/showCalibrationReference', message: `${without.length} calibration item(s) have no reference to show: ${without.slice(0, 5).join(', ')}${without.length > 5 ? ', …' : ''}` });
    }
  }
  if (items) {
    const calibration = new Set(study.calibration ?? []);
    const nobody = items.filter((i) => !count.has(i.id));
    if (nobody.length > 0) {
      const shown = nobody.slice(0, 5).map((i) => `${i.id} (${i.lang})`).join(', ');
      problems.push({ pointer: '/assignments', message: `${nobody.length} item(s) are assigned to nobody: ${shown}${nobody.length > 5 ? ', …' : ''}` });
    }
    const few = items.filter((i) => !calibration.has(i.id) && count.has(i.id) && count.get(i.id)! < study.overlap);
    if (few.length > 0) {
      const shown = few.slice(0, 5).map((i) => `${i.id} (${count.get(i.id)})`).join(', ');
      problems.push({ pointer: '/assignments', message: `${few.length} item(s) have fewer than ${study.overlap} annotators (overlap): ${shown}${few.length > 5 ? ', …' : ''}` });
    }
  }
  return problems;
}

/** The judgement kind the study's mode collects, keyed by item id, for one annotator file. */
export function judgedItems(study: StudyFile, data: AnnotationFile): Map<string, { durationMs?: number }> {
  const out = new Map<string, { durationMs?: number }>();
  if (study.mode === 'pairwise' && study.pairwise) {
    const [a, b] = study.pairwise.configs;
    const suffix = comparisonKey('', a, b); // "::a::b"
    for (const [key, entry] of Object.entries(data.comparisons ?? {})) {
      if (key.endsWith(suffix) && Object.keys(entry.winner).length > 0) out.set(key.slice(0, -suffix.length), entry);
    }
  } else {
    for (const [itemId, entry] of Object.entries(data.items)) out.set(itemId, entry);
  }
  return out;
}

/**
 * Saved judgements (ratings, and comparisons of any pair) outside the annotator's assignment:
 * annotator id → item ids. An annotator missing from the study has all of theirs reported.
 */
export function judgementsOutsideAssignment(study: StudyFile, files: readonly { annotator: string; data: AnnotationFile }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { annotator, data } of files) {
    const mine = new Set(study.assignments[annotator] ?? []);
    const judged = new Set(Object.keys(data.items));
    for (const key of Object.keys(data.comparisons ?? {})) judged.add(itemOfComparisonKey(key));
    const outside = [...judged].filter((id) => !mine.has(id)).sort();
    if (outside.length > 0) out[annotator] = outside;
  }
  return out;
}
