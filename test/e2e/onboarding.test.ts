// End to end, first contact (issue #14, item 7): in an empty workspace the packaged extension's
// walkthrough is offered, its first step's button runs "Open Sample Workspace", which copies the
// sample shipped in the VSIX and reopens the window on it, where the Items view lists the sample.
// Then (item 8) Med-CoReasoner: Test Connection against the local OpenAI-compatible test server
// reports what works: the model list, a chat and an embedding. And (item 10) the review panel's item
// section, once folded, stays folded in a reopened panel and after a reload (kept per user by the host).
// Run: npm run package && node --import tsx --test test/e2e/onboarding.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chooseFromPicker, findFrame, reloadWindow, runCommand, startCodeServer, waitFor, type CodeServerSession } from '../support/codeServer';
import { startOpenAIServer, type FakeOpenAIServer } from '../support/openaiServer';

let cs: CodeServerSession;
let llm: FakeOpenAIServer;

before(async () => {
  // A real HTTP server speaking the OpenAI API, for Test Connection (user settings: they hold
  // across the reload into the sample workspace).
  llm = await startOpenAIServer({ models: ['e2e-chat', 'e2e-embed'] });
  cs = await startCodeServer({
    workspaceSource: mkdtempSync(path.join(tmpdir(), 'medco-empty-')),
    settings: {
      'medco.annotator.id': 'dr-e2e-onboarding',
      'medco.llm.baseUrl': llm.url,
      'medco.llm.model': 'e2e-chat',
      'medco.llm.embeddingModel': 'e2e-embed',
    },
  });
});
after(async () => {
  await cs?.stop();
  await llm?.close();
});

test('the walkthrough shows its six steps and its first step opens the sample workspace', async (t) => {
  const page = cs.page;
  try {
    await chooseFromPicker(page, 'Welcome: Open Walkthrough...', 'Review medical reasoning with Med-CoReasoner');
    const walkthrough = page.locator('.gettingStartedContainer');
    for (const title of ['Open the sample', 'Set your annotator id', 'Rate an item by keyboard', 'See your file', 'Open the disagreements', 'See the statistics']) {
      await walkthrough.getByText(title, { exact: true }).first().waitFor({ timeout: 60_000 });
    }
    const reloaded = page.waitForURL(/sample-workspace/, { timeout: 120_000 });
    await walkthrough.getByRole('button', { name: 'Open Sample Workspace' }).first().click();
    await reloaded;
    const folder = decodeURIComponent(new URL(page.url()).searchParams.get('folder') ?? '');
    assert.match(folder, /sample-workspace$/);
    assert.ok(readdirSync(folder).some((f) => f.endsWith('.traces.jsonl')), 'the copy holds the sample traces');
    assert.ok(existsSync(path.join(folder, 'annotations')));
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
    // The Med-CoReasoner container lists the sample's items.
    await page.locator('.activitybar [aria-label^="Med-CoReasoner"]').first().click();
    await waitFor('the Items view to list sample items', async () => (await page.locator('.monaco-list-row', { hasText: /qa-|nli-/ }).count()) > 0, 90_000);
  } catch (err) {
    t.diagnostic(`diagnostics: ${(await cs.dumpDiagnostics('onboarding')).join(', ')}`);
    throw err;
  }
});

test('Test Connection reports that the model list, a chat and an embedding work', async (t) => {
  const page = cs.page;
  try {
    const before = llm.requests.length;
    await runCommand(page, 'Med-CoReasoner: Test Connection');
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'The endpoint works' }).first();
    await toast.waitFor({ state: 'visible', timeout: 90_000 });
    const text = (await toast.innerText()).replace(/\s+/g, ' ');
    // Each step with its mark and detail, as the command words them (testConnectionCommand.ts).
    assert.match(text, /Model list: ✓ 2 model\(s\)/);
    assert.match(text, /Chat: ✓ "e2e-chat" answered/);
    assert.match(text, /Embeddings: ✓ "e2e-embed": \d+ dimensions/);
    // And it asked the server for each of them.
    const paths = llm.requests.slice(before).map((r) => r.path.replace(/\?.*$/, ''));
    for (const route of ['/v1/models', '/v1/chat/completions', '/v1/embeddings']) {
      assert.ok(paths.some((p) => p.endsWith(route)), `${route} was requested (got ${paths.join(', ')})`);
    }
  } catch (err) {
    t.diagnostic(`diagnostics: ${(await cs.dumpDiagnostics('onboarding-test-connection')).join(', ')}`);
    throw err;
  }
});

test('a folded item section stays folded when the review panel is closed and reopened, and after a reload', async (t) => {
  const page = cs.page;
  const item = 'nli-ja-002';
  const openItem = async (): Promise<import('playwright-core').Frame> => {
    await chooseFromPicker(page, 'Med-CoReasoner: Open Item', item);
    return findFrame(page, '[data-testid="item-fold"]', 120_000);
  };
  const expanded = (frame: import('playwright-core').Frame): Promise<string | null> => frame.locator('[data-testid="item-fold"]').getAttribute('aria-expanded');
  const closeAll = async (): Promise<void> => {
    await runCommand(page, 'View: Close All Editors');
    await waitFor('the review panel to close', async () => (await page.locator('.tabs-container .tab', { hasText: `Review: ${item}` }).count()) === 0, 30_000);
  };
  try {
    let frame = await openItem();
    assert.equal(await expanded(frame), 'true', 'unfolded until the annotator folds it');
    await frame.locator('[data-testid="item-fold"]').press('Enter');
    await waitFor('the item section to fold', async () => (await expanded(frame)) === 'false', 30_000);
    assert.equal(await frame.locator('[data-testid="premise"]').isVisible(), false);

    await closeAll();
    frame = await openItem();
    await waitFor('the reopened panel to show the item folded', async () => (await expanded(frame)) === 'false', 30_000);

    await closeAll();
    await reloadWindow(page);
    frame = await openItem();
    await waitFor('the panel after a reload to show the item folded', async () => (await expanded(frame)) === 'false', 30_000);
  } catch (err) {
    t.diagnostic(`diagnostics: ${(await cs.dumpDiagnostics('onboarding-item-fold')).join(', ')}`);
    throw err;
  }
});
