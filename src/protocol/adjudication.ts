// Typed messages between the extension host and the adjudication webview. Like messages.ts, both
// sides check what they receive with the guards below and ignore anything malformed. Diffs and
// decisions are requests with one reply each (envelope.ts).
import type { AdjudicationView } from '../core/adjudication/adjudicationView';
import type { DiffPart, RatingDiff } from '../core/adjudication/wordDiff';
import { ADJUDICATION_ERROR_TYPES, type AdjudicationErrorType } from '../core/types';
import { isCount, isObject, isString } from './guards';
import { isReply, isRequestOf, requestType, type ReadyMessage, type ReplyMessage, type RequestsOf } from './envelope';

// ---------------------------------------------------------------- requests (envelope.ts)

export type DiffRequest =
  | { kind: 'comments'; left: string; right: string }
  | { kind: 'revision'; annotator: string; revision: number };

/** Comment diff between two annotators, or one annotator's rating against an earlier revision. */
export type DiffResult = { comments: DiffPart[] } | { rating: RatingDiff };

export interface DecideParams {
  itemId: string;
  dimension: string;
  status: 'adjudicated' | 'unresolved';
  value: number | null;
  rationale: string;
  errorType?: AdjudicationErrorType;
  /** Revision of the decision the curator saw (0: none), so a concurrent change is not overwritten. */
  expectedRevision: number;
}

/** Annotators by their label in the view (A, B… or names when revealed). */
function isDiffRequest(v: unknown): v is DiffRequest {
  if (!isObject(v)) return false;
  if (v.kind === 'comments') return isString(v.left) && isString(v.right);
  if (v.kind === 'revision') return isString(v.annotator) && isCount(v.revision);
  return false;
}

function isDiffResult(v: unknown): v is DiffResult {
  return isObject(v) && (Array.isArray(v.comments) || isObject(v.rating));
}

function isDecideParams(v: unknown): v is DecideParams {
  return (
    isObject(v) &&
    isString(v.itemId) &&
    isString(v.dimension) &&
    ((v.status === 'adjudicated' && typeof v.value === 'number' && Number.isInteger(v.value)) ||
      (v.status === 'unresolved' && v.value === null)) &&
    isString(v.rationale) &&
    (v.errorType === undefined || ADJUDICATION_ERROR_TYPES.includes(v.errorType as AdjudicationErrorType)) &&
    isCount(v.expectedRevision)
  );
}

/** A diff on request; the reply's error says why there is none (unknown annotator, no such revision). */
export const DIFF = requestType('diff', isDiffRequest, isDiffResult);
/** The curator's decision for one dimension: replied once it is on disk (result null) or refused (error). */
export const DECIDE = requestType('decide', isDecideParams, (v: unknown): v is null => v === null);
export const ADJUDICATION_REQUESTS = [DIFF, DECIDE] as const;

// ---------------------------------------------------------------- host → webview

export interface ShowAdjudicationMessage {
  type: 'showAdjudication';
  view: AdjudicationView;
  /** Localized UI strings, keyed by their English text. */
  strings: Record<string, string>;
}

export type AdjudicationHostToWebview = ShowAdjudicationMessage | ReplyMessage;

// ---------------------------------------------------------------- webview → host

export interface RevealNamesMessage {
  type: 'revealNames';
  reveal: boolean;
}

export interface BulkAcceptMessage {
  type: 'bulkAcceptUnanimous';
}

export interface AdjudicationNavigateMessage {
  type: 'navigate';
  direction: 'next' | 'previous';
}

export type AdjudicationWebviewToHost =
  | ReadyMessage
  | RequestsOf<(typeof ADJUDICATION_REQUESTS)[number]>
  | RevealNamesMessage
  | BulkAcceptMessage
  | AdjudicationNavigateMessage;

// ---------------------------------------------------------------- guards

export function isAdjudicationWebviewToHost(v: unknown): v is AdjudicationWebviewToHost {
  if (!isObject(v) || !isString(v.type)) return false;
  switch (v.type) {
    case 'ready':
    case 'bulkAcceptUnanimous':
      return true;
    case 'request':
      return isRequestOf(ADJUDICATION_REQUESTS, v);
    case 'revealNames':
      return typeof v.reveal === 'boolean';
    case 'navigate':
      return v.direction === 'next' || v.direction === 'previous';
    default:
      return false;
  }
}

export function isAdjudicationHostToWebview(v: unknown): v is AdjudicationHostToWebview {
  if (!isObject(v) || !isString(v.type)) return false;
  switch (v.type) {
    case 'showAdjudication':
      return isObject(v.view) && isString(v.view.itemId) && Array.isArray(v.view.dimensions) && isObject(v.strings);
    case 'reply':
      return isReply(v);
    default:
      return false;
  }
}

// ---------------------------------------------------------------- webview state

/** What the adjudication webview keeps with setState: the item it shows, for a reloaded window. */
export interface AdjudicationWebviewState {
  itemId: string;
}

export function isAdjudicationWebviewState(v: unknown): v is AdjudicationWebviewState {
  return isObject(v) && isString(v.itemId);
}
