// End to end, with VS Code's workspace trust ON (every other e2e session turns it off): the sample
// folder opens untrusted, in Restricted Mode, and its .vscode/settings.json points
// `medco.llm.baseUrl` at a local OpenAI-compatible server, as a hostile repository could.
//  - The palette does not offer Run Co-Reasoning.
//  - Invoked anyway (by an extension-host probe, as another extension or a keybinding could), the
//    command refuses with a warning, the workspace's baseUrl is ignored, and the server receives
//    no request.
//  - Positive control: once the folder is trusted through the UI, the same call reaches the server
//    at the workspace's baseUrl and writes a trace (so the setup above could have seen requests).
// Run: npm run package && node --import tsx --test test/e2e/workspaceTrust.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, startCodeServer, waitFor, type CodeServerSession } from '../support/codeServer';
import { startOpenAIServer, type FakeOpenAIServer } from '../support/openaiServer';
import { makeTempDir } from '../support/tempDir';

const WORKSPACE_SOURCE = path.join(REPO, 'sample');
/** package.json's default for medco.llm.baseUrl: what applies when the folder's setting is ignored. */
const DEFAULT_BASE_URL = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
}).contributes.configuration.properties['medco.llm.baseUrl'].default;
const WARNING = 'Co-reasoning is disabled in untrusted workspaces.';

interface Attempt {
  isTrusted: boolean;
  baseUrl: string;
  annotationsDir: string;
  commandMs: number;
}
interface ProbeReport {
  extensionPath?: string;
  untrusted?: Attempt;
  trusted?: Attempt;
  error?: string;
}

/** The sample's settings, read from disk: the dataset file and the rows the extension shows. */
function sample(): { datasetFile: string; firstItem: string } {
  const settings = JSON.parse(readFileSync(path.join(WORKSPACE_SOURCE, '.vscode', 'settings.json'), 'utf8')) as Record<string, string>;
  const datasetFile = settings['medco.dataset'];
  const first = readFileSync(path.join(WORKSPACE_SOURCE, datasetFile), 'utf8').split('\n').find((l) => l.trim() && JSON.parse(l).lang !== 'en');
  assert.ok(first, 'the sample has an item');
  return { datasetFile, firstItem: JSON.parse(first).id as string };
}

const { datasetFile, firstItem } = sample();
const probeResults = path.join(makeTempDir('medco-trust-probe-'), 'results.json');
let cs: CodeServerSession;
let llm: FakeOpenAIServer;
let failed = false;

function tracesFile(workspace: string): string {
  return path.join(workspace, `${datasetFile.replace(/\.[^.]+$/, '')}.traces.jsonl`);
}

function tracedItems(workspace: string): string[] {
  return readFileSync(tracesFile(workspace), 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { itemId: string }).itemId);
}

before(async () => {
  llm = await startOpenAIServer();
  // code-server hands its environment to the extension host, where the probe reads these.
  process.env.MEDCO_TRUST_PROBE = probeResults;
  process.env.MEDCO_TRUST_ITEM = firstItem;
  cs = await startCodeServer({
    workspaceSource: WORKSPACE_SOURCE,
    workspaceTrust: true,
    settings: { 'medco.annotator.id': 'e2e-untrusted' },
    prepareWorkspace: (workspace) => {
      // The folder's own settings (restricted) name the test server.
      const file = path.join(workspace, '.vscode', 'settings.json');
      const settings = JSON.parse(readFileSync(file, 'utf8'));
      writeFileSync(file, JSON.stringify({ ...settings, 'medco.llm.baseUrl': llm.url, 'medco.llm.model': 'e2e-chat' }, null, 2));
      // The probe's item has no trace yet, so a run that is let through must call the model.
      const kept = readFileSync(tracesFile(workspace), 'utf8').split('\n').filter((l) => l.trim() && JSON.parse(l).itemId !== firstItem);
      writeFileSync(tracesFile(workspace), kept.map((l) => `${l}\n`).join(''));
    },
  });
});

after(async () => {
  if (failed && cs) console.error(`e2e failure diagnostics: ${(await cs.dumpDiagnostics('e2e-workspace-trust')).join(', ')}`);
  await cs?.stop();
  await llm?.close();
});

function readProbe(): ProbeReport | undefined {
  if (!existsSync(probeResults)) return undefined;
  const report = JSON.parse(readFileSync(probeResults, 'utf8')) as ProbeReport;
  if (report.error) throw new Error(`the probe failed: ${report.error}`);
  return report;
}

test('an untrusted folder cannot run co-reasoning or redirect it with its settings', { timeout: 420_000 }, async () => {
  try {
    const { page, workspace, root } = cs;
    assert.ok(!tracedItems(workspace).includes(firstItem));

    // Restricted Mode is on, and the palette does not offer the command. The barrier: another
    // Med-CoReasoner command is listed, so the list has been filtered for the typed text.
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 90_000 });
    assert.equal(await paletteOffers(page, 'Med-CoReasoner: Run Co-Reasoning'), false, 'Run Co-Reasoning is not in the palette');

    // The probe runs the packaged extension (the VSIX as installed), then the command.
    const installed = readdirSync(path.join(root, 'extensions')).find((d) => d.startsWith('medco.medco-review-'));
    assert.ok(installed, 'the VSIX is installed');
    const extensionDir = path.join(root, 'extensions', installed);
    const authority = new URL(cs.url).host;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDir}`],
      ['extensionTestsPath', `vscode-remote://${authority}${path.join(REPO, 'test', 'e2e', 'trustProbe', 'index.cjs')}`],
    ]);
    await page.goto(`${cs.url}&payload=${encodeURIComponent(payload)}`);
    const untrusted = (await waitFor('the probe\'s untrusted attempt', () => readProbe()?.untrusted, 180_000, 500));
    assert.equal(readProbe()?.extensionPath, extensionDir);
    assert.equal(untrusted.isTrusted, false);
    // Restricted settings from the folder are ignored: the defaults apply.
    assert.equal(untrusted.baseUrl, DEFAULT_BASE_URL);
    // The command has returned (the probe awaited it): it was refused with the warning, and the
    // server was never called.
    await page.locator('.notification-toast', { hasText: WARNING }).first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual(llm.countByPath(), {});
    assert.equal(llm.requests.length, 0);
    assert.ok(!tracedItems(workspace).includes(firstItem), 'no trace was written');

    // Positive control: trust the folder through the UI; the same call now reaches the server.
    await grantTrust(page);
    const trusted = await waitFor('the probe\'s trusted attempt', () => readProbe()?.trusted, 180_000, 500);
    assert.equal(trusted.isTrusted, true);
    assert.equal(trusted.baseUrl, llm.url);
    assert.ok(llm.requests.length > 0, 'the trusted run called the model');
    assert.ok(tracedItems(workspace).includes(firstItem), 'the trusted run wrote the trace');
    assert.equal(await paletteOffers(page, 'Med-CoReasoner: Run Co-Reasoning'), true, 'a trusted folder offers Run Co-Reasoning');
  } catch (err) {
    failed = true;
    throw err;
  }
});

/**
 * Whether the palette offers `title`. It first waits until it lists another of the extension's
 * commands (the palette has loaded the contributed commands), then types `title` and waits for the
 * row or the palette's answer that nothing matches.
 */
async function paletteOffers(page: CodeServerSession['page'], title: string): Promise<boolean> {
  const input = page.locator('.quick-input-widget input');
  const rowOf = (text: string) => page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await waitFor('the palette to list Med-CoReasoner commands', async () => {
    if (!(await input.isVisible())) {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
    }
    await input.fill('>Med-CoReasoner: Open Item');
    try {
      await rowOf('Med-CoReasoner: Open Item').waitFor({ state: 'visible', timeout: 5_000 });
      return true;
    } catch {
      // The palette lists the commands known when it opened: close it, so the next try reloads them.
      await page.keyboard.press('Escape');
      return false;
    }
  }, 90_000, 500);
  await input.fill(`>${title}`);
  // No command matches when the palette says so, or when its list starts with the "similar
  // commands" it offers in place of matches.
  const none = page.locator('.quick-input-widget', { hasText: 'No matching commands' });
  const firstRow = page.locator('.quick-input-list .monaco-list-row').first();
  const offered = await waitFor(`the palette to answer "${title}"`, async () => {
    if (await rowOf(title).isVisible()) return 'yes';
    if (await none.isVisible()) return 'no';
    if ((await firstRow.isVisible()) && (await firstRow.innerText()).includes('similar commands')) return 'no';
    return undefined;
  }, 30_000);
  await page.keyboard.press('Escape');
  return offered === 'yes';
}

/**
 * Trusts the folder as a user does: the Restricted Mode item of the status bar opens the Workspace
 * Trust editor, whose Trust button trusts the folder. Retried, since a webview that has the focus
 * may swallow the first click's effect while the workbench is busy.
 */
async function grantTrust(page: CodeServerSession['page']): Promise<void> {
  const trust = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust/ }).first();
  await waitFor('the Workspace Trust editor', async () => {
    if (await trust.isVisible()) return true;
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().click();
    try {
      await trust.waitFor({ state: 'visible', timeout: 10_000 });
      return true;
    } catch {
      return false;
    }
  }, 90_000, 500);
  await trust.click();
}
