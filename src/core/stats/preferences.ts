// Statistics of blind pairwise judgements (docs/formats.md §7): per dimension, for every pair of
// systems (configurations or models) wins, ties, "both unacceptable", the win rate of `a` with a
// Wilson interval, and the exact sign test on the decisive judgements; Bradley–Terry strengths
// with bootstrap intervals over items; position bias; Krippendorff's α (nominal) over the four
// outcomes; and the same per language.
//
// Conventions (CONTRACTS §7): `both_bad` counts as a tie in win rates and in Bradley–Terry (as
// Chatbot Arena does); a tie is half a win for each side; every judgement counts once (two
// annotators judging one item are two judgements).
import type { AnnotationFile } from '../types';
import { percentileInterval, resampleCounts } from './bootstrap';
import { fitBradleyTerry } from './bradleyTerry';
import { type ItemMetaLookup, itemMetaFromId } from './itemMeta';
import { krippendorffAlpha } from './krippendorff';
import { binomialTestTwoSided, wilsonInterval } from './proportions';
import { mulberry32 } from './random';

export type PreferenceOutcome = 'a' | 'b' | 'tie' | 'both_bad';
export const PREFERENCE_OUTCOMES: readonly PreferenceOutcome[] = ['a', 'b', 'tie', 'both_bad'];

/** One annotator's judgement of one item on one dimension. `a` < `b` (sorted names). */
export interface PreferenceJudgement {
  itemId: string;
  lang: string;
  annotator: string;
  dimension: string;
  a: string;
  b: string;
  outcome: PreferenceOutcome;
  /** The system shown as Response 1, when recorded. */
  side1?: string;
}

export interface PairPreference {
  a: string;
  b: string;
  n: number;
  wins_a: number;
  wins_b: number;
  ties: number;
  both_bad: number;
  /** (wins_a + ½ (ties + both_bad)) / n. */
  win_rate_a: number | null;
  /** Wilson score interval of win_rate_a. */
  ci95: [number, number] | null;
  /** Exact two-sided binomial test of wins_a vs wins_b (decisive judgements only). */
  sign_test_p: number | null;
}

export interface BradleyTerryResult {
  ties: 'half';
  log_strength: Record<string, number | null>;
  /** Percentile bootstrap, items resampled (seeded). */
  ci95: Record<string, [number, number] | null>;
  judgements: number;
  items: number;
}

export interface PositionBias {
  /** Decisive judgements won by the response shown as Response 1. */
  side1_wins: number;
  /** Decisive judgements with a recorded side. */
  decisive: number;
  /** Exact two-sided binomial test of side1_wins out of decisive against ½. */
  sign_test_p: number | null;
}

export interface PreferenceGroup {
  judgements: number;
  pairs: PairPreference[];
  bradley_terry: BradleyTerryResult;
  position_bias: PositionBias;
  /** Krippendorff's α, nominal, over the 4 outcomes; units are item × pair, annotators the coders. */
  alpha_nominal: number | null;
}

export interface PreferenceStats extends PreferenceGroup {
  byLanguage: Record<string, PreferenceGroup>;
}

// ---------------------------------------------------------------- reading annotation files

const PAIR_SEPARATOR = '::';

export interface ReadJudgements {
  judgements: PreferenceJudgement[];
  /** Entries that could not be used, with file, key and reason. */
  problems: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The pairwise judgements of annotation files, read tolerantly from each file's `comparisons`
 * (keyed `<itemId>::<a>::<b>`): an entry that does not fit is skipped and named in `problems`.
 */
export function preferenceJudgements(
  files: readonly AnnotationFile[],
  options: { itemMeta?: ItemMetaLookup; sourceOf?: (file: AnnotationFile) => string | undefined } = {},
): ReadJudgements {
  const itemMeta = options.itemMeta ?? itemMetaFromId;
  const out: ReadJudgements = { judgements: [], problems: [] };
  for (const file of files) {
    const comparisons: unknown = (file as unknown as Record<string, unknown>).comparisons;
    if (comparisons === undefined) continue;
    const source = options.sourceOf?.(file) ?? `${file.dataset}/${file.annotator.id}.json`;
    if (!isRecord(comparisons)) {
      out.problems.push(`${source}: "comparisons" is not an object; its judgements are left out`);
      continue;
    }
    for (const [key, entry] of Object.entries(comparisons)) {
      const parts = key.split(PAIR_SEPARATOR);
      if (parts.length < 3) {
        out.problems.push(`${source}: comparison ${JSON.stringify(key)} is not keyed <itemId>::<a>::<b>; left out`);
        continue;
      }
      const b0 = parts[parts.length - 1];
      const a0 = parts[parts.length - 2];
      const itemId = parts.slice(0, -2).join(PAIR_SEPARATOR);
      if (!itemId || !a0 || !b0 || a0 === b0) {
        out.problems.push(`${source}: comparison ${JSON.stringify(key)} needs an item and two different systems; left out`);
        continue;
      }
      const [a, b] = a0 < b0 ? [a0, b0] : [b0, a0];
      if (!isRecord(entry) || !isRecord(entry.winner)) {
        out.problems.push(`${source}: comparison ${JSON.stringify(key)} has no "winner" object; left out`);
        continue;
      }
      const sides = isRecord(entry.sides) ? entry.sides : {};
      const side1 = sides['1'] === a || sides['1'] === b ? (sides['1'] as string) : undefined;
      const { lang } = itemMeta(itemId);
      for (const [dimension, winner] of Object.entries(entry.winner)) {
        const outcome: PreferenceOutcome | undefined =
          winner === a ? 'a' : winner === b ? 'b' : winner === 'tie' ? 'tie' : winner === 'both_bad' ? 'both_bad' : undefined;
        if (outcome === undefined) {
          if (winner !== null) {
            out.problems.push(`${source}: comparison ${JSON.stringify(key)}, ${dimension}: ${JSON.stringify(winner)} is neither ${a}, ${b}, "tie" nor "both_bad"; left out`);
          }
          continue;
        }
        out.judgements.push({ itemId, lang, annotator: file.annotator.id, dimension, a, b, outcome, ...(side1 ? { side1 } : {}) });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- statistics

export interface PreferenceOptions {
  bootstrap: number;
  seed: number;
  /** Receives the place and reason of each null (`<dimension>.bradley_terry`, …). */
  notes?: (at: string, reason: string) => void;
}

export function pairPreferences(judgements: readonly PreferenceJudgement[]): PairPreference[] {
  const byPair = new Map<string, PairPreference>();
  for (const j of judgements) {
    const key = `${j.a}\u0000${j.b}`;
    let pair = byPair.get(key);
    if (!pair) {
      pair = { a: j.a, b: j.b, n: 0, wins_a: 0, wins_b: 0, ties: 0, both_bad: 0, win_rate_a: null, ci95: null, sign_test_p: null };
      byPair.set(key, pair);
    }
    pair.n++;
    if (j.outcome === 'a') pair.wins_a++;
    else if (j.outcome === 'b') pair.wins_b++;
    else if (j.outcome === 'tie') pair.ties++;
    else pair.both_bad++;
  }
  const pairs = [...byPair.values()].sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
  for (const p of pairs) {
    const score = p.wins_a + (p.ties + p.both_bad) / 2;
    p.win_rate_a = score / p.n;
    p.ci95 = wilsonInterval(score, p.n);
    const decisive = p.wins_a + p.wins_b;
    p.sign_test_p = decisive > 0 ? binomialTestTwoSided(p.wins_a, decisive) : null;
  }
  return pairs;
}

export function positionBias(judgements: readonly PreferenceJudgement[]): PositionBias {
  let side1Wins = 0;
  let decisive = 0;
  for (const j of judgements) {
    if (!j.side1 || (j.outcome !== 'a' && j.outcome !== 'b')) continue;
    decisive++;
    if ((j.outcome === 'a' ? j.a : j.b) === j.side1) side1Wins++;
  }
  return { side1_wins: side1Wins, decisive, sign_test_p: decisive > 0 ? binomialTestTwoSided(side1Wins, decisive) : null };
}

/** α nominal over the 4 outcomes: one unit per item × pair, one coder per annotator. */
export function preferenceAlpha(judgements: readonly PreferenceJudgement[]): { value: number | null; reason?: string } {
  const annotators = [...new Set(judgements.map((j) => j.annotator))].sort();
  const column = new Map(annotators.map((a, i) => [a, i]));
  const units = new Map<string, (number | null)[]>();
  for (const j of judgements) {
    const key = `${j.itemId}\u0000${j.a}\u0000${j.b}`;
    let row = units.get(key);
    if (!row) {
      row = new Array<number | null>(annotators.length).fill(null);
      units.set(key, row);
    }
    row[column.get(j.annotator)!] = PREFERENCE_OUTCOMES.indexOf(j.outcome);
  }
  return krippendorffAlpha([...units.values()], 'nominal');
}

/**
 * Per-item contributions to the win matrix, so that a bootstrap resample (items with
 * replacement) only adds up small lists. Ties and both_bad add ½ to each side.
 */
export interface WinContributions {
  systems: string[];
  items: number;
  /** Item u owns entries offsets[u] .. offsets[u+1] of cells (i·m + j) and amounts. */
  offsets: Int32Array;
  cells: Int32Array;
  amounts: Float64Array;
}

export function winContributions(judgements: readonly PreferenceJudgement[]): WinContributions {
  const systems = [...new Set(judgements.flatMap((j) => [j.a, j.b]))].sort();
  const m = systems.length;
  const index = new Map(systems.map((s, i) => [s, i]));
  const byItem = new Map<string, Map<number, number>>();
  for (const j of judgements) {
    let cells = byItem.get(j.itemId);
    if (!cells) {
      cells = new Map();
      byItem.set(j.itemId, cells);
    }
    const ia = index.get(j.a)!;
    const ib = index.get(j.b)!;
    const add = (cell: number, amount: number) => cells!.set(cell, (cells!.get(cell) ?? 0) + amount);
    if (j.outcome === 'a') add(ia * m + ib, 1);
    else if (j.outcome === 'b') add(ib * m + ia, 1);
    else {
      add(ia * m + ib, 0.5);
      add(ib * m + ia, 0.5);
    }
  }
  const offsets = new Int32Array(byItem.size + 1);
  const cells: number[] = [];
  const amounts: number[] = [];
  let u = 0;
  for (const item of byItem.values()) {
    for (const [cell, amount] of item) {
      cells.push(cell);
      amounts.push(amount);
    }
    offsets[++u] = cells.length;
  }
  return { systems, items: byItem.size, offsets, cells: Int32Array.from(cells), amounts: Float64Array.from(amounts) };
}

export function winMatrix(data: WinContributions, weights?: ArrayLike<number>, into?: Float64Array): Float64Array {
  const m = data.systems.length;
  const wins = into ?? new Float64Array(m * m);
  wins.fill(0);
  for (let u = 0; u < data.items; u++) {
    const w = weights ? weights[u] : 1;
    if (w === 0) continue;
    for (let e = data.offsets[u]; e < data.offsets[u + 1]; e++) wins[data.cells[e]] += w * data.amounts[e];
  }
  return wins;
}

export interface BradleyTerryBootstrap {
  systems: string[];
  logStrength: number[] | null;
  reason?: string;
  ci95: ([number, number] | null)[];
  /** Resamples on which the MLE existed (others are left out of the interval). */
  defined: number;
  resamples: number;
  intervalReason?: string;
}

/** Bradley–Terry fit with percentile bootstrap intervals, items resampled with replacement. */
export function bradleyTerryWithBootstrap(judgements: readonly PreferenceJudgement[], resamples: number, seed: number): BradleyTerryBootstrap {
  const data = winContributions(judgements);
  const m = data.systems.length;
  const fit = fitBradleyTerry(winMatrix(data), m);
  const result: BradleyTerryBootstrap = { systems: data.systems, logStrength: fit.logStrength, ci95: data.systems.map(() => null), defined: 0, resamples };
  if (fit.reason) result.reason = fit.reason;
  if (resamples <= 0) {
    result.intervalReason = 'bootstrap disabled';
    return result;
  }
  if (data.items < 2 || !fit.logStrength) {
    result.intervalReason = fit.logStrength ? 'fewer than 2 items' : 'no estimate to bracket';
    return result;
  }
  const random = mulberry32(seed);
  const counts = new Float64Array(data.items);
  const wins = new Float64Array(m * m);
  const estimates = data.systems.map(() => [] as number[]);
  for (let r = 0; r < resamples; r++) {
    resampleCounts(data.items, random, counts);
    const boot = fitBradleyTerry(winMatrix(data, counts, wins), m);
    if (!boot.logStrength) continue;
    result.defined++;
    boot.logStrength.forEach((t, i) => estimates[i].push(t));
  }
  result.ci95 = estimates.map((list) => percentileInterval(list, resamples).ci95);
  if (result.defined < resamples) {
    result.intervalReason = `the maximum was infinite on ${resamples - result.defined} of ${resamples} resamples (a system won or lost everything there); they are left out`;
  }
  return result;
}

function groupStats(judgements: readonly PreferenceJudgement[], at: string, options: PreferenceOptions, seed: number): PreferenceGroup {
  const bt = bradleyTerryWithBootstrap(judgements, options.bootstrap, seed);
  if (bt.reason) options.notes?.(`${at}.bradley_terry`, bt.reason);
  if (bt.intervalReason && bt.intervalReason !== 'bootstrap disabled') options.notes?.(`${at}.bradley_terry.ci95`, bt.intervalReason);
  const alpha = preferenceAlpha(judgements);
  if (alpha.value === null) options.notes?.(`${at}.alpha_nominal`, alpha.reason ?? 'undefined');
  return {
    judgements: judgements.length,
    pairs: pairPreferences(judgements),
    bradley_terry: {
      ties: 'half',
      log_strength: Object.fromEntries(bt.systems.map((s, i) => [s, bt.logStrength ? bt.logStrength[i] : null])),
      ci95: Object.fromEntries(bt.systems.map((s, i) => [s, bt.ci95[i]])),
      judgements: judgements.length,
      items: new Set(judgements.map((j) => j.itemId)).size,
    },
    position_bias: positionBias(judgements),
    alpha_nominal: alpha.value,
  };
}

function seedFor(seed: number, path: string): number {
  let h = seed >>> 0;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The `preferences` section of the statistics document, per dimension. */
export function computePreferences(judgements: readonly PreferenceJudgement[], options: PreferenceOptions): Record<string, PreferenceStats> {
  const byDimension = new Map<string, PreferenceJudgement[]>();
  for (const j of judgements) {
    const list = byDimension.get(j.dimension) ?? [];
    list.push(j);
    byDimension.set(j.dimension, list);
  }
  const out: Record<string, PreferenceStats> = {};
  for (const dimension of [...byDimension.keys()].sort()) {
    const list = byDimension.get(dimension)!;
    const byLanguage: Record<string, PreferenceGroup> = {};
    const languages = [...new Set(list.map((j) => j.lang))].sort();
    for (const lang of languages) {
      const at = `${dimension}.byLanguage.${lang}`;
      byLanguage[lang] = groupStats(list.filter((j) => j.lang === lang), at, options, seedFor(options.seed, at));
    }
    out[dimension] = { ...groupStats(list, dimension, options, seedFor(options.seed, dimension)), byLanguage };
  }
  return out;
}
