// Rating from the keyboard and the mouse in headless Chromium: the messages the webview posts,
// non-Latin keyboard layouts, IME composition, the save indicator, time on item and state restore.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { clearPosted, type Harness, hostMessagesHandled, openApp, posted, postToWebview } from './harness';
import { makeItem, makeTrace, makeView, showItem } from './fixtures';
import type { ItemView } from '../../src/protocol/messages';

let h: Harness;
let page: Page;
let n = 0;

before(async () => {
  ({ h, page } = await openApp());
});
after(async () => {
  await h?.close();
});

function view(itemId: string, extra: Partial<ItemView> = {}): ItemView {
  const trace = makeTrace({
    itemId, lang: 'th', english: 'Hypertension is likely.', local: 'น่าจะเป็นความดันโลหิตสูง และต้องตรวจไต',
    en: [{ id: 'en-1', text: 'Hypertension' }], loc: [{ id: 'th-1', text: 'ความดันโลหิตสูง' }, { id: 'th-2', text: 'ตรวจไต' }],
    pairs: [['th-1', 'en-1', 0.9]], localOnly: [['th-2', null, 0.2]],
  });
  return makeView(makeItem(itemId, 'th', 'qa'), trace, extra);
}

async function showFresh(p: Page, extra: Partial<ItemView> = {}): Promise<string> {
  const id = `qa-th-${String(++n).padStart(3, '0')}`;
  await postToWebview(p, showItem(view(id, extra)));
  await p.waitForFunction((i) => document.querySelector('[data-testid="item-id"]')?.textContent === i, id);
  await clearPosted(p);
  return id;
}

type Saved = { id: number; itemId?: string; rating?: Record<string, unknown>; concepts?: Record<string, unknown>; durationMs?: number; traceId?: string };
/** The saveRating requests posted (their params, with the request id the host replies to). */
const saves = async (p: Page): Promise<Saved[]> =>
  (await posted(p)).filter((m) => m.type === 'request' && m.method === 'saveRating').map((m) => ({ ...(m.params as object), id: m.id as number }));
/** What the webview posted, by kind: a notification's type, a request's method. */
const kinds = async (p: Page): Promise<string[]> => (await posted(p)).map((m) => (m.type === 'request' ? String(m.method) : m.type));
/** The host's reply to a save, as PanelHost sends it. */
const savedReply = (id: number, revision: number, rated = 0) => ({ type: 'reply', id, result: { revision, rated } });

/** Dispatches keydown as a non-Latin layout would produce it. */
async function keydown(p: Page, init: KeyboardEventInit): Promise<void> {
  await p.evaluate((i) => {
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, composed: true, ...i }));
  }, init as Record<string, unknown>);
}

beforeEach(async () => {
  await page.evaluate(() => document.body.focus());
});

test('digit keys rate the focused dimension; arrows move between dimensions; n = not assessable', async () => {
  const id = await showFresh(page);
  // The first unrated dimension has focus as soon as the item is shown.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-dimension')), 'clinical_soundness');
  await page.keyboard.press('4');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('n');
  const s = await saves(page);
  assert.equal(s.length, 2);
  assert.deepEqual(s[0].rating, { clinical_soundness: 4 });
  assert.deepEqual(s[1].rating, { clinical_soundness: 4, cultural_grounding: null });
  assert.equal(s[1].itemId, id);
  assert.equal(s[1].traceId, `trace-${id}`);
  assert.equal(await page.getAttribute('[data-testid="rate-clinical_soundness-4"]', 'aria-checked'), 'true');
  assert.equal(await page.getAttribute('[data-testid="rate-cultural_grounding-na"]', 'aria-checked'), 'true');
  // Out-of-scale digits do nothing.
  await page.keyboard.press('9');
  assert.equal((await saves(page)).length, 2);
});

test('non-Latin layouts: physical Digit and KeyN codes work whatever character they produce', async () => {
  await showFresh(page);
  await keydown(page, { key: 'ぬ', code: 'Digit1' }); // Japanese kana layout
  await keydown(page, { key: 'ArrowDown', code: 'ArrowDown' });
  await keydown(page, { key: 'ภ', code: 'Digit4' }); // Thai Kedmanee
  await keydown(page, { key: 'ㅜ', code: 'KeyN' }); // Korean 2-set: not assessable for this dimension
  const s = await saves(page);
  assert.deepEqual(s.map((m) => m.rating), [
    { clinical_soundness: 1 },
    { clinical_soundness: 1, cultural_grounding: 4 },
    { clinical_soundness: 1, cultural_grounding: null },
  ]);
});

test('keys during IME composition and keys typed in the comment box are not shortcuts', async () => {
  await showFresh(page);
  await keydown(page, { key: '3', code: 'Digit3', isComposing: true });
  await keydown(page, { key: 'Process', code: 'Digit3', keyCode: 229 } as KeyboardEventInit);
  await page.click('[data-testid="comment"]');
  await page.keyboard.type('5 n 2');
  assert.equal(await page.$eval('[data-testid="comment"]', (c) => (c as unknown as { value: string }).value), '5 n 2');
  const s = await saves(page);
  assert.ok(s.every((m) => !('clinical_soundness' in m.rating!) && !('cultural_grounding' in m.rating!)), JSON.stringify(s));
});

test('the comment is saved debounced; the save indicator follows the host', async () => {
  await showFresh(page);
  await page.fill('[data-testid="comment"] textarea', 'Dosing of ACE inhibitors differs locally.');
  // Not yet on disk: the indicator must not contain "saved" (docs/formats.md §5).
  assert.doesNotMatch((await page.textContent('[data-testid="save-state"]'))!, /saved/);
  assert.equal((await saves(page)).length, 0);
  await page.waitForFunction(() => (window as unknown as { __posted: { method?: string }[] }).__posted.some((m) => m.method === 'saveRating'));
  const s = await saves(page);
  assert.equal(s.length, 1);
  assert.equal(s[0].rating!.comment, 'Dosing of ACE inhibitors differs locally.');
  assert.equal(await page.textContent('[data-testid="save-state"]'), 'saving…');
  // A second save before the first is answered: "saved" waits for both.
  await page.focus('[data-dimension="clinical_soundness"].rating-scale');
  await page.keyboard.press('3');
  const [first, second] = await saves(page);
  await postToWebview(page, savedReply(first.id, 1));
  assert.equal(await page.textContent('[data-testid="save-state"]'), 'saving…');
  const before = (await page.textContent('[data-testid="position"]'))!;
  await postToWebview(page, savedReply(second.id, 2, 17));
  assert.match((await page.textContent('[data-testid="save-state"]'))!, /saved/);
  // The header's rated count follows the save; the position in the dataset does not move.
  assert.match(before, /^\d+ of \d+ · \d+ rated$/);
  assert.equal(await page.textContent('[data-testid="position"]'), before.replace(/\d+ rated$/, '17 rated'));
  // A reply to no request of this item (another item's, a repeated one) does not touch this one.
  await postToWebview(page, { type: 'reply', id: second.id + 1000, error: 'disk full' });
  await postToWebview(page, { type: 'reply', id: first.id, error: 'disk full' });
  assert.match((await page.textContent('[data-testid="save-state"]'))!, /saved/);
  await page.keyboard.press('4');
  const third = (await saves(page)).at(-1)!;
  await postToWebview(page, { type: 'reply', id: third.id, error: 'rating not saved: disk full' });
  assert.equal(await page.textContent('[data-testid="save-state"]'), 'error');
  assert.equal(await page.textContent('[data-testid="save-error"]'), 'rating not saved: disk full');
});

test('clicks save immediately: rating value, flag, concept judgements', async () => {
  const id = await showFresh(page);
  await page.click('[data-testid="rate-cultural_grounding-2"]');
  await page.click('vscode-checkbox:has-text("Translation issue")');
  await page.click(`[data-testid="judge-pair:th-1/en-1-no"]`);
  await page.click(`[data-testid="judge-th-2-yes"]`);
  const s = await saves(page);
  assert.equal(s.length, 4);
  const last = s.at(-1)!;
  assert.equal(last.itemId, id);
  assert.deepEqual(last.rating, { cultural_grounding: 2, flags: ['translation_issue'] });
  assert.deepEqual(last.concepts, { 'pair:th-1/en-1': { aligned: false }, 'th-2': { relevant: true } });
});

test('Ctrl+Enter saves then asks for the next unrated item; Alt+arrows navigate', async () => {
  await showFresh(page);
  await page.keyboard.press('5');
  await clearPosted(page);
  await page.keyboard.press('Control+Enter');
  let m = await posted(page);
  assert.deepEqual(await kinds(page), ['saveRating', 'navigate']);
  assert.equal(m[1].direction, 'nextUnrated');
  await clearPosted(page);
  // Works from inside the comment box too, and flushes the pending comment first.
  await page.fill('[data-testid="comment"] textarea', 'ok');
  await page.keyboard.press('Alt+Enter');
  m = await posted(page);
  assert.deepEqual(await kinds(page), ['saveRating', 'navigate']);
  assert.equal((await saves(page))[0].rating!.comment, 'ok');
  await clearPosted(page);
  await page.evaluate(() => document.body.focus());
  await page.keyboard.press('Alt+ArrowRight');
  await page.keyboard.press('Alt+ArrowLeft');
  m = await posted(page);
  assert.deepEqual(m.map((x) => [x.type, x.direction]), [['navigate', 'next'], ['navigate', 'previous']]);
});

test('an existing rating is shown, and a stale item still accepts a new rating', async () => {
  await showFresh(page, {
    stale: true,
    annotation: { revision: 3, rating: { clinical_soundness: 2, cultural_grounding: null, flags: ['unavailable_locally'], comment: 'old' }, updatedAt: 'x', durationMs: 1000, history: [] },
  });
  assert.equal(await page.getAttribute('[data-testid="rate-clinical_soundness-2"]', 'aria-checked'), 'true');
  assert.equal(await page.getAttribute('[data-testid="rate-cultural_grounding-na"]', 'aria-checked'), 'true');
  assert.equal(await page.$eval('[data-testid="comment"]', (c) => (c as unknown as { value: string }).value), 'old');
  assert.match((await page.textContent('[data-testid="save-state"]'))!, /saved/);
  await page.keyboard.press('3');
  const s = await saves(page);
  assert.deepEqual(s[0].rating, { clinical_soundness: 3, cultural_grounding: null, flags: ['unavailable_locally'], comment: 'old' });
});

test('time on item is sent as durationMs and pauses while the panel is hidden', async () => {
  // The page's clock (performance.now, Date, timers) is Playwright's, paused: only runFor moves it.
  const p = await h.open({ clock: true });
  try {
    await p.clock.pauseAt(Date.now() + 60_000);
    await showFresh(p);
    await p.clock.runFor(400);
    // Hide the panel for a while: that time must not count.
    // Strings, not functions: tsx's keepNames helper (__name) does not exist in the page.
    const setHidden = (hidden: boolean) =>
      `Object.defineProperty(document, 'hidden', { configurable: true, value: ${hidden} }); document.dispatchEvent(new Event('visibilitychange'));`;
    await p.evaluate(setHidden(true));
    await p.clock.runFor(1200);
    await p.evaluate(setHidden(false));
    await p.clock.runFor(100);
    await p.keyboard.press('2');
    const [s] = await saves(p);
    assert.equal(s.durationMs, 500, JSON.stringify(await posted(p)));
    assert.match((await p.textContent('[data-testid="time-on-item"]'))!, /^\d+:\d\d$/);
  } finally {
    await p.close();
  }
});

test('webview state keeps item, scroll and unsaved comment; a reloaded panel restores them', async () => {
  // A paused page clock: the comment's debounced save cannot fire (and take the comment out of
  // the state as no longer unsaved) however slow the machine, and animation frames run on demand.
  const p1 = await h.open({ width: 700, clock: true });
  await p1.clock.pauseAt(Date.now() + 60_000);
  const id = await showFresh(p1);
  await p1.fill('[data-testid="comment"] textarea', 'half-typed thought');
  // Our scroll listener runs after the webview's (registered first): once it has run, the webview
  // has queued its state save for the next animation frame, which one clock step then runs.
  await p1.evaluate(() => {
    const w = window as unknown as { __scrolled: boolean };
    w.__scrolled = false;
    window.addEventListener('scroll', () => (w.__scrolled = true), { once: true });
    window.scrollTo(0, 300);
  });
  await p1.waitForFunction(() => (window as unknown as { __scrolled: boolean }).__scrolled);
  await p1.clock.runFor(50);
  const state = await p1.evaluate(() => (window as unknown as { __state: () => unknown }).__state()) as { itemId: string; scrollY: number; unsavedComment?: string };
  assert.equal(state.itemId, id);
  assert.equal(state.unsavedComment, 'half-typed thought');
  assert.ok(state.scrollY > 0);
  await p1.close();

  // A new webview (window reload) starts from that state; the host shows the same item again.
  const p2 = await h.open({ width: 700, initialState: state });
  await postToWebview(p2, showItem(view(id)));
  await p2.waitForFunction((i) => document.querySelector('[data-testid="item-id"]')?.textContent === i, id);
  assert.equal(await p2.$eval('[data-testid="comment"]', (c) => (c as unknown as { value: string }).value), 'half-typed thought');
  assert.equal(await p2.evaluate(() => Math.round(window.scrollY)), state.scrollY);
  // The restored comment is saved, so it is not lost.
  await p2.waitForFunction(() => (window as unknown as { __posted: { method?: string }[] }).__posted.some((m) => m.method === 'saveRating'));
  const [s] = await saves(p2);
  assert.equal(s.rating!.comment, 'half-typed thought');
  await p2.close();
});

test('Left/Right on a focused rating scale step the value within the scale', async () => {
  await showFresh(page);
  await page.focus('[data-dimension="cultural_grounding"].rating-scale');
  await page.keyboard.press('ArrowRight'); // nothing rated yet: the lowest value
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft'); // at the minimum: no new save
  const s = await saves(page);
  assert.deepEqual(s.map((m) => m.rating), [{ cultural_grounding: 1 }, { cultural_grounding: 2 }, { cultural_grounding: 1 }]);
});

test('traceUpdated re-renders the traces, keeps the draft, and marks a rated item stale', async () => {
  const id = await showFresh(page, { annotation: { revision: 1, rating: { clinical_soundness: 4 }, updatedAt: 'x', history: [] } });
  await page.fill('[data-testid="comment"] textarea', 'keep me');
  const trace = makeTrace({ itemId: id, lang: 'th', english: 'New reasoning about diabetes.', local: 'เหตุผลใหม่เรื่องเบาหวาน', en: [{ id: 'en-9', text: 'diabetes' }], loc: [{ id: 'th-9', text: 'เบาหวาน' }], pairs: [['th-9', 'en-9', 0.95]] });
  await postToWebview(page, { type: 'traceUpdated', itemId: id, trace });
  await page.waitForSelector('[data-testid="trace-local"] mark[data-concept-id~="th-9"]');
  assert.ok(await page.$('[data-testid="stale-notice"]'));
  assert.equal(await page.$eval('[data-testid="comment"]', (c) => (c as unknown as { value: string }).value), 'keep me');
  // An update for another item changes nothing.
  await postToWebview(page, { type: 'traceUpdated', itemId: 'other', trace: { ...trace, itemId: 'other' } });
  assert.ok(await page.$('[data-testid="trace-local"] mark[data-concept-id~="th-9"]'));
});

test('messages that do not come from the host origin are ignored', async () => {
  const id = await showFresh(page);
  const other = showItem(view('qa-th-999'));
  // From a foreign origin, and from a sandboxed frame (opaque origin "null"): both dropped.
  await page.evaluate(`window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(other)}, source: window, origin: 'https://evil.example' }))`);
  await page.evaluate(`window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(other)}, source: null, origin: 'null' }))`);
  await hostMessagesHandled(page);
  assert.equal(await page.textContent('[data-testid="item-id"]'), id);
});

test('keyboard focus on a concept highlights its partner and describes it', async () => {
  await showFresh(page);
  await page.focus('[data-testid="trace-en"] mark[data-concept-id~="en-1"]');
  assert.equal(await page.$eval('[data-testid="trace-local"] mark[data-concept-id~="th-1"]', (m) => m.classList.contains('is-active')), true);
  const described = await page.$eval('[data-testid="trace-en"] mark[data-concept-id~="en-1"]', (m) => document.getElementById(m.getAttribute('aria-describedby')!)?.textContent);
  assert.match(described!, /ความดันโลหิตสูง.*0\.90/);
  // Digits still rate while a concept has focus.
  await page.keyboard.press('5');
  assert.deepEqual((await saves(page))[0].rating, { clinical_soundness: 5 });
});

test('a re-render of the current item keeps what was rated since; a newer revision from elsewhere wins', async () => {
  const id = await showFresh(page);
  await page.keyboard.press('4');
  await postToWebview(page, savedReply((await saves(page))[0].id, 1));
  const trace = makeTrace({ itemId: id, lang: 'th', english: 'Updated.', local: 'ปรับปรุง', en: [], loc: [] });
  await postToWebview(page, { type: 'traceUpdated', itemId: id, trace });
  await page.waitForSelector('[data-testid="stale-notice"], [data-testid="trace-en"]');
  assert.equal(await page.getAttribute('[data-testid="rate-clinical_soundness-4"]', 'aria-checked'), 'true');
  await page.focus('[data-dimension="cultural_grounding"].rating-scale');
  await page.keyboard.press('2');
  assert.deepEqual((await saves(page)).at(-1)!.rating, { clinical_soundness: 4, cultural_grounding: 2 });
  // The host re-sends the item with our own revision: nothing changes.
  await postToWebview(page, showItem(view(id, { annotation: { revision: 1, rating: { clinical_soundness: 4 }, updatedAt: 'x', history: [] } })));
  assert.equal(await page.getAttribute('[data-testid="rate-cultural_grounding-2"]', 'aria-checked'), 'true');
  // Another window saved revision 5: its rating is shown.
  await postToWebview(page, showItem(view(id, { annotation: { revision: 5, rating: { clinical_soundness: 1, cultural_grounding: 1 }, updatedAt: 'x', history: [] } })));
  await page.waitForFunction(() => document.querySelector('[data-testid="rate-clinical_soundness-1"]')?.getAttribute('aria-checked') === 'true');
  assert.equal(await page.getAttribute('[data-testid="rate-cultural_grounding-1"]', 'aria-checked'), 'true');
});
