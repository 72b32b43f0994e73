// Long-form answers scored like the paper's "overall score": the 1–5 ratings that model judges
// (annotation files with `annotator.role: "model"`, e.g. annotations/<dataset>/judge-<slug>.json)
// gave each trace, averaged per judge × configuration × round × language × task × dimension. The
// configuration comes from the rating's `traceId`. The interval is a percentile bootstrap over
// items: a mean of values on the scale, so it stays on the scale (a t interval need not).
import { readFileSync } from 'node:fs';
import { lineOfPointer } from '../schema/jsonLocation';
import { bootstrapMean } from '../stats/bootstrap';
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
  /** Ratings `null` ("not assessable"): not in n. */
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
): LongformScore[] {
  const current = new Set(read.traces.values());
  const cells: Cell[] = [];
  for (const { file, source } of judges) {
    const judge = file.annotator.id;
    for (const [itemId, entry] of Object.entries(file.items)) {
      const where = { file: source, itemId };
      const trace = entry.traceId === undefined ? undefined : read.byId.get(entry.traceId);
      if (trace === undefined || trace.itemId !== itemId) {
        problems.push({ ...where, line: lineOf(source, itemId), kind: 'annotation', message: `${judge} rated item "${itemId}" on trace ${JSON.stringify(entry.traceId ?? null)}, which is not in --traces; left out` });
        continue;
      }
      if (!current.has(trace)) {
        problems.push({ ...where, line: lineOf(source, itemId), kind: 'annotation', message: `${judge} rated item "${itemId}" on a trace superseded by a later one of ${trace.config} round ${trace.round}; left out (judge it again)` });
        continue;
      }
      for (const dim of dimensions) {
        const value = entry.rating[dim.id];
        if (value === undefined) continue;
        if (value === null) {
          cells.push({ judge, trace, dimension: dim.id, value: null });
          continue;
        }
        if (typeof value !== 'number' || !Number.isInteger(value) || value < dim.min || value > dim.max) {
          problems.push({ ...where, line: lineOf(source, itemId, dim.id), kind: 'off_scale', message: `${judge}: ${dim.id} = ${JSON.stringify(value)} on item "${itemId}" is not an integer from ${dim.min} to ${dim.max}; left out` });
          continue;
        }
        cells.push({ judge, trace, dimension: dim.id, value });
      }
    }
  }
  const groups = new Map<string, Cell[]>();
  for (const c of cells) {
    const key = [c.judge, c.trace.config, c.trace.round, c.trace.lang, c.trace.task, c.dimension].join('\u0000');
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const out: LongformScore[] = [];
  for (const [key, list] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const values = list.flatMap((c) => (c.value === null ? [] : [c.value]));
    const { mean, sd } = meanSd(values);
    const ci = bootstrapMean(values.map((v) => [v]), options.bootstrap, groupSeed(options.seed, `judge\u0000${key}`));
    const { judge, trace, dimension } = list[0];
    out.push({ judge, config: trace.config, round: trace.round, lang: trace.lang, task: trace.task, dimension, n: values.length, mean, sd, ci95: ci.ci95, not_assessable: list.length - values.length });
  }
  return out;
}
