// Entry point of the adjudication panel webview (bundled to dist/webview/app-adjudication.js,
// loaded under a strict CSP with a nonce). Everything it shows arrives as typed host messages.
import { mountApp } from './shared/app';
import { AdjudicationApp } from './adjudication/adjudicationApp';

mountApp((root, api) => new AdjudicationApp(root, api));
