// Counts of a loaded dataset: the report of `medco validate` (docs/formats.md §4).
import type { Dataset, DatasetItem, SourceProblem } from '../types';

export interface DatasetSummary {
  items: number;
  byLanguage: Record<string, number>;
  byTask: Record<string, number>;
  labels: Record<string, number>;
  errors: SourceProblem[];
  warnings: SourceProblem[];
}

/** Counts items one at a time, so that they need not all be kept (see validateDataset). */
export class SummaryCounter {
  private items = 0;
  private readonly byLanguage: Record<string, number> = {};
  private readonly byTask: Record<string, number> = {};
  private readonly labels: Record<string, number> = {};

  add(item: DatasetItem): void {
    this.items++;
    this.byLanguage[item.lang] = (this.byLanguage[item.lang] ?? 0) + 1;
    this.byTask[item.task] = (this.byTask[item.task] ?? 0) + 1;
    if (item.label !== null) this.labels[item.label] = (this.labels[item.label] ?? 0) + 1;
  }

  summary(errors: SourceProblem[], warnings: SourceProblem[]): DatasetSummary {
    return { items: this.items, byLanguage: this.byLanguage, byTask: this.byTask, labels: this.labels, errors, warnings };
  }
}

export function summarizeDataset(dataset: Dataset): DatasetSummary {
  const counter = new SummaryCounter();
  for (const item of dataset.items) counter.add(item);
  return counter.summary(dataset.errors, dataset.warnings);
}
