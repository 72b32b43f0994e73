// Entry point of the statistics panel webview (bundled to dist/webview/app-stats.js, loaded under
// a strict CSP with a nonce). Everything it shows arrives as typed host messages.
import { registerComponents } from './components';
import { StatsApp, type VsCodeApi } from './stats/statsApp';

declare function acquireVsCodeApi(): VsCodeApi;

registerComponents();
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
new StatsApp(root, acquireVsCodeApi()).start();
