// The annotator id: the `medco.annotator.id` setting, asked for once with an input box and stored
// globally (it names the annotator's file, so it is restricted to file-name-safe characters).
import * as vscode from 'vscode';

export const ANNOTATOR_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function configuredAnnotator(): string | undefined {
  const id = vscode.workspace.getConfiguration('medco').get<string>('annotator.id', '').trim();
  return ANNOTATOR_ID_PATTERN.test(id) ? id : undefined;
}

export async function askForAnnotator(): Promise<string | undefined> {
  const existing = configuredAnnotator();
  if (existing) return existing;
  const id = await vscode.window.showInputBox({
    title: vscode.l10n.t('Your annotator id'),
    prompt: vscode.l10n.t('Your ratings are saved under this id (for example dr-sato). Other annotators cannot see them.'),
    placeHolder: 'dr-sato',
    ignoreFocusOut: true,
    validateInput: (v) =>
      ANNOTATOR_ID_PATTERN.test(v.trim())
        ? undefined
        : vscode.l10n.t('Use letters, digits, dot, dash or underscore (at most 64), starting with a letter or digit.'),
  });
  if (!id) return undefined;
  await vscode.workspace.getConfiguration('medco').update('annotator.id', id.trim(), vscode.ConfigurationTarget.Global);
  return id.trim();
}
