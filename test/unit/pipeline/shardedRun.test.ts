// A run split over machines: `medco reason --shard i/n` runs a disjoint part of the items, and
// `medco traces merge` joins the parts into what one run writes (issue 15).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readTraces } from '../../../src/core/traces';
import { startOpenAIServer } from '../../support/openaiServer';
import { runCli, tempDir } from './helpers';

test('two shards run disjoint items, together all of them; the merged file holds one trace per item', async () => {
  const server = await startOpenAIServer();
  try {
    const dir = tempDir('medco-shard-');
    const dataset = path.join(dir, 'multimedx-ja.jsonl');
    const ids = Array.from({ length: 6 }, (_, i) => `qa-ja-00${i + 1}`);
    writeFileSync(dataset, ids.map((id, i) => JSON.stringify({ id, lang: 'ja', task: 'qa', text: `質問:\n症状 ${i}\n回答:\nなし`, text_en: `Question:\nSymptom ${i}\nAnswer:\nnone` })).join('\n') + '\n');
    const run = (shard: string) =>
      runCli(['reason', dataset, '--out', path.join(dir, `shard${shard[0]}.traces.jsonl`), '--base-url', server.url, '--model', 'm', '--embedding-model', 'e', '--shard', shard, '--json']);

    const [one, two] = [await run('1/2'), await run('2/2')];
    assert.equal(one.status, 0, one.stderr);
    assert.equal(two.status, 0, two.stderr);
    const first = [...(await readTraces(path.join(dir, 'shard1.traces.jsonl'))).traces.keys()];
    const second = [...(await readTraces(path.join(dir, 'shard2.traces.jsonl'))).traces.keys()];
    assert.deepEqual(first.filter((id) => second.includes(id)), [], 'shards overlap');
    assert.deepEqual([...first, ...second].sort(), ids);

    const out = path.join(dir, 'all.traces.jsonl');
    const merged = await runCli(['traces', 'merge', path.join(dir, 'shard1.traces.jsonl'), path.join(dir, 'shard2.traces.jsonl'), '--out', out, '--json']);
    assert.equal(merged.status, 0, merged.stderr);
    assert.deepEqual(JSON.parse(merged.stdout).conflicts, []);
    assert.deepEqual([...(await readTraces(out)).traces.keys()].sort(), ids);
  } finally {
    await server.close();
  }
});

test('--shard 3/2 and 0/0 are usage errors that name the spec; nothing is called', async () => {
  const server = await startOpenAIServer();
  try {
    const dir = tempDir('medco-shard-bad-');
    const dataset = path.join(dir, 'd.jsonl');
    writeFileSync(dataset, JSON.stringify({ id: 'qa-ja-001', lang: 'ja', task: 'qa', text: '質問:\nx\n回答:\ny' }) + '\n');
    for (const [spec, reason] of [['3/2', /--shard "3\/2": the shard must be between 1 and 2/], ['0/0', /the number of shards must be at least 1/]] as const) {
      const r = await runCli(['reason', dataset, '--out', path.join(dir, 'o.traces.jsonl'), '--base-url', server.url, '--shard', spec]);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, reason);
    }
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});
