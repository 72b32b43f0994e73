// The rows of the curator's Study Progress view, from the same `studyStatus` that
// `medco study status --json` prints: one row per annotator (done/assigned, median time per item,
// calibration agreement), the study's calibration agreement per dimension, judgements outside an
// assignment, and problems of the study file. Pure: the extension only localizes and draws them.
import type { StudyStatus } from './status';

export type ProgressRow =
  | {
      kind: 'annotator';
      id: string;
      done: number;
      assigned: number;
      /** done / assigned (1 when nothing is assigned). */
      fraction: number;
      medianMs: number | null;
      calibrationDone: number;
      calibrationItems: number;
      /** Exact agreement with the curator's reference on calibration items, and with the other annotators. */
      withReference: { exact: number | null; compared: number };
      withOthers: { exact: number | null; compared: number };
      /** Judged items outside this annotator's assignment (kept in their file). */
      outside: string[];
    }
  | { kind: 'calibration'; dimension: string; alpha: number | null; level: 'ordinal' | 'nominal'; items: number; reason?: string }
  | { kind: 'outside'; annotator: string; items: string[] }
  | { kind: 'problem'; file: string; line: number; message: string };

export interface ProgressModel {
  dataset: string;
  mode: StudyStatus['mode'];
  /** All annotators' done / all assigned. */
  done: number;
  assigned: number;
  annotators: Extract<ProgressRow, { kind: 'annotator' }>[];
  calibration: Extract<ProgressRow, { kind: 'calibration' }>[];
  /** Judgements outside an assignment, including those of people the study does not list. */
  outside: Extract<ProgressRow, { kind: 'outside' }>[];
  problems: Extract<ProgressRow, { kind: 'problem' }>[];
}

/** The view's rows: annotators in the order of the study file (listed first, then any only in `assignments`). */
export function progressModel(status: StudyStatus, problems: readonly { file: string; line: number; message: string }[] = []): ProgressModel {
  const calibrationItems = status.calibration.items;
  const annotators = Object.entries(status.annotators).map(([id, a]) => ({
    kind: 'annotator' as const,
    id,
    done: a.done,
    assigned: a.assigned,
    fraction: a.assigned === 0 ? 1 : a.done / a.assigned,
    medianMs: a.medianMs,
    calibrationDone: a.calibrationDone,
    calibrationItems,
    withReference: a.calibrationAgreement.withReference,
    withOthers: a.calibrationAgreement.withOthers,
    outside: status.outsideAssignment[id] ?? [],
  }));
  const calibration = Object.entries(status.calibration.agreement).map(([dimension, a]) => ({
    kind: 'calibration' as const,
    dimension,
    alpha: a.krippendorff_alpha,
    level: a.level,
    items: a.items,
    ...(a.reason ? { reason: a.reason } : {}),
  }));
  const outside = Object.entries(status.outsideAssignment).map(([annotator, items]) => ({ kind: 'outside' as const, annotator, items }));
  return {
    dataset: status.dataset,
    mode: status.mode,
    done: annotators.reduce((n, a) => n + a.done, 0),
    assigned: annotators.reduce((n, a) => n + a.assigned, 0),
    annotators,
    calibration,
    outside,
    problems: problems.map((p) => ({ kind: 'problem' as const, ...p })),
  };
}

/** A median time per item in the unit that reads best in a tree row (53 s, 2.5 min, 1.2 h); the caller localizes the unit. */
export function durationParts(ms: number): { amount: string; unit: 's' | 'min' | 'h' } {
  const s = ms / 1000;
  if (s < 90) return { amount: String(Math.round(s)), unit: 's' };
  if (s < 90 * 60) return { amount: (s / 60).toFixed(1), unit: 'min' };
  return { amount: (s / 3600).toFixed(1), unit: 'h' };
}

/** "75%" for an exact-agreement share, or undefined when nothing was compared. */
export function formatShare(share: number | null): string | undefined {
  return share === null ? undefined : `${Math.round(share * 100)}%`;
}
