// One statistics computation as plain, structured-cloneable data: what the statistics worker
// receives and sends back. The job itself (`runStatsJob`) is the same code the panel ran on the
// extension host before: read the annotation folder, compute the `medco stats` document and the
// dashboard additions (seeded). No `vscode` here: this module runs inside a worker thread.
import { loadDashboard } from '../../core/charts/loadDashboard';
import type { StatsDashboard } from '../../core/charts/dashboardData';
import { itemMetaLookup, type ItemMeta } from '../../core/stats/itemMeta';
import type { AnnotationFile, Rubric, SourceProblem } from '../../core/types';
import { scoresForDashboard, type ScoringSources } from '../../core/scoring/dashboardScores';
import { DEFAULT_SEED } from '../../core/stats/compute';

export interface StatsJobRequest {
  annotationsDir: string;
  dataset: string;
  rubric?: Rubric;
  /** The open dataset's own item languages/tasks (a Map clones across threads; a function would not). */
  knownItems?: ReadonlyMap<string, ItemMeta>;
  /** Rubric label → its localized text: vscode.l10n is only available on the host, so it translates up front. */
  labels?: Record<string, string>;
  bootstrap?: number;
  seed?: number;
  /** The export needs the annotator files for its long-format CSV; the panel does not. */
  withFiles?: boolean;
  /** The open dataset's files and traces: the Scores section (task accuracy), when there are gold labels. */
  scoring?: ScoringSources;
}

export interface StatsJobResult {
  dashboard: StatsDashboard;
  problems: SourceProblem[];
  files?: AnnotationFile[];
}

/** What the host posts to the worker. */
export interface StatsWorkerRequest {
  id: number;
  request: StatsJobRequest;
}

/** What the worker posts back: a result, or the reason the computation failed (shown as today). */
export type StatsWorkerReply = { id: number } & ({ ok: true; result: StatsJobResult } | { ok: false; message: string });

export async function runStatsJob(request: StatsJobRequest): Promise<StatsJobResult> {
  const labels = request.labels ?? {};
  const loaded = await loadDashboard(request.annotationsDir, request.dataset, {
    rubric: request.rubric,
    itemMeta: itemMetaLookup(request.knownItems),
    bootstrap: request.bootstrap,
    seed: request.seed,
    translateLabel: (label) => labels[label] ?? label,
  });
  const result: StatsJobResult = { dashboard: loaded.dashboard, problems: loaded.problems };
  if (request.scoring) {
    const scored = await scoresForDashboard(request.scoring, request.seed ?? DEFAULT_SEED);
    if (scored.scores) result.dashboard.scores = scored.scores;
    result.problems = [...result.problems, ...scored.problems];
  }
  if (request.withFiles) result.files = loaded.files;
  return result;
}
