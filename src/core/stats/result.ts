// The document `medco stats --json` prints (docs/formats.md §4), extended with notes, flags, the
// per-annotator summary, bootstrap settings and, when there is one, the comparison with the
// adjudicated values. Undefined statistics are null, with the reason in `notes`.
import type { GoldAgreement } from '../adjudication/goldAgreement';
import type { AnnotatorSummary, FlagFrequencies } from './annotators';
import type { PairwiseKappa } from './cohen';
import type { IccIntervals, IccValues } from './icc';
import type { PreferenceStats } from './preferences';
import type { InvalidValue } from './ratingValue';
import type { JudgesAgainstPhysicians } from './judges';

export interface SourceProblemLike {
  file: string;
  line: number;
  message: string;
}

export interface StatsNote {
  /** Where the null is, as a dotted path into this document. */
  at: string;
  reason: string;
}

export interface AlphaByLevel {
  nominal: number | null;
  ordinal: number | null;
  interval: number | null;
  ratio: number | null;
  ci95_ordinal: [number, number] | null;
  /** Bootstrap intervals at the other levels, from the same resamples as ci95_ordinal. */
  ci95_nominal?: [number, number] | null;
  ci95_interval?: [number, number] | null;
  ci95_ratio?: [number, number] | null;
}

export type Interval = [number, number] | null;

export interface Agreement {
  krippendorff_alpha: AlphaByLevel;
  /** Gwet's generalisation: items with fewer ratings take part (irrCAC fleiss.kappa.raw). */
  fleiss_kappa: number | null;
  /** Percentile bootstrap, items resampled (seeded). */
  fleiss_kappa_ci95: Interval;
  gwet_ac1: number | null;
  gwet_ac1_ci95: Interval;
  gwet_ac2: { linear: number | null; quadratic: number | null; ordinal: number | null; ratio: number | null };
  gwet_ac2_ci95: { linear: Interval; quadratic: Interval; ordinal: Interval; ratio: Interval };
  /** On the complete cases (items every annotator rated); `icc_items` says how many. */
  icc: IccValues;
  /** F-distribution intervals (McGraw & Wong 1996). */
  icc_ci95: IccIntervals;
  icc_items: number;
  cohen_kappa_pairwise: PairwiseKappa[];
}

export interface GroupStats {
  n: number;
  items: number;
  mean: number | null;
  sd: number | null;
  /** Never leaves the scale: percentile bootstrap over items (t interval truncated to the scale with --bootstrap 0). */
  ci95: [number, number] | null;
  krippendorff_alpha_ordinal: number | null;
}

export interface DimensionStats {
  n: number;
  items: number;
  /** Saved values of this dimension left out because they are not integers on the scale. */
  invalid: number;
  mean: number | null;
  sd: number | null;
  /** Never leaves the scale: percentile bootstrap over items (t interval truncated to the scale with --bootstrap 0). */
  ci95: [number, number] | null;
  /** Percentile bootstrap interval of the mean, items resampled. */
  ci95_bootstrap: [number, number] | null;
  scale: number[];
  agreement: Agreement;
  byLanguage: Record<string, GroupStats>;
  byTask: Record<string, GroupStats>;
  /** language → task → statistics: the means table of a paper. */
  byLanguageTask: Record<string, Record<string, GroupStats>>;
}

export interface StatsResult {
  dataset: string | null;
  datasets: string[];
  annotators: string[];
  items: number;
  dimensions: Record<string, DimensionStats>;
  flags: FlagFrequencies;
  annotatorSummary: AnnotatorSummary[];
  adjudication?: Record<string, GoldAgreement[]>;
  /** Present when LLM judges' files (role "model") exist: each judge against the physicians (judges.ts). */
  judges?: JudgesAgainstPhysicians;
  bootstrap: { resamples: number; seed: number; method: string };
  /** How the means' ci95 were formed: bootstrap percentile, or (with --bootstrap 0) the t interval truncated to the scale. */
  meanInterval?: 'bootstrap-percentile' | 't-truncated';
  /** Blind pairwise judgements (docs/formats.md §7), per dimension; absent when no file has any. */
  preferences?: Record<string, PreferenceStats>;
  /** Every saved value left out of the statistics (off the rubric's scale, not an integer), with where it is. */
  invalid: InvalidValue[];
  /**
   * The annotator files read: how many were used, which could not be read (left out of every
   * number) and which were used with a warning (e.g. `dataset` differing from their folder).
   * Set by the readers of an annotations folder (CLI, dashboard).
   */
  input?: { used: number; leftOut: SourceProblemLike[]; warnings: SourceProblemLike[] };
  notes: StatsNote[];
}
