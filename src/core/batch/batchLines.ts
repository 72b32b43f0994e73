// The JSONL both the OpenAI Batch API and vLLM's `run-batch` read and write: one request per
// line `{custom_id, method, url, body}`; one result per line `{id, custom_id, response:
// {status_code, body}, error}`. Reading an output file checks every line and reports, by line,
// what cannot be used: bad JSON, a custom_id we never sent, a custom_id seen twice.
import type { DeferredCall } from '../llm/deferredCalls';

export function requestLines(calls: readonly DeferredCall[]): string {
  return calls.map((c) => JSON.stringify({ custom_id: c.key, method: 'POST', url: c.url, body: c.body })).join('\n') + '\n';
}

export interface BatchResult {
  customId: string;
  /** The response body of a 200 answer. */
  body?: unknown;
  /** Why there is no usable body (an HTTP error, an error object). */
  error?: string;
}

export interface ParsedOutput {
  results: BatchResult[];
  problems: { line: number; message: string }[];
}

export function parseOutputLines(text: string, sent: ReadonlySet<string>, seen: Set<string>): ParsedOutput {
  const results: BatchResult[] = [];
  const problems: ParsedOutput['problems'] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const line = i + 1;
    let record: { custom_id?: unknown; response?: { status_code?: unknown; body?: unknown } | null; error?: { message?: unknown; code?: unknown } | null };
    try {
      record = JSON.parse(raw) as typeof record;
    } catch (err) {
      problems.push({ line, message: `invalid JSON (${(err as Error).message})` });
      return;
    }
    const customId = record?.custom_id;
    if (typeof customId !== 'string') {
      problems.push({ line, message: 'no custom_id' });
      return;
    }
    if (!sent.has(customId)) {
      problems.push({ line, message: `custom_id ${JSON.stringify(customId)} was never sent in this batch; ignored` });
      return;
    }
    if (seen.has(customId)) {
      problems.push({ line, message: `custom_id ${JSON.stringify(customId)} answered twice; the first answer is used` });
      return;
    }
    seen.add(customId);
    const status = record.response?.status_code;
    if (status === 200 && record.response?.body !== undefined) {
      results.push({ customId, body: record.response.body });
      return;
    }
    const bodyError = (record.response?.body as { error?: { message?: unknown } } | undefined)?.error?.message;
    const message = record.error?.message ?? bodyError ?? `HTTP ${String(status ?? 'error')}`;
    results.push({ customId, error: String(message) });
  });
  return { results, problems };
}
