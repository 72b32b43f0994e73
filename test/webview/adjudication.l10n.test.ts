// The adjudication panel shows rubric dimension labels in the UI language, like the review panel:
// with the Japanese bundle the dimension reads 臨床的妥当性 in its heading and in the annotators'
// cards, not "Clinical soundness" (the two panels disagreed before issue #10).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ADJUDICATION_APP, type Harness, openApp, postToWebview, ROOT } from './harness';
import { buildAdjudicationView } from '../../src/core/adjudication/adjudicationView';
import { ANNOTATIONS_SCHEMA, type AnnotationFile } from '../../src/core/types';
import { defaultRubric } from '../../src/core/store/rubric';
import { APP_UI_STRINGS } from '../../src/protocol/uiStrings';

let h: Harness;
let page: Page;

before(async () => {
  ({ h, page } = await openApp(ADJUDICATION_APP));
});
after(async () => {
  await h?.close();
});

test('in Japanese the dimension label is translated in the heading and the cards', async () => {
  const ja = JSON.parse(readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.ja.json'), 'utf8')) as Record<string, string>;
  const rubric = defaultRubric();
  // What the host sends: the app's keys and the rubric's dimension labels, translated.
  const keys = [...APP_UI_STRINGS.adjudication, ...rubric.dimensions.map((d) => d.label)];
  const strings = Object.fromEntries(keys.map((k) => [k, ja[k] ?? k]));
  const file = (id: string, value: number): AnnotationFile => ({
    schema: ANNOTATIONS_SCHEMA, dataset: 'multimedx-ja', annotator: { id, role: 'annotator' }, rubric: { id: 'medco-expert', version: 1 },
    items: { 'qa-ja-001': { revision: 1, rating: { clinical_soundness: value }, concepts: {}, updatedAt: '2026-11-21T10:00:00.000Z', history: [] } },
  });
  const view = buildAdjudicationView({
    dataset: 'multimedx-ja', itemId: 'qa-ja-001', annotations: [file('a', 2), file('b', 5)], adjudication: null,
    dimensions: rubric.dimensions, item: null, trace: null, revealNames: false,
  });
  await postToWebview(page, { type: 'showAdjudication', view, strings });
  await page.waitForSelector('[data-testid="dim-clinical_soundness"] h2');
  assert.equal(await page.textContent('[data-testid="dim-clinical_soundness"] h2'), '臨床的妥当性');
  assert.match((await page.textContent('[data-testid="annotator-A"] .adj-rating'))!, /臨床的妥当性: 2/);
});
