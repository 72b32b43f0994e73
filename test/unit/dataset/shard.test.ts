import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inShard, parseShard, shardOf } from '../../../src/core/dataset/shard';

const ids = Array.from({ length: 2450 }, (_, i) => `${['qa', 'nli'][i % 2]}-${['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'][i % 7]}-${String(i).padStart(3, '0')}`);

test('shards of n cover every item exactly once and stay balanced', () => {
  for (const n of [1, 2, 3, 8]) {
    const counts = new Array<number>(n).fill(0);
    for (const id of ids) {
      const owners = Array.from({ length: n }, (_, i) => i + 1).filter((index) => inShard(id, { index, count: n }));
      assert.equal(owners.length, 1, `${id} in ${owners.length} shards of ${n}`);
      counts[owners[0] - 1]++;
    }
    const expected = ids.length / n;
    // A hash spreads 2,450 ids within a few standard deviations (sqrt(expected) ≈ 17 for n = 8).
    for (const c of counts) assert.ok(Math.abs(c - expected) < 5 * Math.sqrt(expected), `shard sizes ${counts.join(', ')} for n = ${n}`);
  }
});

test('membership depends on the id alone: the same under reordering and when items are added', () => {
  const before = new Map(ids.map((id) => [id, shardOf(id, 4)]));
  const shuffled = [...ids, 'qa-ja-new-1', 'qa-ja-new-2'].reverse();
  for (const id of shuffled) if (before.has(id)) assert.equal(shardOf(id, 4), before.get(id));
});

test('shard specs: i/n counted from 1; 3/2, 0/0, 0/2 and words are refused with the reason', () => {
  assert.deepEqual(parseShard('1/4'), { index: 1, count: 4 });
  assert.deepEqual(parseShard(' 4 / 4 '), { index: 4, count: 4 });
  assert.throws(() => parseShard('3/2'), /--shard "3\/2": the shard must be between 1 and 2/);
  assert.throws(() => parseShard('0/0'), /the number of shards must be at least 1/);
  assert.throws(() => parseShard('0/2'), /the shard must be between 1 and 2/);
  assert.throws(() => parseShard('half'), /expected i\/n/);
  assert.throws(() => parseShard('1/2/3'), /expected i\/n/);
});
