// Ratings made in another annotation tool (Label Studio, Argilla), saved into per-annotator files
// through the same AnnotationStore the extension and `medco rate` use: each imported rating is a
// new revision (the previous state goes to history), an unchanged one writes nothing.
//
// Everything is checked before anything is written: item ids against the dataset or traces when
// given, values against the rubric, annotator ids against the file-name rules. A file with any
// problem writes nothing at all (so a half-imported export never mixes into the statistics).
import type { Rating, Rubric, Trace } from '../types';
import { AnnotationStore, nameProblem, ratingProblems } from '../store';
import { traceSha256 } from '../traces';

export interface ImportedRating {
  /** Where it came from, for messages: `file:line` or `file: record N`. */
  source: string;
  /** The annotator as the tool names it (Label Studio's completed_by, Argilla's user_id). */
  externalAnnotator: string;
  itemId: string;
  rating: Rating;
  durationMs?: number;
  traceId?: string;
}

export interface ImportProblem {
  where: string;
  message: string;
}

export interface ImportPlanOptions {
  /** Prefix of the default annotator id: `ls` → `ls-<completed_by>`. */
  prefix: string;
  /** The tool's annotator → our annotator id (`--annotator-map`). */
  annotatorMap?: Readonly<Record<string, string>>;
  rubric: Rubric;
  /** Item ids of the dataset (from --dataset-file or --traces); unchecked when undefined. */
  knownItems?: ReadonlySet<string>;
}

/** Our annotator id for a tool's user: mapped, else `<prefix>-<user>` with unsafe characters replaced. */
export function annotatorIdFor(external: string, options: Pick<ImportPlanOptions, 'prefix' | 'annotatorMap'>): string {
  const mapped = options.annotatorMap?.[external];
  if (mapped !== undefined) return mapped;
  return `${options.prefix}-${external}`.replace(/[^A-Za-z0-9._-]/g, '-').replace(/\.\.+/g, '.').slice(0, 128);
}

export interface PlannedRating extends ImportedRating {
  annotator: string;
}

/** Checks every rating; returns the plan only when there is no problem. */
export function planImport(ratings: readonly ImportedRating[], options: ImportPlanOptions): { planned: PlannedRating[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const planned: PlannedRating[] = [];
  const seen = new Map<string, string>();
  for (const r of ratings) {
    // A submitted form with nothing filled in says nothing: it must not become an "item rated" entry.
    if (Object.keys(r.rating).length === 0) continue;
    const annotator = annotatorIdFor(r.externalAnnotator, options);
    const bad = nameProblem('annotator', annotator);
    if (bad) {
      problems.push({ where: r.source, message: `${bad.message} (annotator ${JSON.stringify(r.externalAnnotator)}; map it with --annotator-map)` });
      continue;
    }
    if (options.knownItems && !options.knownItems.has(r.itemId)) {
      problems.push({ where: r.source, message: `unknown item id ${JSON.stringify(r.itemId)} (not in the dataset or traces given)` });
      continue;
    }
    const ratingIssues = ratingProblems(r.rating, options.rubric);
    if (ratingIssues.length > 0) {
      problems.push({ where: r.source, message: ratingIssues.join('; ') });
      continue;
    }
    // Two annotations of one item by one person: which is the latest is not ours to guess.
    const key = `${annotator}\u0000${r.itemId}`;
    const earlier = seen.get(key);
    if (earlier) {
      problems.push({ where: r.source, message: `a second rating of item ${JSON.stringify(r.itemId)} by ${annotator} (the first is at ${earlier})` });
      continue;
    }
    seen.set(key, r.source);
    planned.push({ ...r, annotator });
  }
  return { planned: problems.length > 0 ? [] : planned, problems };
}

export interface ImportResult {
  annotators: Record<string, { saved: number; unchanged: number; file: string }>;
}

/**
 * Saves a checked plan, annotator by annotator, through the store. A rating replaces the whole
 * previous rating of the item (the tool shows the whole form), keeping concept judgements.
 */
export async function saveImport(
  planned: readonly PlannedRating[],
  options: { annotationsDir: string; dataset: string; rubric: Rubric; traces?: ReadonlyMap<string, Trace> },
): Promise<ImportResult> {
  const result: ImportResult = { annotators: {} };
  const byAnnotator = new Map<string, PlannedRating[]>();
  for (const p of planned) byAnnotator.set(p.annotator, [...(byAnnotator.get(p.annotator) ?? []), p]);
  // Open every file first: one that cannot be read stops the import before anything is written.
  const stores: [AnnotationStore, PlannedRating[]][] = [];
  for (const [annotator, list] of [...byAnnotator].sort(([a], [b]) => a.localeCompare(b))) {
    const store = await AnnotationStore.open({ annotationsDir: options.annotationsDir, dataset: options.dataset, annotator, rubric: options.rubric });
    if (store.problem) throw store.problem;
    stores.push([store, list]);
  }
  for (const [store, list] of stores) {
    const summary = { saved: 0, unchanged: 0, file: store.file };
    for (const p of list) {
      const trace = options.traces?.get(p.itemId);
      const sameTrace = trace && (p.traceId === undefined || p.traceId === trace.id);
      const { changed } = await store.saveRating(p.itemId, {
        rating: p.rating,
        durationMs: p.durationMs,
        traceId: sameTrace ? trace.id : p.traceId,
        traceSha256: sameTrace ? traceSha256(trace) : undefined,
      });
      if (changed) summary.saved++;
      else summary.unchanged++;
    }
    result.annotators[store.annotator.id] = summary;
  }
  return result;
}
