// The review panel's blind pairwise comparison in headless Chromium: the two responses side by
// side, configuration names only when the host sends them, the judgement made from the keyboard
// (1, 2, =, 0 on the focused dimension, ↑/↓ between dimensions), flags and comment in the same
// request, the stale notice, and an item that cannot be compared.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { clearPosted, type Harness, hostMessagesHandled, openApp, posted, postToWebview } from './harness';
import { makeItem, makeTrace, makeView, showItem } from './fixtures';
import type { ItemView, PairJudgementView, PairView } from '../../src/protocol/messages';

let h: Harness;
let page: Page;
let n = 0;

before(async () => {
  ({ h, page } = await openApp());
});
after(async () => {
  await h?.close();
});
beforeEach(async () => {
  await page.evaluate(() => document.body.focus());
});

function pairOf(itemId: string, options: { configs?: [string, string]; judgement?: PairJudgementView | null; stale?: boolean } = {}): PairView {
  const trace = (answer: string, reasoning: string) => makeTrace({
    itemId, lang: 'ja', english: reasoning, local: `${reasoning}（日本語）`,
    en: [{ id: 'en-1', text: 'Hypertension' }], loc: [{ id: 'ja-1', text: '日本語' }], pairs: [['ja-1', 'en-1', 0.9]],
    finalAnswer: answer, finalResponse: answer,
  });
  const [a, b] = options.configs ?? [undefined, undefined];
  return {
    ok: true,
    responses: [
      { side: '1', ...(a ? { config: a } : {}), trace: trace('Take amlodipine in the morning.', 'Hypertension needs steady dosing.') },
      { side: '2', ...(b ? { config: b } : {}), trace: trace('Stop the medicine and drink tea.', 'Hypertension can wait.') },
    ],
    judgement: options.judgement ?? null,
    stale: options.stale ?? false,
  };
}

function pairView(itemId: string, pair: PairView, extra: Partial<ItemView> = {}): ItemView {
  return makeView(makeItem(itemId, 'ja', 'qa'), null, { pair, ...extra });
}

async function showFresh(p: Page, make: (id: string) => ItemView): Promise<string> {
  const id = `qa-ja-${String(++n).padStart(3, '0')}`;
  await postToWebview(p, showItem(make(id)));
  await p.waitForFunction((i) => document.querySelector('[data-testid="item-id"]')?.textContent === i, id);
  await clearPosted(p);
  return id;
}

type Saved = { id: number; itemId: string; winner: Record<string, string>; flags: string[]; comment?: string; durationMs: number };
const comparisons = async (p: Page): Promise<Saved[]> =>
  (await posted(p)).filter((m) => m.type === 'request' && m.method === 'saveComparison').map((m) => ({ ...(m.params as Saved), id: m.id as number }));
const ratings = async (p: Page) => (await posted(p)).filter((m) => m.type === 'request' && m.method === 'saveRating');

test('the two final answers are shown side by side as Response 1 and Response 2, names hidden', async () => {
  await showFresh(page, (id) => pairView(id, pairOf(id)));
  const one = page.locator('[data-testid="response-1"]');
  const two = page.locator('[data-testid="response-2"]');
  assert.match(await one.locator('h2').first().innerText(), /^Response 1$/);
  assert.match(await two.locator('h2').first().innerText(), /^Response 2$/);
  assert.match(await one.locator('[data-testid="final-answer"]').innerText(), /amlodipine/);
  assert.match(await two.locator('[data-testid="final-answer"]').innerText(), /drink tea/);
  // Side by side: Response 2 starts to the right of Response 1, on the same row.
  const [b1, b2] = [await one.boundingBox(), await two.boundingBox()];
  assert.ok(b1 && b2 && b2.x > b1.x + b1.width - 1 && Math.abs(b2.y - b1.y) < 2, JSON.stringify([b1, b2]));
  // Blind: no configuration tag, and no rating form of a single trace.
  assert.equal(await page.locator('[data-testid^="response-"][data-testid$="-config"]').count(), 0);
  assert.equal(await page.locator('[data-testid="rating-panel"]').count(), 0);
  // Each option is a radio with its meaning as accessible name.
  assert.equal(await page.getAttribute('[data-testid="prefer-clinical_soundness-tie"]', 'role'), 'radio');
  assert.equal(await page.getAttribute('[data-testid="prefer-clinical_soundness-both_bad"]', 'aria-label'), 'Clinical soundness: both unacceptable (key 0)');
  assert.equal(await page.getAttribute('[data-dimension="clinical_soundness"].rating-scale', 'aria-labelledby'), 'pref-clinical_soundness-label');
});

test('configuration names are shown when the study does not hide them', async () => {
  await showFresh(page, (id) => pairView(id, pairOf(id, { configs: ['direct', 'coreasoner'] })));
  assert.equal(await page.textContent('[data-testid="response-1-config"]'), 'direct');
  assert.equal(await page.textContent('[data-testid="response-2-config"]'), 'coreasoner');
});

test('reasoning and highlighted concepts appear on request, for both responses', async () => {
  await showFresh(page, (id) => pairView(id, pairOf(id)));
  assert.equal(await page.locator('[data-testid="response-1"] [data-testid="trace-en"]').count(), 0);
  await page.click('[data-testid="toggle-reasoning"]');
  assert.equal(await page.getAttribute('[data-testid="toggle-reasoning"]', 'aria-pressed'), 'true');
  for (const side of ['1', '2']) {
    const marks = page.locator(`[data-testid="response-${side}"] [data-testid="trace-en"] mark[data-concept-id="en-1"]`);
    assert.equal(await marks.count(), 1, `response ${side}`);
  }
  // Description ids stay unique with two traces of the same concept ids on the page.
  const ids = await page.$$eval('[id]', (els) => els.map((e) => e.id));
  assert.equal(new Set(ids).size, ids.length);
  await page.click('[data-testid="toggle-reasoning"]');
  assert.equal(await page.locator('[data-testid="reasoning-1"]').isHidden(), true);
});

test('keyboard: 1, 2, =, 0 judge the focused dimension; ↑/↓ move; flags and comment go with the judgement', async () => {
  const id = await showFresh(page, (i) => pairView(i, pairOf(i)));
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-dimension')), 'clinical_soundness');
  await page.keyboard.press('2');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('=');
  let s = await comparisons(page);
  assert.deepEqual(s.map((m) => m.winner), [{ clinical_soundness: '2' }, { clinical_soundness: '2', cultural_grounding: 'tie' }]);
  assert.equal(s[1].itemId, id);
  assert.equal(await page.getAttribute('[data-testid="prefer-cultural_grounding-tie"]', 'aria-checked'), 'true');
  await page.keyboard.press('0');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('1');
  // Digits that mean nothing in a comparison, and N (not assessable in ratings), do nothing.
  await page.keyboard.press('5');
  await page.keyboard.press('n');
  s = await comparisons(page);
  assert.deepEqual(s.at(-1)!.winner, { clinical_soundness: '1', cultural_grounding: 'both_bad' });
  assert.equal(s.length, 4);
  assert.equal(await page.getAttribute('[data-testid="prefer-clinical_soundness-1"]', 'aria-checked'), 'true');
  assert.equal(await page.getAttribute('[data-testid="prefer-clinical_soundness-2"]', 'aria-checked'), 'false');
  // ←/→ on a focused dimension step through the options, like the rating form.
  await page.keyboard.press('ArrowRight');
  assert.deepEqual((await comparisons(page)).at(-1)!.winner, { clinical_soundness: '2', cultural_grounding: 'both_bad' });
  // A flag and a comment are saved with the judgement (the whole judgement every time).
  await page.locator('vscode-checkbox', { hasText: 'Translation issue' }).click();
  assert.deepEqual((await comparisons(page)).at(-1)!.flags, ['translation_issue']);
  await page.fill('[data-testid="comment"] textarea', 'Response 2 advises stopping = 0 1 2');
  await page.waitForFunction(() => (window as unknown as { __posted: { method?: string; params?: { comment?: string } }[] }).__posted
    .some((m) => m.method === 'saveComparison' && m.params?.comment !== undefined));
  const last = (await comparisons(page)).at(-1)!;
  assert.equal(last.comment, 'Response 2 advises stopping = 0 1 2');
  assert.deepEqual(last.winner, { clinical_soundness: '2', cultural_grounding: 'both_bad' }, 'keys typed in the comment are text');
  assert.equal(last.flags.length, 1);
  assert.equal((await ratings(page)).length, 0);
  // "saved" only once the host answered every request, the last one included.
  const all = await comparisons(page);
  for (const [i, m] of all.entries()) {
    assert.doesNotMatch((await page.textContent('[data-testid="save-state"]'))!, /saved/);
    await postToWebview(page, { type: 'reply', id: m.id, result: { revision: i + 1, rated: 3 } });
  }
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === 'saved');
});

test('Tab moves from one dimension to the next, which then takes the keys', async () => {
  await showFresh(page, (i) => pairView(i, pairOf(i)));
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-dimension')), 'cultural_grounding');
  await page.keyboard.press('1');
  assert.deepEqual((await comparisons(page)).at(-1)!.winner, { cultural_grounding: '1' });
});

test('a saved judgement is shown in sides; a stale one says the responses changed', async () => {
  const judgement: PairJudgementView = { revision: 2, winner: { clinical_soundness: '1', cultural_grounding: 'both_bad' }, flags: ['unavailable_locally'], comment: 'earlier' };
  await showFresh(page, (id) => pairView(id, pairOf(id, { judgement, stale: true }), { stale: true }));
  assert.equal(await page.getAttribute('[data-testid="prefer-clinical_soundness-1"]', 'aria-checked'), 'true');
  assert.equal(await page.getAttribute('[data-testid="prefer-cultural_grounding-both_bad"]', 'aria-checked'), 'true');
  assert.match((await page.textContent('[data-testid="stale-notice"]'))!, /response changed after you compared/);
  assert.equal(await page.$eval('[data-testid="comment"]', (c) => (c as unknown as { value: string }).value), 'earlier');
  // Focus goes to the first dimension when all are judged; re-judging keeps the rest.
  await page.keyboard.press('=');
  const [saved] = await comparisons(page);
  assert.deepEqual(saved.winner, { clinical_soundness: 'tie', cultural_grounding: 'both_bad' });
  assert.deepEqual(saved.flags, ['unavailable_locally']);
  assert.equal(saved.comment, 'earlier');
  // Not stale: no notice.
  await showFresh(page, (id) => pairView(id, pairOf(id, { judgement })));
  assert.equal(await page.locator('[data-testid="stale-notice"]').count(), 0);
});

test('an item that cannot be compared shows why, and no form; keys save nothing', async () => {
  const message = 'item qa-ja-x has 2 traces, all of configuration coreasoner; a comparison needs one trace of coreasoner and one of direct';
  await showFresh(page, (id) => pairView(id, { ok: false, message: `<img src=x onerror="window.__pwned()"> ${message}` }));
  const problem = await page.textContent('[data-testid="pair-problem"]');
  assert.match(problem!, /^This item cannot be compared: <img src=x/);
  assert.ok(problem!.includes(message));
  assert.equal(await page.getAttribute('[data-testid="pair-problem"]', 'role'), 'alert');
  assert.equal(await page.locator('[data-testid="response-1"], [data-testid="pair-panel"], [data-testid="render-error"]').count(), 0);
  assert.equal(await page.locator('[data-testid="question"]').count(), 1, 'the item itself is still shown');
  await page.keyboard.press('1');
  await page.keyboard.press('=');
  await hostMessagesHandled(page);
  assert.deepEqual((await posted(page)).filter((m) => m.type === 'request'), []);
  // Navigation still works from here.
  await page.keyboard.press('Control+Enter');
  assert.deepEqual((await posted(page)).map((m) => m.type), ['navigate']);
});

test('a rating item after a comparison gets the rating form and its keys back', async () => {
  await showFresh(page, (id) => pairView(id, pairOf(id)));
  const id = `qa-ja-${String(++n).padStart(3, '0')}`;
  const trace = makeTrace({ itemId: id, lang: 'ja', english: 'Plain.', local: '普通。', en: [], loc: [] });
  await postToWebview(page, showItem(makeView(makeItem(id, 'ja', 'qa'), trace)));
  await page.waitForFunction((i) => document.querySelector('[data-testid="item-id"]')?.textContent === i, id);
  await clearPosted(page);
  await page.keyboard.press('4');
  assert.deepEqual((await ratings(page)).map((m) => (m.params as { rating: unknown }).rating), [{ clinical_soundness: 4 }]);
  assert.equal((await comparisons(page)).length, 0);
});

test('a reloaded panel restores the comment typed on a comparison and saves it', async () => {
  const id = 'qa-ja-restore';
  const restoredPage = await h.open({ initialState: { itemId: id, scrollY: 0, unsavedComment: '回答2は危険' } });
  try {
    await postToWebview(restoredPage, showItem(pairView(id, pairOf(id, { judgement: { revision: 1, winner: { clinical_soundness: '1' }, flags: [], comment: '' } }))));
    await restoredPage.waitForFunction(() => document.querySelector('[data-testid="item-id"]')?.textContent === 'qa-ja-restore');
    assert.equal(await restoredPage.$eval('[data-testid="comment"]', (c) => (c as unknown as { value: string }).value), '回答2は危険');
    await restoredPage.waitForFunction(() => (window as unknown as { __posted: { method?: string }[] }).__posted.some((m) => m.method === 'saveComparison'));
    const [saved] = await comparisons(restoredPage);
    assert.deepEqual(saved.winner, { clinical_soundness: '1' });
    assert.equal(saved.comment, '回答2は危険');
  } finally {
    await restoredPage.close();
  }
});
