// Task metrics of scored answers: accuracy with Wilson's interval, macro-F1 with a seeded
// bootstrap interval over items, the paired comparison of two configurations on the same items
// (difference in accuracy, paired bootstrap interval, exact McNemar test), mean ± SD over rounds.
// Items are the sampling unit everywhere: a resample draws items with replacement.
import { mulberry32 } from '../stats/random';
import { quantileSorted } from '../stats/quantile';
import { binomialTestTwoSided, wilsonInterval } from '../stats/proportions';

/** One scored answer: the gold answer and the parsed prediction (null = unparsed, scored wrong). */
export interface ScoredAnswer {
  gold: string;
  predicted: string | null;
}

export interface AccuracySummary {
  n: number;
  correct: number;
  accuracy: number | null;
  ci95: [number, number] | null;
  unparsed: number;
}

export function accuracyOf(answers: readonly ScoredAnswer[]): AccuracySummary {
  let correct = 0;
  let unparsed = 0;
  for (const a of answers) {
    if (a.predicted === null) unparsed++;
    else if (a.predicted === a.gold) correct++;
  }
  const n = answers.length;
  return { n, correct, accuracy: n === 0 ? null : correct / n, ci95: wilsonInterval(correct, n), unparsed };
}

/** Answers as class indices: gold and predicted; -1 = unparsed. */
interface Encoded {
  gold: Int32Array;
  predicted: Int32Array;
  classes: number;
}

/**
 * Classes are the gold answers and the parsed predictions seen (as scikit-learn's macro average
 * takes the labels of y_true and y_pred); an unparsed answer is a miss of its gold class, not a class.
 */
function encode(answers: readonly ScoredAnswer[]): Encoded {
  const index = new Map<string, number>();
  const id = (label: string): number => {
    let i = index.get(label);
    if (i === undefined) index.set(label, (i = index.size));
    return i;
  };
  const gold = new Int32Array(answers.length);
  const predicted = new Int32Array(answers.length);
  answers.forEach((a, i) => {
    gold[i] = id(a.gold);
    predicted[i] = a.predicted === null ? -1 : id(a.predicted);
  });
  return { gold, predicted, classes: index.size };
}

/** Macro-F1 from per-class counts; classes with no gold, no prediction (0/0) are left out. */
function macroFromCounts(tp: Float64Array, fp: Float64Array, fn: Float64Array): number | null {
  let sum = 0;
  let k = 0;
  for (let c = 0; c < tp.length; c++) {
    const denominator = 2 * tp[c] + fp[c] + fn[c];
    if (denominator === 0) continue;
    sum += (2 * tp[c]) / denominator;
    k++;
  }
  return k === 0 ? null : sum / k;
}

function countInto(e: Encoded, i: number, tp: Float64Array, fp: Float64Array, fn: Float64Array): void {
  const g = e.gold[i];
  const p = e.predicted[i];
  if (p === g) tp[g]++;
  else {
    fn[g]++;
    if (p >= 0) fp[p]++;
  }
}

export function macroF1(answers: readonly ScoredAnswer[]): number | null {
  const e = encode(answers);
  const tp = new Float64Array(e.classes);
  const fp = new Float64Array(e.classes);
  const fn = new Float64Array(e.classes);
  for (let i = 0; i < answers.length; i++) countInto(e, i, tp, fp, fn);
  return macroFromCounts(tp, fp, fn);
}

export interface Interval {
  ci95: [number, number] | null;
  reason?: string;
}

function percentile(estimates: number[]): [number, number] | null {
  if (estimates.length === 0) return null;
  const sorted = Float64Array.from(estimates).sort();
  return [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)];
}

/**
 * Percentile bootstrap interval of macro-F1, items resampled with replacement. F1 depends on the
 * confusion matrix only, so each item is reduced to its (gold, predicted) cell and a resample
 * just counts cells.
 */
export function bootstrapMacroF1(answers: readonly ScoredAnswer[], resamples: number, seed: number): Interval {
  if (resamples <= 0) return { ci95: null, reason: 'bootstrap disabled' };
  const n = answers.length;
  if (n < 2) return { ci95: null, reason: 'fewer than 2 items' };
  const e = encode(answers);
  const k = e.classes;
  // Cell g·(k+1) + (p+1): p = -1 (unparsed) is column 0.
  const cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) cellOf[i] = e.gold[i] * (k + 1) + (e.predicted[i] + 1);
  const cells = new Float64Array(k * (k + 1));
  const tp = new Float64Array(k);
  const fp = new Float64Array(k);
  const fn = new Float64Array(k);
  const random = mulberry32(seed);
  const estimates: number[] = [];
  for (let b = 0; b < resamples; b++) {
    cells.fill(0);
    for (let j = 0; j < n; j++) cells[cellOf[Math.floor(random() * n)]]++;
    tp.fill(0);
    fp.fill(0);
    fn.fill(0);
    for (let g = 0; g < k; g++) {
      for (let p = -1; p < k; p++) {
        const count = cells[g * (k + 1) + p + 1];
        if (count === 0) continue;
        if (p === g) tp[g] += count;
        else {
          fn[g] += count;
          if (p >= 0) fp[p] += count;
        }
      }
    }
    const f1 = macroFromCounts(tp, fp, fn);
    if (f1 !== null) estimates.push(f1);
  }
  return { ci95: percentile(estimates) };
}

export interface PairedComparison {
  n: number;
  /** accuracy(a) − accuracy(b) on the items both answered. */
  diff: number | null;
  ci95: [number, number] | null;
  mcnemar_p: number | null;
  /** Items a answered correctly and b did not, and the reverse: McNemar's discordant pairs. */
  only_a: number;
  only_b: number;
}

/**
 * Paired comparison on the same items (`a[i]`, `b[i]`: item i correct under each configuration).
 * The interval resamples items, keeping each item's pair together.
 */
export function comparePaired(a: ArrayLike<boolean>, b: ArrayLike<boolean>, resamples: number, seed: number): PairedComparison {
  const n = a.length;
  if (b.length !== n) throw new RangeError('comparePaired: both configurations need the same items');
  const d = new Int8Array(n);
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < n; i++) {
    d[i] = (a[i] ? 1 : 0) - (b[i] ? 1 : 0);
    if (d[i] > 0) onlyA++;
    else if (d[i] < 0) onlyB++;
  }
  if (n === 0) return { n, diff: null, ci95: null, mcnemar_p: null, only_a: 0, only_b: 0 };
  let ci95: [number, number] | null = null;
  if (resamples > 0 && n >= 2) {
    const random = mulberry32(seed);
    const estimates = new Array<number>(resamples);
    for (let r = 0; r < resamples; r++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += d[Math.floor(random() * n)];
      estimates[r] = sum / n;
    }
    ci95 = percentile(estimates);
  }
  return {
    n,
    diff: (onlyA - onlyB) / n,
    ci95,
    mcnemar_p: binomialTestTwoSided(Math.min(onlyA, onlyB), onlyA + onlyB),
    only_a: onlyA,
    only_b: onlyB,
  };
}

/** Mean and sample SD (n − 1) of per-round values; SD null for a single round. */
export function meanSd(values: readonly number[]): { mean: number | null; sd: number | null } {
  if (values.length === 0) return { mean: null, sd: null };
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (values.length < 2) return { mean, sd: null };
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  return { mean, sd };
}

/** A seed per group (FNV-1a of its key mixed with the run's seed): intervals do not depend on group order. */
export function groupSeed(seed: number, key: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
