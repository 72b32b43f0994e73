// Which run a trace belongs to: its configuration (`config.name`) and round (`config.round`),
// docs/formats.md §6. Traces written before configurations had names are the default
// configuration, round 1. Every reader that groups traces by run (scoring, judging, studies,
// `medco traces merge`) takes these from here, so they all agree on what "the same run" is.
import { DEFAULT_CONFIGURATION } from '../pipeline/configurations';

type ConfigLike = object | null | undefined;

export function traceConfigName(config: ConfigLike): string {
  const value = (config as { name?: unknown } | null | undefined)?.name;
  const name = typeof value === 'string' ? value.trim() : '';
  return name !== '' ? name : DEFAULT_CONFIGURATION;
}

export function traceRound(config: ConfigLike): number {
  const round = (config as { round?: unknown } | null | undefined)?.round;
  return typeof round === 'number' ? round : 1;
}

/** One key per item × configuration × round. */
export function traceRunKey(trace: { itemId: string; config?: unknown }): string {
  const config = trace.config as ConfigLike;
  return `${trace.itemId}\u0000${traceConfigName(config)}\u0000${traceRound(config)}`;
}
