// The state file of a batch run, `<out>.batch.json` beside the traces file (docs/formats.md §8):
// which batches were submitted for which calls, and how each call fared. It is written atomically
// after every step that a killed run must not repeat (an upload, a batch creation, a collection),
// so a resumed run picks up the batches in flight instead of submitting them again. A state file
// that cannot be read is reported and left as it is, never overwritten.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../store/atomicWrite';
import type { BatchUrl } from '../llm/deferredCalls';

export const BATCH_STATE_SCHEMA = 'medco.batch/1';

export type BatchMode = 'openai' | 'files';

export interface BatchRecord {
  /** The pipeline pass (round trip) that submitted it, from 1. */
  pass: number;
  url: BatchUrl;
  /** The calls in it: their cache keys, used as `custom_id`. */
  customIds: string[];
  /** uploaded → submitted → collected (openai); waiting → collected (files); lost: the server no longer knows it. */
  status: 'uploaded' | 'submitted' | 'waiting' | 'collected' | 'lost';
  submittedAt: string;
  inputFileId?: string;
  batchId?: string;
  requestFile?: string;
  outputFile?: string;
  /** The server's last status (validating, in_progress, completed, failed, expired, cancelled). */
  serverStatus?: string;
  collected?: { answered: number; failed: number; missing: number };
}

/** What a run was started on, so that it can be resumed on the same calls (the extension records it). */
export interface BatchRunDescription {
  configName: string;
  itemIds: string[];
}

export interface BatchState {
  schema: typeof BATCH_STATE_SCHEMA;
  /** Optional: written by runs that can be resumed without their command line (the extension). */
  run?: BatchRunDescription;
  mode: BatchMode;
  passes: number;
  batches: BatchRecord[];
  /** Failed attempts per call (an error line, a missing answer, an unusable answer). */
  attempts: Record<string, number>;
  /** Calls given up on after the last allowed attempt: their stage fails with this message. */
  failed: Record<string, string>;
}

export class BatchStateError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}; the batch state file is left as it is (move it away to start the batch run afresh)`);
    this.name = 'BatchStateError';
  }
}

export function batchStatePath(out: string): string {
  return `${out}.batch.json`;
}

/** `any`: whatever mode the file records (for reading it); a missing file then starts an `openai` state. */
export async function loadBatchState(file: string, mode: BatchMode | 'any'): Promise<BatchState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { schema: BATCH_STATE_SCHEMA, mode: mode === 'any' ? 'openai' : mode, passes: 0, batches: [], attempts: {}, failed: {} };
    throw new BatchStateError(file, `cannot read it (${(err as Error).message})`);
  }
  let state: BatchState;
  try {
    state = JSON.parse(text) as BatchState;
  } catch (err) {
    throw new BatchStateError(file, `not valid JSON (${(err as Error).message})`);
  }
  if (state === null || typeof state !== 'object' || state.schema !== BATCH_STATE_SCHEMA || !Array.isArray(state.batches)) {
    throw new BatchStateError(file, `not a ${BATCH_STATE_SCHEMA} state file`);
  }
  if (mode !== 'any' && state.mode !== mode) throw new BatchStateError(file, `belongs to a --batch ${state.mode} run, not --batch ${mode}`);
  state.attempts ??= {};
  state.failed ??= {};
  return state;
}

export async function saveBatchState(file: string, state: BatchState): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(state, null, 2) + '\n');
}

/** Batches whose answers have not been collected yet. */
export function openBatches(state: BatchState): BatchRecord[] {
  return state.batches.filter((b) => b.status === 'uploaded' || b.status === 'submitted' || b.status === 'waiting');
}
