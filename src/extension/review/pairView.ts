// What the review panel is sent for a blind pairwise comparison, and how its answer maps back to
// configurations. Pure (no vscode): the sides come from the session (the study's seeded coin, or
// those already recorded), never drawn here, and with hidden names the webview never receives a
// configuration's name, its trace id or its date (the later trace would give the baseline away).
import type { ComparisonEntry, Trace } from '../../core/types';
import { PAIRWISE_BOTH_BAD, PAIRWISE_TIE } from '../../core/types';
import { isStaleComparison } from '../../core/study/pairs';
import type { PairJudgementView, PairOutcome, PairResponse, PairView } from '../../protocol/messages';

/** What ReviewSession.pair resolves to for a comparable item. */
export interface SessionPair {
  configs: [string, string];
  sides: { '1': string; '2': string };
  traces: Record<string, Trace>;
  sha256: Record<string, string>;
  entry?: ComparisonEntry;
}

/** The trace without what could name its configuration (the panel shows none of these fields). */
export function blindTrace(trace: Trace): Trace {
  return { ...trace, id: '', createdAt: '', config: { model: '', temperature: 0, alignThreshold: 0, topK: 0, retrieval: 'concepts', pipelineVersion: '' } };
}

export function pairViewOf(
  pair: SessionPair | { ok: false; message: string },
  hideConfigs: boolean,
): PairView {
  if (!('configs' in pair)) return { ok: false, message: pair.message };
  const response = (side: '1' | '2'): PairResponse => {
    const config = pair.sides[side];
    const trace = pair.traces[config];
    return hideConfigs ? { side, trace: blindTrace(trace) } : { side, config, trace };
  };
  return {
    ok: true,
    responses: [response('1'), response('2')],
    judgement: pair.entry ? judgementInSides(pair.entry, pair.sides) : null,
    stale: pair.entry ? isStaleComparison(pair.entry.traceSha256, pair.sha256) : false,
  };
}

/** A saved judgement as the panel shows it: configuration names turned into the sides shown. */
export function judgementInSides(entry: ComparisonEntry, sides: { '1': string; '2': string }): PairJudgementView {
  const winner: Record<string, PairOutcome> = {};
  for (const [dimension, outcome] of Object.entries(entry.winner)) {
    if (outcome === PAIRWISE_TIE || outcome === PAIRWISE_BOTH_BAD) winner[dimension] = outcome;
    else if (outcome === sides['1']) winner[dimension] = '1';
    else if (outcome === sides['2']) winner[dimension] = '2';
  }
  return { revision: entry.revision, winner, flags: [...(entry.flags ?? [])], comment: entry.comment ?? '' };
}

/** The panel's answer (in sides) as the store records it (configuration names, tie, both_bad). */
export function winnerByConfig(winner: Record<string, PairOutcome>, sides: { '1': string; '2': string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [dimension, outcome] of Object.entries(winner)) {
    out[dimension] = outcome === '1' || outcome === '2' ? sides[outcome] : outcome;
  }
  return out;
}
