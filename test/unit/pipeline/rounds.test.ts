// Reproducible sampling: a round is a new sample (new trace ids, new calls), the same round is a
// resumable re-run (skipped, cached); an edited prompt or corpus yields new traces, never a skip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requestSeed, runCoReasoning, type CoReasoningOptions } from '../../../src/core/pipeline';
import type { Trace } from '../../../src/core/types';
import { startOpenAIServer } from '../../support/openaiServer';
import { makeItem, REPO, tempDir } from './helpers';

const readTraces = (file: string): Trace[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Trace);

test('rounds, seeds, prompt edits and corpus edits each give new trace ids; a repeated round is skipped', async () => {
  const server = await startOpenAIServer();
  try {
    const dir = tempDir();
    const out = path.join(dir, 'r.traces.jsonl');
    const kb = path.join(dir, 'kb');
    mkdirSync(path.join(kb, 'ja'), { recursive: true });
    writeFileSync(path.join(kb, 'ja', 'a.jsonl'), JSON.stringify({ title: '心不全', content: '心不全。' }) + '\n');
    const prompts = path.join(dir, 'prompts');
    cpSync(path.join(REPO, 'prompts', 'v1'), prompts, { recursive: true });
    const items = [makeItem('ja', 1)];
    const base: CoReasoningOptions = { baseUrl: server.url, model: 'm', embeddingModel: 'e', kb, out, promptsDir: prompts };
    const chatCalls = () => server.requests.filter((r) => r.path.endsWith('/chat/completions')).length;

    const r1 = await runCoReasoning(items, { ...base, round: 1 });
    assert.equal(r1.done, 1);
    const callsRound1 = chatCalls();
    const again = await runCoReasoning(items, { ...base, round: 1 });
    assert.equal(again.skipped, 1, 'the same round is already there');
    assert.equal(chatCalls(), callsRound1);

    const r2 = await runCoReasoning(items, { ...base, round: 2 });
    assert.equal(r2.done, 1);
    // A new sample: every chat call is sent again; only the (deterministic) concept embeddings come from the cache.
    assert.equal(r2.cachedCalls, server.requests.filter((r) => r.stage === 'embeddings').length);
    assert.equal(chatCalls(), callsRound1 * 2);
    assert.ok(server.requests.every((r) => r.body.seed === undefined), 'no seed unless asked');
    // With --seed, every chat call carries a seed mixed with the round.
    const before = server.requests.length;
    assert.equal((await runCoReasoning(items, { ...base, round: 3, seed: 7 })).done, 1);
    const seeds = new Set(server.requests.slice(before).filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body.seed));
    assert.deepEqual([...seeds], [requestSeed(7, 3)]);
    assert.notEqual(requestSeed(7, 3), requestSeed(7, 2));

    appendFileSync(path.join(prompts, 'synthesize.md'), '\nBe brief.\n');
    assert.equal((await runCoReasoning(items, { ...base, round: 1 })).done, 1, 'an edited prompt is not skipped');
    appendFileSync(path.join(kb, 'ja', 'a.jsonl'), JSON.stringify({ title: '高血圧', content: '高血圧。' }) + '\n');
    assert.equal((await runCoReasoning(items, { ...base, round: 1 })).done, 1, 'an edited corpus is not skipped');

    const traces = readTraces(out);
    assert.equal(new Set(traces.map((t) => t.id)).size, 5);
    assert.deepEqual(traces.map((t) => t.config.round), [1, 2, 3, 1, 1]);
    assert.equal(traces[2].config.seed, 7);
    assert.equal(new Set(traces.map((t) => t.config.promptHash)).size, 2);
    assert.equal(traces[3].config.promptHash !== traces[0].config.promptHash, true);
    assert.equal(new Set(traces.map((t) => t.config.kbFingerprint)).size, 2);
    assert.ok(traces.every((t) => t.config.name === 'coreasoner'));
  } finally {
    await server.close();
  }
});
