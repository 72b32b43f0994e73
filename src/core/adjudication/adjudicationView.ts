// What the adjudication panel shows for one item: every annotator's rating side by side, the
// per-dimension disagreement and decision. Annotators are anonymised as A, B, C… unless the
// curator asks for names, so the decision is about the ratings, not about who made them. The
// label ↔ id mapping stays with the host (see `annotatorsOfItem`).
import type {
  AdjudicationDecision,
  AdjudicationFile,
  AnnotationEntry,
  AnnotationFile,
  ConceptJudgement,
  DatasetItem,
  Rating,
  Trace,
} from '../types';
import { computeCuration, type CurationOptions, type CurationStatus } from './disagreements';
import { isStaleRating } from '../traces/staleness';
import { itemMetaFromId } from '../stats/itemMeta';
import { isModelFile } from '../judge/judgeName';
import { ratesPhysiciansTrace } from '../judge/sameTrace';

export interface ItemAnnotator {
  /** A, B, C… by annotator id order: stable for the item, meaningless across people. */
  label: string;
  id: string;
  entry: AnnotationEntry;
}

/** Spreadsheet-style labels: A…Z, AA, AB… (more than 26 annotators is unlikely but possible). */
export function annotatorLabel(index: number): string {
  let label = '';
  let n = index;
  do {
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

/** The annotators who rated the item, labelled. */
export function annotatorsOfItem(files: readonly AnnotationFile[], itemId: string): ItemAnnotator[] {
  return files
    .filter((f) => f.items[itemId])
    .sort((a, b) => (a.annotator.id < b.annotator.id ? -1 : a.annotator.id > b.annotator.id ? 1 : 0))
    .map((f, i) => ({ label: annotatorLabel(i), id: f.annotator.id, entry: f.items[itemId] }));
}

export interface AnnotatorCard {
  label: string;
  /** Present only when names are revealed. */
  name?: string;
  revision: number;
  rating: Rating;
  concepts: Record<string, ConceptJudgement>;
  updatedAt: string;
  durationMs?: number;
  /** The trace changed since this rating was made. */
  ratingStale: boolean;
  /** Earlier revisions available to diff against, newest first. */
  earlierRevisions: { revision: number; updatedAt: string }[];
}

export interface DecisionView extends Omit<AdjudicationDecision, 'basedOn' | 'history'> {
  /** Annotator label → revision (ids replaced by labels; unknown annotators keep a neutral label). */
  basedOn: Record<string, number>;
  historyLength: number;
  history: Omit<AdjudicationDecision, 'history' | 'basedOn'>[];
}

export interface DimensionPanel {
  dimension: string;
  label: string;
  min: number;
  max: number;
  /** The physicians' values: the only ones in spread, SD and status. */
  values: { label: string; value: number | null; ratingStale: boolean }[];
  /** LLM judges' values, shown in a labelled column of their own (never in the spread). */
  judgeValues: { judge: string; value: number | null; ratingStale: boolean }[];
  spread: number | null;
  sd: number | null;
  status: CurationStatus | 'unrated';
  decision: DecisionView | null;
  decisionStale: boolean;
  /** Labels of annotators who changed their rating after the decision. */
  staleSince: string[];
}

/** An LLM judge's rating of the item (a file with role "model"), named by its model. */
export interface JudgeCard {
  id: string;
  model: string;
  rating: Rating;
  ratingStale: boolean;
}

export interface AdjudicationView {
  dataset: string;
  itemId: string;
  lang: string;
  task: string;
  item: DatasetItem | null;
  trace: Trace | null;
  namesRevealed: boolean;
  annotators: AnnotatorCard[];
  /** LLM judges who rated the item; empty when there are none. */
  judges: JudgeCard[];
  dimensions: DimensionPanel[];
  position?: { index: number; total: number };
}

export interface AdjudicationViewInput {
  dataset: string;
  itemId: string;
  /** The physicians' files. A judge's file (role "model") passed here is moved to `judges`. */
  annotations: readonly AnnotationFile[];
  /** LLM judges' files, shown in their own column. */
  judges?: readonly AnnotationFile[];
  adjudication: AdjudicationFile | null;
  /** Rubric dimensions in display order; default: those seen in the ratings, 1–5. */
  dimensions?: readonly { id: string; label?: string; min?: number; max?: number }[];
  item?: DatasetItem | null;
  trace?: Trace | null;
  revealNames?: boolean;
  currentTraceHash?: CurationOptions['currentTraceHash'];
  position?: { index: number; total: number };
}

export function buildAdjudicationView(input: AdjudicationViewInput): AdjudicationView {
  // Never a judge among the physicians, whoever the caller is: their spread is the physicians' own.
  const physicians = input.annotations.filter((f) => !isModelFile(f));
  // A judge's rating of another configuration's or round's trace rates another answer: not shown here.
  const physicianEntries = physicians.flatMap((f) => (f.items[input.itemId] ? [f.items[input.itemId]] : []));
  const judgeFiles = [...(input.judges ?? []), ...input.annotations.filter(isModelFile)]
    .filter((f) => f.items[input.itemId] && ratesPhysiciansTrace(f.items[input.itemId], physicianEntries))
    .sort((a, b) => (a.annotator.id < b.annotator.id ? -1 : a.annotator.id > b.annotator.id ? 1 : 0));
  const judges: JudgeCard[] = judgeFiles.map((f) => {
    const entry = f.items[input.itemId];
    return {
      id: f.annotator.id,
      model: f.annotator.model ?? f.annotator.id,
      rating: entry.rating,
      ratingStale: isStaleRating(entry.traceSha256, input.currentTraceHash?.(input.itemId, entry.traceId)),
    };
  });
  const annotators = annotatorsOfItem(physicians, input.itemId);
  const labelOf = new Map(annotators.map((a) => [a.id, a.label]));
  const reveal = input.revealNames === true;
  const shown = (id: string) => (reveal ? id : (labelOf.get(id) ?? '?'));
  // Only this item's entries: the panel must open fast however large the dataset is.
  const itemFiles = annotators.map<AnnotationFile>((a) => ({
    ...physicians.find((f) => f.annotator.id === a.id)!,
    items: { [input.itemId]: a.entry },
  }));
  const itemDecisions = input.adjudication?.items?.[input.itemId];
  const itemAdjudication: AdjudicationFile | null = itemDecisions
    ? { ...input.adjudication!, items: { [input.itemId]: itemDecisions } }
    : null;
  const curation = computeCuration(itemFiles, itemAdjudication, {
    dimensions: input.dimensions?.map((d) => d.id),
    currentTraceHash: input.currentTraceHash,
  });
  const dims: NonNullable<AdjudicationViewInput['dimensions']> = input.dimensions ?? curation.map((c) => ({ id: c.dimension }));
  const meta = input.item ? { lang: input.item.lang, task: input.item.task } : itemMetaFromId(input.itemId);

  const dimensions: DimensionPanel[] = dims.map((d) => {
    const c = curation.find((x) => x.dimension === d.id);
    const decision = c?.decision ?? itemDecisions?.[d.id] ?? null;
    return {
      dimension: d.id,
      label: d.label ?? d.id,
      min: d.min ?? 1,
      max: d.max ?? 5,
      values: (c?.values ?? []).map((v) => ({ label: shown(v.annotator), value: v.value, ratingStale: v.ratingStale })),
      judgeValues: judges.flatMap((j) => {
        const v = j.rating[d.id];
        return typeof v === 'number' || v === null ? [{ judge: j.model, value: v, ratingStale: j.ratingStale }] : [];
      }),
      spread: c?.spread ?? null,
      sd: c?.sd ?? null,
      status: c?.status ?? (decision ? decision.status : 'unrated'),
      decision: decision ? decisionView(decision, shown) : null,
      decisionStale: c?.decisionStale ?? false,
      staleSince: (c?.staleSince ?? []).map(shown),
    };
  });

  return {
    dataset: input.dataset,
    itemId: input.itemId,
    lang: meta.lang,
    task: meta.task,
    item: input.item ?? null,
    trace: input.trace ?? null,
    namesRevealed: reveal,
    annotators: annotators.map((a) => ({
      label: a.label,
      ...(reveal ? { name: a.id } : {}),
      revision: a.entry.revision,
      rating: a.entry.rating,
      concepts: a.entry.concepts ?? {},
      updatedAt: a.entry.updatedAt,
      durationMs: a.entry.durationMs,
      ratingStale: isStaleRating(a.entry.traceSha256, input.currentTraceHash?.(input.itemId, a.entry.traceId)),
      earlierRevisions: [...(a.entry.history ?? [])]
        .sort((x, y) => y.revision - x.revision)
        .map((h) => ({ revision: h.revision, updatedAt: h.updatedAt })),
    })),
    judges,
    dimensions,
    ...(input.position ? { position: input.position } : {}),
  };
}

function decisionView(d: AdjudicationDecision, shown: (id: string) => string): DecisionView {
  const { basedOn, history, ...rest } = d;
  return {
    ...rest,
    basedOn: Object.fromEntries(Object.entries(basedOn ?? {}).map(([id, rev]) => [shown(id), rev])),
    historyLength: history?.length ?? 0,
    history: (history ?? []).map((h) => {
      const { basedOn: _b, ...state } = h as AdjudicationDecision;
      return state;
    }),
  };
}

/** The rating an annotator had at an earlier revision (or the current one). */
export function ratingAtRevision(entry: AnnotationEntry, revision: number): Rating | undefined {
  if (revision === entry.revision) return entry.rating;
  return entry.history?.find((h) => h.revision === revision)?.rating;
}

/** Annotator id → current revision: what a decision taken now is based on. */
export function currentRevisions(annotators: readonly ItemAnnotator[]): Record<string, number> {
  return Object.fromEntries(annotators.map((a) => [a.id, a.entry.revision]));
}
