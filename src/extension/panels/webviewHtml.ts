// The HTML document and Content Security Policy of every webview panel. The host never puts
// untrusted text into this HTML: the document only loads the bundled app script (with a fresh
// nonce per render) and the extension's style sheets; items arrive later as typed messages.
//
// Only types come from `vscode`, so this module runs in plain Node unit tests as well.
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type * as vscode from 'vscode';

/** A fresh, unguessable nonce (128 bits, base64) for one render of a webview document. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The strict policy of our webviews: nothing but our own nonce'd script, and styles, fonts and
 * images only from the extension's resources. No 'unsafe-inline', no 'unsafe-eval', no network.
 *
 * Under this policy Chromium reports one `style-src-elem` violation: @microsoft/fast-foundation
 * (inside the webview UI toolkit) probes `:focus-visible` support by appending an empty <style>
 * element (`canUseFocusVisible`). The element is blocked, the probe throws, and the toolkit falls
 * back to `:focus` for its focus rings. Nothing is lost that would justify 'unsafe-inline'.
 * (A second one, style-src-attr, came from the toolkit's `vscode-tag` template; the review UI
 * does not use that element, see webview/components/toolkit.ts.)
 */
export function buildCsp(cspSource: string, nonce: string): string {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(nonce)) throw new Error('nonce must be base64');
  // VS Code gives a space-separated list of sources (code-server and desktop 1.100 both do, e.g.
  // `'self' https://*.vscode-cdn.net`); only a directive separator could widen the policy.
  if (/[;,\r\n]/.test(cspSource) || cspSource.trim() === '') throw new Error('cspSource must be a list of source expressions');
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

/**
 * The options of every panel, created or restored: scripts on, no command links, and resources only
 * from the bundled webview code and the extension's media, nothing from the workspace.
 */
export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  const localResourceRoots = [joinUri(extensionUri, 'dist', 'webview'), joinUri(extensionUri, 'media')];
  return { enableScripts: true, enableCommandUris: false, enableFindWidget: true, retainContextWhenHidden: false, localResourceRoots };
}

export interface WebviewHtmlOptions {
  webview: Pick<vscode.Webview, 'cspSource' | 'asWebviewUri'>;
  extensionUri: vscode.Uri;
  /** Bundle name under dist/webview, without extension: 'app-review'. */
  script: string;
  /** Style sheets under media/: ['review.css']. */
  styles: string[];
  title: string;
  /** Document language (BCP 47), e.g. vscode.env.language. */
  lang?: string;
  /** Supplied by tests; a fresh one otherwise. */
  nonce?: string;
}

export function renderWebviewHtml(o: WebviewHtmlOptions): string {
  const nonce = o.nonce ?? newNonce();
  const csp = buildCsp(o.webview.cspSource, nonce);
  const scriptUri = o.webview.asWebviewUri(joinUri(o.extensionUri, 'dist', 'webview', `${safeName(o.script)}.js`));
  const links = o.styles
    .map((s) => o.webview.asWebviewUri(joinUri(o.extensionUri, 'media', safeName(s))))
    .map((uri) => `    <link rel="stylesheet" href="${escapeAttr(uri.toString())}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeAttr(o.lang ?? 'en')}">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <title>${escapeText(o.title)}</title>
${links}
  </head>
  <body>
    <main id="app" aria-busy="true"></main>
    <script type="module" nonce="${nonce}" src="${escapeAttr(scriptUri.toString())}"></script>
  </body>
</html>
`;
}

/** Joins path segments onto a Uri without the runtime `vscode` module (Uri.joinPath). */
function joinUri(base: vscode.Uri, ...segments: string[]): vscode.Uri {
  return base.with({ path: posix.join(base.path, ...segments) });
}

/** Resource names come from our own code; still refuse anything that could leave the folder. */
function safeName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name.includes('..')) throw new Error(`bad resource name: ${name}`);
  return name;
}

function escapeAttr(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
