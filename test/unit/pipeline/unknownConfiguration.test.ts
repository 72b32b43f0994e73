// An unknown configuration name given to the pipeline (by a script, the extension's command
// argument, or a caller of the core API) is refused before anything happens: no model call, no
// traces file, and the error lists the valid names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runCoReasoning, UnknownConfigurationError } from '../../../src/core/pipeline';
import { startOpenAIServer } from '../../support/openaiServer';
import { makeItem, tempDir } from './helpers';

test('runCoReasoning refuses an unknown configuration name before any call or write', async () => {
  const server = await startOpenAIServer();
  try {
    const out = path.join(tempDir(), 'x.traces.jsonl');
    for (const name of ['papr', 'Paper', '', ' coreasoner']) {
      await assert.rejects(
        runCoReasoning([makeItem('ja', 1)], { configName: name, baseUrl: server.url, model: 'm', out }),
        (err: unknown) => {
          assert.ok(err instanceof UnknownConfigurationError, String(err));
          assert.equal(err.message, `unknown configuration "${name}"; valid: coreasoner, paper, direct, cot-local, cot-en, no-retrieval, no-fusion, en-only-concepts`);
          return true;
        },
      );
    }
    assert.equal(server.requests.length, 0);
    assert.equal(existsSync(out), false);
  } finally {
    await server.close();
  }
});
