/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: VS Code loads extensionTestsPath with require() */
// Runs inside code-server's extension host for test/e2e/workspaceTrust.test.ts (passed as
// `extensionTestsPath`). The command palette and menus hide Run Co-Reasoning in an untrusted
// folder, so this probe calls the command the way another extension or a keybinding could, on an
// item it names (as the tree's context menu does, so no picker is shown), and records what the
// extension sees. Then it waits for the test to grant trust through the UI and does the same again:
// the positive control that shows the command, the settings and the server are wired up.
// Results go to the JSON file named by MEDCO_TRUST_PROBE (code-server passes its environment on).
const { renameSync, writeFileSync } = require('node:fs');
const vscode = require('vscode');

const EXTENSION_ID = 'medco.medco-review';
const report = {};

function save() {
  const file = process.env.MEDCO_TRUST_PROBE;
  // Written aside and renamed: the test never reads half a file.
  writeFileSync(`${file}.partial`, JSON.stringify(report, null, 2));
  renameSync(`${file}.partial`, file);
}

/** Runs co-reasoning on the item and reports, once the command has returned, what was configured. */
async function attempt(itemId) {
  const node = { kind: 'item', item: { id: itemId } };
  const started = Date.now();
  await vscode.commands.executeCommand('medco.runCoReasoning', node, [node], 'coreasoner');
  return {
    isTrusted: vscode.workspace.isTrusted,
    baseUrl: vscode.workspace.getConfiguration('medco.llm').get('baseUrl'),
    annotationsDir: vscode.workspace.getConfiguration('medco').get('annotationsDir'),
    commandMs: Date.now() - started,
  };
}

async function run() {
  try {
    const itemId = process.env.MEDCO_TRUST_ITEM;
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
    await ext.activate();
    report.extensionPath = ext.extensionPath;
    // Reviewing works in Restricted Mode: the item opens (and with it the dataset, found without
    // the restricted `medco.dataset` setting).
    await vscode.commands.executeCommand('medco.openItem', itemId);
    report.untrusted = await attempt(itemId);
    save();
    if (!vscode.workspace.isTrusted) {
      await new Promise((resolve) => {
        const sub = vscode.workspace.onDidGrantWorkspaceTrust(() => {
          sub.dispose();
          resolve();
        });
      });
    }
    report.trusted = await attempt(itemId);
    save();
  } catch (err) {
    report.error = String(err && err.stack ? err.stack : err);
    save();
  }
}

module.exports = { run };
