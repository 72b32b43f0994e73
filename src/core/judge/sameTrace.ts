// Whether a judge's rating of an item can stand beside the physicians' ratings of it. A judge rates
// every configuration × round into a file of its own, physicians rate one trace per item: a judge's
// rating of another trace (another configuration or round: another `traceId`) rates a different
// answer, so statistics and the adjudication panel leave it out. Ratings without a `traceId` (written
// by hand, or before traces were recorded) cannot be told apart and are kept.
import type { AnnotationEntry } from '../types';

export function ratesPhysiciansTrace(judge: Pick<AnnotationEntry, 'traceId'>, physicians: readonly Pick<AnnotationEntry, 'traceId'>[]): boolean {
  if (judge.traceId === undefined || physicians.length === 0) return true;
  return physicians.some((p) => p.traceId === undefined || p.traceId === judge.traceId);
}
