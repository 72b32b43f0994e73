// The annotation store: one annotator's ratings on one dataset, in
// `annotations/<dataset>/<annotator>.json` (docs/formats.md §3), shared safely between processes.
//
// The in-memory copy lives in a lowdb `Low` (read through a validating, migrating adapter).
// Every save goes through `updateJsonFileLocked`: lock, re-read the file (another window or
// `medco rate` may have saved since), apply this one change, write atomically, release. So
// concurrent saves of different items all persist, and concurrent saves of one item become
// successive revisions.
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { AnnotationEntry, AnnotationFile, AnnotatorInfo, ComparisonEntry, ConceptJudgement, HistoryEntry, JudgeProvenance, Rating, Rubric } from '../types';
import { annotationFileCodec, annotationFilePath, emptyAnnotationFile, serializeAnnotationFileBytes } from './annotationFile';
import { readJsonFile, updateJsonFileLocked, type JsonFileCache, type JsonFileUpdate } from './lockedJsonFile';
import { withFileLock, type FileLockOptions } from './fileLock';
import { writeFileAtomic } from './atomicWrite';
import { resolveWriteTarget } from './fileTarget';
import { canonicalJson } from './stableJson';
import { assertRatingFits } from './rubric';
import { InvalidNameError, RatingError, StoreFileError } from './errors';
import { assertComparisonFits, comparisonSnapshot, comparisonSubstance, nextComparisonState, type SaveComparisonInput, type SaveComparisonResult } from './comparison';
import { comparisonKey } from '../study/pairs';
import { caseVariantIn } from './fileNames';

export interface SaveRatingInput {
  rating: Rating;
  concepts?: Record<string, ConceptJudgement>;
  durationMs?: number;
  /** The trace the annotator was looking at; kept from the previous revision when omitted. */
  traceId?: string;
  traceSha256?: string;
  /**
   * 'replace' (default): `rating` is the whole new rating (what the review panel sends).
   * 'merge': only the dimensions, flags and comment present in `rating` change (`medco rate`).
   */
  mode?: 'replace' | 'merge';
  /** An LLM judge's rating (`medco judge`): which model and prompt produced it. */
  judge?: JudgeProvenance;
}

export interface SaveRatingResult {
  entry: AnnotationEntry;
  /** False when the saved state equalled the current one: nothing was written. */
  changed: boolean;
}

export interface AnnotationStoreOptions {
  annotationsDir: string;
  dataset: string;
  /** Annotator id, or full info (languages, role) used when the file is first created. */
  annotator: string | AnnotatorInfo;
  /** Ratings are checked against it before saving; its id/version go into a new file. */
  rubric?: Rubric;
  lock?: FileLockOptions;
  /** Clock, for tests. */
  now?: () => Date;
}

/** lowdb adapter over the annotator file: validated, migrated reads; locked atomic writes. */
class AnnotationFileAdapter implements Adapter<AnnotationFile> {
  constructor(
    readonly file: string,
    private readonly cache: JsonFileCache<AnnotationFile>,
    private readonly lock?: FileLockOptions,
  ) {}

  async read(): Promise<AnnotationFile | null> {
    const r = await readJsonFile(this.file, annotationFileCodec);
    if (r.status === 'invalid') throw r.error;
    if (r.status === 'missing') return null;
    // The next save can skip parsing and validating if the file is still exactly this.
    Object.assign(this.cache, { bytes: r.bytes, value: r.value });
    return r.value;
  }

  async write(data: AnnotationFile): Promise<void> {
    const target = await resolveWriteTarget(this.file);
    await withFileLock(target, () => writeFileAtomic(target, serializeAnnotationFileBytes(data)), this.lock);
  }
}

/** Drops empty values so that "no comment" and "comment: ''" compare (and store) the same. */
function cleanRating(rating: Rating): Rating {
  const out: Rating = {};
  for (const [k, v] of Object.entries(rating)) {
    if (v === undefined) continue;
    if (k === 'comment' && v === '') continue;
    if (k === 'flags') {
      const flags = [...new Set(v as string[])].sort();
      if (flags.length > 0) out.flags = flags;
      continue;
    }
    out[k] = v;
  }
  return out;
}

function mergeRating(previous: Rating | undefined, patch: Rating): Rating {
  return { ...(previous ?? {}), ...patch };
}

function snapshot(e: AnnotationEntry): HistoryEntry {
  const h: HistoryEntry = { revision: e.revision, rating: e.rating, updatedAt: e.updatedAt };
  if (e.concepts !== undefined) h.concepts = e.concepts;
  if (e.durationMs !== undefined) h.durationMs = e.durationMs;
  if (e.traceId !== undefined) h.traceId = e.traceId;
  if (e.traceSha256 !== undefined) h.traceSha256 = e.traceSha256;
  if (e.judge !== undefined) h.judge = e.judge;
  return h;
}

/** What makes two saves "the same": the judgement and the trace it was about, not the timing. */
function substance(e: Pick<AnnotationEntry, 'rating' | 'concepts' | 'traceId' | 'traceSha256' | 'judge'>): string {
  // A judge's same rating under a new prompt is a new revision: it records which prompt gave it.
  return canonicalJson({ rating: e.rating, concepts: e.concepts ?? {}, traceId: e.traceId, traceSha256: e.traceSha256, judge: e.judge ?? null });
}

export class AnnotationStore {
  readonly file: string;
  readonly dataset: string;
  readonly annotator: AnnotatorInfo;
  private readonly db: Low<AnnotationFile>;
  private loadProblem: StoreFileError | undefined;
  /** The file as this store last read or wrote it: saves skip re-parsing it when unchanged. */
  private readonly fileCache: JsonFileCache<AnnotationFile> = {};
  /** Set once no other annotator file or dataset folder differs from ours only in case. */
  private namesChecked = false;

  private constructor(private readonly options: AnnotationStoreOptions) {
    this.annotator = typeof options.annotator === 'string' ? { id: options.annotator } : options.annotator;
    this.dataset = options.dataset;
    this.file = annotationFilePath(options.annotationsDir, options.dataset, this.annotator.id);
    this.db = new Low(new AnnotationFileAdapter(this.file, this.fileCache, options.lock), this.empty());
  }

  /** Opens (without creating) the annotator file. A file it cannot use is reported in `problem`. */
  static async open(options: AnnotationStoreOptions): Promise<AnnotationStore> {
    const store = new AnnotationStore(options);
    await store.reload();
    return store;
  }

  private empty(): AnnotationFile {
    const rubric = this.options.rubric ?? { id: 'medco-expert', version: 1 };
    return emptyAnnotationFile(this.dataset, { role: 'annotator', ...this.annotator }, rubric);
  }

  /** The file could not be read: saves will fail with this error, and the file is left untouched. */
  get problem(): StoreFileError | undefined {
    return this.loadProblem;
  }

  /** The last state read from or written to disk. */
  get data(): Readonly<AnnotationFile> {
    return this.db.data;
  }

  entry(itemId: string): AnnotationEntry | undefined {
    return this.db.data.items[itemId];
  }

  /** Re-reads the file (e.g. after a file-system watcher saw another process save). */
  async reload(): Promise<void> {
    try {
      this.db.data = this.empty();
      await this.db.read();
      this.loadProblem = undefined;
    } catch (err) {
      if (!(err instanceof StoreFileError)) throw err;
      this.loadProblem = err;
    }
  }

  /**
   * Saves one rating. Bumps `revision` and moves the previous state into `history`; does nothing
   * if the rating, concept judgements and trace are unchanged. Resolves once durable on disk.
   * Throws RatingError (rating does not fit the rubric), StoreFileError (file unusable, left
   * untouched) or LockTimeoutError.
   */
  async saveRating(itemId: string, input: SaveRatingInput): Promise<SaveRatingResult> {
    if (itemId.length === 0) throw new Error('item id must not be empty');
    if (!this.namesChecked) await this.checkNoCaseClash();
    const now = (this.options.now ?? (() => new Date()))().toISOString();
    const { result, doc } = await this.update({
      ...annotationFileCodec,
      serialize: serializeAnnotationFileBytes,
      lock: this.options.lock,
      cache: this.fileCache,
      mutate: (current) => {
        const previous = current?.items[itemId];
        const rating = cleanRating(input.mode === 'merge' ? mergeRating(previous?.rating, input.rating) : input.rating);
        if (this.options.rubric) assertRatingFits(rating, this.options.rubric);
        const entry: AnnotationEntry = {
          revision: (previous?.revision ?? 0) + 1,
          rating,
          updatedAt: now,
          history: previous ? [...previous.history, snapshot(previous)] : [],
        };
        const traceId = input.traceId ?? previous?.traceId;
        const traceSha256 = input.traceSha256 ?? previous?.traceSha256;
        const concepts = input.concepts ?? previous?.concepts;
        if (traceId !== undefined) entry.traceId = traceId;
        if (traceSha256 !== undefined) entry.traceSha256 = traceSha256;
        if (concepts !== undefined) entry.concepts = concepts;
        if (input.durationMs !== undefined) entry.durationMs = input.durationMs;
        if (input.judge !== undefined) entry.judge = input.judge;
        if (previous && substance(previous) === substance(entry)) return { result: { entry: previous, changed: false } };
        // A new document object: `current` may be the cached copy of the file and must stay intact.
        const base = current ?? this.empty();
        const next: AnnotationFile = { ...base, items: { ...base.items, [itemId]: entry } };
        return { next, result: { entry, changed: true } };
      },
    });
    if (doc) this.db.data = doc;
    this.loadProblem = undefined;
    return result;
  }

  comparison(itemId: string, x: string, y: string): ComparisonEntry | undefined {
    return this.db.data.comparisons?.[comparisonKey(itemId, x, y)];
  }

  /**
   * Saves one blind pairwise judgement under `comparisons` (docs/formats.md §7), with the same
   * locking, atomic write and revision/history bookkeeping as ratings; does nothing if the
   * judgement, placement and traces are unchanged. Throws RatingError (bad outcome, dimension,
   * flag or sides; no sides recorded yet), StoreFileError or LockTimeoutError.
   */
  async saveComparison(input: SaveComparisonInput): Promise<SaveComparisonResult> {
    if (input.itemId.length === 0) throw new Error('item id must not be empty');
    assertComparisonFits(input, this.options.rubric);
    if (!this.namesChecked) await this.checkNoCaseClash();
    const key = comparisonKey(input.itemId, input.configs[0], input.configs[1]);
    const now = (this.options.now ?? (() => new Date()))().toISOString();
    const { result, doc } = await this.update<SaveComparisonResult>({
      ...annotationFileCodec,
      serialize: serializeAnnotationFileBytes,
      lock: this.options.lock,
      cache: this.fileCache,
      mutate: (current) => {
        const previous = current?.comparisons?.[key];
        const state = nextComparisonState(previous, input);
        if (!state) throw new RatingError(`${key}: the sides shown (which configuration was Response 1) must be recorded with the first judgement`);
        const entry: ComparisonEntry = {
          ...state,
          revision: (previous?.revision ?? 0) + 1,
          updatedAt: now,
          history: previous ? [...previous.history, comparisonSnapshot(previous)] : [],
        };
        if (input.durationMs !== undefined) entry.durationMs = input.durationMs;
        if (previous && comparisonSubstance(previous) === comparisonSubstance(entry)) return { result: { key, entry: previous, changed: false } };
        const base = current ?? this.empty();
        const next: AnnotationFile = { ...base, comparisons: { ...(base.comparisons ?? {}), [key]: entry } };
        return { next, result: { key, entry, changed: true } };
      },
    });
    if (doc) this.db.data = doc;
    this.loadProblem = undefined;
    return result;
  }

  /**
   * Refuses `Dr-Sato.json` next to an existing `dr-sato.json` (and a dataset folder differing only
   * in case): on Windows and macOS both names open one file, on Linux they split one annotator in two.
   * Throws InvalidNameError. Checked once per store: ids do not change.
   */
  private async checkNoCaseClash(): Promise<void> {
    const datasetDir = path.dirname(this.file);
    const folder = await caseVariantIn(path.dirname(datasetDir), path.basename(datasetDir));
    if (folder) {
      throw new InvalidNameError(
        `dataset id "${this.dataset}" differs only in case from the existing folder ${path.join(path.dirname(datasetDir), folder)}; use "${folder}"`,
      );
    }
    const file = await caseVariantIn(datasetDir, path.basename(this.file));
    if (file) {
      throw new InvalidNameError(
        `annotator id "${this.annotator.id}" differs only in case from the existing file ${path.join(datasetDir, file)}; use "${path.basename(file, path.extname(file))}" (on Windows and macOS both names are one file)`,
      );
    }
    this.namesChecked = true;
  }

  /** A locked update of the file; an unusable file becomes `problem` (and is left untouched). */
  private async update<R = SaveRatingResult>(update: JsonFileUpdate<AnnotationFile, R>) {
    try {
      return await updateJsonFileLocked(this.file, update);
    } catch (err) {
      if (err instanceof StoreFileError) this.loadProblem = err;
      throw err;
    }
  }
}
