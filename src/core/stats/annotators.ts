// Per-annotator summaries and flag frequencies: who rated how much, how fast, and what they flagged.
// Very fast ratings are counted (not removed) so a curator can look at them.
import { median } from './quantile';
import type { RatingTable } from './ratingTable';

export const DEFAULT_FAST_THRESHOLD_MS = 10_000;

export interface AnnotatorSummary {
  annotator: string;
  items: number;
  dimensions: Record<string, { n: number; mean: number | null }>;
  medianDurationMs: number | null;
  /** Items saved with a durationMs below the threshold. */
  fastItems: number;
  fastThresholdMs: number;
  /** Items with at least one flag. */
  flaggedItems: number;
}

export function summarizeAnnotators(table: RatingTable, fastThresholdMs = DEFAULT_FAST_THRESHOLD_MS): AnnotatorSummary[] {
  return table.raters.map((annotator, r) => {
    const durations: number[] = [];
    let items = 0;
    let fastItems = 0;
    let flaggedItems = 0;
    for (const row of table.entries) {
      const entry = row[r];
      if (!entry) continue;
      items++;
      if (typeof entry.durationMs === 'number' && Number.isFinite(entry.durationMs)) {
        durations.push(entry.durationMs);
        if (entry.durationMs < fastThresholdMs) fastItems++;
      }
      if (Array.isArray(entry.rating?.flags) && entry.rating.flags.length > 0) flaggedItems++;
    }
    const dimensions: AnnotatorSummary['dimensions'] = {};
    for (const dim of table.dimensions) {
      let n = 0;
      let sum = 0;
      for (const row of table.matrices[dim]) {
        const v = row[r];
        if (v === null) continue;
        n++;
        sum += v;
      }
      dimensions[dim] = { n, mean: n > 0 ? sum / n : null };
    }
    return { annotator, items, dimensions, medianDurationMs: median(durations), fastItems, fastThresholdMs, flaggedItems };
  });
}

export interface FlagFrequencies {
  /** Annotation entries (item × annotator) the rates are relative to. */
  entries: number;
  byFlag: Record<string, { count: number; rate: number }>;
  byLanguage: Record<string, { entries: number; byFlag: Record<string, number> }>;
}

export function flagFrequencies(table: RatingTable): FlagFrequencies {
  const result: FlagFrequencies = { entries: 0, byFlag: {}, byLanguage: {} };
  table.entries.forEach((row, u) => {
    const lang = table.units[u].lang;
    for (const entry of row) {
      if (!entry) continue;
      result.entries++;
      const perLang = (result.byLanguage[lang] ??= { entries: 0, byFlag: {} });
      perLang.entries++;
      const flags = Array.isArray(entry.rating?.flags) ? new Set(entry.rating.flags.filter((f) => typeof f === 'string')) : new Set<string>();
      for (const flag of flags) {
        (result.byFlag[flag] ??= { count: 0, rate: 0 }).count++;
        perLang.byFlag[flag] = (perLang.byFlag[flag] ?? 0) + 1;
      }
    }
  });
  for (const f of Object.values(result.byFlag)) f.rate = f.count / result.entries;
  return result;
}
