// Entry point of the statistics panel webview (bundled to dist/webview/app-stats.js, loaded under
// a strict CSP with a nonce). Everything it shows arrives as typed host messages.
import { mountApp } from './shared/app';
import { StatsApp } from './stats/statsApp';

mountApp((root, api) => new StatsApp(root, api));
