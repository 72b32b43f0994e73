// Status bar: "rated / total" for the current annotator and dataset, and the configuration whose
// traces are rated (unless a study hides it); a click opens the next unrated item.
import * as vscode from 'vscode';
import type { ReviewSession } from './session';
import { runLabel } from '../core/traces/reviewRun';

export class RatingStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('medco.progress', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: ReviewSession) {
    this.item.name = vscode.l10n.t('Med-CoReasoner rating progress');
    this.item.command = 'medco.nextUnratedItem';
    this.subscription = session.onDidChange(() => this.update());
    this.update();
  }

  update(): void {
    if (!this.session.isOpen) {
      this.item.hide();
      return;
    }
    const c = this.session.counts();
    const configuration = this.session.shownConfigurationLabel();
    this.item.text = configuration === undefined ? `$(checklist) ${c.rated}/${c.total}` : `$(checklist) ${c.rated}/${c.total} · ${configuration}`;
    const who = this.session.annotator ?? vscode.l10n.t('(no annotator id)');
    const progress = vscode.l10n.t(
      '{0}: {1} of {2} items rated in {3} ({4} partly rated, {5} stale). Click for the next unrated item.',
      who,
      c.rated,
      c.total,
      this.session.dataset?.name ?? '',
      c.partial,
      c.stale,
    );
    this.item.tooltip = configuration === undefined ? progress : `${progress}\n${this.configurationNote(configuration)}`;
    this.item.accessibilityInformation = { label: vscode.l10n.t('{0} of {1} items rated', c.rated, c.total) };
    this.item.show();
  }

  /** Which configuration's traces are shown, and why when the chosen one has none. */
  private configurationNote(configuration: string): string {
    const runs = this.session.traceRuns();
    const shown = this.session.shownRun;
    if (runs.length > 0 && !runs.some((r) => r.config === shown.config && r.round === shown.round)) {
      const held = runs.map((r) => `${runLabel(r)} (${r.traces})`).join(', ');
      return vscode.l10n.t('The traces file has no trace of configuration {0} (setting medco.review.configuration); it holds: {1}.', configuration, held);
    }
    return vscode.l10n.t('Rating the traces of configuration {0} (settings medco.review.configuration and medco.review.round).', configuration);
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
