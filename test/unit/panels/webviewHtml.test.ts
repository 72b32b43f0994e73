import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCsp, newNonce, renderWebviewHtml } from '../../../src/extension/panels/webviewHtml';

// A minimal stand-in for vscode.Uri: only what renderWebviewHtml uses (path, with, toString).
class FakeUri {
  constructor(readonly scheme: string, readonly path: string) {}
  with(change: { path?: string }): FakeUri {
    return new FakeUri(this.scheme, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}
const CSP_SOURCE = 'https://*.vscode-cdn.net';
/* eslint-disable @typescript-eslint/no-explicit-any */
const webview: any = {
  cspSource: CSP_SOURCE,
  asWebviewUri: (u: FakeUri) => new FakeUri('https', `cdn${u.path}`),
};
const ext = new FakeUri('file', '/ext') as any;
/* eslint-enable @typescript-eslint/no-explicit-any */

test('buildCsp gives exactly the strict policy', () => {
  assert.equal(
    buildCsp(CSP_SOURCE, 'abc123=='),
    `default-src 'none'; script-src 'nonce-abc123=='; style-src ${CSP_SOURCE}; font-src ${CSP_SOURCE}; img-src ${CSP_SOURCE} data:`,
  );
});

test('buildCsp never allows inline or eval code', () => {
  const csp = buildCsp(CSP_SOURCE, newNonce());
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*;|https:;/);
  assert.match(csp, /^default-src 'none';/);
});

test('buildCsp refuses a nonce or source that could inject directives', () => {
  assert.throws(() => buildCsp(CSP_SOURCE, "x'; script-src *"));
  assert.throws(() => buildCsp("x; script-src 'unsafe-inline'", 'abc'));
  assert.throws(() => buildCsp('', 'abc'));
});

test('buildCsp accepts the space-separated source list VS Code and code-server give', () => {
  const csp = buildCsp("'self' https://*.vscode-cdn.net", 'abc');
  assert.match(csp, /style-src 'self' https:\/\/\*\.vscode-cdn\.net;/);
});

test('newNonce is fresh, base64, 128 bits', () => {
  const seen = new Set(Array.from({ length: 200 }, () => newNonce()));
  assert.equal(seen.size, 200);
  for (const n of seen) assert.equal(Buffer.from(n, 'base64').length, 16);
});

test('renderWebviewHtml puts the nonce on the module script and the CSP in a meta tag', () => {
  const html = renderWebviewHtml({ webview, extensionUri: ext, script: 'app-review', styles: ['review.css'], title: 'Review <1>', nonce: 'Tk9OQ0U=' });
  assert.match(html, /<script type="module" nonce="Tk9OQ0U=" src="https:\/\/cdn\/ext\/dist\/webview\/app-review\.js"><\/script>/);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;nonce-Tk9OQ0U=&#39;;/);
  assert.match(html, /<link rel="stylesheet" href="https:\/\/cdn\/ext\/media\/review\.css">/);
  assert.match(html, /<title>Review &#60;1&#62;<\/title>/);
  // Exactly one script element, no inline script or style.
  assert.equal(html.match(/<script/g)?.length, 1);
  assert.doesNotMatch(html, /<style|style=/);
});

test('renderWebviewHtml uses a fresh nonce per render', () => {
  const opts = { webview, extensionUri: ext, script: 'app-review', styles: [], title: 't' };
  const nonceOf = (h: string) => /nonce="([^"]+)"/.exec(h)?.[1];
  assert.notEqual(nonceOf(renderWebviewHtml(opts)), nonceOf(renderWebviewHtml(opts)));
});

test('renderWebviewHtml refuses resource names that leave their folder', () => {
  assert.throws(() => renderWebviewHtml({ webview, extensionUri: ext, script: '../secret', styles: [], title: 't' }));
  assert.throws(() => renderWebviewHtml({ webview, extensionUri: ext, script: 'app', styles: ['../../x.css'], title: 't' }));
});
