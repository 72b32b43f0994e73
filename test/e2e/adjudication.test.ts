// End to end: a curator opens the adjudication panel on the sample's largest disagreement, sees the
// annotators anonymised, compares two comments, sets a gold value with a rationale from the
// keyboard, and finds the decision in _adjudication.json on disk. Then a new annotator file is
// dropped into the folder: the open panel, the stale-decision notice and the Disagreements view
// follow without a reload. Leaves test-results/screenshot-adjudication.png.
// Run: npm run package && node scripts/test.mjs e2e
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chooseFromPicker, findFrame, REPO, saveScreenshot, startCodeServer, waitFor, type CodeServerSession } from '../support/codeServer';

const CURATOR = 'e2e-curator';
const WORKSPACE_SOURCE = path.join(REPO, 'sample');
const DATASET = 'multimedx-sample';
const DIMENSION = 'clinical_soundness';

interface Entry {
  revision: number;
  rating: Record<string, unknown>;
}

/** The sample's physicians' files, read straight from disk (not through our loader). */
function sampleAnnotators(): Map<string, Record<string, Entry>> {
  const dir = path.join(WORKSPACE_SOURCE, 'annotations', DATASET);
  const files = new Map<string, Record<string, Entry>>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('_'))) {
    const doc = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
    // The LLM judge's file (role "model") is shown apart, never among the annotators.
    if (doc.annotator.role === 'model') continue;
    files.set(doc.annotator.id, doc.items);
  }
  return files;
}

/** The item whose clinical soundness values are furthest apart, computed here from the raw files. */
function widestDisagreement(files: Map<string, Record<string, Entry>>): { itemId: string; values: Map<string, number> } {
  const byItem = new Map<string, Map<string, number>>();
  for (const [annotator, items] of files) {
    for (const [itemId, entry] of Object.entries(items)) {
      const v = entry.rating[DIMENSION];
      if (typeof v === 'number') {
        if (!byItem.has(itemId)) byItem.set(itemId, new Map());
        byItem.get(itemId)!.set(annotator, v);
      }
    }
  }
  let best: { itemId: string; values: Map<string, number>; spread: number } | undefined;
  for (const [itemId, values] of [...byItem].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const spread = Math.max(...values.values()) - Math.min(...values.values());
    if (!best || spread > best.spread) best = { itemId, values, spread };
  }
  assert.ok(best && best.spread > 0, 'the sample has a disagreement');
  return best;
}

/**
 * An item (not `exclude`) where one more rating at the far end of the 1–5 scale makes a
 * disagreement larger than any in the sample: the value to give, and the spread it makes.
 */
function newDisagreement(files: Map<string, Record<string, Entry>>, exclude: string): { itemId: string; value: number; spread: number } {
  const values = new Map<string, number[]>();
  for (const items of files.values()) {
    for (const [itemId, entry] of Object.entries(items)) {
      const v = entry.rating[DIMENSION];
      if (typeof v === 'number' && itemId !== exclude) values.set(itemId, [...(values.get(itemId) ?? []), v]);
    }
  }
  for (const [itemId, vs] of [...values].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const value = Math.max(...vs) === 5 ? 1 : Math.min(...vs) === 1 ? 5 : undefined;
    if (value !== undefined) return { itemId, value, spread: 4 };
  }
  throw new Error('no sample item rated at an end of the scale');
}

let cs: CodeServerSession;
let failed = false;

before(async () => {
  cs = await startCodeServer({ workspaceSource: WORKSPACE_SOURCE, settings: { 'medco.annotator.id': CURATOR } });
});

after(async () => {
  if (failed && cs) console.error(`e2e failure diagnostics: ${(await cs.dumpDiagnostics('e2e-adjudication')).join(', ')}`);
  await cs?.stop();
});

test('adjudicate the largest disagreement from the keyboard; the decision is on disk', { timeout: 300_000 }, async () => {
  try {
    const { page, workspace } = cs;
    const files = sampleAnnotators();
    const target = widestDisagreement(files);

    // The Med-CoReasoner container appears once the extension is installed and activated.
    const container = page.locator('.activitybar .action-item a[aria-label^="Med-CoReasoner"]').first();
    await container.waitFor({ state: 'visible', timeout: 120_000 });
    await container.click();
    await chooseFromPicker(page, 'Med-CoReasoner: Open Adjudication', target.itemId);

    const frame = await findFrame(page, `[data-testid="dim-${DIMENSION}"]`, 90_000);
    const block = frame.locator(`[data-testid="dim-${DIMENSION}"]`);
    assert.equal(await block.getAttribute('data-status'), 'disagreement');
    // Anonymised by default: labels A, B, C…, never the annotators' ids.
    const text = await frame.locator('body').innerText();
    for (const id of files.keys()) assert.ok(!text.includes(id), `annotator id ${id} is hidden`);
    const sortedIds = [...target.values.keys()].sort();
    const chips = (await block.locator('.adj-values .chip').allInnerTexts()).map((s) => s.trim());
    assert.deepEqual(chips, sortedIds.map((id, i) => `${String.fromCharCode(65 + i)}: ${target.values.get(id)}`));

    // Compare the first two annotators' comments: a word diff appears.
    await frame.locator('[data-testid="diff-comments"]').click();
    await frame.locator('[data-testid="comment-diff"] [data-testid="diff"]').waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok((await frame.locator('[data-testid="comment-diff"] del, [data-testid="comment-diff"] ins').count()) > 0);

    // Keyboard: focus the panel, press the gold value, type the rationale, Ctrl+Enter.
    const gold = 3;
    const rationale = 'Guideline: traditional remedies with ARVs must be discouraged; 3 reflects the sound ART advice.';
    await frame.locator(`[data-testid="gold-${DIMENSION}-1"]`).focus();
    await page.keyboard.press(String(gold));
    await waitFor('the rationale box to take focus', async () =>
      frame.locator(`[data-testid="rationale-${DIMENSION}"]`).evaluate((el) => el === document.activeElement), 10_000);
    await page.keyboard.type(rationale, { delay: 2 });
    await frame.locator(`[data-testid="error-type-${DIMENSION}"]`).selectOption('guideline_gap');
    await frame.locator(`[data-testid="rationale-${DIMENSION}"]`).focus();
    await page.keyboard.press('Control+Enter');

    const file = path.join(workspace, 'annotations', DATASET, '_adjudication.json');
    const decision = await waitFor('the decision in _adjudication.json', () => {
      if (!existsSync(file)) return undefined;
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      return doc.items?.[target.itemId]?.[DIMENSION];
    }, 60_000);
    assert.equal(decision.value, gold);
    assert.equal(decision.status, 'adjudicated');
    assert.equal(decision.rationale, rationale);
    assert.equal(decision.errorType, 'guideline_gap');
    assert.equal(decision.adjudicator, CURATOR);
    assert.equal(decision.revision, 1);
    assert.deepEqual(
      decision.basedOn,
      Object.fromEntries([...files].filter(([, items]) => items[target.itemId]).map(([id, items]) => [id, items[target.itemId].revision])),
    );
    // The panel follows the file: the dimension now shows as adjudicated with the curator's decision.
    await waitFor('the panel to show the decision', async () =>
      (await frame.locator(`[data-testid="dim-${DIMENSION}"]`).getAttribute('data-status')) === 'adjudicated', 30_000);
    assert.match(await frame.locator(`[data-testid="decision-${DIMENSION}"]`).innerText(), new RegExp(CURATOR));
    await saveScreenshot(page, 'screenshot-adjudication.png');

    // A colleague's annotator file is dropped into the folder while VS Code runs. It rates the
    // target item (so the decision just made goes stale) and another item far from its raters,
    // which becomes the largest disagreement in the tree. Nothing is reloaded by hand.
    const newcomer = 'dr-zulu'; // sorts after the sample's annotators: its label is the next letter
    const other = newDisagreement(files, target.itemId);
    const template = JSON.parse(readFileSync(path.join(WORKSPACE_SOURCE, 'annotations', DATASET, `${[...files.keys()][0]}.json`), 'utf8'));
    const ratedEntry = (itemId: string, value: number) => {
      const like = [...files.values()].find((items) => items[itemId])![itemId] as Entry & { traceId?: string; traceSha256?: string };
      return { traceId: like.traceId, traceSha256: like.traceSha256, revision: 1, rating: { [DIMENSION]: value }, updatedAt: '2026-11-21T12:00:00.000Z', history: [] };
    };
    const dropped = {
      ...template,
      annotator: { id: newcomer, role: 'annotator' },
      items: { [target.itemId]: ratedEntry(target.itemId, gold), [other.itemId]: ratedEntry(other.itemId, other.value) },
    };
    const dir = path.join(workspace, 'annotations', DATASET);
    // Written aside and renamed in, as a sync tool or a copy does: the watcher sees one complete file.
    writeFileSync(path.join(dir, `.${newcomer}.partial`), JSON.stringify(dropped, null, 2) + '\n');
    renameSync(path.join(dir, `.${newcomer}.partial`), path.join(dir, `${newcomer}.json`));

    const withNewcomer = new Map([...target.values, [newcomer, gold]]);
    const expectedChips = [...withNewcomer.keys()].sort().map((id, i) => `${String.fromCharCode(65 + i)}: ${withNewcomer.get(id)}`);
    await waitFor('the open panel to show the new annotator', async () =>
      JSON.stringify((await block.locator('.adj-values .chip').allInnerTexts()).map((s) => s.trim())) === JSON.stringify(expectedChips), 60_000);
    await frame.locator(`[data-testid="stale-${DIMENSION}"]`).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await frame.locator(`[data-testid="stale-${DIMENSION}"]`).innerText(), /stale/);

    const tree = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Disagreements/i }) });
    const otherRow = tree.locator('.monaco-list-row', { hasText: other.itemId }).first();
    await waitFor(`the Disagreements view to show ${other.itemId} with spread ${other.spread}`, async () =>
      (await otherRow.count()) > 0 && (await otherRow.innerText()).includes(`spread ${other.spread}`), 60_000);
    assert.equal((await tree.locator('.monaco-list-row').first().innerText()).split('\n')[0].trim().startsWith(other.itemId), true,
      'the new largest disagreement heads the queue');
  } catch (err) {
    failed = true;
    throw err;
  }
});
