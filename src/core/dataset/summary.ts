// Counts of a loaded dataset: the report of `medco validate` (CONTRACTS §4).
import type { Dataset, SourceProblem } from '../types';

export interface DatasetSummary {
  items: number;
  byLanguage: Record<string, number>;
  byTask: Record<string, number>;
  labels: Record<string, number>;
  errors: SourceProblem[];
  warnings: SourceProblem[];
}

export function summarizeDataset(dataset: Dataset): DatasetSummary {
  const byLanguage: Record<string, number> = {};
  const byTask: Record<string, number> = {};
  const labels: Record<string, number> = {};
  for (const item of dataset.items) {
    byLanguage[item.lang] = (byLanguage[item.lang] ?? 0) + 1;
    byTask[item.task] = (byTask[item.task] ?? 0) + 1;
    if (item.label !== null) labels[item.label] = (labels[item.label] ?? 0) + 1;
  }
  return { items: dataset.items.length, byLanguage, byTask, labels, errors: dataset.errors, warnings: dataset.warnings };
}
