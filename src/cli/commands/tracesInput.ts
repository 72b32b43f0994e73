// `--traces <file>` of adjudication and export: the current trace of each item, so that ratings
// made on an older trace show as stale and exports can name the rated configuration.
import { existsSync } from 'node:fs';
import type { CurrentTrace } from '../../core/export/longFormat';
import { readTraces, traceSha256 } from '../../core/traces';
import type { SourceProblem } from '../../core/types';
import { UserError } from '../errors';

/** Item id → its current trace. Bad lines are problems; the traces that parsed still count. */
export async function readCurrentTraces(file: string): Promise<{ traces: Map<string, CurrentTrace>; problems: SourceProblem[] }> {
  let contents;
  try {
    contents = await readTraces(file);
  } catch (err) {
    throw new UserError(`${file}: cannot read the traces file (${(err as Error).message})`);
  }
  if (contents.lines === 0 && contents.problems.length === 0) {
    // readTraces treats a missing file as empty (nothing run yet); named explicitly, it is a mistake.
    if (!existsSync(file)) throw new UserError(`${file}: no such traces file`);
  }
  const traces = new Map<string, CurrentTrace>();
  for (const [itemId, trace] of contents.traces) {
    const config = trace.config as Record<string, unknown>;
    traces.set(itemId, {
      id: trace.id,
      sha256: traceSha256(trace),
      config: typeof config.name === 'string' ? config.name : null,
      round: typeof config.round === 'number' ? config.round : null,
    });
  }
  return { traces, problems: contents.problems };
}
