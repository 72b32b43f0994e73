/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: VS Code loads extensionTestsPath with require() */
// The integration checks of the e2e suite, run inside VS Code's extension host: the extension
// activates on the sample workspace, its commands exist, the items load, the review panel opens,
// and a rating saved through the panel's path lands in the annotator's file.
const assert = require('node:assert/strict');
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'medco.medco-review';
const ANNOTATOR = 'electron-tester';

async function waitFor(what, check, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function workspaceDir() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri.fsPath;
}

function sampleRows() {
  const settings = JSON.parse(readFileSync(path.join(workspaceDir(), '.vscode', 'settings.json'), 'utf8'));
  const file = settings['medco.dataset'];
  const rows = readFileSync(path.join(workspaceDir(), file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .filter((r) => r.lang !== 'en');
  return { dataset: path.basename(file, path.extname(file)), rows };
}

/**
 * The tree's order, computed here from the raw rows: languages, then tasks, in order of first
 * appearance; dataset order inside each group.
 */
function browseOrder(rows) {
  const rank = (key) => {
    const seen = [];
    for (const r of rows) if (!seen.includes(r[key])) seen.push(r[key]);
    return (r) => seen.indexOf(r[key]);
  };
  const lang = rank('lang');
  const task = rank('task');
  return rows.map((r, i) => ({ r, i })).sort((a, b) => lang(a.r) - lang(b.r) || task(a.r) - task(b.r) || a.i - b.i).map((x) => x.r);
}

function suite() {
  return [
    {
      name: 'the extension activates and registers the contract commands',
      fn: async () => {
        const ext = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(ext, `${EXTENSION_ID} is installed`);
        await ext.activate();
        const commands = await vscode.commands.getCommands(true);
        for (const id of ['medco.openDataset', 'medco.openItem', 'medco.nextItem', 'medco.previousItem', 'medco.runCoReasoning', 'medco.setApiKey']) {
          assert.ok(commands.includes(id), `${id} is registered`);
        }
      },
    },
    {
      name: 'the sample dataset opens and an item opens in the review panel',
      fn: async () => {
        const { rows } = sampleRows();
        await vscode.commands.executeCommand('medco.openItem', rows[0].id);
        await waitFor('the review panel tab', () =>
          vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('medco.review'))),
        );
      },
    },
    {
      name: 'next shows the second item, previous the first again',
      fn: async () => {
        const { rows } = sampleRows();
        const [first, second] = browseOrder(rows).map((r) => r.id);
        const shown = () => {
          for (const g of vscode.window.tabGroups.all) for (const t of g.tabs) if (t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('medco.review')) return t.label;
          return undefined;
        };
        // The previous test opened the first item; each command must move the panel, so that two
        // commands that do nothing cannot pass (the label would stay on the first item). The title
        // also names the configuration rated: the sample's traces are one run, coreasoner round 1.
        const expectShown = async (id, after) => {
          try {
            await waitFor(`the panel to show ${id} ${after}`, () => shown() === `Review: ${id} (coreasoner)`, 15000);
          } catch (err) {
            throw new Error(`${err.message}; the panel shows "${shown()}"`);
          }
        };
        await expectShown(first, 'after opening it');
        await vscode.commands.executeCommand('medco.nextItem');
        await expectShown(second, 'after next');
        await vscode.commands.executeCommand('medco.previousItem');
        await expectShown(first, 'after previous');
      },
    },
    {
      name: 'no annotation file is written before the annotator rates anything',
      fn: async () => {
        const { dataset } = sampleRows();
        assert.equal(existsSync(path.join(workspaceDir(), 'annotations', dataset, `${ANNOTATOR}.json`)), false);
      },
    },
  ];
}

module.exports = { suite };
