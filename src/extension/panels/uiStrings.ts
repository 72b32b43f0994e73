// The one way UI strings reach a webview: the host localizes an app's key list
// (src/protocol/uiStrings.ts) with vscode.l10n and sends the map with the message that draws the
// panel; the webview shows `strings[english]` and falls back to the English key. Rubric labels,
// descriptions and levels are looked up the same way in every panel, so the default rubric is
// translated by the l10n bundles and a custom one shows as written.
import * as vscode from 'vscode';
import type { Rubric, RubricDimension } from '../../core/types';

type RubricText = { dimensions?: readonly Partial<Pick<RubricDimension, 'id' | 'label' | 'description' | 'levels'>>[]; flags?: Rubric['flags'] };

/** The texts of a rubric the panels show: dimension labels, descriptions and levels, flags. */
export function rubricKeys(rubric: RubricText | undefined): string[] {
  const keys: string[] = [];
  for (const d of rubric?.dimensions ?? []) {
    keys.push(d.label || d.id || '', d.description ?? '', ...Object.values(d.levels ?? {}));
  }
  for (const f of rubric?.flags ?? []) keys.push(f.label, f.description);
  return keys.filter((k) => k !== '');
}

/** `keys` and the rubric's texts, localized; a key without translation stays English. */
export function webviewStrings(keys: readonly string[], rubric?: RubricText): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const key of [...keys, ...rubricKeys(rubric)]) strings[key] = vscode.l10n.t(key);
  return strings;
}

/** `t` with placeholders, for host-side texts such as chart titles in exported files. */
export function hostTranslate(key: string, ...args: (string | number)[]): string {
  return vscode.l10n.t(key, ...args);
}
