// The shell every webview app runs in, so each app (ReviewApp, AdjudicationApp, StatsApp) only
// renders: VS Code's webview API (declared once here), the one rule for accepting host messages,
// the ready handshake, UI strings from the host, the typed saved state, and requests matched to
// their replies by id (src/protocol/envelope.ts).
import {
  PendingRequests,
  type ParamsOf,
  type ReadyMessage,
  type ReplyMessage,
  type RequestMessage,
  type RequestType,
  type ResultOf,
} from '../../src/protocol/envelope';
import { registerComponents } from '../components';
import { makeTranslate, type Translate } from './strings';

export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

type Message = { type: string };

export interface AppSpec<In, S> {
  /** The guard of host messages (replies included); anything else is ignored. */
  isMessage: (v: unknown) => v is In;
  /** The guard of the state kept with setState. */
  isState?: (v: unknown) => v is S;
}

export abstract class WebviewApp<In extends Message, Out extends Message, S = never> {
  /** The host's localized UI strings; English keys until the first message that carries them. */
  protected t: Translate = makeTranslate({});
  private readonly requests = new PendingRequests();

  constructor(
    protected readonly root: HTMLElement,
    protected readonly api: VsCodeApi,
    protected readonly win: Window,
    private readonly spec: AppSpec<In, S>,
  ) {}

  /** Listens to the host, lets the app set up its own listeners, then says ready. */
  start(): void {
    // VS Code's webview frame relays the host's messages with our own (per-webview) origin: any
    // other origin, a frame inside rendered content or a malformed message is ignored. The sending
    // window is not checked: in VS Code 1.100 / code-server it is neither `window.parent` nor `top`
    // (end-to-end runs showed blank panels while it was).
    this.win.addEventListener('message', (event: MessageEvent) => {
      const fromHost = event.origin === this.win.origin || event.origin === '';
      if (!fromHost || !this.spec.isMessage(event.data)) return;
      const message = event.data;
      if (message.type === 'reply') this.requests.settle(message as unknown as ReplyMessage);
      else this.handle(message as Exclude<In, ReplyMessage>);
    });
    this.listen();
    this.post({ type: 'ready' });
  }

  /** A host notification (replies go to the request that waits for them). */
  protected abstract handle(message: Exclude<In, ReplyMessage>): void;

  /** The app's own listeners (keys, scrolling…), set up before it says ready. */
  protected listen(): void {}

  protected post(message: Out | ReadyMessage | RequestMessage): void {
    this.api.postMessage(message);
  }

  /** Sends a request; the promise settles with its one reply (rejects with the host's error). */
  protected request<T extends RequestType>(type: T, params: ParamsOf<T>): Promise<ResultOf<T>> {
    const { message, reply } = this.requests.start(type, params);
    this.post(message);
    return reply;
  }

  protected useStrings(strings: Record<string, unknown>): void {
    this.t = makeTranslate(strings);
  }

  /** The state a reloaded document finds again, if well-formed. */
  protected savedState(): S | undefined {
    const state = this.api.getState();
    return this.spec.isState?.(state) ? state : undefined;
  }

  protected storeState(state: S): void {
    this.api.setState(state);
  }
}

/** The entry point of an app bundle: components registered, the app started on #app. */
export function mountApp(create: (root: HTMLElement, api: VsCodeApi) => { start(): void }): void {
  registerComponents();
  const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
  create(root, acquireVsCodeApi()).start();
}
