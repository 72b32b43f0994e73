// The endpoint as the settings describe it (`medco.llm.*`), with the shared defaults of
// src/core/llm/endpointDefaults.ts, so that the extension and `medco` behave alike. The key comes
// from secret storage (or OPENAI_API_KEY), never from settings.
import * as vscode from 'vscode';
import { DEFAULT_BASE_URL, DEFAULT_CONCURRENCY, DEFAULT_MODEL, parseHeaders, resolveEmbeddingModel } from '../../core/llm/endpointDefaults';
import { getApiKey } from './apiKey';

export interface EndpointSettings {
  baseUrl: string;
  model: string;
  /** Resolved: null means the chat model aligns the concepts. */
  embeddingModel: string | null;
  /** As configured ('' = automatic), for messages. */
  configuredEmbeddingModel: string;
  concurrency: number;
  headers: Record<string, string>;
  apiVersion: string | undefined;
  apiKey: string | undefined;
}

export async function readEndpointSettings(secrets: vscode.SecretStorage): Promise<EndpointSettings> {
  const config = vscode.workspace.getConfiguration('medco.llm');
  const baseUrl = config.get<string>('baseUrl', DEFAULT_BASE_URL).trim() || DEFAULT_BASE_URL;
  const configuredEmbeddingModel = config.get<string>('embeddingModel', '');
  let headers: Record<string, string>;
  try {
    headers = parseHeaders(config.get<Record<string, unknown>>('headers', {}));
  } catch (err) {
    throw new Error(`medco.llm.headers: ${(err as Error).message}`);
  }
  return {
    baseUrl,
    model: config.get<string>('model', DEFAULT_MODEL).trim() || DEFAULT_MODEL,
    embeddingModel: resolveEmbeddingModel(baseUrl, configuredEmbeddingModel),
    configuredEmbeddingModel,
    concurrency: config.get<number>('concurrency', DEFAULT_CONCURRENCY),
    headers,
    apiVersion: config.get<string>('azureApiVersion', '').trim() || undefined,
    apiKey: await getApiKey(secrets),
  };
}
