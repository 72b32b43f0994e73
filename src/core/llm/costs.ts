// Tokens per stage and what they cost (docs/formats.md §8): summed from the traces a run writes
// (cached calls included, so a re-run from the cache shows what the whole run costs), priced from a
// table the user can replace (`medco reason --prices <file.json>`). Live and batch prices side by
// side, so the Batch API's saving is visible from a small `--limit` run before the large one.
import type { Trace } from '../types';

/** US dollars per million tokens. `batch` defaults to half of live, the OpenAI Batch API's discount. */
export interface ModelPrice {
  input: number;
  output: number;
  batchInput?: number;
  batchOutput?: number;
}

export interface PriceTable {
  currency: string;
  /** Source and date of the figures, shown with every estimate. */
  asOf: string;
  models: Record<string, ModelPrice>;
}

/** OpenAI's published list prices; other models are unpriced unless a table names them. */
export const DEFAULT_PRICES: PriceTable = {
  currency: 'USD',
  asOf: 'openai.com/api/pricing, list prices per 1M tokens as of 2025',
  models: {
    'gpt-4o': { input: 2.5, output: 10 },
    'gpt-4o-mini': { input: 0.15, output: 0.6 },
    'gpt-4.1': { input: 2, output: 8 },
    'gpt-4.1-mini': { input: 0.4, output: 1.6 },
    'text-embedding-3-small': { input: 0.02, output: 0 },
    'text-embedding-3-large': { input: 0.13, output: 0 },
  },
};

export interface StageTokens {
  /** Traces in which the stage ran. */
  runs: number;
  prompt_tokens: number;
  completion_tokens: number;
}

export class StageTokenTally {
  readonly byStage: Record<string, StageTokens> = {};

  add(trace: Trace): void {
    for (const [stage, meter] of Object.entries(trace.stages ?? {})) {
      const row = (this.byStage[stage] ??= { runs: 0, prompt_tokens: 0, completion_tokens: 0 });
      row.runs++;
      row.prompt_tokens += meter.usage?.prompt_tokens ?? 0;
      row.completion_tokens += meter.usage?.completion_tokens ?? 0;
    }
  }
}

export interface CostEstimate {
  currency: string;
  asOf: string;
  live: number;
  batch: number;
  /** Stages whose model has no price in the table: left out of the sums. */
  unpriced: string[];
}

/** Embedding stages are priced at the embedding model; every other stage at the chat model. */
export function estimateCost(byStage: Record<string, StageTokens>, models: { chat: string; embedding: string | null }, table: PriceTable = DEFAULT_PRICES): CostEstimate {
  let live = 0;
  let batch = 0;
  const unpriced: string[] = [];
  for (const [stage, t] of Object.entries(byStage)) {
    const model = /embed|align/.test(stage) && models.embedding ? models.embedding : models.chat;
    const price = table.models[model];
    if (!price) {
      if (t.prompt_tokens + t.completion_tokens > 0) unpriced.push(stage);
      continue;
    }
    live += (t.prompt_tokens * price.input + t.completion_tokens * price.output) / 1e6;
    batch += (t.prompt_tokens * (price.batchInput ?? price.input / 2) + t.completion_tokens * (price.batchOutput ?? price.output / 2)) / 1e6;
  }
  return { currency: table.currency, asOf: table.asOf, live: round(live), batch: round(batch), unpriced };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Checks a user's price table; the message names what is wrong. */
export function parsePriceTable(value: unknown): PriceTable {
  const t = value as Partial<PriceTable> | null;
  if (t === null || typeof t !== 'object' || typeof t.models !== 'object' || t.models === null) throw new Error('expected {"currency", "asOf", "models": {"<model>": {"input", "output"}}}');
  for (const [model, p] of Object.entries(t.models)) {
    for (const field of ['input', 'output', 'batchInput', 'batchOutput'] as const) {
      const v = (p as unknown as Record<string, unknown>)[field];
      if ((field === 'input' || field === 'output' || v !== undefined) && (typeof v !== 'number' || !(v >= 0))) {
        throw new Error(`models.${model}.${field}: expected a price per million tokens (a number ≥ 0)`);
      }
    }
  }
  return { currency: typeof t.currency === 'string' ? t.currency : 'USD', asOf: typeof t.asOf === 'string' ? t.asOf : 'user table', models: t.models };
}
