// End to end: the adjudication and statistics panels come back after a window reload, as the
// README promises. The adjudication panel is opened on an item that is NOT the head of the queue
// (a restore that forgot the item and fell back to the queue's head would show another one); the
// statistics panel must show the same dataset, header and key numbers again.
// Run: npm run package && node --import tsx --test test/e2e/panelRestore.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { chooseFromPicker, findFrame, REPO, reloadWindow, runCommand, startCodeServer, waitFor, type CodeServerSession } from '../support/codeServer';

const WORKSPACE_SOURCE = path.join(REPO, 'sample');
const DATASET = 'multimedx-sample';
const DIMENSION = 'clinical_soundness';

/**
 * An item rated by several annotators whose clinical soundness spread is smaller than the largest
 * in the sample (so it is not the queue's head), computed from the raw files.
 */
function itemBelowTheHead(): string {
  const dir = path.join(WORKSPACE_SOURCE, 'annotations', DATASET);
  const values = new Map<string, number[]>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('_'))) {
    const doc = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { annotator: { role?: string }; items: Record<string, { rating: Record<string, unknown> }> };
    if (doc.annotator.role === 'model') continue; // the LLM judge: not in the disagreement queue
    for (const [itemId, entry] of Object.entries(doc.items)) {
      const v = entry.rating[DIMENSION];
      if (typeof v === 'number') values.set(itemId, [...(values.get(itemId) ?? []), v]);
    }
  }
  const spread = (vs: number[]) => Math.max(...vs) - Math.min(...vs);
  const rated = [...values].filter(([, vs]) => vs.length >= 2).sort(([a], [b]) => (a < b ? -1 : 1));
  const widest = Math.max(...rated.map(([, vs]) => spread(vs)));
  const below = rated.find(([, vs]) => spread(vs) < widest);
  assert.ok(below, 'the sample has an item below the largest disagreement');
  return below[0];
}

let cs: CodeServerSession;
let failed = false;

before(async () => {
  cs = await startCodeServer({ workspaceSource: WORKSPACE_SOURCE, settings: { 'medco.annotator.id': 'e2e-restorer' } });
});

after(async () => {
  if (failed && cs) console.error(`e2e failure diagnostics: ${(await cs.dumpDiagnostics('e2e-panel-restore')).join(', ')}`);
  await cs?.stop();
});

const tab = (page: Page, title: string | RegExp) => page.locator('.tabs-container .tab', { hasText: title }).first();

/** What the adjudication panel shows: the item, and each dimension's anonymised values. */
async function adjudicationContent(frame: Frame): Promise<{ itemId: string; values: string[] }> {
  await frame.locator('.adj-header h1').waitFor({ state: 'visible', timeout: 60_000 });
  return {
    itemId: (await frame.locator('.adj-header h1').innerText()).trim(),
    values: (await frame.locator('.adj-values').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()),
  };
}

/** What the statistics panel shows: its header (dataset, annotators) and the key numbers table. */
async function statisticsContent(frame: Frame): Promise<{ meta: string; keyNumbers: string[][] }> {
  await frame.locator('[data-testid="table-key-numbers"] tbody tr').first().waitFor({ state: 'visible', timeout: 90_000 });
  return {
    meta: (await frame.locator('[data-testid="stats-meta"]').innerText()).trim(),
    keyNumbers: await frame.locator('[data-testid="table-key-numbers"] tbody tr').evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim()))),
  };
}

/** The webview frame of the panel in the active tab that holds `selector` and passes `accept`. */
async function frameShowing(page: Page, selector: string, accept: (frame: Frame) => Promise<boolean>): Promise<Frame> {
  return waitFor(`a webview frame with ${selector}`, async () => {
    for (const frame of page.frames()) {
      if ((await frame.locator(selector).count().catch(() => 0)) > 0 && (await accept(frame).catch(() => false))) return frame;
    }
    return undefined;
  }, 90_000, 300);
}

test('the adjudication and statistics panels come back after a reload, with the same item and figures', { timeout: 420_000 }, async () => {
  try {
    const { page } = cs;
    const itemId = itemBelowTheHead();
    const container = page.locator('.activitybar .action-item a[aria-label^="Med-CoReasoner"]').first();
    await container.waitFor({ state: 'visible', timeout: 120_000 });

    // The statistics panel first, then the adjudication panel in front of it: at the reload one
    // panel is revived at once (the active tab) and one only when its tab is shown again.
    await runCommand(page, 'Med-CoReasoner: Show Statistics');
    const statsFrame = await findFrame(page, '[data-testid="table-key-numbers"]', 120_000);
    const statsBefore = await statisticsContent(statsFrame);
    assert.match(statsBefore.meta, new RegExp(DATASET));
    await tab(page, `Statistics: ${DATASET}`).waitFor({ state: 'visible', timeout: 30_000 });

    // The adjudication panel on the chosen item, typed into the picker.
    await chooseFromPicker(page, 'Med-CoReasoner: Open Adjudication', itemId);
    const adjFrame = await findFrame(page, '.adj-header h1', 90_000);
    await waitFor(`the panel to show ${itemId}`, async () => (await adjFrame.locator('.adj-header h1').innerText()).trim() === itemId, 30_000);
    const adjBefore = await adjudicationContent(adjFrame);
    assert.ok(adjBefore.values.length > 0, 'the panel shows values');
    await tab(page, `Adjudication: ${itemId}`).waitFor({ state: 'visible', timeout: 30_000 });

    // Reload the window. Both tabs are restored by the extension's serializers.
    await reloadWindow(page);
    // The adjudication panel, active at the reload, comes back at once on its item (not the queue's head).
    const adjFrameAfter = await frameShowing(page, '.adj-header h1', async (f) => (await f.locator('.adj-header h1').innerText()).trim() !== '');
    assert.deepEqual(await adjudicationContent(adjFrameAfter), adjBefore);
    await tab(page, `Adjudication: ${itemId}`).waitFor({ state: 'visible', timeout: 30_000 });

    // The statistics tab is back too; shown again, it has the same figures.
    const statsTab = tab(page, `Statistics: ${DATASET}`);
    await statsTab.waitFor({ state: 'visible', timeout: 120_000 });
    await statsTab.click();
    const statsFrameAfter = await frameShowing(page, '[data-testid="table-key-numbers"] tbody tr', async () => true);
    assert.deepEqual(await statisticsContent(statsFrameAfter), statsBefore);
  } catch (err) {
    failed = true;
    throw err;
  }
});
