// Typed messages between the extension host and the adjudication webview. Like messages.ts, both
// sides check what they receive with the guards below and ignore anything malformed.
import type { AdjudicationView } from '../core/adjudication/adjudicationView';
import type { DiffPart, RatingDiff } from '../core/adjudication/wordDiff';
import { ADJUDICATION_ERROR_TYPES, type AdjudicationErrorType } from '../core/types';

// ---------------------------------------------------------------- host → webview

export interface ShowAdjudicationMessage {
  type: 'showAdjudication';
  view: AdjudicationView;
  /** Localized UI strings, keyed by their English text. */
  strings: Record<string, string>;
}

export interface DiffResultMessage {
  type: 'diffResult';
  requestId: number;
  /** Comment diff between two annotators, or one annotator's rating against an earlier revision. */
  comments?: DiffPart[];
  rating?: RatingDiff;
  error?: string;
}

export interface DecisionStateMessage {
  type: 'decisionState';
  itemId: string;
  dimension: string;
  state: 'saving' | 'saved' | 'error';
  message?: string;
}

export type AdjudicationHostToWebview = ShowAdjudicationMessage | DiffResultMessage | DecisionStateMessage;

// ---------------------------------------------------------------- webview → host

export interface AdjudicationReadyMessage {
  type: 'ready';
}

export interface DecideMessage {
  type: 'decide';
  itemId: string;
  dimension: string;
  status: 'adjudicated' | 'unresolved';
  value: number | null;
  rationale: string;
  errorType?: AdjudicationErrorType;
  /** Revision of the decision the curator saw (0: none), so a concurrent change is not overwritten. */
  expectedRevision: number;
}

export type DiffRequest =
  | { kind: 'comments'; left: string; right: string }
  | { kind: 'revision'; annotator: string; revision: number };

export interface RequestDiffMessage {
  type: 'requestDiff';
  requestId: number;
  /** Annotators by their label in the view (A, B… or names when revealed). */
  request: DiffRequest;
}

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
  | AdjudicationReadyMessage
  | DecideMessage
  | RequestDiffMessage
  | RevealNamesMessage
  | BulkAcceptMessage
  | AdjudicationNavigateMessage;

// ---------------------------------------------------------------- guards

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function isDiffRequest(v: unknown): v is DiffRequest {
  if (!isObject(v)) return false;
  if (v.kind === 'comments') return isString(v.left) && isString(v.right);
  if (v.kind === 'revision') return isString(v.annotator) && isCount(v.revision);
  return false;
}

export function isAdjudicationWebviewToHost(v: unknown): v is AdjudicationWebviewToHost {
  if (!isObject(v) || !isString(v.type)) return false;
  switch (v.type) {
    case 'ready':
    case 'bulkAcceptUnanimous':
      return true;
    case 'decide':
      return (
        isString(v.itemId) &&
        isString(v.dimension) &&
        ((v.status === 'adjudicated' && typeof v.value === 'number' && Number.isInteger(v.value)) ||
          (v.status === 'unresolved' && v.value === null)) &&
        isString(v.rationale) &&
        (v.errorType === undefined || ADJUDICATION_ERROR_TYPES.includes(v.errorType as AdjudicationErrorType)) &&
        isCount(v.expectedRevision)
      );
    case 'requestDiff':
      return isCount(v.requestId) && isDiffRequest(v.request);
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
    case 'diffResult':
      return isCount(v.requestId);
    case 'decisionState':
      return (
        isString(v.itemId) && isString(v.dimension) && (v.state === 'saving' || v.state === 'saved' || v.state === 'error')
      );
    default:
      return false;
  }
}
