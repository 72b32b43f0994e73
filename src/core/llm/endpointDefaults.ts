// The one set of endpoint defaults, shared by `medco` and the extension (package.json's
// `medco.llm.*` defaults repeat these values; test/unit/llm/endpointDefaults.test.ts keeps them
// equal). Before, the extension defaulted to a local server with an OpenAI embedding model and the
// CLI to OpenAI without one, so a local server (Ollama, vLLM) could not align a single item.

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_MODEL = 'gpt-4o-mini';
/** '' = automatic: see resolveEmbeddingModel. */
export const DEFAULT_EMBEDDING_MODEL = '';
export const DEFAULT_CONCURRENCY = 8;

/** The embedding model used on OpenAI's own API when none is configured. */
export const OPENAI_EMBEDDING_MODEL = 'text-embedding-3-small';

/** Whether the base URL is OpenAI's hosted API (not a compatible server). */
export function isOpenAIHosted(baseUrl: string): boolean {
  try {
    return /(^|\.)openai\.com$/i.test(new URL(baseUrl).hostname);
  } catch {
    return false;
  }
}

/**
 * The embedding model to use: the configured one; when none is configured, OpenAI's small model on
 * OpenAI's API and null (concepts aligned by the chat model) on any other server, whose embedding
 * models have other names or do not exist.
 */
export function resolveEmbeddingModel(baseUrl: string, configured: string | null | undefined): string | null {
  const name = (configured ?? '').trim();
  if (name !== '') return name;
  return isOpenAIHosted(baseUrl) ? OPENAI_EMBEDDING_MODEL : null;
}

/**
 * Custom HTTP headers from settings (an object) or `--header "Name: value"` flags, checked: a
 * header name is a token, a value has no line break (which would smuggle another header).
 */
export function parseHeaders(input: Record<string, unknown> | string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const entries: [string, unknown][] = Array.isArray(input)
    ? input.map((line) => {
        const at = line.indexOf(':');
        if (at <= 0) throw new Error(`header "${line}" is not "Name: value"`);
        return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
      })
    : Object.entries(input ?? {});
  for (const [name, value] of entries) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new Error(`header name "${name}" is not valid`);
    if (typeof value !== 'string') throw new Error(`header ${name}: the value must be a string`);
    if (/[\r\n\0]/.test(value)) throw new Error(`header ${name}: the value must not contain a line break`);
    out[name] = value;
  }
  return out;
}
