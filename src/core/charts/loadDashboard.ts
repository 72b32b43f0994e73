// From an annotations folder to the dashboard: the annotator files of one dataset (unreadable
// files are reported, the others used), the statistics document and the dashboard additions.
// Shared by the statistics panel and its export, so both show the same numbers.
import { formatProblem } from '../dataset/problems';
import { computeStats, DEFAULT_BOOTSTRAP, DEFAULT_SEED } from '../stats/compute';
import { inputSummary, loadAnnotationsForStats } from '../stats/input';
import type { ItemMetaLookup } from '../stats/itemMeta';
import type { AnnotationFile, Rubric, SourceProblem } from '../types';
import { buildDashboard, type StatsDashboard } from './dashboardData';

export interface LoadedDashboard {
  dashboard: StatsDashboard;
  /** The annotator files the statistics were computed on (the export's long-format rows use them). */
  files: AnnotationFile[];
  problems: SourceProblem[];
}

export interface LoadDashboardOptions {
  rubric?: Rubric;
  itemMeta?: ItemMetaLookup;
  bootstrap?: number;
  seed?: number;
  /** Localizes rubric labels (vscode.l10n.t on the host); as written otherwise. */
  translateLabel?: (label: string) => string;
}

export async function loadDashboard(annotationsDir: string, dataset: string, options: LoadDashboardOptions = {}): Promise<LoadedDashboard> {
  const input = await loadAnnotationsForStats(annotationsDir, dataset);
  const bootstrap = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  const seed = options.seed ?? DEFAULT_SEED;
  const stats = computeStats(input.files, {
    dataset,
    rubric: options.rubric,
    bootstrap,
    seed,
    itemMeta: options.itemMeta,
    adjudication: input.adjudications.get(dataset),
    sourceOf: (f) => input.sources.get(f),
  });
  // Like `medco stats`: unreadable files are named in the notes (the others still count), and so
  // are files used despite a dataset or annotator id differing from their folder or file name.
  stats.input = inputSummary(input);
  for (const w of input.warnings) stats.notes.unshift({ at: 'input', reason: `used with a warning: ${formatProblem(w)}` });
  for (const p of input.problems) stats.notes.unshift({ at: 'input', reason: `left out: ${formatProblem(p)}` });
  const dashboard = buildDashboard(input.files, stats, { itemMeta: options.itemMeta, bootstrap, seed });
  if (options.rubric) {
    const translate = options.translateLabel ?? ((label: string) => label);
    dashboard.dimensionLabels = Object.fromEntries(options.rubric.dimensions.map((d) => [d.id, translate(d.label || d.id)]));
  }
  return { dashboard, files: input.files, problems: input.problems };
}
