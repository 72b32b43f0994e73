// Where the workspace keeps things: the `medco.annotationsDir` and `medco.rubricFile` settings,
// read in one place, relative to the workspace folder. Every command that needs the annotations
// folder or the rubric asks here, so that they all agree on defaults and resolution.
import * as vscode from 'vscode';
import path from 'node:path';

export function workspaceFolderFor(file?: string): vscode.WorkspaceFolder | undefined {
  if (file) {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
    if (folder) return folder;
  }
  return vscode.workspace.workspaceFolders?.[0];
}

/** A setting's path: absolute as is, else relative to the folder; undefined when empty or there is no folder. */
export function resolveInWorkspace(setting: string, folder: vscode.WorkspaceFolder | undefined): string | undefined {
  if (!setting) return undefined;
  if (path.isAbsolute(setting)) return setting;
  return folder ? path.join(folder.uri.fsPath, setting) : undefined;
}

/** The annotations folder (`medco.annotationsDir`, default `annotations`), or undefined without a workspace folder. */
export function configuredAnnotationsDir(folder = workspaceFolderFor()): string | undefined {
  const setting = vscode.workspace.getConfiguration('medco', folder).get<string>('annotationsDir', 'annotations');
  return resolveInWorkspace(setting || 'annotations', folder);
}

/** The `medco.rubricFile` setting, resolved; undefined when unset (see rubricFileFor in core/store). */
export function configuredRubricFile(folder = workspaceFolderFor()): string | undefined {
  return resolveInWorkspace(vscode.workspace.getConfiguration('medco', folder).get<string>('rubricFile', ''), folder);
}
