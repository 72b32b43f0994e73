// Long-form answers scored like the paper's "overall score": the 1–5 ratings that model judges
// (annotation files with `annotator.role: "model"`, e.g. annotations/<dataset>/judge-<slug>.json)
// gave each trace, averaged per judge × configuration × round × language × task × dimension, and
// per judge × configuration × language × task × dimension over all rounds (`longformOverRounds`).
// A judge rates each run into a file of its own (judge-<slug>--<config>…); the files of one model
// are one judge (`judgeIdOf`), and the configuration and round come from the rating's `traceId`.
// The interval is the statistics module's bounded mean interval (meanInterval.ts): a percentile
// bootstrap over items (over all rounds, an item's ratings of every round are one unit), or with
// --bootstrap 0 the t interval cut to the scale: it never leaves the scale.
import { readFileSync } from 'node:fs';
import { lineOfPointer } from '../schema/jsonLocation';
import { judgeIdOf } from '../judge/judgeName';
import { boundedMeanInterval, type MeanIntervalMethod } from '../stats/meanInterval';
import type { AnnotationFile, RubricDimension } from '../types';
import { groupSeed, meanSd } from './metrics';
import type { TraceAnswers, TraceAnswersRead } from './readTraceAnswers';
import type { ScoreProblem } from './scoreTraces';

export interface LongformScore {
  judge: string;
  config: string;
  round: number;
  lang: string;
  task: string;
  dimension: string;
  n: number;
  mean: number | null;
  sd: number | null;
  ci95: [number, number] | null;
  ci_method: MeanIntervalMethod;
  /** Ratings `null` ("not assessable"): not in n. */
  not_assessable: number;
}

/** One judge's ratings of a configuration over every round it rated (the paper's "overall score" with rounds pooled). */
export interface LongformOverRounds {
  judge: string;
  config: string;
  lang: string;
  task: string;
  dimension: string;
  rounds: number[];
  /** Items with at least one rating on the scale. */
  items: number;
  /** Ratings on the scale, over every round. */
  n: number;
  /** Mean of every rating (rounds pooled). */
  mean: number | null;
  /** Bounded interval, items as the units (an item's ratings of all rounds resampled together). */
  ci95: [number, number] | null;
  ci_method: MeanIntervalMethod;
  /** SD of the per-round means (null with one round), as papers report rounds. */
  sd_over_rounds: number | null;
  not_assessable: number;
}

export interface JudgeFile {
  file: AnnotationFile;
  /** Where it was read from, for problems. */
  source: string;
}

export function isModelAnnotator(file: AnnotationFile): boolean {
  return file.annotator.role === 'model';
}

interface Cell {
  judge: string;
  trace: TraceAnswers;
  dimension: string;
  value: number | null;
}

export interface LongformReport {
  rows: LongformScore[];
  overRounds: LongformOverRounds[];
}

/** The line of an item's entry (or of one of its rating values) in a judge file, for messages; 0 if unreadable. */
function lineOf(source: string, itemId: string, dimension?: string): number {
  try {
    const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
    const pointer = `/items/${escape(itemId)}${dimension === undefined ? '' : `/rating/${escape(dimension)}`}`;
    return lineOfPointer(readFileSync(source, 'utf8'), pointer);
  } catch {
    return 0;
  }
}

export function scoreLongform(
  judges: readonly JudgeFile[],
  read: TraceAnswersRead,
  dimensions: readonly Pick<RubricDimension, 'id' | 'min' | 'max'>[],
  options: { bootstrap: number; seed: number },
  problems: ScoreProblem[],
): LongformReport {
  const current = new Set(read.traces.values());
  // One rating per judge and trace: the files of one judge's runs never hold the same trace, unless a
  // file was renamed or written before runs had files of their own; then the latest rating counts.
  const chosen = new Map<string, { judge: string; itemId: string; entry: AnnotationFile['items'][string]; source: string; trace: TraceAnswers }>();
  for (const { file, source } of judges) {
    const judge = judgeIdOf(file);
    const name = file.annotator.id;
    for (const [itemId, entry] of Object.entries(file.items)) {
      const where = { file: source, itemId };
      const trace = entry.traceId === undefined ? undefined : read.byId.get(entry.traceId);
      if (trace === undefined || trace.itemId !== itemId) {
        problems.push({ ...where, line: lineOf(source, itemId), kind: 'annotation', message: `${name} rated item "${itemId}" on trace ${JSON.stringify(entry.traceId ?? null)}, which is not in --traces; left out` });
        continue;
      }
      if (!current.has(trace)) {
        problems.push({ ...where, line: lineOf(source, itemId), kind: 'annotation', message: `${name} rated item "${itemId}" on a trace superseded by a later one of ${trace.config} round ${trace.round}; left out (judge it again)` });
        continue;
      }
      const key = `${judge}\u0000${trace.id}`;
      const previous = chosen.get(key);
      if (previous) {
        const later = (entry.updatedAt ?? '') > (previous.entry.updatedAt ?? '');
        const [kept, dropped] = later ? [source, previous.source] : [previous.source, source];
        problems.push({ file: dropped, itemId, line: lineOf(dropped, itemId), kind: 'annotation', message: `${judge} rated the trace of item "${itemId}" (${trace.config} round ${trace.round}) in two files; the later rating, in ${kept}, counts` });
        if (!later) continue;
      }
      chosen.set(key, { judge, itemId, entry, source, trace });
    }
  }
  const cells: Cell[] = [];
  for (const { judge, itemId, entry, source, trace } of chosen.values()) {
    for (const dim of dimensions) {
      const value = entry.rating[dim.id];
      if (value === undefined) continue;
      if (value === null) {
        cells.push({ judge, trace, dimension: dim.id, value: null });
        continue;
      }
      if (typeof value !== 'number' || !Number.isInteger(value) || value < dim.min || value > dim.max) {
        problems.push({ file: source, itemId, line: lineOf(source, itemId, dim.id), kind: 'off_scale', message: `${judge}: ${dim.id} = ${JSON.stringify(value)} on item "${itemId}" (${trace.config} round ${trace.round}) is not an integer from ${dim.min} to ${dim.max}; left out` });
        continue;
      }
      cells.push({ judge, trace, dimension: dim.id, value });
    }
  }
  const scales = new Map(dimensions.map((d) => [d.id, { min: d.min, max: d.max }]));
  const rows: LongformScore[] = [];
  for (const [key, list] of groupBy(cells, (c) => [c.judge, c.trace.config, c.trace.round, c.trace.lang, c.trace.task, c.dimension].join('\u0000'))) {
    const values = list.flatMap((c) => (c.value === null ? [] : [c.value]));
    const { mean, sd } = meanSd(values);
    const { judge, trace, dimension } = list[0];
    const ci = boundedMeanInterval(values.map((v) => [v]), scales.get(dimension)!, options.bootstrap, groupSeed(options.seed, `judge\u0000${key}`));
    rows.push({ judge, config: trace.config, round: trace.round, lang: trace.lang, task: trace.task, dimension, n: values.length, mean, sd, ci95: ci.ci95, ci_method: ci.method, not_assessable: list.length - values.length });
  }
  const overRounds: LongformOverRounds[] = [];
  for (const [key, list] of groupBy(cells, (c) => [c.judge, c.trace.config, c.trace.lang, c.trace.task, c.dimension].join('\u0000'))) {
    const { judge, trace, dimension } = list[0];
    const byItem = new Map<string, number[]>();
    const byRound = new Map<number, number[]>();
    for (const c of list) {
      if (c.value === null) continue;
      byItem.set(c.trace.itemId, [...(byItem.get(c.trace.itemId) ?? []), c.value]);
      byRound.set(c.trace.round, [...(byRound.get(c.trace.round) ?? []), c.value]);
    }
    const values = [...byItem.values()].flat();
    const ci = boundedMeanInterval([...byItem.values()], scales.get(dimension)!, options.bootstrap, groupSeed(options.seed, `judge-rounds\u0000${key}`));
    const roundMeans = [...byRound.values()].map((v) => v.reduce((a, b) => a + b, 0) / v.length);
    overRounds.push({
      judge,
      config: trace.config,
      lang: trace.lang,
      task: trace.task,
      dimension,
      rounds: [...new Set(list.map((c) => c.trace.round))].sort((a, b) => a - b),
      items: byItem.size,
      n: values.length,
      mean: meanSd(values).mean,
      ci95: ci.ci95,
      ci_method: ci.method,
      sd_over_rounds: meanSd(roundMeans).sd,
      not_assessable: list.length - values.length,
    });
  }
  return { rows, overRounds };
}

/** Groups in the order of their sorted keys (the JSON is the same whatever order the files were read in). */
function groupBy<T>(list: readonly T[], keyOf: (x: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const x of list) {
    const key = keyOf(x);
    const group = groups.get(key);
    if (group) group.push(x);
    else groups.set(key, [x]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
