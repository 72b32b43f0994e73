// Which run of the traces a physician rates. A traces file may hold several configurations and
// rounds of the same item (docs/formats.md §6); a rating is compared with LLM judges on the same
// traceId only, so the reviewer rates ONE chosen run, never "whatever ran last".
// The rule (shared by the review panel and `medco rate --traces`):
// - the chosen run (default: the default configuration, round 1) when the traces hold any trace of it;
// - else, when the traces hold exactly one run, that run (a workspace of `paper` traces only);
// - else the chosen run anyway: items without a trace of it have no trace. An item never falls
//   back to another configuration on its own, which would mix configurations in one rating file.
import { DEFAULT_CONFIGURATION } from '../pipeline/configurations';
import { traceConfigName, traceRound } from './runIdentity';

export interface TraceRun {
  config: string;
  round: number;
}

/** A run present in a traces file, with the number of valid trace lines it has. */
export interface RunCount extends TraceRun {
  traces: number;
}

export const DEFAULT_REVIEW_RUN: TraceRun = Object.freeze({ config: DEFAULT_CONFIGURATION, round: 1 });

/** The run of a trace (legacy traces without `config.name`: the default configuration, round 1). */
export function runOfTrace(trace: { config?: unknown }): TraceRun {
  const config = trace.config as object | undefined;
  return { config: traceConfigName(config), round: traceRound(config) };
}

export function sameRun(a: TraceRun, b: TraceRun): boolean {
  return a.config === b.config && a.round === b.round;
}

/** "coreasoner" for round 1, "coreasoner round 2" otherwise (for messages; not localized: ids). */
export function runLabel(run: TraceRun): string {
  return run.round === 1 ? run.config : `${run.config} round ${run.round}`;
}

/**
 * A run from settings or flags: an empty or blank configuration is the default one; a round that
 * is not a whole number ≥ 1 is refused (undefined) so that callers can say so.
 */
export function reviewRunOf(config: string | undefined, round: number | string | undefined): TraceRun | undefined {
  const name = (config ?? '').trim() || DEFAULT_REVIEW_RUN.config;
  const n = round === undefined || round === '' ? 1 : typeof round === 'number' ? round : /^\s*\d+\s*$/.test(round) ? Number(round) : NaN;
  if (!Number.isInteger(n) || n < 1) return undefined;
  return { config: name, round: n };
}

/** The run shown for `chosen`, given the runs the traces hold (see the rule at the top). */
export function shownRun(chosen: TraceRun, runs: readonly TraceRun[]): TraceRun {
  if (runs.length === 1 && !sameRun(runs[0], chosen)) return { config: runs[0].config, round: runs[0].round };
  return chosen;
}
