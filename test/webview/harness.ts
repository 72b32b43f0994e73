// Runs the review webview in headless Chromium the way VS Code does: the document comes from
// renderWebviewHtml (strict CSP, nonce'd module script), resources are served over a real local
// HTTP socket, and `acquireVsCodeApi` is a stub that records what the webview posts.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { renderWebviewHtml } from '../../src/extension/panels/webviewHtml';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/tempDir';

export { CHROMIUM, CHROMIUM_ARGS, launchChromium } from '../support/chromium';

export const ROOT = findRoot(process.cwd());

/** The project folder: the nearest ancestor whose package.json is medco-review. */
function findRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    try {
      if (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name === 'medco-review') return dir;
    } catch {
      // not here: keep walking up
    }
    if (path.dirname(dir) === dir) throw new Error('run from inside the medco-review project');
  }
}

/** A temp folder removed when the test process exits. */
export const tempFolder = makeTempDir;

/** Builds webview/app-review.ts with the options of scripts/build.mjs into a private folder. */
export async function buildReviewBundle(production = false): Promise<string> {
  return buildWebviewBundle('app-review', production);
}

/** Builds webview/<entry>.ts (app-review, app-adjudication…) like scripts/build.mjs does. */
export async function buildWebviewBundle(entry: string, production = false): Promise<string> {
  const outdir = tempFolder('medco-webview-');
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, 'webview', `${entry}.ts`)],
    bundle: true,
    platform: 'browser',
    target: 'chrome120',
    format: 'esm',
    outdir,
    entryNames: '[name]',
    minify: production,
    sourcemap: false,
    logLevel: 'warning',
    legalComments: 'none',
  });
  return path.join(outdir, `${entry}.js`);
}

export interface Harness {
  browser: Browser;
  server: Server;
  origin: string;
  close(): Promise<void>;
  /**
   * A fresh page showing the webview; `initialState` is what getState() returns at start.
   * `clock`: the page gets Playwright's controllable clock (Date, performance.now, timers) before
   * any of its scripts run; time flows until the test pauses it (page.clock.pauseAt).
   */
  open(options?: OpenOptions): Promise<Page>;
}

export interface OpenOptions {
  initialState?: unknown;
  width?: number;
  /** Viewport height in CSS pixels (default 900). */
  height?: number;
  clock?: boolean;
  /**
   * A colour theme as VS Code gives it to a webview (test/webview/themes/<name>.json, captured from
   * code-server by test/webview/themes/capture.ts): its `--vscode-*` variables on <html>, its
   * body classes and VS Code's default webview styles. Without it the page has no theme at all.
   */
  theme?: ThemeName;
}

/** Which webview app the page loads, as its panel host passes them to renderWebviewHtml. */
export interface WebviewApp {
  script: string;
  styles: string[];
  title: string;
}

/** The adjudication panel's app, as adjudicationPanel.ts passes it. */
export const ADJUDICATION_APP: WebviewApp = { script: 'app-adjudication', styles: ['review.css', 'adjudication.css'], title: 'Adjudication' };

/** The statistics panel's app, as statsPanel.ts passes it. */
export const STATS_APP: WebviewApp = { script: 'app-stats', styles: ['stats.css'], title: 'Statistics' };

/** The review panel's app, as reviewPanel.ts passes it. */
export const REVIEW_APP: WebviewApp = { script: 'app-review', styles: ['review.css'], title: 'Review' };

/** The harness of one test file: `app` built from its sources, served, and one page open on it. */
export async function openApp(app: WebviewApp = REVIEW_APP): Promise<{ h: Harness; page: Page }> {
  const h = await startHarness(await buildWebviewBundle(app.script), app);
  return { h, page: await h.open() };
}

export async function startHarness(bundle: string, app: WebviewApp = REVIEW_APP): Promise<Harness> {
  const script = readFileSync(bundle);
  const css = new Map(app.styles.map((name) => [`/res/ext/media/${name}`, readFileSync(path.join(ROOT, 'media', name))]));
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const html = renderWebviewHtml({
        webview: { cspSource: origin, asWebviewUri: (u: { path: string; with(c: { path: string }): unknown }) => u.with({ path: `/res${u.path}` }) } as never,
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        extensionUri: fakeUri('/ext') as any,
        script: app.script,
        styles: app.styles,
        title: app.title,
      });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      // VS Code puts its default webview styles first in <head>, before the extension's own.
      const themed = url.searchParams.has('theme') ? html.replace('<head>', `<head>\n    <link rel="stylesheet" href="${origin}/vscode-default-styles.css?theme=${url.searchParams.get('theme')}">`) : html;
      res.end(themed.replace(/(src|href)="file:\/\//g, `$1="${origin}`));
    } else if (url.pathname === '/vscode-default-styles.css') {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' });
      res.end(themeDefaultStyles(loadTheme(url.searchParams.get('theme') as ThemeName)));
    } else if (url.pathname === `/res/ext/dist/webview/${app.script}.js`) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else if (css.has(url.pathname)) {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' });
      res.end(css.get(url.pathname));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no server address');
  origin = `http://127.0.0.1:${address.port}`;
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (err) {
    // Without this the listening server keeps the test process alive after the failure.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw err;
  }
  return {
    browser,
    server,
    origin,
    async open(options = {}) {
      const page = await browser.newPage({ viewport: { width: options.width ?? 1400, height: options.height ?? 900 } });
      if (options.clock) await page.clock.install();
      // A string, not a function: tsx's keepNames helpers (__name) do not exist in the page.
      await page.addInitScript(`(${STUB_SOURCE})(${JSON.stringify(options.initialState ?? null)})`);
      if (options.theme) await page.addInitScript(`(${THEME_SOURCE})(${JSON.stringify(loadTheme(options.theme))})`);
      await page.goto(`${origin}/index.html${options.theme ? `?theme=${options.theme}` : ''}`);
      await page.waitForFunction(() => ((window as unknown as { __posted: { type: string }[] }).__posted).some((m) => m.type === 'ready'));
      return page;
    },
    async close() {
      await browser.close().catch(() => undefined);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const THEME_NAMES = ['light', 'dark', 'high-contrast', 'high-contrast-light'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];

interface CapturedTheme {
  theme: string;
  bodyClass: string;
  bodyData: Record<string, string>;
  defaultStyles: string;
  vars: Record<string, string>;
}

export function loadTheme(name: ThemeName): CapturedTheme {
  if (!THEME_NAMES.includes(name)) throw new Error(`unknown theme ${name}`);
  return JSON.parse(readFileSync(path.join(ROOT, 'test', 'webview', 'themes', `${name}.json`), 'utf8')) as CapturedTheme;
}

/**
 * VS Code's default webview styles, plus the background the user sees: the webview's body is
 * transparent and the editor background shows through it (a page alone would show white).
 */
function themeDefaultStyles(theme: CapturedTheme): string {
  return `${theme.defaultStyles}\nhtml { background-color: var(--vscode-editor-background); }\n`;
}

/**
 * Applies a theme the way VS Code's webview host does: variables through the CSSOM on <html>
 * (allowed under the strict CSP), classes and data attributes on <body>, once the document is
 * parsed and before the deferred app script runs (readyState 'interactive'; an init script runs
 * before <html> exists).
 */
const THEME_SOURCE = `function (theme) {
  function apply() {
    var html = document.documentElement;
    Object.keys(theme.vars).forEach(function (k) { html.style.setProperty(k, theme.vars[k]); });
    theme.bodyClass.split(' ').forEach(function (c) { if (c) document.body.classList.add(c); });
    Object.keys(theme.bodyData).forEach(function (k) { document.body.setAttribute(k, theme.bodyData[k]); });
  }
  document.addEventListener('readystatechange', function once() {
    if (document.body) { document.removeEventListener('readystatechange', once); apply(); }
  });
}`;

/** The page-side stub of VS Code's webview API, plus spies the tests read. */
const STUB_SOURCE = `function (initial) {
  var posted = [], pwned = [], violations = [], state = initial;
  window.__posted = posted;
  window.__pwned = function (tag) { pwned.push(tag === undefined ? true : tag); };
  window.__pwnedCalls = pwned;
  window.__violations = violations;
  window.__state = function () { return state; };
  window.acquireVsCodeApi = function () {
    return {
      postMessage: function (m) { posted.push(JSON.parse(JSON.stringify(m))); },
      getState: function () { return state; },
      setState: function (s) { state = JSON.parse(JSON.stringify(s)); },
    };
  };
  document.addEventListener('securitypolicyviolation', function (e) {
    violations.push({ directive: e.violatedDirective, sample: e.sample, blocked: e.blockedURI });
  });
}`;

function fakeUri(p: string): { path: string; with(c: { path?: string }): unknown; toString(): string } {
  return {
    path: p,
    with(c) {
      return fakeUri(c.path ?? p);
    },
    toString() {
      return `file://${p}`;
    },
  };
}

/**
 * A barrier before a negative assertion ("nothing ran", "nothing was loaded"): resolves once a
 * probe image requested now has failed or loaded (so the page has been through the network
 * round trip any rendered payload image would have made) and two animation frames have passed
 * (so the events that follow it, such as error handlers and CSP reports, have been dispatched).
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(`new Promise(function (resolve) {
    var probe = new Image();
    probe.onload = probe.onerror = function () {
      requestAnimationFrame(function () { requestAnimationFrame(function () { resolve(true); }); });
    };
    probe.src = '/medco-settle-probe-' + Math.random();
  })`);
}

/**
 * A barrier for "the webview ignored these messages": posts a mark (a message no app accepts) and
 * waits until a listener added after the app's own has seen it. Listeners run in the order they
 * were added and host messages are handled synchronously, so everything posted before the mark
 * has been handled by then.
 */
export async function hostMessagesHandled(page: Page): Promise<void> {
  const mark = `barrier-${Math.random().toString(36).slice(2)}`;
  const seen = page.evaluate(
    (m) => new Promise<void>((resolve) => window.addEventListener('message', (e) => e.data?.mark === m && resolve())),
    mark,
  );
  await postToWebview(page, { type: 'barrier', mark });
  await seen;
}

/** Posts a host message to the page as VS Code would (from the parent frame, same origin). */
export async function postToWebview(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

export async function posted(page: Page): Promise<{ type: string; [k: string]: unknown }[]> {
  return page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted.slice());
}

export async function clearPosted(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __posted: unknown[] }).__posted.length = 0;
  });
}
