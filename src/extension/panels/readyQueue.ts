// The one queue-until-ready policy of every panel host (panelHost.ts), kept free of `vscode` so it
// is tested in plain Node. A webview document can only receive messages after it said `ready`;
// what the host posts before that is kept, the latest message per key (a panel's key is its kind,
// or kind plus item where several of a kind matter), and sent in order on `ready`. Nothing posted
// before ready is dropped unless a newer message of the same key replaced it.
//
// A document can say `ready` again (VS Code reloads a hidden panel's document when it is shown):
// the latest "view" message (the one that draws the whole panel) is then sent again, so a reloaded
// document is never left blank.

export interface QueuePolicy<M> {
  /** Messages with the same key replace each other while the webview is not ready. */
  keyOf(message: M): string;
  /** True for the message that draws the whole panel, replayed when the document says ready again. */
  isView(message: M): boolean;
}

export class ReadyQueue<M> {
  private isReady = false;
  private readonly pending = new Map<string, M>();
  private lastView: M | undefined;

  constructor(private readonly policy: QueuePolicy<M>) {}

  /** What to send now for `message`: itself when ready, nothing (it is queued) otherwise. */
  post(message: M): M[] {
    if (this.policy.isView(message)) this.lastView = message;
    if (this.isReady) return [message];
    const key = this.policy.keyOf(message);
    // Re-inserting moves the key to the end: the queue keeps the order of the latest messages.
    this.pending.delete(key);
    this.pending.set(key, message);
    return [];
  }

  /** The webview said ready: what to send, in order. */
  markReady(): M[] {
    this.isReady = true;
    const out = [...this.pending.values()];
    this.pending.clear();
    if (this.lastView !== undefined && !out.some((m) => this.policy.isView(m))) out.unshift(this.lastView);
    return out;
  }

  /** A new document (a panel created or restored): nothing sent yet, nothing remembered. */
  reset(): void {
    this.isReady = false;
    this.pending.clear();
    this.lastView = undefined;
  }
}
