// Nested, crossing and identical concept spans in the review panel (headless Chromium): every
// concept's highlight covers exactly its spans whatever else overlaps it, in Japanese (no spaces),
// Thai (no spaces, combining marks) and Yoruba (combining diacritics, NFC and NFD); hover, focus
// and the partner emphasis work for the inner and the outer concept; the outer and the inner
// concept look different in every theme.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type Harness, openApp, postToWebview } from './harness';
import { makeItem, makeTrace, makeView, showItem, spanOf, type ConceptSpec, type TraceSpec } from './fixtures';
import { mentionsOf, spanTexts } from './mentions';

let h: Harness;
let page: Page;

before(async () => {
  ({ h, page } = await openApp());
});
after(async () => {
  await h?.close();
});

async function show(spec: TraceSpec): Promise<void> {
  await postToWebview(page, showItem(makeView(makeItem(spec.itemId, spec.lang, 'qa'), makeTrace(spec))));
  await page.waitForFunction((id) => document.querySelector('[data-testid="item-id"]')?.textContent === id, spec.itemId);
}

/** Every concept of both traces reads, mention by mention, as its spans (Markdown emphasis removed). */
async function assertEveryConceptWhole(spec: TraceSpec): Promise<void> {
  for (const [testId, source, specs] of [['trace-en', spec.english, spec.en], ['trace-local', spec.local, spec.loc]] as const) {
    for (const c of specs) {
      const want = spanTexts(source, c.spans!).map((t) => t.replace(/\*\*/g, ''));
      assert.deepEqual(await mentionsOf(page, `[data-testid="${testId}"]`, c.id), want, `${testId} ${c.id}`);
    }
  }
}

/** Ids of the marks currently emphasised (is-active), as a sorted set of single ids. */
async function activeIds(): Promise<string[]> {
  const lists = await page.$$eval('mark.is-active', (marks) => marks.map((m) => m.getAttribute('data-concept-id') ?? ''));
  return [...new Set(lists.flatMap((l) => l.split(' ')))].sort();
}

const sp = (text: string, needle: string, nth = 0): [number, number] => spanOf(text, needle, nth);

// ------------------------------------------------------------------ Japanese

const JA_LOCAL = [
  '## 高齢者の熱中症',
  '',
  '一人暮らしの高齢者は夜間の室内でも**熱中症**になりやすい。',
  '',
  '環境省と気象庁の**熱中症警戒アラート**が出た日は外出を控える。外出を控える日は見守りを頼む。',
].join('\n');
const JA_ENGLISH = 'Older adults risk heat stroke. When a heat alert is issued, avoid going out; ask for check-ins.';
const JA: TraceSpec = {
  itemId: 'qa-ja-901', lang: 'ja', english: JA_ENGLISH, local: JA_LOCAL,
  en: [
    { id: 'en-2', text: 'heat stroke', spans: [sp(JA_ENGLISH, 'heat stroke')] },
    { id: 'en-5', text: 'heat alert', spans: [sp(JA_ENGLISH, 'heat alert')] },
    { id: 'en-7', text: 'alert is issued', spans: [sp(JA_ENGLISH, 'alert is issued')] },
    { id: 'en-9', text: 'going out', spans: [sp(JA_ENGLISH, 'going out')] },
  ],
  loc: [
    // A term, once on its own and once inside a longer phrase (the sample's ja-2 / ja-5).
    { id: 'ja-2', text: '熱中症', spans: [sp(JA_LOCAL, '熱中症', 0), sp(JA_LOCAL, '熱中症', 1), sp(JA_LOCAL, '熱中症', 2)] },
    { id: 'ja-5', text: '熱中症警戒アラート', spans: [sp(JA_LOCAL, '熱中症警戒アラート')] },
    // Crosses ja-5 (shares アラート) and the bold markup.
    { id: 'ja-7', text: 'アラートが出た日', spans: [sp(JA_LOCAL, 'アラート**が出た日')] },
    // Identical spans: two concepts on the first 外出を控える; ja-9 also on the second.
    { id: 'ja-9', text: '外出を控える', spans: [sp(JA_LOCAL, '外出を控える', 0), sp(JA_LOCAL, '外出を控える', 1)] },
    { id: 'ja-10', text: '外出', spans: [sp(JA_LOCAL, '外出を控える', 0)].map(([s]) => [s, s + 2] as [number, number]) },
    { id: 'ja-11', text: '外出を控える', spans: [sp(JA_LOCAL, '外出を控える', 0)] },
  ],
  pairs: [['ja-2', 'en-2', 0.93], ['ja-5', 'en-5', 0.81], ['ja-7', 'en-7', 0.7], ['ja-9', 'en-9', 0.77]],
  localOnly: [['ja-11', 'en-9', 0.6]],
};

test('Japanese: a term inside a phrase, crossing phrases and identical spans are all shown whole', async () => {
  await show(JA);
  await assertEveryConceptWhole(JA);
  // The phrase keeps its first three characters: it is not shown as 警戒アラート.
  assert.equal((await mentionsOf(page, '[data-testid="trace-local"]', 'ja-5'))[0], '熱中症警戒アラート');
  // Nested: the term's mark is inside the phrase's mark.
  assert.equal(await page.$eval('[data-testid="trace-local"] mark[data-concept-id~="ja-5"] mark[data-concept-id~="ja-2"]', (m) => m.textContent), '熱中症');
  // Crossing: the shared アラート is one mark with both ids and both concepts' partners.
  const shared = await page.$eval('[data-testid="trace-local"] mark[data-concept-id~="ja-5"][data-concept-id~="ja-7"]',
    (m) => ({ text: m.textContent, ids: m.getAttribute('data-concept-id'), partners: m.getAttribute('data-aligned-with') }));
  assert.deepEqual(shared, { text: 'アラート', ids: 'ja-5 ja-7', partners: 'en-5 en-7' });
  // Identical spans: one mark listing both concepts (with ja-10 nested inside it).
  assert.equal(await page.$eval('[data-testid="trace-local"] mark[data-concept-id~="ja-9"][data-concept-id~="ja-11"]', (m) => m.getAttribute('data-concept-id')), 'ja-9 ja-11');
});

test('hovering the shared part of crossing concepts emphasises both and their partners', async () => {
  await page.hover('[data-testid="trace-local"] mark[data-concept-id~="ja-5"][data-concept-id~="ja-7"]');
  assert.deepEqual(await activeIds(), ['en-5', 'en-7', 'ja-5', 'ja-7']);
  const status = (await page.textContent('[data-testid="concept-status"]'))!;
  assert.match(status, /熱中症警戒アラート/);
  assert.match(status, /アラートが出た日/);
});

// ------------------------------------------------------------------ Thai

const TH_LOCAL = 'ผู้ป่วยมีภาวะความดันโลหิตสูงและเบาหวานชนิดที่สองควรตรวจไตทุกปี';
const TH_ENGLISH = 'The patient has high blood pressure and type 2 diabetes; check the kidneys every year.';
const thSpan = (needle: string): ConceptSpec['spans'] => [sp(TH_LOCAL, needle)];
const TH: TraceSpec = {
  itemId: 'qa-th-901', lang: 'th', english: TH_ENGLISH, local: TH_LOCAL,
  en: [
    { id: 'en-1', text: 'high blood pressure', spans: [sp(TH_ENGLISH, 'high blood pressure')] },
    { id: 'en-2', text: 'blood', spans: [sp(TH_ENGLISH, 'blood')] },
    { id: 'en-3', text: 'type 2 diabetes', spans: [sp(TH_ENGLISH, 'type 2 diabetes')] },
    { id: 'en-4', text: 'diabetes', spans: [sp(TH_ENGLISH, 'diabetes')] },
  ],
  loc: [
    { id: 'th-1', text: 'ความดันโลหิตสูง', spans: thSpan('ความดันโลหิตสูง') },
    { id: 'th-2', text: 'ภาวะความดันโลหิตสูง', spans: thSpan('ภาวะความดันโลหิตสูง') },
    // Three levels: โลหิต inside ความดันโลหิตสูง inside ภาวะความดันโลหิตสูง.
    { id: 'th-3', text: 'โลหิต', spans: thSpan('โลหิต') },
    // Crosses th-1 and th-2 (shares สูง, whose vowel is a combining mark).
    { id: 'th-4', text: 'สูงและเบาหวาน', spans: thSpan('สูงและเบาหวาน') },
    // Identical spans, inside th-4 and inside th-7, which cross each other.
    { id: 'th-5', text: 'เบาหวาน', spans: thSpan('เบาหวาน') },
    { id: 'th-6', text: 'เบาหวาน', spans: thSpan('เบาหวาน') },
    { id: 'th-7', text: 'เบาหวานชนิดที่สอง', spans: thSpan('เบาหวานชนิดที่สอง') },
    { id: 'th-8', text: 'ตรวจไต', spans: thSpan('ตรวจไต') },
  ],
  pairs: [['th-1', 'en-1', 0.92], ['th-3', 'en-2', 0.8], ['th-7', 'en-3', 0.9], ['th-5', 'en-4', 0.95]],
  localOnly: [['th-8', null, 0.3]],
};

test('Thai: nested three deep, crossing and identical spans without spaces are all shown whole', async () => {
  await show(TH);
  await assertEveryConceptWhole(TH);
  assert.equal(await page.$eval('[data-testid="trace-local"] mark[data-concept-id~="th-2"] mark[data-concept-id~="th-1"] mark[data-concept-id~="th-3"]', (m) => m.textContent), 'โลหิต');
  assert.equal(await page.$eval('[data-testid="trace-local"] mark[data-concept-id~="th-5"]', (m) => m.getAttribute('data-concept-id')), 'th-5 th-6');
});

// ------------------------------------------------------------------ Yoruba

function yorubaSpec(itemId: string, form: 'NFC' | 'NFD', conceptForm: 'NFC' | 'NFD'): TraceSpec {
  const local = 'Aláìsàn náà ní àrùn ìtọ̀ ṣúgà àti ẹ̀jẹ̀ ríru; ìtọ̀ ṣúgà máa ń fa àrùn kíndìnrín.'.normalize(form);
  const english = 'The patient has diabetes and high blood pressure; diabetes causes kidney disease.';
  const c = (id: string, text: string, nth: number[] = [0]): ConceptSpec =>
    ({ id, text: text.normalize(conceptForm), spans: nth.map((n) => sp(local, text.normalize(form), n)) });
  return {
    itemId, lang: 'yo', english, local,
    en: [
      { id: 'en-1', text: 'diabetes', spans: [sp(english, 'diabetes', 0), sp(english, 'diabetes', 1)] },
      { id: 'en-2', text: 'high blood pressure', spans: [sp(english, 'high blood pressure')] },
      { id: 'en-3', text: 'kidney disease', spans: [sp(english, 'kidney disease')] },
    ],
    loc: [
      c('yo-1', 'ìtọ̀ ṣúgà', [0, 1]),
      c('yo-2', 'àrùn ìtọ̀ ṣúgà'),
      // Crosses yo-2 (shares ṣúgà) and yo-4 (shares ẹ̀jẹ̀).
      c('yo-3', 'ṣúgà àti ẹ̀jẹ̀'),
      c('yo-4', 'ẹ̀jẹ̀ ríru'),
      c('yo-5', 'àrùn kíndìnrín'),
      c('yo-6', 'àrùn kíndìnrín'),
    ],
    pairs: [['yo-1', 'en-1', 0.95], ['yo-4', 'en-2', 0.85], ['yo-5', 'en-3', 0.9]],
    localOnly: [['yo-2', 'en-1', 0.6]],
  };
}

test('Yoruba: overlapping concepts with combining diacritics are shown whole, NFD and NFC', async () => {
  // Trace and spans in NFD, concept texts in NFC (the way a model often writes them), and the reverse.
  for (const [id, form, conceptForm] of [['qa-yo-901', 'NFD', 'NFC'], ['qa-yo-902', 'NFC', 'NFD']] as const) {
    const spec = yorubaSpec(id, form, conceptForm);
    assert.notEqual(spec.local.normalize('NFC'), spec.local.normalize('NFD'));
    await show(spec);
    await assertEveryConceptWhole(spec);
  }
});

// ------------------------------------------------------------------ hover, focus, partners

const SW_LOCAL = 'Pima kwa **kipimo cha haraka cha malaria** (mRDT); malaria ni hatari kwa wajawazito.';
const SW_ENGLISH = 'Confirm with a **rapid diagnostic test** for malaria; malaria is dangerous in pregnancy.';
const SW: TraceSpec = {
  itemId: 'qa-sw-901', lang: 'sw', english: SW_ENGLISH, local: SW_LOCAL,
  en: [
    { id: 'en-1', text: 'malaria', spans: [sp(SW_ENGLISH, 'malaria', 0), sp(SW_ENGLISH, 'malaria', 1)] },
    { id: 'en-2', text: 'rapid diagnostic test', spans: [sp(SW_ENGLISH, 'rapid diagnostic test')] },
  ],
  loc: [
    { id: 'sw-1', text: 'malaria', spans: [sp(SW_LOCAL, 'malaria', 0), sp(SW_LOCAL, 'malaria', 1)] },
    { id: 'sw-2', text: 'kipimo cha haraka cha malaria', spans: [sp(SW_LOCAL, 'kipimo cha haraka cha malaria')] },
  ],
  pairs: [['sw-1', 'en-1', 0.99], ['sw-2', 'en-2', 0.9]],
};
const OUTER = '[data-testid="trace-local"] mark[data-concept-id~="sw-2"]';
const INNER = `${OUTER} mark[data-concept-id~="sw-1"]`;

test('hover: the inner term lights itself and its partner, the outer phrase lights itself and its partner', async () => {
  await show(SW);
  await assertEveryConceptWhole(SW);
  await page.hover(INNER);
  assert.deepEqual(await activeIds(), ['en-1', 'sw-1']);
  assert.match((await page.textContent('[data-testid="concept-status"]'))!, /malaria.*0\.99/);
  // The start of the phrase ("kipimo") belongs to the outer concept only.
  await page.hover(OUTER, { position: { x: 4, y: 6 } });
  assert.deepEqual(await activeIds(), ['en-2', 'sw-2']);
  assert.match((await page.textContent('[data-testid="concept-status"]'))!, /kipimo cha haraka cha malaria.*0\.90/);
  // The partner lights the whole phrase: every piece of the outer mark is emphasised, the inner not.
  await page.hover('[data-testid="trace-en"] mark[data-concept-id~="en-2"]');
  assert.equal(await page.$eval(OUTER, (m) => m.classList.contains('is-active')), true);
  assert.equal(await page.$eval(INNER, (m) => m.classList.contains('is-active')), false);
  // The fused chain's chip of the inner concept lights the term inside the phrase.
  await page.hover('[data-testid="fused-chain"] [data-chain-id="sw-1"]');
  assert.equal(await page.$eval(INNER, (m) => m.classList.contains('is-active')), true);
  assert.equal(await page.$eval(OUTER, (m) => m.classList.contains('is-active')), false);
});

test('keyboard: the outer and the inner concept are separate tab stops, each lighting its own partner', async () => {
  await page.mouse.move(0, 0);
  await page.focus(OUTER);
  assert.deepEqual(await activeIds(), ['en-2', 'sw-2']);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-concept-id')), 'sw-1');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'malaria');
  assert.deepEqual(await activeIds(), ['en-1', 'sw-1']);
  // Each mark describes its own concept to screen readers.
  const described = await page.$eval(INNER, (m) => document.getElementById(m.getAttribute('aria-describedby')!)?.textContent);
  assert.match(described!, /malaria.*0\.99/);
});

// ------------------------------------------------------------------ themes

const THEMES: Record<string, { body: string; vars: Record<string, string> }> = {
  dark: { body: 'vscode-dark', vars: { '--vscode-charts-blue': 'rgb(55, 148, 255)', '--vscode-charts-orange': 'rgb(209, 134, 22)', '--vscode-descriptionForeground': 'rgb(157, 157, 157)', '--vscode-focusBorder': 'rgb(0, 127, 212)' } },
  light: { body: 'vscode-light', vars: { '--vscode-charts-blue': 'rgb(26, 133, 255)', '--vscode-charts-orange': 'rgb(214, 99, 0)', '--vscode-descriptionForeground': 'rgb(113, 113, 113)', '--vscode-focusBorder': 'rgb(0, 95, 184)' } },
  'high contrast': { body: 'vscode-high-contrast', vars: { '--vscode-charts-blue': 'rgb(55, 148, 255)', '--vscode-charts-orange': 'rgb(209, 134, 22)', '--vscode-descriptionForeground': 'rgb(255, 255, 255)', '--vscode-contrastActiveBorder': 'rgb(243, 133, 24)' } },
  'high contrast light': { body: 'vscode-high-contrast-light', vars: { '--vscode-charts-blue': 'rgb(15, 74, 133)', '--vscode-charts-orange': 'rgb(180, 90, 0)', '--vscode-descriptionForeground': 'rgb(41, 41, 41)', '--vscode-contrastActiveBorder': 'rgb(0, 102, 191)' } },
};

test('the outer and the inner concept look different in every theme, in the theme\'s colours', async () => {
  await show(SW);
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const [name, theme] of Object.entries(THEMES)) {
    await page.evaluate((t) => {
      document.body.className = t.body;
      for (const [k, v] of Object.entries(t.vars)) document.documentElement.style.setProperty(k, v);
    }, theme);
    // No helper functions inside the page function: tsx's __name wrappers do not exist there.
    const [outer, inner] = await page.evaluate((selectors) => selectors.map((sel) => {
      const s = getComputedStyle(document.querySelector(sel)!);
      return { outline: s.outlineStyle, outlineColor: s.outlineColor, underline: s.borderBottomStyle, underlineWidth: parseFloat(s.borderBottomWidth), underlineColor: s.borderBottomColor, background: s.backgroundColor };
    }), [OUTER, INNER]);
    const look = { outer, inner };
    const transparent = (c: string) => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
    const colourOf = (cls: string) => page.$eval(cls, (m) => [...m.classList].find((c) => c.startsWith('pair-c'))!);
    const outerColour = theme.vars[(await colourOf(OUTER)) === 'pair-c0' ? '--vscode-charts-blue' : '--vscode-charts-orange'];
    const innerColour = theme.vars[(await colourOf(INNER)) === 'pair-c0' ? '--vscode-charts-blue' : '--vscode-charts-orange'];
    // The phrase: an outline in its pair colour, no fill, no underline.
    assert.notEqual(look.outer.outline, 'none', `${name}: outer outline`);
    assert.equal(look.outer.outlineColor, outerColour, `${name}: outer colour`);
    assert.equal(look.outer.underline, 'none', `${name}: outer underline`);
    assert.ok(transparent(look.outer.background), `${name}: outer fill ${look.outer.background}`);
    // The term: no outline; a fill (or, in high contrast where fills are off, a thick underline).
    assert.equal(look.inner.outline, 'none', `${name}: inner outline`);
    if (name.startsWith('high contrast')) {
      assert.ok(transparent(look.inner.background), `${name}: no fill in high contrast`);
      assert.ok(look.inner.underlineWidth >= 2 && look.inner.underline !== 'none', `${name}: inner underline`);
    } else {
      assert.ok(!transparent(look.inner.background), `${name}: inner fill`);
    }
    assert.equal(look.inner.underlineColor, innerColour, `${name}: inner colour`);
  }
  await page.evaluate(() => {
    document.body.className = '';
    document.documentElement.removeAttribute('style');
  });
});

test('an id containing a space (allowed in a trace) lights only its own concept and partner', async () => {
  const local = '気象庁の熱中症警戒アラートが出た。';
  const english = 'A heat alert warns of heat stroke.';
  await show({ itemId: 'qa-ja-903', lang: 'ja', english, local,
    en: [{ id: 'en 1', text: 'heat alert' }, { id: 'en', text: 'heat stroke' }],
    loc: [{ id: 'ja', text: '熱中症' }, { id: 'ja 1', text: '熱中症警戒アラート' }],
    pairs: [['ja 1', 'en 1', 0.8], ['ja', 'en', 0.9]] });
  const outer = page.locator('[data-testid="trace-local"] mark[data-concept-id="ja 1"]');
  const box = (await outer.boundingBox())!;
  await outer.hover({ position: { x: box.width - 4, y: box.height / 2 } });
  const active = await page.$$eval('mark.is-active', (m) => m.map((x) => x.getAttribute('data-concept-id')).sort());
  assert.deepEqual(active, ['en 1', 'ja 1']);
});
