// One language table: Thai is named the same in the items tree, in the webviews' headers and in
// the prompts the pipeline sends (there used to be a second table for prompts, with ภาษาไทย).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCoReasoning } from '../../../src/core/pipeline';
import { languageLabel, languageNames } from '../../../src/core/dataset/languages';
import { startOpenAIServer } from '../../support/openaiServer';
import { makeItem } from './helpers';

test("Thai's native name is ไทย in the tree label, the webview header and the prompts", async () => {
  assert.equal(languageLabel('th'), 'ไทย (Thai)');
  assert.equal(languageNames('th').native, 'ไทย');
  const server = await startOpenAIServer();
  try {
    await runCoReasoning([makeItem('th', 1)], { baseUrl: server.url, model: 'm', embeddingModel: 'e', cacheDir: null });
    const prompts = server.requests
      .filter((r) => r.stage === 'synthesize' || r.stage === 'reason')
      .map((r) => JSON.stringify(r.body.messages))
      .filter((p) => p.includes('Thai ('));
    assert.ok(prompts.length >= 2, 'the local reasoning and the synthesis name the language');
    for (const p of prompts) {
      assert.ok(p.includes('Thai (ไทย)'), `prompt names Thai as the table does: ${p.slice(0, 300)}`);
      assert.ok(!p.includes('ภาษาไทย'), 'no second name for Thai');
    }
  } finally {
    await server.close();
  }
});
