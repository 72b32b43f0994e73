// `--shard i/n` (docs/formats.md §8): n machines or API keys share one run, each taking a
// deterministic 1/n of the items. Membership depends only on the item's id (a hash), so it is
// stable under re-runs, under reordering of the dataset and under items being added or removed;
// together the n shards cover every item exactly once. Counted from 1, as `--shard 1/4 … 4/4`.
import { createHash } from 'node:crypto';

export interface Shard {
  index: number;
  count: number;
}

export class ShardSpecError extends Error {
  constructor(spec: string, reason: string) {
    super(`--shard ${JSON.stringify(spec)}: ${reason}`);
    this.name = 'ShardSpecError';
  }
}

export function parseShard(spec: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(spec);
  if (!match) throw new ShardSpecError(spec, 'expected i/n, e.g. 1/4 (shard i of n, counted from 1)');
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!Number.isSafeInteger(count) || count < 1) throw new ShardSpecError(spec, 'the number of shards must be at least 1');
  if (!Number.isSafeInteger(index) || index < 1 || index > count) throw new ShardSpecError(spec, `the shard must be between 1 and ${count}`);
  return { index, count };
}

/** Which shard (1…count) an item belongs to. */
export function shardOf(itemId: string, count: number): number {
  const digest = createHash('sha256').update(itemId, 'utf8').digest();
  // 48 bits keep the modulo bias far below anything a shard count could show.
  return (digest.readUIntBE(0, 6) % count) + 1;
}

export function inShard(itemId: string, shard: Shard): boolean {
  return shardOf(itemId, shard.count) === shard.index;
}
