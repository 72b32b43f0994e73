// The one rule every webview app uses to accept messages from the extension host.

/**
 * Calls `handle` with each message from the extension host that passes `isValid`; anything else
 * (another origin, a frame inside rendered content, a malformed message) is ignored. VS Code's
 * webview frame relays the host's messages with our own (per-webview) origin. The sending window
 * is not checked: in VS Code 1.100 / code-server it is neither `window.parent` nor `top`
 * (end-to-end runs showed blank panels while it was).
 */
export function onHostMessage<T>(win: Window, isValid: (data: unknown) => data is T, handle: (message: T) => void): void {
  win.addEventListener('message', (event: MessageEvent) => {
    const fromHost = event.origin === win.origin || event.origin === '';
    if (fromHost && isValid(event.data)) handle(event.data);
  });
}
