// Entry point of the review panel webview (bundled to dist/webview/app-review.js, an ES module
// loaded under a strict CSP with a nonce). Everything it shows arrives as typed host messages.
import { mountApp } from './shared/app';
import { ReviewApp } from './review/reviewApp';

mountApp((root, api) => new ReviewApp(root, api));
