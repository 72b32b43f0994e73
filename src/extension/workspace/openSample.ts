// "Open Sample Workspace": the sample that ships in the VSIX (sample/: a MultiMed-X excerpt in seven
// languages, its co-reasoning traces, a small knowledge base and three annotators' ratings) copied
// to the extension's global storage and opened as a folder, so a physician can try the review
// without a dataset, an endpoint or a key. An existing copy is reused: ratings made there stay.
import * as vscode from 'vscode';

export function sampleWorkspaceUri(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.globalStorageUri, 'sample-workspace');
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function openSampleWorkspace(context: vscode.ExtensionContext): Promise<void> {
  const target = sampleWorkspaceUri(context);
  if (!(await exists(target))) {
    await vscode.workspace.fs.createDirectory(context.globalStorageUri);
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(context.extensionUri, 'sample'), target, { overwrite: false });
  }
  const open = vscode.workspace.workspaceFolders?.some((f) => f.uri.toString() === target.toString());
  if (open) {
    await vscode.commands.executeCommand('medco.nextUnratedItem');
    return;
  }
  await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
}

/** "See your file": the current annotator's annotation file, in an editor. */
export async function showAnnotationFile(file: string | undefined): Promise<void> {
  if (!file || !(await exists(vscode.Uri.file(file)))) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Your annotation file is created by your first rating.'));
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
}
