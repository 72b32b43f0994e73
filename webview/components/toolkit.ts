// The only module that knows about @vscode/webview-ui-toolkit (archived upstream). Replacing the
// toolkit means rewriting this file: the rest of the UI asks for controls through ./index.ts.
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDivider,
  vsCodeTextArea,
} from '@vscode/webview-ui-toolkit';

let registered = false;

/**
 * Registers only the toolkit elements the UI uses (fewer custom elements, less start-up work).
 * `vscode-tag` is deliberately not used: its template (FAST's badge) carries a `style="${…}"`
 * binding, which our CSP (no inline styles) reports as a style-src-attr violation on every render.
 */
export function registerToolkit(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeDivider(),
    vsCodeTextArea(),
  );
}

/** Tag names of the toolkit elements, so that callers never spell them. */
export const TAGS = {
  button: 'vscode-button',
  checkbox: 'vscode-checkbox',
  divider: 'vscode-divider',
  textArea: 'vscode-text-area',
} as const;

/** The value-carrying toolkit elements expose these properties (FAST form-associated elements). */
export interface ValueElement extends HTMLElement {
  value: string;
}
export interface CheckedElement extends HTMLElement {
  checked: boolean;
}
