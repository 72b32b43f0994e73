// The statistics webview's UI strings, localized on the host: the webview shows `strings[english]`
// and falls back to the English key (the keys are src/core/charts DASHBOARD_STRINGS).
import * as vscode from 'vscode';
import { DASHBOARD_STRINGS } from '../../core/charts/dashboardCharts';

export function statsStrings(): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const key of DASHBOARD_STRINGS) strings[key] = vscode.l10n.t(key);
  return strings;
}

/** `t` for chart titles in exported files, with placeholders. */
export function hostTranslate(key: string, ...args: (string | number)[]): string {
  return vscode.l10n.t(key, ...args);
}
