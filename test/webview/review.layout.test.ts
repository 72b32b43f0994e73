// Layout for long items (issue #14, item 10): a BioNLI item with a 300-character Japanese premise
// (plus its English) must not push the traces below the fold of a 950-pixel-high window: the item
// section scrolls on its own, so both traces and the rating form start on screen together.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type Harness, openApp, postToWebview } from './harness';
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
  const section = await page.$eval('.item-text', (e) => ({ scrolls: e.scrollHeight > e.clientHeight, tabIndex: (e as HTMLElement).tabIndex }));
  assert.deepEqual(section, { scrolls: true, tabIndex: 0 });
});
