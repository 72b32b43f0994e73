// Where the statistics come from: the open dataset's annotation folder (through the review
// session), or, with no dataset open, a dataset folder of the configured annotations folder.
import * as vscode from 'vscode';
import { listAnnotationDatasets, loadRubric, rubricFileFor } from '../../core/store';
import { itemMetaLookup, type ItemMeta, type ItemMetaLookup } from '../../core/stats/itemMeta';
import type { Rubric } from '../../core/types';
import type { ReviewSession } from '../session';
import { configuredAnnotationsDir, configuredRubricFile } from '../workspace/workspacePaths';
import type { StatsJobRequest } from './statsJob';
import type { ScoringSources } from '../../core/scoring/dashboardScores';
import { webviewStrings } from '../panels/uiStrings';

export interface StatsTarget {
  annotationsDir: string;
  dataset: string;
  rubric?: Rubric;
  itemMeta?: ItemMetaLookup;
  /** The data behind `itemMeta`, for the statistics worker (a lookup function cannot cross threads). */
  knownItems?: ReadonlyMap<string, ItemMeta>;
  /** The open dataset's files and traces file, for the Scores section. */
  scoring?: ScoringSources;
}

/** The session's dataset; else the only dataset folder, or the one the user picks. */
export async function resolveStatsTarget(session: ReviewSession, ask: boolean): Promise<StatsTarget | undefined> {
  if (session.paths && session.dataset) {
    const meta = new Map<string, ItemMeta>(session.items.map((item) => [item.id, { lang: item.lang, task: item.task }]));
    const scoring = { datasetFiles: session.dataset.files, tracesFiles: [session.paths.traces] };
    return { annotationsDir: session.paths.annotationsDir, dataset: session.dataset.name, rubric: session.rubric, itemMeta: itemMetaLookup(meta), knownItems: meta, scoring };
  }
  const annotationsDir = configuredAnnotationsDir();
  if (!annotationsDir) return undefined;
  const datasets = await listAnnotationDatasets(annotationsDir);
  let dataset = datasets.length === 1 ? datasets[0] : undefined;
  if (!dataset && datasets.length > 1 && ask) {
    dataset = await vscode.window.showQuickPick(datasets, { title: vscode.l10n.t('Statistics of which dataset?') });
  }
  if (!dataset) return undefined;
  const rubric = await loadRubric(rubricFileFor(annotationsDir, configuredRubricFile())).catch(() => undefined);
  return { annotationsDir, dataset, rubric };
}

/** The statistics worker's job for a target: plain data only, labels localized here on the host. */
export function statsJobRequest(target: StatsTarget, options: { withFiles?: boolean } = {}): StatsJobRequest {
  return {
    annotationsDir: target.annotationsDir,
    dataset: target.dataset,
    rubric: target.rubric,
    knownItems: target.knownItems,
    // Dimension labels only, localized like every panel's rubric texts.
    labels: webviewStrings([], { dimensions: target.rubric?.dimensions.map(({ id, label }) => ({ id, label })) }),
    withFiles: options.withFiles,
    scoring: target.scoring,
  };
}
