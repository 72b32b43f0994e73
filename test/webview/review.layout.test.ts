// Layout for long items (issue #14, item 10): a BioNLI item with a 300-character Japanese premise
// (plus its English) must not push the traces below the fold of a 950-pixel-high window: the item
// section scrolls on its own, so both traces and the rating form start on screen together; and it
// folds to its heading (a disclosure button), a choice the host keeps per user and sends back with
// every item, so a new panel (closed and reopened, or after a restart) opens folded.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type Harness, hostMessagesHandled, openApp, posted, postToWebview } from './harness';
import { makeItem, makeTrace, makeView, showItem } from './fixtures';

let h: Harness;
let page: Page;

before(async () => {
  ({ h } = await openApp());
  // A 950-px VS Code window leaves the webview about 860 px (title bar, tabs, status bar); 1000 px
  // wide is the editor beside an open side bar, where the traces stack.
  page = await h.open({ width: 1000, height: 860, theme: 'dark' });
});
after(async () => {
  await h?.close();
});

const PREMISE_JA = '68歳男性。2型糖尿病と高血圧で通院中。3日前から発熱と咳嗽があり、胸部X線で右下葉に浸潤影を認めた。血液検査では白血球数とCRPの上昇、血清クレアチニン値の軽度上昇を認めた。'.repeat(4).slice(0, 300);
const PREMISE_EN = 'A 68-year-old man with type 2 diabetes and hypertension presented with fever and cough for three days; chest X-ray showed an infiltrate in the right lower lobe. Blood tests showed raised white cell count and CRP and a mildly raised serum creatinine. '.repeat(3);

test('with a 300-character Japanese premise, both traces and the rating form start inside a 950-px window', async () => {
  assert.equal(PREMISE_JA.length, 300);
  const item = makeItem('nli-ja-042', 'ja', 'nli', {
    local: { question: '', premise: PREMISE_JA, hypothesis: '患者は肺炎を発症している。' },
    english: { question: '', premise: PREMISE_EN, hypothesis: 'The patient has pneumonia.' },
  });
  const trace = makeTrace({ itemId: 'nli-ja-042', lang: 'ja', task: 'nli', english: 'The infiltrate and fever suggest pneumonia.', local: '浸潤影と発熱から肺炎が示唆される。', en: [{ id: 'en-1', text: 'pneumonia' }], loc: [{ id: 'ja-1', text: '肺炎' }] });
  await postToWebview(page, showItem(makeView(item, trace)));
  await page.waitForSelector('[data-testid="trace-local"] mark');
  const top = async (selector: string): Promise<number> => page.$eval(selector, (e) => e.getBoundingClientRect().top);
  const viewport = 860;
  // "Visible" is more than a top edge: the first lines of each trace (about 120 px) are on screen.
  for (const selector of ['[data-testid="trace-en"]', '[data-testid="trace-local"]', '[data-testid="rate-clinical_soundness-1"]']) {
    const y = await top(selector);
    assert.ok(y >= 0 && y + 120 <= viewport, `${selector} starts at ${Math.round(y)} px, below the fold of ${viewport} px`);
  }
  // The whole premise is still there, readable by scrolling the item section (focusable, so by keyboard too).
  assert.match((await page.textContent('[data-testid="premise"]'))!, /血清クレアチニン/);
  const section = await page.$eval('.item-text > .fold-body', (e) => ({ scrolls: e.scrollHeight > e.clientHeight, tabIndex: (e as HTMLElement).tabIndex }));
  assert.deepEqual(section, { scrolls: true, tabIndex: 0 });
});

const LONG_ITEM = (): ReturnType<typeof makeView> => {
  const item = makeItem('nli-ja-042', 'ja', 'nli', {
    local: { question: '', premise: PREMISE_JA, hypothesis: '患者は肺炎を発症している。' },
    english: { question: '', premise: PREMISE_EN, hypothesis: 'The patient has pneumonia.' },
  });
  const trace = makeTrace({ itemId: 'nli-ja-042', lang: 'ja', task: 'nli', english: 'The infiltrate and fever suggest pneumonia.', local: '浸潤影と発熱から肺炎が示唆される。', en: [{ id: 'en-1', text: 'pneumonia' }], loc: [{ id: 'ja-1', text: '肺炎' }] });
  return makeView(item, trace);
};

test('the item section folds from the keyboard, the choice goes to the host, and a new panel opens folded', async () => {
  const fresh = await h.open({ width: 1000, height: 860, theme: 'dark' });
  try {
    await postToWebview(fresh, { ...showItem(LONG_ITEM()), layout: { itemCollapsed: false } });
    const toggle = fresh.locator('[data-testid="item-fold"]');
    await toggle.waitFor();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    // The button is the section's heading (its name is the heading's text) and controls the body.
    assert.equal(await fresh.$eval('.item-text > h2 > button', (b) => b.textContent), 'Item');
    const controls = await toggle.getAttribute('aria-controls');
    assert.ok(controls && (await fresh.$(`#${controls}`)), 'aria-controls names the folding body');
    const traceTopOpen = await fresh.$eval('[data-testid="trace-en"]', (e) => e.getBoundingClientRect().top);

    await toggle.focus();
    await fresh.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await fresh.isVisible('[data-testid="premise"]'), false, 'the premise is folded away');
    const traceTopFolded = await fresh.$eval('[data-testid="trace-en"]', (e) => e.getBoundingClientRect().top);
    assert.ok(traceTopFolded < traceTopOpen - 100, `folding moves the traces up (${Math.round(traceTopOpen)} → ${Math.round(traceTopFolded)} px)`);
    // The keys that toggled the button rated nothing.
    assert.deepEqual((await posted(fresh)).filter((m) => m.type !== 'ready'), [{ type: 'reviewLayout', layout: { itemCollapsed: true } }]);

    // The next item in the same panel stays folded even before the host's answer carries the choice.
    await postToWebview(fresh, showItem(LONG_ITEM()));
    await hostMessagesHandled(fresh);
    assert.equal(await fresh.locator('[data-testid="item-fold"]').getAttribute('aria-expanded'), 'false');

    // Space unfolds it again.
    await fresh.locator('[data-testid="item-fold"]').focus();
    await fresh.keyboard.press('Space');
    assert.equal(await fresh.locator('[data-testid="item-fold"]').getAttribute('aria-expanded'), 'true');
    assert.equal(await fresh.isVisible('[data-testid="premise"]'), true);
    assert.deepEqual((await posted(fresh)).filter((m) => m.type === 'reviewLayout').map((m) => m.layout), [{ itemCollapsed: true }, { itemCollapsed: false }]);
  } finally {
    await fresh.close();
  }

  // A new panel (no webview state: closed and reopened, or a restart) gets the host's stored layout.
  const reopened = await h.open({ width: 1000, height: 860, theme: 'dark' });
  try {
    await postToWebview(reopened, { ...showItem(LONG_ITEM()), layout: { itemCollapsed: true } });
    const toggle = reopened.locator('[data-testid="item-fold"]');
    await toggle.waitFor();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await reopened.isVisible('[data-testid="premise"]'), false);
    for (const selector of ['[data-testid="trace-en"]', '[data-testid="trace-local"]', '[data-testid="rate-clinical_soundness-1"]']) {
      const y = await reopened.$eval(selector, (e) => e.getBoundingClientRect().top);
      assert.ok(y >= 0 && y + 120 <= 860, `${selector} starts at ${Math.round(y)} px with the item folded`);
    }
  } finally {
    await reopened.close();
  }
});
