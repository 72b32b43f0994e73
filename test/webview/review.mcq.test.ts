// The review panel's item section for multiple-choice items, in headless Chromium: the fixtures of
// the three published layouts (loaded by the real loader) show their options in the item's language
// and in English, the gold letter(s) in words and on the options; dataset text stays text; the
// section passes axe's accessibility rules.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadDataset } from '../../src/core/dataset';
import type { DatasetItem } from '../../src/core/types';
import { type Harness, openApp, postToWebview, ROOT } from './harness';
import { makeView, showItem } from './fixtures';
import { PAYLOADS } from './xssPayloads';

let h: Harness;
let page: Page;

before(async () => {
  ({ h, page } = await openApp());
});
after(async () => {
  await h?.close();
});

const FIXTURES = path.join(ROOT, 'test/fixtures/mcq');

async function show(item: DatasetItem, strings: Record<string, string> = {}): Promise<void> {
  await postToWebview(page, showItem(makeView(item, null), strings));
  await page.waitForFunction((id) => document.querySelector('[data-testid="item-id"]')?.textContent === id, item.id);
}

const optionRows = (testId: string): Promise<string[][]> =>
  page.$$eval(`[data-testid="${testId}"] li`, (lis) => lis.map((li) => [li.getAttribute('data-letter') ?? '', li.querySelector('.mcq-text')?.textContent ?? '', li.querySelector('.mcq-gold-badge')?.textContent ?? '']));

test('Global-MMLU item with parallel English: question and options in both languages, gold letter said and marked', async () => {
  const d = await loadDataset([path.join(FIXTURES, 'global-mmlu')]);
  const item = d.items.find((i) => i.id === 'mcq-ja-clinical_knowledge/test/1')!;
  await show(item);
  assert.equal(await page.textContent('[data-testid="item-task"]'), 'MCQ');
  assert.equal(await page.textContent('[data-testid="item-source"]'), 'Global-MMLU');
  assert.match((await page.textContent('[data-testid="question"]'))!, /安静時の正常な心拍数[\s\S]*normal resting heart rate/);
  assert.deepEqual(await optionRows('options-local'), [['A', '30〜50回', ''], ['B', '60〜100回', 'gold'], ['C', '110〜140回', ''], ['D', '150〜180回', '']]);
  assert.deepEqual(await optionRows('options-en'), [['A', '30–50', ''], ['B', '60–100', 'gold'], ['C', '110–140', ''], ['D', '150–180', '']]);
  assert.equal(await page.getAttribute('[data-testid="options-local"]', 'lang'), 'ja');
  assert.equal(await page.getAttribute('[data-testid="options-en"]', 'lang'), 'en');
  assert.equal(await page.textContent('[data-testid="gold-label"]'), 'Gold answer: B');
  // The gold option is marked by its border in a theme colour, not only by the badge's colour.
  const border = await page.$eval('[data-testid="options-local"] li[data-letter="B"]', (li) => getComputedStyle(li).borderTopStyle);
  assert.equal(border, 'solid');
});

test('MMedBench item with several gold letters and a rationale; UI strings localized', async () => {
  const d = await loadDataset([path.join(FIXTURES, 'mmedbench/test/Japanese.jsonl')]);
  const item = d.items.find((i) => i.label === 'A,C')!;
  await show(item, { 'Gold answer': '正解', gold: '正解', Options: '選択肢', Rationale: '解説' });
  assert.deepEqual((await optionRows('options-local')).filter((r) => r[2] !== '').map((r) => r[0]), ['A', 'C']);
  assert.equal(await page.$('[data-testid="options-en"]'), null);
  assert.equal(await page.textContent('[data-testid="gold-label"]'), '正解: A, C');
  assert.match((await page.textContent('[data-testid="options"] h3'))!, /選択肢/);
  assert.match((await page.textContent('[data-testid="rationale"]'))!, /ワルファリンの代謝を阻害/);
});

test('MMLU-ProX item (ten options) from the loader; an item without gold says none', async () => {
  const d = await loadDataset([path.join(FIXTURES, 'mmlu-prox/mmlu_prox_ja.jsonl')]);
  await show(d.items[0]);
  assert.deepEqual((await optionRows('options-local')).map((r) => r[0]).join(''), 'ABCDEFGHIJ');
  await show({ ...d.items[1], id: 'mcq-ja-no-gold', label: null });
  assert.equal(await page.textContent('[data-testid="gold-label"]'), 'Gold answer: none');
  assert.equal(await page.$$eval('.mcq-gold-badge', (b) => b.length), 0);
});

test('options, letters, question and rationale from the dataset are shown as text, never run as markup', async () => {
  const options: Record<string, string> = {};
  PAYLOADS.slice(0, 20).forEach((p, i) => (options[String.fromCharCode(65 + i)] = p));
  const item: DatasetItem = {
    id: 'mcq-ja-<b>x</b>', lang: 'ja', task: 'mcq', text: PAYLOADS[20], label: 'A,T', local: { question: PAYLOADS[20], options }, options,
    optionsEn: options, english: { question: PAYLOADS[21], options }, rationale: PAYLOADS[22], origin: { file: 'x.jsonl', line: 1 },
  };
  await show(item);
  assert.deepEqual((await optionRows('options-local')).map((r) => r[1]), Object.values(options));
  assert.equal(await page.$$eval('[data-testid="options"] img, [data-testid="options"] script, [data-testid="options"] svg, [data-testid="options"] iframe', (n) => n.length), 0);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwnedCalls?: unknown[] }).__pwnedCalls?.length ?? 0), 0);
});

test('the MCQ item section passes axe (WCAG 2 A/AA rules)', async () => {
  const d = await loadDataset([path.join(FIXTURES, 'global-mmlu')]);
  await show(d.items[0]);
  await page.evaluate(readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const r = await axe.run({ include: ['.item-text'] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
  assert.deepEqual(violations, []);
});
