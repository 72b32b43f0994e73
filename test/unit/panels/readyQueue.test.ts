// The panel hosts' one queue-until-ready policy (src/extension/panels/readyQueue.ts), in plain
// Node: nothing posted before `ready` is dropped unless a newer message of its key replaced it,
// and a document that says ready again gets the panel's view again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReadyQueue } from '../../../src/extension/panels/readyQueue';

type M = { type: string; itemId?: string; n?: number };
// The adjudication panel's policy before the redesign kept one pending `showAdjudication` only and
// dropped replies and decision states posted before ready; with the key below nothing is dropped.
const policy = {
  keyOf: (m: M) => (m.itemId ? `${m.type}:${m.itemId}` : m.type),
  isView: (m: M) => m.type === 'show',
};

test('before ready, the latest message per key is kept, in the order of the latest messages', () => {
  const q = new ReadyQueue<M>(policy);
  assert.deepEqual(q.post({ type: 'show', n: 1 }), []);
  assert.deepEqual(q.post({ type: 'state', itemId: 'a', n: 1 }), []);
  assert.deepEqual(q.post({ type: 'state', itemId: 'b', n: 1 }), []);
  assert.deepEqual(q.post({ type: 'show', n: 2 }), []);
  assert.deepEqual(q.post({ type: 'state', itemId: 'a', n: 2 }), []);
  assert.deepEqual(q.markReady(), [
    { type: 'state', itemId: 'b', n: 1 },
    { type: 'show', n: 2 },
    { type: 'state', itemId: 'a', n: 2 },
  ]);
});

test('messages of other kinds posted before ready are not dropped (decision states, replies)', () => {
  const q = new ReadyQueue<M>(policy);
  q.post({ type: 'show', n: 1 });
  q.post({ type: 'decisionState', itemId: 'x', n: 1 });
  q.post({ type: 'reply', itemId: '7', n: 1 });
  assert.deepEqual(q.markReady().map((m) => m.type), ['show', 'decisionState', 'reply']);
});

test('after ready, messages go out at once and nothing is queued', () => {
  const q = new ReadyQueue<M>(policy);
  q.markReady();
  assert.deepEqual(q.post({ type: 'state', itemId: 'a' }), [{ type: 'state', itemId: 'a' }]);
  assert.deepEqual(q.post({ type: 'state', itemId: 'a', n: 2 }), [{ type: 'state', itemId: 'a', n: 2 }]);
});

test('a document that says ready again gets the latest view again, once', () => {
  const q = new ReadyQueue<M>(policy);
  q.post({ type: 'show', n: 1 });
  q.markReady();
  q.post({ type: 'show', n: 2 });
  q.post({ type: 'state', itemId: 'a' });
  // A reloaded document (VS Code re-creates a hidden panel's webview): the view, not old states.
  assert.deepEqual(q.markReady(), [{ type: 'show', n: 2 }]);
});

test('a new document (reset) forgets what the old one was sent', () => {
  const q = new ReadyQueue<M>(policy);
  q.post({ type: 'show', n: 1 });
  q.markReady();
  q.reset();
  assert.deepEqual(q.post({ type: 'state', itemId: 'a' }), []);
  assert.deepEqual(q.markReady(), [{ type: 'state', itemId: 'a' }]);
});
