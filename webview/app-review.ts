// Entry point of the review panel webview (bundled to dist/webview/app-review.js, an ES module
// loaded under a strict CSP with a nonce). Everything it shows arrives as typed host messages.
import { registerComponents } from './components';
import { ReviewApp, type VsCodeApi } from './review/reviewApp';

declare function acquireVsCodeApi(): VsCodeApi;

registerComponents();
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
new ReviewApp(root, acquireVsCodeApi()).start();
