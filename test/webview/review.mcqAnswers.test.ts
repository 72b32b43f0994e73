// The review panel's final-answer section for multiple-choice traces, in headless Chromium, on
// traces the real pipeline produced: fixtures in the published layouts loaded by the real loader,
// co-reasoned (`cot-local`) against the local OpenAI test server. The letters scoring reads from
// each answer are shown with their verdict against the gold letter(s) in words; a reply without a
// letter is shown as given and said to be unparsed; the model's text stays text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadDataset } from '../../src/core/dataset';
import { runCoReasoning } from '../../src/core/pipeline';
import type { DatasetItem, Trace } from '../../src/core/types';
import { startOpenAIServer, type McqAnswerStyle } from '../support/openaiServer';
import { type Harness, openApp, postToWebview, ROOT, tempFolder } from './harness';
import { makeView, showItem } from './fixtures';
import { PAYLOADS } from './xssPayloads';

let h: Harness;
let page: Page;
let items: DatasetItem[];

before(async () => {
  ({ h, page } = await openApp());
  const d = await loadDataset([path.join(ROOT, 'test/fixtures/mcq/global-mmlu'), path.join(ROOT, 'test/fixtures/mcq/mmedbench/test/Japanese.jsonl')]);
  items = d.items;
});
after(async () => {
  await h?.close();
});

/** Traces of `cot-local` (final answer = the local reasoning's) on the items, from a server answering in `style`. */
async function reasonWith(style: McqAnswerStyle, ids: string[]): Promise<Map<string, Trace>> {
  const server = await startOpenAIServer({ mcqAnswerStyle: style });
  try {
    const out = path.join(tempFolder('medco-mcq-answers-'), 'run.traces.jsonl');
    await runCoReasoning(items.filter((i) => ids.includes(i.id)), { configName: 'cot-local', baseUrl: server.url, model: 'm', out, kb: null });
    const traces = readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Trace);
    return new Map(traces.map((t) => [t.itemId, t]));
  } finally {
    await server.close();
  }
}

async function show(item: DatasetItem, trace: Trace, strings: Record<string, string> = {}): Promise<void> {
  await postToWebview(page, showItem(makeView(item, trace), strings));
  await page.waitForFunction((id) => document.querySelector('[data-testid="item-id"]')?.textContent === id, item.id);
}

const answerRows = (): Promise<{ side: string; status: string; letters: string; text: string }[]> =>
  page.$$eval('[data-testid="final-answer"] [data-testid="mcq-answers"] li', (lis) =>
    lis.map((li) => ({
      side: li.getAttribute('data-side') ?? '',
      status: li.getAttribute('data-status') ?? '',
      letters: li.querySelector('.mcq-answer-letters')?.textContent ?? '',
      text: li.textContent ?? '',
    })),
  );

const HEART = 'mcq-ja-clinical_knowledge/test/1';
const WARFARIN = 'mcq-ja-002';

test('letters read from decorated answers, with the verdict against the gold letter(s) in words; several gold letters', async () => {
  const traces = await reasonWith('decorated', [HEART, WARFARIN]);
  const heart = items.find((i) => i.id === HEART)!;
  await show(heart, traces.get(HEART)!);
  // The reply as the model wrote it stays visible; the letter read from it is said beside it.
  assert.equal(await page.textContent('[data-testid="final-answer"] .final-answer'), '(b) 60〜100回');
  assert.deepEqual(
    (await answerRows()).map((r) => [r.side, r.status, r.letters]),
    [['final', 'correct', 'B'], ['local', 'correct', 'B']],
  );
  assert.match((await answerRows())[0].text, /^Final answer: B — matches the gold answer$/);

  const warfarin = items.find((i) => i.id === WARFARIN)!;
  assert.equal(warfarin.label, 'A,C');
  await show(warfarin, traces.get(WARFARIN)!, { 'Final answer': '最終回答', 'differs from the gold answer': '正解と不一致' });
  const [final] = await answerRows();
  assert.deepEqual([final.side, final.status, final.letters], ['final', 'incorrect', 'C, D']);
  assert.match(final.text, /^最終回答: C, D — 正解と不一致$/);
});

test('an answer without an option letter is shown as given and said to be unparsed', async () => {
  const traces = await reasonWith('prose', [HEART]);
  await show(items.find((i) => i.id === HEART)!, traces.get(HEART)!);
  assert.equal(await page.textContent('[data-testid="final-answer"] .final-answer'), 'the option that matches the reasoning above');
  const rows = await answerRows();
  assert.deepEqual(rows.map((r) => [r.side, r.status, r.letters]), [['final', 'unparsed', ''], ['local', 'unparsed', '']]);
  assert.match(rows[0].text, /no option letter could be read \(scored as unparsed\)/);
});

test('QA and NLI traces have no letter rows; hostile answers stay text', async () => {
  const heart = items.find((i) => i.id === HEART)!;
  const trace = (await reasonWith('letter', [HEART])).get(HEART)!;
  for (const payload of PAYLOADS.slice(0, 8)) {
    await show(heart, { ...trace, final: { response: payload, answer: payload }, local: { ...trace.local, answer: `B ${payload}` } });
    assert.equal(await page.textContent('[data-testid="final-answer"] .final-answer'), payload);
    assert.equal(await page.$$eval('[data-testid="mcq-answers"] img, [data-testid="mcq-answers"] script, [data-testid="mcq-answers"] iframe', (n) => n.length), 0);
  }
  assert.equal(await page.evaluate(() => (window as unknown as { __pwnedCalls?: unknown[] }).__pwnedCalls?.length ?? 0), 0);
  await show({ ...heart, id: 'qa-ja-001', task: 'qa', label: null }, { ...trace, itemId: 'qa-ja-001', task: 'qa' });
  assert.equal(await page.$('[data-testid="mcq-answers"]'), null);
});
