// Endpoint setup (issue #14, item 8): one set of defaults for medco and the extension, custom
// headers, Azure OpenAI, the json_schema fallback on 422 too, and Test Connection, all against the
// local OpenAI-compatible server (test/support/openaiServer.ts) through the real SDK.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LlmClient } from '../../../src/core/llm/client';
import { DEFAULT_BASE_URL, DEFAULT_CONCURRENCY, DEFAULT_EMBEDDING_MODEL, DEFAULT_MODEL, parseHeaders, resolveEmbeddingModel } from '../../../src/core/llm/endpointDefaults';
import { testConnection } from '../../../src/core/llm/testConnection';
import { runCoReasoning } from '../../../src/core/pipeline';
import { startOpenAIServer } from '../../support/openaiServer';
import { makeItem, tempDir } from '../pipeline/helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 40, maxAttempts: 3 };

test("the extension's settings default to the shared defaults (the ones medco uses)", () => {
  const props = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).contributes.configuration.properties;
  assert.equal(props['medco.llm.baseUrl'].default, DEFAULT_BASE_URL);
  assert.equal(props['medco.llm.model'].default, DEFAULT_MODEL);
  assert.equal(props['medco.llm.embeddingModel'].default, DEFAULT_EMBEDDING_MODEL);
  assert.equal(props['medco.llm.concurrency'].default, DEFAULT_CONCURRENCY);
});

test('no configured embedding model: OpenAI gets its small model, any other server aligns with the chat model', () => {
  assert.equal(resolveEmbeddingModel('https://api.openai.com/v1', ''), 'text-embedding-3-small');
  assert.equal(resolveEmbeddingModel('http://127.0.0.1:11434/v1', ''), null);
  assert.equal(resolveEmbeddingModel('http://127.0.0.1:11434/v1', undefined), null);
  assert.equal(resolveEmbeddingModel('http://127.0.0.1:11434/v1', ' nomic-embed-text '), 'nomic-embed-text');
  assert.equal(resolveEmbeddingModel('https://evil.example/api.openai.com/v1', ''), null);
});

test('custom headers: names and values are checked, a line break is refused', () => {
  assert.deepEqual(parseHeaders(['X-Team: cardiology', 'OpenAI-Organization:org-1']), { 'X-Team': 'cardiology', 'OpenAI-Organization': 'org-1' });
  assert.deepEqual(parseHeaders({ 'x-route': 'eu' }), { 'x-route': 'eu' });
  assert.throws(() => parseHeaders({ 'x-a': 'ok\r\nAuthorization: Bearer x' }), /line break/);
  assert.throws(() => parseHeaders(['no colon']), /Name: value/);
  assert.throws(() => parseHeaders({ 'bad name': 'v' }), /not valid/);
});

test('custom headers reach the server with every call', async () => {
  const server = await startOpenAIServer({ requireHeaders: { 'X-Gateway-Team': 'cardiology' } });
  try {
    const without = new LlmClient({ baseUrl: server.url, model: 'm', cacheDir: null, retry: FAST_RETRY });
    await assert.rejects(without.chat('other', { messages: [{ role: 'user', content: 'hi' }] }), /403/);
    const client = new LlmClient({ baseUrl: server.url, model: 'm', embeddingModel: 'e', cacheDir: null, retry: FAST_RETRY, headers: { 'X-Gateway-Team': 'cardiology' } });
    assert.equal((await client.chat('other', { messages: [{ role: 'user', content: 'hi' }] })).content, 'OK');
    assert.equal((await client.embed('embed', ['heart'])).vectors.length, 1);
    assert.ok(server.requests.slice(1).every((r) => r.headers['x-gateway-team'] === 'cardiology'));
  } finally {
    await server.close();
  }
});

test('Azure OpenAI: the key goes in api-key (never as a bearer token), api-version in the query, the model is the deployment', async () => {
  const key = 'azure-secret-key-123';
  const server = await startOpenAIServer({ azureKey: key });
  try {
    const client = new LlmClient({ baseUrl: `${server.url.replace(/\/v1$/, '')}/openai`, model: 'gpt4o-deploy', embeddingModel: 'embed-deploy', apiKey: key, apiVersion: '2024-10-21', cacheDir: null, retry: FAST_RETRY });
    assert.equal((await client.chat('other', { messages: [{ role: 'user', content: 'hi' }] })).content, 'OK');
    await client.embed('embed', ['heart']);
    assert.deepEqual(server.requests.map((r) => r.path), ['/openai/deployments/gpt4o-deploy/chat/completions', '/openai/deployments/embed-deploy/embeddings']);
    for (const r of server.requests) {
      assert.equal(r.headers['api-key'], key);
      assert.equal(new URLSearchParams(r.query).get('api-version'), '2024-10-21');
      assert.ok(!String(r.headers.authorization ?? '').includes(key));
    }
  } finally {
    await server.close();
  }
});

test('a server that refuses json_schema with 422 (FastAPI validation error) gets json_object, as on 400', async () => {
  const server = await startOpenAIServer({ refuseJsonSchema: true, jsonSchemaRefusalStatus: 422 });
  try {
    const out = path.join(tempDir(), 'r.traces.jsonl');
    const summary = await runCoReasoning([makeItem('ja', 1)], { baseUrl: server.url, model: 'm', embeddingModel: 'e', out, concurrency: 1, retry: FAST_RETRY });
    assert.equal(summary.done, 1);
    const extract = server.requests.filter((r) => r.stage === 'extract');
    assert.equal(extract[0].status, 422);
    assert.deepEqual(extract.slice(1).map((r) => (r.body.response_format as { type: string }).type), ['json_object', 'json_object']);
  } finally {
    await server.close();
  }
});

test('Test Connection: lists the models, chats, embeds, and says all works', async () => {
  const server = await startOpenAIServer({ models: ['qwen2.5:7b', 'nomic-embed-text'] });
  try {
    const r = await testConnection({ baseUrl: server.url, model: 'qwen2.5:7b', embeddingModel: 'nomic-embed-text' });
    assert.equal(r.ok, true);
    assert.deepEqual(r.models.ids, ['qwen2.5:7b', 'nomic-embed-text']);
    assert.equal(r.chat.ok, true);
    assert.match(r.chat.detail, /OK/);
    assert.equal(r.embeddings.dimensions, 256);
    assert.deepEqual(server.requests.map((q) => q.path), ['/v1/models', '/v1/chat/completions', '/v1/embeddings']);
  } finally {
    await server.close();
  }
});

test('Test Connection: a missing embedding model and an unknown chat model are named, the key never shown', async () => {
  const key = 'sk-test-secret-9876';
  const server = await startOpenAIServer({ models: ['qwen2.5:7b'], embeddingModels: ['nomic-embed-text'], requireKey: key, echoAuthInErrors: true });
  try {
    const r = await testConnection({ baseUrl: server.url, model: 'llama3', embeddingModel: 'text-embedding-3-small', apiKey: key });
    assert.equal(r.ok, false);
    assert.equal(r.chat.ok, true);
    assert.match(r.models.detail, /"llama3" is not among them/);
    assert.equal(r.embeddings.ok, false);
    assert.match(r.embeddings.detail, /404.*text-embedding-3-small.*not found/);
    const wrong = await testConnection({ baseUrl: server.url, model: 'qwen2.5:7b', apiKey: `${key}-wrong` });
    assert.equal(wrong.chat.ok, false);
    assert.match(wrong.chat.detail, /401/);
    assert.ok(!JSON.stringify([r, wrong]).includes(key), 'the key never appears in the report');
  } finally {
    await server.close();
  }
});

test('Test Connection on a local server without an embedding model: embeddings not tried, chat alignment said', async () => {
  const server = await startOpenAIServer();
  try {
    const r = await testConnection({ baseUrl: server.url, model: 'fake-chat', embeddingModel: '' });
    assert.equal(r.ok, true);
    assert.equal(r.embeddingModel, null);
    assert.equal(r.embeddings.tried, false);
    assert.match(r.embeddings.detail, /aligned by the chat model/);
  } finally {
    await server.close();
  }
});
