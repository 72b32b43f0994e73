// The review panel's per-user layout (issue #14, item 10): the host keeps the folded item section in
// global state, so a panel created later (closed and reopened, another window, after a restart:
// a new ReviewLayoutPreference on the same memento) opens as the annotator left it; the message
// that carries it is checked on both sides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REVIEW_LAYOUT_KEY, ReviewLayoutPreference, type LayoutMemento } from '../../../src/extension/review/reviewLayout';
import { isHostToWebview, isWebviewToHost } from '../../../src/protocol/messages';

class MapMemento implements LayoutMemento {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    // Stored as VS Code stores it: serialized, so nothing shares references with the caller.
    this.values.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

test('the item section is unfolded until the annotator folds it; a later panel reads the choice', async () => {
  const memento = new MapMemento();
  assert.deepEqual(new ReviewLayoutPreference(memento).get(), { itemCollapsed: false });
  await new ReviewLayoutPreference(memento).set({ itemCollapsed: true });
  assert.deepEqual(memento.values.get(REVIEW_LAYOUT_KEY), { itemCollapsed: true });
  assert.deepEqual(new ReviewLayoutPreference(memento).get(), { itemCollapsed: true });
  await new ReviewLayoutPreference(memento).set({ itemCollapsed: false });
  assert.deepEqual(new ReviewLayoutPreference(memento).get(), { itemCollapsed: false });
});

test('an unreadable stored layout (older or hand-edited) is the default, never passed on', () => {
  for (const stored of ['collapsed', null, { itemCollapsed: 'yes' }, { itemCollapsed: true, extra: 1 }, []]) {
    const memento = new MapMemento();
    memento.values.set(REVIEW_LAYOUT_KEY, stored);
    assert.deepEqual(new ReviewLayoutPreference(memento).get(), { itemCollapsed: false }, JSON.stringify(stored));
  }
});

test('reviewLayout messages: the host accepts only a well-formed layout, the webview only a well-formed one in showItem', () => {
  assert.equal(isWebviewToHost({ type: 'reviewLayout', layout: { itemCollapsed: true } }), true);
  for (const layout of [undefined, {}, { itemCollapsed: 1 }, { itemCollapsed: false, more: true }]) {
    assert.equal(isWebviewToHost({ type: 'reviewLayout', layout }), false, JSON.stringify(layout));
  }
  const show = { type: 'showItem', view: { item: {} }, strings: {} };
  assert.equal(isHostToWebview(show), true, 'layout is optional');
  assert.equal(isHostToWebview({ ...show, layout: { itemCollapsed: true } }), true);
  assert.equal(isHostToWebview({ ...show, layout: { itemCollapsed: 'no' } }), false);
});
