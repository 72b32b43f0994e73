// The numbers the statistics dashboard shows beyond the `medco stats` document: how often each
// score was given per dimension and language, and Krippendorff's ordinal alpha per language with
// a bootstrap CI (the document has the per-language alpha but not its interval). Pure and
// deterministic (seeded), so the panel and the export show the same figures.
import type { AnnotationFile } from '../types';
import { bootstrapAlpha } from '../stats/bootstrap';
import { DEFAULT_BOOTSTRAP, DEFAULT_SEED } from '../stats/compute';
import type { ItemMetaLookup } from '../stats/itemMeta';
import { krippendorffAlphaFromData, prepareAlphaData } from '../stats/krippendorff';
import { buildRatingTable, selectUnits } from '../stats/ratingTable';
import { scalesOfStats } from '../stats/ratingValue';
import type { StatsResult } from '../stats/result';
import type { DashboardScores } from './scoreCharts';
import { judgeGrids, type JudgeGrid } from './judgeGrid';

export interface LanguageScores {
  /** counts[i] = how many ratings gave `scale[i]`. */
  counts: number[];
  /** Ratings saved as null ("not assessable"). */
  notAssessable: number;
}

export interface ScoreDistribution {
  scale: number[];
  byLanguage: Record<string, LanguageScores>;
}

export interface LanguageAlpha {
  lang: string;
  /** Items with two or more ratings: the ones alpha is computed on. */
  pairableItems: number;
  alpha: number | null;
  ci95: [number, number] | null;
  /** Why alpha or its interval is undefined, when it is. */
  reason?: string;
}

/** Everything the dashboard draws: the stats document plus the two additions above. */
export interface StatsDashboard {
  stats: StatsResult;
  distributions: Record<string, ScoreDistribution>;
  alphaByLanguage: Record<string, LanguageAlpha[]>;
  /** Dimension id → its (localized) rubric label, for titles and headers; ids are shown otherwise. */
  dimensionLabels?: Record<string, string>;
  /** Task accuracy of the dataset's traces (`medco score`), when the dataset has gold labels and traces. */
  scores?: DashboardScores;
  /** Per LLM judge file and dimension: the judge's score against the physicians' median, counted (when judge files exist). */
  judgeGrids?: JudgeGrid[];
}

export interface DashboardOptions {
  itemMeta?: ItemMetaLookup;
  bootstrap?: number;
  seed?: number;
}

export function buildDashboard(files: readonly AnnotationFile[], stats: StatsResult, options: DashboardOptions = {}): StatsDashboard {
  const dimensions = Object.keys(stats.dimensions);
  // The files the statistics document used (LLM judges' files are left out of it by default).
  const used = new Set(stats.annotators);
  const selected = (stats.dataset ? files.filter((f) => f.dataset === stats.dataset) : files).filter((f) => used.has(f.annotator.id));
  // The document's scales: values off them are left out here too, as in the document.
  const table = buildRatingTable(selected, { dimensions, itemMeta: options.itemMeta, scales: scalesOfStats(stats.dimensions) });
  const resamples = Math.max(0, Math.floor(options.bootstrap ?? DEFAULT_BOOTSTRAP));
  const seed = options.seed ?? DEFAULT_SEED;
  const languages = [...new Set(table.units.map((u) => u.lang))].sort();
  const unitsOf = new Map(languages.map((lang) => [lang, table.units.flatMap((u, i) => (u.lang === lang ? [i] : []))]));

  const distributions: Record<string, ScoreDistribution> = {};
  const alphaByLanguage: Record<string, LanguageAlpha[]> = {};
  dimensions.forEach((dim, d) => {
    const scale = stats.dimensions[dim].scale;
    const position = new Map(scale.map((v, i) => [v, i]));
    const matrix = table.matrices[dim];
    const byLanguage: Record<string, LanguageScores> = {};
    for (const lang of languages) {
      const scores: LanguageScores = { counts: scale.map(() => 0), notAssessable: 0 };
      for (const u of unitsOf.get(lang) ?? []) {
        matrix[u].forEach((value, r) => {
          if (value !== null) {
            const i = position.get(value);
            if (i !== undefined) scores.counts[i]++;
          } else if (table.entries[u][r]?.rating?.[dim] === null) {
            scores.notAssessable++;
          }
        });
      }
      byLanguage[lang] = scores;
    }
    distributions[dim] = { scale, byLanguage };

    alphaByLanguage[dim] = languages.map((lang, l) => {
      const rows = selectUnits(matrix, unitsOf.get(lang) ?? []);
      const data = prepareAlphaData(rows);
      const estimate = krippendorffAlphaFromData(data, 'ordinal');
      const pairableItems = rows.filter((row) => row.filter((v) => v !== null).length >= 2).length;
      const result: LanguageAlpha = { lang, pairableItems, alpha: estimate.value, ci95: null };
      if (estimate.value === null) {
        result.reason = estimate.reason ?? 'undefined for these data';
        return result;
      }
      // A distinct, seed-fixed stream per dimension and language.
      const interval = bootstrapAlpha(data, 'ordinal', resamples, seed + 1009 * (d + 1) + 17 * l);
      result.ci95 = interval.ci95;
      if (!interval.ci95) result.reason = interval.reason;
      return result;
    });
  });
  const dashboard: StatsDashboard = { stats, distributions, alphaByLanguage };
  if (stats.judges) {
    const inDataset = stats.dataset ? files.filter((f) => f.dataset === stats.dataset) : files;
    dashboard.judgeGrids = judgeGrids(inDataset, Object.fromEntries(dimensions.map((dim) => [dim, stats.dimensions[dim].scale])));
  }
  return dashboard;
}
