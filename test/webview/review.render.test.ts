// The review panel in headless Chromium: what each task type shows, and that concept highlights
// are exact in every script of MultiMed-X and across Markdown formatting.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type Harness, hostMessagesHandled, openApp, postToWebview } from './harness';
import { makeItem, makeTrace, makeView, showItem, spanOf, type TraceSpec } from './fixtures';

let h: Harness;
let page: Page;

before(async () => {
  ({ h, page } = await openApp());
});
after(async () => {
  await h?.close();
});

/** Concatenated text of every highlight of `conceptId` inside the trace `testId`. */
async function highlighted(p: Page, testId: string, conceptId: string): Promise<string> {
  return p.$$eval(`[data-testid="${testId}"] mark[data-concept-id~="${conceptId}"]`, (marks) => marks.map((m) => m.textContent ?? '').join(''));
}

async function show(spec: TraceSpec, task: 'qa' | 'nli' = 'qa'): Promise<void> {
  const trace = makeTrace({ ...spec, task });
  await postToWebview(page, showItem(makeView(makeItem(spec.itemId, spec.lang, task), trace)));
  await page.waitForFunction((id) => document.querySelector('[data-testid="item-id"]')?.textContent === id, spec.itemId);
}

async function assertAllHighlightsExact(spec: TraceSpec): Promise<void> {
  for (const [testId, concepts] of [['trace-en', spec.en], ['trace-local', spec.loc]] as const) {
    for (const c of concepts) {
      const got = await highlighted(page, testId, c.id);
      assert.equal(got.normalize('NFC'), c.text.normalize('NFC'), `${testId} ${c.id}`);
    }
  }
}

/** The QA item of the first tests (each shows it itself: no test relies on an earlier one). */
const QA_SPEC: TraceSpec = {
  itemId: 'qa-ja-001', lang: 'ja', english: 'Signs of amyloid deposits.', local: '心臓にアミロイド沈着を認める。',
  en: [{ id: 'en-1', text: 'amyloid deposits' }], loc: [{ id: 'ja-1', text: 'アミロイド沈着' }, { id: 'ja-2', text: '心臓' }],
  pairs: [['ja-1', 'en-1', 0.83]], localOnly: [['ja-2', 'en-1', 0.41]], retrievalTitle: '心アミロイドーシス診療ガイドライン',
  finalAnswer: '心アミロイドーシスの可能性', errors: [{ stage: 'retrieve', message: 'knowledge base missing' }],
};

test('QA item: header, question in both languages, collapsed reference answer, traces, chain, documents, final answer', async () => {
  const spec = QA_SPEC;
  await show(spec);
  assert.equal(await page.textContent('[data-testid="item-language"]'), '日本語');
  assert.equal(await page.getAttribute('[data-testid="item-language"]', 'lang'), 'ja');
  assert.equal(await page.textContent('[data-testid="item-task"]'), 'QA');
  assert.equal(await page.textContent('[data-testid="item-source"]'), 'LiveQA');
  const question = await page.textContent('[data-testid="question"]');
  assert.match(question!, /local question of qa-ja-001/);
  assert.match(question!, /English question of qa-ja-001/);
  assert.equal(await page.$eval('[data-testid="reference-answer-section"]', (d) => (d as HTMLDetailsElement).open), false);
  assert.equal(await page.getAttribute('[data-testid="trace-local"]', 'lang'), 'ja');
  assert.equal(await page.getAttribute('[data-testid="trace-en"]', 'lang'), 'en');
  assert.deepEqual(await page.$$eval('[data-testid="fused-chain"] li', (li) => li.map((l) => l.getAttribute('data-chain-id'))), ['en-1', 'ja-1', 'ja-2']);
  const docs = await page.textContent('[data-testid="retrieved"]');
  assert.match(docs!, /心アミロイドーシス診療ガイドライン/);
  assert.match(docs!, /7\.13/);
  assert.match((await page.textContent('[data-testid="final-answer"]'))!, /心アミロイドーシスの可能性/);
  assert.match((await page.textContent('[data-testid="trace-errors"]'))!, /knowledge base missing/);
  assert.equal(await page.$('[data-testid="stale-notice"]'), null);
  // Pairs share a colour and point at each other; the local-only concept is marked as such.
  assert.equal(await page.getAttribute('[data-testid="trace-local"] mark[data-concept-id~="ja-1"]', 'data-aligned-with'), 'en-1');
  assert.equal(await page.getAttribute('[data-testid="trace-en"] mark[data-concept-id~="en-1"]', 'data-aligned-with'), 'ja-1');
  const colours = await page.$$eval('mark[data-concept-id~="ja-1"], mark[data-concept-id~="en-1"]', (m) => m.map((x) => [...x.classList].find((c) => c.startsWith('pair-c'))));
  assert.equal(new Set(colours).size, 1);
  const localOnly = await page.$eval('[data-testid="trace-local"] mark[data-concept-id~="ja-2"]', (m) => ({ cls: m.className, aligned: m.getAttribute('data-aligned-with'), desc: document.getElementById(m.getAttribute('aria-describedby')!)?.textContent }));
  assert.match(localOnly.cls, /local-only/);
  assert.equal(localOnly.aligned, null);
  assert.match(localOnly.desc!, /Local-only/);
  // Every rating control named in the contract exists.
  for (const dim of ['clinical_soundness', 'cultural_grounding']) {
    for (const v of ['1', '2', '3', '4', '5', 'na']) assert.ok(await page.$(`[data-testid="rate-${dim}-${v}"]`), `rate-${dim}-${v}`);
  }
  assert.equal(await page.$$eval('[role="radiogroup"].rating-scale', (g) => g.length), 2);
});

test('hovering a concept highlights its partner in the other trace and shows the similarity', async () => {
  await show(QA_SPEC);
  await page.hover('[data-testid="trace-local"] mark[data-concept-id~="ja-1"]');
  assert.equal(await page.$eval('[data-testid="trace-en"] mark[data-concept-id~="en-1"]', (m) => m.classList.contains('is-active')), true);
  assert.match((await page.textContent('[data-testid="concept-status"]'))!, /0\.83/);
  const title = await page.getAttribute('[data-testid="trace-local"] mark[data-concept-id~="ja-1"]', 'title');
  assert.match(title!, /amyloid deposits.*0\.83/);
  // The fused chain's chips light up the concept in both traces too.
  await page.hover('[data-testid="fused-chain"] [data-chain-id="en-1"]');
  assert.equal(await page.$eval('[data-testid="trace-local"] mark[data-concept-id~="ja-1"]', (m) => m.classList.contains('is-active')), true);
  assert.equal(await page.$eval('[data-testid="trace-local"] mark[data-concept-id~="ja-2"]', (m) => m.classList.contains('is-active')), false);
});

test('NLI item: premise, hypothesis and gold label in both languages; stale notice', async () => {
  const trace = makeTrace({ itemId: 'nli-sw-007', lang: 'sw', task: 'nli', english: 'The drug lowers blood pressure.', local: 'Dawa hupunguza shinikizo la damu.', en: [{ id: 'en-1', text: 'blood pressure' }], loc: [{ id: 'sw-1', text: 'shinikizo la damu' }], pairs: [['sw-1', 'en-1', 0.9]] });
  const view = makeView(makeItem('nli-sw-007', 'sw', 'nli'), trace, { stale: true });
  await postToWebview(page, showItem(view, { 'Gold label': 'Lebo sahihi', entailment: 'uthibitisho' }));
  await page.waitForFunction(() => document.querySelector('[data-testid="item-id"]')?.textContent === 'nli-sw-007');
  assert.match((await page.textContent('[data-testid="premise"]'))!, /local premise of nli-sw-007[\s\S]*English premise of nli-sw-007/);
  assert.match((await page.textContent('[data-testid="hypothesis"]'))!, /local hypothesis[\s\S]*English hypothesis/);
  // Strings come from the host's map; missing keys fall back to English.
  assert.equal(await page.textContent('[data-testid="gold-label"]'), 'Lebo sahihi: uthibitisho');
  assert.equal(await page.textContent('[data-testid="item-task"]'), 'NLI');
  assert.ok(await page.$('[data-testid="stale-notice"]'));
  assert.equal(await page.$('[data-testid="reference-answer-section"]'), null);
  assert.equal(await highlighted(page, 'trace-local', 'sw-1'), 'shinikizo la damu');
});

test('highlights are exact in Chinese, Japanese (with astral characters) and Korean', async () => {
  const zh = '患者出现**心脏淀粉样变性**的表现，伴有淀粉样蛋白沉积；淀粉样蛋白沉积可见于多个器官。';
  await show({ itemId: 'qa-zh-001', lang: 'zh', english: 'Cardiac amyloidosis with amyloid deposits.', local: zh,
    en: [{ id: 'en-1', text: 'Cardiac amyloidosis' }, { id: 'en-2', text: 'amyloid deposits' }],
    loc: [{ id: 'zh-1', text: '心脏淀粉样变性' }, { id: 'zh-2', text: '淀粉样蛋白沉积', spans: [spanOf(zh, '淀粉样蛋白沉积', 1)] }],
    pairs: [['zh-1', 'en-1', 0.9], ['zh-2', 'en-2', 0.8]] });
  assert.equal(await highlighted(page, 'trace-local', 'zh-1'), '心脏淀粉样变性');
  // The span points at the second mention: that one is highlighted, not the first.
  const second = await page.$eval('[data-testid="trace-local"] mark[data-concept-id~="zh-2"]', (m) => {
    const text = m.closest('[data-testid]')!.textContent!;
    const before = document.createRange();
    before.setStart(m.closest('[data-testid]')!, 0);
    before.setEndBefore(m);
    return { offset: before.toString().length, total: text.length };
  });
  assert.equal(second.offset, '患者出现心脏淀粉样变性的表现，伴有淀粉样蛋白沉积；'.length);

  const ja = '𠮷野家の𩸽を食べた後、𠮷田さんに**アミロイド**沈着と_心不全_を認めた。';
  const jaSpec: TraceSpec = { itemId: 'qa-ja-002', lang: 'ja', english: 'Amyloid deposits and heart failure.', local: ja,
    en: [{ id: 'en-1', text: 'Amyloid deposits' }, { id: 'en-2', text: 'heart failure' }],
    loc: [{ id: 'ja-1', text: 'アミロイド沈着', locate: 'アミロイド**沈着' }, { id: 'ja-2', text: '心不全' }, { id: 'ja-3', text: '𩸽' }],
    pairs: [['ja-1', 'en-1', 0.88], ['ja-2', 'en-2', 0.91]], localOnly: [['ja-3', null, 0.1]] };
  await show(jaSpec);
  await assertAllHighlightsExact(jaSpec);

  const ko = '환자는 **아밀로이드 침착**과 심부전 소견을 보였다.';
  const koSpec: TraceSpec = { itemId: 'qa-ko-001', lang: 'ko', english: 'Amyloid deposits and heart failure.', local: ko,
    en: [{ id: 'en-1', text: 'Amyloid deposits' }], loc: [{ id: 'ko-1', text: '아밀로이드 침착' }, { id: 'ko-2', text: '심부전' }],
    pairs: [['ko-1', 'en-1', 0.86]], localOnly: [['ko-2', 'en-1', 0.5]] };
  await show(koSpec);
  await assertAllHighlightsExact(koSpec);
  // Korean precomposed syllables vs. conjoining jamo (NFD) compare equal after NFC.
  const koNfd = ko.normalize('NFD');
  const koNfdSpec: TraceSpec = { ...koSpec, itemId: 'qa-ko-002', local: koNfd, loc: [{ id: 'ko-1', text: '아밀로이드 침착', spans: [spanOf(koNfd, '아밀로이드 침착'.normalize('NFD'))] }] };
  await show(koNfdSpec);
  await assertAllHighlightsExact(koNfdSpec);
});

test('highlights are exact in Thai (no spaces, combining vowels and tone marks)', async () => {
  const th = 'ผู้ป่วยมีภาวะความดันโลหิตสูงและเบาหวานชนิดที่สองควรตรวจไตทุกปี';
  const spec: TraceSpec = { itemId: 'qa-th-001', lang: 'th', english: 'Hypertension and type 2 diabetes; check kidneys yearly.', local: th,
    en: [{ id: 'en-1', text: 'Hypertension' }, { id: 'en-2', text: 'type 2 diabetes' }],
    loc: [{ id: 'th-1', text: 'ความดันโลหิตสูง' }, { id: 'th-2', text: 'เบาหวานชนิดที่สอง' }, { id: 'th-3', text: 'ตรวจไต' }],
    pairs: [['th-1', 'en-1', 0.92], ['th-2', 'en-2', 0.9]], localOnly: [['th-3', null, 0.3]] };
  await show(spec);
  await assertAllHighlightsExact(spec);
  // The highlight starts exactly where the concept starts (no drift by combining marks).
  const startsAt = await page.$eval('[data-testid="trace-local"] mark[data-concept-id~="th-1"]', (m) => {
    const r = document.createRange();
    r.setStart(m.closest('[data-testid]')!, 0);
    r.setEndBefore(m);
    return r.toString().length;
  });
  assert.equal(startsAt, th.indexOf('ความดันโลหิตสูง'));
});

test('Yoruba: NFC and NFD forms of the same word both match, with correct and with stale spans', async () => {
  const wordNfc = 'ìtọ̀ ṣúgà'.normalize('NFC');
  const wordNfd = wordNfc.normalize('NFD');
  assert.notEqual(wordNfc, wordNfd);
  const localNfd = `Aláìsàn náà ní àrùn ${wordNfd} àti ẹ̀jẹ̀ ríru.`.normalize('NFD');
  const spanNfd = spanOf(localNfd, wordNfd);
  // Spans computed on the NFC string: stale for the NFD text.
  const localNfc = localNfd.normalize('NFC');
  const spanOnNfc = spanOf(localNfc, wordNfc);
  const spec: TraceSpec = { itemId: 'qa-yo-001', lang: 'yo', english: 'The patient has diabetes and hypertension.', local: localNfd,
    en: [{ id: 'en-1', text: 'diabetes' }, { id: 'en-2', text: 'hypertension' }],
    loc: [
      { id: 'yo-1', text: wordNfc, spans: [spanNfd] },
      { id: 'yo-2', text: 'ẹ̀jẹ̀ ríru'.normalize('NFC'), spans: [spanOnNfc] /* deliberately wrong offsets */ },
    ],
    pairs: [['yo-1', 'en-1', 0.8], ['yo-2', 'en-2', 0.75]] };
  await show(spec);
  await assertAllHighlightsExact(spec);
  // The same concept given in NFD against an NFC trace.
  const spec2: TraceSpec = { ...spec, itemId: 'qa-yo-002', local: localNfc, loc: [{ id: 'yo-1', text: wordNfd, spans: [spanOnNfc] }], pairs: [['yo-1', 'en-1', 0.8]] };
  await show(spec2);
  await assertAllHighlightsExact(spec2);
});

test('Swahili and Zulu (Latin) with stale offsets and unlocated concepts fall back to search', async () => {
  const zu = 'Isiguli sinomfutho wegazi ophakeme kanye ne-isifo sikashukela.';
  const spec: TraceSpec = { itemId: 'qa-zu-001', lang: 'zu', english: 'High blood pressure and diabetes.', local: zu,
    en: [{ id: 'en-1', text: 'High blood pressure' }, { id: 'en-2', text: 'diabetes' }],
    loc: [{ id: 'zu-1', text: 'mfutho wegazi ophakeme', spans: [[3, 20]] }, { id: 'zu-2', text: 'isifo sikashukela', spans: [] }],
    pairs: [['zu-1', 'en-1', 0.8], ['zu-2', 'en-2', 0.85]] };
  await show(spec);
  await assertAllHighlightsExact(spec);
});

test('Markdown formatting (bold, italics, lists, code, headings, links, escapes) never shifts a highlight', async () => {
  const english = [
    '## Assessment',
    '',
    'Signs of **amyloid** deposits and *left ventricular* hypertrophy.',
    '',
    '- chronic _kidney_ disease, stage 3',
    '- start `metformin` daily with meals',
    '1. check [the guideline](https://example.org/a/very/long/path/that/goes/on/and/on/for/quite/a/while/guideline.html) for dosing of insulin glargine',
    '',
    '> Note: 5 \\* 2 &amp; more; then **Heart** *failure* follows.',
    '',
    '```',
    'code block: troponin level',
    '```',
    'Finally ~~no~~ aspirin therapy.',
  ].join('\n');
  const en = [
    { id: 'en-1', text: 'amyloid deposits', locate: 'amyloid** deposits' },
    { id: 'en-2', text: 'left ventricular hypertrophy', locate: 'left ventricular* hypertrophy' },
    { id: 'en-3', text: 'chronic kidney disease', locate: 'chronic _kidney_ disease' },
    { id: 'en-4', text: 'metformin daily', locate: 'metformin` daily' },
    { id: 'en-5', text: 'insulin glargine' },
    { id: 'en-6', text: 'Heart failure', locate: 'Heart** *failure' },
    { id: 'en-7', text: 'troponin level' },
    { id: 'en-8', text: 'aspirin therapy' },
    { id: 'en-9', text: 'Assessment' },
  ];
  const spec: TraceSpec = { itemId: 'qa-sw-002', lang: 'sw', english, local: 'Dalili za **amana ya amiloidi**.',
    en, loc: [{ id: 'sw-1', text: 'amana ya amiloidi' }], pairs: [['sw-1', 'en-1', 0.8]] };
  await show(spec);
  await assertAllHighlightsExact(spec);
  // Crossing formatting splits a highlight into several marks with the same id.
  assert.ok((await page.$$('[data-testid="trace-en"] mark[data-concept-id~="en-1"]')).length >= 2);
  // Link targets are shown as text, never as links.
  assert.equal(await page.$$eval('[data-testid="trace-en"] a, [data-testid="trace-en"] [href]', (a) => a.length), 0);
  assert.match((await page.textContent('[data-testid="trace-en"]'))!, /https:\/\/example\.org/);
});

test('traces sit side by side in a wide panel and stack in a narrow one', async () => {
  await show(QA_SPEC);
  const geometry = async (p: Page) => p.evaluate(() => {
    const en = document.querySelector('[data-testid="trace-en"]')!.getBoundingClientRect();
    const loc = document.querySelector('[data-testid="trace-local"]')!.getBoundingClientRect();
    return { enTop: en.top, enBottom: en.bottom, locTop: loc.top, enLeft: en.left, locLeft: loc.left };
  });
  const wide = await geometry(page);
  assert.equal(wide.enTop, wide.locTop);
  assert.ok(wide.locLeft > wide.enLeft);
  await page.setViewportSize({ width: 520, height: 900 });
  const narrow = await geometry(page);
  assert.ok(narrow.locTop >= narrow.enBottom, JSON.stringify(narrow));
  await page.setViewportSize({ width: 1400, height: 900 });
});

test('malformed messages are ignored', async () => {
  await show({ itemId: 'qa-ja-shown', lang: 'ja', english: 'shown', local: '表示', en: [], loc: [] });
  const before = 'qa-ja-shown';
  await postToWebview(page, { type: 'showItem', view: 'nope', strings: {} });
  await postToWebview(page, { type: 'evil', html: '<img src=x onerror=__pwned()>' });
  await postToWebview(page, 'showItem');
  await hostMessagesHandled(page);
  assert.equal(await page.textContent('[data-testid="item-id"]'), before);
});

test('a view the panel cannot render shows an error as text, and the next item renders again', async () => {
  const broken = { type: 'showItem', view: { item: { id: 'qa-ja-bad', lang: 'ja', task: 'qa' }, language: { code: 'ja', native: '日本語', english: 'Japanese', dir: 'ltr' } }, strings: {} };
  await postToWebview(page, broken);
  await page.waitForSelector('[data-testid="render-error"]');
  assert.match((await page.textContent('[data-testid="render-error"]'))!, /^error: /);
  await show({ itemId: 'qa-ja-ok', lang: 'ja', english: 'fine', local: '良い', en: [], loc: [] });
  assert.equal(await page.$('[data-testid="render-error"]'), null);
});
