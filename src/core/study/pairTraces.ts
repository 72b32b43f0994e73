// The two responses of a pairwise item: one trace per compared configuration. Pure (the review
// panel and `medco rate --pair` share it); reading the traces file is in traceConfigs.ts.
import type { Trace } from '../types';
import { traceConfigName } from '../traces/runIdentity';

/** A trace's configuration name (`config.name`); traces written before configurations existed are `coreasoner`. */
export function configName(trace: Trace): string {
  return traceConfigName(trace.config);
}

export type PairTraces =
  | { ok: true; traces: Record<string, Trace> }
  | { ok: false; reason: 'no-traces' | 'one-config' | 'same-config'; message: string };

/**
 * The latest trace of each of the two configurations among an item's traces, or why there is no
 * pair: no trace at all, a trace of one configuration only, or several traces all of one
 * configuration (a rerun, not a second system).
 */
export function pairTracesOf(itemId: string, traces: readonly Trace[], configs: readonly [string, string]): PairTraces {
  const latest: Record<string, Trace> = {};
  const count = new Map<string, number>();
  for (const t of traces) {
    const c = configName(t);
    count.set(c, (count.get(c) ?? 0) + 1);
    if (!configs.includes(c)) continue;
    if (!latest[c] || Date.parse(t.createdAt) >= Date.parse(latest[c].createdAt)) latest[c] = t;
  }
  const [a, b] = configs;
  if (latest[a] && latest[b]) return { ok: true, traces: { [a]: latest[a], [b]: latest[b] } };
  const found = [...count.keys()].sort();
  if (found.length === 0) return { ok: false, reason: 'no-traces', message: `item ${itemId} has no trace yet; a comparison needs one trace of ${a} and one of ${b}` };
  if (found.length === 1 && count.get(found[0])! > 1) {
    return {
      ok: false,
      reason: 'same-config',
      message: `item ${itemId} has ${count.get(found[0])} traces, all of configuration ${found[0]}; a comparison needs one trace of ${a} and one of ${b}`,
    };
  }
  const missing = [a, b].filter((c) => !latest[c]);
  return {
    ok: false,
    reason: 'one-config',
    message: `item ${itemId} has no trace of ${missing.join(' or ')} (traces found: ${found.join(', ')}); a comparison needs one trace of ${a} and one of ${b}`,
  };
}
