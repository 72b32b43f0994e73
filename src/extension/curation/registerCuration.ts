// Wires curation into VS Code: the `medco.disagreements` tree, `medco.openAdjudication`, the queue
// filters (quick picks for language, task, dimension, status) and the adjudication panel.
import * as vscode from 'vscode';
import { CURATION_STATUSES, type CurationStatus, type QueueFilter } from '../../core/adjudication/disagreements';
import { groupQueueByItem } from '../../core/adjudication/disagreements';
import { CurationModel, type CurationSource } from './curationModel';
import { DisagreementsTreeProvider, type DisagreementNode } from './disagreementsTree';
import { AdjudicationPanelHost } from './adjudicationPanel';
import type { ReviewSession } from '../session';
import { askForAnnotator } from '../workspace/annotator';
import { configuredAnnotationsDir } from '../workspace/workspacePaths';

export interface CurationDeps {
  source: CurationSource;
  /** Asks for (or returns) the curator's id. */
  adjudicator: () => Promise<string | undefined>;
  output: vscode.LogOutputChannel;
  /** Fires when the review session opened or reloaded: the dataset or folder may have changed. */
  onSessionChange?: vscode.Event<unknown>;
}

type FilterKey = 'lang' | 'task' | 'dimension' | 'status';

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

async function pickFilter(model: CurationModel): Promise<QueueFilter | undefined> {
  const keys: { label: string; key: FilterKey | 'clear' }[] = [
    { label: vscode.l10n.t('Language'), key: 'lang' },
    { label: vscode.l10n.t('Task'), key: 'task' },
    { label: vscode.l10n.t('Dimension'), key: 'dimension' },
    { label: vscode.l10n.t('Status'), key: 'status' },
    { label: vscode.l10n.t('Clear all filters'), key: 'clear' },
  ];
  const which = await vscode.window.showQuickPick(
    keys.map((k) => ({ ...k, description: k.key !== 'clear' ? describe(model.filter[k.key]) : undefined })),
    { title: vscode.l10n.t('Filter the disagreements by') },
  );
  if (!which) return undefined;
  if (which.key === 'clear') return {};
  const key = which.key;
  const options =
    key === 'status'
      ? [...CURATION_STATUSES]
      : distinct(model.curations.map((c) => (key === 'lang' ? c.lang : key === 'task' ? c.task : c.dimension)));
  const current = new Set(asArray(model.filter[key]));
  const picked = await vscode.window.showQuickPick(
    options.map((o) => ({ label: o, picked: current.has(o) })),
    { canPickMany: true, title: vscode.l10n.t('Show only (none selected: all)') },
  );
  if (!picked) return undefined;
  const values = picked.map((p) => p.label);
  const next: QueueFilter = { ...model.filter };
  if (values.length === 0) delete next[key];
  else if (key === 'status') next.status = values as CurationStatus[];
  else next[key] = values;
  return next;
}

function asArray(v: string | readonly string[] | undefined): string[] {
  return v === undefined ? [] : typeof v === 'string' ? [v] : [...v];
}

function describe(v: string | readonly string[] | undefined): string | undefined {
  const values = asArray(v);
  return values.length ? values.join(', ') : undefined;
}

/** Curation over the review session: same dataset, items, traces and rubric as the review panel. */
export function registerCuration(
  context: vscode.ExtensionContext,
  session: ReviewSession,
  output: vscode.LogOutputChannel,
): CurationModel {
  return registerCurationWith(context, {
    source: {
      annotationsDir: () => session.paths?.annotationsDir ?? configuredAnnotationsDir(),
      datasetName: () => session.dataset?.name,
      item: (id) => session.item(id),
      trace: (id) => session.trace(id),
      rubricDimensions: () => session.rubric?.dimensions,
    },
    adjudicator: askForAnnotator,
    output,
    onSessionChange: session.onDidChange,
  });
}

export function registerCurationWith(context: vscode.ExtensionContext, deps: CurationDeps): CurationModel {
  const model = new CurationModel(deps.source);
  const tree = new DisagreementsTreeProvider(model);
  const treeView = vscode.window.createTreeView('medco.disagreements', { treeDataProvider: tree, showCollapseAll: true });
  const panel = new AdjudicationPanelHost(context, model, deps.source, deps.adjudicator, deps.output);
  const reload = () => model.reload().catch((err: unknown) => deps.output.warn(`curation: ${String(err)}`));

  const updateDescription = () => {
    const parts = [model.filter.lang, model.filter.task, model.filter.dimension, model.filter.status].map(describe).filter(Boolean);
    treeView.description = parts.length ? vscode.l10n.t('filtered: {0}', parts.join(' · ')) : undefined;
    const problems = model.problems.length;
    treeView.message = problems
      ? vscode.l10n.t('{0} annotation files could not be read: {1}', problems, model.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('; '))
      : undefined;
  };

  context.subscriptions.push(
    model,
    tree,
    treeView,
    panel,
    model.onDidChange(updateDescription),
    vscode.commands.registerCommand('medco.openAdjudication', async (arg?: string | DisagreementNode) => {
      await model.loaded();
      let itemId =
        typeof arg === 'string' ? arg : arg?.kind === 'item' ? arg.item.itemId : arg?.kind === 'dimension' ? arg.curation.itemId : undefined;
      if (!itemId) {
        const selected = treeView.selection[0];
        itemId = selected?.kind === 'item' ? selected.item.itemId : selected?.curation.itemId;
      }
      if (!itemId) itemId = await pickQueueItem(model);
      if (!itemId) return;
      panel.show(itemId);
    }),
    vscode.commands.registerCommand('medco.filterDisagreements', async () => {
      const next = await pickFilter(model);
      if (next) model.setFilter(next);
    }),
    vscode.commands.registerCommand('medco.clearDisagreementFilters', () => model.setFilter({})),
    vscode.commands.registerCommand('medco.refreshDisagreements', reload),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('medco.annotationsDir') || e.affectsConfiguration('medco.rubricFile')) void reload();
    }),
  );
  if (deps.onSessionChange) context.subscriptions.push(deps.onSessionChange(() => void reload()));
  void reload();
  return model;
}

/**
 * Asks which item to adjudicate, largest disagreement first. The list follows the model: right
 * after the window opens the dataset may still be loading, and its items appear as they load.
 */
async function pickQueueItem(model: CurationModel): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.title = vscode.l10n.t('Adjudicate which item?');
  const fill = () => {
    pick.items = groupQueueByItem(model.queue).map((i) => ({ label: i.itemId, description: `${i.lang} · ${i.task} · ${i.dimensions[0].status}` }));
    pick.placeholder = pick.items.length === 0 ? vscode.l10n.t('No rated items yet.') : undefined;
  };
  fill();
  const subscription = model.onDidChange(fill);
  try {
    return await new Promise<string | undefined>((resolve) => {
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0]?.label);
        pick.hide();
      });
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
  } finally {
    subscription.dispose();
    pick.dispose();
  }
}
