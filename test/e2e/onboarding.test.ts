// End to end, first contact (issue #14, item 7): in an empty workspace the packaged extension's
// walkthrough is offered, its first step's button runs "Open Sample Workspace", which copies the
// sample shipped in the VSIX and reopens the window on it, where the Items view lists the sample.
// Run: npm run package && node --import tsx --test test/e2e/onboarding.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chooseFromPicker, startCodeServer, waitFor, type CodeServerSession } from '../support/codeServer';

let cs: CodeServerSession;

before(async () => {
  cs = await startCodeServer({ workspaceSource: mkdtempSync(path.join(tmpdir(), 'medco-empty-')), settings: { 'medco.annotator.id': 'dr-e2e-onboarding' } });
});
after(async () => {
  await cs?.stop();
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
