// The statistics webview's UI strings, localized on the host: the webview shows `strings[english]`
// and falls back to the English key (the keys are src/core/charts DASHBOARD_STRINGS).
import * as vscode from 'vscode';
import { DASHBOARD_STRINGS } from '../../core/charts/dashboardCharts';
import type { Rubric } from '../../core/types';

export function statsStrings(): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const key of DASHBOARD_STRINGS) strings[key] = vscode.l10n.t(key);
  return strings;
}

/** `t` for chart titles in exported files, with placeholders. */
export function hostTranslate(key: string, ...args: (string | number)[]): string {
  return vscode.l10n.t(key, ...args);
}

/** Rubric dimension labels, localized here because the statistics worker has no vscode.l10n. */
export function rubricLabels(rubric: Rubric | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const d of rubric?.dimensions ?? []) {
    const label = d.label || d.id;
    labels[label] = vscode.l10n.t(label);
  }
  return labels;
}
