// One way UI strings reach a webview (src/protocol/uiStrings.ts, src/extension/panels/uiStrings.ts):
// every `t('…')` of every webview app, found by scanning all of webview/ and the modules each app
// bundles, is in the key list its host sends and in the l10n bundles; rubric labels are localized
// by the same helper for every panel, so a dimension reads the same in review and adjudication.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { literalCalls } from '../../support/l10nKeys';
import { installVscodeStub, vscodeStub } from '../extension/vscodeStub';
import { APP_UI_STRINGS } from '../../../src/protocol/uiStrings';
import { ERROR_TYPE_LABELS, STATUS_LABELS } from '../../../src/core/adjudication/labels';
import { defaultRubric } from '../../../src/core/store/rubric';

const repo = path.resolve(__dirname, '..', '..', '..');
const readJson = (rel: string): Record<string, string> => JSON.parse(readFileSync(path.join(repo, rel), 'utf8'));
const T_CALL = /(?<![\w.])(?:this\.)?t/;
const APPS = { review: 'webview/app-review.ts', adjudication: 'webview/app-adjudication.ts', stats: 'webview/app-stats.ts' } as const;

/** The project's .ts files an entry point bundles (relative imports, followed transitively). */
function bundled(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const base = path.resolve(path.dirname(file), m[1]);
      const next = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => existsSync(f));
      if (next) visit(next);
    }
  };
  visit(path.join(repo, entry));
  return [...seen];
}

const webviewFiles = readdirSync(path.join(repo, 'webview'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => path.join(repo, 'webview', f));

test('every t() of every webview app is in the key list its host sends', () => {
  for (const [app, entry] of Object.entries(APPS) as [keyof typeof APPS, string][]) {
    const used = [...literalCalls(bundled(entry), T_CALL)];
    assert.ok(used.length > 10, `${app}: no t() calls found`);
    const sent = new Set(APP_UI_STRINGS[app]);
    assert.deepEqual(used.filter((k) => !sent.has(k)), [], `${app}: used but not sent`);
  }
  // Labels the adjudication app looks up through tables rather than literals.
  const labels = [...Object.values(ERROR_TYPE_LABELS), ...Object.values(STATUS_LABELS)];
  assert.deepEqual(labels.filter((k) => !APP_UI_STRINGS.adjudication.includes(k)), []);
});

test('the scan covers all of webview/: every file with a t() call is bundled by an app', () => {
  const inApps = new Set(Object.values(APPS).flatMap(bundled));
  const withStrings = webviewFiles.filter((f) => literalCalls([f], T_CALL).size > 0);
  assert.ok(withStrings.length >= 5);
  assert.deepEqual(withStrings.filter((f) => !inApps.has(f)).map((f) => path.relative(repo, f)), []);
});

const bundles = ['bundle.l10n.json', ...readdirSync(path.join(repo, 'l10n')).filter((f) => /^bundle\.l10n\.[a-z-]+\.json$/.test(f))];
const placeholders = (s: string): string => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort().join();

for (const file of bundles) {
  test(`${file} has every webview string and the default rubric's texts, with their placeholders`, () => {
    const bundle = readJson(path.join('l10n', file));
    const rubric = defaultRubric();
    const keys = new Set([...Object.values(APP_UI_STRINGS).flat(), ...rubric.dimensions.map((d) => d.label)]);
    assert.deepEqual([...keys].filter((k) => typeof bundle[k] !== 'string' || bundle[k].trim() === ''), []);
    assert.deepEqual([...keys].filter((k) => placeholders(k) !== placeholders(bundle[k])), [], 'placeholders differ');
  });
}

test('in Japanese a dimension has the same label in the review and the adjudication panel (臨床的妥当性)', async () => {
  installVscodeStub();
  const ja = readJson('l10n/bundle.l10n.ja.json');
  const english = vscodeStub.l10n.t;
  vscodeStub.l10n.t = (key: string, ...args: unknown[]) => english(ja[key] ?? key, ...args);
  try {
    const { reviewStrings } = await import('../../../src/extension/review/reviewPanel');
    const { adjudicationStrings } = await import('../../../src/extension/curation/adjudicationPanel');
    const rubric = defaultRubric();
    const review = reviewStrings(rubric);
    const adjudication = adjudicationStrings(rubric.dimensions);
    assert.equal(review['Clinical soundness'], '臨床的妥当性');
    for (const d of rubric.dimensions) {
      assert.notEqual(adjudication[d.label], undefined, `${d.label} is not sent to the adjudication panel`);
      assert.equal(adjudication[d.label], review[d.label], d.label);
    }
  } finally {
    vscodeStub.l10n.t = english;
  }
});
