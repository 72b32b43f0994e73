// The run a physician rates: `medco.review.configuration` (default coreasoner) and
// `medco.review.round` (default 1), read in one place. A blank configuration or a round that is
// not a whole number ≥ 1 falls back to the default (the settings UI already keeps rounds ≥ 1).
import * as vscode from 'vscode';
import { DEFAULT_REVIEW_RUN, reviewRunOf, type TraceRun } from '../../core/traces/reviewRun';

export const REVIEW_RUN_SETTINGS = ['medco.review.configuration', 'medco.review.round'] as const;

/** The section's values as a run (a plain `get` interface, so that tests need no VS Code). */
export function readReviewRun(section: { get<T>(key: string): T | undefined }): TraceRun {
  const config = section.get<unknown>('review.configuration');
  const round = section.get<unknown>('review.round');
  const name = typeof config === 'string' ? config : undefined;
  return reviewRunOf(name, typeof round === 'number' || typeof round === 'string' ? round : undefined) ?? reviewRunOf(name, DEFAULT_REVIEW_RUN.round)!;
}

export function configuredReviewRun(folder?: vscode.WorkspaceFolder): TraceRun {
  return readReviewRun(vscode.workspace.getConfiguration('medco', folder));
}
