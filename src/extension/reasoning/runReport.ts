// The figures of a co-reasoning run's report in the extension (no vscode import, unit-tested):
// tokens per stage and the estimated cost, as `medco reason --json` gives them (`tokensByStage`,
// `cost`), and a batch run's progress. The adapter (runCoReasoning.ts) localizes the sentences.
import type { BatchProgress } from '../../core/batch/passRunner';
import type { CostEstimate, StageTokens } from '../../core/llm/costs';

export interface TokenTotals {
  input: number;
  output: number;
}

export function tokenTotals(byStage: Readonly<Record<string, StageTokens>>): TokenTotals {
  let input = 0;
  let output = 0;
  for (const t of Object.values(byStage)) {
    input += t.prompt_tokens;
    output += t.completion_tokens;
  }
  return { input, output };
}

/** One line per stage, most tokens first, for the output channel: `reason_local: 12,345 in, 2,345 out (6 traces)`. */
export function stageTokenLines(byStage: Readonly<Record<string, StageTokens>>): string[] {
  const n = (x: number) => x.toLocaleString('en-US');
  return Object.entries(byStage)
    .sort(([a, x], [b, y]) => y.prompt_tokens + y.completion_tokens - (x.prompt_tokens + x.completion_tokens) || a.localeCompare(b))
    .map(([stage, t]) => `${stage}: ${n(t.prompt_tokens)} in, ${n(t.completion_tokens)} out (${t.runs} trace${t.runs === 1 ? '' : 's'})`);
}

/** A cost with as many decimals as a small amount needs: 0.0042 USD, 12.50 USD. */
export function formatCost(amount: number, currency: string): string {
  return `${amount.toFixed(amount < 1 ? 4 : 2)} ${currency}`;
}

/** The cost line for the output channel, naming the stages no price covers. */
export function costLine(cost: CostEstimate): string {
  const unpriced = cost.unpriced.length > 0 ? `; unpriced stages (not in the sums): ${cost.unpriced.join(', ')}` : '';
  return `estimated cost: ${formatCost(cost.live, cost.currency)} live, ${formatCost(cost.batch, cost.currency)} with the Batch API (prices: ${cost.asOf})${unpriced}`;
}

/** How far a run is, 0–100, from the traces written so far (the same in live and batch runs). */
export function percentDone(tracesWritten: number, items: number): number {
  return items === 0 ? 100 : Math.min(100, (100 * tracesWritten) / items);
}

/** The progress figures of a batch run, in the order the localized message uses them. */
export function batchProgressFigures(p: BatchProgress): [pass: number, submitted: number, collected: number, requests: number, answered: number, inFlight: number] {
  return [p.pass, p.batchesSubmitted, p.batchesCollected, p.requestsSubmitted, p.requestsAnswered, p.inFlight];
}
