// The statistics webview in headless Chromium, the way VS Code shows it: the document from
// renderWebviewHtml (strict CSP, nonce'd module script), the bundle and media/stats.css served over
// a real HTTP socket, acquireVsCodeApi stubbed. The dashboard data is computed by the real core
// from annotation files whose annotator ids, flag names and dimension ids are hostile markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { renderWebviewHtml } from '../../src/extension/panels/webviewHtml';
import { ROOT, launchChromium, postToWebview, posted, settle, tempFolder } from './harness';
import { buildDashboard } from '../../src/core/charts';
import { STATS_UI_STRINGS } from '../../src/protocol/uiStrings';
import { computeStats } from '../../src/core/stats/compute';
import { annotationFile } from '../unit/stats/fixtures';
import type { ShowStatsMessage } from '../../src/protocol/stats';

const EVIL_ANNOTATOR = '<img src=x onerror="window.__pwned(\'annotator\')">';
const EVIL_FLAG = '<script>window.__pwned("flag")</script>';
const EVIL_DIM = '"><svg onload="window.__pwned(\'dim\')">';

function sampleMessage(): ShowStatsMessage {
  const items = ['qa-ja-001', 'qa-ja-002', 'qa-ja-003', 'nli-zh-001', 'nli-zh-002', 'nli-zh-003'];
  const files = [
    annotationFile('dr-sato', items, { clinical_soundness: [4, 3, 5, 2, 4, 4], [EVIL_DIM]: [3, 3, 4, 2, null, 5] }, { flags: [[EVIL_FLAG], [], ['unsafe'], [], [], []] }),
    annotationFile(EVIL_ANNOTATOR, items, { clinical_soundness: [4, 2, 5, 3, 4, 5], [EVIL_DIM]: [3, 2, 4, 2, 3, 5] }, { flags: [[EVIL_FLAG], [], [], [], [], []] }),
    annotationFile('dr-chen', items, { clinical_soundness: [5, 3, 4, 2, 4, 4], [EVIL_DIM]: [4, 3, 4, 1, 3, 4] }),
  ];
  const stats = computeStats(files, { bootstrap: 100 });
  return {
    type: 'showStats',
    dashboard: buildDashboard(files, stats, { bootstrap: 100 }),
    strings: Object.fromEntries(STATS_UI_STRINGS.map((k) => [k, k])),
    computedAt: new Date().toISOString(),
  };
}

const STUB = `function () {
  var posted = [], pwned = [], violations = [];
  window.__posted = posted;
  window.__pwned = function (tag) { pwned.push(tag === undefined ? true : tag); };
  window.__pwnedCalls = pwned;
  window.__violations = violations;
  window.acquireVsCodeApi = function () {
    return { postMessage: function (m) { posted.push(JSON.parse(JSON.stringify(m))); }, getState: function () { return null; }, setState: function () {} };
  };
  document.addEventListener('securitypolicyviolation', function (e) {
    violations.push({ directive: e.violatedDirective, sample: e.sample, blocked: e.blockedURI });
  });
}`;

let server: Server;
let browser: Browser;
let page: Page;

before(async () => {
  const outdir = tempFolder('medco-stats-webview-');
  await esbuild.build({
    absWorkingDir: ROOT, entryPoints: [path.join(ROOT, 'webview/app-stats.ts')], bundle: true, platform: 'browser',
    target: 'chrome120', format: 'esm', outdir, entryNames: '[name]', sourcemap: false, logLevel: 'warning', legalComments: 'none',
  });
  const script = readFileSync(path.join(outdir, 'app-stats.js'));
  const css = readFileSync(path.join(ROOT, 'media/stats.css'));
  let origin = '';
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/index.html') {
      const fake = (p: string): { path: string; with(c: { path?: string }): unknown; toString(): string } => ({ path: p, with: (c) => fake(c.path ?? p), toString: () => `${origin}${p}` });
      const html = renderWebviewHtml({
        webview: { cspSource: origin, asWebviewUri: (u: { path: string }) => fake(`/res${u.path}`) } as never,
        extensionUri: fake('/ext') as never,
        script: 'app-stats',
        styles: ['stats.css'],
        title: 'Statistics',
      });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (url.pathname === '/res/ext/dist/webview/app-stats.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    } else if (url.pathname === '/res/ext/media/stats.css') {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' }).end(css);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no server address');
  origin = `http://127.0.0.1:${address.port}`;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  await page.addInitScript(`(${STUB})()`);
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
});

after(async () => {
  await browser?.close().catch(() => undefined);
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve()));
});

const SAMPLE = sampleMessage();

/** Shows the sample dashboard afresh, so that no test depends on what an earlier one left. */
async function showSample(): Promise<void> {
  // Replace whatever is shown (an error view has no key numbers), then render the sample.
  await postToWebview(page, { type: 'statsError', message: 'reset', strings: {} });
  await page.waitForSelector('[data-testid="stats-error"]');
  await postToWebview(page, SAMPLE);
  await page.waitForSelector('[data-testid="stats-key-numbers"]');
}

test('renders every chart as accessible SVG beside its table', async () => {
  await showSample();
  const result = await page.evaluate(() => {
    const app = document.getElementById('app')!;
    const svgs = Array.from(app.querySelectorAll('svg'));
    return {
      charts: Array.from(app.querySelectorAll('[data-chart]'), (s) => s.getAttribute('data-chart')),
      svgCount: svgs.length,
      labelled: svgs.every((s) => s.getAttribute('role') === 'img' && (s.getAttribute('aria-label') ?? '').length > 0 && s.querySelector('title') !== null),
      tablesPerChart: Array.from(app.querySelectorAll('[data-chart]'), (s) => s.querySelectorAll('table caption').length),
      bars: app.querySelectorAll('rect.medco-bar').length,
      whiskers: app.querySelectorAll('line.medco-whisker[data-lo]').length,
      cells: app.querySelectorAll('rect.medco-cell').length,
      barHeight: Math.max(...Array.from(app.querySelectorAll('rect.medco-bar'), (r) => r.getBoundingClientRect().height)),
      meta: app.querySelector('[data-testid="stats-meta"]')!.textContent,
    };
  });
  assert.equal(result.charts.length, 6, result.charts.join());
  assert.equal(result.svgCount, 6);
  assert.ok(result.labelled);
  assert.deepEqual(result.tablesPerChart, [1, 1, 1, 1, 1, 1]);
  assert.ok(result.bars > 0 && result.whiskers > 0);
  assert.equal(result.cells, 6); // 3 annotators × 2 dimensions
  assert.ok(result.barHeight > 10, 'bars are drawn with real size');
  assert.match(result.meta ?? '', /3 annotators, 6 items/);
});

test('hostile annotator ids, flag names and dimension ids stay text: nothing runs, no CSP violation but the toolkit probe', async () => {
  await showSample();
  await settle(page);
  const result = await page.evaluate(([annotator, flag]) => {
    const w = window as unknown as { __pwnedCalls: unknown[]; __violations: { directive: string; sample: string }[] };
    const app = document.getElementById('app')!;
    const handlers: string[] = [];
    const styled: string[] = [];
    for (const e of app.querySelectorAll('*')) {
      for (const attr of e.getAttributeNames()) {
        if (attr.startsWith('on')) handlers.push(`${e.tagName} ${attr}`);
        if (attr === 'style') styled.push(e.tagName);
      }
    }
    const headers = Array.from(app.querySelectorAll('th'), (th) => th.textContent);
    return {
      pwned: w.__pwnedCalls.slice(),
      violations: w.__violations.slice(),
      active: Array.from(app.querySelectorAll('script, img, iframe, object, embed, foreignObject, style, a, use'), (e) => e.outerHTML.slice(0, 80)),
      handlers,
      styled,
      annotatorAsText: headers.includes(annotator),
      flagAsText: headers.includes(flag),
    };
  }, [EVIL_ANNOTATOR, EVIL_FLAG]);
  assert.deepEqual(result.pwned, []);
  assert.deepEqual(result.active, []);
  assert.deepEqual(result.handlers, []);
  assert.deepEqual(result.styled, []);
  assert.ok(result.annotatorAsText, 'the hostile annotator id is shown as text');
  assert.ok(result.flagAsText, 'the hostile flag name is shown as text');
  for (const v of result.violations) {
    // @microsoft/fast-foundation's empty :focus-visible probe (see buildCsp); nothing else.
    assert.equal(v.directive, 'style-src-elem');
    assert.equal(v.sample, '');
  }
});

test('chart colours come from the theme variables at render time', async () => {
  await showSample();
  const fills = await page.evaluate(() => {
    const bar = document.querySelector('rect.medco-series-0')!;
    const before = getComputedStyle(bar).fill;
    document.documentElement.style.setProperty('--vscode-charts-red', 'rgb(1, 2, 3)');
    const after = getComputedStyle(bar).fill;
    document.documentElement.style.removeProperty('--vscode-charts-red');
    return { before, after };
  });
  assert.equal(fills.after, 'rgb(1, 2, 3)');
  assert.notEqual(fills.before, fills.after);
});

test('Refresh and Export post their requests; a host error is shown as text', async () => {
  await showSample();
  await page.click('[data-testid="stats-export"]');
  await page.click('[data-testid="stats-refresh"]');
  const types = (await posted(page)).map((m) => m.type);
  assert.ok(types.includes('export') && types.includes('refresh'), types.join());
  await postToWebview(page, { type: 'statsError', message: EVIL_FLAG, strings: {} });
  const shown = await page.waitForSelector('[data-testid="stats-error"]');
  assert.match((await shown.textContent()) ?? '', /<script>/);
  await settle(page);
  assert.deepEqual(await page.evaluate(() => (window as unknown as { __pwnedCalls: unknown[] }).__pwnedCalls.slice()), []);
});

test('a dataset without ratings shows a message, no charts', async () => {
  const stats = computeStats([], { bootstrap: 0 });
  await postToWebview(page, {
    type: 'showStats',
    dashboard: buildDashboard([], stats, { bootstrap: 0 }),
    strings: { 'No ratings yet.': 'Noch keine Bewertungen.' },
    computedAt: new Date().toISOString(),
  });
  const empty = await page.waitForSelector('[data-testid="stats-empty"]');
  assert.equal(await empty.textContent(), 'Noch keine Bewertungen.');
  assert.equal(await page.evaluate(() => document.querySelectorAll('#app svg').length), 0);
});

test('with blind pairwise judgements the panel has Ratings and Preferences tabs, by mouse and keyboard', async () => {
  const comparisons: Record<string, unknown> = {};
  ['medco', 'medco', 'base', 'tie', 'medco', 'both_bad'].forEach((winner, i) => {
    comparisons[`qa-ja-00${i}::base::medco`] = { sides: { '1': i % 2 ? 'base' : 'medco', '2': i % 2 ? 'medco' : 'base' }, winner: { clinical_soundness: winner } };
  });
  const files = [{ ...annotationFile('dr-sato', ['qa-ja-001', 'qa-ja-002'], { clinical_soundness: [4, 3] }), comparisons } as never];
  const stats = computeStats(files, { bootstrap: 50 });
  await postToWebview(page, { type: 'showStats', dashboard: buildDashboard(files, stats, { bootstrap: 50 }), strings: Object.fromEntries(STATS_UI_STRINGS.map((k) => [k, k])), computedAt: new Date().toISOString() });
  const prefTab = await page.waitForSelector('[data-testid="stats-tab-preferences"]');
  assert.equal(await page.isVisible('[data-testid="stats-panel-ratings"]'), true);
  assert.equal(await page.isHidden('[data-testid="stats-panel-preferences"]'), true);
  await prefTab.click();
  await page.waitForSelector('[data-testid="stats-panel-preferences"]:not([hidden])');
  assert.equal(await prefTab.getAttribute('aria-selected'), 'true');
  assert.equal(await page.isHidden('[data-testid="stats-panel-ratings"]'), true);
  assert.ok(await page.isVisible('[data-testid="chart-strengths-clinical_soundness"] svg'));
  assert.match((await page.textContent('[data-testid="table-winrates-clinical_soundness"]')) ?? '', /base vs medco/);
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('[data-testid="stats-panel-ratings"]:not([hidden])');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'stats-tab-ratings');
});

test('with an LLM judge the Scores tab shows its count grid against the physicians\' median, themed, with a table and the agreement figures', async () => {
  const items = ['qa-ja-001', 'qa-ja-002', 'qa-ja-003', 'qa-ja-004'];
  const judge = { ...annotationFile('judge-m', items, { clinical_soundness: [4, 3, 4, 2] }), annotator: { id: 'judge-m', role: 'model', model: 'm' } };
  const files = [
    annotationFile('dr-a', items, { clinical_soundness: [4, 2, 5, 1] }),
    annotationFile('dr-b', items, { clinical_soundness: [4, 3, 5, 1] }),
    judge,
  ];
  const stats = computeStats(files, { bootstrap: 0 });
  await postToWebview(page, { type: 'showStats', dashboard: buildDashboard(files, stats, { bootstrap: 0 }), strings: Object.fromEntries(STATS_UI_STRINGS.map((k) => [k, k])), computedAt: new Date().toISOString() });
  const scoresTab = await page.waitForSelector('[data-testid="stats-tab-scores"]');
  assert.equal(await scoresTab.textContent(), 'Scores');
  assert.equal(await page.isHidden('[data-testid="stats-panel-scores"]'), true);
  await scoresTab.click();
  await page.waitForSelector('[data-testid="stats-panel-scores"]:not([hidden])');
  const chart = '[data-testid="chart-judge-judge-m-clinical_soundness"] svg';
  assert.ok(await page.isVisible(chart));
  assert.equal(await page.getAttribute(chart, 'role'), 'img');
  assert.equal(await page.getAttribute(chart, 'aria-label'), "judge-m against the physicians' median: clinical_soundness");
  // One circle per occupied cell: (4,4) (3,2.5) (4,5) (2,1); the count is written beside the colour.
  assert.deepEqual(
    await page.$$eval(`${chart} g.medco-count`, (gs) => gs.map((g) => `${g.getAttribute('data-y')}/${g.getAttribute('data-x')}:${g.getAttribute('data-count')}:${g.querySelector('text')?.textContent}`).sort()),
    ['2/1:1:1', '3/2.5:1:1', '4/4:1:1', '4/5:1:1'],
  );
  const fills = await page.evaluate((selector) => {
    const circle = document.querySelector(`${selector} circle`)!;
    const before = getComputedStyle(circle).fill;
    document.documentElement.style.setProperty('--vscode-charts-blue', 'rgb(4, 5, 6)');
    const after = getComputedStyle(circle).fill;
    document.documentElement.style.removeProperty('--vscode-charts-blue');
    return { before, after };
  }, chart);
  assert.equal(fills.after, 'rgb(4, 5, 6)');
  const caption = (await page.textContent('[data-testid="table-judge-judge-m-clinical_soundness"] caption')) ?? '';
  assert.match(caption, /items 4; weighted kappa \(quadratic\) [0-9.]+; Krippendorff's alpha \(ordinal\) with the judge [0-9.—-]+, without [0-9.—-]+; bias \(judge − median\) \+0\.13/);
  assert.equal(await page.$$eval('[data-testid="table-judge-judge-m-clinical_soundness"] tbody tr', (rows) => rows.length), 5);
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('[data-testid="stats-panel-ratings"]:not([hidden])');
});
