// Builds the OpenAI SDK client of an endpoint: an OpenAI-compatible server, or Azure OpenAI when an
// `api-version` is given (the key then goes in the `api-key` header, `api-version` in the query,
// and the model name is the deployment: <baseUrl>/deployments/<model>/chat/completions).
import OpenAI, { AzureOpenAI } from 'openai';

export interface EndpointOptions {
  /** e.g. https://api.openai.com/v1, http://127.0.0.1:11434/v1, https://your-resource.openai.azure.com/openai */
  baseUrl?: string;
  apiKey?: string;
  /** Sent with every request (a gateway's routing or auth headers). */
  headers?: Record<string, string>;
  /** Azure OpenAI's api-version (e.g. 2024-10-21); set means Azure. */
  apiVersion?: string;
  timeoutMs?: number;
}

/** A keyless local server still needs some key for the SDK; this one is never a secret. */
export const PLACEHOLDER_KEY = 'no-key';

export function createOpenAISdk(o: EndpointOptions): OpenAI {
  const common = { maxRetries: 0, timeout: o.timeoutMs ?? 120_000, defaultHeaders: o.headers && Object.keys(o.headers).length ? o.headers : undefined };
  if (o.apiVersion) {
    return new AzureOpenAI({ ...common, apiKey: o.apiKey || PLACEHOLDER_KEY, apiVersion: o.apiVersion, baseURL: o.baseUrl });
  }
  return new OpenAI({ ...common, apiKey: o.apiKey || PLACEHOLDER_KEY, baseURL: o.baseUrl });
}
