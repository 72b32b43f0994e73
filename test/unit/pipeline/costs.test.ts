// Tokens per stage and the cost estimate of a run (issue 15): priced from the list prices or a
// user's table, batch at the Batch API's half price unless the table says otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { estimateCost, parsePriceTable } from '../../../src/core/llm/costs';
import { startOpenAIServer } from '../../support/openaiServer';
import { runCli, tempDir } from './helpers';

test('estimateCost: per million tokens, embeddings at the embedding model, batch at half price', () => {
  const cost = estimateCost(
    { reason_en: { runs: 1, prompt_tokens: 1_000_000, completion_tokens: 1_000_000 }, align: { runs: 1, prompt_tokens: 1_000_000, completion_tokens: 0 } },
    { chat: 'gpt-4o', embedding: 'text-embedding-3-small' },
  );
  assert.equal(cost.live, 2.5 + 10 + 0.02);
  assert.equal(cost.batch, (2.5 + 10 + 0.02) / 2);
  assert.deepEqual(cost.unpriced, []);
  const custom = parsePriceTable({ currency: 'EUR', asOf: 'test', models: { local: { input: 1, output: 2, batchInput: 1, batchOutput: 1 } } });
  const mine = estimateCost({ synthesize: { runs: 2, prompt_tokens: 500_000, completion_tokens: 500_000 } }, { chat: 'local', embedding: null }, custom);
  assert.deepEqual([mine.currency, mine.live, mine.batch], ['EUR', 1.5, 1]);
  assert.deepEqual(estimateCost({ reason_en: { runs: 1, prompt_tokens: 10, completion_tokens: 0 } }, { chat: 'qwen', embedding: null }).unpriced, ['reason_en']);
  assert.throws(() => parsePriceTable({ models: { m: { input: -1, output: 1 } } }), /models\.m\.input: expected a price per million tokens/);
});

test('medco reason --json reports tokens per stage and the cost live and in batch; --prices replaces the table', async () => {
  const server = await startOpenAIServer();
  try {
    const dir = tempDir('medco-costs-');
    const dataset = path.join(dir, 'd.jsonl');
    writeFileSync(dataset, JSON.stringify({ id: 'qa-ja-001', lang: 'ja', task: 'qa', text: '質問:\n高血圧\n回答:\nなし', text_en: 'Question:\nHypertension\nAnswer:\nnone' }) + '\n');
    const args = ['reason', dataset, '--base-url', server.url, '--model', 'gpt-4o-mini', '--embedding-model', 'text-embedding-3-small', '--json'];
    const r = await runCli([...args, '--out', path.join(dir, 'a.traces.jsonl')]);
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { usage: { prompt_tokens: number }; tokensByStage: Record<string, { prompt_tokens: number; completion_tokens: number }>; cost: { live: number; batch: number; currency: string } };
    assert.ok(summary.tokensByStage.reason_en.prompt_tokens > 0 && summary.tokensByStage.synthesize.completion_tokens > 0, JSON.stringify(summary.tokensByStage));
    const chat = Object.entries(summary.tokensByStage).filter(([s]) => s !== 'align');
    const expected = chat.reduce((sum, [, t]) => sum + (t.prompt_tokens * 0.15 + t.completion_tokens * 0.6) / 1e6, 0) + (summary.tokensByStage.align?.prompt_tokens ?? 0) * 0.02 / 1e6;
    assert.ok(Math.abs(summary.cost.live - expected) < 1e-6, `${summary.cost.live} vs ${expected}`);
    assert.ok(Math.abs(summary.cost.batch - expected / 2) < 1e-6);

    const table = path.join(dir, 'prices.json');
    writeFileSync(table, JSON.stringify({ currency: 'EUR', asOf: 'ours', models: { 'gpt-4o-mini': { input: 1000, output: 0 } } }));
    const priced = await runCli([...args, '--out', path.join(dir, 'b.traces.jsonl'), '--prices', table]);
    assert.equal(priced.status, 0, priced.stderr);
    const cost = (JSON.parse(priced.stdout) as typeof summary).cost;
    assert.equal(cost.currency, 'EUR');
    const prompt = chat.reduce((sum, [, t]) => sum + t.prompt_tokens, 0);
    assert.ok(Math.abs(cost.live - (prompt * 1000) / 1e6) < 1e-6, `${cost.live}`);

    writeFileSync(table, '{"models": {"gpt-4o-mini": {"input": "cheap"}}}');
    const bad = await runCli([...args, '--out', path.join(dir, 'c.traces.jsonl'), '--prices', table]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--prices .*prices\.json: models\.gpt-4o-mini\.input: expected a price/);
  } finally {
    await server.close();
  }
});
