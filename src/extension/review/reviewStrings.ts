// The review panel's UI strings, localized on the host: the webview shows `strings[english]` and
// falls back to the English key. The keys are the English texts the webview uses (collected from
// webview/); rubric labels and descriptions come from the rubric file and are looked up the same
// way, so the default rubric is translated by the l10n bundles and a custom one shows as written.
import * as vscode from 'vscode';
import type { Rubric } from '../../core/types';
import { REVIEW_UI_STRINGS } from './reviewStringKeys';

export function reviewStrings(rubric: Rubric): Record<string, string> {
  const keys = new Set<string>(REVIEW_UI_STRINGS);
  for (const d of rubric.dimensions) {
    keys.add(d.label);
    keys.add(d.description);
    for (const level of Object.values(d.levels)) keys.add(level);
  }
  for (const f of rubric.flags) {
    keys.add(f.label);
    keys.add(f.description);
  }
  const strings: Record<string, string> = {};
  // l10n.t with a key that has no translation returns the key itself: English stays English.
  for (const key of keys) if (key) strings[key] = vscode.l10n.t(key);
  return strings;
}
