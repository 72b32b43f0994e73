// Typed messages between the extension host and the review webview. Both sides validate what they
// receive with the guards below: the host ignores anything malformed, and the webview ignores
// anything that does not come from the host. Saving a rating is a request with one reply (envelope.ts).
import type { AnnotationEntry, ConceptJudgement, DatasetItem, Rating, Rubric, Trace } from '../core/types';
import type { CalibrationReferenceView } from '../core/study/calibrationReference';
import { isReply, isRequestOf, requestType, type ReadyMessage, type ReplyMessage, type RequestsOf } from './envelope';
import { isObject, isString } from './guards';

/** Everything the review panel needs to show one item. Strings are untrusted text. */
export interface ItemView {
  item: DatasetItem;
  /** Native and English name of the item's language, and its text direction. */
  language: { code: string; native: string; english: string; dir: 'ltr' | 'rtl' };
  trace: Trace | null;
  rubric: Rubric;
  /** The current annotator's own entry only: other annotators' ratings stay hidden (blind rating). */
  annotation: AnnotationEntry | null;
  annotator: string;
  position: { index: number; total: number; rated: number };
  /** True when the trace changed after this annotator rated it. */
  stale: boolean;
  /**
   * The curator's reference on a calibration item, when the study shows it: present only once
   * this annotator's rating of it is saved (never sent before, so it cannot leak into a rating).
   */
  calibrationReference?: CalibrationReferenceView;
  /**
   * Set in a pairwise study (docs/formats.md §7): the item is judged as a blind comparison of two
   * responses instead of rated; `trace` and `annotation` are then null.
   */
  pair?: PairView;
}

/** Per dimension: Response 1 better, Response 2 better, a tie, or both unacceptable. */
export type PairOutcome = '1' | '2' | 'tie' | 'both_bad';
export const PAIR_OUTCOMES: readonly PairOutcome[] = ['1', '2', 'tie', 'both_bad'];

/** One side of a blind comparison. */
export interface PairResponse {
  side: '1' | '2';
  /** The configuration's name; absent when the study hides configuration names. */
  config?: string;
  /** The response; with hidden names its id, date and configuration are left out (blank). */
  trace: Trace;
}

/** The annotator's own judgement of the pair, in sides (the host maps sides to configurations). */
export interface PairJudgementView {
  revision: number;
  winner: Record<string, PairOutcome>;
  flags: string[];
  comment: string;
}

export type PairView =
  | {
    ok: true;
    responses: [PairResponse, PairResponse];
    judgement: PairJudgementView | null;
    /** Either response changed after this annotator judged the pair. */
    stale: boolean;
  }
  /** The item cannot be compared (one configuration's trace only, two of one configuration…). */
  | { ok: false; message: string };

// ---------------------------------------------------------------- host → webview

export interface ShowItemMessage {
  type: 'showItem';
  view: ItemView;
  /** Localized UI strings, keyed by their English text. */
  strings: Record<string, string>;
  /** The annotator's layout choices, kept by the host across panels and restarts (reviewLayout.ts). */
  layout?: ReviewLayout;
}

export interface TraceUpdatedMessage {
  type: 'traceUpdated';
  itemId: string;
  trace: Trace;
}

export type HostToWebview = ShowItemMessage | TraceUpdatedMessage | ReplyMessage;

// ---------------------------------------------------------------- webview → host

export interface SaveRatingParams {
  itemId: string;
  rating: Rating;
  concepts: Record<string, ConceptJudgement>;
  /** Time spent on the item since it was shown, added to what was recorded before. */
  durationMs: number;
  traceId?: string;
}

/** The rating on disk: its revision, and how many items this annotator has rated in the dataset. */
export interface SaveRatingResult {
  revision: number;
  rated: number;
  /** The calibration reference, once this save completed the annotator's rating of a calibration item. */
  calibrationReference?: CalibrationReferenceView;
}

/** A blind pairwise judgement: the whole judgement (dimensions, flags, comment), in sides. */
export interface SaveComparisonParams {
  itemId: string;
  winner: Record<string, PairOutcome>;
  flags: string[];
  comment?: string;
  /** Time spent on the item since it was shown, added to what was recorded before. */
  durationMs: number;
}

export interface NavigateMessage {
  type: 'navigate';
  direction: 'next' | 'previous' | 'nextUnrated';
}

/** The annotator folded or unfolded the item section: the host remembers it for every later panel. */
export interface ReviewLayoutMessage {
  type: 'reviewLayout';
  layout: ReviewLayout;
}

export type WebviewToHost = ReadyMessage | RequestsOf<typeof SAVE_RATING> | RequestsOf<typeof SAVE_COMPARISON> | NavigateMessage | ReviewLayoutMessage;

/** Per-user layout of the review panel. */
export interface ReviewLayout {
  /** The item section (question, premise, options) is folded to its heading. */
  itemCollapsed: boolean;
}

// ---------------------------------------------------------------- guards

export function isReviewLayout(v: unknown): v is ReviewLayout {
  return isObject(v) && typeof v.itemCollapsed === 'boolean' && Object.keys(v).length === 1;
}

function isRating(v: unknown): v is Rating {
  if (!isObject(v)) return false;
  for (const [key, value] of Object.entries(v)) {
    if (key === 'flags') {
      if (!Array.isArray(value) || !value.every(isString)) return false;
    } else if (key === 'comment') {
      if (!isString(value)) return false;
    } else if (!(value === null || (typeof value === 'number' && Number.isInteger(value)))) {
      return false;
    }
  }
  return true;
}

function isConceptJudgements(v: unknown): v is Record<string, ConceptJudgement> {
  if (!isObject(v)) return false;
  return Object.values(v).every(
    (j) =>
      isObject(j) &&
      (j.relevant === undefined || typeof j.relevant === 'boolean') &&
      (j.aligned === undefined || typeof j.aligned === 'boolean') &&
      (j.note === undefined || isString(j.note)),
  );
}

function isSaveRatingParams(v: unknown): v is SaveRatingParams {
  return (
    isObject(v) &&
    isString(v.itemId) &&
    isRating(v.rating) &&
    isConceptJudgements(v.concepts) &&
    typeof v.durationMs === 'number' &&
    Number.isFinite(v.durationMs) &&
    v.durationMs >= 0 &&
    (v.traceId === undefined || isString(v.traceId))
  );
}

const isSaveRatingResult = (v: unknown): v is SaveRatingResult => isObject(v) && typeof v.revision === 'number' && typeof v.rated === 'number';

/** Saves the annotator's rating of an item: replied once it is on disk, or with the reason it is not. */
export const SAVE_RATING = requestType('saveRating', isSaveRatingParams, isSaveRatingResult);

const isPairOutcome = (v: unknown): v is PairOutcome => typeof v === 'string' && (PAIR_OUTCOMES as readonly string[]).includes(v);

function isSaveComparisonParams(v: unknown): v is SaveComparisonParams {
  return (
    isObject(v) &&
    isString(v.itemId) &&
    isObject(v.winner) &&
    Object.values(v.winner).every(isPairOutcome) &&
    Array.isArray(v.flags) &&
    v.flags.every(isString) &&
    (v.comment === undefined || isString(v.comment)) &&
    typeof v.durationMs === 'number' &&
    Number.isFinite(v.durationMs) &&
    v.durationMs >= 0
  );
}

/** Saves the annotator's blind pairwise judgement of an item: replied like SAVE_RATING. */
export const SAVE_COMPARISON = requestType('saveComparison', isSaveComparisonParams, isSaveRatingResult);

export function isWebviewToHost(v: unknown): v is WebviewToHost {
  if (!isObject(v) || !isString(v.type)) return false;
  switch (v.type) {
    case 'ready':
      return true;
    case 'request':
      return isRequestOf<typeof SAVE_RATING | typeof SAVE_COMPARISON>([SAVE_RATING, SAVE_COMPARISON], v);
    case 'navigate':
      return v.direction === 'next' || v.direction === 'previous' || v.direction === 'nextUnrated';
    case 'reviewLayout':
      return isReviewLayout(v.layout);
    default:
      return false;
  }
}

export function isHostToWebview(v: unknown): v is HostToWebview {
  if (!isObject(v) || !isString(v.type)) return false;
  switch (v.type) {
    case 'showItem':
      return isObject(v.view) && isObject(v.view.item) && isObject(v.strings) && (v.layout === undefined || isReviewLayout(v.layout));
    case 'reply':
      return isReply(v);
    case 'traceUpdated':
      return isString(v.itemId) && isObject(v.trace);
    default:
      return false;
  }
}

// ---------------------------------------------------------------- webview state

/**
 * What the review webview keeps with `setState`, so a reloaded window restores the panel: the host's
 * WebviewPanelSerializer receives it in `deserializeWebviewPanel(panel, state)`.
 */
export interface ReviewWebviewState {
  itemId: string;
  scrollY: number;
  /** A comment typed but not yet confirmed saved, for `itemId`. */
  unsavedComment?: string;
}

export function isReviewWebviewState(v: unknown): v is ReviewWebviewState {
  return (
    isObject(v) &&
    isString(v.itemId) &&
    typeof v.scrollY === 'number' &&
    (v.unsavedComment === undefined || isString(v.unsavedComment))
  );
}
