// Whether a traces file has a batch run in flight (`<out>.batch.json` with batches not collected),
// and how to resume it: the extension offers to, instead of starting a run that would submit the
// same calls again or leave the paid answers of the batches in flight uncollected.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { batchStatePath, loadBatchState, openBatches, type BatchMode, type BatchRunDescription } from './batchState';

export interface BatchRunInFlight {
  stateFile: string;
  mode: BatchMode;
  /** Batches submitted and not collected yet. */
  inFlight: number;
  /** Their request lines. */
  requests: number;
  passes: number;
  /** Offline runs: the folder the request files were written to (the next passes write there too). */
  batchDir?: string;
  /** What the run was started on, when the run recorded it (runs of the extension do). */
  run?: BatchRunDescription;
}

/** Undefined when no state file exists or all its batches are collected; throws BatchStateError on an unreadable one. */
export async function batchRunInFlight(out: string): Promise<BatchRunInFlight | undefined> {
  const stateFile = batchStatePath(out);
  if (!existsSync(stateFile)) return undefined;
  const state = await loadBatchState(stateFile, 'any');
  const open = openBatches(state);
  if (open.length === 0) return undefined;
  const requestFile = [...state.batches].reverse().find((b) => b.requestFile)?.requestFile;
  return {
    stateFile,
    mode: state.mode,
    inFlight: open.length,
    requests: open.reduce((n, b) => n + b.customIds.length, 0),
    passes: state.passes,
    ...(requestFile ? { batchDir: path.dirname(requestFile) } : {}),
    ...(state.run ? { run: state.run } : {}),
  };
}

/** The items a resumed run runs on: those the run recorded, in dataset order; ids no longer in the dataset are listed. */
export function itemsToResume<T extends { id: string }>(items: readonly T[], run: BatchRunDescription): { items: T[]; missing: string[] } {
  const wanted = new Set(run.itemIds);
  const found = items.filter((it) => wanted.has(it.id));
  const present = new Set(found.map((it) => it.id));
  return { items: found, missing: run.itemIds.filter((id) => !present.has(id)) };
}
