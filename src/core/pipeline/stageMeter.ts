// Adds up the calls of one stage (a stage may take several: a refusal, a repair) into the
// trace's `stages` record.
import type { StageRecord } from '../types';
import type { CallMeta } from '../llm/client';

export class StageMeter {
  private readonly started = Date.now();
  private attempts = 0;
  private calls = 0;
  private cachedCalls = 0;
  private readonly usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } = {
    prompt_tokens: 0,
    completion_tokens: 0,
    total_tokens: 0,
  };
  private sawUsage = false;

  add<T extends CallMeta>(meta: T): T {
    this.calls++;
    this.attempts += meta.attempts;
    if (meta.cached) this.cachedCalls++;
    if (meta.usage) {
      this.sawUsage = true;
      this.usage.prompt_tokens += meta.usage.prompt_tokens ?? 0;
      this.usage.completion_tokens += meta.usage.completion_tokens ?? 0;
      this.usage.total_tokens += meta.usage.total_tokens ?? (meta.usage.prompt_tokens ?? 0) + (meta.usage.completion_tokens ?? 0);
    }
    return meta;
  }

  /** Attempts of a call that failed (its result never reached `add`). */
  addAttempts(n: number): void {
    this.attempts += n;
  }

  record(): StageRecord {
    return {
      ms: Date.now() - this.started,
      attempts: this.attempts,
      ...(this.sawUsage ? { usage: { ...this.usage } } : {}),
      // Cached only when every call of the stage came from the cache (nothing was paid for).
      cached: this.calls > 0 && this.cachedCalls === this.calls,
    };
  }
}
