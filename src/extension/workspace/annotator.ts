// The annotator id: the `medco.annotator.id` setting, asked for once with an input box and stored
// globally (it names the annotator's file, so it is restricted to file-name-safe characters).
// Only the user's own (global) value counts: see annotatorSetting.ts.
import * as vscode from 'vscode';
import { ANNOTATOR_ID_PATTERN, readAnnotatorId, writeAnnotatorId } from './annotatorSetting';

export { ANNOTATOR_ID_PATTERN } from './annotatorSetting';

export function configuredAnnotator(): string | undefined {
  return readAnnotatorId(vscode.workspace.getConfiguration('medco'));
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
  await writeAnnotatorId(vscode.workspace.getConfiguration('medco'), id);
  return id.trim();
}
