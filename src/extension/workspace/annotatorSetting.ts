// Who the annotator is: `medco.annotator.id`, application-scoped (package.json) and read and
// written only at the user (global) level. A workspace can be committed with a
// `.vscode/settings.json`; were the id read from there, one file could make every physician who
// opens the repository write the same annotator file. vscode is only a type here, so that the rule
// is unit-tested without a VS Code host.
import type * as vscode from 'vscode';

export const ANNOTATOR_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const ANNOTATOR_ID_KEY = 'annotator.id';

/** vscode.ConfigurationTarget.Global: the user's settings, never a workspace's. */
export const ANNOTATOR_ID_TARGET: vscode.ConfigurationTarget.Global = 1;

type SettingsSection = Pick<vscode.WorkspaceConfiguration, 'inspect' | 'update'>;

/** The user-level id when it is a valid file name, else undefined; workspace values are ignored. */
export function readAnnotatorId(config: Pick<vscode.WorkspaceConfiguration, 'inspect'>): string | undefined {
  const id = config.inspect<string>(ANNOTATOR_ID_KEY)?.globalValue;
  const trimmed = typeof id === 'string' ? id.trim() : '';
  return ANNOTATOR_ID_PATTERN.test(trimmed) ? trimmed : undefined;
}

export async function writeAnnotatorId(config: SettingsSection, id: string): Promise<void> {
  await config.update(ANNOTATOR_ID_KEY, id.trim(), ANNOTATOR_ID_TARGET);
}
