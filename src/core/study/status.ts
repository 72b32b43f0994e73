// Progress of a study (docs/formats.md §7, `medco study status`): per annotator, items assigned,
// items judged, median time per judged item; agreement on the calibration items; and what does not
// fit the study (judgements outside an assignment, assignment problems). Reads nothing itself.
import type { AnnotationFile } from '../types';
import { krippendorffAlpha } from '../stats/krippendorff';
import type { StudyFile } from './types';
import { judgedItems, judgementsOutsideAssignment } from './check';
import { comparisonKey, sortedPair } from './pairs';

export interface AnnotatorProgress {
  assigned: number;
  done: number;
  /** Median `durationMs` of the judged assigned items that recorded one; null if none did. */
  medianMs: number | null;
  calibrationDone: number;
  /** How often this annotator's calibration values agree exactly with the reference, and with the others'. */
  calibrationAgreement: { withReference: ExactAgreement; withOthers: ExactAgreement };
}

/** Share of exact agreement over `compared` pairs of values (same item and dimension); null when none. */
export interface ExactAgreement {
  exact: number | null;
  compared: number;
}

export interface CalibrationAgreement {
  /** Krippendorff's alpha over the calibration items (ordinal for ratings, nominal for preferences). */
  krippendorff_alpha: number | null;
  level: 'ordinal' | 'nominal';
  /** Calibration items with two or more judgements. */
  items: number;
  reason?: string;
}

export interface StudyStatus {
  dataset: string;
  mode: StudyFile['mode'];
  annotators: Record<string, AnnotatorProgress>;
  calibration: { items: number; agreement: Record<string, CalibrationAgreement> };
  /** annotator → judged items outside their assignment (kept in their file, never deleted). */
  outsideAssignment: Record<string, string[]>;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = values.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const NOT_DIMENSIONS = new Set(['flags', 'comment']);

function calibrationAgreement(study: StudyFile, files: readonly { annotator: string; data: AnnotationFile }[]): Record<string, CalibrationAgreement> {
  const items = study.calibration ?? [];
  if (items.length === 0) return {};
  const out: Record<string, CalibrationAgreement> = {};
  const agreement = (rows: (number | null)[][], level: 'ordinal' | 'nominal'): CalibrationAgreement => {
    const est = krippendorffAlpha(rows, level);
    const pairable = rows.filter((r) => r.filter((v) => v !== null).length >= 2).length;
    return { krippendorff_alpha: est.value, level, items: pairable, ...(est.reason ? { reason: est.reason } : {}) };
  };
  if (study.mode === 'pairwise' && study.pairwise) {
    const [a, b] = sortedPair(...study.pairwise.configs);
    const code = (w: string | undefined) => (w === undefined ? null : w === a ? 0 : w === b ? 1 : w === 'tie' ? 2 : w === 'both_bad' ? 3 : null);
    const dims = new Set<string>();
    for (const f of files) for (const id of items) Object.keys(f.data.comparisons?.[comparisonKey(id, a, b)]?.winner ?? {}).forEach((d) => dims.add(d));
    for (const dim of [...dims].sort()) {
      out[dim] = agreement(items.map((id) => files.map((f) => code(f.data.comparisons?.[comparisonKey(id, a, b)]?.winner[dim]))), 'nominal');
    }
    return out;
  }
  const dims = new Set<string>();
  for (const f of files) for (const id of items) Object.keys(f.data.items[id]?.rating ?? {}).filter((d) => !NOT_DIMENSIONS.has(d)).forEach((d) => dims.add(d));
  for (const dim of [...dims].sort()) {
    const value = (f: { data: AnnotationFile }, id: string) => {
      const v = f.data.items[id]?.rating[dim];
      return typeof v === 'number' && Number.isInteger(v) ? v : null;
    };
    out[dim] = agreement(items.map((id) => files.map((f) => value(f, id))), 'ordinal');
  }
  return out;
}

type Value = number | string;

/**
 * The judged values on calibration items: annotator → "item\u0000dimension" → value. Ratings in
 * `single` mode (integers on the scale; "not assessable" is left out, as in the alpha), winners in
 * `pairwise` mode (a configuration, tie or both_bad).
 */
function calibrationValues(study: StudyFile, files: readonly { annotator: string; data: AnnotationFile }[]): Map<string, Map<string, Value>> {
  const out = new Map<string, Map<string, Value>>();
  const items = study.calibration ?? [];
  for (const { annotator, data } of files) {
    const values = new Map<string, Value>();
    for (const id of items) {
      const judged: Record<string, unknown> | undefined =
        study.mode === 'pairwise' && study.pairwise
          ? data.comparisons?.[comparisonKey(id, ...sortedPair(...study.pairwise.configs))]?.winner
          : data.items[id]?.rating;
      for (const [dim, v] of Object.entries(judged ?? {})) {
        if (NOT_DIMENSIONS.has(dim)) continue;
        if ((typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && study.mode === 'pairwise')) values.set(`${id}\u0000${dim}`, v);
      }
    }
    out.set(annotator, values);
  }
  return out;
}

function referenceValues(study: StudyFile): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const id of study.calibration ?? []) {
    const ref = study.calibrationReference?.[id];
    const judged: Record<string, unknown> = (study.mode === 'pairwise' ? ref?.winner : ref?.rating) ?? {};
    for (const [dim, v] of Object.entries(judged)) if (typeof v === 'number' || typeof v === 'string') out.set(`${id}\u0000${dim}`, v);
  }
  return out;
}

function exactAgreement(mine: Map<string, Value>, others: readonly Map<string, Value>[]): ExactAgreement {
  let compared = 0;
  let same = 0;
  for (const [key, v] of mine) {
    for (const other of others) {
      const w = other.get(key);
      if (w === undefined) continue;
      compared++;
      if (w === v) same++;
    }
  }
  return { exact: compared === 0 ? null : same / compared, compared };
}

/** Status of the study given the annotator files of its dataset (annotator = the file name). */
export function studyStatus(study: StudyFile, files: readonly { annotator: string; data: AnnotationFile }[]): StudyStatus {
  const byAnnotator = new Map(files.map((f) => [f.annotator, f.data]));
  const calibration = new Set(study.calibration ?? []);
  const annotators: Record<string, AnnotatorProgress> = {};
  const ids = [...new Set([...study.annotators.map((a) => a.id), ...Object.keys(study.assignments)])];
  const values = calibrationValues(study, files.filter((f) => ids.includes(f.annotator)));
  const reference = referenceValues(study);
  for (const id of ids) {
    const assigned = study.assignments[id] ?? [];
    const data = byAnnotator.get(id);
    const judged = data ? judgedItems(study, data) : new Map<string, { durationMs?: number }>();
    const done = assigned.filter((itemId) => judged.has(itemId));
    const times = done.map((itemId) => judged.get(itemId)!.durationMs).filter((ms): ms is number => typeof ms === 'number');
    annotators[id] = {
      assigned: assigned.length,
      done: done.length,
      medianMs: median(times),
      calibrationDone: done.filter((itemId) => calibration.has(itemId)).length,
      calibrationAgreement: {
        withReference: exactAgreement(values.get(id) ?? new Map(), [reference]),
        withOthers: exactAgreement(values.get(id) ?? new Map(), [...values].filter(([who]) => who !== id).map(([, v]) => v)),
      },
    };
  }
  return {
    dataset: study.dataset,
    mode: study.mode,
    annotators,
    calibration: { items: calibration.size, agreement: calibrationAgreement(study, files) },
    outsideAssignment: judgementsOutsideAssignment(study, files),
  };
}
