// Med-CoReasoner: Test Connection. Runs the checks of src/core/llm/testConnection.ts against the
// configured endpoint and shows, per step, what works: a summary notification and the details in
// the output channel. The key is never shown (the report redacts it).
import * as vscode from 'vscode';
import { testConnection, type CheckResult } from '../../core/llm/testConnection';
import { readEndpointSettings } from './endpointSettings';

export async function testConnectionCommand(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
  let settings;
  try {
    settings = await readEndpointSettings(context.secrets);
  } catch (err) {
    void vscode.window.showErrorMessage((err as Error).message);
    return;
  }
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing the connection to {0}…', settings.baseUrl) },
    () => testConnection({ ...settings, embeddingModel: settings.configuredEmbeddingModel }),
  );
  const mark = (c: CheckResult): string => (!c.tried ? '–' : c.ok ? '✓' : '✗');
  output.info(`test connection: ${report.baseUrl} (model ${report.model}, embeddings ${report.embeddingModel ?? 'none'}${settings.apiVersion ? `, Azure api-version ${settings.apiVersion}` : ''})`);
  output.info(`  ${mark(report.models)} models: ${report.models.detail}`);
  output.info(`  ${mark(report.chat)} chat: ${report.chat.detail}`);
  output.info(`  ${mark(report.embeddings)} embeddings: ${report.embeddings.detail}`);
  const lines = [
    vscode.l10n.t('Model list: {0}', `${mark(report.models)} ${report.models.detail}`),
    vscode.l10n.t('Chat: {0}', `${mark(report.chat)} ${report.chat.detail}`),
    vscode.l10n.t('Embeddings: {0}', `${mark(report.embeddings)} ${report.embeddings.detail}`),
  ].join(' · ');
  const show = vscode.l10n.t('Show Details');
  const choice = report.ok
    ? await vscode.window.showInformationMessage(vscode.l10n.t('The endpoint works: {0}', lines), show)
    : await vscode.window.showWarningMessage(vscode.l10n.t('The endpoint does not work yet: {0}', lines), show);
  if (choice === show) output.show(true);
}
