// The few parts of the `vscode` API that the curation model and the Disagreements tree use, so
// their data can be tested in plain Node on real annotation folders. Only shapes and plain
// behaviour (events, l10n formatting); nothing here decides what the tree shows.
// `installVscodeStub()` must run before a module that imports 'vscode' is loaded (use a dynamic
// import after it).
import Module from 'node:module';
import path from 'node:path';

type Listener<T> = (e: T) => unknown;

class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class ThemeColor {
  constructor(readonly id: string) {}
}
class ThemeIcon {
  constructor(readonly id: string, readonly color?: ThemeColor) {}
}
const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 } as const;
class TreeItem {
  id?: string;
  description?: string;
  tooltip?: string;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  constructor(readonly label: string, readonly collapsibleState: number) {}
}

class Uri {
  private constructor(readonly fsPath: string) {}
  static file(p: string): Uri {
    return new Uri(path.resolve(p));
  }
}
class Range {
  constructor(readonly startLine: number, readonly startCharacter: number, readonly endLine: number, readonly endCharacter: number) {}
}
class RelativePattern {
  constructor(readonly base: Uri, readonly pattern: string) {}
}

/** Watchers created by the code under test; a test fires their events after it changes files. */
export const watchers: { pattern: RelativePattern; fire(kind: 'create' | 'change' | 'delete'): void }[] = [];

function createFileSystemWatcher(pattern: RelativePattern) {
  const emitters = { create: new EventEmitter<Uri>(), change: new EventEmitter<Uri>(), delete: new EventEmitter<Uri>() };
  const watcher = {
    onDidCreate: emitters.create.event,
    onDidChange: emitters.change.event,
    onDidDelete: emitters.delete.event,
    dispose: () => Object.values(emitters).forEach((e) => e.dispose()),
  };
  watchers.push({ pattern, fire: (kind) => emitters[kind].fire(pattern.base) });
  return watcher;
}

/** vscode.l10n.t without translations: the English text with {0}, {1}… filled in. */
function t(message: string, ...args: unknown[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}

export const vscodeStub = {
  EventEmitter,
  ThemeColor,
  ThemeIcon,
  TreeItem,
  TreeItemCollapsibleState,
  Uri,
  Range,
  RelativePattern,
  l10n: { t },
  workspace: { createFileSystemWatcher },
};

const STUB_ID = '\0medco-vscode-stub';
let installed = false;

/** Makes `require('vscode')` return the stub. */
export function installVscodeStub(): void {
  if (installed) return;
  installed = true;
  const loader = Module as unknown as {
    _resolveFilename(request: string, ...rest: unknown[]): string;
    _cache: Record<string, unknown>;
  };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? STUB_ID : resolve.call(this, request, ...rest);
  };
  const mod = new Module(STUB_ID);
  mod.exports = vscodeStub;
  (mod as unknown as { loaded: boolean }).loaded = true;
  loader._cache[STUB_ID] = mod;
}
