// The curation UI is localized like the rest: every string of the curation host code and of the
// adjudication webview has an English bundle entry and a Japanese, Simplified Chinese and Korean
// translation that keeps its placeholders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { literalCalls } from '../../support/l10nKeys';
import { ADJUDICATION_UI_STRINGS, REVIEW_UI_STRINGS } from '../../../src/protocol/uiStrings';
import { ERROR_TYPE_LABELS, STATUS_LABELS } from '../../../src/core/adjudication/labels';

const repo = path.resolve(__dirname, '..', '..', '..');
const readJson = (rel: string): Record<string, string> => JSON.parse(readFileSync(path.join(repo, rel), 'utf8'));
const tsFiles = (dir: string) => readdirSync(path.join(repo, dir)).filter((f) => f.endsWith('.ts')).map((f) => path.join(repo, dir, f));
const placeholders = (s: string): string => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort().join();

const hostKeys = [...literalCalls(tsFiles('src/extension/curation'), /vscode\.l10n\.t/)];
const webviewKeys = [...literalCalls([...tsFiles('webview/adjudication'), path.join(repo, 'webview/app-adjudication.ts')], /(?<![\w.])(?:this\.)?t/)];
const curationKeys = [...new Set([...hostKeys, ...ADJUDICATION_UI_STRINGS])];

test('the scanner finds the curation strings', () => {
  assert.ok(hostKeys.includes('Adjudicate which item?'));
  assert.ok(webviewKeys.includes('Save decision'));
});

test('every string the adjudication webview asks for is sent by the host', () => {
  const sent = new Set<string>([...ADJUDICATION_UI_STRINGS, ...REVIEW_UI_STRINGS]);
  const labels = [...Object.values(ERROR_TYPE_LABELS), ...Object.values(STATUS_LABELS)];
  assert.deepEqual([...webviewKeys, ...labels].filter((k) => !sent.has(k)), []);
});

for (const file of ['bundle.l10n.json', 'bundle.l10n.ja.json', 'bundle.l10n.zh-cn.json', 'bundle.l10n.ko.json']) {
  test(`${file} has every curation string, with its placeholders`, () => {
    const bundle = readJson(path.join('l10n', file));
    assert.deepEqual(curationKeys.filter((k) => typeof bundle[k] !== 'string' || bundle[k].trim() === ''), []);
    assert.deepEqual(curationKeys.filter((k) => placeholders(k) !== placeholders(bundle[k])), [], 'placeholders differ');
  });
}
