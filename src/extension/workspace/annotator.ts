// The annotator id: the `medco.annotator.id` setting, asked for once with an input box and stored
// globally (it names the annotator's file, so it is restricted to file-name-safe characters).
// Only the user's own (global) value counts: see annotatorSetting.ts.
import * as vscode from 'vscode';
import { nameProblem } from '../../core/store/fileNames';
import { ANNOTATOR_ID_PATTERN, readAnnotatorId, writeAnnotatorId } from './annotatorSetting';

export { ANNOTATOR_ID_PATTERN } from './annotatorSetting';

/** Why `id` cannot be an annotator id (localized), or undefined. Same rules as the store's (core). */
function annotatorIdProblem(id: string): string | undefined {
  const problem = nameProblem('annotator', id);
  if (problem?.code === 'reserved') {
    return vscode.l10n.t('"{0}" is a reserved device name on Windows, where no file can have it; choose another id.', id.split('.')[0]);
  }
  if (problem || !ANNOTATOR_ID_PATTERN.test(id)) {
    return vscode.l10n.t('Use letters, digits, dot, dash or underscore (at most 64), starting with a letter or digit.');
  }
  return undefined;
}

export function configuredAnnotator(): string | undefined {
  const id = readAnnotatorId(vscode.workspace.getConfiguration('medco'));
  return id !== undefined && annotatorIdProblem(id) === undefined ? id : undefined;
}

export async function askForAnnotator(): Promise<string | undefined> {
  const existing = configuredAnnotator();
  if (existing) return existing;
  const id = await vscode.window.showInputBox({
    title: vscode.l10n.t('Your annotator id'),
    prompt: vscode.l10n.t('Your ratings are saved under this id (for example dr-sato). Other annotators cannot see them.'),
    placeHolder: 'dr-sato',
    ignoreFocusOut: true,
    validateInput: (v) => annotatorIdProblem(v.trim()),
  });
  if (!id) return undefined;
  await writeAnnotatorId(vscode.workspace.getConfiguration('medco'), id);
  return id.trim();
}
