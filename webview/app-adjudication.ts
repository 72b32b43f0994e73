// Entry point of the adjudication panel webview (bundled to dist/webview/app-adjudication.js,
// loaded under a strict CSP with a nonce). Everything it shows arrives as typed host messages.
import { registerComponents } from './components';
import { AdjudicationApp, type VsCodeApi } from './adjudication/adjudicationApp';

declare function acquireVsCodeApi(): VsCodeApi;

registerComponents();
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
new AdjudicationApp(root, acquireVsCodeApi()).start();
