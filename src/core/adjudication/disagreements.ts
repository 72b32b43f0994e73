// Where annotators disagree: for every item and rubric dimension, the annotators' values, how far
// apart they are, and where the item stands in adjudication. Pure functions over already-loaded
// files, so the CLI, the tree view and the tests share one definition of "disagreement".
import type { AdjudicationDecision, AdjudicationFile, AnnotationEntry, AnnotationFile } from '../types';
import { itemMetaFromId, type ItemMeta } from '../stats/itemMeta';
import { isStaleRating } from '../traces/staleness';

/**
 * `insufficient`: fewer than two annotators rated the dimension, so there is nothing to agree on
 * (and nothing bulk-accept may turn into gold).
 */
export type CurationStatus = 'unanimous' | 'disagreement' | 'adjudicated' | 'unresolved' | 'insufficient';

export const CURATION_STATUSES: readonly CurationStatus[] = [
  'disagreement',
  'unresolved',
  'adjudicated',
  'unanimous',
  'insufficient',
];

export interface AnnotatorValue {
  annotator: string;
  /** The rubric value, or null for "not assessable". */
  value: number | null;
  revision: number;
  /** The trace this rating was made on changed since (its traceSha256 no longer matches). */
  ratingStale: boolean;
}

export interface DimensionCuration {
  itemId: string;
  lang: string;
  task: string;
  dimension: string;
  /** One entry per annotator who rated the item, in annotator-id order. */
  values: AnnotatorValue[];
  /** max − min over the numeric values; null with fewer than two numeric values. */
  spread: number | null;
  /** Population standard deviation of the numeric values (the spread of these raters, not an estimate). */
  sd: number | null;
  /** Some annotators said "not assessable" (null) and others gave a number. */
  mixedAssessable: boolean;
  status: CurationStatus;
  decision: AdjudicationDecision | null;
  /** Annotators whose entry changed (or who rated for the first time) after the decision. */
  staleSince: string[];
  decisionStale: boolean;
}

export interface CurationOptions {
  /** Dimensions to report; default: every numeric-or-null rating key seen. */
  dimensions?: readonly string[];
  /** Language and task per item when the dataset is loaded; otherwise read from the item id. */
  itemMeta?: (itemId: string) => ItemMeta | undefined;
  /** Current trace hash for an item (or a trace id); a rating made on another hash is stale. */
  currentTraceHash?: (itemId: string, traceId: string | undefined) => string | undefined;
}

const NON_DIMENSION_KEYS = new Set(['flags', 'comment']);

/** Rating keys that hold a rubric value (an integer or null), as opposed to flags and comment. */
export function ratingDimensions(files: readonly AnnotationFile[]): string[] {
  const seen = new Set<string>();
  for (const file of files) {
    for (const entry of Object.values(file.items)) {
      for (const [key, value] of Object.entries(entry.rating ?? {})) {
        if (!NON_DIMENSION_KEYS.has(key) && (value === null || typeof value === 'number')) seen.add(key);
      }
    }
  }
  return [...seen].sort();
}

/** Population SD and max − min of the numbers, in one pass (Welford, for numerical stability). */
function spreadOf(numbers: number[]): { spread: number | null; sd: number | null } {
  if (numbers.length < 2) return { spread: null, sd: null };
  let min = Infinity;
  let max = -Infinity;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < numbers.length; i++) {
    const x = numbers[i];
    if (x < min) min = x;
    if (x > max) max = x;
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  return { spread: max - min, sd: Math.sqrt(m2 / numbers.length) };
}

function staleAnnotators(decision: AdjudicationDecision, values: AnnotatorValue[]): string[] {
  const stale: string[] = [];
  for (const v of values) {
    const basedOn = decision.basedOn?.[v.annotator];
    if (basedOn === undefined || basedOn !== v.revision) stale.push(v.annotator);
  }
  return stale;
}

/**
 * Every (item, dimension) any annotator rated, with values, spread and status. Annotation files
 * should belong to one dataset; the decision file is that dataset's `_adjudication.json`.
 */
export function computeCuration(
  files: readonly AnnotationFile[],
  adjudication: AdjudicationFile | null,
  options: CurationOptions = {},
): DimensionCuration[] {
  const dimensions = options.dimensions ?? ratingDimensions(files);
  const sortedFiles = [...files].sort((a, b) => compareStrings(a.annotator.id, b.annotator.id));
  const itemIds = new Set<string>();
  for (const file of sortedFiles) for (const id of Object.keys(file.items)) itemIds.add(id);

  const result: DimensionCuration[] = [];
  for (const itemId of [...itemIds].sort(compareStrings)) {
    const meta = options.itemMeta?.(itemId) ?? itemMetaFromId(itemId);
    const entries: { annotator: string; entry: AnnotationEntry; ratingStale: boolean }[] = [];
    for (const file of sortedFiles) {
      const entry = file.items[itemId];
      if (!entry) continue;
      entries.push({
        annotator: file.annotator.id,
        entry,
        ratingStale: isStaleRating(entry.traceSha256, options.currentTraceHash?.(itemId, entry.traceId)),
      });
    }
    for (const dimension of dimensions) {
      const values: AnnotatorValue[] = [];
      const numbers: number[] = [];
      let nulls = 0;
      for (const { annotator, entry, ratingStale } of entries) {
        const raw = entry.rating?.[dimension];
        if (raw === undefined) continue; // this annotator did not rate this dimension
        const value = typeof raw === 'number' ? raw : raw === null ? null : undefined;
        if (value === undefined) continue;
        values.push({ annotator, value, revision: entry.revision, ratingStale });
        if (value === null) nulls++;
        else numbers.push(value);
      }
      if (values.length === 0) continue;
      const { spread, sd } = spreadOf(numbers);
      const mixedAssessable = nulls > 0 && numbers.length > 0;
      const allEqual = !mixedAssessable && (numbers.length === 0 || spread === 0 || numbers.length === 1);
      const decision = adjudication?.items?.[itemId]?.[dimension] ?? null;
      const staleSince = decision ? staleAnnotators(decision, values) : [];
      let status: CurationStatus;
      if (decision) status = decision.status;
      else if (values.length < 2) status = 'insufficient';
      else status = allEqual ? 'unanimous' : 'disagreement';
      result.push({
        itemId,
        lang: meta.lang,
        task: meta.task,
        dimension,
        values,
        spread,
        sd,
        mixedAssessable,
        status,
        decision,
        staleSince,
        decisionStale: staleSince.length > 0,
      });
    }
  }
  return result;
}

/** Plain code-unit order: locale-independent, so the queue is the same on every machine. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface QueueFilter {
  lang?: string | readonly string[];
  task?: string | readonly string[];
  dimension?: string | readonly string[];
  status?: CurationStatus | readonly CurationStatus[];
  /** Only decisions that went stale (or only fresh ones). */
  decisionStale?: boolean;
}

function matches(value: string, wanted: string | readonly string[] | undefined): boolean {
  if (wanted === undefined) return true;
  return typeof wanted === 'string' ? value === wanted : wanted.includes(value);
}

/**
 * The adjudication queue: largest disagreement first. Ties: larger SD, then "not assessable"
 * against a number (a disagreement the spread cannot see), then item id and dimension.
 */
export function disagreementQueue(curations: readonly DimensionCuration[], filter: QueueFilter = {}): DimensionCuration[] {
  const selected = curations.filter(
    (c) =>
      matches(c.lang, filter.lang) &&
      matches(c.task, filter.task) &&
      matches(c.dimension, filter.dimension) &&
      matches(c.status, filter.status) &&
      (filter.decisionStale === undefined || c.decisionStale === filter.decisionStale),
  );
  return selected.sort(compareByDisagreement);
}

export function compareByDisagreement(a: DimensionCuration, b: DimensionCuration): number {
  return (
    (b.spread ?? -1) - (a.spread ?? -1) ||
    (b.sd ?? -1) - (a.sd ?? -1) ||
    Number(b.mixedAssessable) - Number(a.mixedAssessable) ||
    compareStrings(a.itemId, b.itemId) ||
    compareStrings(a.dimension, b.dimension)
  );
}

export interface QueueItem {
  itemId: string;
  lang: string;
  task: string;
  /** The item's dimensions, largest disagreement first. */
  dimensions: DimensionCuration[];
}

/** The queue grouped per item (for the tree view), items ordered by their largest disagreement. */
export function groupQueueByItem(queue: readonly DimensionCuration[]): QueueItem[] {
  const byItem = new Map<string, QueueItem>();
  for (const c of queue) {
    let item = byItem.get(c.itemId);
    if (!item) {
      item = { itemId: c.itemId, lang: c.lang, task: c.task, dimensions: [] };
      byItem.set(c.itemId, item);
    }
    item.dimensions.push(c);
  }
  // The queue is sorted, so each item's first dimension is its largest disagreement, and items
  // appear in the order of that first dimension.
  return [...byItem.values()];
}
