// "Test Connection": asks the configured endpoint, step by step, what a co-reasoning run will need
// (the model list, one tiny chat, one embedding) and says what works and what does not, so that a
// wrong URL, key, model or embedding model shows before a run, not as a trace full of errors.
// Nothing here is cached or retried, and no message ever contains the key.
import { createOpenAISdk, type EndpointOptions } from './sdkClient';
import { resolveEmbeddingModel } from './endpointDefaults';

export interface ConnectionOptions extends EndpointOptions {
  baseUrl: string;
  model: string;
  /** As configured ('' or null: automatic, see resolveEmbeddingModel). */
  embeddingModel?: string | null;
}

export interface CheckResult {
  ok: boolean;
  /** false: not tried (an embedding with no embedding model). */
  tried: boolean;
  ms: number;
  detail: string;
}

export interface ConnectionReport {
  baseUrl: string;
  model: string;
  embeddingModel: string | null;
  models: CheckResult & { ids: string[] };
  chat: CheckResult;
  embeddings: CheckResult & { dimensions?: number };
  /** Chat works (and embeddings, when an embedding model is used): a run can align concepts. */
  ok: boolean;
}

export async function testConnection(o: ConnectionOptions): Promise<ConnectionReport> {
  const sdk = createOpenAISdk({ ...o, timeoutMs: o.timeoutMs ?? 30_000 });
  const secret = o.apiKey ?? '';
  const redact = (text: string): string => (secret.length >= 4 ? text.split(secret).join('***') : text);
  const failure = (err: unknown): string => {
    const status = (err as { status?: unknown }).status;
    const message = redact(err instanceof Error ? err.message : String(err));
    return typeof status === 'number' && !message.startsWith(String(status)) ? `${status} ${message}` : message;
  };
  const timed = async <T>(run: () => Promise<T>): Promise<{ value?: T; ms: number; error?: string }> => {
    const started = Date.now();
    try {
      return { value: await run(), ms: Date.now() - started };
    } catch (err) {
      return { ms: Date.now() - started, error: failure(err) };
    }
  };
  const embeddingModel = resolveEmbeddingModel(o.baseUrl, o.embeddingModel);

  const listed = await timed(async () => {
    const ids: string[] = [];
    for await (const m of sdk.models.list()) ids.push(m.id);
    return ids;
  });
  const ids = listed.value ?? [];
  const models = {
    ok: listed.value !== undefined, tried: true, ms: listed.ms, ids,
    detail: listed.error ?? `${ids.length} model(s)${ids.length && !ids.includes(o.model) ? `; "${o.model}" is not among them` : ''}`,
  };

  const chatted = await timed(() => sdk.chat.completions.create({ model: o.model, messages: [{ role: 'user', content: 'Reply with the word OK.' }], max_completion_tokens: 16 }));
  const chat = {
    ok: chatted.value !== undefined, tried: true, ms: chatted.ms,
    detail: chatted.error ?? `"${o.model}" answered: ${JSON.stringify((chatted.value?.choices?.[0]?.message?.content ?? '').slice(0, 40))}`,
  };

  let embeddings: ConnectionReport['embeddings'] = { ok: true, tried: false, ms: 0, detail: 'no embedding model: concepts are aligned by the chat model' };
  if (embeddingModel) {
    const embedded = await timed(() => sdk.embeddings.create({ model: embeddingModel, input: ['heart failure'], encoding_format: 'float' }));
    const vector = embedded.value?.data?.[0]?.embedding as number[] | undefined;
    embeddings = embedded.error !== undefined || !Array.isArray(vector)
      ? { ok: false, tried: true, ms: embedded.ms, detail: embedded.error ?? 'the answer held no embedding' }
      : { ok: true, tried: true, ms: embedded.ms, detail: `"${embeddingModel}": ${vector.length} dimensions`, dimensions: vector.length };
  }
  return { baseUrl: o.baseUrl, model: o.model, embeddingModel, models, chat, embeddings, ok: chat.ok && embeddings.ok };
}
