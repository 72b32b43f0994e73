// Calibration references in the review panel (issue #13): the curator's reference of a calibration
// item appears beside the physician's own values only once their rating is on disk: the host sends
// it with the reply to the save that completed the rating (or with the item, when reopened), and
// the panel never shows it earlier. The curator's note stays text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { clearPosted, type Harness, hostMessagesHandled, openApp, posted, postToWebview } from './harness';
import { makeItem, makeTrace, makeView, showItem } from './fixtures';
import type { ItemView } from '../../src/protocol/messages';
import type { CalibrationReferenceView } from '../../src/core/study/calibrationReference';

let h: Harness;
let page: Page;

before(async () => {
  ({ h, page } = await openApp());
});
after(async () => {
  await h?.close();
});

const REFERENCE: CalibrationReferenceView = {
  rating: { clinical_soundness: 4, cultural_grounding: null },
  note: '<img src=x onerror="window.__pwned=1"> The dose is right; local guidance is not cited.',
};

async function show(itemId: string, extra: Partial<ItemView> = {}): Promise<void> {
  const trace = makeTrace({ itemId, lang: 'ja', english: 'amyloid deposits', local: 'アミロイド沈着', en: [{ id: 'en-1', text: 'amyloid deposits' }], loc: [{ id: 'ja-1', text: 'アミロイド沈着' }] });
  await postToWebview(page, showItem(makeView(makeItem(itemId, 'ja', 'qa'), trace, extra)));
  await page.waitForFunction((i) => document.querySelector('[data-testid="item-id"]')?.textContent === i, itemId);
  await clearPosted(page);
}

const saveIds = async (): Promise<number[]> =>
  (await posted(page)).filter((m) => m.type === 'request' && m.method === 'saveRating').map((m) => m.id as number);
const referenceShown = () => page.locator('[data-testid="calibration-reference"]').count();

test('the reference appears only after the save that completes the rating is confirmed, beside the saved values', async () => {
  await show('qa-ja-101');
  assert.equal(await referenceShown(), 0, 'nothing before rating');
  await page.click('[data-testid="rate-clinical_soundness-3"]');
  await page.click('[data-testid="rate-cultural_grounding-na"]');
  const [first, second] = await saveIds();
  assert.ok(first !== undefined && second !== undefined, 'two saves posted');
  await hostMessagesHandled(page);
  assert.equal(await referenceShown(), 0, 'rated but not yet on disk: no reference');

  // The first save's reply (one dimension saved) carries no reference; the second is still in flight.
  await postToWebview(page, { type: 'reply', id: first, result: { revision: 1, rated: 1 } });
  await hostMessagesHandled(page);
  assert.equal(await referenceShown(), 0);

  await postToWebview(page, { type: 'reply', id: second, result: { revision: 2, rated: 1, calibrationReference: REFERENCE } });
  await page.waitForSelector('[data-testid="calibration-reference"]');
  assert.equal(await page.textContent('[data-testid="own-clinical_soundness"]'), '3');
  assert.equal(await page.textContent('[data-testid="reference-clinical_soundness"]'), '4');
  assert.equal(await page.textContent('[data-testid="own-cultural_grounding"]'), 'Not assessable');
  assert.equal(await page.textContent('[data-testid="reference-cultural_grounding"]'), 'Not assessable');
  assert.equal(await page.getAttribute('[data-dimension="clinical_soundness"].reference-differs', 'data-dimension'), 'clinical_soundness');
  // The note is shown as text, never as markup.
  assert.match((await page.textContent('[data-testid="reference-note"]'))!, /<img src=x onerror=/);
  assert.equal(await page.locator('[data-testid="calibration-reference"] img').count(), 0);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
});

test('a failed save shows no reference; the next item starts without one', async () => {
  await show('qa-ja-102');
  await page.click('[data-testid="rate-clinical_soundness-5"]');
  const [id] = await saveIds();
  await postToWebview(page, { type: 'reply', id, error: 'disk full' });
  await hostMessagesHandled(page);
  assert.equal(await referenceShown(), 0);
  await show('qa-ja-103');
  assert.equal(await referenceShown(), 0);
});

test('reopening a calibration item already rated: the host sends the reference with the item, shown with the saved values', async () => {
  await show('qa-ja-104', {
    annotation: { revision: 2, rating: { clinical_soundness: 4, cultural_grounding: 2 }, updatedAt: '2026-11-30T10:00:00.000Z', history: [] },
    calibrationReference: { rating: { clinical_soundness: 4, cultural_grounding: 3 } },
  });
  await page.waitForSelector('[data-testid="calibration-reference"]');
  assert.equal(await page.textContent('[data-testid="own-cultural_grounding"]'), '2');
  assert.equal(await page.textContent('[data-testid="reference-cultural_grounding"]'), '3');
  assert.equal(await page.locator('[data-testid="reference-note"]').count(), 0);
});
