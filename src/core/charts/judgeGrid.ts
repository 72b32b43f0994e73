// The data of the Scores tab's judge-versus-physicians charts: per LLM judge file and dimension,
// how many items got each (physicians' median, judge score) pair. A count grid rather than a
// jittered scatter: on a 1–5 integer scale most points coincide, and counts say how many honestly.
// The pairs are those of the statistics' "judges against physicians" section (src/core/stats/
// judges.ts): items the judge and at least one physician rated with a number, on the trace the
// physicians rated; the median of an even number of physicians is the mean of the middle two.
import { isModelFile } from '../judge/judgeName';
import { ratesPhysiciansTrace } from '../judge/sameTrace';
import { median } from '../stats/quantile';
import type { AnnotationFile } from '../types';

export interface JudgeGrid {
  /** The judge file's annotator id (`judge-<slug>[--<config>…]`). */
  judge: string;
  dimension: string;
  /** Judge scores: the rubric's scale, ascending (rows). */
  scale: number[];
  /** Physicians' medians: the scale in half steps, ascending (columns). */
  medians: number[];
  /** counts[i][j]: items the judge gave scale[i] and the physicians' median was medians[j]. */
  counts: number[][];
  /** Items counted. */
  n: number;
}

/** Numeric scale values in half steps from the lowest to the highest. */
export function halfSteps(scale: readonly number[]): number[] {
  if (scale.length === 0) return [];
  const lo = Math.min(...scale);
  const hi = Math.max(...scale);
  const out: number[] = [];
  for (let v = lo * 2; v <= hi * 2; v++) out.push(v / 2);
  return out;
}

export function judgeGrids(files: readonly AnnotationFile[], scales: Readonly<Record<string, readonly number[]>>): JudgeGrid[] {
  const physicians = files.filter((f) => !isModelFile(f));
  const judges = files.filter(isModelFile).sort((a, b) => (a.annotator.id < b.annotator.id ? -1 : a.annotator.id > b.annotator.id ? 1 : 0));
  const grids: JudgeGrid[] = [];
  for (const judge of judges) {
    for (const [dimension, scaleValues] of Object.entries(scales)) {
      const scale = [...scaleValues].sort((a, b) => a - b);
      const onScale = new Set(scale);
      const medians = halfSteps(scale);
      const counts = scale.map(() => medians.map(() => 0));
      let n = 0;
      for (const [itemId, entry] of Object.entries(judge.items)) {
        const v = entry.rating?.[dimension];
        if (typeof v !== 'number' || !onScale.has(v)) continue;
        const theirs = physicians.flatMap((f) => (f.items[itemId] ? [f.items[itemId]] : []));
        if (!ratesPhysiciansTrace(entry, theirs)) continue;
        const values = theirs.map((e) => e.rating?.[dimension]).filter((x): x is number => typeof x === 'number' && onScale.has(x));
        const m = median(values);
        if (m === null) continue;
        const j = medians.indexOf(m);
        if (j < 0) continue;
        counts[scale.indexOf(v)][j]++;
        n++;
      }
      grids.push({ judge: judge.annotator.id, dimension, scale, medians, counts, n });
    }
  }
  return grids;
}
