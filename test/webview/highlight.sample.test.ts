// The sample study (sample/) in the bundled review and adjudication webviews, headless Chromium:
// every concept with spans reads, mention by mention, as its spans, including the two that
// contain another concept: qa-ja-002's 熱中症警戒アラート (around 熱中症) and qa-sw-001's
// "kipimo cha haraka cha malaria" (around "malaria").
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ADJUDICATION_APP, buildReviewBundle, buildWebviewBundle, postToWebview, ROOT, startHarness, type Harness } from './harness';
import { makeView, showItem } from './fixtures';
import { mentionsOf, spanTexts } from './mentions';
import { loadDataset } from '../../src/core/dataset/load';
import { languageNames } from '../../src/core/dataset/languages';
import { readTraces } from '../../src/core/traces';
import { buildAdjudicationView } from '../../src/core/adjudication/adjudicationView';
import type { DatasetItem, Trace } from '../../src/core/types';
import type { ItemView } from '../../src/protocol/messages';

const DATASET = path.join(ROOT, 'sample', 'multimedx-sample.jsonl');
const TRACES = path.join(ROOT, 'sample', 'multimedx-sample.traces.jsonl');

let items: Map<string, DatasetItem>;
let traces: Map<string, Trace>;
let h: Harness;
let page: Page;

before(async () => {
  const dataset = await loadDataset([DATASET]);
  items = new Map(dataset.items.map((i) => [i.id, i]));
  traces = (await readTraces(TRACES)).traces;
  h = await startHarness(await buildReviewBundle(true));
  page = await h.open();
});
after(async () => {
  await h?.close();
});

function viewOf(itemId: string): ItemView {
  const item = items.get(itemId);
  assert.ok(item, `${itemId} in the sample dataset`);
  const language = languageNames(item.lang);
  return makeView(item, traces.get(itemId) ?? null, { language });
}

async function showReview(itemId: string): Promise<void> {
  await postToWebview(page, showItem(viewOf(itemId)));
  await page.waitForFunction((id) => document.querySelector('[data-testid="item-id"]')?.textContent === id, itemId);
}

/** Checks every concept with spans of `trace` in `p`; returns how many were checked. */
async function assertTraceWhole(p: Page, trace: Trace): Promise<number> {
  let checked = 0;
  for (const [testId, side] of [['trace-en', trace.english], ['trace-local', trace.local]] as const) {
    for (const c of side.concepts) {
      if (!Array.isArray(c.spans) || c.spans.length === 0) continue;
      assert.deepEqual(await mentionsOf(p, `[data-testid="${testId}"]`, c.id), spanTexts(side.reasoning, c.spans), `${trace.itemId} ${testId} ${c.id}`);
      checked++;
    }
  }
  return checked;
}

/** The two sample concepts that contain another, and the term inside each. */
async function assertContainedConceptsWhole(p: Page): Promise<void> {
  const local = '[data-testid="trace-local"]';
  assert.deepEqual(await mentionsOf(p, local, 'ja-5'), ['熱中症警戒アラート']);
  assert.deepEqual(await mentionsOf(p, local, 'ja-2'), ['熱中症', '熱中症', '熱中症']);
  assert.equal(await p.$eval(`${local} mark[data-concept-id~="ja-5"] mark[data-concept-id~="ja-2"]`, (m) => m.textContent), '熱中症');
}

async function assertSwahiliWhole(p: Page): Promise<void> {
  const local = '[data-testid="trace-local"]';
  assert.deepEqual(await mentionsOf(p, local, 'sw-2'), ['kipimo cha haraka cha malaria']);
  // The last is capitalised: the sample generator folds case as the pipeline does (core/text/fold).
  assert.deepEqual(await mentionsOf(p, local, 'sw-1'), ['malaria', 'malaria', 'malaria', 'malaria', 'Malaria']);
  assert.equal(await p.$eval(`${local} mark[data-concept-id~="sw-2"] mark[data-concept-id~="sw-1"]`, (m) => m.textContent), 'malaria');
}

test('review panel: qa-ja-002 and qa-sw-001 show the phrase and the term inside it whole', async () => {
  await showReview('qa-ja-002');
  await assertContainedConceptsWhole(page);
  await showReview('qa-sw-001');
  await assertSwahiliWhole(page);
});

test('review panel: every concept with spans in the sample is shown whole', async () => {
  let expected = 0;
  let checked = 0;
  for (const [itemId, trace] of traces) {
    expected += [...trace.english.concepts, ...trace.local.concepts].filter((c) => Array.isArray(c.spans) && c.spans.length > 0).length;
    await showReview(itemId);
    checked += await assertTraceWhole(page, trace);
  }
  assert.ok(checked > 0);
  assert.equal(checked, expected);
});

test('adjudication panel: the item\'s traces show qa-ja-002 and qa-sw-001 whole', async () => {
  const adj = await startHarness(await buildWebviewBundle('app-adjudication', true), ADJUDICATION_APP);
  try {
    const p = await adj.open();
    for (const itemId of ['qa-ja-002', 'qa-sw-001']) {
      const item = items.get(itemId)!;
      const view = buildAdjudicationView({ dataset: 'multimedx-sample', itemId, annotations: [], adjudication: null, item, trace: traces.get(itemId) ?? null });
      await postToWebview(p, { type: 'showAdjudication', view, strings: {} });
      await p.waitForFunction((id) => document.querySelector('.adj-header h1')?.textContent === id && !!document.querySelector('[data-testid="trace-local"]'), itemId);
      await assertTraceWhole(p, traces.get(itemId)!);
      if (itemId === 'qa-ja-002') await assertContainedConceptsWhole(p);
      else await assertSwahiliWhole(p);
    }
    // Hovering the term inside the phrase lights the term and its English partner, not the phrase.
    await p.hover('[data-testid="trace-local"] mark[data-concept-id~="sw-2"] mark[data-concept-id~="sw-1"]');
    const active = await p.$$eval('mark.is-active', (m) => [...new Set(m.map((x) => x.getAttribute('data-concept-id')))].sort());
    assert.deepEqual(active, ['en-1', 'sw-1']);
  } finally {
    await adj.close();
  }
});
