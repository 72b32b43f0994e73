// Who the annotator is can only be set by the user, never by a workspace (a committed
// .vscode/settings.json would otherwise make every physician write the same annotator file); the
// settings that name paths belong to a folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readAnnotatorId, writeAnnotatorId } from '../../../src/extension/workspace/annotatorSetting';

const repo = path.resolve(__dirname, '..', '..', '..');
const settings = (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
}).contributes.configuration.properties;

test('medco.annotator.id is application-scoped: no workspace or folder can set it', () => {
  assert.equal(settings['medco.annotator.id'].scope, 'application');
});

test('the settings that name paths are resource-scoped (one value per workspace folder)', () => {
  for (const key of ['medco.annotationsDir', 'medco.rubricFile', 'medco.dataset']) {
    assert.equal(settings[key]?.scope, 'resource', key);
  }
});

/** A settings section as VS Code hands it out, holding values at each level. */
function section(values: { globalValue?: unknown; workspaceValue?: unknown; workspaceFolderValue?: unknown }) {
  const updates: { key: string; value: unknown; target: unknown }[] = [];
  return {
    updates,
    inspect: <T>(key: string) => (key === 'annotator.id' ? ({ key, defaultValue: '', ...values } as { key: string; globalValue?: T }) : undefined),
    update: async (key: string, value: unknown, target?: unknown) => {
      updates.push({ key, value, target });
    },
  };
}

test('the annotator id is read from the user level only; a workspace value is ignored', () => {
  assert.equal(readAnnotatorId(section({ globalValue: ' dr-sato ', workspaceValue: 'everyone' })), 'dr-sato');
  assert.equal(readAnnotatorId(section({ workspaceValue: 'everyone', workspaceFolderValue: 'everyone' })), undefined);
  assert.equal(readAnnotatorId(section({ globalValue: '../escape' })), undefined, 'not a file name');
});

test('the annotator id is written with ConfigurationTarget.Global', async () => {
  const config = section({});
  await writeAnnotatorId(config, ' dr-ito ');
  // vscode.ConfigurationTarget: Global = 1, Workspace = 2, WorkspaceFolder = 3.
  assert.deepEqual(config.updates, [{ key: 'annotator.id', value: 'dr-ito', target: 1 }]);
});
