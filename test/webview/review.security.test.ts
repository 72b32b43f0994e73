// Untrusted text stays text: XSS payloads placed in traces, concepts, item text, retrieved titles,
// comments, rubric labels and even the localized strings never execute, never become active
// elements or attributes, and never make the page attempt an inline script (a CSP report).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type Harness, openApp, postToWebview, settle } from './harness';
import { RUBRIC, makeItem, makeTrace, makeView, showItem } from './fixtures';
import { PAYLOADS } from './xssPayloads';

let h: Harness;
let page: Page;

before(async () => {
  ({ h, page } = await openApp());
});
after(async () => {
  await h?.close();
});

/** Shows item `qa-ja-x<i>`: payload i in every text field, all payloads in the traces. */
async function showPayloadItem(p: Page, i: number): Promise<void> {
  const all = PAYLOADS.join('\n\n');
  const english = `Reasoning with payloads:\n\n${all}\n\nThe patient has **amyloid deposits**.`;
  const local = `推論 ${PAYLOADS.join(' ')} アミロイド沈着`;
  const payload = PAYLOADS[i];
  const trace = makeTrace({
    itemId: `qa-ja-x${i}`, lang: 'ja', english, local,
    en: [{ id: 'en-1', text: 'amyloid deposits' }, { id: `en-${payload}`, text: payload, spans: [] }],
    loc: [{ id: 'ja-1', text: 'アミロイド沈着' }, { id: `ja-${payload}`, text: payload, spans: [] }],
    pairs: [['ja-1', 'en-1', 0.8]], localOnly: [[`ja-${payload}`, null, 0.1]],
    retrievalTitle: payload, finalResponse: `${payload}\n\n${all}`, finalAnswer: payload,
    errors: [{ stage: payload, message: payload }],
  });
  trace.retrieval[0].content = payload;
  trace.retrieval[0].lang = payload;
  const item = makeItem(`qa-ja-x${i}`, 'ja', 'qa', {
    source: payload,
    local: { question: payload, answer: payload },
    english: { question: payload, answer: payload },
  });
  const rubric = {
    ...RUBRIC,
    dimensions: RUBRIC.dimensions.map((d) => ({ ...d, label: payload, description: payload, levels: { ...d.levels, '3': payload } })),
    flags: [{ id: 'f', label: payload, description: payload }],
  };
  const view = makeView(item, trace, {
    rubric,
    language: { code: 'ja', native: payload, english: payload, dir: 'ltr' },
    annotation: { revision: 1, rating: { clinical_soundness: 3, comment: payload }, updatedAt: 'x', history: [] },
  });
  // Localized strings are host-provided, but are still set as text.
  await postToWebview(p, showItem(view, { Question: payload, 'Reasoning traces': payload, saved: payload }));
  await p.waitForFunction((id) => document.querySelector('[data-testid="item-id"]')?.textContent === id, `qa-ja-x${i}`);
  // Open every collapsed section and hover the payload-bearing elements, so lazy payloads get their chance.
  await p.$$eval('details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await p.hover('[data-testid="trace-en"]');
}

test(`${PAYLOADS.length} XSS payloads in every text field never execute`, async () => {
  assert.ok(PAYLOADS.length >= 30);
  for (const i of PAYLOADS.keys()) await showPayloadItem(page, i);
  await settle(page);
  const result = await page.evaluate(() => {
    const w = window as unknown as { __pwnedCalls: unknown[]; __violations: { directive: string }[] };
    const app = document.getElementById('app')!;
    const active = app.querySelectorAll('script, iframe, object, embed, img, svg, math, form, input:not([type=checkbox]), a[href], [src], [href], style, link, meta, base, video, template');
    const handlers: string[] = [];
    const styled: string[] = [];
    for (const e of app.querySelectorAll('*')) {
      for (const attr of e.getAttributeNames()) {
        if (attr.startsWith('on')) handlers.push(`${e.tagName} ${attr}`);
        if (attr === 'style') styled.push(e.tagName);
      }
    }
    return {
      pwned: w.__pwnedCalls.slice(),
      scriptViolations: w.__violations.filter((v) => v.directive.startsWith('script-src') || v.directive.startsWith('frame') || v.directive.startsWith('object')),
      active: Array.from(active, (e) => e.outerHTML.slice(0, 80)),
      handlers,
      styled,
      fakeConcept: app.querySelectorAll('div[data-concept-id~="fake"]').length,
      text: document.querySelector('[data-testid="trace-en"]')!.textContent!,
    };
  });
  assert.deepEqual(result.pwned, []);
  assert.deepEqual(result.scriptViolations, []);
  assert.deepEqual(result.active, []);
  assert.deepEqual(result.handlers, []);
  assert.deepEqual(result.styled, []);
  assert.equal(result.fakeConcept, 0);
  // The payloads are still there, as text the physician can read.
  assert.match(result.text, /<script>__pwned\(1\)<\/script>/);
  assert.match(result.text, /onerror/);
});

test('a payload comment typed by the annotator is posted as plain text and not rendered', async () => {
  const trace = makeTrace({ itemId: 'qa-ja-c1', lang: 'ja', english: 'x', local: 'y', en: [], loc: [] });
  await postToWebview(page, showItem(makeView(makeItem('qa-ja-c1', 'ja', 'qa'), trace)));
  await page.waitForFunction(() => document.querySelector('[data-testid="item-id"]')?.textContent === 'qa-ja-c1');
  await page.fill('[data-testid="comment"] textarea', PAYLOADS[1]);
  // The comment is saved after its debounce: wait for that save, then let the page settle.
  await page.waitForFunction(
    (c) => (window as unknown as { __posted: { method?: string; params?: { rating?: { comment?: string } } }[] }).__posted.some((m) => m.method === 'saveRating' && m.params?.rating?.comment === c),
    PAYLOADS[1],
  );
  await settle(page);
  const calls = await page.evaluate(() => (window as unknown as { __pwnedCalls: unknown[] }).__pwnedCalls.slice());
  assert.deepEqual(calls, []);
  const posted = await page.evaluate(() => (window as unknown as { __posted: { method?: string; params?: { rating?: { comment?: string } } }[] }).__posted.filter((m) => m.method === 'saveRating').at(-1));
  assert.equal(posted?.params?.rating?.comment, PAYLOADS[1]);
});

test('the only CSP report is the toolkit\'s empty :focus-visible probe style element', async () => {
  // A page of its own: what it reports does not depend on the tests run before.
  const p = await h.open();
  try {
    await showPayloadItem(p, 0);
    await settle(p);
    const violations = await p.evaluate(() => (window as unknown as { __violations: { directive: string; sample: string }[] }).__violations.slice());
    for (const v of violations) {
      assert.equal(v.directive, 'style-src-elem');
      assert.equal(v.sample, '');
    }
  } finally {
    await p.close();
  }
});
