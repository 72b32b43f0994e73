// The adjudication panel shows LLM judges' ratings (files with role "model") in a labelled column of
// their own: never among the anonymised physicians, never in the spread, rationale as text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ADJUDICATION_APP, type Harness, openApp, postToWebview } from './harness';
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

const RATIONALE = '<img src=x onerror="document.body.dataset.pwned=1"> Too lenient on dosing.';

function file(id: string, cs: number, role: 'annotator' | 'model'): AnnotationFile {
  return {
    schema: ANNOTATIONS_SCHEMA,
    dataset: 'multimedx-ja',
    annotator: role === 'model' ? { id, role, model: 'gpt-judge' } : { id, role },
    rubric: { id: 'medco-expert', version: 1 },
    items: {
      'qa-ja-001': {
        revision: 1,
        rating: { clinical_soundness: cs, cultural_grounding: null, ...(role === 'model' ? { comment: RATIONALE, flags: ['unsafe'] } : {}) },
        updatedAt: '2026-11-21T10:00:00.000Z',
        history: [],
      },
    },
  };
}

test('judge ratings appear in their own labelled column and card, outside the physicians\' spread', async () => {
  const rubric = defaultRubric();
  const strings = Object.fromEntries([...APP_UI_STRINGS.adjudication, ...rubric.dimensions.map((d) => d.label)].map((k) => [k, k]));
  const physicians = [file('dr-a', 2, 'annotator'), file('dr-b', 3, 'annotator')];
  const judge = file('judge-gpt-judge', 5, 'model');
  // A judge's file handed over among the physicians is still set apart.
  const view = buildAdjudicationView({
    dataset: 'multimedx-ja', itemId: 'qa-ja-001', annotations: [...physicians, judge], adjudication: null,
    dimensions: rubric.dimensions, item: null, trace: null, revealNames: false,
  });
  const cs = view.dimensions.find((d) => d.dimension === 'clinical_soundness')!;
  assert.equal(cs.spread, 1, 'the spread is the physicians\' 2–3, not 2–5');
  assert.deepEqual(cs.values.map((v) => v.label), ['A', 'B']);
  assert.deepEqual(cs.judgeValues, [{ judge: 'gpt-judge', value: 5, ratingStale: false }]);
  assert.deepEqual(view.annotators.map((a) => a.label), ['A', 'B']);

  await postToWebview(page, { type: 'showAdjudication', view, strings });
  await page.waitForSelector('[data-testid="judge-values-clinical_soundness"]');
  assert.equal(
    (await page.textContent('[data-testid="judge-values-clinical_soundness"]'))!.replace(/\s+/g, ' ').trim(),
    'LLM judges (not counted in the spread): gpt-judge: 5',
  );
  assert.match((await page.textContent('[data-testid="judge-values-cultural_grounding"]'))!, /gpt-judge: not assessable/);
  assert.match((await page.textContent('[data-testid="dim-clinical_soundness"]'))!, /spread 1,/);
  // Physicians' chips only hold physicians.
  const chips = await page.$$eval('[data-testid="dim-clinical_soundness"] .adj-values .chip', (ns) => ns.map((n) => n.textContent));
  assert.deepEqual(chips, ['A: 2', 'B: 3']);
  assert.equal(await page.$('[data-testid="annotator-C"]'), null, 'the judge is not an anonymised annotator');
  // The judge's card: labelled section, model name, flags, rationale as text.
  assert.match((await page.textContent('[data-testid="judges"] h2'))!, /LLM judges/);
  assert.equal(await page.textContent('[data-testid="judge-judge-gpt-judge"] h3'), 'gpt-judge');
  assert.equal(await page.textContent('[data-testid="judge-comment-judge-gpt-judge"]'), RATIONALE);
  assert.equal(await page.$('[data-testid="judge-comment-judge-gpt-judge"] img'), null);
  assert.equal(await page.evaluate(() => document.body.dataset.pwned), undefined);
});

test('without judges there is no judge column', async () => {
  const rubric = defaultRubric();
  const view = buildAdjudicationView({
    dataset: 'multimedx-ja', itemId: 'qa-ja-001', annotations: [file('dr-a', 2, 'annotator'), file('dr-b', 4, 'annotator')], adjudication: null,
    dimensions: rubric.dimensions, item: null, trace: null, revealNames: false,
  });
  await postToWebview(page, { type: 'showAdjudication', view, strings: {} });
  await page.waitForFunction(() => document.querySelector('[data-testid="dim-clinical_soundness"]')?.textContent?.includes('spread 2'));
  assert.equal(await page.$('[data-testid="judges"]'), null);
  assert.equal(await page.$('[data-testid="judge-values-clinical_soundness"]'), null);
});
