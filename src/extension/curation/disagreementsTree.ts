// The `medco.disagreements` tree: the adjudication queue, largest disagreement first. An item
// node shows its worst dimension; its children are its dimensions with the values side by side
// (anonymised: A, B, C…). Selecting either opens the adjudication panel.
import * as vscode from 'vscode';
import { groupQueueByItem, type DimensionCuration, type QueueItem } from '../../core/adjudication/disagreements';
import { annotatorsOfItem } from '../../core/adjudication/adjudicationView';
import type { CurationModel } from './curationModel';

export type DisagreementNode = { kind: 'item'; item: QueueItem } | { kind: 'dimension'; curation: DimensionCuration };

export function statusLabel(c: Pick<DimensionCuration, 'status' | 'decisionStale'>): string {
  const base = {
    unanimous: vscode.l10n.t('unanimous'),
    disagreement: vscode.l10n.t('disagreement'),
    adjudicated: vscode.l10n.t('adjudicated'),
    unresolved: vscode.l10n.t('unresolved'),
    insufficient: vscode.l10n.t('one rating'),
  }[c.status];
  return c.decisionStale ? vscode.l10n.t('{0}, stale', base) : base;
}

function statusIcon(c: DimensionCuration): vscode.ThemeIcon {
  if (c.decisionStale) return new vscode.ThemeIcon('history', new vscode.ThemeColor('list.warningForeground'));
  switch (c.status) {
    case 'disagreement':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    case 'unresolved':
      return new vscode.ThemeIcon('question');
    case 'adjudicated':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
    case 'unanimous':
      return new vscode.ThemeIcon('check');
    default:
      return new vscode.ThemeIcon('circle-outline');
  }
}

/**
 * "A=4 B=2 C=n/a" — never names. `labelOf` gives each annotator the label the adjudication panel
 * shows (by position among everyone who rated the item, not only this dimension), so the "B" of
 * the tree is the "B" of the panel.
 */
export function anonymousValues(c: DimensionCuration, labelOf: (annotator: string) => string): string {
  return c.values.map((v) => `${labelOf(v.annotator)}=${v.value ?? 'n/a'}${v.ratingStale ? '*' : ''}`).join(' ');
}

export class DisagreementsTreeProvider implements vscode.TreeDataProvider<DisagreementNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DisagreementNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: CurationModel) {
    this.subscription = model.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: DisagreementNode): DisagreementNode[] {
    if (!node) return groupQueueByItem(this.model.queue).map((item) => ({ kind: 'item', item }));
    if (node.kind === 'item') return node.item.dimensions.map((curation) => ({ kind: 'dimension', curation }));
    return [];
  }

  getTreeItem(node: DisagreementNode): vscode.TreeItem {
    if (node.kind === 'item') {
      const worst = node.item.dimensions[0];
      const tree = new vscode.TreeItem(node.item.itemId, vscode.TreeItemCollapsibleState.Collapsed);
      tree.id = `item:${node.item.itemId}`;
      tree.description = `${node.item.lang} · ${node.item.task} · ${
        worst.spread === null ? statusLabel(worst) : vscode.l10n.t('spread {0}', worst.spread)
      }`;
      tree.iconPath = statusIcon(worst);
      tree.contextValue = 'medco.disagreementItem';
      tree.command = { command: 'medco.openAdjudication', title: vscode.l10n.t('Adjudicate'), arguments: [node.item.itemId] };
      return tree;
    }
    const c = node.curation;
    const labels = new Map(annotatorsOfItem(this.model.annotations, c.itemId).map((a) => [a.id, a.label]));
    const values = anonymousValues(c, (id) => labels.get(id) ?? '?');
    const tree = new vscode.TreeItem(c.dimension, vscode.TreeItemCollapsibleState.None);
    tree.id = `dim:${c.itemId}:${c.dimension}`;
    tree.description = `${values} · ${statusLabel(c)}`;
    tree.tooltip = [
      `${c.itemId} / ${c.dimension}`,
      vscode.l10n.t('values: {0}', values),
      vscode.l10n.t('spread: {0}, SD: {1}', c.spread ?? '–', c.sd === null ? '–' : c.sd.toFixed(2)),
      vscode.l10n.t('status: {0}', statusLabel(c)),
      ...(c.decision ? [vscode.l10n.t('decision: {0} by {1}', c.decision.value ?? '–', c.decision.adjudicator)] : []),
      ...(c.values.some((v) => v.ratingStale) ? [vscode.l10n.t('* rated on an older trace')] : []),
    ].join('\n');
    tree.iconPath = statusIcon(c);
    tree.command = { command: 'medco.openAdjudication', title: vscode.l10n.t('Adjudicate'), arguments: [c.itemId] };
    return tree;
  }

  /** Parent lookup so `TreeView.reveal` can work. */
  getParent(node: DisagreementNode): DisagreementNode | undefined {
    if (node.kind === 'item') return undefined;
    const item = groupQueueByItem(this.model.queue).find((i) => i.itemId === node.curation.itemId);
    return item ? { kind: 'item', item } : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
