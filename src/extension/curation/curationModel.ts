// The curator's view of one dataset's annotation folder, kept in step with the disk: every
// annotator file and the decision file are re-read when anything under the folder changes, so a
// colleague's file dropped in (or a decision made in another window) appears without a reload.
import * as vscode from 'vscode';
import path from 'node:path';
import type { AnnotationFile, AdjudicationFile, DatasetItem, SourceProblem, Trace } from '../../core/types';
import {
  computeCuration,
  disagreementQueue,
  type DimensionCuration,
  type QueueFilter,
} from '../../core/adjudication/disagreements';
import { listCurationDatasets, readCurationFolder } from '../../core/adjudication/readCurationFolder';
import { AdjudicationStore } from '../../core/adjudication/adjudicationStore';
import { traceSha256 } from '../../core/traces';

/** Where the model reads from, and what the review session knows about items and traces. */
export interface CurationSource {
  annotationsDir(): string | undefined;
  datasetName(): string | undefined;
  item(id: string): DatasetItem | undefined;
  trace(id: string): Trace | undefined;
  rubricDimensions(): { id: string; label?: string; min?: number; max?: number }[] | undefined;
}

export class CurationModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  annotationsDir: string | undefined;
  dataset: string | undefined;
  annotations: AnnotationFile[] = [];
  /** LLM judges' files (role "model"): shown in the adjudication panel, never in disagreements. */
  judges: AnnotationFile[] = [];
  adjudication: AdjudicationFile | null = null;
  problems: SourceProblem[] = [];
  curations: DimensionCuration[] = [];
  filter: QueueFilter = {};
  private watcher: vscode.FileSystemWatcher | undefined;
  private watcherSubs: vscode.Disposable[] = [];
  private reloadTimer: NodeJS.Timeout | undefined;
  private traceHashCache = new WeakMap<Trace, string>();

  constructor(private readonly source: CurationSource) {}

  get store(): AdjudicationStore | undefined {
    return this.annotationsDir && this.dataset ? new AdjudicationStore(this.annotationsDir, this.dataset) : undefined;
  }

  get queue(): DimensionCuration[] {
    return disagreementQueue(this.curations, this.filter);
  }

  setFilter(filter: QueueFilter): void {
    this.filter = filter;
    this.changed.fire();
  }

  /** Hash of the trace the session has now; ratings made on another hash are stale. */
  currentTraceHash = (itemId: string): string | undefined => {
    const trace = this.source.trace(itemId);
    if (!trace) return undefined;
    let hash = this.traceHashCache.get(trace);
    if (!hash) {
      hash = traceSha256(trace);
      this.traceHashCache.set(trace, hash);
    }
    return hash;
  };

  private loading: Promise<void> | undefined;
  /** Loads can overlap (watcher + session events); only the newest may publish its result. */
  private generation = 0;

  /** Resolves once the latest reload finished (loading the folder first if it never was). */
  async loaded(): Promise<void> {
    // A newer reload may start while we wait (the session finished loading its dataset, a file
    // changed): wait for the newest, so that callers never see the result of a superseded load.
    for (;;) {
      const generation = this.generation;
      await (this.loading ?? this.reload());
      if (generation === this.generation) return;
    }
  }

  /** Re-reads the folder (and picks the dataset again if the settings or session changed). */
  reload(): Promise<void> {
    const run = this.load();
    this.loading = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    const dir = this.source.annotationsDir();
    let dataset = this.source.datasetName();
    if (dir && !dataset) dataset = (await listCurationDatasets(dir).catch(() => []))[0];
    if (generation !== this.generation) return;
    if (dir !== this.annotationsDir || dataset !== this.dataset) {
      this.annotationsDir = dir;
      this.dataset = dataset;
      this.watch();
    }
    if (!dir || !dataset) {
      this.annotations = [];
      this.judges = [];
      this.adjudication = null;
      this.curations = [];
      this.problems = [];
    } else {
      const folder = await readCurationFolder(dir, dataset);
      if (generation !== this.generation) return;
      this.annotations = folder.annotations;
      this.judges = folder.judges;
      this.adjudication = folder.adjudication;
      this.problems = folder.problems;
      this.curations = computeCuration(folder.annotations, folder.adjudication, {
        dimensions: this.source.rubricDimensions()?.map((d) => d.id),
        itemMeta: (id) => this.source.item(id),
        currentTraceHash: this.currentTraceHash,
      });
    }
    this.changed.fire();
  }

  private watch(): void {
    this.watcher?.dispose();
    this.watcherSubs.forEach((d) => d.dispose());
    this.watcherSubs = [];
    if (!this.annotationsDir || !this.dataset) return;
    const folder = vscode.Uri.file(path.join(this.annotationsDir, this.dataset));
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '*.json'));
    // An atomic write is a burst of create/change/delete events: reload once after it settles.
    const schedule = () => {
      if (this.reloadTimer) clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => void this.reload().catch(() => undefined), 200);
    };
    this.watcherSubs.push(this.watcher.onDidCreate(schedule), this.watcher.onDidChange(schedule), this.watcher.onDidDelete(schedule));
  }

  dispose(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.watcher?.dispose();
    this.watcherSubs.forEach((d) => d.dispose());
    this.changed.dispose();
  }
}
