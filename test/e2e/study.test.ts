// End to end: an expert study in the packaged extension (dist/medco-review.vsix) in code-server +
// Chromium, on the pairwise sample workspace. A blind pairwise study with two annotators and
// k = 1: each annotator's Items tree holds only their items; a judgement made from the keyboard in
// the review panel (Response 1 / Response 2, keys 2 and =) reaches the annotator's file with the
// sides shown; the statistics dashboard then has its Preferences tab. Expected values come from
// the study file and the raw files on disk. Run:
// npm run package && node --import tsx --test test/e2e/study.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chooseFromPicker, findFrame, REPO, reloadWindow, runCommand, startCodeServer, waitFor, failureDiagnostics, type CodeServerSession } from '../support/codeServer';
import { createStudy, pairSides, serializeStudyFile, type StudyFile } from '../../src/core/study';

const WORKSPACE_SOURCE = path.join(REPO, 'sample', 'pairwise');
const DATASET = 'multimedx-pairwise';
const CONFIGS: [string, string] = ['coreasoner', 'direct'];
const [A, B] = ['dr-e2e-a', 'dr-e2e-b'];
const NATIVE_NAMES: Record<string, string> = { zh: '中文', ja: '日本語', ko: '한국어', sw: 'Kiswahili' };

const rows = readFileSync(path.join(WORKSPACE_SOURCE, `${DATASET}.jsonl`), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { id: string; lang: string; task: string });
const langOf = new Map(rows.map((r) => [r.id, r.lang]));

// Two annotators who know every language, each item judged once (k = 1), names hidden.
const study: StudyFile = createStudy({
  dataset: DATASET,
  items: rows.map((r) => ({ id: r.id, lang: r.lang, task: r.task })),
  annotators: [A, B].map((id) => ({ id, languages: ['zh', 'ja', 'ko', 'sw', 'en'] })),
  overlap: 1,
  seed: 11,
  mode: 'pairwise',
  configs: CONFIGS,
  hide: ['annotators', 'configs', 'judges'],
});

const dimensions = (JSON.parse(readFileSync(path.join(REPO, 'annotations', 'rubric.json'), 'utf8')) as { dimensions: { id: string }[] }).dimensions.map((d) => d.id);

let cs: CodeServerSession;
const { guarded, stop } = failureDiagnostics('e2e-study');

before(async () => {
  assert.ok(study.assignments[A].length > 0 && study.assignments[B].length > 0, 'both annotators have items');
  cs = await startCodeServer({
    workspaceSource: WORKSPACE_SOURCE,
    settings: { 'medco.annotator.id': A },
    prepareWorkspace: (workspace) => {
      writeFileSync(path.join(workspace, 'annotations', DATASET, '_study.json'), serializeStudyFile(study));
    },
  });
});

after(async () => {
  await stop(cs);
});

/** The Items tree's top-level rows (one per language the annotator has items in), as text. */
async function languageRows(page: CodeServerSession['page']): Promise<string[]> {
  const tree = page.locator('.pane:has(.pane-header[aria-label*="Items"]) .monaco-list-rows, [id="workbench.view.extension.medco"] .monaco-list-rows').first();
  return (await tree.locator('.monaco-list-row[aria-level="1"]').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** The tree shows exactly the languages of `annotator`'s items, each with "done/assigned rated". */
async function expectTreeOf(page: CodeServerSession['page'], annotator: string, rated: Record<string, number> = {}): Promise<void> {
  const mine = study.assignments[annotator];
  const expected = [...new Set(mine.map((id) => langOf.get(id)!))].map((lang) => {
    const total = mine.filter((id) => langOf.get(id) === lang).length;
    return { name: NATIVE_NAMES[lang], text: `${rated[lang] ?? 0}/${total}` };
  });
  await waitFor(`the Items tree of ${annotator}: ${JSON.stringify(expected)}`, async () => {
    const shown = await languageRows(page);
    return shown.length === expected.length && expected.every((e) => shown.some((s) => s.includes(e.name) && s.includes(e.text)));
  }, 60_000);
}

test('each annotator of a k = 1 study sees only their items; a blind judgement by keyboard reaches the file with its sides', { timeout: 300_000 }, () =>
  guarded(async () => {
    const { page, workspace } = cs;
    const container = page.locator('.activitybar .action-item a[aria-label^="Med-CoReasoner"]').first();
    await container.waitFor({ state: 'visible', timeout: 90_000 });
    await container.click();
    await expectTreeOf(page, A);

    // Annotator A judges their first item, blind, from the keyboard.
    const item = study.assignments[A][0];
    await chooseFromPicker(page, 'Med-CoReasoner: Open Item', item);
    const frame = await findFrame(page, '[data-testid="response-1"]', 90_000);
    await frame.locator(`[data-testid="prefer-${dimensions[0]}-1"]`).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await frame.locator('[data-testid="item-id"]').innerText(), item);
    assert.equal(await frame.locator('[data-testid="response-2"]').count(), 1);
    assert.equal(await frame.locator('[data-testid$="-config"]').count(), 0, 'configuration names are hidden');
    await frame.locator('body').click({ position: { x: 5, y: 5 } });
    await frame.locator(`[data-dimension="${dimensions[0]}"].rating-scale`).focus();
    await page.keyboard.press('2');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('=');
    const saveState = frame.locator('[data-testid="save-state"]');
    await waitFor('save-state "saved" after the judgement', async () => /saved/.test(await saveState.innerText()), 30_000);

    const file = path.join(workspace, 'annotations', DATASET, `${A}.json`);
    const key = `${item}::${CONFIGS[0]}::${CONFIGS[1]}`;
    const entry = await waitFor('the judgement in the annotator file', () => {
      if (!existsSync(file)) return undefined;
      const e = JSON.parse(readFileSync(file, 'utf8')).comparisons?.[key];
      return e?.winner?.[dimensions[1]] === 'tie' ? e : undefined;
    }, 30_000);
    // The sides shown are those of the study's seeded coin for this annotator and item, recorded.
    const sides = pairSides(study.seed, A, item, CONFIGS[0], CONFIGS[1]);
    assert.deepEqual(entry.sides, sides);
    assert.equal(entry.winner[dimensions[0]], sides['2'], '"2" chose the configuration shown as Response 2');
    assert.deepEqual(Object.keys(entry.traceIds).sort(), CONFIGS);
    assert.deepEqual(Object.keys(entry.traceSha256).sort(), CONFIGS);
    assert.ok(entry.revision >= 2 && entry.history.length === entry.revision - 1, `revision ${entry.revision}`);
    await expectTreeOf(page, A, { [langOf.get(item)!]: 1 });

    // Ctrl+Enter: the next unjudged item is A's, never B's.
    await page.keyboard.press('Control+Enter');
    const next = study.assignments[A].find((id) => id !== item);
    if (next) await waitFor(`the panel to move to ${next}`, async () => (await frame.locator('[data-testid="item-id"]').innerText()) === next, 30_000);

    // Annotator B signs in on this machine (the user setting; code-server reads the file again when
    // the window reloads, it does not watch it): the tree holds B's items only.
    const settingsFile = path.join(cs.root, 'user-data', 'User', 'settings.json');
    const settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
    writeFileSync(settingsFile, JSON.stringify({ ...settings, 'medco.annotator.id': B }, null, 2));
    await reloadWindow(page);
    // The side bar comes back as it was; only if it does not is the view container opened again
    // (a click on the active container would close it).
    const items = page.locator('.pane-header[aria-label*="Items"]').first();
    const restored = await items.waitFor({ state: 'visible', timeout: 30_000 }).then(() => true, () => false);
    if (!restored) await container.click();
    await expectTreeOf(page, B);
  }),
);

test('the statistics dashboard shows the Preferences tab', { timeout: 180_000 }, () =>
  guarded(async () => {
    const { page } = cs;
    await runCommand(page, 'Med-CoReasoner: Show Statistics');
    const frame = await findFrame(page, '[data-testid="stats-tab-preferences"], [data-testid="stats-error"]', 90_000);
    const error = frame.locator('[data-testid="stats-error"]');
    if ((await error.count()) > 0) assert.fail(`the panel shows an error: ${await error.innerText()}`);
    const tab = frame.locator('[data-testid="stats-tab-preferences"]');
    await tab.click();
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    const panel = frame.locator('[data-testid="stats-panel-preferences"]');
    await panel.waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok((await panel.locator('[data-testid="table-preference-summary"] tbody tr').count()) > 0, 'the preference summary has rows');
  }),
);
