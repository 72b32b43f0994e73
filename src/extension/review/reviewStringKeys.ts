// English texts of the review webview's UI (webview/…), the keys of the `strings` map sent with
// `showItem`. Kept in step with the webview by test/unit/extension/reviewStrings.test.ts, which
// scans webview/ for the strings it asks for; every key needs an entry in l10n/bundle.l10n.json.
export const REVIEW_UI_STRINGS: readonly string[] = [];
