// The adjudication panel shows what other people wrote: annotators' comments, flags, concept
// notes and ids, curators' rationales and decision history, annotator ids once names are revealed,
// word diffs of comments, and the item with its traces. The same XSS payloads as the review panel
// (xssPayloads.ts) are placed in every one of these fields: they never execute, never become
// active elements or attributes, never make the page attempt an inline script (a CSP report), and
// stay readable as text. Messages from another origin are ignored.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ADJUDICATION_APP, clearPosted, type Harness, openApp, posted, postToWebview } from './harness';
import { makeItem, makeTrace } from './fixtures';
import { PAYLOADS } from './xssPayloads';
import { buildAdjudicationView, type AdjudicationView } from '../../src/core/adjudication/adjudicationView';
import { ratingDiff, wordDiff } from '../../src/core/adjudication/wordDiff';
import { ADJUDICATION_SCHEMA, ANNOTATIONS_SCHEMA, type AdjudicationFile, type AnnotationEntry, type AnnotationFile } from '../../src/core/types';
import { ADJUDICATION_UI_STRINGS } from '../../src/protocol/uiStrings';
import type { AdjudicationHostToWebview } from '../../src/protocol/adjudication';

let h: Harness;
let page: Page;

before(async () => {
  ({ h, page } = await openApp(ADJUDICATION_APP));
});
after(async () => {
  await h?.close();
});

const DIMENSION = 'clinical_soundness';

function annotationFile(annotator: string, items: Record<string, AnnotationEntry>): AnnotationFile {
  return { schema: ANNOTATIONS_SCHEMA, dataset: 'multimedx-ja', annotator: { id: annotator, role: 'annotator' }, rubric: { id: 'medco-expert', version: 1 }, items };
}

/** Two annotators (ids, comments, flags, concept notes, history all carrying `payload`) and a decision on the item. */
function payloadView(itemId: string, payload: string, revealNames: boolean): AdjudicationView {
  const rated = (value: number, comment: string): AnnotationEntry => ({
    revision: 2,
    rating: { [DIMENSION]: value, flags: [payload], comment },
    concepts: { [`ja-${payload}`]: { relevant: true, aligned: false, note: payload } },
    updatedAt: '2026-11-21T10:00:00.000Z',
    history: [{ revision: 1, rating: { [DIMENSION]: 3, flags: [], comment: `earlier ${payload}` }, updatedAt: '2026-11-20T10:00:00.000Z' }],
  });
  const annotations = [
    annotationFile(`a-${payload}`, { [itemId]: rated(1, `first ${payload} comment`) }),
    annotationFile(`b-${payload}`, { [itemId]: rated(5, `second ${payload} comment, different`) }),
  ];
  const decided = { value: 2, status: 'adjudicated' as const, adjudicator: payload, rationale: payload, errorType: 'guideline_gap' as const, decidedAt: '2026-11-21T11:00:00.000Z' };
  const adjudication: AdjudicationFile = {
    schema: ADJUDICATION_SCHEMA,
    dataset: 'multimedx-ja',
    items: {
      [itemId]: {
        [DIMENSION]: {
          ...decided,
          basedOn: { [`a-${payload}`]: 1, [`b-${payload}`]: 1 },
          revision: 2,
          history: [{ ...decided, value: 4, revision: 1, basedOn: {} }],
        },
      },
    },
  };
  const all = PAYLOADS.join('\n\n');
  const trace = makeTrace({
    itemId, lang: 'ja', english: `Reasoning:\n\n${all}\n\nThe patient has **amyloid deposits**.`, local: `推論 ${PAYLOADS.join(' ')} アミロイド沈着`,
    en: [{ id: 'en-1', text: 'amyloid deposits' }, { id: `en-${payload}`, text: payload, spans: [] }],
    loc: [{ id: 'ja-1', text: 'アミロイド沈着' }, { id: `ja-${payload}`, text: payload, spans: [] }],
    pairs: [['ja-1', 'en-1', 0.8]],
    retrievalTitle: payload, finalResponse: `${payload}\n\n${all}`, finalAnswer: payload,
    errors: [{ stage: payload, message: payload }],
  });
  const item = makeItem(itemId, 'ja', 'qa', { source: payload, local: { question: payload, answer: payload }, english: { question: payload, answer: payload } });
  return buildAdjudicationView({
    dataset: 'multimedx-ja',
    itemId,
    annotations,
    adjudication,
    dimensions: [{ id: DIMENSION, label: payload, min: 1, max: 5 }],
    item,
    trace,
    revealNames,
    position: { index: 1, total: PAYLOADS.length },
  });
}

/** Every UI string of the panel replaced by the payload (strings are host-provided, but still set as text). */
function payloadStrings(payload: string): Record<string, string> {
  return Object.fromEntries(ADJUDICATION_UI_STRINGS.map((key) => [key, payload]));
}

async function show(view: AdjudicationView, strings: Record<string, string> = {}): Promise<void> {
  const message: AdjudicationHostToWebview = { type: 'showAdjudication', view, strings };
  await postToWebview(page, message);
  await page.waitForFunction((id) => document.querySelector('.adj-header h1')?.textContent === id, view.itemId);
}

/** Clicks a button and answers the request (`method`) it posts, as the host does. */
async function answerRequest(button: string, method: string, answer: (id: number) => AdjudicationHostToWebview): Promise<void> {
  await clearPosted(page);
  await page.click(`[data-testid="${button}"]`);
  const request = (await posted(page)).find((m) => m.type === 'request' && m.method === method);
  assert.ok(request, `${button} posts a ${method} request`);
  await postToWebview(page, answer(request.id as number));
}

test(`${PAYLOADS.length} XSS payloads in every field of the adjudication panel never execute`, async () => {
  assert.ok(PAYLOADS.length >= 30);
  for (const [i, payload] of PAYLOADS.entries()) {
    const itemId = `qa-ja-adj${i}`;
    // Anonymised and revealed names alternate: revealed names are the annotators' ids, payloads too.
    const view = payloadView(itemId, payload, i % 2 === 1);
    await show(view, payloadStrings(payload));
    const [a, b] = view.annotators;
    await answerRequest('diff-comments', 'diff', (id) =>
      i % 3 === 2
        ? { type: 'reply', id, error: payload }
        : { type: 'reply', id, result: { comments: wordDiff(a.rating.comment as string, b.rating.comment as string, { lang: 'ja' }) } });
    await page.waitForSelector('[data-testid="comment-diff"] > *');
    await answerRequest('diff-revision-show', 'diff', (id) =>
      ({ type: 'reply', id, result: { rating: ratingDiff({ [DIMENSION]: 3, flags: [], comment: `earlier ${payload}` }, a.rating, { lang: 'ja' }) } }));
    await page.waitForSelector('[data-testid="revision-diff"] [data-testid="rating-diff"]');
    // A decision the host refuses, with the payload as its reason.
    await page.click(`[data-testid="gold-${DIMENSION}-2"]`);
    await page.fill(`[data-testid="rationale-${DIMENSION}"]`, 'rationale');
    await answerRequest(`save-decision-${DIMENSION}`, 'decide', (id) => ({ type: 'reply', id, error: payload }));
    await page.waitForFunction((p) => document.querySelector(`[data-testid="decision-state-${'clinical_soundness'}"]`)?.textContent === p, payload);
    // Open every collapsed section and hover the payload-bearing elements, so lazy payloads get their chance.
    await page.$$eval('details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await page.hover('[data-testid="comment-A"]');
    await page.hover('[data-testid="trace-en"]');
  }
  // Let tasks already queued by the last item (an image error, a toggle event, a CSP report) run first.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
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
    const texts: Record<string, string> = {};
    for (const testId of ['comment-A', 'comment-diff', 'decision-clinical_soundness', 'trace-en']) {
      texts[testId] = document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? '';
    }
    return {
      pwned: w.__pwnedCalls.slice(),
      scriptViolations: w.__violations.filter((v) => v.directive.startsWith('script-src') || v.directive.startsWith('frame') || v.directive.startsWith('object')),
      active: Array.from(active, (e) => e.outerHTML.slice(0, 80)),
      handlers,
      styled,
      fakeConcept: app.querySelectorAll('div[data-concept-id="fake"]').length,
      comment: texts['comment-A'],
      diff: texts['comment-diff'],
      decision: texts['decision-clinical_soundness'],
      trace: texts['trace-en'],
      cards: document.querySelector('.adj-cards')?.textContent ?? '',
    };
  });
  assert.deepEqual(result.pwned, []);
  assert.deepEqual(result.scriptViolations, []);
  assert.deepEqual(result.active, []);
  assert.deepEqual(result.handlers, []);
  assert.deepEqual(result.styled, []);
  assert.equal(result.fakeConcept, 0);
  // The payloads are still there, as text the curator can read (the last one is a hover target).
  const last = PAYLOADS.at(-1)!;
  assert.ok(result.comment.includes(`first ${last} comment`), result.comment);
  assert.ok(result.decision.includes(last), result.decision);
  assert.ok(result.diff.includes(last) || result.diff.includes('onmouseover'), result.diff);
  assert.ok(result.cards.includes(`a-${last}`), 'revealed names are shown as text');
  assert.match(result.trace, /<script>__pwned\(1\)<\/script>/);
});

test('a payload rationale typed by the curator is posted as plain text and not rendered', async () => {
  await show(payloadView('qa-ja-typed', 'plain', false));
  await clearPosted(page);
  await page.click(`[data-testid="gold-${DIMENSION}-2"]`);
  await page.fill(`[data-testid="rationale-${DIMENSION}"]`, PAYLOADS[1]);
  await page.click(`[data-testid="save-decision-${DIMENSION}"]`);
  const decide = await page.waitForFunction(() =>
    (window as unknown as { __posted: { type: string; method?: string }[] }).__posted.find((m) => m.type === 'request' && m.method === 'decide'));
  const message = ((await decide.jsonValue()) as unknown as { params: { rationale: string; value: number } }).params;
  assert.equal(message.rationale, PAYLOADS[1]);
  assert.equal(message.value, 2);
  assert.deepEqual(await page.evaluate(() => (window as unknown as { __pwnedCalls: unknown[] }).__pwnedCalls.slice()), []);
  assert.equal(await page.locator('#app img').count(), 0);
});

test('messages that do not come from the host origin are ignored', async () => {
  await show(payloadView('qa-ja-host', 'plain', false));
  const foreign: AdjudicationHostToWebview = { type: 'showAdjudication', view: payloadView('qa-ja-foreign', 'plain', true), strings: {} };
  // A spy added after the app's own listener: once it has seen a message, the app has handled it too.
  await page.evaluate(() => {
    const w = window as unknown as { __seen: string[] };
    w.__seen = [];
    window.addEventListener('message', (e) => w.__seen.push(e.origin));
  });
  // A real window of another origin (localhost is not 127.0.0.1) holding a reference to the panel posts to it.
  const foreignOrigin = h.origin.replace('127.0.0.1', 'localhost');
  await page.context().route(`${foreignOrigin}/foreign`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>foreign</title>' }));
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.evaluate((url) => void window.open(url, 'foreign'), `${foreignOrigin}/foreign`),
  ]);
  await popup.waitForLoadState();
  assert.equal(await popup.evaluate(() => location.origin), foreignOrigin);
  await popup.evaluate((m) => window.opener.postMessage(m, '*'), foreign);
  // And a sandboxed frame's message (opaque origin "null"), dispatched as the browser would deliver it.
  await page.evaluate(`window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(foreign)}, source: null, origin: 'null' }))`);
  const seen = await page.waitForFunction((origin) => {
    const s = (window as unknown as { __seen: string[] }).__seen;
    return s.includes(origin) && s.includes('null') && s;
  }, foreignOrigin);
  assert.deepEqual(((await seen.jsonValue()) as string[]).sort(), [foreignOrigin, 'null'].sort());
  await popup.close();
  assert.equal(await page.textContent('.adj-header h1'), 'qa-ja-host');
  assert.equal(await page.locator('[data-testid="annotator-A"] h3').first().innerText().then((t) => t.startsWith('A')), true, 'names stay hidden');
  // The host's own message still gets through.
  await show(payloadView('qa-ja-host2', 'plain', false));
});

test('the only CSP report is the toolkit\'s empty :focus-visible probe style element', async () => {
  const violations = await page.evaluate(() => (window as unknown as { __violations: { directive: string; sample: string }[] }).__violations.slice());
  for (const v of violations) {
    assert.equal(v.directive, 'style-src-elem');
    assert.equal(v.sample, '');
  }
});
