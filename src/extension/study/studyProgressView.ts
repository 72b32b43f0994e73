// The curator's `medco.studyProgress` tree: per annotator of the dataset's study, items done of
// assigned, median time per item and agreement on the calibration items; the study's calibration
// alpha per dimension; judgements outside an assignment (kept); problems of the study file. The
// figures are `medco study status --json`'s (readStudyStatus → progressModel); this file only
// localizes and draws them, and reloads when annotation files or `_study.json` change.
import * as vscode from 'vscode';
import { durationParts, formatShare, progressModel, readStudyStatus, type ProgressModel, type ProgressRow } from '../../core/study';
import type { SourceProblem } from '../../core/types';
import type { ReviewSession } from '../session';

type AnnotatorRow = Extract<ProgressRow, { kind: 'annotator' }>;

export type ProgressNode =
  | { kind: 'annotator'; row: AnnotatorRow }
  | { kind: 'detail'; id: string; label: string; description?: string; icon: string; tooltip?: string }
  | { kind: 'group'; group: 'calibration' | 'outside' | 'problems' }
  | { kind: 'problem'; problem: SourceProblem };

/** What the view shows: nothing open, no study (welcome text), an unreadable study, or the figures. */
export type ProgressState =
  | { state: 'none' }
  | { state: 'invalid'; problem: SourceProblem }
  | { state: 'ok'; model: ProgressModel; annotationProblems: SourceProblem[] };

function duration(ms: number | null): string {
  if (ms === null) return vscode.l10n.t('no time recorded');
  const { amount, unit } = durationParts(ms);
  return unit === 's' ? vscode.l10n.t('{0} s', amount) : unit === 'min' ? vscode.l10n.t('{0} min', amount) : vscode.l10n.t('{0} h', amount);
}

/** "ref 75% · others 60%" — the parts that have something to compare. */
function agreementSummary(row: AnnotatorRow): string | undefined {
  const parts: string[] = [];
  const ref = formatShare(row.withReference.exact);
  const others = formatShare(row.withOthers.exact);
  if (ref) parts.push(vscode.l10n.t('reference {0}', ref));
  if (others) parts.push(vscode.l10n.t('others {0}', others));
  return parts.length ? vscode.l10n.t('calibration: {0}', parts.join(', ')) : undefined;
}

function annotatorDetails(row: AnnotatorRow): ProgressNode[] {
  const id = (k: string) => `${row.id}:${k}`;
  const details: ProgressNode[] = [
    { kind: 'detail', id: id('done'), label: vscode.l10n.t('Done'), description: vscode.l10n.t('{0} of {1} ({2}%)', row.done, row.assigned, Math.round(row.fraction * 100)), icon: 'checklist' },
    { kind: 'detail', id: id('median'), label: vscode.l10n.t('Median time per item'), description: duration(row.medianMs), icon: 'watch' },
  ];
  if (row.calibrationItems > 0) {
    details.push({ kind: 'detail', id: id('calibration'), label: vscode.l10n.t('Calibration items rated'), description: vscode.l10n.t('{0} of {1}', row.calibrationDone, row.calibrationItems), icon: 'beaker' });
    const share = (a: { exact: number | null; compared: number }) =>
      a.exact === null ? vscode.l10n.t('nothing to compare yet') : vscode.l10n.t('{0} exact ({1} values compared)', formatShare(a.exact)!, a.compared);
    details.push(
      { kind: 'detail', id: id('reference'), label: vscode.l10n.t('Agreement with the reference'), description: share(row.withReference), icon: 'target' },
      { kind: 'detail', id: id('others'), label: vscode.l10n.t('Agreement with the other annotators'), description: share(row.withOthers), icon: 'organization' },
    );
  }
  if (row.outside.length > 0) {
    details.push({
      kind: 'detail',
      id: id('outside'),
      label: vscode.l10n.t('Outside the assignment (kept)'),
      description: row.outside.join(', '),
      icon: 'warning',
      tooltip: vscode.l10n.t('Judged items no longer assigned to {0}: kept in their file, never deleted.', row.id),
    });
  }
  return details;
}

export class StudyProgressProvider implements vscode.TreeDataProvider<ProgressNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ProgressNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  current: ProgressState = { state: 'none' };

  set(state: ProgressState): void {
    this.current = state;
    this.changed.fire(undefined);
  }

  getChildren(node?: ProgressNode): ProgressNode[] {
    if (this.current.state !== 'ok') return [];
    const { model } = this.current;
    if (!node) {
      return [
        ...model.annotators.map((row): ProgressNode => ({ kind: 'annotator', row })),
        ...(model.calibration.length ? [{ kind: 'group', group: 'calibration' } as const] : []),
        ...(model.outside.length ? [{ kind: 'group', group: 'outside' } as const] : []),
        ...(model.problems.length ? [{ kind: 'group', group: 'problems' } as const] : []),
      ];
    }
    if (node.kind === 'annotator') return annotatorDetails(node.row);
    if (node.kind !== 'group') return [];
    switch (node.group) {
      case 'calibration':
        return model.calibration.map((c) => ({
          kind: 'detail',
          id: `calibration:${c.dimension}`,
          label: c.dimension,
          description:
            c.alpha === null
              ? vscode.l10n.t('α n/a ({0})', c.reason ?? vscode.l10n.t('too few judgements'))
              : vscode.l10n.t('α {0} ({1}, {2} items)', c.alpha.toFixed(2), c.level, c.items),
          icon: 'graph',
        }));
      case 'outside':
        return model.outside.map((o) => ({ kind: 'detail', id: `outside:${o.annotator}`, label: o.annotator, description: o.items.join(', '), icon: 'warning' }));
      case 'problems':
        return model.problems.map((p) => ({ kind: 'problem', problem: p }));
    }
  }

  getTreeItem(node: ProgressNode): vscode.TreeItem {
    switch (node.kind) {
      case 'annotator': {
        const row = node.row;
        const item = new vscode.TreeItem(row.id, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `annotator:${row.id}`;
        item.description = [
          vscode.l10n.t('{0}/{1} done', row.done, row.assigned),
          row.medianMs === null ? undefined : vscode.l10n.t('median {0}', duration(row.medianMs)),
          agreementSummary(row),
        ].filter(Boolean).join(' · ');
        item.tooltip = annotatorDetails(row).map((d) => (d.kind === 'detail' ? `${d.label}: ${d.description ?? ''}` : '')).join('\n');
        item.iconPath = new vscode.ThemeIcon(
          row.assigned > 0 && row.done === row.assigned ? 'pass-filled' : row.done > 0 ? 'person' : 'circle-large-outline',
          row.assigned > 0 && row.done === row.assigned ? new vscode.ThemeColor('testing.iconPassed') : undefined,
        );
        item.contextValue = 'medco.studyAnnotator';
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = `detail:${node.id}`;
        item.description = node.description;
        item.tooltip = node.tooltip ?? (node.description ? `${node.label}: ${node.description}` : node.label);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        return item;
      }
      case 'group': {
        const label = {
          calibration: vscode.l10n.t('Calibration agreement (Krippendorff\'s α)'),
          outside: vscode.l10n.t('Judgements outside an assignment (kept)'),
          problems: vscode.l10n.t('Problems of the study file'),
        }[node.group];
        const item = new vscode.TreeItem(label, node.group === 'calibration' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
        item.id = `group:${node.group}`;
        item.iconPath = new vscode.ThemeIcon(node.group === 'calibration' ? 'beaker' : 'warning');
        return item;
      }
      case 'problem': {
        const p = node.problem;
        const item = new vscode.TreeItem(p.message, vscode.TreeItemCollapsibleState.None);
        item.description = vscode.l10n.t('line {0}', p.line);
        item.tooltip = `${p.file}:${p.line}: ${p.message}`;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        const line = Math.max(0, p.line - 1);
        item.command = {
          command: 'vscode.open',
          title: vscode.l10n.t('Open'),
          arguments: [vscode.Uri.file(p.file), { selection: new vscode.Range(line, 0, line, 0) }],
        };
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Reads the study of the session's dataset (checked against its items) into a view state. */
export async function loadProgress(session: ReviewSession): Promise<ProgressState> {
  if (!session.paths || !session.dataset) return { state: 'none' };
  const items = session.dataset.items.map((i) => ({ id: i.id, lang: i.lang, task: i.task }));
  const read = await readStudyStatus(session.paths.annotationsDir, session.dataset.name, items);
  if (read.status === 'missing') return { state: 'none' };
  if (read.status === 'invalid') return { state: 'invalid', problem: read.error.toProblem() };
  return { state: 'ok', model: progressModel(read.result, read.studyProblems), annotationProblems: read.annotationProblems };
}

export function registerStudyProgress(context: vscode.ExtensionContext, session: ReviewSession, output: vscode.LogOutputChannel): StudyProgressProvider {
  const provider = new StudyProgressProvider();
  const view = vscode.window.createTreeView('medco.studyProgress', { treeDataProvider: provider, showCollapseAll: true });
  let generation = 0;
  /** Set when something changed while the view was hidden: reading every annotator file waits until it is shown. */
  let stale = true;

  const reload = async (): Promise<void> => {
    if (!view.visible) {
      stale = true;
      return;
    }
    stale = false;
    const mine = ++generation;
    let state: ProgressState;
    try {
      state = await loadProgress(session);
    } catch (err) {
      output.warn(`study progress: ${String(err)}`);
      state = { state: 'none' };
    }
    if (mine !== generation) return; // a newer reload started meanwhile
    provider.set(state);
    void vscode.commands.executeCommand('setContext', 'medco.studyOpen', state.state === 'ok');
    if (state.state === 'ok') {
      const m = state.model;
      view.description = vscode.l10n.t('{0}/{1} done', m.done, m.assigned);
      view.message = state.annotationProblems.length
        ? vscode.l10n.t('{0} annotation files could not be read: {1}', state.annotationProblems.length, state.annotationProblems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('; '))
        : undefined;
    } else {
      view.description = undefined;
      view.message = state.state === 'invalid' ? `${state.problem.file}:${state.problem.line}: ${state.problem.message}` : undefined;
    }
  };
  const reloadLogged = () => void reload().catch((err: unknown) => output.warn(`study progress: ${String(err)}`));

  context.subscriptions.push(
    provider,
    view,
    // The session reloads when an annotation file or `_study.json` changes (workspace/fileWatchers.ts).
    session.onDidChange(reloadLogged),
    view.onDidChangeVisibility((e) => {
      if (e.visible && stale) reloadLogged();
    }),
    vscode.commands.registerCommand('medco.refreshStudyProgress', () => {
      stale = true;
      return reload();
    }),
  );
  reloadLogged();
  return provider;
}
