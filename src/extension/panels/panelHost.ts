// The one host side of every webview panel (review, adjudication, statistics). It owns the panel's
// life: create or reveal, restore after a window reload through a WebviewPanelSerializer (the
// webview's saved state checked with a typed guard), the ready handshake with one queue policy
// (readyQueue.ts), typed posting, requests answered with one reply each (src/protocol/envelope.ts),
// logging to the extension's LogOutputChannel, and disposal. A panel subclass supplies only its
// message handlers and its state; webview options and the HTML come from webviewHtml.ts.
import * as vscode from 'vscode';
import { answer, type ReadyMessage, type ReplyMessage, type RequestMessage } from '../../protocol/envelope';
import { panelOptions, renderWebviewHtml } from './webviewHtml';
import { ReadyQueue, type QueuePolicy } from './readyQueue';

export interface PanelSpec<In, S> {
  viewType: string;
  /** Bundle under dist/webview, without extension ('app-review'), and style sheets under media/. */
  script: string;
  styles: string[];
  /** The panel's first title, localized. */
  title: () => string;
  /** The host-side guard of everything the webview sends (ready and requests included). */
  isMessage: (v: unknown) => v is In;
  /** The guard of the state the webview kept with setState, handed back on restore. */
  isState: (v: unknown) => v is S;
}

type Message = { type: string };
type Notification<In> = Exclude<In, ReadyMessage | RequestMessage>;
type Request<In> = Extract<In, RequestMessage>;

/** For panels whose webview keeps no state. */
export const noState = (_v: unknown): _v is never => false;

export abstract class PanelHost<In extends Message, Out extends Message, S = never> implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly queue: ReadyQueue<Out | ReplyMessage>;
  protected readonly subscriptions: vscode.Disposable[] = [];

  protected constructor(
    protected readonly context: vscode.ExtensionContext,
    protected readonly log: vscode.LogOutputChannel,
    private readonly spec: PanelSpec<In, S>,
    policy: Partial<QueuePolicy<Out>> = {},
  ) {
    const keyOf = policy.keyOf ?? ((m: Out) => m.type);
    const isView = policy.isView ?? (() => false);
    this.queue = new ReadyQueue<Out | ReplyMessage>({
      keyOf: (m) => (m.type === 'reply' ? `reply:${(m as ReplyMessage).id}` : keyOf(m as Out)),
      isView: (m) => m.type !== 'reply' && isView(m as Out),
    });
    // Every panel's serializer is registered here, at construction during activation.
    this.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(spec.viewType, {
        deserializeWebviewPanel: (panel, state: unknown) => this.restorePanel(panel, state),
      }),
    );
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  protected get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  protected set title(title: string) {
    if (this.panel) this.panel.title = title;
  }

  /** Creates the panel, or reveals the open one. */
  protected open(): void {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      this.spec.viewType,
      this.spec.title(),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      panelOptions(this.context.extensionUri),
    );
    this.attach(panel);
  }

  /** Posts to the webview now, or keeps it until the webview is ready (ReadyQueue's policy). */
  protected post(message: Out | ReplyMessage): void {
    if (!this.panel) return;
    const now = this.queue.post(message);
    this.log.debug(`${this.spec.viewType}: host → webview ${message.type}${now.length ? '' : ' (queued until ready)'}`);
    for (const m of now) void this.panel.webview.postMessage(m);
  }

  /** Restoring needs something first (a dataset, a model): false closes the restored panel. */
  protected canRestore(): Promise<boolean> | boolean {
    return true;
  }

  /** The panel came back after a reload: show what `state` (the webview's, if well-formed) says. */
  protected abstract restored(state: S | undefined): Promise<void> | void;

  protected abstract onNotification(message: Notification<In>): Promise<void> | void;

  /** Answers a request; what it returns is the result, what it throws the error of the one reply. */
  protected onRequest(message: Request<In>): Promise<unknown> | unknown {
    throw new Error(`no handler for ${message.method}`);
  }

  protected onPanelDisposed(): void {}

  protected onVisible(): void {}

  private async restorePanel(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    if (!(await this.canRestore())) {
      panel.dispose();
      return;
    }
    if (this.panel && this.panel !== panel) this.panel.dispose();
    this.attach(panel);
    if (!this.spec.isState(raw) && raw !== undefined && raw !== null) this.log.warn(`${this.spec.viewType}: ignored a malformed saved state`);
    await this.restored(this.spec.isState(raw) ? raw : undefined);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.queue.reset();
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'medco.svg');
    panel.webview.options = panelOptions(this.context.extensionUri);
    panel.webview.html = renderWebviewHtml({
      webview: panel.webview,
      extensionUri: this.context.extensionUri,
      script: this.spec.script,
      styles: this.spec.styles,
      title: this.spec.title(),
      lang: vscode.env.language,
    });
    const subs = [
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidChangeViewState(() => panel.visible && this.onVisible()),
      panel.onDidDispose(() => {
        subs.forEach((d) => d.dispose());
        if (this.panel === panel) {
          this.panel = undefined;
          this.onPanelDisposed();
        }
      }),
    ];
  }

  private receive(raw: unknown): void {
    // The webview runs untrusted text: anything that is not a well-formed message is dropped.
    if (!this.spec.isMessage(raw)) {
      this.log.warn(`${this.spec.viewType}: ignored a malformed message from the webview`);
      return;
    }
    // Only the message type: ratings, comments and rationales stay out of logs.
    this.log.debug(`${this.spec.viewType}: webview → host ${raw.type}`);
    const failed = (err: unknown) => this.log.error(`${this.spec.viewType}: ${err instanceof Error ? err.message : String(err)}`);
    if (raw.type === 'ready') {
      for (const m of this.queue.markReady()) void this.panel?.webview.postMessage(m);
    } else if (raw.type === 'request') {
      const request = raw as unknown as Request<In>;
      void answer(request.id, () => this.onRequest(request)).then((reply) => this.post(reply), failed);
    } else {
      try {
        void Promise.resolve(this.onNotification(raw as Notification<In>)).catch(failed);
      } catch (err) {
        failed(err);
      }
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.subscriptions.forEach((d) => d.dispose());
  }
}
