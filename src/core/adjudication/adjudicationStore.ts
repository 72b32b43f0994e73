// The decision file `annotations/<dataset>/_adjudication.json` (schema medco.adjudication/1).
// Every write goes through the store's locked read-modify-write (cross-process lock, atomic
// rename); a file that cannot be parsed or fails its schema is reported with file and line and
// never overwritten.
import path from 'node:path';
import type { AdjudicationDecision, AdjudicationFile } from '../types';
import type { DimensionCuration } from './disagreements';
import { ADJUDICATION_FILE_NAME, adjudicationFileCodec } from './readCurationFolder';
import { readJsonFile, updateJsonFileLocked } from '../store/lockedJsonFile';
import {
  applyDecision,
  emptyAdjudicationFile,
  serializeAdjudicationFile,
  type DecisionInput,
} from './decisions';

export const UNANIMOUS_RATIONALE = 'unanimous';

export class AdjudicationStore {
  readonly file: string;

  constructor(
    readonly annotationsDir: string,
    readonly dataset: string,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    this.file = path.join(annotationsDir, dataset, ADJUDICATION_FILE_NAME);
  }

  /** The decisions on disk; an empty file when there are none yet. Throws StoreFileError on a bad file. */
  async read(): Promise<AdjudicationFile> {
    const r = await readJsonFile(this.file, adjudicationFileCodec);
    if (r.status === 'invalid') throw r.error;
    return r.status === 'ok' ? r.value : emptyAdjudicationFile(this.dataset);
  }

  private async update<R>(mutate: (file: AdjudicationFile) => R): Promise<R> {
    const { result } = await updateJsonFileLocked(this.file, {
      ...adjudicationFileCodec,
      // The current file is parsed afresh under the lock; we change a copy and write it whole.
      mutate: (current) => {
        const next: AdjudicationFile = current ? structuredClone(current) : emptyAdjudicationFile(this.dataset);
        return { next, result: mutate(next) };
      },
      serialize: serializeAdjudicationFile,
    });
    return result;
  }

  /** Sets (or changes) the gold value, or marks the dimension unresolved; returns the new decision. */
  decide(input: DecisionInput): Promise<AdjudicationDecision> {
    return this.update((file) => applyDecision(file, input, this.now));
  }

  markUnresolved(input: Omit<DecisionInput, 'value' | 'status'>): Promise<AdjudicationDecision> {
    return this.decide({ ...input, value: null, status: 'unresolved' });
  }

  /**
   * Makes every unanimous, undecided (item, dimension) gold with its unanimous value. Skips what
   * another curator decided meanwhile and unanimous "not assessable" (there is no value to make gold).
   * Returns the decisions written.
   */
  bulkAcceptUnanimous(curations: readonly DimensionCuration[], adjudicator: string): Promise<AdjudicationDecision[]> {
    const candidates = curations.filter(
      (c) => c.status === 'unanimous' && !c.decision && c.values.length >= 2 && typeof c.values[0].value === 'number',
    );
    if (candidates.length === 0) return Promise.resolve([]);
    return this.update((file) => {
      const written: AdjudicationDecision[] = [];
      const decidedAt = this.now();
      for (const c of candidates) {
        if (file.items[c.itemId]?.[c.dimension]) continue;
        written.push(
          applyDecision(
            file,
            {
              itemId: c.itemId,
              dimension: c.dimension,
              value: c.values[0].value,
              status: 'adjudicated',
              adjudicator,
              rationale: UNANIMOUS_RATIONALE,
              basedOn: Object.fromEntries(c.values.map((v) => [v.annotator, v.revision])),
              decidedAt,
            },
            this.now,
          ),
        );
      }
      return written;
    });
  }
}
