// Undo in the review panel (issue #14, item 9): "Clear rating" puts one dimension back to unrated
// and "Revert to revision N" brings back an earlier revision's rating, both saved as new revisions
// through the real annotation store, so nothing saved is lost (the history keeps every state).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { clearPosted, type Harness, openApp, posted, postToWebview, tempFolder } from './harness';
import { makeItem, makeTrace, makeView, RUBRIC, showItem } from './fixtures';
import { AnnotationStore } from '../../src/core/store';
import type { AnnotationEntry } from '../../src/core/types';
import type { SaveRatingParams } from '../../src/protocol/messages';

let h: Harness;
let page: Page;

before(async () => {
  ({ h, page } = await openApp());
});
after(async () => {
  await h?.close();
});

async function saveRequests(p: Page): Promise<SaveRatingParams[]> {
  return (await posted(p)).filter((m) => m.type === 'request' && m.method === 'saveRating').map((m) => m.params as SaveRatingParams);
}

/** The store, with revisions 1 and 2 saved as the panel would have saved them. */
async function storeWithTwoRevisions(): Promise<{ store: AnnotationStore; entry: AnnotationEntry }> {
  const store = await AnnotationStore.open({ annotationsDir: tempFolder('medco-undo-'), dataset: 'd', annotator: 'dr-test', rubric: RUBRIC });
  await store.saveRating('qa-ja-001', { rating: { clinical_soundness: 2, cultural_grounding: 3 }, concepts: { 'ja-1': { relevant: true } }, traceId: 'trace-qa-ja-001' });
  const { entry } = await store.saveRating('qa-ja-001', { rating: { clinical_soundness: 5, cultural_grounding: 4, comment: 'changed my mind' }, concepts: {}, traceId: 'trace-qa-ja-001' });
  return { store, entry };
}

async function show(entry: AnnotationEntry): Promise<void> {
  const trace = makeTrace({ itemId: 'qa-ja-001', lang: 'ja', english: 'amyloid deposits', local: 'アミロイド沈着', en: [{ id: 'en-1', text: 'amyloid deposits' }], loc: [{ id: 'ja-1', text: 'アミロイド沈着' }] });
  await postToWebview(page, showItem(makeView(makeItem('qa-ja-001', 'ja', 'qa'), trace, { annotation: entry })));
  await page.waitForSelector('[data-testid="rating-history"]');
  await clearPosted(page);
}

test('Clear rating: the dimension goes back to unrated, saved as a new revision that keeps the old value in history', async () => {
  const { store, entry } = await storeWithTwoRevisions();
  await show(entry);
  await page.click('[data-testid="clear-clinical_soundness"]');
  const [req] = await saveRequests(page);
  assert.ok(req, 'clearing saves');
  assert.deepEqual(req.rating, { cultural_grounding: 4, comment: 'changed my mind' });
  assert.equal(await page.isHidden('[data-testid="clear-clinical_soundness"]'), true);
  assert.equal(await page.isVisible('[data-testid="clear-cultural_grounding"]'), true);
  const saved = await store.saveRating(req.itemId, { rating: req.rating, concepts: req.concepts, traceId: req.traceId });
  assert.equal(saved.entry.revision, 3);
  assert.equal('clinical_soundness' in saved.entry.rating, false);
  assert.deepEqual(saved.entry.history.map((x) => x.rating.clinical_soundness), [2, 5]);
});

test('Revert to revision 1 from the history: the earlier rating and judgements come back as revision 3', async () => {
  const { store, entry } = await storeWithTwoRevisions();
  await show(entry);
  assert.match((await page.textContent('[data-testid="rating-history"]'))!, /Revision 1/);
  await page.click('[data-testid="rating-history"] summary');
  await page.click('[data-testid="revert-1"]');
  const [req] = await saveRequests(page);
  assert.ok(req, 'reverting saves');
  assert.deepEqual(req.rating, { clinical_soundness: 2, cultural_grounding: 3 });
  assert.deepEqual(req.concepts, { 'ja-1': { relevant: true } });
  // The panel shows the reverted values.
  assert.equal(await page.getAttribute('[data-testid="rate-clinical_soundness-2"]', 'aria-checked'), 'true');
  const saved = await store.saveRating(req.itemId, { rating: req.rating, concepts: req.concepts, traceId: req.traceId });
  assert.equal(saved.entry.revision, 3);
  assert.deepEqual(saved.entry.rating, { clinical_soundness: 2, cultural_grounding: 3 });
  assert.deepEqual(saved.entry.history.map((x) => x.revision), [1, 2]);
  assert.equal(saved.entry.history[1].rating.comment, 'changed my mind');
});
