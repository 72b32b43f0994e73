// The decision file `annotations/<dataset>/_adjudication.json` (schema medco.adjudication/1).
// Every write goes through a cross-process lock and an atomic rename; a file that cannot be parsed
// is reported (file and line) and never overwritten.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AdjudicationDecision, AdjudicationFile } from '../types';
import type { DimensionCuration } from '../curation/disagreements';
import { adjudicationFileProblem, ADJUDICATION_FILE_NAME } from '../curation/readCurationFolder';
import { JsonFileError, parseJsonWithLine } from '../curation/parseJsonWithLine';
import {
  applyDecision,
  emptyAdjudicationFile,
  serializeAdjudicationFile,
  type DecisionInput,
} from './decisions';
import { updateJsonFileLocked } from './lockedUpdate';

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

  private parse = (text: string): AdjudicationFile => {
    const value = parseJsonWithLine(text, this.file);
    const problem = adjudicationFileProblem(value);
    if (problem) throw new JsonFileError(this.file, 1, problem);
    return value as AdjudicationFile;
  };

  /** The decisions on disk; an empty file when there are none yet. */
  async read(): Promise<AdjudicationFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyAdjudicationFile(this.dataset);
      throw err;
    }
    return this.parse(text);
  }

  private update<R>(mutate: (file: AdjudicationFile) => R): Promise<R> {
    return updateJsonFileLocked(this.file, {
      parse: this.parse,
      empty: () => emptyAdjudicationFile(this.dataset),
      mutate,
      serialize: serializeAdjudicationFile,
    });
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
