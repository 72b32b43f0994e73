// The Disagreements view's data, on real annotation folders: what the README promises the tree
// shows (largest disagreement first, anonymised values, stale marks) and what its title bar does
// (filter, clear, refresh). The tree provider and the curation model run unchanged; only the
// `vscode` module is a small stub (vscodeStub.ts).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { installVscodeStub, watchers } from './vscodeStub';
import { annotationFile, entry, tempAnnotationsDir, writeAnnotationFile } from '../curation/fixtures';
import { ADJUDICATION_SCHEMA, type AdjudicationDecision, type AnnotationFile, type Trace } from '../../../src/core/types';
import { traceSha256 } from '../../../src/core/traces';
import type { CurationModel as CurationModelType } from '../../../src/extension/curation/curationModel';
import type { DisagreementNode, DisagreementsTreeProvider as ProviderType } from '../../../src/extension/curation/disagreementsTree';

let CurationModel: typeof CurationModelType;
let DisagreementsTreeProvider: typeof ProviderType;

before(async () => {
  installVscodeStub();
  ({ CurationModel } = await import('../../../src/extension/curation/curationModel'));
  ({ DisagreementsTreeProvider } = await import('../../../src/extension/curation/disagreementsTree'));
});

const DATASET = 'multimedx-ja';
const CS = 'clinical_soundness';
const CG = 'cultural_grounding';
// Ids that must never show in the tree; labels follow id order: alice A, mike B, zed C.
const ALICE = 'dr-alice-tanaka';
const MIKE = 'dr-mike-sato';
const ZED = 'dr-zed-kimura';
const IDS = [ALICE, MIKE, ZED];

/** A trace object for an item; its hash is what a fresh rating carries. */
function trace(itemId: string, text: string): Trace {
  return { schema: 'medco.trace/1', id: `t-${itemId}`, itemId, lang: 'ja', english: { reasoning: text } } as unknown as Trace;
}
const TRACES = new Map([['qa-ja-001', trace('qa-ja-001', 'current reasoning')]]);
const CURRENT = traceSha256(TRACES.get('qa-ja-001')!);

function decision(value: number, basedOn: Record<string, number>): AdjudicationDecision {
  return { value, status: 'adjudicated', adjudicator: 'curator', rationale: 'r', decidedAt: '2026-11-21T12:00:00.000Z', basedOn, revision: 1, history: [] };
}

/**
 * qa-ja-001: clinical soundness 1 / 3 / 4 (spread 3), Alice's rating made on an older trace;
 *            cultural grounding rated by Mike and Zed only, 4 and 4.
 * qa-zh-001: cultural grounding 1 / 5 (spread 4, the largest), clinical soundness 2 / 2.
 * nli-ja-001: clinical soundness 3 / 5, adjudicated; Zed changed his rating since (stale decision).
 */
function writeFolder(): string {
  const dir = tempAnnotationsDir();
  const files: AnnotationFile[] = [
    annotationFile(ALICE, {
      'qa-ja-001': entry({ [CS]: 1 }, 1, { traceSha256: 'a-hash-of-an-older-trace' }),
      'qa-zh-001': entry({ [CS]: 2, [CG]: 1 }),
      'nli-ja-001': entry({ [CS]: 3 }),
    }, DATASET),
    annotationFile(MIKE, {
      'qa-ja-001': entry({ [CS]: 3, [CG]: 4 }, 1, { traceSha256: CURRENT }),
      'qa-zh-001': entry({ [CS]: 2, [CG]: 5 }),
    }, DATASET),
    annotationFile(ZED, {
      'qa-ja-001': entry({ [CS]: 4, [CG]: 4 }, 1, { traceSha256: CURRENT }),
      'nli-ja-001': entry({ [CS]: 5 }, 2),
    }, DATASET),
  ];
  for (const f of files) writeAnnotationFile(dir, f);
  writeFileSync(
    path.join(dir, DATASET, '_adjudication.json'),
    JSON.stringify({ schema: ADJUDICATION_SCHEMA, dataset: DATASET, items: { 'nli-ja-001': { [CS]: decision(4, { [ALICE]: 1, [ZED]: 1 }) } } }, null, 2),
  );
  return dir;
}

async function openTree(dir: string): Promise<{ model: CurationModelType; tree: ProviderType; changes: () => number }> {
  const model = new CurationModel({
    annotationsDir: () => dir,
    datasetName: () => DATASET,
    item: () => undefined,
    trace: (id) => TRACES.get(id),
    rubricDimensions: () => [{ id: CS }, { id: CG }],
  });
  const tree = new DisagreementsTreeProvider(model);
  let fired = 0;
  tree.onDidChangeTreeData(() => fired++);
  await model.loaded();
  return { model, tree, changes: () => fired };
}

interface Row {
  label: string;
  description: string;
  tooltip: string;
  icon: string;
}

function row(tree: ProviderType, node: DisagreementNode): Row {
  const item = tree.getTreeItem(node);
  return { label: String(item.label), description: String(item.description ?? ''), tooltip: String(item.tooltip ?? ''), icon: (item.iconPath as { id: string }).id };
}

/** The tree as text: item rows, each followed by its dimension rows. */
function snapshot(tree: ProviderType): { item: Row; dimensions: Row[] }[] {
  return tree.getChildren().map((node) => ({ item: row(tree, node), dimensions: tree.getChildren(node).map((d) => row(tree, d)) }));
}

test('items come largest disagreement first, with language, task and spread', async () => {
  const { tree, model } = await openTree(writeFolder());
  const items = snapshot(tree).map((s) => `${s.item.label} ${s.item.description}`);
  assert.deepEqual(items, ['qa-zh-001 zh · qa · spread 4', 'qa-ja-001 ja · qa · spread 3', 'nli-ja-001 ja · nli · spread 2']);
  model.dispose();
});

test('values are anonymised as the adjudication panel labels them; no annotator id appears anywhere', async () => {
  const { tree, model } = await openTree(writeFolder());
  const snap = snapshot(tree);
  const text = JSON.stringify(snap);
  for (const id of IDS) assert.ok(!text.includes(id), `${id} is not shown`);
  const qaJa = snap.find((s) => s.item.label === 'qa-ja-001')!;
  const dims = Object.fromEntries(qaJa.dimensions.map((d) => [d.label, d.description]));
  // Labels are the item's annotators in id order (A Alice, B Mike, C Zed), as in the panel, even
  // where one of them did not rate the dimension: Mike and Zed stay B and C.
  assert.equal(dims[CS], 'A=1* B=3 C=4 · disagreement');
  assert.equal(dims[CG], 'B=4 C=4 · unanimous');
  const nli = snap.find((s) => s.item.label === 'nli-ja-001')!;
  // Alice (A) and Zed (C) rated it; Mike did not rate this item at all, so Zed is B here.
  assert.equal(nli.dimensions[0].description.split(' · ')[0], 'A=3 B=5');
  model.dispose();
});

test('stale marks: a rating on an older trace gets *, a decision a rating changed since is "stale"', async () => {
  const { tree, model } = await openTree(writeFolder());
  const snap = snapshot(tree);
  const cs = snap.find((s) => s.item.label === 'qa-ja-001')!.dimensions.find((d) => d.label === CS)!;
  assert.match(cs.description, /^A=1\* /);
  assert.match(cs.tooltip, /\* rated on an older trace/);
  const fresh = snap.find((s) => s.item.label === 'qa-zh-001')!.dimensions.find((d) => d.label === CG)!;
  assert.ok(!fresh.description.includes('*') && !fresh.tooltip.includes('older trace'));
  const decided = snap.find((s) => s.item.label === 'nli-ja-001')!.dimensions[0];
  assert.equal(decided.description, 'A=3 B=5 · adjudicated, stale');
  assert.equal(decided.icon, 'history');
  assert.match(decided.tooltip, /decision: 4 by curator/);
  model.dispose();
});

test('filters narrow the queue and update the view; clearing them brings everything back', async () => {
  const { tree, model, changes } = await openTree(writeFolder());
  const ids = () => tree.getChildren().map((n) => (n.kind === 'item' ? n.item.itemId : ''));
  const all = ids();
  assert.equal(all.length, 3);

  let before = changes();
  model.setFilter({ lang: 'zh' });
  assert.equal(changes(), before + 1, 'the view is told to refresh');
  assert.deepEqual(ids(), ['qa-zh-001']);

  model.setFilter({ status: 'disagreement' });
  assert.deepEqual(ids(), ['qa-zh-001', 'qa-ja-001']);
  // Within an item only the matching dimensions are listed.
  const qaJa = tree.getChildren().find((n) => n.kind === 'item' && n.item.itemId === 'qa-ja-001')!;
  assert.deepEqual(tree.getChildren(qaJa).map((d) => (d.kind === 'dimension' ? d.curation.dimension : '')), [CS]);

  model.setFilter({ task: 'nli', decisionStale: true });
  assert.deepEqual(ids(), ['nli-ja-001']);
  model.setFilter({ dimension: CG, lang: 'ja' });
  assert.deepEqual(ids(), ['qa-ja-001']);

  // Clear Disagreement Filters sets the empty filter.
  before = changes();
  model.setFilter({});
  assert.equal(changes(), before + 1);
  assert.deepEqual(ids(), all);
  model.dispose();
});

test('refresh re-reads the folder: a file written since appears, labels follow', async () => {
  const dir = writeFolder();
  const { tree, model, changes } = await openTree(dir);
  // A colleague's file: Bob sorts between Alice and Mike, so on qa-ja-001 he becomes B.
  writeAnnotationFile(dir, annotationFile('dr-bob-ito', { 'qa-ja-001': entry({ [CS]: 5 }), 'qa-ko-001': entry({ [CS]: 1 }) }, DATASET));
  assert.ok(!tree.getChildren().some((n) => n.kind === 'item' && n.item.itemId === 'qa-ko-001'), 'not before the refresh');
  const before = changes();
  await model.reload(); // what Refresh Disagreements runs
  assert.ok(changes() > before);
  const snap = snapshot(tree);
  const qaJa = snap.find((s) => s.item.label === 'qa-ja-001')!;
  assert.equal(qaJa.item.description, 'ja · qa · spread 4');
  assert.equal(qaJa.dimensions.find((d) => d.label === CS)!.description, 'A=1* B=5 C=3 D=4 · disagreement');
  assert.ok(snap.some((s) => s.item.label === 'qa-ko-001' && s.dimensions[0].description === 'A=1 · one rating'));
  assert.ok(!JSON.stringify(snap).includes('dr-bob-ito'));
  model.dispose();
});

test('a file event from the folder watcher reloads the view by itself', async () => {
  const dir = writeFolder();
  const { tree, model } = await openTree(dir);
  writeAnnotationFile(dir, annotationFile('dr-yuki', { 'qa-th-001': entry({ [CS]: 2 }) }, DATASET));
  const watcher = [...watchers].reverse().find((w) => w.pattern.base.fsPath === path.join(dir, DATASET));
  assert.ok(watcher, 'the model watches the dataset folder');
  const changed = new Promise<void>((resolve) => tree.onDidChangeTreeData(() => resolve()));
  watcher.fire('create');
  await changed;
  assert.ok(tree.getChildren().some((n) => n.kind === 'item' && n.item.itemId === 'qa-th-001'));
  model.dispose();
});
