// The curator's decisions: pure rules for what a valid decision is and how a change is recorded.
// A changed decision never loses its past: the previous state is appended to `history` and the
// revision goes up, so the file is its own audit trail (who, when, why, based on which ratings).
import {
  ADJUDICATION_ERROR_TYPES,
  ADJUDICATION_SCHEMA,
  type AdjudicationDecision,
  type AdjudicationErrorType,
  type AdjudicationFile,
} from '../types';

/** A decision the rules refuse (no rationale, a value off the scale, a stale edit…). */
export class AdjudicationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdjudicationInputError';
  }
}

/** The decision changed since the curator looked at it (another curator, another window). */
export class AdjudicationConflictError extends AdjudicationInputError {
  constructor(
    readonly itemId: string,
    readonly dimension: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      `decision for ${itemId} / ${dimension} changed meanwhile (revision ${actual}, expected ${expected}); reload and decide again`,
    );
    this.name = 'AdjudicationConflictError';
  }
}

export interface DecisionInput {
  itemId: string;
  dimension: string;
  /** The gold value; must be null when `status` is unresolved. */
  value: number | null;
  status: 'adjudicated' | 'unresolved';
  adjudicator: string;
  rationale: string;
  errorType?: AdjudicationErrorType;
  /** Annotator id → revision of their entry the curator saw. */
  basedOn: Record<string, number>;
  decidedAt?: string;
  /** Refuse the change unless the current decision has this revision (0: there is none yet). */
  expectedRevision?: number;
  /** The rubric's scale for this dimension, to refuse a gold value outside it. */
  scale?: { min: number; max: number };
}

export function emptyAdjudicationFile(dataset: string): AdjudicationFile {
  return { schema: ADJUDICATION_SCHEMA, dataset, items: {} };
}

export function validateDecisionInput(input: DecisionInput): void {
  const where = `${input.itemId} / ${input.dimension}`;
  if (!input.itemId || !input.dimension) throw new AdjudicationInputError('a decision needs an item and a dimension');
  if (!input.adjudicator?.trim()) throw new AdjudicationInputError(`${where}: the adjudicator is required`);
  if (typeof input.rationale !== 'string' || input.rationale.trim() === '') {
    throw new AdjudicationInputError(`${where}: a rationale is required`);
  }
  if (input.errorType !== undefined && !ADJUDICATION_ERROR_TYPES.includes(input.errorType)) {
    throw new AdjudicationInputError(
      `${where}: unknown error type "${String(input.errorType)}" (expected one of ${ADJUDICATION_ERROR_TYPES.join(', ')})`,
    );
  }
  if (input.status === 'unresolved') {
    if (input.value !== null) throw new AdjudicationInputError(`${where}: an unresolved decision has no gold value`);
  } else if (input.status === 'adjudicated') {
    if (typeof input.value !== 'number' || !Number.isInteger(input.value)) {
      throw new AdjudicationInputError(`${where}: the gold value must be an integer`);
    }
    if (input.scale && (input.value < input.scale.min || input.value > input.scale.max)) {
      throw new AdjudicationInputError(
        `${where}: gold value ${input.value} is outside the scale ${input.scale.min}–${input.scale.max}`,
      );
    }
  } else {
    throw new AdjudicationInputError(`${where}: unknown status "${String(input.status)}"`);
  }
  for (const [annotator, revision] of Object.entries(input.basedOn ?? {})) {
    if (!Number.isInteger(revision) || revision < 1) {
      throw new AdjudicationInputError(`${where}: revision of ${annotator} must be a positive integer`);
    }
  }
}

/** Records a decision in the file (in place), keeping the previous state in its history. */
export function applyDecision(file: AdjudicationFile, input: DecisionInput, now: () => string): AdjudicationDecision {
  validateDecisionInput(input);
  const previous = file.items[input.itemId]?.[input.dimension];
  const currentRevision = previous?.revision ?? 0;
  if (input.expectedRevision !== undefined && input.expectedRevision !== currentRevision) {
    throw new AdjudicationConflictError(input.itemId, input.dimension, input.expectedRevision, currentRevision);
  }
  const decision: AdjudicationDecision = {
    value: input.status === 'unresolved' ? null : input.value,
    status: input.status,
    adjudicator: input.adjudicator.trim(),
    rationale: input.rationale.trim(),
    ...(input.errorType ? { errorType: input.errorType } : {}),
    decidedAt: input.decidedAt ?? now(),
    basedOn: { ...input.basedOn },
    revision: currentRevision + 1,
    history: [],
  };
  if (previous) {
    const { history, ...state } = previous;
    decision.history = [...(history ?? []), state];
  }
  (file.items[input.itemId] ??= {})[input.dimension] = decision;
  return decision;
}

const DECISION_KEY_ORDER = [
  'value',
  'status',
  'adjudicator',
  'rationale',
  'errorType',
  'decidedAt',
  'basedOn',
  'revision',
  'history',
] as const;

function orderDecision(d: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of DECISION_KEY_ORDER) if (d[key] !== undefined) out[key] = d[key];
  for (const key of Object.keys(d).sort()) if (!(key in out)) out[key] = d[key]; // fields added later
  if (Array.isArray(out.history)) out.history = out.history.map((h) => orderDecision(h as Record<string, unknown>));
  return out;
}

function sortedKeys<T>(record: Record<string, T>, map: (v: T) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) out[key] = map(record[key]);
  return out;
}

/** Pretty-printed, keys in a stable order, newline at the end: diffs and merges stay readable. */
export function serializeAdjudicationFile(file: AdjudicationFile): string {
  const ordered = {
    schema: file.schema,
    dataset: file.dataset,
    items: sortedKeys(file.items, (dims) =>
      sortedKeys(dims, (d) => orderDecision(d as unknown as Record<string, unknown>)),
    ),
  };
  return JSON.stringify(ordered, null, 2) + '\n';
}
