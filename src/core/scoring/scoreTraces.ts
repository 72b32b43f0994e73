// `medco score` (docs/formats.md §6): traces scored against the dataset's gold answers, per
// configuration × round × language × task × side; paired comparisons of configurations on the same
// items; means ± SD over rounds. Every trace that cannot be scored is counted and named in
// `problems`, never dropped silently.
import { accuracyOf, bootstrapMacroF1, comparePaired, groupSeed, macroF1, meanSd, type ScoredAnswer } from './metrics';
import { goldOf, type Gold, type ScorableItem } from './gold';
import { SIDES, type Side, type TraceAnswers, type TraceAnswersRead } from './readTraceAnswers';
import type { SourceProblem } from '../types';
import { compareConfigs } from './configOrder';

export { compareConfigs };

export interface ScoreResult {
  config: string;
  round: number;
  lang: string;
  task: string;
  side: Side;
  n: number;
  correct: number;
  accuracy: number | null;
  ci95: [number, number] | null;
  macro_f1: number | null;
  macro_f1_ci95: [number, number] | null;
  unparsed: number;
}

export interface ScoreComparison {
  a: string;
  b: string;
  round: number;
  lang: string;
  task: string;
  side: Side;
  n: number;
  diff: number | null;
  ci95: [number, number] | null;
  mcnemar_p: number | null;
  only_a: number;
  only_b: number;
}

export interface RoundSummary {
  config: string;
  lang: string;
  task: string;
  side: Side;
  rounds: number[];
  accuracy_mean: number | null;
  accuracy_sd: number | null;
  macro_f1_mean: number | null;
  macro_f1_sd: number | null;
}

export type ProblemKind = 'trace' | 'unknown_item' | 'no_gold' | 'mismatch' | 'dataset' | 'annotation' | 'off_scale';

export interface ScoreProblem extends SourceProblem {
  kind: ProblemKind;
  itemId?: string;
}

export interface ScoreCounts {
  /** Valid trace lines read, and those replaced by a later trace of the same item, config and round. */
  traces: number;
  superseded: number;
  /** Current traces scored against a gold label, and those of QA items (reference answers: judged, not scored). */
  scored: number;
  reference: number;
  unknown_item: number;
  no_gold: number;
  bad_lines: number;
}

export interface ScoreOptions {
  bootstrap: number;
  seed: number;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Scored {
  trace: TraceAnswers;
  lang: string;
  task: string;
  gold: string;
  /** Parsed answer per side present in the trace; null = unparsed. */
  predicted: Partial<Record<Side, string | null>>;
}

/** Group key → values, keeping insertion order. */
function groupBy<T>(values: Iterable<T>, key: (v: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const v of values) {
    const k = key(v);
    const list = out.get(k);
    if (list) list.push(v);
    else out.set(k, [v]);
  }
  return out;
}

/** The traces of known items with gold answers, parsed; the rest counted and reported. */
function scoreAnswers(items: ReadonlyMap<string, ScorableItem>, read: TraceAnswersRead, problems: ScoreProblem[], counts: ScoreCounts): Scored[] {
  const golds = new Map<string, Gold>();
  // Replies repeat ("entailment", "B"): each distinct reply is parsed once per way of reading.
  const parsedReplies = new Map<string, string | null>();
  const scored: Scored[] = [];
  for (const trace of read.traces.values()) {
    const item = items.get(trace.itemId);
    const where = { file: trace.file, line: trace.line, itemId: trace.itemId };
    if (item === undefined) {
      counts.unknown_item++;
      problems.push({ ...where, kind: 'unknown_item', message: `trace of item "${trace.itemId}", which is not in the dataset; not scored` });
      continue;
    }
    let gold = golds.get(item.id);
    if (gold === undefined) golds.set(item.id, (gold = goldOf(item)));
    if (gold.kind === 'reference') {
      counts.reference++;
      continue;
    }
    if (gold.kind === 'problem') {
      counts.no_gold++;
      const origin = item.origin ? ` (dataset ${item.origin.file}:${item.origin.line})` : '';
      problems.push({ ...where, kind: 'no_gold', message: `item "${item.id}": ${gold.message}${origin}; not scored` });
      continue;
    }
    if (trace.lang !== item.lang || trace.task.toLowerCase() !== String(item.task).toLowerCase()) {
      problems.push({ ...where, kind: 'mismatch', message: `trace says ${trace.lang}/${trace.task}, the dataset says ${item.lang}/${item.task}; scored as the dataset says` });
    }
    const predicted: Partial<Record<Side, string | null>> = {};
    for (const side of SIDES) {
      if (trace.answers[side] === undefined) continue;
      const reply = trace.answers[side];
      const key = `${gold.parseKey}\u0000${reply}`;
      let value = parsedReplies.get(key);
      if (value === undefined) {
        const parsed = gold.parse(reply);
        value = parsed.ok ? parsed.value : null;
        if (parsedReplies.size < 100_000) parsedReplies.set(key, value);
      }
      predicted[side] = value;
    }
    counts.scored++;
    scored.push({ trace, lang: item.lang, task: gold.task, gold: gold.gold, predicted });
  }
  return scored;
}

/**
 * The sides scored for a configuration and round: those with a non-empty answer in at least one
 * of its traces (a `direct` run has no English reasoning). In a scored side, an empty answer is
 * unparsed.
 */
function sidesOf(group: readonly Scored[]): Side[] {
  return SIDES.filter((side) => side === 'final' || group.some((s) => (s.trace.answers[side] ?? '').trim() !== ''));
}

export interface ScoreReport {
  results: ScoreResult[];
  comparisons: ScoreComparison[];
  rounds: RoundSummary[];
  counts: ScoreCounts;
  problems: ScoreProblem[];
  bootstrap: number;
  seed: number;
}

export function scoreTraces(items: ReadonlyMap<string, ScorableItem>, read: TraceAnswersRead, options: ScoreOptions): ScoreReport {
  const problems: ScoreProblem[] = read.problems.map((p) => ({ ...p, kind: 'trace' as const }));
  const counts: ScoreCounts = { traces: read.lines, superseded: read.superseded, scored: 0, reference: 0, unknown_item: 0, no_gold: 0, bad_lines: read.problems.length };
  const scored = scoreAnswers(items, read, problems, counts);

  // Results: config × round × language × task × side.
  const results: ScoreResult[] = [];
  const correctness = new Map<string, Map<string, boolean>>(); // result key → itemId → correct
  const groups = groupBy(scored, (s) => `${s.trace.config}\u0000${s.trace.round}\u0000${s.lang}\u0000${s.task}`);
  const groupKeys = [...groups.keys()].sort((x, y) => {
    const [ca, ra, la, ta] = x.split('\u0000');
    const [cb, rb, lb, tb] = y.split('\u0000');
    return compareConfigs(ca, cb) || Number(ra) - Number(rb) || byText(la, lb) || byText(ta, tb);
  });
  for (const key of groupKeys) {
    const group = groups.get(key)!;
    const { config, round } = group[0].trace;
    const { lang, task } = group[0];
    for (const side of sidesOf(group)) {
      const answers: ScoredAnswer[] = [];
      const correct = new Map<string, boolean>();
      for (const s of group) {
        const predicted = s.predicted[side] ?? null;
        answers.push({ gold: s.gold, predicted });
        correct.set(s.trace.itemId, predicted === s.gold);
      }
      const accuracy = accuracyOf(answers);
      results.push({
        config,
        round,
        lang,
        task,
        side,
        n: accuracy.n,
        correct: accuracy.correct,
        accuracy: accuracy.accuracy,
        ci95: accuracy.ci95,
        macro_f1: macroF1(answers),
        macro_f1_ci95: bootstrapMacroF1(answers, options.bootstrap, groupSeed(options.seed, `f1\u0000${key}\u0000${side}`)).ci95,
        unparsed: accuracy.unparsed,
      });
      correctness.set(`${key}\u0000${side}`, correct);
    }
  }

  return {
    results,
    comparisons: compareConfigurations(results, correctness, options),
    rounds: summariseRounds(results),
    counts,
    problems,
    bootstrap: options.bootstrap,
    seed: options.seed,
  };
}

/** Every pair of configurations (in CONFIG_ORDER) on the items both answered, per round, language, task and side. */
function compareConfigurations(results: readonly ScoreResult[], correctness: ReadonlyMap<string, ReadonlyMap<string, boolean>>, options: ScoreOptions): ScoreComparison[] {
  const out: ScoreComparison[] = [];
  const cells = groupBy(results, (r) => `${r.round}\u0000${r.lang}\u0000${r.task}\u0000${r.side}`);
  for (const [cell, list] of cells) {
    const configs = list.map((r) => r.config);
    for (let i = 0; i < configs.length; i++) {
      for (let j = i + 1; j < configs.length; j++) {
        const ra = list[i];
        const rb = list[j];
        const ca = correctness.get(`${ra.config}\u0000${ra.round}\u0000${ra.lang}\u0000${ra.task}\u0000${ra.side}`)!;
        const cb = correctness.get(`${rb.config}\u0000${rb.round}\u0000${rb.lang}\u0000${rb.task}\u0000${rb.side}`)!;
        const a: boolean[] = [];
        const b: boolean[] = [];
        for (const [itemId, correct] of ca) {
          const other = cb.get(itemId);
          if (other === undefined) continue;
          a.push(correct);
          b.push(other);
        }
        if (a.length === 0) continue;
        const c = comparePaired(a, b, options.bootstrap, groupSeed(options.seed, `cmp\u0000${ra.config}\u0000${rb.config}\u0000${cell}`));
        out.push({ a: ra.config, b: rb.config, round: ra.round, lang: ra.lang, task: ra.task, side: ra.side, ...c });
      }
    }
  }
  return out;
}

/** Mean ± SD of accuracy and macro-F1 over the rounds of each configuration, language, task and side. */
function summariseRounds(results: readonly ScoreResult[]): RoundSummary[] {
  const out: RoundSummary[] = [];
  for (const list of groupBy(results, (r) => `${r.config}\u0000${r.lang}\u0000${r.task}\u0000${r.side}`).values()) {
    const accuracy = meanSd(list.flatMap((r) => (r.accuracy === null ? [] : [r.accuracy])));
    const f1 = meanSd(list.flatMap((r) => (r.macro_f1 === null ? [] : [r.macro_f1])));
    const { config, lang, task, side } = list[0];
    out.push({ config, lang, task, side, rounds: list.map((r) => r.round), accuracy_mean: accuracy.mean, accuracy_sd: accuracy.sd, macro_f1_mean: f1.mean, macro_f1_sd: f1.sd });
  }
  return out;
}
