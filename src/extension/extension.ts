// Activation: wires the core (datasets, traces, annotation store) to VS Code's views and commands.
// Each piece lives in its own module; this file only creates them and registers their commands.
import * as vscode from 'vscode';
import path from 'node:path';
import { ReviewSession } from './session';
import { ItemsTreeProvider, taskLabel, type ItemsNode } from './items/itemsTree';
import { ItemSearchIndex, snippet } from './items/itemSearch';
import { languageLabel } from '../core/dataset/languages';
import { ReviewPanelHost } from './review/reviewPanel';
import { RatingStatusBar } from './statusBar';
import { ProblemsReporter } from './problemsView';
import { askForAnnotator, configuredAnnotator } from './workspace/annotator';
import { findDataset } from './workspace/findDataset';
import { configuredReviewRun, REVIEW_RUN_SETTINGS } from './workspace/reviewRunSetting';
import { configuredAnnotationsDir, configuredRubricFile, workspaceFolderFor } from './workspace/workspacePaths';
import { setApiKey } from './reasoning/apiKey';
import { resumeBatchRunCommand, runCoReasoningCommand } from './reasoning/runCoReasoning';
import { testConnectionCommand } from './reasoning/testConnectionCommand';
import { openSampleWorkspace, showAnnotationFile } from './workspace/openSample';
import { watchSessionFiles } from './workspace/fileWatchers';
import { registerCuration } from './curation/registerCuration';
import { registerStudyProgress } from './study/studyProgressView';
import { registerStatistics } from './stats/registerStatistics';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Med-CoReasoner', { log: true });
  const session = new ReviewSession();
  const problems = new ProblemsReporter(output);
  const tree = new ItemsTreeProvider(session);
  const treeView = vscode.window.createTreeView('medco.items', { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  const ensureAnnotator = async (): Promise<string | undefined> => {
    const id = await askForAnnotator();
    if (id && id !== session.annotator) await session.setAnnotator(id);
    return id;
  };
  // A restored panel opens the workspace's dataset without asking (requireDataset is declared below).
  const panel = new ReviewPanelHost(context, session, ensureAnnotator, output, () => requireDataset(false));
  const statusBar = new RatingStatusBar(session);
  let fileWatch: vscode.Disposable = { dispose: () => undefined };
  context.subscriptions.push(output, session, problems, tree, treeView, panel, statusBar, { dispose: () => fileWatch.dispose() });

  // Open Item searches a prebuilt index (itemSearch.ts): built in the background once a dataset is
  // open, rebuilt for the items a change names, wholly after a reload.
  const searchIndex = new ItemSearchIndex(() => ({ items: session.items, trace: (id) => session.peekTrace(id), entry: (id) => session.entry(id) }));
  context.subscriptions.push(
    session.onDidChange((e) => {
      searchIndex.invalidate(e.itemIds);
      if (!e.itemIds && session.isOpen) setTimeout(() => void searchIndex.warm(), 0);
    }),
  );

  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'medco.datasetOpen', session.isOpen);
  };

  /** Opens a dataset file; its problems are shown, never block the load. */
  const openDataset = async (file: string): Promise<boolean> => {
    const folder = workspaceFolderFor(file);
    const annotationsDir = configuredAnnotationsDir(folder) ?? path.join(path.dirname(file), 'annotations');
    const rubricFile = configuredRubricFile(folder);
    try {
      session.annotator = configuredAnnotator();
      await session.open(file, annotationsDir, rubricFile, configuredReviewRun(folder));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      output.error(`${file}: ${reason}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not open {0}: {1}', path.basename(file), reason));
      return false;
    }
    output.info(`opened ${file}: ${session.items.length} items`);
    problems.report(session.problems(), (p) => session.isError(p));
    const errorCount = session.problems().filter((p) => session.isError(p)).length;
    if (errorCount > 0) {
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t('{0}: {1} rows could not be loaded; the other {2} items are open.', path.basename(file), errorCount, session.items.length),
          vscode.l10n.t('Show Problems'),
        )
        .then((choice) => choice && vscode.commands.executeCommand('workbench.actions.view.problems'));
    }
    fileWatch.dispose();
    fileWatch = watchSessionFiles(session, () => problems.report(session.problems(), (p) => session.isError(p)));
    updateContext();
    return true;
  };

  // Activation, a restored panel and a first command may all want the workspace's dataset at once:
  // they share one load.
  let autoOpen: Promise<boolean> | undefined;
  const openWorkspaceDataset = (): Promise<boolean> => {
    autoOpen ??= findDataset()
      .then((file) => (file ? openDataset(file) : false))
      .then((ok) => {
        if (!ok) autoOpen = undefined; // nothing found yet: a later call looks again
        return ok;
      });
    return autoOpen;
  };

  /** Opens the workspace's dataset if none is open; asks with a file picker only when `interactive`. */
  const requireDataset = async (interactive = true): Promise<boolean> => {
    if (session.isOpen) return true;
    if (await openWorkspaceDataset()) return true;
    if (!interactive) return false;
    await vscode.commands.executeCommand('medco.openDataset');
    return session.isOpen;
  };

  const revealInTree = (itemId: string | undefined): void => {
    const node = itemId ? tree.itemNode(itemId) : undefined;
    if (node && treeView.visible) void treeView.reveal(node, { select: true, focus: false }).then(undefined, () => undefined);
  };
  context.subscriptions.push(panel.onDidChangeCurrentItem(revealInTree));

  const register = (id: string, fn: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };

  register('medco.openDataset', async (uri?: vscode.Uri) => {
    let file = uri instanceof vscode.Uri ? uri.fsPath : undefined;
    if (!file) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        defaultUri: workspaceFolderFor()?.uri,
        openLabel: vscode.l10n.t('Open Dataset'),
        filters: { [vscode.l10n.t('MultiMed-X datasets')]: ['jsonl', 'json', 'xlsx', 'csv', 'parquet'] },
      });
      file = picked?.[0]?.fsPath;
    }
    if (file) await openDataset(file);
  });

  /**
   * The Open Item picker: each typed query is matched against every item's whole text, traces and
   * the annotator's comments (itemSearch.ts); matches are always shown, with an excerpt of the hit.
   */
  const pickItem = (): Promise<string | undefined> => {
    const docs = searchIndex.documents();
    const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { itemId: string }>();
    quickPick.title = vscode.l10n.t('Open Item');
    quickPick.placeholder = vscode.l10n.t('Item id, language, question, trace or comment text');
    quickPick.matchOnDescription = true;
    const update = (query: string): void => {
      const searching = query.trim() !== '';
      const folded = query.trim().toLowerCase();
      quickPick.items = searchIndex
        .search(query)
        // An item whose id is typed comes first, so Enter opens it.
        .sort((a, b) => Number(b.item.id.toLowerCase().includes(folded)) - Number(a.item.id.toLowerCase().includes(folded)))
        .map(({ item, doc }) => ({
          label: item.id,
          description: `${languageLabel(item.lang)} · ${taskLabel(item.task)}`,
          detail: searching ? snippet(doc, query) : (item.local.question || item.local.premise || '').replace(/\s+/g, ' ').slice(0, 120),
          // Matched on text the picker's own filter does not see: shown whatever it would filter. Not
          // the unfiltered list, though: until our results for a new query arrive, the picker's own
          // filter narrows it, so Enter typed at once never opens the first item of all.
          alwaysShow: searching,
          itemId: item.id,
        }));
    };
    update('');
    return new Promise((resolve) => {
      let chosen: string | undefined;
      quickPick.onDidChangeValue(update);
      quickPick.onDidAccept(() => {
        // Enter can land while a query's results replace the list: the selection is then empty,
        // and the active row (or an item id typed in full) is what the user meant.
        const typed = quickPick.value.trim();
        chosen = (quickPick.selectedItems[0] ?? quickPick.activeItems[0])?.itemId ?? docs.find(({ item }) => item.id === typed)?.item.id;
        quickPick.hide();
      });
      quickPick.onDidHide(() => {
        quickPick.dispose();
        resolve(chosen);
      });
      quickPick.show();
    });
  };

  register('medco.openItem', async (arg?: string | ItemsNode) => {
    if (!(await requireDataset())) return;
    let itemId = typeof arg === 'string' ? arg : arg?.kind === 'item' ? arg.item.id : undefined;
    if (!itemId) itemId = await pickItem();
    if (itemId) await panel.show(itemId);
  });

  register('medco.nextItem', async () => {
    if (await requireDataset()) await panel.navigate('next');
  });
  register('medco.previousItem', async () => {
    if (await requireDataset()) await panel.navigate('previous');
  });
  register('medco.nextUnratedItem', async () => {
    if (await requireDataset()) await panel.navigate('nextUnrated');
  });
  register('medco.saveAndNext', () => panel.saveAndNext());
  register('medco.refresh', async () => {
    if (session.paths) await openDataset(session.paths.dataset);
    else await requireDataset();
  });
  register('medco.setApiKey', () => setApiKey(context.secrets));
  register('medco.testConnection', () => testConnectionCommand(context, output));
  register('medco.openSampleWorkspace', () => openSampleWorkspace(context));
  register('medco.showAnnotationFile', async () => {
    if (await requireDataset()) await showAnnotationFile(session.annotationFile);
  });
  // A third argument names the configuration (for scripts and tests); otherwise a picker asks.
  register('medco.runCoReasoning', (node?: ItemsNode, nodes?: ItemsNode[], configuration?: unknown) =>
    runCoReasoningCommand({
      configuration: typeof configuration === 'string' ? configuration : undefined,
      context,
      session,
      panel,
      output,
      // From the tree's context menu VS Code passes the clicked node and the selection; from the palette, nothing.
      targets: nodes ?? (node ? [node] : []),
      treeSelection: treeView.selection,
    }),
  );

  register('medco.resumeBatchRun', () =>
    resumeBatchRunCommand({ context, session, panel, output, targets: [], treeSelection: treeView.selection }),
  );

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('medco.annotator.id')) await session.setAnnotator(configuredAnnotator());
      if (session.paths && REVIEW_RUN_SETTINGS.some((key) => e.affectsConfiguration(key))) {
        await session.setReviewRun(configuredReviewRun(workspaceFolderFor(session.paths.dataset)));
      }
      if (session.paths && (e.affectsConfiguration('medco.annotationsDir') || e.affectsConfiguration('medco.rubricFile') || e.affectsConfiguration('medco.dataset'))) {
        const next = e.affectsConfiguration('medco.dataset') ? await findDataset() : session.paths.dataset;
        if (next) await openDataset(next);
      }
    }),
  );

  registerCuration(context, session, output);
  registerStudyProgress(context, session, output);
  registerStatistics(context, session, output);

  updateContext();
  // Open the workspace's dataset without blocking activation: the tree fills in when it is loaded.
  void openWorkspaceDataset();
}

export function deactivate(): void {}
