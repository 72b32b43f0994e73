// The `medco.items` tree: language (native + English name) → task → item, each item with its
// rating status for the current annotator. Rebuilt from the session on every change; VS Code keeps
// expansion and selection because every node has a stable id.
import * as vscode from 'vscode';
import type { DatasetItem } from '../../core/types';
import type { ReviewSession } from '../session';
import type { ItemStatus } from './itemStatus';
import { languageLabel } from '../../core/dataset/languages';

export type ItemsNode =
  | { kind: 'language'; lang: string }
  | { kind: 'task'; lang: string; task: string }
  | { kind: 'item'; item: DatasetItem };

const STATUS_ICON: Record<ItemStatus, vscode.ThemeIcon> = {
  rated: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  partial: new vscode.ThemeIcon('circle-large-filled', new vscode.ThemeColor('charts.yellow')),
  unrated: new vscode.ThemeIcon('circle-large-outline'),
  stale: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
};

function statusText(s: ItemStatus): string {
  switch (s) {
    case 'rated':
      return vscode.l10n.t('rated');
    case 'partial':
      return vscode.l10n.t('partly rated');
    case 'stale':
      return vscode.l10n.t('trace changed since you rated it');
    default:
      return vscode.l10n.t('unrated');
  }
}

export function taskLabel(task: string): string {
  if (task === 'qa') return vscode.l10n.t('Question answering (QA)');
  if (task === 'nli') return vscode.l10n.t('Inference (NLI)');
  if (task === 'mcq') return vscode.l10n.t('Multiple choice (MCQ)');
  return task;
}

/** One line of the item's question, for the tree's description: untrusted, shown as plain text. */
function firstLine(item: DatasetItem): string {
  const text = (item.local.question || item.local.premise || item.text).replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

export class ItemsTreeProvider implements vscode.TreeDataProvider<ItemsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ItemsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** Nodes are cached by id so that reveal() and getParent() see the same objects as the tree. */
  private nodes = new Map<string, ItemsNode>();

  constructor(private readonly session: ReviewSession) {
    this.subscription = session.onDidChange(() => {
      this.nodes.clear();
      this.changed.fire(undefined);
    });
  }

  private node(n: ItemsNode): ItemsNode {
    const id = nodeId(n);
    const cached = this.nodes.get(id);
    if (cached) return cached;
    this.nodes.set(id, n);
    return n;
  }

  itemNode(itemId: string): ItemsNode | undefined {
    const item = this.session.item(itemId);
    return item ? this.node({ kind: 'item', item }) : undefined;
  }

  getChildren(parent?: ItemsNode): ItemsNode[] {
    const items = this.session.items;
    if (!parent) {
      return unique(items.map((i) => i.lang)).map((lang) => this.node({ kind: 'language', lang }));
    }
    if (parent.kind === 'language') {
      const tasks = unique(items.filter((i) => i.lang === parent.lang).map((i) => i.task));
      return tasks.map((task) => this.node({ kind: 'task', lang: parent.lang, task }));
    }
    if (parent.kind === 'task') {
      return items
        .filter((i) => i.lang === parent.lang && i.task === parent.task)
        .map((item) => this.node({ kind: 'item', item }));
    }
    return [];
  }

  getParent(n: ItemsNode): ItemsNode | undefined {
    if (n.kind === 'item') return this.node({ kind: 'task', lang: n.item.lang, task: n.item.task });
    if (n.kind === 'task') return this.node({ kind: 'language', lang: n.lang });
    return undefined;
  }

  getTreeItem(n: ItemsNode): vscode.TreeItem {
    const session = this.session;
    if (n.kind === 'item') {
      const status = session.status(n.item.id);
      const t = new vscode.TreeItem(n.item.id, vscode.TreeItemCollapsibleState.None);
      t.id = nodeId(n);
      t.description = firstLine(n.item);
      t.iconPath = STATUS_ICON[status];
      // Dataset text goes in as text: appendText escapes Markdown, and the string is not trusted.
      const tip = new vscode.MarkdownString();
      tip.appendMarkdown('**').appendText(n.item.id).appendMarkdown('** · ').appendText(statusText(status));
      tip.appendMarkdown('\n\n').appendText(firstLine(n.item));
      if (!session.hasTrace(n.item.id)) tip.appendMarkdown('\n\n').appendText(vscode.l10n.t('No trace yet: run co-reasoning.'));
      t.tooltip = tip;
      t.accessibilityInformation = { label: `${n.item.id}, ${statusText(status)}` };
      t.contextValue = `medco.item.${status}`;
      t.command = { command: 'medco.openItem', title: vscode.l10n.t('Open Item'), arguments: [n.item.id] };
      return t;
    }
    const members = session.items.filter((i) => i.lang === n.lang && (n.kind === 'language' || i.task === n.task));
    const c = session.counts(members);
    const label = n.kind === 'language' ? languageLabel(n.lang) : taskLabel(n.task);
    // One language: open it. Several: keep them closed, since a physician usually rates one of them.
    const expand = n.kind === 'language' && new Set(session.items.map((i) => i.lang)).size === 1;
    const t = new vscode.TreeItem(
      label,
      expand ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    t.id = nodeId(n);
    t.description = vscode.l10n.t('{0}/{1} rated', c.rated, c.total);
    t.iconPath = new vscode.ThemeIcon(n.kind === 'language' ? 'globe' : 'symbol-folder');
    t.tooltip = vscode.l10n.t('{0} rated, {1} partly rated, {2} stale, {3} unrated', c.rated, c.partial, c.stale, c.unrated);
    t.contextValue = `medco.${n.kind}`;
    return t;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function nodeId(n: ItemsNode): string {
  if (n.kind === 'language') return `lang:${n.lang}`;
  if (n.kind === 'task') return `task:${n.lang}:${n.task}`;
  return `item:${n.item.id}`;
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
