// The configuration picker of Run Co-Reasoning: the named pipeline configurations of
// src/core/pipeline/configurations.ts, each with a localized one-line description.
import * as vscode from 'vscode';
import { CONFIGURATION_NAMES, DEFAULT_CONFIGURATION, type ConfigurationName } from '../../core/pipeline/configurations';

/** Literal calls, so that the l10n key scanner and the bundles see every description. */
function describe(name: ConfigurationName): string {
  switch (name) {
    case 'coreasoner':
      return vscode.l10n.t('Our pipeline: both reasonings, alignment keeping local-only concepts, local retrieval');
    case 'paper':
      return vscode.l10n.t("The released code's method: neutral prompts, growing-chain fusion, dense retrieval in English and the local language");
    case 'direct':
      return vscode.l10n.t('Baseline: answer directly in the local language');
    case 'cot-local':
      return vscode.l10n.t('Baseline: reason and answer in the local language');
    case 'cot-en':
      return vscode.l10n.t('Baseline: reason in English, answer translated into the local language');
    case 'no-retrieval':
      return vscode.l10n.t('Ablation: no retrieval');
    case 'no-fusion':
      return vscode.l10n.t('Ablation: both reasonings given to the generator, no alignment');
    case 'en-only-concepts':
      return vscode.l10n.t('Ablation: English concepts only');
  }
}

/** The picked configuration's name, or undefined when the picker was dismissed. */
export async function chooseConfiguration(): Promise<ConfigurationName | undefined> {
  type Pick = vscode.QuickPickItem & { name: ConfigurationName };
  const picks: Pick[] = CONFIGURATION_NAMES.map((name) => ({ label: name, detail: describe(name), name, picked: name === DEFAULT_CONFIGURATION }));
  const picked = await vscode.window.showQuickPick(picks, { title: vscode.l10n.t('Pipeline configuration'), matchOnDetail: true });
  return picked?.name;
}
