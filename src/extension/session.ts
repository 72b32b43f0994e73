// The open dataset as the extension sees it: items, their traces, the rubric and the current
// annotator's own annotation file. Every view (tree, status bar, review panel) reads from here and
// listens to `onDidChange`; all file formats are handled by src/core.
import * as vscode from 'vscode';
import type { AnnotationEntry, Dataset, DatasetItem, Rubric, SourceProblem, Trace } from '../core/types';
import { loadDataset } from '../core/dataset';
import { AnnotationStore, loadRubric, rubricFileFor } from '../core/store';
import { reviewFileProblem } from '../core/judge/judgeName';
import { browseOrder, neighbourId, type Direction } from './items/itemOrder';
import { comparisonStatus, countStatuses, itemStatus, type ItemStatus, type StatusCounts } from './items/itemStatus';
import { tracesPathFor } from './workspace/datasetSniff';
import { traceSha256 } from '../core/traces';
import { TraceIndex } from '../core/traces/traceIndex';
import { DEFAULT_REVIEW_RUN, runLabel, sameRun, type RunCount, type TraceRun } from '../core/traces/reviewRun';
import { pairSides, pairTracesOf, readStudyFile, readTracesByItem, studyItemOrder, type StudyFile } from '../core/study';
import type { ComparisonEntry } from '../core/types';

export interface SessionPaths {
  dataset: string;
  traces: string;
  /** Absolute annotations dir (the setting resolved against the workspace folder). */
  annotationsDir: string;
  rubricFile?: string;
}

export interface RatingInput {
  itemId: string;
  rating: AnnotationEntry['rating'];
  concepts: AnnotationEntry['concepts'];
  /** Total time spent on the item, all visits together. */
  durationMs: number;
  /**
   * Hash of the trace the annotator was shown (null: no trace). When the trace changed since
   * (a co-reasoning run or a new traces file), the save is refused rather than stamped with a
   * trace the annotator never read.
   */
  shownTraceSha256?: string | null;
}

/** The trace of an item changed between showing it and saving its rating. */
export class TraceChangedError extends Error {
  constructor(readonly itemId: string) {
    super(vscode.l10n.t('The trace of {0} changed while you were rating it. The panel now shows the new trace: please check your rating and save again.', itemId));
    this.name = 'TraceChangedError';
  }
}

export class ReviewSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<{ itemIds?: string[] }>();
  /** Fires after anything shown changed; `itemIds` narrows it when known. */
  readonly onDidChange = this.changed.event;

  paths: SessionPaths | undefined;
  dataset: Dataset | undefined;
  rubric: Rubric | undefined;
  annotator: string | undefined;
  private ordered: DatasetItem[] = [];
  /** The dataset's study (`_study.json`), if any: the annotator then sees only their items, in their order. */
  study: StudyFile | undefined;
  private studyProblems: SourceProblem[] = [];
  /** Pairwise studies: every trace of each item (one per configuration), read only then. */
  private allTraces: Map<string, Trace[]> | undefined;
  private byId = new Map<string, DatasetItem>();
  /**
   * The run (configuration × round) the annotator rates: the `medco.review.configuration` and
   * `medco.review.round` settings. The traces show that run only (a file of one run: that run,
   * see core/traces/reviewRun.ts), so which configuration is rated never depends on which ran last.
   */
  private chosenRun: TraceRun = DEFAULT_REVIEW_RUN;
  /** The traces file, read once per change and indexed by item (lines parsed on demand). */
  private traces = TraceIndex.empty({ run: DEFAULT_REVIEW_RUN });
  /** Each item's status, computed once: cleared on every change that can alter it. */
  private statuses = new Map<string, ItemStatus>();
  /** The current annotator's store; other annotators' files are never read here (blind rating). */
  private store: AnnotationStore | undefined;
  private traceProblems: SourceProblem[] = [];
  private annotationProblems: SourceProblem[] = [];
  /** Saves run one after another so that revisions are written in the order they were made. */
  private saving: Promise<unknown> = Promise.resolve();

  get items(): readonly DatasetItem[] {
    return this.ordered;
  }

  get isOpen(): boolean {
    return this.dataset !== undefined;
  }

  /** Loads dataset, traces, rubric and annotations. Row problems are reported, never fatal. */
  async open(datasetPath: string, annotationsDir: string, rubricFile?: string, run: TraceRun = this.chosenRun): Promise<void> {
    this.chosenRun = run;
    const dataset = await loadDataset([datasetPath]);
    this.paths = { dataset: datasetPath, traces: tracesPathFor(datasetPath), annotationsDir, rubricFile };
    this.dataset = dataset;
    this.ordered = browseOrder(dataset.items);
    this.byId = new Map(dataset.items.map((i) => [i.id, i]));
    this.rubric = await loadRubric(rubricFileFor(annotationsDir, rubricFile));
    this.statuses.clear();
    await this.reloadTraces(false);
    await this.reloadAnnotations(false);
    this.changed.fire({});
  }

  setAnnotator(id: string | undefined): Promise<void> {
    this.annotator = id || undefined;
    return this.reloadAnnotations(true);
  }

  /** Chooses the run rated (the settings changed): the traces are indexed again for it. */
  async setReviewRun(run: TraceRun): Promise<void> {
    if (sameRun(run, this.chosenRun)) return;
    this.chosenRun = run;
    await this.reloadTraces();
  }

  /** The run whose traces are shown: the chosen one, or the traces' only run. */
  get shownRun(): TraceRun {
    return this.traces.shownRun ?? this.chosenRun;
  }

  /** The run chosen in the settings (may differ from shownRun when the traces hold one other run only). */
  get reviewRun(): TraceRun {
    return this.chosenRun;
  }

  /** Every run in the traces file with its number of traces. */
  traceRuns(): RunCount[] {
    return this.traces.runs;
  }

  /**
   * The configuration to name to the annotator ("paper", "coreasoner round 2"), or undefined when
   * it must not be shown: a study hiding configurations, or a pairwise study (it shows its own pair).
   */
  shownConfigurationLabel(): string | undefined {
    if (this.study?.mode === 'pairwise' || this.study?.hide?.includes('configs')) return undefined;
    return runLabel(this.shownRun);
  }

  async reloadTraces(notify = true): Promise<void> {
    if (!this.paths) return;
    const read = await TraceIndex.load(this.paths.traces, { run: this.chosenRun });
    this.traces = read;
    this.statuses.clear();
    this.traceProblems = read.problems;
    this.allTraces = undefined; // re-read on demand (pairwise studies only)
    if (notify) this.changed.fire({});
  }

  async reloadAnnotations(notify = true): Promise<void> {
    if (!this.paths || !this.dataset || !this.annotator) {
      this.store = undefined;
    } else if (this.store && this.store.annotator.id === this.annotator && this.store.dataset === this.dataset.name) {
      await this.store.reload();
    } else {
      this.store = await AnnotationStore.open({
        annotationsDir: this.paths.annotationsDir,
        dataset: this.dataset.name,
        annotator: this.annotator,
        rubric: this.rubric,
      });
    }
    // A file the store cannot parse is reported and left untouched; saves then fail with the reason.
    this.annotationProblems = this.store?.problem ? [this.store.problem.toProblem()] : [];
    // A physician rates blind: an LLM judge's file is never opened as theirs.
    const judgeProblem = this.store && reviewFileProblem(this.store.data, this.store.file);
    if (this.store && judgeProblem) {
      this.annotationProblems = [{ file: this.store.file, line: 1, message: judgeProblem }];
      this.store = undefined;
    }
    await this.reloadStudy();
    this.statuses.clear();
    if (notify) this.changed.fire({});
  }

  /**
   * Reads `_study.json` (it sits beside the annotator files, so the same watcher reloads it) and
   * orders the items for the current annotator. No study, or an unreadable one (reported), or an
   * annotator the study does not list: every item, in the tree's order, as without a study.
   */
  private async reloadStudy(): Promise<void> {
    if (!this.paths || !this.dataset) return;
    const read = await readStudyFile(this.paths.annotationsDir, this.dataset.name).catch(() => undefined);
    this.study = read?.status === 'ok' ? read.value : undefined;
    this.studyProblems = read?.status === 'invalid' ? [read.error.toProblem()] : [];
    this.ordered = studyItemOrder(this.study, this.annotator, this.dataset.items) ?? browseOrder(this.dataset.items);
  }

  /** A trace that just arrived (co-reasoning): already appended to the traces file by the caller. */
  addTrace(trace: Trace): void {
    this.traces.set(trace);
    this.statuses.delete(trace.itemId);
    this.allTraces = undefined; // a pairwise item's responses are re-read with the new trace
    this.changed.fire({ itemIds: [trace.itemId] });
  }

  problems(): SourceProblem[] {
    return [...(this.dataset?.errors ?? []), ...(this.dataset?.warnings ?? []), ...this.traceProblems, ...this.annotationProblems, ...this.studyProblems];
  }

  /** Errors only (warnings excluded), for severity in the Problems view. */
  isError(p: SourceProblem): boolean {
    return !(this.dataset?.warnings ?? []).includes(p);
  }

  item(id: string): DatasetItem | undefined {
    return this.byId.get(id);
  }

  trace(id: string): Trace | undefined {
    return this.traces.get(id);
  }

  hasTrace(id: string): boolean {
    return this.traces.has(id);
  }

  /** The item's trace for a pass over every item: parsed without being kept (see TraceIndex.peek). */
  peekTrace(id: string): Trace | undefined {
    return this.traces.peek(id);
  }

  /** Whether the item has a trace without errors (a finished item), without parsing it. */
  isTraceDone(id: string): boolean {
    return this.traces.isDone(id);
  }

  /** The current annotator's file (it may not exist yet: it is created by the first save). */
  get annotationFile(): string | undefined {
    return this.store?.file;
  }

  entry(id: string): AnnotationEntry | undefined {
    return this.store?.entry(id);
  }

  status(id: string): ItemStatus {
    let status = this.statuses.get(id);
    if (status === undefined) {
      status = this.computeStatus(id);
      this.statuses.set(id, status);
    }
    return status;
  }

  private computeStatus(id: string): ItemStatus {
    if (!this.rubric) return 'unrated';
    const pairwise = this.study?.mode === 'pairwise' ? this.study.pairwise : undefined;
    if (pairwise) {
      // In a pairwise study the judgement of the pair is what counts (stale is shown by the panel,
      // which reads both traces; the tree does not re-hash every trace on each refresh).
      return comparisonStatus(this.store?.comparison(id, pairwise.configs[0], pairwise.configs[1]), this.rubric, {});
    }
    const entry = this.entry(id);
    // The trace's hash is computed only when a rating has to be compared with it.
    return itemStatus(entry, this.rubric, entry?.traceSha256 ? this.traces.sha256(id) : undefined);
  }

  counts(items: readonly DatasetItem[] = this.ordered): StatusCounts {
    return countStatuses(items.map((i) => this.status(i.id)));
  }

  neighbour(currentId: string | undefined, direction: Direction): string | undefined {
    return neighbourId(
      this.ordered.map((i) => i.id),
      currentId,
      direction,
      (id) => this.status(id) === 'rated',
    );
  }

  /** Hash of the item's current trace (what a rating's `traceSha256` is compared with). */
  traceSha256(itemId: string): string | undefined {
    return this.traces.sha256(itemId);
  }

  annotationFilePath(): string | undefined {
    return this.store?.file;
  }

  /** Saves through the core store; resolves once the rating is durably on disk. */
  saveRating(input: RatingInput): Promise<AnnotationEntry> {
    const run = async (): Promise<AnnotationEntry> => {
      const store = this.store;
      if (!store) throw new Error('no dataset or annotator');
      if (!this.byId.has(input.itemId)) throw new Error(`unknown item ${input.itemId}`);
      const trace = this.traces.get(input.itemId);
      if (input.shownTraceSha256 !== undefined && input.shownTraceSha256 !== (this.traces.sha256(input.itemId) ?? null)) {
        throw new TraceChangedError(input.itemId);
      }
      const { entry } = await store.saveRating(input.itemId, {
        rating: input.rating,
        concepts: input.concepts,
        durationMs: Math.round(input.durationMs),
        traceId: trace?.id,
        traceSha256: this.traces.sha256(input.itemId),
      });
      this.annotationProblems = [];
      this.statuses.delete(input.itemId);
      this.changed.fire({ itemIds: [input.itemId] });
      return entry;
    };
    const result = this.saving.then(run, run);
    this.saving = result.catch(() => undefined);
    return result;
  }

  /**
   * The two responses of an item in a pairwise study for the current annotator: the traces of
   * the study's two configurations and the sides they are shown on (those already recorded, else
   * the study's seeded coin). Undefined outside a pairwise study; `ok: false` with a message for an
   * item with one configuration's trace only, or several traces of one configuration.
   */
  async pair(itemId: string): Promise<
    | { ok: true; configs: [string, string]; sides: { '1': string; '2': string }; traces: Record<string, Trace>; sha256: Record<string, string>; entry?: ComparisonEntry }
    | { ok: false; message: string }
    | undefined
  > {
    const study = this.study;
    if (!study || study.mode !== 'pairwise' || !study.pairwise || !this.paths || !this.annotator) return undefined;
    this.allTraces ??= await readTracesByItem(this.paths.traces).catch(() => new Map<string, Trace[]>());
    const configs = study.pairwise.configs;
    const found = pairTracesOf(itemId, this.allTraces.get(itemId) ?? [], configs);
    if (!found.ok) return { ok: false, message: found.message };
    const entry = this.store?.comparison(itemId, configs[0], configs[1]);
    const sides = entry?.sides ?? pairSides(study.seed, this.annotator, itemId, configs[0], configs[1]);
    const sha256 = Object.fromEntries(Object.entries(found.traces).map(([c, t]) => [c, traceSha256(t)]));
    return { ok: true, configs: [configs[0], configs[1]], sides, traces: found.traces, sha256, entry };
  }

  /**
   * Saves a blind pairwise judgement through the core store (same file, lock and revisions as
   * ratings). Refused with TraceChangedError when either response changed since it was shown.
   */
  saveComparison(input: { itemId: string; winner: Record<string, string>; flags?: string[]; comment?: string; durationMs: number; shownSha256: Record<string, string> }): Promise<ComparisonEntry> {
    const run = async (): Promise<ComparisonEntry> => {
      const store = this.store;
      if (!store) throw new Error('no dataset or annotator');
      this.allTraces = undefined; // compare with the traces on disk now
      const pair = await this.pair(input.itemId);
      if (!pair) throw new Error('not a pairwise study');
      if (!pair.ok) throw new Error(pair.message);
      if (pair.configs.some((c) => pair.sha256[c] !== input.shownSha256[c])) throw new TraceChangedError(input.itemId);
      const { entry } = await store.saveComparison({
        itemId: input.itemId,
        configs: pair.configs,
        sides: pair.sides,
        traceIds: Object.fromEntries(pair.configs.map((c) => [c, pair.traces[c].id])),
        traceSha256: pair.sha256,
        winner: input.winner,
        flags: input.flags,
        comment: input.comment,
        durationMs: Math.round(input.durationMs),
      });
      this.statuses.delete(input.itemId);
      this.changed.fire({ itemIds: [input.itemId] });
      return entry;
    };
    const result = this.saving.then(run, run);
    this.saving = result.catch(() => undefined);
    return result;
  }

  /** Waits for every save already requested. */
  async idle(): Promise<void> {
    await this.saving;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
