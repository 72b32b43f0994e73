// The statistics panel's Scores section: the dataset's traces scored as `medco score` scores them
// (no bootstrap: the chart shows Wilson intervals and SDs over rounds). Nothing to score (no
// traces file, no gold labels) is no scores, not an error; problems go to the panel's log.
import { existsSync } from 'node:fs';
import { loadDataset } from '../dataset';
import type { DashboardScores } from '../charts/scoreCharts';
import type { SourceProblem } from '../types';
import type { ScorableItem } from './gold';
import { readTraceAnswers } from './readTraceAnswers';
import { scoreTraces } from './scoreTraces';

export interface ScoringSources {
  datasetFiles: string[];
  tracesFiles: string[];
}

export async function scoresForDashboard(sources: ScoringSources, seed: number): Promise<{ scores?: DashboardScores; problems: SourceProblem[] }> {
  const tracesFiles = sources.tracesFiles.filter((f) => existsSync(f));
  if (tracesFiles.length === 0 || sources.datasetFiles.length === 0) return { problems: [] };
  const [dataset, read] = await Promise.all([loadDataset(sources.datasetFiles), readTraceAnswers(tracesFiles)]);
  const items = new Map<string, ScorableItem>(dataset.items.map((item) => [item.id, item as unknown as ScorableItem]));
  const report = scoreTraces(items, read, { bootstrap: 0, seed });
  const problems: SourceProblem[] = report.problems.filter((p) => p.kind !== 'dataset').map(({ file, line, message }) => ({ file, line, message }));
  if (report.results.length === 0) return { problems };
  return { scores: { results: report.results, rounds: report.rounds }, problems };
}
