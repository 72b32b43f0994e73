// The model endpoint's API key: kept only in VS Code's SecretStorage (encrypted by the OS
// keychain), or taken from OPENAI_API_KEY. It never goes to settings, logs, traces or a webview.
import * as vscode from 'vscode';

const SECRET_KEY = 'medco.llm.apiKey';

export async function setApiKey(secrets: vscode.SecretStorage): Promise<void> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('API key of the model endpoint'),
    prompt: vscode.l10n.t('Stored in VS Code secret storage, never in settings. Leave empty to remove the stored key.'),
    password: true,
    ignoreFocusOut: true,
  });
  if (value === undefined) return;
  if (value.trim() === '') {
    await secrets.delete(SECRET_KEY);
    void vscode.window.showInformationMessage(vscode.l10n.t('The stored API key was removed.'));
  } else {
    await secrets.store(SECRET_KEY, value.trim());
    void vscode.window.showInformationMessage(vscode.l10n.t('The API key was stored in secret storage.'));
  }
}

/** The stored key, else OPENAI_API_KEY, else undefined (keyless local servers work without one). */
export async function getApiKey(secrets: vscode.SecretStorage): Promise<string | undefined> {
  return (await secrets.get(SECRET_KEY)) || process.env.OPENAI_API_KEY || undefined;
}
