// Captures what VS Code gives a webview for each colour theme (the `--vscode-*` custom properties
// on <html>, the body's theme classes and data attributes) into test/webview/themes/<kind>.json,
// so that the webview tests (accessibility, layout) render the panels with a real theme's colours.
// Run once per VS Code upgrade: `node --import tsx test/webview/themes/capture.ts` (needs
// code-server from scripts/setup-e2e.sh and Chromium). VS Code's default webview stylesheet
// (`_defaultStyles`: body colours, fonts, `code` colours) is captured with them. It opens a Markdown preview, a webview that
// ships with VS Code, so no VSIX is needed.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CODE_SERVER_ENTRY, REPO, freePort, runCommand, waitFor } from '../../support/codeServer';
import { launchChromium } from '../../support/chromium';
import { killTree } from '../../support/processTree';

const THEMES: Record<string, string> = {
  light: 'Default Light Modern',
  dark: 'Default Dark Modern',
  'high-contrast': 'Default High Contrast',
  'high-contrast-light': 'Default High Contrast Light',
};

async function capture(kind: string, themeName: string): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'medco-theme-'));
  const userData = path.join(root, 'user-data');
  const workspace = path.join(root, 'ws');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(workspace);
  writeFileSync(path.join(workspace, 'a.md'), '# theme probe\n');
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.colorTheme': themeName, 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off', 'update.mode': 'none',
  }));
  const port = await freePort();
  const server = spawn(process.execPath, [CODE_SERVER_ENTRY, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userData, '--extensions-dir', path.join(root, 'ext'), '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', workspace], { stdio: 'ignore' });
  const browser = await launchChromium();
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor('code-server', async () => (await fetch(`${base}/healthz`)).ok);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
    // Quick Open without the '>' prefix searches files.
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('a.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'a.md' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor').first().waitFor();
    await runCommand(page, 'Markdown: Open Preview');
    const theme = await waitFor('a themed webview', async () => {
      for (const frame of page.frames()) {
        const got = await frame.evaluate(() => {
          const html = document.documentElement;
          const vars: Record<string, string> = {};
          for (let i = 0; i < html.style.length; i++) {
            const name = html.style[i]!;
            if (name.startsWith('--vscode-')) vars[name] = html.style.getPropertyValue(name).trim();
          }
          const body = document.body;
          const data: Record<string, string> = {};
          for (const a of Array.from(body?.attributes ?? [])) if (a.name.startsWith('data-vscode')) data[a.name] = a.value;
          const defaultStyles = document.getElementById('_defaultStyles')?.textContent ?? '';
          return Object.keys(vars).length > 50 && body?.className ? { bodyClass: body.className, bodyData: data, vars, defaultStyles } : undefined;
        }).catch(() => undefined);
        if (got) return got;
      }
      return undefined;
    });
    const sorted = Object.fromEntries(Object.entries(theme.vars).sort(([a], [b]) => a.localeCompare(b)));
    const out = path.join(REPO, 'test', 'webview', 'themes', `${kind}.json`);
    writeFileSync(out, `${JSON.stringify({ theme: themeName, source: 'code-server 4.100.3 (VS Code 1.100.3), Markdown preview webview', bodyClass: theme.bodyClass.split(/\s+/).filter((c) => c.startsWith('vscode-')).join(' '), bodyData: theme.bodyData, defaultStyles: theme.defaultStyles, vars: sorted }, null, 2)}\n`);
    console.log(`${kind}: ${Object.keys(sorted).length} variables -> ${path.relative(REPO, out)}`);
  } finally {
    await browser.close();
    if (server.pid !== undefined) killTree(server.pid);
    rmSync(root, { recursive: true, force: true });
  }
}

void (async () => {
  for (const [kind, name] of Object.entries(THEMES)) await capture(kind, name);
})();
