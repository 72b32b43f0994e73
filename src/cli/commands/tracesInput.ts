// `--traces <file>` of adjudication and export: the current trace of each item, so that ratings
// made on an older trace show as stale and exports can name the rated configuration.
import type { CurrentTrace } from '../../core/export/longFormat';
import { readTraces, traceSha256, TracesFileError } from '../../core/traces';
import type { SourceProblem, Trace } from '../../core/types';
import { UserError } from '../errors';

/** Item id → its current trace. Bad lines are problems; the traces that parsed still count. */
export async function readCurrentTraces(file: string): Promise<{ traces: Map<string, CurrentTrace>; full: ReadonlyMap<string, Trace>; problems: SourceProblem[] }> {
  let contents;
  try {
    // Named explicitly, a missing file is a mistake ("not found"), not an empty run.
    contents = await readTraces(file, { missing: 'error' });
  } catch (err) {
    throw new UserError(err instanceof TracesFileError ? err.message : `${file}: cannot read the traces file (${(err as Error).message})`);
  }
  const traces = new Map<string, CurrentTrace>();
  for (const [itemId, trace] of contents.traces) {
    const config = trace.config as Record<string, unknown>;
    traces.set(itemId, {
      id: trace.id,
      sha256: traceSha256(trace),
      config: typeof config.name === 'string' ? config.name : null,
      round: typeof config.round === 'number' ? config.round : null,
      model: typeof config.model === 'string' ? config.model : null,
    });
  }
  return { traces, full: contents.traces, problems: contents.problems };
}
