// Every webview panel of the extension, each with realistic content, for the tests that check all
// panels alike (accessibility.test.ts). A new panel adds one entry here: its app and a `show`
// that posts what its host would post and waits until the page shows it.
import type { Page } from 'playwright-core';
import { ADJUDICATION_APP, postToWebview, REVIEW_APP, STATS_APP, type WebviewApp } from './harness';
import { makeItem, makeTrace, makeView, showItem } from './fixtures';
import { buildAdjudicationView } from '../../src/core/adjudication/adjudicationView';
import { ANNOTATIONS_SCHEMA, type AnnotationEntry, type AnnotationFile, type Trace } from '../../src/core/types';
import { defaultRubric } from '../../src/core/store/rubric';
import { buildDashboard } from '../../src/core/charts';
import { computeStats } from '../../src/core/stats/compute';
import { STATS_UI_STRINGS } from '../../src/protocol/uiStrings';
import { annotationFile as statsAnnotationFile } from '../unit/stats/fixtures';

export interface PanelCase {
  name: string;
  app: WebviewApp;
  /** Shows typical content, as the panel's host would, and resolves once it is on screen. */
  show(page: Page): Promise<void>;
}

/** A Japanese QA trace with aligned and local-only concepts, several retrieved documents (ids in `code`), errors. */
function richTrace(itemId: string): Trace {
  const trace = makeTrace({
    itemId, lang: 'ja', english: 'The patient shows **amyloid deposits** in the heart; consider *cardiac amyloidosis*.',
    local: '心臓にアミロイド沈着を認め、心アミロイドーシスを考える。漢方薬の併用歴あり。',
    en: [{ id: 'en-1', text: 'amyloid deposits' }, { id: 'en-2', text: 'cardiac amyloidosis' }],
    loc: [{ id: 'ja-1', text: 'アミロイド沈着' }, { id: 'ja-2', text: '心アミロイドーシス' }, { id: 'ja-3', text: '漢方薬' }],
    pairs: [['ja-1', 'en-1', 0.83], ['ja-2', 'en-2', 0.9]], localOnly: [['ja-3', 'en-2', 0.41]],
    retrievalTitle: '心アミロイドーシス診療ガイドライン', finalAnswer: '心アミロイドーシスの可能性',
    errors: [{ stage: 'retrieve', message: 'knowledge base partly missing' }],
  });
  trace.retrieval = [0, 1, 2].map((i) => ({ docId: `msd-ja-00${i + 12}`, lang: i === 2 ? 'en' : 'ja', title: `文書 ${i + 1}`, score: 7.1 - i, query: 'アミロイド' }));
  return trace;
}

function ratedEntry(traceId: string, value: number, comment: string): AnnotationEntry {
  return {
    traceId, revision: 2,
    rating: { clinical_soundness: value, cultural_grounding: 3, flags: ['unavailable_locally'], comment },
    concepts: { 'ja-3': { relevant: true, note: '日本では一般的' } },
    updatedAt: '2026-11-21T10:05:00.000Z', durationMs: 53000,
    history: [{ revision: 1, rating: { clinical_soundness: 3, cultural_grounding: 3 }, updatedAt: '2026-11-21T10:00:00.000Z' }],
  };
}

const review: PanelCase = {
  name: 'review',
  app: REVIEW_APP,
  async show(page) {
    const trace = richTrace('qa-ja-001');
    const view = makeView(makeItem('qa-ja-001', 'ja', 'qa'), trace, {
      annotation: ratedEntry(trace.id, 4, '妥当な推論'),
      position: { index: 0, total: 10, rated: 3 },
      // A calibration item already rated: the curator's reference table is checked too.
      calibrationReference: { rating: { clinical_soundness: 5, cultural_grounding: 3 }, note: '用量は適切' },
    });
    await postToWebview(page, showItem(view));
    await page.waitForSelector('[data-testid="trace-local"] mark');
    await page.waitForSelector('[data-testid="calibration-reference"]');
  },
};

/** A blind comparison (pairwise study): two responses, reasoning shown, a stale earlier judgement. */
const reviewPairwise: PanelCase = {
  name: 'review (pairwise)',
  app: REVIEW_APP,
  async show(page) {
    const [one, two] = [richTrace('qa-ja-002'), richTrace('qa-ja-002')];
    two.final = { response: '**経過観察**で十分です。', answer: '経過観察' };
    const view = makeView(makeItem('qa-ja-002', 'ja', 'qa'), null, {
      stale: true,
      position: { index: 1, total: 10, rated: 3 },
      pair: {
        ok: true,
        responses: [{ side: '1', trace: one }, { side: '2', trace: two }],
        judgement: { revision: 1, winner: { clinical_soundness: '1', cultural_grounding: 'tie' }, flags: ['unavailable_locally'], comment: '回答2は危険' },
        stale: true,
      },
    });
    await postToWebview(page, showItem(view));
    await page.waitForSelector('[data-testid="response-2"]');
    await page.click('[data-testid="toggle-reasoning"]');
    await page.waitForSelector('[data-testid="response-2"] [data-testid="trace-local"] mark');
  },
};

const adjudication: PanelCase = {
  name: 'adjudication',
  app: ADJUDICATION_APP,
  async show(page) {
    const trace = richTrace('qa-ja-001');
    const file = (id: string, entry: AnnotationEntry): AnnotationFile => ({
      schema: ANNOTATIONS_SCHEMA, dataset: 'multimedx-ja', annotator: { id, role: 'annotator' }, rubric: { id: 'medco-expert', version: 1 }, items: { 'qa-ja-001': entry },
    });
    const view = buildAdjudicationView({
      dataset: 'multimedx-ja', itemId: 'qa-ja-001',
      annotations: [file('dr-sato', ratedEntry(trace.id, 2, '重大な誤り')), file('dr-chen', ratedEntry(trace.id, 5, '妥当')), file('dr-kim', ratedEntry(trace.id, 4, 'ほぼ妥当'))],
      adjudication: null, dimensions: defaultRubric().dimensions, item: makeItem('qa-ja-001', 'ja', 'qa'), trace, revealNames: false,
      position: { index: 0, total: 4 },
    });
    await postToWebview(page, { type: 'showAdjudication', view, strings: {} });
    await page.waitForSelector('[data-testid="dim-clinical_soundness"] h2');
  },
};

const statistics: PanelCase = {
  name: 'statistics',
  app: STATS_APP,
  async show(page) {
    const items = ['qa-ja-001', 'qa-ja-002', 'qa-ja-003', 'nli-zh-001', 'nli-zh-002', 'nli-zh-003'];
    const files = [
      statsAnnotationFile('dr-sato', items, { clinical_soundness: [4, 3, 5, 2, 4, 4], cultural_grounding: [3, 3, 4, 2, null, 5] }, { flags: [['unsafe'], [], [], [], [], []] }),
      statsAnnotationFile('dr-kim', items, { clinical_soundness: [4, 2, 5, 3, 4, 5], cultural_grounding: [3, 2, 4, 2, 3, 5] }),
      statsAnnotationFile('dr-chen', items, { clinical_soundness: [5, 3, 4, 2, 4, 4], cultural_grounding: [4, 3, 4, 1, 3, 4] }),
    ];
    const stats = computeStats(files, { bootstrap: 100 });
    await postToWebview(page, {
      type: 'showStats', dashboard: buildDashboard(files, stats, { bootstrap: 100 }),
      strings: Object.fromEntries(STATS_UI_STRINGS.map((k) => [k, k])), computedAt: '2026-11-21T10:00:00.000Z',
    });
    await page.waitForSelector('svg');
  },
};

export const PANELS: readonly PanelCase[] = [review, reviewPairwise, adjudication, statistics];
