// End to end: the packaged extension (dist/medco-review.vsix) installed into code-server, the
// sample workspace, Chromium. A physician's path: see the items grouped by language in the tree,
// open an item from the palette, rate two dimensions from the keyboard inside the review webview,
// type a comment, and find the rating on disk. Run: npm run package && node scripts/test.mjs e2e
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chooseFromPicker, findFrame, REPO, reloadWindow, runCommand, saveScreenshot, startCodeServer, waitFor, failureDiagnostics, type CodeServerSession } from '../support/codeServer';
import { startOpenAIServer, type FakeOpenAIServer } from '../support/openaiServer';
import { mentionsOf } from '../webview/mentions';

const ANNOTATOR = 'e2e-tester';
const WORKSPACE_SOURCE = process.env.MEDCO_E2E_WORKSPACE ?? path.join(REPO, 'sample');
// Native names of the MultiMed-X languages, as a physician expects to read them in the tree.
const NATIVE_NAMES: Record<string, string> = {
  zh: '中文', ja: '日本語', ko: '한국어', sw: 'Kiswahili', th: 'ไทย', yo: 'Èdè Yorùbá', zu: 'isiZulu',
};

interface Row {
  id: string;
  lang: string;
  task: string;
}

/** The dataset's rows, read straight from the file (not through our loader). */
function sampleRows(): { datasetFile: string; rows: Row[] } {
  const settings = JSON.parse(readFileSync(path.join(WORKSPACE_SOURCE, '.vscode', 'settings.json'), 'utf8'));
  const datasetFile = settings['medco.dataset'] as string;
  const rows = readFileSync(path.join(WORKSPACE_SOURCE, datasetFile), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row)
    .filter((r) => r.lang !== 'en' && typeof r.id === 'string');
  return { datasetFile, rows };
}

let cs: CodeServerSession;
let llm: FakeOpenAIServer;
const { guarded, stop } = failureDiagnostics('e2e-review');

/** The traces file of the dataset, in the workspace copy. */
function tracesFile(workspace: string, datasetFile: string): string {
  return path.join(workspace, `${datasetFile.replace(/\.[^.]+$/, '')}.traces.jsonl`);
}

/** The item whose trace the co-reasoning test removes and then produces again. */
function itemWithoutTrace(): Row {
  const { rows } = sampleRows();
  return rows[rows.length - 1];
}

before(async () => {
  // A real HTTP server speaking the OpenAI API (no model, no key), for the co-reasoning command.
  llm = await startOpenAIServer();
  cs = await startCodeServer({
    workspaceSource: WORKSPACE_SOURCE,
    settings: {
      'medco.annotator.id': ANNOTATOR,
      'medco.llm.baseUrl': llm.url,
      'medco.llm.model': 'e2e-chat',
      'medco.llm.embeddingModel': 'e2e-embed',
    },
    prepareWorkspace: (workspace) => {
      const file = tracesFile(workspace, sampleRows().datasetFile);
      if (!existsSync(file)) return;
      const target = itemWithoutTrace().id;
      const kept = readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '' && (JSON.parse(l) as { itemId: string }).itemId !== target);
      writeFileSync(file, kept.map((l) => `${l}\n`).join(''));
    },
  });
});

after(async () => {
  await stop(cs);
  await llm?.close();
});

/** Med-CoReasoner: Open Item, then the item typed into the picker (its list only renders what is in view). */
async function openItemFromPalette(page: CodeServerSession['page'], itemId: string): Promise<void> {
  await chooseFromPicker(page, 'Med-CoReasoner: Open Item', itemId);
}

test('the sample items appear in the Med-CoReasoner tree, grouped by language', { timeout: 180_000 }, () =>
  guarded(async () => {
    const { page } = cs;
    const { rows } = sampleRows();
    const languages = [...new Set(rows.map((r) => r.lang))];
    // Open the activity bar container (the tree view activates the extension).
    const container = page.locator('.activitybar .action-item a[aria-label^="Med-CoReasoner"]').first();
    await container.waitFor({ state: 'visible', timeout: 90_000 });
    await container.click();
    const tree = page.locator('.pane:has(.pane-header[aria-label*="Items"]) .monaco-list-rows, [id="workbench.view.extension.medco"] .monaco-list-rows').first();
    for (const lang of languages) {
      const label = NATIVE_NAMES[lang] ?? lang;
      await tree.locator('.monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible', timeout: 90_000 });
    }
    // Language rows are the top level: as many as languages in the file, each with "n/N rated".
    const topLevel = tree.locator('.monaco-list-row[aria-level="1"]');
    await waitFor('one top-level row per language', async () => (await topLevel.count()) === languages.length, 30_000);
    const firstLang = languages[0];
    const expectedCount = rows.filter((r) => r.lang === firstLang).length;
    const firstRow = tree.locator('.monaco-list-row[aria-level="1"]', { hasText: NATIVE_NAMES[firstLang] ?? firstLang });
    assert.match((await firstRow.first().innerText()).replace(/\s+/g, ' '), new RegExp(`\\d+/${expectedCount}`));
  }),
);

test('rate an item from the keyboard in the review panel; the rating is on disk', { timeout: 240_000 }, () =>
  guarded(async () => {
    const { page, workspace } = cs;
    const { datasetFile, rows } = sampleRows();
    // An item none of the sample's annotators' files matter for: this annotator starts blank.
    const target = rows[0];
    await openItemFromPalette(page, target.id);

    const frame = await findFrame(page, '[data-testid="trace-en"], [data-testid="rate-clinical_soundness-1"]', 90_000);
    await frame.locator('[data-testid="rate-clinical_soundness-4"]').first().waitFor({ state: 'visible', timeout: 30_000 });

    // Keyboard: focus the panel body (not a control), then 4 for the first dimension, ↓, 2 for the second.
    await frame.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('4');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('2');
    const saveState = frame.locator('[data-testid="save-state"]');
    await waitFor('save-state "saved" after rating', async () => /saved/.test((await saveState.innerText()) ?? ''), 30_000);

    const comment = 'Dose advice matches local guidance; e2e check ✓ 日本語';
    await frame.locator('[data-testid="comment"]').first().click();
    await page.keyboard.type(comment, { delay: 5 });

    const dataset = path.basename(datasetFile, path.extname(datasetFile));
    const file = path.join(workspace, 'annotations', dataset, `${ANNOTATOR}.json`);
    const saved = await waitFor(
      'the comment in the annotation file',
      () => {
        if (!existsSync(file)) return undefined;
        const doc = JSON.parse(readFileSync(file, 'utf8'));
        const entry = doc.items?.[target.id];
        return entry?.rating?.comment === comment ? { doc, entry } : undefined;
      },
      30_000,
    );
    await waitFor('save-state "saved" after the comment', async () => /saved/.test(await saveState.innerText()), 30_000);

    const { doc, entry } = saved;
    assert.equal(doc.schema, 'medco.annotations/1');
    assert.equal(doc.dataset, dataset);
    assert.equal(doc.annotator.id, ANNOTATOR);
    assert.equal(entry.rating.clinical_soundness, 4);
    assert.equal(entry.rating.cultural_grounding, 2);
    // Each save is a revision: the first dimension alone, then both, then the comment.
    assert.ok(entry.revision >= 3, `revision ${entry.revision}`);
    assert.equal(entry.history.length, entry.revision - 1);
    assert.deepEqual(entry.history[0].rating, { clinical_soundness: 4 });
    assert.ok(entry.durationMs >= 0);
    // Pretty-printed with a newline at the end (docs/formats.md §3).
    assert.ok(readFileSync(file, 'utf8').endsWith('}\n'));

    // Screenshot of the panel for the README (copied to docs/ with MEDCO_UPDATE_SCREENSHOTS=1).
    await saveScreenshot(page, 'screenshot-review.png');
  }),
);

test('the tree follows ratings saved on disk by another program (file watcher)', { timeout: 120_000 }, () =>
  guarded(async () => {
    const { page, workspace } = cs;
    const { datasetFile, rows } = sampleRows();
    const dataset = path.basename(datasetFile, path.extname(datasetFile));
    const file = path.join(workspace, 'annotations', dataset, `${ANNOTATOR}.json`);
    const lang = rows[0].lang;
    const sameLanguage = rows.filter((r) => r.lang === lang);
    const other = sameLanguage[1];
    assert.ok(other, 'the sample has two items in the first language');
    const languageRow = page.locator('.monaco-list-row[aria-level="1"]', { hasText: NATIVE_NAMES[lang] ?? lang }).first();
    await waitFor('the language row to count the rating made in the panel', async () => (await languageRow.innerText()).includes(`1/${sameLanguage.length}`), 30_000);

    // Another program (a second window, `medco rate`) saves a rating of another item into the same file.
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.items[other.id] = {
      revision: 1,
      rating: { clinical_soundness: 3, cultural_grounding: 3 },
      updatedAt: new Date().toISOString(),
      history: [],
    };
    writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
    await waitFor('the language row to count the rating written on disk', async () => (await languageRow.innerText()).includes(`2/${sameLanguage.length}`), 30_000);
  }),
);

test('a reloaded window restores the review panel on the same item', { timeout: 180_000 }, () =>
  guarded(async () => {
    const { page } = cs;
    const target = sampleRows().rows[0];
    await reloadWindow(page);
    // The panel comes back through the webview serializer, with the item the webview kept in its state.
    const tab = page.locator('.tabs-container .tab', { hasText: target.id });
    await tab.first().waitFor({ state: 'visible', timeout: 90_000 });
    const frame = await findFrame(page, '[data-testid="trace-en"], [data-testid="rate-clinical_soundness-1"]', 90_000);
    await waitFor(
      'the restored panel to show the item and its saved rating',
      async () => {
        const text = await frame.locator('body').innerText();
        const pressed = await frame.locator('[data-testid="rate-clinical_soundness-4"][aria-checked="true"]').count();
        return text.includes(target.id) && pressed > 0;
      },
      60_000,
    );
  }),
);

test('co-reasoning on the open item appends its trace and shows it in the panel', { timeout: 240_000 }, () =>
  guarded(async () => {
    const { page, workspace } = cs;
    const { datasetFile } = sampleRows();
    const target = itemWithoutTrace();
    const file = tracesFile(workspace, datasetFile);
    const hasTrace = (): boolean =>
      existsSync(file) &&
      readFileSync(file, 'utf8')
        .split('\n')
        .some((l) => l.trim() !== '' && (JSON.parse(l) as { itemId: string }).itemId === target.id);
    assert.equal(hasTrace(), false, 'the test removed this item\'s trace');

    await openItemFromPalette(page, target.id);
    await page.locator('.tabs-container .tab', { hasText: target.id }).first().waitFor({ state: 'visible', timeout: 60_000 });

    await runCommand(page, 'Med-CoReasoner: Run Co-Reasoning');
    // The first choice is the open item.
    const choice = page.locator('.quick-input-list .monaco-list-row', { hasText: target.id }).first();
    await choice.waitFor({ state: 'visible', timeout: 30_000 });
    await choice.click();
    // Then the configuration: every named configuration is offered; take the default.
    const configs = page.locator('.quick-input-list .monaco-list-row');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'en-only-concepts' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok((await configs.count()) >= 8, 'the eight configurations are offered');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'coreasoner' }).first().click();

    await waitFor('the new trace in the traces file', () => hasTrace(), 120_000, 500);
    assert.ok(llm.requests.length > 0, 'the model endpoint was called');
    const trace = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { itemId: string; schema: string; config: { model: string; name: string } })
      .find((t) => t.itemId === target.id)!;
    assert.equal(trace.schema, 'medco.trace/1');
    assert.equal(trace.config.model, 'e2e-chat');
    assert.equal(trace.config.name, 'coreasoner');

    // The panel shows the new trace without reopening the item.
    const frame = await findFrame(page, '[data-testid="trace-en"]', 60_000);
    await waitFor('the English trace in the panel', async () => (await frame.locator('[data-testid="trace-en"]').innerText()).trim().length > 0, 60_000);
  }),
);

test('concepts that contain another are shown whole: qa-ja-002 and qa-sw-001', { timeout: 240_000 }, () =>
  guarded(async () => {
    const { page } = cs;
    const cases = [
      { itemId: 'qa-ja-002', outer: 'ja-5', outerText: '熱中症警戒アラート', inner: 'ja-2', innerTexts: ['熱中症', '熱中症', '熱中症'], partner: 'en-2' },
      { itemId: 'qa-sw-001', outer: 'sw-2', outerText: 'kipimo cha haraka cha malaria', inner: 'sw-1', innerTexts: ['malaria', 'malaria', 'malaria', 'malaria', 'Malaria'], partner: 'en-1' },
    ];
    for (const c of cases) {
      await openItemFromPalette(page, c.itemId);
      const frame = await waitFor(`the review panel on ${c.itemId}`, async () => {
        for (const f of page.frames()) {
          const shown = await f.locator('[data-testid="item-id"]').first().innerText({ timeout: 1_000 }).catch(() => '');
          if (shown === c.itemId && (await f.locator('[data-testid="trace-local"] mark').count()) > 0) return f;
        }
        return undefined;
      }, 90_000);
      const local = '[data-testid="trace-local"]';
      assert.deepEqual(await mentionsOf(frame, local, c.outer), [c.outerText]);
      assert.deepEqual(await mentionsOf(frame, local, c.inner), c.innerTexts);
      // Hovering the term inside the phrase lights its English partner.
      const inner = frame.locator(`${local} mark[data-concept-id~="${c.outer}"] mark[data-concept-id~="${c.inner}"]`).first();
      await inner.scrollIntoViewIfNeeded();
      await inner.hover();
      await waitFor(`${c.partner} emphasised`, async () =>
        (await frame.locator(`[data-testid="trace-en"] mark.is-active[data-concept-id~="${c.partner}"]`).count()) > 0, 10_000);
      // For the closing note of the change: the panel with both concepts shown whole.
      await saveScreenshot(page, `review-nested-concepts-${c.itemId}.png`);
    }
  }),
);
