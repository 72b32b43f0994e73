// "Judges against physicians" (docs/formats.md §6): how far each LLM judge's file (annotator.role
// "model") agrees with the physicians, per rubric dimension. The reference is the physicians'
// median per item (the middle value; with an even number of physicians, the mean of the two middle
// values, e.g. 3.5), over items the judge rated and at least one physician rated:
//   - kappa_quadratic_vs_median: Cohen's weighted kappa (cohen.ts) of judge × median, quadratic
//     disagreement weights on the values themselves, (x − y)²: on integer medians exactly Cohen's
//     quadratic kappa, and a half-point median is half a point from either neighbour;
//   - alpha_ordinal_with / _without: Krippendorff's ordinal alpha (krippendorff.ts) of the
//     physicians with this judge added as one more rater, and of the physicians alone;
//   - bias: mean of (judge − median), with its t-based 95% CI (descriptive.ts): items are the units.
// Judges are never mixed into each other or into the physicians' own agreement. A judge rates every
// configuration × round into a file of its own (judge-<slug>--<config>…), while physicians rate one
// trace per item: a judge's rating is compared only where it is of a trace a physician rated (same
// `traceId`; entries without one are compared as before), so a judge of another configuration is
// never scored against the physicians' ratings of a different answer.
import type { AnnotationFile } from '../types';
import { isModelFile } from '../judge/judgeName';
import { ratesPhysiciansTrace } from '../judge/sameTrace';
import { contingencyTable, weightedKappaFromTable } from './cohen';
import { summarize } from './descriptive';
import type { ItemMetaLookup } from './itemMeta';
import { krippendorffAlpha } from './krippendorff';
import { type Estimate, type RatingMatrix, undefinedBecause } from './matrix';
import { median } from './quantile';
import { buildRatingTable } from './ratingTable';
import { formatInvalidValue, type Scale } from './ratingValue';
import type { StatsNote } from './result';

export interface JudgeDimensionAgreement {
  /** Items the judge and at least one physician rated (a number, not "not assessable"). */
  n: number;
  kappa_quadratic_vs_median: number | null;
  alpha_ordinal_with: number | null;
  alpha_ordinal_without: number | null;
  /** Mean of judge − physicians' median. */
  bias: number | null;
  bias_ci95: [number, number] | null;
}

/** judge id (`judge-<slug>`) → dimension → agreement. */
export type JudgesAgainstPhysicians = Record<string, Record<string, JudgeDimensionAgreement>>;

/**
 * Cohen's weighted kappa of two paired value lists with quadratic weights on the values
 * (categories may include half points): the existing kappa from a contingency table, with
 * (x − y)² as the disagreement weights.
 */
export function quadraticKappaOnValues(a: readonly number[], b: readonly number[]): Estimate {
  if (a.length === 0) return undefinedBecause('no item rated by both the judge and a physician');
  const categories = [...new Set([...a, ...b])].sort((x, y) => x - y);
  const { table } = contingencyTable(a, b, categories);
  const weights = categories.map((x) => categories.map((y) => (x - y) ** 2));
  return weightedKappaFromTable(table, weights);
}

export interface JudgesOptions {
  dimensions: readonly string[];
  scales?: ReadonlyMap<string, Scale>;
  itemMeta?: ItemMetaLookup;
  sourceOf?: (file: AnnotationFile) => string | undefined;
}

/** The section, or undefined when there is no model file; nulls are explained in `notes`. */
export function judgesAgainstPhysicians(files: readonly AnnotationFile[], options: JudgesOptions): { judges: JudgesAgainstPhysicians; notes: StatsNote[] } | undefined {
  if (!files.some(isModelFile)) return undefined;
  const humanFiles = files.filter((f) => !isModelFile(f));
  const humanIds = new Set(humanFiles.map((f) => f.annotator.id));
  const notes: StatsNote[] = [];
  const judgeFiles = files.filter(isModelFile).map((f) => onPhysiciansTraces(f, humanFiles, notes));
  const table = buildRatingTable([...humanFiles, ...judgeFiles], { dimensions: options.dimensions, scales: options.scales, itemMeta: options.itemMeta, sourceOf: options.sourceOf });
  const note = (at: string, e: Estimate): number | null => {
    if (e.value === null) notes.push({ at, reason: e.reason ?? 'undefined for these data' });
    return e.value;
  };
  // Values off the scale in a judge's file are left out, like a physician's (computeStats names those).
  const judgeIds = new Set(judgeFiles.map((f) => f.annotator.id));
  for (const v of table.invalid) if (judgeIds.has(v.annotator)) notes.push({ at: `judges.${v.annotator}.${v.dimension}`, reason: `left out: ${formatInvalidValue(v)}` });

  const humanCols = table.raters.flatMap((r, i) => (humanIds.has(r) ? [i] : []));
  const judges: JudgesAgainstPhysicians = {};
  for (const judge of [...judgeIds].sort()) {
    const j = table.raters.indexOf(judge);
    judges[judge] = {};
    for (const dim of table.dimensions) {
      const at = `judges.${judge}.${dim}`;
      const matrix = table.matrices[dim];
      const humans: RatingMatrix = matrix.map((row) => humanCols.map((c) => row[c]));
      const withJudge: RatingMatrix = matrix.map((row) => [...humanCols.map((c) => row[c]), row[j]]);
      const judgeValues: number[] = [];
      const medians: number[] = [];
      matrix.forEach((row, u) => {
        const v = row[j];
        const m = median(humans[u].filter((x): x is number => x !== null));
        if (v === null || m === null) return;
        judgeValues.push(v);
        medians.push(m);
      });
      const bias = summarize(judgeValues.map((v, i) => v - medians[i]));
      if (bias.ci95 === null) notes.push({ at: `${at}.bias_ci95`, reason: bias.reason ?? 'undefined' });
      if (bias.mean === null) notes.push({ at: `${at}.bias`, reason: 'no item rated by both the judge and a physician' });
      judges[judge][dim] = {
        n: judgeValues.length,
        kappa_quadratic_vs_median: note(`${at}.kappa_quadratic_vs_median`, quadraticKappaOnValues(judgeValues, medians)),
        alpha_ordinal_with: note(`${at}.alpha_ordinal_with`, krippendorffAlpha(withJudge, 'ordinal')),
        alpha_ordinal_without: note(`${at}.alpha_ordinal_without`, krippendorffAlpha(humans, 'ordinal')),
        bias: bias.mean,
        bias_ci95: bias.ci95,
      };
    }
  }
  return { judges, notes };
}

/**
 * The judge's file with only the ratings of traces a physician rated too (or where either side has
 * no `traceId`); how many were left out goes to the notes.
 */
function onPhysiciansTraces(judge: AnnotationFile, humans: readonly AnnotationFile[], notes: StatsNote[]): AnnotationFile {
  const items: AnnotationFile['items'] = {};
  let other = 0;
  for (const [itemId, entry] of Object.entries(judge.items)) {
    const physicians = humans.flatMap((h) => (h.items[itemId] ? [h.items[itemId]] : []));
    if (ratesPhysiciansTrace(entry, physicians)) items[itemId] = entry;
    else other++;
  }
  if (other > 0) {
    const run = judge.annotator.run ? ` (${judge.annotator.run.config} round ${judge.annotator.run.round})` : '';
    notes.push({ at: `judges.${judge.annotator.id}`, reason: `${other} item(s) left out: the judge${run} rated another trace than the physicians did (another configuration or round)` });
  }
  return other > 0 ? { ...judge, items } : judge;
}
