// Takes the README's screenshots from the real, packaged extension (dist/medco-review.vsix) in
// code-server, with the e2e launcher (test/support/codeServer.ts): the walkthrough in an empty
// window, then, after its first step has opened the sample workspace, the review panel on a long
// Japanese BioNLI item (its premise scrolling in its own box, a rating given from the keyboard).
// Writes docs/screenshot-walkthrough.png and docs/screenshot-review.png (or into the folder given).
// Run: npm run package && node --import tsx scripts/screenshots.ts [out-dir]
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chooseFromPicker, findFrame, REPO, startCodeServer, waitFor } from '../test/support/codeServer';

const ITEM = 'nli-ja-002';
const WALKTHROUGH = 'Review medical reasoning with Med-CoReasoner';
const STEPS = ['Open the sample', 'Set your annotator id', 'Rate an item by keyboard', 'See your file', 'Open the disagreements', 'See the statistics'];

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? path.join(REPO, 'docs'));
  mkdirSync(out, { recursive: true });
  const cs = await startCodeServer({
    workspaceSource: mkdtempSync(path.join(tmpdir(), 'medco-shots-')),
    settings: { 'medco.annotator.id': 'dr-tanaka', 'workbench.colorTheme': 'Default Light Modern', 'window.commandCenter': false },
  });
  const page = cs.page;
  try {
    await chooseFromPicker(page, 'Welcome: Open Walkthrough...', WALKTHROUGH);
    const walkthrough = page.locator('.gettingStartedContainer');
    for (const title of STEPS) await walkthrough.getByText(title, { exact: true }).first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(out, 'screenshot-walkthrough.png') });
    console.log(`wrote ${path.join(out, 'screenshot-walkthrough.png')}`);

    const reloaded = page.waitForURL(/sample-workspace/, { timeout: 120_000 });
    await walkthrough.getByRole('button', { name: 'Open Sample Workspace' }).first().click();
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
    await chooseFromPicker(page, 'Med-CoReasoner: Open Item', ITEM);
    const frame = await findFrame(page, '[data-testid="trace-en"] mark', 120_000);
    await frame.locator('[data-testid="rate-clinical_soundness-4"]').click();
    await waitFor('the rating to be saved', async () => /saved/.test(await frame.locator('[data-testid="save-state"]').innerText()), 60_000);
    // Notifications (the sample's "opened" message) would cover the rating form.
    await page.keyboard.press('Escape');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(out, 'screenshot-review.png') });
    console.log(`wrote ${path.join(out, 'screenshot-review.png')}`);
  } catch (err) {
    console.error(`screenshots failed; diagnostics: ${(await cs.dumpDiagnostics('screenshots')).join(', ')}`);
    throw err;
  } finally {
    await cs.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
