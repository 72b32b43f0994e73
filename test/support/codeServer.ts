// Runs the packaged extension in a real VS Code for end-to-end tests: code-server (VS Code 1.100
// for the web, prepared by scripts/setup-e2e.sh) with the VSIX installed into a fresh extensions
// dir, the sample workspace copied to a temp folder, and Debian's Chromium driven by playwright-core.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, chromiumProblem, launchChromium } from './chromium';
import { descendants, killTree, signalAll } from './processTree';

export { CHROMIUM, CHROMIUM_ARGS };

export const REPO = path.resolve(__dirname, '..', '..');
export const CODE_SERVER_ENTRY = path.join(REPO, '.cache', 'code-server', 'package', 'out', 'node', 'entry.js');
export const VSIX = process.env.MEDCO_E2E_VSIX ?? path.join(REPO, 'dist', 'medco-review.vsix');

export interface CodeServerOptions {
  /** Folder copied into the temp workspace. Default: the repo's sample/. */
  workspaceSource?: string;
  /** User settings of the VS Code instance (the annotator id, quiet UI). */
  settings?: Record<string, unknown>;
  /** Extra query string for the workbench URL (e.g. a test payload). */
  query?: string;
  /** Changes the workspace copy before VS Code opens it. */
  prepareWorkspace?: (workspace: string) => void;
  /**
   * Keep VS Code's workspace trust on (default: off). The folder then opens untrusted, in
   * Restricted Mode, without the startup prompt; settings may still turn the prompt back on.
   */
  workspaceTrust?: boolean;
}

export interface CodeServerSession {
  root: string;
  workspace: string;
  url: string;
  logFile: string;
  browser: Browser;
  page: Page;
  /** Screenshot + code-server log tail into test-results/ for a failed test; returns the paths. */
  dumpDiagnostics(name: string): Promise<string[]>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
}

export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!existsSync(CODE_SERVER_ENTRY)) missing.push(`${CODE_SERVER_ENTRY} (run bash scripts/setup-e2e.sh)`);
  const chromium = chromiumProblem();
  if (chromium) missing.push(chromium);
  if (!existsSync(VSIX)) missing.push(`${VSIX} (run npm run package)`);
  return missing;
}

/** Installs a VSIX into `extensionsDir` the way a user does (code-server --install-extension). */
export function installVsix(vsix: string, extensionsDir: string, userDataDir: string): void {
  const r = spawnSync(
    process.execPath,
    [CODE_SERVER_ENTRY, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (r.status !== 0) throw new Error(`installing ${vsix} failed (${r.status}): ${r.stderr || r.stdout}`);
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServerSession> {
  const missing = missingPrerequisites();
  if (missing.length > 0) throw new Error(`end-to-end prerequisites missing:\n  ${missing.join('\n  ')}`);
  const root = mkdtempSync(path.join(tmpdir(), 'medco-e2e-'));
  const removeRoot = (): void => {
    if (!process.env.MEDCO_E2E_KEEP) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  const extensionsDir = path.join(root, 'extensions');
  const userDataDir = path.join(root, 'user-data');
  const workspace = path.join(root, 'workspace');
  const logFile = path.join(root, 'code-server.log');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        ...(options.workspaceTrust
          ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' }
          : { 'security.workspace.trust.enabled': false }),
        'update.mode': 'none',
        ...options.settings,
      },
      null,
      2,
    ),
  );
  try {
    cpSync(options.workspaceSource ?? path.join(REPO, 'sample'), workspace, { recursive: true });
    options.prepareWorkspace?.(workspace);
    installVsix(VSIX, extensionsDir, userDataDir);
  } catch (err) {
    removeRoot();
    throw err;
  }

  const port = await freePort();
  const log = createWriteStream(logFile);
  const server: ChildProcess = spawn(
    process.execPath,
    [
      CODE_SERVER_ENTRY,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      // MEDCO_E2E_LOG=debug shows the extension's message log (types only) in the user-data logs.
      ...(process.env.MEDCO_E2E_LOG ? ['--log', process.env.MEDCO_E2E_LOG] : []),
      workspace,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OPENAI_API_KEY: '' } },
  );
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  let exited = false;
  server.on('exit', () => (exited = true));

  // A test process that dies (or a start that fails) must not leave code-server running, nor
  // the VS Code server, extension host and pty host it started.
  const killServer = (): void => {
    if (server.pid !== undefined) killTree(server.pid);
  };
  process.once('exit', killServer);

  const base = `http://127.0.0.1:${port}`;
  let browser: Browser | undefined;
  let page: Page;
  try {
    await waitFor('code-server to answer', async () => {
      if (exited) throw new Error(`code-server exited; log: ${logFile}`);
      const res = await fetch(`${base}/healthz`);
      return res.ok;
    }, 60_000);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    // The first load compiles and serves the workbench: under load (a shared machine) it can take
    // longer than Playwright's default 30 s, which failed whole e2e files before any test ran.
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}${options.query ?? ''}`, { timeout: 120_000 });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
  } catch (err) {
    await browser?.close().catch(() => undefined);
    killServer();
    process.removeListener('exit', killServer);
    log.end();
    removeRoot();
    throw new Error(`${(err as Error).message}\n(code-server log: ${logFile})`);
  }
  const url = `${base}/?folder=${encodeURIComponent(workspace)}`;
  const openBrowser = browser;

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killServer);
    await openBrowser.close().catch(() => undefined);
    // Collected before the stop: once code-server exits, its children lose their parent link.
    const started = server.pid === undefined ? [] : descendants(server.pid);
    if (!exited) {
      server.kill('SIGTERM');
      await waitFor('code-server to stop', () => exited, 10_000, 100).catch(() => undefined);
    }
    killServer();
    signalAll(started, 'SIGKILL');
    log.end();
    removeRoot();
  };

  const dumpDiagnostics = async (name: string): Promise<string[]> => {
    const dir = path.join(REPO, 'test-results');
    mkdirSync(dir, { recursive: true });
    const safe = name.replace(/[^A-Za-z0-9_-]+/g, '-');
    const shot = path.join(dir, `${safe}.png`);
    const logCopy = path.join(dir, `${safe}.code-server.log`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    if (existsSync(logFile)) writeFileSync(logCopy, readFileSync(logFile));
    return [shot, logCopy];
  };

  return { root, workspace, url, logFile, browser: openBrowser, page, dumpDiagnostics, stop };
}

/**
 * Saves a screenshot as test-results/<name>; with MEDCO_UPDATE_SCREENSHOTS=1 also copies it to
 * docs/<name> (the README's pictures), so that a test run never changes tracked files by itself.
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(REPO, 'test-results');
  mkdirSync(dir, { recursive: true });
  const shot = path.join(dir, name);
  await page.screenshot({ path: shot });
  if (process.env.MEDCO_UPDATE_SCREENSHOTS === '1') copyFileSync(shot, path.join(REPO, 'docs', name));
  return shot;
}

/** One try of a quick-input step: false, with the quick input closed so that the next try starts afresh, if it failed. */
async function attempt(page: Page, step: () => Promise<unknown>): Promise<boolean> {
  try {
    await step();
    return true;
  } catch {
    await page.keyboard.press('Escape');
    return false;
  }
}

/**
 * Runs a palette command by its title (F1, then `>` + title), as a user does. Retries while the
 * workbench is still starting (the palette may open before the extension's commands are listed).
 */
export async function runCommand(page: Page, title: string, timeoutMs = 90_000): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await waitFor(
    `the palette to offer "${title}"`,
    async () => {
      if (!(await input.isVisible())) {
        await page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 10_000 });
      }
      await input.fill(`>${title}`);
      return attempt(page, () => row.waitFor({ state: 'visible', timeout: 5_000 }));
    },
    timeoutMs,
    500,
  );
  await page.keyboard.press('Enter');
}

/**
 * Runs `command`, types `text` into the quick pick it opens and accepts the row that shows `text`.
 * Under load the palette can still be closing, or the picker still loading its rows, when a fixed
 * wait ends: the whole step is retried until `timeoutMs`.
 */
export async function chooseFromPicker(page: Page, command: string, text: string, timeoutMs = 120_000): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await waitFor(
    `the picker of "${command}" to offer ${text}`,
    async () => {
      await runCommand(page, command);
      return attempt(page, async () => {
        // The command's picker has replaced the palette once the input no longer holds ">command".
        await waitFor('the picker to replace the palette', async () => (await input.isVisible()) && !(await input.inputValue()).startsWith('>'), 20_000);
        await input.fill(text);
        await row.waitFor({ state: 'visible', timeout: 20_000 });
      });
    },
    timeoutMs,
    500,
  );
  await page.keyboard.press('Enter');
}

/**
 * Reloads the window the way a user does (Developer: Reload Window): VS Code then flushes its
 * state (open editors, webview state) before unloading, which a bare page.reload() does not wait
 * for, so a restored panel could be missing.
 */
/**
 * Remembers whether a test of an e2e file failed, so that the file's `after` saves the workbench's
 * diagnostics (screenshot, logs) only then: wrap each test's body in `guarded`, end with `stop`.
 */
export function failureDiagnostics(name: string): {
  guarded: (fn: () => Promise<void>) => Promise<void>;
  stop: (cs: CodeServerSession | undefined) => Promise<void>;
} {
  let failed = false;
  return {
    guarded: async (fn) => {
      try {
        await fn();
      } catch (err) {
        failed = true;
        throw err;
      }
    },
    stop: async (cs) => {
      if (failed && cs) console.error(`e2e failure diagnostics: ${(await cs.dumpDiagnostics(name)).join(', ')}`);
      await cs?.stop();
    },
  };
}

export async function reloadWindow(page: Page): Promise<void> {
  const reloaded = page.waitForEvent('load', { timeout: 90_000 });
  await runCommand(page, 'Developer: Reload Window');
  await reloaded;
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
}

/** The webview frame holding `selector` (webviews are nested iframes). */
export async function findFrame(page: Page, selector: string, timeoutMs = 60_000): Promise<Frame> {
  return waitFor(
    `a webview frame with ${selector}`,
    async () => {
      for (const frame of page.frames()) {
        if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
      }
      return undefined;
    },
    timeoutMs,
    300,
  );
}
