// Status bar: "rated / total" for the current annotator and dataset; a click opens the next
// unrated item.
import * as vscode from 'vscode';
import type { ReviewSession } from './session';

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
    this.item.text = `$(checklist) ${c.rated}/${c.total}`;
    const who = this.session.annotator ?? vscode.l10n.t('(no annotator id)');
    this.item.tooltip = vscode.l10n.t(
      '{0}: {1} of {2} items rated in {3} ({4} partly rated, {5} stale). Click for the next unrated item.',
      who,
      c.rated,
      c.total,
      this.session.dataset?.name ?? '',
      c.partial,
      c.stale,
    );
    this.item.accessibilityInformation = { label: vscode.l10n.t('{0} of {1} items rated', c.rated, c.total) };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
