// The study file `annotations/<dataset>/_study.json` (docs/formats.md §7): who rates which items,
// in which order, in which mode. Pure data types: the webview and the extension share them.

export const STUDY_SCHEMA = 'medco.study/1';
export const STUDY_FILE_NAME = '_study.json';

export type StudyMode = 'single' | 'pairwise';
export type StudyOrder = 'shuffle' | 'dataset';
export type StudyStrata = 'lang-task' | 'lang';
export type StudyHidden = 'annotators' | 'configs' | 'judges';

export interface StudyAnnotator {
  id: string;
  languages: string[];
}

export interface StudyFile {
  schema: typeof STUDY_SCHEMA;
  dataset: string;
  mode: StudyMode;
  seed: number;
  overlap: number;
  order?: StudyOrder;
  strata?: StudyStrata;
  annotators: StudyAnnotator[];
  /** annotator id → item ids, in that annotator's order (calibration items first). */
  assignments: Record<string, string[]>;
  calibration?: string[];
  /** Show an annotator the curator's reference (`calibrationReference`) once their rating of a calibration item is saved. */
  showCalibrationReference?: boolean;
  /** Calibration item id → the curator's reference judgement. */
  calibrationReference?: Record<string, CalibrationReference>;
  pairwise?: { configs: [string, string] };
  hide?: StudyHidden[];
}

/**
 * The curator's reference judgement of a calibration item: per rubric dimension a value on the
 * scale (null: not assessable) in `single` mode, a winner (a configuration, `tie`, `both_bad`) in
 * `pairwise` mode; and a note saying why.
 */
export interface CalibrationReference {
  rating?: Record<string, number | null>;
  winner?: Record<string, string>;
  note?: string;
}

/** What assignment needs to know of an item. */
export interface StudyItem {
  id: string;
  lang: string;
  task: string;
}
