// computeStats: annotation files → the statistics document of docs/formats.md §4.
import type { AdjudicationFile, AnnotationFile, Rubric } from '../types';
import { compareWithAdjudication } from '../adjudication/goldAgreement';
import { DEFAULT_FAST_THRESHOLD_MS, flagFrequencies, summarizeAnnotators } from './annotators';
import { AC2_WEIGHTINGS } from './agreementTerms';
import { bootstrapChanceCorrected, bootstrapPairwiseCohen } from './agreementBootstrap';
import { bootstrapAlphaLevels } from './bootstrap';
import { pairwiseCohenKappa } from './cohen';
import { summarize } from './descriptive';
import { fleissKappa } from './fleiss';
import { gwetAC } from './gwet';
import { NO_ICC, intraclassCorrelations } from './icc';
import { boundedMeanInterval, groupSeed } from './meanInterval';
import { computePreferences, preferenceJudgements } from './preferences';
import type { ItemMetaLookup } from './itemMeta';
import { ALPHA_LEVELS, type AlphaLevel, krippendorffAlphaFromData, prepareAlphaData } from './krippendorff';
import { type Estimate, type RatingMatrix, scaleCategories } from './matrix';
import { buildRatingTable, discoverDimensions, selectUnits } from './ratingTable';
import { DEFAULT_SCALE, type InvalidValue, type Scale, formatInvalidValue, scaleProblems } from './ratingValue';
import type { Agreement, DimensionStats, GroupStats, StatsNote, StatsResult } from './result';
import { type AnnotatorSelection, selectAnnotatorFiles } from '../judge/judgeName';
import { judgesAgainstPhysicians } from './judges';

export interface StatsOptions {
  /** Only files of this dataset. */
  dataset?: string;
  /** Dimensions and their scales; without it, dimensions are found in the files on a 1–5 scale. */
  rubric?: Pick<Rubric, 'dimensions'>;
  /** Bootstrap resamples for the CIs of alpha and of the means (0 = none). Default 1000. */
  bootstrap?: number;
  seed?: number;
  fastThresholdMs?: number;
  itemMeta?: ItemMetaLookup;
  adjudication?: AdjudicationFile;
  /** The file each annotation file was read from, for the notes (default `<dataset>/<annotator>.json`). */
  sourceOf?: (file: AnnotationFile) => string | undefined;
  /** The adjudication file's name, for the notes (default `<dataset>/_adjudication.json`). */
  adjudicationSource?: string;
  /** Whose ratings the agreement measures use: physicians (default), LLM judges' files (role "model"), or all. */
  annotators?: AnnotatorSelection;
}

/** The most bootstrap resamples a run may ask for (the CLI refuses more with a usage error). */
export const MAX_BOOTSTRAP = 100_000;

export const DEFAULT_BOOTSTRAP = 1000;
export const DEFAULT_SEED = 20260108;
const BOOTSTRAP_METHOD = 'percentile; items resampled with replacement (not Hayes & Krippendorff 2007)';

class Notes {
  readonly list: StatsNote[] = [];
  /** The estimate's value; records its reason when it is null. */
  take(at: string, estimate: Estimate): number | null {
    if (estimate.value === null) this.list.push({ at, reason: estimate.reason ?? 'undefined for these data' });
    return estimate.value;
  }
  add(at: string, reason: string): void {
    this.list.push({ at, reason });
  }
}

function presentByUnit(matrix: RatingMatrix): number[][] {
  return matrix.map((row) => row.filter((v): v is number => v !== null));
}

function groupStats(matrix: RatingMatrix, scale: Scale, at: string, opts: Required<Pick<StatsOptions, 'bootstrap' | 'seed'>>, notes: Notes): GroupStats {
  const byUnit = presentByUnit(matrix);
  const summary = summarize(byUnit.flat());
  const interval = boundedMeanInterval(byUnit, scale, opts.bootstrap, groupSeed(opts.seed, at));
  if (interval.ci95 === null) notes.add(`${at}.ci95`, interval.reason ?? 'undefined');
  return {
    n: summary.n,
    items: byUnit.filter((u) => u.length > 0).length,
    mean: summary.mean,
    sd: summary.sd,
    ci95: interval.ci95,
    krippendorff_alpha_ordinal: notes.take(`${at}.krippendorff_alpha_ordinal`, krippendorffAlphaFromData(prepareAlphaData(matrix), 'ordinal')),
  };
}

function groupBy<K extends string>(keys: readonly K[]): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  keys.forEach((k, i) => {
    const list = groups.get(k) ?? [];
    list.push(i);
    groups.set(k, list);
  });
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

function agreement(matrix: RatingMatrix, raters: string[], scale: number[], at: string, opts: Required<Pick<StatsOptions, 'bootstrap' | 'seed'>>, notes: Notes): Agreement {
  const data = prepareAlphaData(matrix);
  const alpha = Object.fromEntries(
    ALPHA_LEVELS.map((level) => [level, notes.take(`${at}.krippendorff_alpha.${level}`, krippendorffAlphaFromData(data, level))]),
  ) as Record<(typeof ALPHA_LEVELS)[number], number | null>;
  const intervals: Partial<Record<AlphaLevel, [number, number] | null>> = {};
  if (opts.bootstrap > 0) {
    const boot = bootstrapAlphaLevels(data, ALPHA_LEVELS, opts.bootstrap, opts.seed);
    for (const level of ALPHA_LEVELS) {
      intervals[level] = boot[level].ci95;
      if (!boot[level].ci95) notes.add(`${at}.krippendorff_alpha.ci95_${level}`, boot[level].reason ?? 'undefined');
    }
  }
  const icc = intraclassCorrelations(matrix);
  if (icc.reason) notes.add(`${at}.icc`, icc.reason);
  const pairwise = pairwiseCohenKappa(matrix, raters, scale);
  pairwise.forEach((p, i) => {
    if (p.reason) notes.add(`${at}.cohen_kappa_pairwise[${i}]`, `${p.annotators.join(' × ')}: ${p.reason}`);
  });
  if (opts.bootstrap > 0) {
    const pairs = pairwise.map((p) => [raters.indexOf(p.annotators[0]), raters.indexOf(p.annotators[1])] as const);
    const boot = bootstrapPairwiseCohen(matrix, pairs, scale, opts.bootstrap, groupSeed(opts.seed, `${at}.cohen`));
    pairwise.forEach((p, i) => {
      p.ci95 = { unweighted: boot[i].unweighted.ci95, linear: boot[i].linear.ci95, quadratic: boot[i].quadratic.ci95 };
    });
  }
  const chance = bootstrapChanceCorrected(matrix, scale, opts.bootstrap, groupSeed(opts.seed, `${at}.chance`));
  const ciOf = (path: string, interval: { ci95: [number, number] | null; reason?: string }) => {
    if (opts.bootstrap > 0 && !interval.ci95) notes.add(path, interval.reason ?? 'undefined');
    return interval.ci95;
  };
  const ac2 = Object.fromEntries(AC2_WEIGHTINGS.map((w) => [w, notes.take(`${at}.gwet_ac2.${w}`, gwetAC(matrix, scale, w))])) as Agreement['gwet_ac2'];
  const ac2Ci = Object.fromEntries(AC2_WEIGHTINGS.map((w) => [w, ciOf(`${at}.gwet_ac2_ci95.${w}`, chance.gwet_ac2[w])])) as Agreement['gwet_ac2_ci95'];
  return {
    krippendorff_alpha: {
      ...alpha,
      ci95_ordinal: intervals.ordinal ?? null,
      ci95_nominal: intervals.nominal ?? null,
      ci95_interval: intervals.interval ?? null,
      ci95_ratio: intervals.ratio ?? null,
    },
    fleiss_kappa: notes.take(`${at}.fleiss_kappa`, fleissKappa(matrix)),
    fleiss_kappa_ci95: ciOf(`${at}.fleiss_kappa_ci95`, chance.fleiss_kappa),
    gwet_ac1: notes.take(`${at}.gwet_ac1`, gwetAC(matrix, scale, 'identity')),
    gwet_ac1_ci95: ciOf(`${at}.gwet_ac1_ci95`, chance.gwet_ac1),
    gwet_ac2: ac2,
    gwet_ac2_ci95: ac2Ci,
    // Always the docs/formats.md §4 object, each form null (reason in notes) where it is undefined.
    icc: icc.value ?? { ...NO_ICC },
    icc_ci95: icc.ci95 ?? { ICC1: null, ICC2: null, ICC3: null, ICC1k: null, ICC2k: null, ICC3k: null },
    icc_items: icc.items,
    cohen_kappa_pairwise: pairwise,
  };
}

export function computeStats(allFiles: readonly AnnotationFile[], options: StatsOptions = {}): StatsResult {
  const inDataset = options.dataset ? allFiles.filter((f) => f.dataset === options.dataset) : [...allFiles];
  const files = selectAnnotatorFiles(inDataset, options.annotators);
  const notes = new Notes();
  const bootstrap = Math.min(MAX_BOOTSTRAP, Math.max(0, Math.floor(options.bootstrap ?? DEFAULT_BOOTSTRAP)));
  const seed = options.seed ?? DEFAULT_SEED;
  const rubricDimensions = options.rubric?.dimensions ?? [];
  const badScale = scaleProblems(rubricDimensions)[0];
  // Callers check the rubric first and name its file; this guard keeps memory bounded for any caller.
  if (badScale) throw new RangeError(`rubric: ${badScale.message}`);
  const scales = new Map<string, Scale>(rubricDimensions.map((d) => [d.id, { min: d.min, max: d.max }]));
  const table = buildRatingTable(files, { dimensions: options.rubric?.dimensions.map((d) => d.id), itemMeta: options.itemMeta, scales, sourceOf: options.sourceOf });
  for (const problem of table.problems) notes.add('input', problem);
  const invalid: InvalidValue[] = [...table.invalid];
  if (options.rubric) {
    const inRubric = new Set(table.dimensions);
    for (const dim of discoverDimensions(files)) {
      if (!inRubric.has(dim)) notes.add('input', `the files rate "${dim}", which is not a dimension of the rubric; it is not analysed`);
    }
  }
  const datasets = [...new Set(files.map((f) => f.dataset))].sort();

  const dimensions: Record<string, DimensionStats> = {};
  const categoriesByDimension: Record<string, number[]> = {};
  table.dimensions.forEach((dim, d) => {
    const at = `dimensions.${dim}`;
    const matrix = table.matrices[dim];
    const { min, max } = scales.get(dim) ?? DEFAULT_SCALE;
    // Invalid values are already out of the matrix: the categories are exactly the scale.
    const scale = scaleCategories(min, max);
    categoriesByDimension[dim] = scale;

    const byUnit = presentByUnit(matrix);
    const summary = summarize(byUnit.flat());
    const meanInterval = boundedMeanInterval(byUnit, { min, max }, bootstrap, seed + 7919 * (d + 1));
    if (meanInterval.ci95 === null) notes.add(`${at}.ci95`, meanInterval.reason ?? 'undefined');
    // With resamples, ci95 is this same percentile bootstrap (a different stream per dimension, fixed by the seed).
    const ci95Bootstrap: [number, number] | null = bootstrap > 0 ? meanInterval.ci95 : null;
    if (bootstrap > 0 && !ci95Bootstrap) notes.add(`${at}.ci95_bootstrap`, meanInterval.reason ?? 'undefined');

    const group = (indices: number[], path: string) => groupStats(selectUnits(matrix, indices), { min, max }, `${at}.${path}`, { bootstrap, seed }, notes);
    const byLanguage: DimensionStats['byLanguage'] = {};
    for (const [lang, indices] of groupBy(table.units.map((u) => u.lang))) byLanguage[lang] = group(indices, `byLanguage.${lang}`);
    const byTask: DimensionStats['byTask'] = {};
    for (const [task, indices] of groupBy(table.units.map((u) => u.task))) byTask[task] = group(indices, `byTask.${task}`);
    const byLanguageTask: DimensionStats['byLanguageTask'] = {};
    for (const [key, indices] of groupBy(table.units.map((u) => `${u.lang}\u0000${u.task}`))) {
      const [lang, task] = key.split('\u0000');
      (byLanguageTask[lang] ??= {})[task] = group(indices, `byLanguageTask.${lang}.${task}`);
    }

    dimensions[dim] = {
      n: summary.n,
      items: byUnit.filter((u) => u.length > 0).length,
      invalid: table.invalid.filter((v) => v.dimension === dim).length,
      mean: summary.mean,
      sd: summary.sd,
      ci95: meanInterval.ci95,
      ci95_bootstrap: ci95Bootstrap,
      scale,
      agreement: agreement(matrix, table.raters, scale, `${at}.agreement`, { bootstrap, seed: seed + d }, notes),
      byLanguage,
      byTask,
      byLanguageTask,
    };
  });

  const result: StatsResult = {
    dataset: options.dataset ?? (datasets.length === 1 ? datasets[0] : null),
    datasets,
    annotators: table.raters,
    items: table.units.length,
    dimensions,
    flags: flagFrequencies(table),
    annotatorSummary: summarizeAnnotators(table, options.fastThresholdMs ?? DEFAULT_FAST_THRESHOLD_MS),
    bootstrap: { resamples: bootstrap, seed, method: BOOTSTRAP_METHOD },
    meanInterval: bootstrap > 0 ? 'bootstrap-percentile' : 't-truncated',
    invalid: [],
    notes: notes.list,
  };
  const judgements = preferenceJudgements(files, { itemMeta: options.itemMeta, sourceOf: options.sourceOf });
  for (const problem of judgements.problems) notes.add('preferences', problem);
  if (judgements.judgements.length > 0) {
    result.preferences = computePreferences(judgements.judgements, { bootstrap, seed, notes: (at, reason) => notes.add(`preferences.${at}`, reason) });
  }
  if (options.adjudication) {
    const source = options.adjudicationSource ?? `${options.adjudication.dataset}/_adjudication.json`;
    const gold = compareWithAdjudication(table, options.adjudication, categoriesByDimension, source);
    result.adjudication = gold.agreement;
    invalid.push(...gold.invalid);
  }
  const judges = judgesAgainstPhysicians(inDataset, { dimensions: table.dimensions, scales, itemMeta: options.itemMeta, sourceOf: options.sourceOf });
  if (judges) {
    result.judges = judges.judges;
    notes.list.push(...judges.notes);
  }
  // Every value left out is counted and named, ahead of the notes on undefined statistics.
  result.invalid = invalid.map((v) => ({ ...v, value: v.value === undefined ? null : v.value }));
  notes.list.unshift(...invalid.map((v) => ({ at: `dimensions.${v.dimension}.invalid`, reason: formatInvalidValue(v) })));
  return result;
}
